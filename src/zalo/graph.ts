import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ZaloApiError, ZaloProtocolError } from './errors.js';
import { errorCodeOf, errorTextOf, zaloRequest, type FetchLike } from './transport.js';
import { keepAliveFetch } from './keep-alive-fetch.js';
import { zaloIdSchema } from './wire.js';

/**
 * Zalo Graph API, for one thing: checking a Mini App user's access token (zmp-sdk `getAccessToken`)
 * on the server and learning who it belongs to (reference §6.5). The answer is the user's
 * app-scoped id, the same id a webhook event carries as `user_id_by_app` (§7).
 *
 * `GET {graphBaseUrl}/v2.0/me?fields=id,name` with the user token in an `access_token` header and
 * `appsecret_proof` = hex HMAC-SHA256 of the token keyed with the app secret. Failures are the
 * typed errors of errors.ts: ZaloApiError when Zalo refused the token (the caller answers 401),
 * ZaloNetworkError / ZaloHttpError when Zalo could not be asked (the caller answers 503).
 */

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.zalo.me';

export interface ZaloGraphOptions {
  /** Defaults to https://graph.zalo.me; the sandbox URL in development and tests. */
  graphBaseUrl?: string;
  /** For appsecret_proof; omitted when empty. */
  appSecret?: string;
  fetch?: FetchLike;
  /** Per request. Default 5 s: a resident is waiting on the form. */
  timeoutMs?: number;
}

export interface ZaloGraphUser {
  /** App-scoped user id (string; beyond 2^53). */
  id: string;
  /** Only when the user granted scope.userInfo; personal data, never log it. */
  name: string | undefined;
}

export interface ZaloGraph {
  /** Who a Mini App user access token belongs to. Throws a ZaloError when Zalo refuses it. */
  verifyUserToken(accessToken: string): Promise<ZaloGraphUser>;
}

const meSchema = z.object({ id: zaloIdSchema, name: z.string().optional().catch(undefined) });

/** hex HMAC-SHA256 of the access token keyed with the app secret (Zalo's `appsecret_proof`). */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(accessToken).digest('hex');
}

export function createZaloGraph(options: ZaloGraphOptions = {}): ZaloGraph {
  const base = options.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL;
  const fetchImpl: FetchLike = options.fetch ?? keepAliveFetch;
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    async verifyUserToken(accessToken) {
      const method = 'verifyUserToken';
      const url = new URL('/v2.0/me', base);
      url.searchParams.set('fields', 'id,name');
      const endpoint = `GET ${url.pathname}`;
      if (!accessToken.trim()) throw new ZaloApiError({ method, endpoint, code: -1, description: 'empty access token' });
      const headers: Record<string, string> = { access_token: accessToken };
      if (options.appSecret) headers.appsecret_proof = appSecretProof(accessToken, options.appSecret);
      const res = await zaloRequest({ method, httpMethod: 'GET', url, headers, fetch: fetchImpl, timeoutMs });
      const code = errorCodeOf(res.json);
      if (code !== undefined && code !== 0) {
        throw new ZaloApiError({ method, endpoint, code, description: errorTextOf(res.json), httpStatus: res.status });
      }
      const me = meSchema.safeParse(res.json);
      if (!me.success) throw new ZaloProtocolError({ method, endpoint, detail: 'no user id in the answer', httpStatus: res.status });
      return { id: me.data.id, name: me.data.name };
    },
  };
}
