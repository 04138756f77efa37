import { randomBytes } from 'node:crypto';
import { csWindowAt, localDay, localMonth, type CsWindow } from '../messaging/rules.js';
import { BROADCASTS_PER_FOLLOWER_DAY, BROADCASTS_PER_FOLLOWER_MONTH, type OaPackage } from '../messaging/broadcast-caps.js';

/**
 * The sandbox's in-memory world: tokens, users, recorded sends and injected faults. Kept apart from
 * the HTTP plumbing (sandbox.ts) so the rules read in one place. Development and tests only.
 */

export type FaultKind =
  /** -216 access token invalid */
  | 'token_expired'
  /** -32 rate limit */
  | 'rate_limit'
  /** -230 user outside the 7-day window */
  | 'outside_window'
  /** -201 invalid parameter */
  | 'invalid_param'
  /** HTTP 500 with an HTML body, as a gateway would send */
  | 'http_500'
  /** never answer (the client must time out) */
  | 'timeout'
  /** do the work (a send is recorded), then never answer: a timeout the message survived */
  | 'lost_response'
  /** Operator, policy and billing codes (reference §7): every one pauses proactive sending. */
  | OperatorFault;

export type OperatorFault =
  | 'oa_disabled'
  | 'out_of_quota'
  | 'app_removed'
  | 'oa_unverified'
  | 'permission_missing'
  | 'package_too_low'
  | 'oa_type_unsupported'
  | 'policy_violation'
  | 'cloud_unlinked'
  | 'cloud_unfunded';

/**
 * `graph`: the Graph API (Mini App user tokens, GET /v2.0/me). `conversation`: only
 * GET /v2.0/oa/conversation (the outbox's delivery check); `api` faults apply to it as well.
 * `cs`: only consultation sends (POST /v3.0/oa/message/cs), so a fault meant for a send is not
 * taken by a lookup made before it (the follow-status check on first contact).
 */
export type FaultTarget = 'api' | 'cs' | 'oauth' | 'graph' | 'conversation';

/** Zalo's messages as the reference quotes them (shortened where it does). */
export const FAULT_CODES: Record<Exclude<FaultKind, 'http_500' | 'timeout' | 'lost_response'>, { code: number; message: string }> = {
  token_expired: { code: -216, message: 'Access token is invalid' },
  rate_limit: { code: -32, message: 'Your application reached limit call api' },
  outside_window: { code: -230, message: 'User has not interacted with the OA in the past 7 days' },
  invalid_param: { code: -201, message: 'Parameters are invalid' },
  oa_disabled: { code: -204, message: 'Official Account has been disabled' },
  out_of_quota: { code: -211, message: 'Out of quota' },
  app_removed: { code: -219, message: 'Application has been removed or disabled' },
  oa_unverified: { code: -221, message: 'Official Account must be verified to use this feature' },
  permission_missing: { code: -223, message: 'Official Account has not authorized this API' },
  package_too_low: { code: -224, message: 'Official Account package does not support this feature' },
  oa_type_unsupported: { code: -235, message: 'This API does not support this Official Account type' },
  policy_violation: { code: -248, message: 'Violates platform standards' },
  cloud_unlinked: { code: -320, message: 'Application is not linked to a Zalo Cloud Account' },
  cloud_unfunded: { code: -321, message: 'Zalo Cloud Account is out of money or cannot be charged' },
};


export interface SentMessage {
  userId: string;
  /** The OA that sent it (the one whose access token the call carried). */
  oaId: string;
  /** The `message` object exactly as received. */
  message: unknown;
  messageId: string;
  /** Epoch ms (sandbox clock). */
  at: number;
  /** Sent between 48 h and 7 days after the user's last interaction: a billed message. */
  billed: boolean;
}

export interface SandboxArticle {
  token: string;
  /** Set once Zalo has processed it (verify answers -214 until then). */
  id: string | undefined;
  title: string;
  /** The create request as received. */
  body: unknown;
  /** Verify calls still answered with -214 (article being processed). */
  pollsLeft: number;
}

export interface BroadcastRecord {
  messageId: string;
  /** The OA that broadcast it (the one whose access token the call carried). */
  oaId: string;
  articleId: string;
  at: number;
  /** Followers Zalo delivered it to: every follower matching the target and under the caps. */
  recipients: string[];
  /** Followers skipped because they reached the monthly or daily cap. */
  capped: string[];
}

export interface SandboxRequest {
  method: string;
  path: string;
  at: number;
  /** Zalo error code returned (0 on success), or the HTTP status for non-envelope answers; null if hung. */
  outcome: number | null;
}

