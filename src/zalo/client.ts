import { z } from 'zod';
import { ZaloApiError, ZaloProtocolError } from './errors.js';
import type { OutboundMessage } from './messages.js';
import { zaloRequest, errorCodeOf, errorTextOf, type FetchLike } from './transport.js';
import { keepAliveFetch } from './keep-alive-fetch.js';
import { numericSchema, zaloIdSchema, zaloMillisSchema } from './wire.js';

/**
 * A thin typed client for the Zalo OA API v3 (reference §1, §5). It does one call per method and
 * never retries or refreshes tokens itself: the outbox owns that policy and decides from the typed
 * error (errors.ts). Every response is read with the big-integer-safe JSON reader and validated.
 */

export const DEFAULT_API_BASE_URL = 'https://openapi.zalo.me';

export interface ZaloClientOptions {
  /** Defaults to https://openapi.zalo.me; the sandbox URL in development and tests. */
  apiBaseUrl?: string;
  /** Called before every request, so a token refreshed by another process is picked up. */
  getAccessToken: () => string | Promise<string>;
  fetch?: FetchLike;
  /** Per request, including reading the body. Default 10 s. */
  timeoutMs?: number;
}

export const defaultClientOptions = {
  apiBaseUrl: DEFAULT_API_BASE_URL,
  timeoutMs: 10_000,
} as const;

export interface SendMessageResult {
  messageId: string;
  /** Epoch ms when Zalo accepted the message, when Zalo says so. */
  sentAt: number | undefined;
  /** `reply` (free 48 h window), `sub_quota`, `purchase_quota`, `reward_quota`; informational only. */
  quotaType: string | undefined;
}

export interface ZaloUserDetail {
  userId: string;
  userIdByApp: string | undefined;
  displayName: string;
  alias: string | undefined;
  isFollower: boolean;
  /** Calendar day of the last interaction as `YYYY-MM-DD` (Zalo sends `DD/MM/YYYY`). */
  lastInteractionDate: string | undefined;
  avatar: string | undefined;
  tagNames: string[];
  /** What the user shared through `request_user_info`; personal data, never log it. */
  sharedInfo: { name?: string; phone?: string; address?: string; city?: string; district?: string } | undefined;
}

export interface FollowersQuery {
  offset?: number;
  /** At most 50 (Zalo's cap). */
  count?: number;
  tagName?: string;
  /** `TODAY`, `YESTERDAY`, `L7D`, `L30D` or `YYYY_MM_DD:YYYY_MM_DD`. */
  lastInteractionPeriod?: string;
  /** Only followers (default true); false lists everyone who interacted. */
  isFollower?: boolean;
}

export interface FollowersPage {
  total: number;
  count: number;
  offset: number;
  userIds: string[];
}

export interface ZaloQuota {
  /** Epoch ms of the user's last interaction, when present (shape unconfirmed, reference §5). */
  lastInteractionAt: number | undefined;
  /** The `data` object as Zalo sent it, for callers that need fields we do not model. */
  data: Record<string, unknown>;
}

/** One message of an OA–user conversation (response shape unconfirmed in the reference: parsed loosely). */
export interface ConversationMessage {
  messageId: string | undefined;
  /** True when the OA sent it (the sender is not the user). */
  fromOa: boolean;
  text: string | undefined;
  /** Epoch ms. */
  time: number | undefined;
}

/**
 * An article for Zalo's Article API (v2.0): request shape as in Zalo's own Java SDK
 * (`CreateNormalArticle`): `type: "normal"`, a photo cover, text paragraphs.
 */
export interface ArticleInput {
  title: string;
  author: string;
  description: string;
  coverPhotoUrl: string;
  paragraphs: string[];
}

/** Broadcast targeting (`recipient.target`); Zalo filters followers by these codes. Empty: every follower. */
export interface BroadcastTarget {
  ages?: string;
  gender?: string;
  locations?: string;
  cities?: string;
  platform?: string;
}

