import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { outboundMessageSchema } from './messages.js';
import { pkceChallenge } from './oauth-consent.js';
import type { TokenPair } from './oauth.js';
import {
  FAULT_CODES,
  SandboxState,
  numericId,
  type FaultKind,
  type FaultTarget,
  type SandboxRequest,
  type SandboxUser,
  type SentMessage,
} from './sandbox-state.js';
import { parseZaloJson, zaloIdSchema } from './wire.js';
import { appSecretProof } from './graph.js';
import { localHour } from '../news/local-time.js';
import type { OaPackage } from '../messaging/broadcast-caps.js';
import { MAX_LIST_OFFSET_HINT } from '../messaging/rules.js';
import type { BroadcastRecord } from './sandbox-state.js';

/**
 * A fake Zalo over real HTTP for tests and local development: the OA API v3 endpoints we use,
 * the OAuth v4 token endpoint and the Graph API's `GET /v2.0/me` (Mini App user tokens), with Zalo's envelopes (HTTP 200 + `{error, message}` for API errors),
 * its token rules (25 h access token, single-use rotating refresh token), the 7-day consultation
 * window, and switches to inject the failures the outbox must survive. Never used in production.
 */

export type { FaultKind, FaultTarget, SandboxRequest, SandboxUser, SentMessage } from './sandbox-state.js';

export interface ZaloSandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  appId?: string;
  appSecret?: string;
  oaId?: string;
  /** For signing webhook deliveries to the app (see sandbox-webhook.ts). */
  oaSecretKey?: string;
  /** Default 25 h, as Zalo. */
  accessTokenTtlMs?: number;
  /** Default 90 days. */
  refreshTokenTtlMs?: number;
  /** Start with a known pair (e.g. from a dev config); random otherwise. */
  initialTokens?: { accessToken?: string; refreshToken?: string };
  clock?: () => number;
  /** For setFailureRate; default Math.random. */
  random?: () => number;
  /** Code for an unknown, superseded or expired access token: -216 (default) or -220. */
  expiredTokenCode?: -216 | -220;
  /** The OA's package: sets the per-follower Broadcast caps (default `advanced`: 4 a month). */
  oaPackage?: Exclude<OaPackage, 'none'>;
  /** Only verified OAs can broadcast (-221 otherwise). Default true. */
  oaVerified?: boolean;
  /** How many verify calls answer -214 ("article is being processed") before the id is given. Default 0. */
  articleProcessingPolls?: number;
}

export const defaultSandboxOptions = {
  port: 0,
  host: '127.0.0.1',
  appId: '1234567890123456789',
  appSecret: 'sandbox-app-secret',
  oaId: '4318203940283912345',
  oaSecretKey: 'sandbox-oa-secret-key',
  accessTokenTtlMs: 25 * 60 * 60_000,
  refreshTokenTtlMs: 90 * 24 * 60 * 60_000,
  expiredTokenCode: -216,
  oaPackage: 'advanced',
  oaVerified: true,
  articleProcessingPolls: 0,
} as const;

