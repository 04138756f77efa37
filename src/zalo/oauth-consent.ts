import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_OAUTH_BASE_URL } from './oauth.js';

/**
 * The first step of connecting an OA (reference §4.1, §4.3): an OA admin opens the permission URL,
 * approves, and Zalo calls back with a `code` for `exchangeAuthorizationCode`.
 */

export interface PkcePair {
  /** Keep server-side until the callback; send with the code exchange. */
  codeVerifier: string;
  /** Goes into the permission URL. */
  codeChallenge: string;
}

/** base64url (no padding) of 32 random bytes, and of the SHA-256 of that verifier, as Zalo's PHP SDK does. */
export function createPkcePair(): PkcePair {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: pkceChallenge(codeVerifier) };
}

export function pkceChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

/** The URL an OA admin opens to grant this app access. No `code_challenge_method` is sent (§4.3). */
export function buildOaPermissionUrl(input: {
  appId: string;
  redirectUri: string;
  state: string;
  codeChallenge?: string;
  oauthBaseUrl?: string;
}): string {
  const url = new URL('/v4/oa/permission', input.oauthBaseUrl ?? DEFAULT_OAUTH_BASE_URL);
  url.searchParams.set('app_id', input.appId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  if (input.codeChallenge !== undefined) url.searchParams.set('code_challenge', input.codeChallenge);
  url.searchParams.set('state', input.state);
  return url.toString();
}