export interface SandboxUser {
  userId: string;
  userIdByApp: string;
  displayName: string;
  isFollower: boolean;
  tagNames: string[];
  /** Epoch ms; undefined = never recorded, treated as inside the window. */
  lastInteractionAt: number | undefined;
  sharedInfo: Record<string, string> | undefined;
}

interface TokenState {
  accessToken: string;
  accessExpiresAt: number;
  refreshToken: string;
  refreshExpiresAt: number;
}

export interface SandboxStateOptions {
  appId: string;
  appSecret: string;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  clock: () => number;
  random: () => number;
  initialTokens?: { accessToken?: string; refreshToken?: string };
  /** The OA the initial tokens belong to; more OAs authorise the app with `addOa`. */
  oaId?: string;
}

export class SandboxState {
  readonly sent: SentMessage[] = [];
  readonly requests: SandboxRequest[] = [];
  readonly users = new Map<string, SandboxUser>();
  tokenRefreshes = 0;
  /** Successful refreshes per OA. */
  readonly refreshesByOa = new Map<string, number>();
  /** One token pair per OA that authorised the app (one Zalo App serves many OAs). */
  private readonly oaTokens = new Map<string, TokenState>();
  readonly defaultOaId: string;

  private readonly usedRefreshTokens = new Set<string>();
  private readonly authCodes = new Map<string, { codeChallenge: string | undefined; expiresAt: number; oaId: string }>();
  /** Mini App user access tokens (zmp-sdk getAccessToken) → the app-scoped user they belong to. */
  private readonly userTokens = new Map<string, { appUserId: string; name: string | undefined; expiresAt: number }>();
  private readonly faults: Array<{ kind: FaultKind; target: FaultTarget }> = [];
  private failureRate: { p: number; kinds: FaultKind[] } = { p: 0, kinds: [] };
  /** While set, the conversation API refuses every call with this fault (e.g. a missing permission). */
  conversationRefusal: FaultKind | undefined;
  /** While set, every cs send fails with this fault (an OA stopped by policy or billing). */
  sendRefusal: FaultKind | undefined;
  /** Per OA: every cs send of that OA fails with this fault (one commune's OA stopped). */
  readonly oaSendRefusals = new Map<string, FaultKind>();
  /** The OA whose admin approves the next permission request (default: the default OA). */
  consentingOa: string | undefined;
  /** The OA the last authorization code redeemed belongs to (the token answer carries its pair). */
  lastConsentedOa: string | undefined;

  readonly articles = new Map<string, SandboxArticle>();
  readonly broadcasts: BroadcastRecord[] = [];
  /** Broadcast arrival times per follower (epoch ms), for the per-follower caps. */
  private readonly broadcastReceipts = new Map<string, number[]>();

  constructor(readonly options: SandboxStateOptions) {
    const now = options.clock();
    this.defaultOaId = options.oaId ?? 'sandbox-oa';
    this.oaTokens.set(this.defaultOaId, {
      accessToken: options.initialTokens?.accessToken ?? newToken('at'),
      accessExpiresAt: now + options.accessTokenTtlMs,
      refreshToken: options.initialTokens?.refreshToken ?? newToken('rt'),
      refreshExpiresAt: now + options.refreshTokenTtlMs,
    });
  }

  /** The default OA's current pair. */
  get tokens(): TokenState {
    return this.oaTokens.get(this.defaultOaId)!;
  }

  /** The pair of an OA (the default one without an id); another OA authorises the app on first use. */
  tokensOf(oaId: string = this.defaultOaId): TokenState {
    if (!this.oaTokens.has(oaId)) this.issuePair(oaId);
    return this.oaTokens.get(oaId)!;
  }

  /** The OA an access token belongs to, if it is any OA's current one. */
  oaOfAccessToken(token: string | undefined): string | undefined {
    for (const [oaId, t] of this.oaTokens) if (t.accessToken === token) return oaId;
    return undefined;
  }

  now(): number {
    return this.options.clock();
  }

  // ---- faults ----