export interface ZaloSandbox {
  /** Base URL for the OA API, OAuth and the Graph API (use as apiBaseUrl, oauthBaseUrl and graphBaseUrl). */
  readonly url: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly oaId: string;
  readonly oaSecretKey: string;
  /** Successfully sent messages, in order. */
  readonly sent: readonly SentMessage[];
  /** Every request to an API or OAuth endpoint, with its outcome. */
  readonly requests: readonly SandboxRequest[];
  /** Broadcasts delivered, in order, each with the followers it reached. */
  readonly broadcasts: readonly BroadcastRecord[];
  /** cs messages billed so far (sent 48 h – 7 days after the user's last interaction). */
  readonly billedMessages: number;
  /** Successful refresh-token grants so far. */
  readonly tokenRefreshes: number;
  /** The currently valid pair (of the default OA, or of `oaId`). */
  currentTokens(oaId?: string): TokenPair;
  /**
   * Another OA authorises the app (one Zalo App, many OAs): returns its pair. Idempotent. Sends
   * record the OA whose token they carried.
   */
  addOa(oaId: string): TokenPair;
  /** Successful refreshes of one OA's pair. */
  refreshesOf(oaId: string): number;
  /** Fail the next `n` requests to `target` (default the OA API) with `kind`. */
  failNext(n: number, kind: FaultKind, target?: FaultTarget): void;
  /** Fail each OA API request with probability `p`, with a kind picked from `kinds`. 0 turns it off. */
  setFailureRate(p: number, kinds?: FaultKind[]): void;
  /** The current access token (of the default OA, or of `oaId`) stops working now (the refresh token still works). */
  expireTokens(oaId?: string): void;
  /** The current refresh token (of the default OA, or of `oaId`) stops working (refresh answers -14020) until a new pair is issued. */
  revokeRefreshToken(oaId?: string): void;
  /** A new pair, as an OA admin gets from the API Explorer; the previous pair stops working. */
  issueNewPair(oaId?: string): TokenPair;
  /** The conversation API refuses every call with `kind` (undefined: answers again). */
  refuseConversation(kind: FaultKind | undefined): void;
  /**
   * Every cs send fails with `kind` until called with undefined (an OA stopped by policy or
   * billing); with `oaId`, only that OA's sends.
   */
  refuseSends(kind: FaultKind | undefined, oaId?: string): void;
  /** The OA whose admin approves the next permission requests (undefined: the default OA). */
  consentAs(oaId: string | undefined): void;
  /** Register (or update) a follower; returns the stored user. */
  addFollower(userId: string, profile?: Partial<Omit<SandboxUser, 'userId' | 'isFollower'>>): SandboxUser;
  /** Register or update any user (followers and people who only messaged). */
  upsertUser(userId: string, patch?: Partial<Omit<SandboxUser, 'userId'>>): SandboxUser;
  /** Sends to this user now fail with -230 until `recordInteraction`. */
  markOutsideWindow(userId: string): void;
  recordInteraction(userId: string, atMs?: number): void;
  /**
   * A Mini App user access token (what zmp-sdk's getAccessToken() returns inside Zalo) for the
   * app-scoped user id given; `GET /v2.0/me` answers with that id. Default lifetime 1 h.
   */
  issueUserAccessToken(appUserId: string, options?: { name?: string; ttlMs?: number }): string;
  /** A code for the authorization_code grant, as if an OA admin had approved the app. */
  issueAuthorizationCode(options?: { codeChallenge?: string }): string;
  /** Forget sent messages, the request log and pending faults. */
  clearRecords(): void;
  close(): Promise<void>;
}

