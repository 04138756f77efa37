import type { RequestHandler } from 'express';
import helmet from 'helmet';

const directives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'https:'],
  connectSrc: ["'self'"],
};

/** The Mini App runs inside Zalo's web view, which frames it from Zalo's own domains. */
export const MINIAPP_PREFIX = '/app';
const ZALO_FRAME_ANCESTORS = ["'self'", 'https://*.zalo.me', 'https://*.zdn.vn'];

const miniApp = helmet({
  contentSecurityPolicy: { directives: { ...directives, frameAncestors: ZALO_FRAME_ANCESTORS } },
  // X-Frame-Options cannot name several origins; frame-ancestors above is what browsers follow.
  xFrameOptions: false,
  crossOriginEmbedderPolicy: false,
});

/** Everything else (the staff console above all) may not be framed at all: no clickjacking. */
const elsewhere = helmet({
  contentSecurityPolicy: { directives: { ...directives, frameAncestors: ["'none'"] } },
  xFrameOptions: { action: 'deny' },
  crossOriginEmbedderPolicy: false,
});

/** Helmet's headers, with the framing rule that fits the path. */
export const securityHeaders: RequestHandler = (req, res, next) => {
  const isMiniApp = req.path === MINIAPP_PREFIX || req.path.startsWith(`${MINIAPP_PREFIX}/`);
  return (isMiniApp ? miniApp : elsewhere)(req, res, next);
};

/**
 * API answers carry residents' and staff's data (petitions and their lookups, subscriptions, the
 * whole of /api/admin) or are cheap to compute again: none may be kept by a browser or a shared
 * cache. A route that wants caching sets its own header afterwards.
 */
export const noStoreForApi: RequestHandler = (req, res, next) => {
  if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
  next();
};
