import { createHash } from 'node:crypto';
import type { ErrorRequestHandler, Request } from 'express';
import { AppError, Unauthorized } from '../errors.js';
import type { Config } from '../config.js';
import { isZaloError, ZaloApiError } from './errors.js';
import { createZaloGraph, DEFAULT_GRAPH_BASE_URL, type ZaloGraph } from './graph.js';

/** The header in which the Mini App sends zmp-sdk's getAccessToken() result. */
export const ACCESS_TOKEN_HEADER = 'x-zalo-access-token';

/** Zalo could not be asked who the user is (network, 5xx): answered 503 so the Mini App retries. */
export class IdentityUnavailable extends AppError {
  constructor() {
    super('unavailable', 'Chưa xác minh được tài khoản Zalo do hệ thống Zalo đang bận, vui lòng thử lại sau ít phút.');
  }
}

/** Answers IdentityUnavailable with 503 and Retry-After, so the Mini App tries again shortly. */
export const identityUnavailableHandler: ErrorRequestHandler = (err, _req, res, next) => {
  if (!(err instanceof IdentityUnavailable)) return next(err);
  res.setHeader('Retry-After', '30');
  res.status(503).json({ error: { code: err.code, message: err.message } });
};

export interface Resident {
  /** Verified app-scoped Zalo id (= a webhook's user_id_by_app); undefined without a token. */
  appUserId: string | undefined;
}

const CACHE_MS = 5 * 60_000;
const CACHE_MAX = 5_000;

/**
 * Who sends a Mini App request: no token → an anonymous resident (a browser outside Zalo);
 * a token Zalo accepts → its app-scoped user id; a token Zalo refuses → 401. Verified tokens are
 * remembered for a few minutes (by hash) so a resident's page of requests costs one Graph call.
 */
export function createResidentIdentity(o: { graph: () => ZaloGraph; clock: () => Date }) {
  const cache = new Map<string, { id: string; until: number }>();
  return async function residentOf(req: Request): Promise<Resident> {
    const raw = req.headers[ACCESS_TOKEN_HEADER];
    const token = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (!token) return { appUserId: undefined };
    const key = createHash('sha256').update(token).digest('base64url');
    const now = o.clock().getTime();
    const hit = cache.get(key);
    if (hit && hit.until > now) return { appUserId: hit.id };
    try {
      const user = await o.graph().verifyUserToken(token);
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(key, { id: user.id, until: now + CACHE_MS });
      return { appUserId: user.id };
    } catch (err) {
      if (err instanceof ZaloApiError || (isZaloError(err) && err.isPermanent)) {
        throw new Unauthorized('Phiên đăng nhập Zalo không hợp lệ hoặc đã hết hạn, vui lòng mở lại ứng dụng.');
      }
      if (isZaloError(err)) throw new IdentityUnavailable();
      throw err;
    }
  };
}

export type ResidentIdentity = ReturnType<typeof createResidentIdentity>;

/** The resident identity of a Mini App request, checked against the configured Graph API. */
export function residentIdentityFor(config: Config, clock: () => Date): ResidentIdentity {
  // Read lazily: in sandbox mode main.ts points graphBaseUrl at the sandbox once it is running.
  let graph: { base: string; client: ZaloGraph } | undefined;
  const graphClient = (): ZaloGraph => {
    const base = config.zalo.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL;
    if (graph?.base !== base) graph = { base, client: createZaloGraph({ graphBaseUrl: base, appSecret: config.zalo.appSecret }) };
    return graph.client;
  };
  return createResidentIdentity({ graph: graphClient, clock });
}