export async function startZaloSandbox(options: ZaloSandboxOptions = {}): Promise<ZaloSandbox> {
  const o = { ...defaultSandboxOptions, ...options };
  const state = new SandboxState({
    appId: o.appId,
    appSecret: o.appSecret,
    accessTokenTtlMs: o.accessTokenTtlMs,
    refreshTokenTtlMs: o.refreshTokenTtlMs,
    clock: options.clock ?? Date.now,
    random: options.random ?? Math.random,
    ...(options.initialTokens ? { initialTokens: options.initialTokens } : {}),
    oaId: o.oaId,
  });
  const ctx: Ctx = {
    state,
    appId: o.appId,
    appSecret: o.appSecret,
    oaId: o.oaId,
    expiredTokenCode: o.expiredTokenCode,
    oaPackage: o.oaPackage,
    oaVerified: o.oaVerified,
    articleProcessingPolls: o.articleProcessingPolls,
  };

  const server = createServer((req, res) => {
    handle(ctx, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${o.host}:${port}`;

  return {
    url,
    appId: o.appId,
    appSecret: o.appSecret,
    oaId: o.oaId,
    oaSecretKey: o.oaSecretKey,
    get sent() {
      return state.sent;
    },
    get requests() {
      return state.requests;
    },
    get broadcasts() {
      return state.broadcasts;
    },
    get billedMessages() {
      return state.billedMessages;
    },
    get tokenRefreshes() {
      return state.tokenRefreshes;
    },
    currentTokens: (oaId) => pairOf(state, oaId),
    addOa: (oaId) => pairOf(state, oaId),
    refreshesOf: (oaId) => state.refreshesByOa.get(oaId) ?? 0,
    failNext: (n, kind, target = 'api') => state.failNext(n, kind, target),
    setFailureRate: (p, kinds = []) => state.setFailureRate(p, kinds),
    expireTokens: (oaId) => state.expireTokens(oaId),
    revokeRefreshToken: (oaId) => state.revokeRefreshToken(oaId),
    issueNewPair: (oaId) => {
      const t = state.issueNewPair(oaId);
      return { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: t.accessExpiresAt };
    },
    refuseConversation: (kind) => {
      state.conversationRefusal = kind;
    },
    refuseSends: (kind, oaId) => {
      if (oaId === undefined) state.sendRefusal = kind;
      else if (kind === undefined) state.oaSendRefusals.delete(oaId);
      else state.oaSendRefusals.set(oaId, kind);
    },
    consentAs: (oaId) => {
      state.consentingOa = oaId;
    },
    addFollower: (userId, profile = {}) => state.upsertUser(userId, { ...profile, isFollower: true }),
    upsertUser: (userId, patch) => state.upsertUser(userId, patch),
    markOutsideWindow: (userId) => void state.upsertUser(userId, { lastInteractionAt: state.now() - 8 * 24 * 60 * 60_000 }),
    recordInteraction: (userId, atMs) => void state.upsertUser(userId, { lastInteractionAt: atMs ?? state.now() }),
    issueUserAccessToken: (appUserId, opts = {}) => state.issueUserAccessToken(appUserId, opts.name, opts.ttlMs ?? 60 * 60_000),
    issueAuthorizationCode: (opts = {}) => state.issueAuthorizationCode(opts.codeChallenge),
    clearRecords: () => state.clearRecords(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung requests ('timeout' faults) would otherwise keep close() waiting forever.
        server.closeAllConnections();
      }),
  };
}

function pairOf(state: SandboxState, oaId: string | undefined): TokenPair {
  const t = state.tokensOf(oaId);
  return { accessToken: t.accessToken, refreshToken: t.refreshToken, expiresAt: t.accessExpiresAt };
}

// ---- HTTP handling ----

interface Ctx {
  state: SandboxState;
  appId: string;
  appSecret: string;
  oaId: string;
  expiredTokenCode: number;
  oaPackage: Exclude<OaPackage, 'none'>;
  oaVerified: boolean;
  articleProcessingPolls: number;
}

type Reply = { status: number; body: unknown; contentType?: string; location?: string };

function permissionPage(ctx: Ctx, url: URL): Reply {
  const redirect = url.searchParams.get('redirect_uri');
  const state = url.searchParams.get('state');
  if (url.searchParams.get('app_id') !== ctx.appId || !redirect || !state) {
    return { status: 400, body: '<html><body>Ứng dụng không hợp lệ</body></html>', contentType: 'text/html' };
  }
  const code = ctx.state.issueAuthorizationCode(url.searchParams.get('code_challenge') ?? undefined);
  const back = new URL(redirect);
  back.searchParams.set('code', code);
  back.searchParams.set('oa_id', ctx.state.consentingOa ?? ctx.oaId);
  back.searchParams.set('state', state);
  return { status: 302, body: '', contentType: 'text/plain', location: back.toString() };
}

const ok = (data: unknown): Reply => ({ status: 200, body: { data, error: 0, message: 'Success' } });
const apiError = (code: number, message: string): Reply => ({ status: 200, body: { error: code, message } });

async function handle(ctx: Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const rawBody = await readBody(req);
  const log: SandboxRequest = { method: req.method ?? 'GET', path: url.pathname, at: ctx.state.now(), outcome: null };
  const route = `${log.method} ${url.pathname}`;
  // Local inspection (not a Zalo endpoint): what was sent, for the `simulate` command and demos.
  if (route === 'GET /sandbox/sent') {
    const userId = url.searchParams.get('user_id');
    const since = Number(url.searchParams.get('since') ?? 0);
    const sent = ctx.state.sent.filter((m) => (!userId || m.userId === userId) && m.at >= since);
    return send(res, { status: 200, body: { sent } });
  }
  // Local helper for Mini App development against the sandbox: a user token for an app-scoped id.
  if (route === 'POST /sandbox/user-token') {
    const parsed = z.object({ user_id_by_app: zaloIdSchema, name: z.string().optional() }).safeParse(safeJson(rawBody));
    if (!parsed.success) return send(res, { status: 400, body: { error: -201, message: 'user_id_by_app is invalid' } });
    const token = ctx.state.issueUserAccessToken(parsed.data.user_id_by_app, parsed.data.name, 60 * 60_000);
    return send(res, { status: 200, body: { access_token: token, expires_in: '3600' } });
  }
  // The OA permission page, approved at once as if by an OA admin: back to redirect_uri with a code.
  if (route === 'GET /v4/oa/permission') return send(res, permissionPage(ctx, url));
  const target: FaultTarget | undefined =
    route === 'POST /v4/oa/access_token'
      ? 'oauth'
      : route === 'GET /v2.0/me'
        ? 'graph'
        : route === 'GET /v2.0/oa/conversation'
          ? 'conversation'
          : ROUTES[route]
            ? 'api'
            : undefined;
  if (target === undefined) return send(res, { status: 404, body: { error: 404, message: `sandbox: no route ${route}` } });
  ctx.state.requests.push(log);

  let reply: Reply | 'hang';
  const isCsSend = route === 'POST /v3.0/oa/message/cs';
  const refusal = isCsSend ? (ctx.state.sendRefusal ?? ctx.state.oaSendRefusals.get(ctx.state.oaOfAccessToken(headerValue(req, 'access_token')) ?? '')) : undefined;
  const fault = refusal ?? ctx.state.takeFault(target, isCsSend);
  if (fault === 'timeout') reply = 'hang';
  else if (fault === 'http_500') reply = { status: 500, body: '<html><body>500 Internal Server Error</body></html>', contentType: 'text/html' };
  else if (fault && fault !== 'lost_response') {
    reply = apiError(FAULT_CODES[fault].code, FAULT_CODES[fault].message);
  } else {
    reply =
      target === 'oauth' ? oauthToken(ctx, req, rawBody) : target === 'graph' ? graphMe(ctx, req, url) : apiRoute(ctx, route, req, url, rawBody);
    if (fault === 'lost_response') reply = 'hang';
  }

  if (reply === 'hang') return; // never answer; close() tears the socket down
  log.outcome = errorCodeOfReply(reply);
  send(res, reply);
}

const ROUTES: Record<string, true> = {
  'POST /v3.0/oa/message/cs': true,
  'GET /v3.0/oa/user/detail': true,
  'GET /v3.0/oa/user/getlist': true,
  'POST /v3.0/oa/quota/message': true,
  'GET /v2.0/oa/conversation': true,
  'POST /v2.0/article/create': true,
  'POST /v2.0/article/verify': true,
  'POST /v2.0/oa/message': true,
};

function apiRoute(ctx: Ctx, route: string, req: IncomingMessage, url: URL, rawBody: string): Reply {
  const token = headerValue(req, 'access_token');
  const tokenState = ctx.state.checkAccessToken(token);
  if (tokenState !== 'ok') {
    return apiError(ctx.expiredTokenCode, tokenState === 'expired' ? 'Access token has expired' : 'Access token is invalid');
  }
  let params: unknown;
  try {
    params = route.startsWith('GET ') ? parseZaloJson(url.searchParams.get('data') ?? '{}') : parseZaloJson(rawBody || '{}');
  } catch {
    return apiError(-201, 'Parameters are invalid');
  }
  switch (route) {
    case 'POST /v3.0/oa/message/cs':
      return sendCs(ctx, params, ctx.state.oaOfAccessToken(token)!);
    case 'GET /v3.0/oa/user/detail':
      return userDetail(ctx, params);
    case 'GET /v3.0/oa/user/getlist':
      return userList(ctx, params);
    case 'GET /v2.0/oa/conversation':
      return conversation(ctx, params);
    case 'POST /v2.0/article/create':
      return createArticle(ctx, params);
    case 'POST /v2.0/article/verify':
      return verifyArticle(ctx, params);
    case 'POST /v2.0/oa/message':
      return broadcast(ctx, params, ctx.state.oaOfAccessToken(token)!);
    default:
      return quota(ctx, params);
  }
}

const sendRequestSchema = z.object({ recipient: z.object({ user_id: zaloIdSchema }), message: outboundMessageSchema });

/** A request that does not match the documented shape: Zalo tells "invalid" (-201) from "exceeds limit" (-210). */
function shapeError(error: z.ZodError): Reply {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'body';
  return issue?.code === 'too_big' ? apiError(-210, `${field} exceeds limit`) : apiError(-201, `${field} is invalid`);
}

/**
 * A cs message (reference §4.1): free within 48 h of the user's last interaction (`quota_type:
 * reply`), billed from 48 h to 7 days (no `quota` object: a billed message, §4.4), refused after.
 */
function sendCs(ctx: Ctx, params: unknown, oaId: string): Reply {
  const parsed = sendRequestSchema.safeParse(params);
  if (!parsed.success) return shapeError(parsed.error);
  const userId = parsed.data.recipient.user_id;
  const window = ctx.state.csWindow(userId);
  if (window === 'closed') return apiError(-230, FAULT_CODES.outside_window.message);
  const sent = ctx.state.recordSend(userId, (params as { message: unknown }).message, window === 'paid', oaId);
  return ok({
    message_id: sent.messageId,
    user_id: userId,
    sent_time: String(sent.at),
    ...(window === 'free' ? { quota: { quota_type: 'reply' } } : {}),
  });
}

// Request shape of Zalo's own Java SDK (CreateNormalArticle); the limits Zalo applies to titles and
// paragraphs are not documented in the reference, so none is modelled.
const articleSchema = z.object({
  type: z.literal('normal'),
  title: z.string().trim().min(1),
  author: z.string().trim().min(1),
  cover: z.object({ cover_type: z.literal('photo'), photo_url: z.url({ protocol: /^https?$/ }), status: z.enum(['show', 'hide']) }),
  description: z.string().trim().min(1),
  body: z.array(z.object({ type: z.literal('text'), content: z.string().min(1) })).min(1),
  status: z.enum(['show', 'hide']),
  comment: z.enum(['show', 'hide']).optional(),
});

function createArticle(ctx: Ctx, params: unknown): Reply {
  const parsed = articleSchema.safeParse(params);
  if (!parsed.success) return shapeError(parsed.error);
  const article = ctx.state.createArticle(parsed.data.title, params, ctx.articleProcessingPolls);
  return ok({ token: article.token });
}

function verifyArticle(ctx: Ctx, params: unknown): Reply {
  const parsed = z.object({ token: z.string().min(1) }).safeParse(params);
  if (!parsed.success) return shapeError(parsed.error);
  const result = ctx.state.verifyArticle(parsed.data.token);
  if (result === undefined) return apiError(-201, 'token is invalid');
  if (result === 'processing') return apiError(-214, 'Article is being processed');
  return ok({ id: result });
}

const targetCode = z.union([z.string(), z.number()]).optional();
const broadcastSchema = z.object({
  recipient: z.object({
    target: z.strictObject({ ages: targetCode, gender: targetCode, locations: targetCode, cities: targetCode, platform: targetCode }),
  }),
  message: z.strictObject({
    attachment: z.strictObject({
      type: z.literal('template'),
      payload: z.strictObject({
        template_type: z.literal('media'),
        elements: z.array(z.strictObject({ media_type: z.literal('article'), attachment_id: z.string().min(1) })).min(1).max(5),
      }),
    }),
  }),
});

/**
 * Broadcast (reference §5.1): verified OAs only (-221), articles only, delivered to every follower
 * under the package's per-follower caps (monthly and daily). Night refusal: -234 blocks
 * promotion-type sends 22:00–06:00 (§4.3); whether Zalo counts a Broadcast as promotion-type is not
 * documented, so the sandbox assumes it does (the strict reading): a sender must cope either way.
 * Targeting filters are accepted but not modelled (sandbox users carry no age, city or platform).
 */
function broadcast(ctx: Ctx, params: unknown, oaId: string): Reply {
  const parsed = broadcastSchema.safeParse(params);
  if (!parsed.success) return shapeError(parsed.error);
  if (!ctx.oaVerified) return apiError(-221, 'OA must be verified to use this feature');
  const hour = localHour(new Date(ctx.state.now()));
  if (hour >= 22 || hour < 6) return apiError(-234, 'This message cannot be sent at night (10:00PM - 6:00AM)');
  const elements = parsed.data.message.attachment.payload.elements;
  const unknown = elements.find((e) => !ctx.state.articleById(e.attachment_id));
  if (unknown) return apiError(-201, 'attachment_id is invalid');
  const record = ctx.state.broadcast(elements[0]!.attachment_id, ctx.oaPackage, oaId);
  return ok({ message_id: record.messageId });
}

/** What the OA sent to one user, newest first (the sandbox does not keep what users wrote). */
function conversation(ctx: Ctx, params: unknown): Reply {
  const parsed = z.object({ user_id: zaloIdSchema, offset: z.coerce.number().default(0), count: z.coerce.number().max(10).default(10) }).safeParse(params);
  if (!parsed.success) return apiError(-201, 'Parameters are invalid');
  const { user_id: userId, offset, count } = parsed.data;
  const messages = ctx.state.sent
    .filter((m) => m.userId === userId)
    .slice()
    .reverse()
    .slice(offset, offset + count)
    .map((m) => ({
      src: 0,
      time: m.at,
      type: 'text',
      message: (m.message as { text?: string }).text ?? '',
      message_id: m.messageId,
      from_id: ctx.oaId,
      to_id: userId,
    }));
  return ok(messages);
}

function userDetail(ctx: Ctx, params: unknown): Reply {
  const parsed = z.object({ user_id: zaloIdSchema }).safeParse(params);
  if (!parsed.success) return apiError(-201, 'user_id is invalid');
  const user = ctx.state.users.get(parsed.data.user_id);
  if (!user) return apiError(-213, 'User has not followed OA');
  const last = user.lastInteractionAt;
  return ok({
    user_id: user.userId,
    user_id_by_app: user.userIdByApp,
    user_external_id: '',
    display_name: user.displayName,
    user_alias: '',
    is_sensitive: false,
    user_last_interaction_date: last === undefined ? '' : ddmmyyyy(last),
    user_is_follower: user.isFollower,
    avatar: `https://s120-ava-talk.zadn.vn/sandbox/${user.userId}.jpg`,
    avatars: {
      '120': `https://s120-ava-talk.zadn.vn/sandbox/${user.userId}.jpg`,
      '240': `https://s240-ava-talk.zadn.vn/sandbox/${user.userId}.jpg`,
    },
    tags_and_notes_info: { tag_names: user.tagNames, notes: [] },
    ...(user.sharedInfo ? { shared_info: user.sharedInfo } : {}),
  });
}


const listSchema = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  count: z.coerce.number().int().min(1).default(50),
  tag_name: z.string().optional(),
  is_follower: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
});