  failNext(n: number, kind: FaultKind, target: FaultTarget): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind, target });
  }

  setFailureRate(p: number, kinds: FaultKind[]): void {
    if (!(p >= 0 && p <= 1)) throw new RangeError('sandbox: failure rate must be within [0, 1]');
    this.failureRate = { p, kinds: kinds.length ? kinds : ['http_500'] };
  }

  /** The fault to apply to this request, if any: queued ones first, then the random rate (API only). */
  takeFault(target: FaultTarget, isCsSend = false): FaultKind | undefined {
    if (target === 'conversation') {
      if (this.conversationRefusal) return this.conversationRefusal;
      const own = this.faults.findIndex((f) => f.target === 'conversation');
      if (own >= 0) return this.faults.splice(own, 1)[0]!.kind;
      target = 'api';
    }
    const index = this.faults.findIndex((f) => f.target === target || (isCsSend && f.target === 'cs'));
    if (index >= 0) return this.faults.splice(index, 1)[0]!.kind;
    if (target === 'api' && this.failureRate.p > 0 && this.options.random() < this.failureRate.p) {
      const kinds = this.failureRate.kinds;
      return kinds[Math.floor(this.options.random() * kinds.length) % kinds.length];
    }
    return undefined;
  }

  // ---- tokens ----

  /** 'ok', or why the token is refused. */
  checkAccessToken(token: string | undefined): 'ok' | 'unknown' | 'expired' {
    const oaId = this.oaOfAccessToken(token);
    if (!token || oaId === undefined) return 'unknown';
    return this.now() >= this.oaTokens.get(oaId)!.accessExpiresAt ? 'expired' : 'ok';
  }

  expireTokens(oaId: string = this.defaultOaId): void {
    this.tokensOf(oaId).accessExpiresAt = this.now() - 1;
  }

  /** The current refresh token (of the default OA, or of `oaId`) stops working (an admin changed permissions, or it lapsed). */
  revokeRefreshToken(oaId: string = this.defaultOaId): void {
    this.usedRefreshTokens.add(this.tokensOf(oaId).refreshToken);
  }

  /** A new pair, as an OA admin gets from the API Explorer or a fresh consent; the old pair dies. */
  issueNewPair(oaId: string = this.defaultOaId): TokenState {
    this.usedRefreshTokens.add(this.tokensOf(oaId).refreshToken);
    this.issuePair(oaId);
    return this.tokensOf(oaId);
  }

  /** Single-use, rotating: the presented token must be the current one and unused. */
  refresh(refreshToken: string): 'ok' | 'used' | 'unknown' | 'expired' {
    if (this.usedRefreshTokens.has(refreshToken)) return 'used';
    const oaId = [...this.oaTokens].find(([, t]) => t.refreshToken === refreshToken)?.[0];
    if (oaId === undefined) return 'unknown';
    if (this.now() >= this.oaTokens.get(oaId)!.refreshExpiresAt) return 'expired';
    this.usedRefreshTokens.add(refreshToken);
    this.issuePair(oaId);
    this.lastRefreshedOa = oaId;
    this.tokenRefreshes++;
    this.refreshesByOa.set(oaId, (this.refreshesByOa.get(oaId) ?? 0) + 1);
    return 'ok';
  }

  /** The OA whose pair the last successful refresh rotated (the OAuth answer carries its new pair). */
  lastRefreshedOa: string | undefined;

  issueAuthorizationCode(codeChallenge: string | undefined): string {
    const code = newToken('code');
    this.authCodes.set(code, { codeChallenge, expiresAt: this.now() + 10 * 60_000, oaId: this.consentingOa ?? this.defaultOaId });
    return code;
  }

  /** Single use; checks the PKCE challenge when one was registered. */
  redeemAuthorizationCode(code: string, challengeOfVerifier: string | undefined): boolean {
    const entry = this.authCodes.get(code);
    this.authCodes.delete(code);
    if (!entry || this.now() >= entry.expiresAt) return false;
    if (entry.codeChallenge !== undefined && entry.codeChallenge !== challengeOfVerifier) return false;
    this.issuePair(entry.oaId);
    this.lastConsentedOa = entry.oaId;
    return true;
  }

  // ---- Mini App user tokens (Graph API) ----

  /** A user access token as zmp-sdk's getAccessToken() would return, for the app-scoped id given. */
  issueUserAccessToken(appUserId: string, name: string | undefined, ttlMs: number): string {
    const token = newToken('ut');
    this.userTokens.set(token, { appUserId, name, expiresAt: this.now() + ttlMs });
    return token;
  }

  /** The user a token belongs to, or why it is refused. */
  checkUserAccessToken(token: string | undefined): { appUserId: string; name: string | undefined } | 'unknown' | 'expired' {
    const entry = token ? this.userTokens.get(token) : undefined;
    if (!entry) return 'unknown';
    if (this.now() >= entry.expiresAt) return 'expired';
    return { appUserId: entry.appUserId, name: entry.name };
  }

  private issuePair(oaId: string = this.defaultOaId): void {
    const now = this.now();
    this.oaTokens.set(oaId, {
      accessToken: newToken('at'),
      accessExpiresAt: now + this.options.accessTokenTtlMs,
      refreshToken: newToken('rt'),
      refreshExpiresAt: now + this.options.refreshTokenTtlMs,
    });
  }

  // ---- users ----

  upsertUser(userId: string, patch: Partial<Omit<SandboxUser, 'userId'>> = {}): SandboxUser {
    const existing = this.users.get(userId);
    const user: SandboxUser = {
      userId,
      userIdByApp: existing?.userIdByApp ?? numericId(),
      displayName: existing?.displayName ?? `Người dùng ${userId.slice(-4)}`,
      isFollower: existing?.isFollower ?? false,
      tagNames: existing?.tagNames ?? [],
      lastInteractionAt: existing?.lastInteractionAt,
      sharedInfo: existing?.sharedInfo,
      ...patch,
    };
    this.users.set(userId, user);
    return user;
  }

  /** The cs window of a user now. Users never seen are inside the free window, so tests can send without set-up. */
  csWindow(userId: string): CsWindow {
    const last = this.users.get(userId)?.lastInteractionAt;
    return last === undefined ? 'free' : csWindowAt(new Date(last), new Date(this.now()));
  }

  recordSend(userId: string, message: unknown, billed = false, oaId: string = this.defaultOaId): SentMessage {
    const sent: SentMessage = { userId, oaId, message, messageId: randomBytes(16).toString('hex'), at: this.now(), billed };
    this.sent.push(sent);
    return sent;
  }

  /** Messages billed so far (cs between 48 h and 7 days). */
  get billedMessages(): number {
    return this.sent.filter((m) => m.billed).length;
  }

  // ---- articles and Broadcast ----

  createArticle(title: string, body: unknown, processingPolls: number): SandboxArticle {
    const article: SandboxArticle = { token: randomBytes(24).toString('base64'), id: undefined, title, body, pollsLeft: processingPolls };
    this.articles.set(article.token, article);
    return article;
  }

  /** The article id, or 'processing' (-214), or undefined for an unknown token. */
  verifyArticle(token: string): string | 'processing' | undefined {
    const article = this.articles.get(token);
    if (!article) return undefined;
    if (article.pollsLeft > 0) {
      article.pollsLeft--;
      return 'processing';
    }
    article.id ??= randomBytes(10).toString('hex');
    return article.id;
  }

  articleById(id: string): SandboxArticle | undefined {
    return [...this.articles.values()].find((a) => a.id === id);
  }

  /**
   * Delivers a broadcast to every follower under the package's caps (this calendar month, this
   * day, Vietnam time) and records who got it.
   */
  broadcast(articleId: string, oaPackage: OaPackage, oaId: string = this.defaultOaId): BroadcastRecord {
    const now = this.now();
    const month = localMonth(new Date(now));
    const day = localDay(new Date(now));
    const perMonth = BROADCASTS_PER_FOLLOWER_MONTH[oaPackage];
    const record: BroadcastRecord = { messageId: randomBytes(16).toString('hex'), oaId, articleId, at: now, recipients: [], capped: [] };
    for (const user of this.users.values()) {
      if (!user.isFollower) continue;
      const times = this.broadcastReceipts.get(user.userId) ?? [];
      const thisMonth = times.filter((t) => localMonth(new Date(t)) === month).length;
      const today = times.filter((t) => localDay(new Date(t)) === day).length;
      if (thisMonth >= perMonth || today >= BROADCASTS_PER_FOLLOWER_DAY) {
        record.capped.push(user.userId);
        continue;
      }
      times.push(now);
      this.broadcastReceipts.set(user.userId, times);
      record.recipients.push(user.userId);
    }
    this.broadcasts.push(record);
    return record;
  }

  clearRecords(): void {
    this.sent.length = 0;
    this.broadcasts.length = 0;
    this.requests.length = 0;
    this.faults.length = 0;
    this.failureRate = { p: 0, kinds: [] };
    this.conversationRefusal = undefined;
    this.sendRefusal = undefined;
    this.oaSendRefusals.clear();
  }
}

function newToken(prefix: string): string {
  return `sbx-${prefix}-${randomBytes(18).toString('base64url')}`;
}

/** An 18–19 digit id like Zalo's: above 2^53 on purpose, so number-parsing bugs show up. */
export function numericId(): string {
  const n = 2n ** 60n + (BigInt('0x' + randomBytes(8).toString('hex')) % 2n ** 62n);
  return n.toString();
}