export interface ZaloClient {
  /** POST /v3.0/oa/message/cs: a consultation message to one user. */
  sendMessage(userId: string, message: OutboundMessage): Promise<SendMessageResult>;
  /** GET /v3.0/oa/user/detail. */
  getUserDetail(userId: string): Promise<ZaloUserDetail>;
  /** GET /v3.0/oa/user/getlist: one page of user ids. */
  getFollowers(query?: FollowersQuery): Promise<FollowersPage>;
  /**
   * Every user id matching the query, page by page. Zalo caps `offset` near 10,000: segment larger
   * lists by `tagName` or `lastInteractionPeriod`.
   */
  iterateFollowers(query?: Omit<FollowersQuery, 'offset' | 'count'>): AsyncGenerator<string>;
  /** POST /v3.0/oa/quota/message for one user. */
  getQuota(userId: string): Promise<ZaloQuota>;
  /**
   * GET /v2.0/oa/conversation: the latest messages between the OA and one user (≤ 10 a page).
   * The outbox uses it to learn whether a send whose answer was lost reached the user.
   */
  getConversation(userId: string, count?: number): Promise<ConversationMessage[]>;
  /** POST /v2.0/article/create: Zalo answers with a token while it processes the article. */
  createArticle(article: ArticleInput): Promise<{ token: string }>;
  /** POST /v2.0/article/verify: the article id once processed (-214 while it is still processing). */
  verifyArticle(token: string): Promise<{ articleId: string }>;
  /** POST /v2.0/oa/message: Broadcast of an article to the OA's followers (verified OAs; capped per follower). */
  broadcastArticle(articleId: string, target?: BroadcastTarget): Promise<{ messageId: string }>;
}

// ---- Response schemas ----

const envelopeSchema = z.object({ error: numericSchema, message: z.string().optional(), data: z.unknown().optional() });

const sendDataSchema = z.object({
  message_id: zaloIdSchema,
  user_id: zaloIdSchema.optional(),
  sent_time: zaloMillisSchema.optional(),
  quota: z.looseObject({ quota_type: z.string().optional() }).optional(),
});

const optionalText = z.string().optional().catch(undefined);

const userDetailSchema = z.object({
  user_id: zaloIdSchema,
  user_id_by_app: zaloIdSchema.optional().catch(undefined),
  display_name: z.string().default(''),
  user_alias: optionalText,
  user_is_follower: z.boolean().default(false),
  user_last_interaction_date: optionalText,
  avatar: optionalText,
  tags_and_notes_info: z
    .object({ tag_names: z.array(z.string()).default([]) })
    .optional()
    .catch(undefined),
  shared_info: z
    .object({ name: optionalText, phone: optionalText, address: optionalText, city: optionalText, district: optionalText })
    .optional()
    .catch(undefined),
});

const followersSchema = z.object({
  total: numericSchema,
  count: numericSchema.optional(),
  offset: numericSchema.optional(),
  users: z.array(z.object({ user_id: zaloIdSchema })).default([]),
});

const conversationSchema = z.array(
  z.looseObject({
    message_id: zaloIdSchema.optional().catch(undefined),
    from_id: zaloIdSchema.optional().catch(undefined),
    src: numericSchema.optional().catch(undefined),
    message: z.string().optional().catch(undefined),
    time: zaloMillisSchema.optional().catch(undefined),
  }),
);

// The response fields of the article calls (`token`, then `id`) follow Zalo's Article API pages as
// commonly quoted; no source in the reference confirms them: read loosely.
const articleTokenSchema = z.looseObject({ token: z.string().min(1) });
const articleIdSchema = z.looseObject({ id: zaloIdSchema });
const broadcastSchema = z.looseObject({ message_id: zaloIdSchema });

const quotaSchema = z.looseObject({ last_interaction: zaloMillisSchema.optional().catch(undefined) });

// ---- Client ----