function userList(ctx: Ctx, params: unknown): Reply {
  const parsed = listSchema.safeParse(params);
  if (!parsed.success) return apiError(-201, 'Parameters are invalid');
  const q = parsed.data;
  if (q.count > 50) return apiError(-210, 'count exceeds limit');
  // Paging stops near 10,000 users (reference §6); the code Zalo answers beyond it is the sandbox's choice.
  if (q.offset > MAX_LIST_OFFSET_HINT) return apiError(-210, 'offset exceeds limit');
  const followersOnly = q.is_follower === undefined || q.is_follower === true || q.is_follower === 'true';
  const all = [...ctx.state.users.values()].filter(
    (u) => (!followersOnly || u.isFollower) && (q.tag_name === undefined || u.tagNames.includes(q.tag_name)),
  );
  const page = all.slice(q.offset, q.offset + q.count);
  return ok({ total: all.length, count: page.length, offset: q.offset, users: page.map((u) => ({ user_id: u.userId })) });
}

function quota(ctx: Ctx, params: unknown): Reply {
  const parsed = z.object({ user_id: zaloIdSchema }).safeParse(params);
  if (!parsed.success) return apiError(-201, 'user_id is invalid');
  const last = ctx.state.users.get(parsed.data.user_id)?.lastInteractionAt;
  return ok({
    ...(last === undefined ? {} : { last_interaction: String(last) }),
    cs_reply: { remain: '8', total: '8' },
  });
}

