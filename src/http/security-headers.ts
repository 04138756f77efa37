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

/**
 * Helmet's headers for a fixed policy, recorded once. Helmet rebuilds and re-validates the CSP
 * string on every request (a measurable share of a webhook acknowledgement); our directives hold
 * no per-request values (no nonces), so the headers are the same every time. Helmet still checks
 * the policy, once, here: an invalid directive fails at start-up.
 */
function recorded(middleware: RequestHandler): RequestHandler {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number) => set.push([name, String(value)]),
    removeHeader: (name: string) => removed.push(name),
  };
  middleware({} as Parameters<RequestHandler>[0], recorder as unknown as Parameters<RequestHandler>[1], (err?: unknown) => {
    if (err) throw err;
  });
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

const miniApp = recorded(helmet({
  contentSecurityPolicy: { directives: { ...directives, frameAncestors: ZALO_FRAME_ANCESTORS } },
  // X-Frame-Options cannot name several origins; frame-ancestors above is what browsers follow.
  xFrameOptions: false,
  crossOriginEmbedderPolicy: false,
}));

/** Everything else (the staff console above all) may not be framed at all: no clickjacking. */
const elsewhere = recorded(helmet({
  contentSecurityPolicy: { directives: { ...directives, frameAncestors: ["'none'"] } },
  xFrameOptions: { action: 'deny' },
  crossOriginEmbedderPolicy: false,
}));

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
