import { existsSync } from 'node:fs';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { TrustProxy } from '../config.js';
import { apiNotFound, errorHandler } from './error-handler.js';
import { cleanJsonBody, cleanQueryParser, rejectControlCharsInPath } from './boundary.js';
import { noStoreForApi, securityHeaders } from './security-headers.js';

export interface HttpAppOptions {
  log: Logger;
  /**
   * Machine-to-machine routes that need the raw body (Zalo's webhook: its signature covers the bytes).
   * Mounted first, before the JSON parser and before the headers and checks meant for browsers.
   */
  rawRoutes?: Router[];
  routes: Router[];
  corsOrigins: string[];
  /** Which proxies to believe about the client's address (TRUST_PROXY); default: none. */
  trustProxy?: TrustProxy;
  /** Static front-ends: URL prefix → folder. */
  statics?: Array<{ prefix: string; dir: string }>;
}

/**
 * Builds the express app: security headers, CORS for the Mini App, body limits, input without
 * control characters, routes, errors.
 */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.set('query parser', cleanQueryParser);
  // Zalo's servers, not a browser, call these: CSP, framing rules and CORS protect nothing on a
  // {"ok":true} answer, and they were a measurable share of each acknowledgement under a flood.
  // Only their own fixed path ('/webhooks/zalo') reaches them, so the path checks below add nothing either.
  for (const r of options.rawRoutes ?? []) app.use(r);
  app.use(securityHeaders);
  app.use(noStoreForApi);
  app.use(rejectControlCharsInPath);
  app.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin && options.corsOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Zalo-Access-Token');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
    }
    next();
  });
  app.use(express.json({ limit: '64kb' }));
  app.use(cleanJsonBody);
  for (const r of options.routes) app.use(r);
  for (const s of options.statics ?? []) {
    if (existsSync(s.dir)) {
      app.use(s.prefix, express.static(s.dir, { index: 'index.html', fallthrough: true }));
    } else {
      app.use(s.prefix, (_req, res) => {
        res.status(503).type('text/plain; charset=utf-8').send('Giao diện chưa được dựng. Chạy "npm run build:web" rồi khởi động lại.');
      });
    }
  }
  app.use('/api', apiNotFound);
  app.use(errorHandler(options.log));
  return app;
}