// ---- Graph API (Mini App user tokens) ----

/**
 * GET /v2.0/me?fields=id,name: the owner of a Mini App user token. Success is the bare profile
 * (`{id, name}`, as Graph answers); a refused token is `{error, message}` on HTTP 200. The codes
 * (452 unknown, 453 expired, -242 bad proof) are the sandbox's choice: the reference lists none.
 */
function graphMe(ctx: Ctx, req: IncomingMessage, url: URL): Reply {
  const token = headerValue(req, 'access_token');
  const checked = ctx.state.checkUserAccessToken(token);
  if (checked === 'unknown') return apiError(452, 'Access token is invalid');
  if (checked === 'expired') return apiError(453, 'Access token has expired');
  const proof = headerValue(req, 'appsecret_proof');
  if (proof !== undefined && proof !== appSecretProof(token!, ctx.appSecret)) return apiError(-242, 'appsecret_proof is invalid');
  const fields = (url.searchParams.get('fields') ?? 'id').split(',').map((f) => f.trim());
  return {
    status: 200,
    body: { id: checked.appUserId, ...(fields.includes('name') && checked.name !== undefined ? { name: checked.name } : {}) },
  };
}

function safeJson(text: string): unknown {
  try {
    return parseZaloJson(text || '{}');
  } catch {
    return undefined;
  }
}

