import { z } from 'zod';
import { ZaloApiError, ZaloProtocolError } from './errors.js';
import { zaloRequest, errorCodeOf, errorTextOf, type FetchLike } from './transport.js';
import { keepAliveFetch } from './keep-alive-fetch.js';
import { numericSchema } from './wire.js';

/**
 * OA OAuth v4 token calls (reference §4). Pure functions: persisting the pair atomically and
 * serialising refreshes across processes belong to the store layer, because a refresh token is
 * single-use — two concurrent refreshes with the same token lose the OA connection.
 */

export const DEFAULT_OAUTH_BASE_URL = 'https://oauth.zaloapp.com';

/** An OA access token with the refresh token that replaces it. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token is no longer valid (issued `expires_in` seconds later). */
  expiresAt: number;
}

interface TokenCallOptions {
  /** Defaults to https://oauth.zaloapp.com; the sandbox URL in development and tests. */
  oauthBaseUrl?: string;
  appId: string;
  /** The app secret (not the OA secret key used for webhooks); sent as the `secret_key` header. */
  appSecret: string;
  fetch?: FetchLike;
  /** Default 30 s: a refresh that times out may still have rotated the token, so be patient. */
  timeoutMs?: number;
  /** Clock for `expiresAt`; default Date.now. */
  now?: () => number;
}

export interface RefreshAccessTokenOptions extends TokenCallOptions {
  refreshToken: string;
}

export interface ExchangeCodeOptions extends TokenCallOptions {
  /** The `code` Zalo passed to the OA callback URL (valid 10 minutes, single use). */
  code: string;
  /** PKCE verifier matching the challenge in the permission URL, if one was used. */
  codeVerifier?: string;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  // A string of seconds ("90000") per the reference; accept a number too.
  expires_in: numericSchema.pipe(z.number().int().positive()),
});

/**
 * Exchange the current refresh token for a new pair. The old refresh token is dead once Zalo
 * answers, so save the result before using it. On `ZaloNetworkError` with `maybeDelivered`, Zalo
 * may have rotated the token anyway: the stored refresh token might now be dead (-14020 next time).
 */
export function refreshAccessToken(options: RefreshAccessTokenOptions): Promise<TokenPair> {
  return tokenCall('refreshAccessToken', options, {
    refresh_token: options.refreshToken,
    app_id: options.appId,
    grant_type: 'refresh_token',
  });
}

/** First connection: exchange the authorization code from the OA permission callback for a pair. */
export function exchangeAuthorizationCode(options: ExchangeCodeOptions): Promise<TokenPair> {
  const form: Record<string, string> = {
    code: options.code,
    app_id: options.appId,
    grant_type: 'authorization_code',
  };
  if (options.codeVerifier !== undefined) form.code_verifier = options.codeVerifier;
  return tokenCall('exchangeAuthorizationCode', options, form);
}

/** True when the access token expires within `marginMs` (default 10 minutes) of `nowMs`. */
export function needsRefresh(pair: Pick<TokenPair, 'expiresAt'>, nowMs: number, marginMs = 10 * 60_000): boolean {
  return pair.expiresAt - marginMs <= nowMs;
}

async function tokenCall(method: string, options: TokenCallOptions, form: Record<string, string>): Promise<TokenPair> {
  const url = new URL('/v4/oa/access_token', options.oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL);
  const endpoint = `POST ${url.pathname}`;
  // Taken before the call: the token's life starts when Zalo issues it, not when we read the answer.
  const requestedAt = (options.now ?? Date.now)();
  const res = await zaloRequest({
    method,
    httpMethod: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: options.appSecret },
    body: new URLSearchParams(form).toString(),
    fetch: options.fetch ?? keepAliveFetch,
    timeoutMs: options.timeoutMs ?? 30_000,
  });

  // OAuth errors come as {error, error_name, error_description}, often with HTTP 200.
  const code = errorCodeOf(res.json);
  if (code !== undefined && code !== 0) {
    throw new ZaloApiError({ method, endpoint, code, description: errorTextOf(res.json), httpStatus: res.status });
  }
  const parsed = tokenResponseSchema.safeParse(res.json);
  if (!parsed.success) {
    // Never echo the body: it may contain a token.
    const fields = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new ZaloProtocolError({ method, endpoint, detail: `invalid token response (${fields})`, httpStatus: res.status });
  }
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
    expiresAt: requestedAt + parsed.data.expires_in * 1000,
  };
}