export function createZaloClient(options: ZaloClientOptions): ZaloClient {
  const base = options.apiBaseUrl ?? defaultClientOptions.apiBaseUrl;
  const timeoutMs = options.timeoutMs ?? defaultClientOptions.timeoutMs;
  const fetchImpl: FetchLike = options.fetch ?? keepAliveFetch;

  async function call<S extends z.ZodType>(
    method: string,
    httpMethod: 'GET' | 'POST',
    path: string,
    params: Record<string, unknown>,
    dataSchema: S,
  ): Promise<z.output<S>> {
    const url = new URL(path, base);
    const headers: Record<string, string> = { access_token: await options.getAccessToken() };
    let body: string | undefined;
    if (httpMethod === 'GET') {
      // GET parameters travel as one JSON string in `data` (reference §1.1).
      url.searchParams.set('data', JSON.stringify(params));
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(params);
    }
    const endpoint = `${httpMethod} ${url.pathname}`;
    const res = await zaloRequest({ method, httpMethod, url, headers, body, fetch: fetchImpl, timeoutMs });

    const code = errorCodeOf(res.json);
    if (code !== undefined && code !== 0) {
      throw new ZaloApiError({ method, endpoint, code, description: errorTextOf(res.json), httpStatus: res.status });
    }
    const envelope = envelopeSchema.safeParse(res.json);
    if (!envelope.success) {
      throw new ZaloProtocolError({ method, endpoint, detail: 'missing "error" field', httpStatus: res.status });
    }
    const data = dataSchema.safeParse(envelope.data.data);
    if (!data.success) {
      const where = data.error.issues.map((i) => i.path.join('.') || '(data)').join(', ');
      throw new ZaloProtocolError({ method, endpoint, detail: `invalid data at ${where}`, httpStatus: res.status });
    }
    return data.data;
  }

  async function getFollowers(query: FollowersQuery = {}): Promise<FollowersPage> {
    const params: Record<string, unknown> = { offset: query.offset ?? 0, count: query.count ?? 50 };
    if (query.tagName !== undefined) params.tag_name = query.tagName;
    if (query.lastInteractionPeriod !== undefined) params.last_interaction_period = query.lastInteractionPeriod;
    // Zalo expects the boolean as a string here (reference §5).
    params.is_follower = String(query.isFollower ?? true);
    const data = await call('getFollowers', 'GET', '/v3.0/oa/user/getlist', params, followersSchema);
    return {
      total: data.total,
      count: data.count ?? data.users.length,
      offset: data.offset ?? (query.offset ?? 0),
      userIds: data.users.map((u) => u.user_id),
    };
  }

  return {
    async sendMessage(userId, message) {
      requireId('userId', userId);
      const data = await call(
        'sendMessage',
        'POST',
        '/v3.0/oa/message/cs',
        { recipient: { user_id: userId }, message },
        sendDataSchema,
      );
      return { messageId: data.message_id, sentAt: data.sent_time, quotaType: data.quota?.quota_type };
    },

    async getUserDetail(userId) {
      requireId('userId', userId);
      const d = await call('getUserDetail', 'GET', '/v3.0/oa/user/detail', { user_id: userId }, userDetailSchema);
      return {
        userId: d.user_id,
        userIdByApp: d.user_id_by_app,
        displayName: d.display_name,
        alias: d.user_alias || undefined,
        isFollower: d.user_is_follower,
        lastInteractionDate: toIsoDay(d.user_last_interaction_date),
        avatar: d.avatar || undefined,
        tagNames: d.tags_and_notes_info?.tag_names ?? [],
        sharedInfo: d.shared_info,
      };
    },

    getFollowers,

    iterateFollowers: (query = {}) => iterateFollowersWith(getFollowers, query),

    async getConversation(userId, count = 10) {
      const rows = await call('getConversation', 'GET', '/v2.0/oa/conversation', { user_id: userId, offset: 0, count: Math.min(count, 10) }, conversationSchema);
      return rows.map((r) => ({
        messageId: r.message_id,
        fromOa: r.from_id !== undefined ? r.from_id !== userId : r.src === 0,
        text: r.message,
        time: r.time,
      }));
    },
    async createArticle(article) {
      const data = await call(
        'createArticle',
        'POST',
        '/v2.0/article/create',
        {
          type: 'normal',
          title: article.title,
          author: article.author,
          cover: { cover_type: 'photo', photo_url: article.coverPhotoUrl, status: 'show' },
          description: article.description,
          body: article.paragraphs.map((content) => ({ type: 'text', content })),
          status: 'show',
          comment: 'hide',
        },
        articleTokenSchema,
      );
      return { token: data.token };
    },
    async verifyArticle(token) {
      const data = await call('verifyArticle', 'POST', '/v2.0/article/verify', { token }, articleIdSchema);
      return { articleId: data.id };
    },
    async broadcastArticle(articleId, target = {}) {
      requireId('articleId', articleId);
      const data = await call(
        'broadcastArticle',
        'POST',
        '/v2.0/oa/message',
        {
          recipient: { target },
          message: { attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'article', attachment_id: articleId }] } } },
        },
        broadcastSchema,
      );
      return { messageId: data.message_id };
    },
    async getQuota(userId) {
      requireId('userId', userId);
      const data = await call('getQuota', 'POST', '/v3.0/oa/quota/message', { user_id: userId }, quotaSchema);
      return { lastInteractionAt: data.last_interaction, data };
    },
  };
}

/** Every user id of a follower list, page by page through `getFollowers`. */
export async function* iterateFollowersWith(
  getFollowers: (query: FollowersQuery) => Promise<FollowersPage>,
  query: Omit<FollowersQuery, 'offset' | 'count'> = {},
): AsyncGenerator<string> {
  let offset = 0;
  for (;;) {
    const page = await getFollowers({ ...query, offset, count: 50 });
    for (const id of page.userIds) yield id;
    offset += page.userIds.length;
    if (page.userIds.length === 0 || offset >= page.total) return;
  }
}

function requireId(field: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`zalo: ${field} must be a non-empty string`);
}

function toIsoDay(value: string | undefined): string | undefined {
  const m = value?.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  if (!m) return undefined;
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}