// ---- OAuth ----

const oauthError = (code: number, name: string, description: string): Reply => ({
  status: 200,
  body: { error: code, error_name: name, error_description: description },
});

function oauthToken(ctx: Ctx, req: IncomingMessage, rawBody: string): Reply {
  const form = new URLSearchParams(rawBody);
  // Codes below other than -14020 are the sandbox's choice: the reference does not list them.
  if (headerValue(req, 'secret_key') !== ctx.appSecret) return oauthError(-14001, 'invalid_secret_key', 'Secret key is invalid');
  if (form.get('app_id') !== ctx.appId) return oauthError(-14002, 'invalid_app_id', 'App id is invalid');

  const grant = form.get('grant_type');
  if (grant === 'refresh_token') {
    const result = ctx.state.refresh(form.get('refresh_token') ?? '');
    if (result !== 'ok') {
      const why = result === 'used' ? 'has been used' : result === 'expired' ? 'has expired' : 'is invalid';
      return oauthError(-14020, 'invalid_refresh_token', `Refresh token ${why}`);
    }
  } else if (grant === 'authorization_code') {
    const verifier = form.get('code_verifier');
    const accepted = ctx.state.redeemAuthorizationCode(form.get('code') ?? '', verifier ? pkceChallenge(verifier) : undefined);
    if (!accepted) return oauthError(-14019, 'invalid_code', 'Authorization code is invalid or expired');
  } else {
    return oauthError(-14004, 'invalid_grant_type', 'grant_type is invalid');
  }
  const t = ctx.state.tokensOf(grant === 'refresh_token' ? ctx.state.lastRefreshedOa : ctx.state.lastConsentedOa);
  return {
    status: 200,
    body: {
      access_token: t.accessToken,
      refresh_token: t.refreshToken,
      // Zalo sends the full lifetime of the pair it just issued, as a string ("90000").
      expires_in: String(Math.round(ctx.state.options.accessTokenTtlMs / 1000)),
    },
  };
}

// ---- plumbing ----

function send(res: ServerResponse, reply: Reply): void {
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...(reply.location ? { location: reply.location } : {}),
    'content-type': reply.contentType ?? 'application/json; charset=utf-8',
    'x-ratelimit-limit': '4000',
    'x-ratelimit-remain': '3999',
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function errorCodeOfReply(reply: Reply): number {
  const body = reply.body as { error?: unknown };
  return reply.status === 200 && typeof body?.error === 'number' ? body.error : reply.status;
}

/** Zalo formats the last interaction day as DD/MM/YYYY, in Vietnam time. */
function ddmmyyyy(ms: number): string {
  const d = new Date(ms + 7 * 60 * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export { numericId };
