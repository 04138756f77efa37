import { randomBytes } from 'node:crypto';
import type { Executor } from '../store/database.js';
import { Invalid } from '../errors.js';
import { buildOaPermissionUrl, createPkcePair } from './oauth-consent.js';
import { exchangeAuthorizationCode, type TokenPair } from './oauth.js';
import type { FetchLike } from './transport.js';

/**
 * Connecting a commune's OA (OAuth v4 with PKCE, reference §8): an admin starts from the console or
 * `npm run cli -- zalo:connect --commune ID`, an OA admin approves on Zalo's permission page, and
 * Zalo sends the browser back to /zalo/oauth/callback with `code` and our `state`. The verifier and
 * the commune wait in the database between the two (one callback URL serves every commune), so the
 * callback may land on any instance (or the CLI finishes it with the code copied from the address bar). Whether Zalo accepts a per-request PKCE pair or only the
 * one stored in its console is unconfirmed (reference §8): a `-14003` on exchange points there.
 */

/** Zalo's code lives 10 minutes; a request left longer than this is stale. */
const REQUEST_TTL_MS = 30 * 60_000;

export const OAUTH_CALLBACK_PATH = '/zalo/oauth/callback';

export function oauthRedirectUri(publicBaseUrl: string): string {
  return `${publicBaseUrl}${OAUTH_CALLBACK_PATH}`;
}

export interface ConnectSettings {
  appId: string;
  appSecret: string;
  oauthBaseUrl: string | undefined;
  publicBaseUrl: string;
  fetch?: FetchLike;
}

/** Creates a connect request for a commune's OA; returns the permission URL its OA admin must open. */
export async function startOaConnect(db: Executor, s: ConnectSettings, o: { communeId: string; now: Date }): Promise<{ url: string; state: string }> {
  const now = o.now;
  const pkce = createPkcePair();
  const state = randomBytes(16).toString('base64url');
  const redirectUri = oauthRedirectUri(s.publicBaseUrl);
  await db.deleteFrom('zalo_oauth_requests').where('created_at', '<', new Date(now.getTime() - REQUEST_TTL_MS).toISOString()).execute();
  await db
    .insertInto('zalo_oauth_requests')
    .values({ state, code_verifier: pkce.codeVerifier, redirect_uri: redirectUri, created_at: now.toISOString(), commune_id: o.communeId })
    .execute();
  const url = buildOaPermissionUrl({ appId: s.appId, redirectUri, state, codeChallenge: pkce.codeChallenge, oauthBaseUrl: s.oauthBaseUrl });
  return { url, state };
}

/**
 * Finishes a connect request: the state must be one we issued (single use, not stale), and the OA
 * that approved (Zalo's `oa_id`, when the callback carries it) must be the commune's own; then the
 * code is exchanged with its verifier and the new pair replaces that commune's stored one.
 * Returns the commune whose OA was connected.
 */
export async function completeOaConnect(
  db: Executor,
  s: ConnectSettings,
  o: {
    code: string;
    state: string;
    now: Date;
    /** The commune a request from before communes existed is for (the first one). */
    defaultCommuneId: string;
    /** The OA Zalo says approved, if known; checked against `oaOf`. */
    approvedOaId?: string;
    oaOf: (communeId: string) => Promise<string | undefined>;
    replaceTokens: (communeId: string, pair: TokenPair) => Promise<void>;
  },
): Promise<string> {
  const request = await db.selectFrom('zalo_oauth_requests').selectAll().where('state', '=', o.state).executeTakeFirst();
  if (!request || Date.parse(request.created_at) < o.now.getTime() - REQUEST_TTL_MS) {
    throw new Invalid('Yêu cầu kết nối không hợp lệ hoặc đã quá hạn. Vui lòng bắt đầu kết nối lại.');
  }
  await db.deleteFrom('zalo_oauth_requests').where('state', '=', o.state).execute();
  const communeId = request.commune_id ?? o.defaultCommuneId;
  const expectedOa = await o.oaOf(communeId);
  // An admin signed in to another commune's OA on Zalo: its tokens must not become this commune's.
  if (o.approvedOaId && expectedOa && o.approvedOaId !== expectedOa) {
    throw new Invalid(`OA vừa cấp quyền (${o.approvedOaId}) không phải OA của xã (${expectedOa}). Vui lòng đăng nhập Zalo bằng tài khoản quản trị OA của xã rồi kết nối lại.`);
  }
  const pair = await exchangeAuthorizationCode({
    oauthBaseUrl: s.oauthBaseUrl,
    appId: s.appId,
    appSecret: s.appSecret,
    code: o.code,
    codeVerifier: request.code_verifier,
    fetch: s.fetch,
    now: () => o.now.getTime(),
  });
  await o.replaceTokens(communeId, pair);
  return communeId;
}

