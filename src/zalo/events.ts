import { z } from 'zod';
import { numericSchema, parseZaloJson, zaloIdSchema, zaloMillisSchema } from './wire.js';

/**
 * Webhook events (reference §3.2, §3.3) parsed into a small discriminated union the assistant can
 * switch on. Events we do not handle (seen/received receipts, reactions, tags …) become
 * `{ kind: 'other' }` so they are stored and acknowledged but never answered. `oa_send_*` echoes
 * become `oa_echo`: one with `sender.admin_id` is a clerk answering in the OA chat tool (human
 * takeover); one without is our own send, never answered (replying to it would loop).
 * Voice, video, GIF and contact cards are `media`: ordinary user messages that get a reply and
 * count as interactions (reference §3, 2026 update).
 *
 * Message events name the user `sender.id`; follow/unfollow name them `follower.id` (and carry
 * `oa_id` instead of `recipient`). Both end up as `userId`.
 */

interface EventBase {
  eventName: string;
  appId: string;
  /** Epoch ms, from the body's `timestamp`. */
  timestamp: number;
  /** App-scoped id of the same person (links to the Mini App user), when present. */
  userIdByApp: string | undefined;
}

interface MessageBase extends EventBase {
  /** OA-scoped user id: reply to this. */
  userId: string;
  oaId: string;
  msgId: string;
}

export interface ZaloImage {
  url: string;
  thumbnail: string | undefined;
}

export type WebhookEvent =
  | (MessageBase & { kind: 'text'; text: string })
  | (MessageBase & { kind: 'image'; images: ZaloImage[]; caption: string | undefined })
  | (MessageBase & { kind: 'sticker'; stickerId: string | undefined; url: string | undefined })
  | (MessageBase & { kind: 'location'; latitude: number; longitude: number; text: string | undefined })
  | (MessageBase & { kind: 'file'; url: string; name: string | undefined; size: number | undefined; fileType: string | undefined })
  | (MessageBase & {
      kind: 'link';
      url: string;
      title: string | undefined;
      description: string | undefined;
      thumbnail: string | undefined;
      text: string | undefined;
    })
  | (MessageBase & { kind: 'media'; mediaType: MediaType; url: string | undefined })
  | (EventBase & {
      kind: 'oa_echo';
      /** The resident the OA wrote to (`recipient.id`). */
      userId: string;
      oaId: string;
      msgId: string | undefined;
      /** Present only for messages an admin typed in the OA chat tool. */
      adminId: string | undefined;
    })
  | (EventBase & { kind: 'follow' | 'unfollow'; userId: string; oaId: string | undefined; source: string | undefined })
  | (EventBase & { kind: 'submit_info'; userId: string; oaId: string; info: SubmittedInfo })
  | (EventBase & {
      kind: 'other';
      /** sender.id, or follower.id; for `oa_*` events this is the OA, not a user. */
      senderId: string | undefined;
      recipientId: string | undefined;
      msgId: string | undefined;
    });

export type WebhookEventKind = WebhookEvent['kind'];

/** Non-text user messages the assistant cannot read but must answer. */
export type MediaType = 'audio' | 'video' | 'gif' | 'business_card';

const MEDIA_EVENTS: Record<string, MediaType> = {
  user_send_audio: 'audio',
  user_send_video: 'video',
  user_send_gif: 'gif',
  user_send_business_card: 'business_card',
};

/** What a user shared via `request_user_info`; personal data, never log it. Fields vary by source. */
export interface SubmittedInfo {
  name?: string;
  phone?: string;
  address?: string;
  city?: string;
  district?: string;
  ward?: string;
}

/** The body is not a Zalo event we can read. `issues` says where, without echoing personal data. */
export class ZaloEventError extends Error {
  override readonly name = 'ZaloEventError';
  constructor(
    readonly eventName: string | undefined,
    readonly issues: string[],
  ) {
    super(`zalo: cannot read webhook event ${eventName ? `"${eventName}"` : '(no event_name)'}: ${issues.join('; ')}`);
  }
}

// ---- Schemas ----

const party = z.object({ id: zaloIdSchema });
const optionalText = z.string().optional();

const baseShape = {
  app_id: zaloIdSchema,
  event_name: z.string().min(1),
  timestamp: zaloMillisSchema,
  user_id_by_app: zaloIdSchema.optional(),
};

/** Fallback: any event name, as long as the common envelope is there. */
const genericSchema = z.looseObject({
  ...baseShape,
  sender: party.optional().catch(undefined),
  recipient: party.optional().catch(undefined),
  follower: party.optional().catch(undefined),
  message: z.looseObject({ msg_id: zaloIdSchema.optional() }).optional().catch(undefined),
});

function messageEvent<M extends z.ZodType>(message: M) {
  return z.object({ ...baseShape, sender: party, recipient: party, message });
}

function attachment<P extends z.ZodType>(payload: P) {
  return z.object({ type: z.string(), payload });
}

const textSchema = messageEvent(z.object({ msg_id: zaloIdSchema, text: z.string() }));

const imageSchema = messageEvent(
  z.object({
    msg_id: zaloIdSchema,
    text: optionalText,
    attachments: z.array(attachment(z.object({ url: z.string().min(1), thumbnail: optionalText }))).min(1),
  }),
);

const stickerSchema = messageEvent(
  z.object({
    msg_id: zaloIdSchema,
    attachments: z.array(attachment(z.object({ id: zaloIdSchema.optional(), url: optionalText }))).min(1),
  }),
);

// Coordinates arrive as strings per the reference; some integrations show numbers or lat/long.
const coordinate = numericSchema.pipe(z.number().finite());
const coordinatesSchema = z
  .object({ latitude: coordinate.optional(), longitude: coordinate.optional(), lat: coordinate.optional(), long: coordinate.optional() })
  .transform((c) => ({ latitude: c.latitude ?? c.lat, longitude: c.longitude ?? c.long }))
  .pipe(z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }));

const locationSchema = messageEvent(
  z.object({
    msg_id: zaloIdSchema,
    text: optionalText,
    attachments: z.array(attachment(z.object({ coordinates: coordinatesSchema }))).min(1),
  }),
);

const fileSchema = messageEvent(
  z.object({
    msg_id: zaloIdSchema,
    attachments: z
      .array(
        attachment(
          z.object({
            url: z.string().min(1),
            name: optionalText,
            size: numericSchema.optional().catch(undefined),
            type: optionalText,
          }),
        ),
      )
      .min(1),
  }),
);

const linkSchema = messageEvent(
  z.object({
    msg_id: zaloIdSchema,
    text: optionalText,
    attachments: z
      .array(
        attachment(
          z.object({ url: z.string().min(1), title: optionalText, description: optionalText, thumbnail: optionalText }),
        ),
      )
      .min(1),
  }),
);

// Read leniently: only the envelope matters for a polite reply; the payload varies (reference §3).
const mediaSchema = messageEvent(
  z.object({
    msg_id: zaloIdSchema,
    attachments: z
      .array(z.looseObject({ payload: z.looseObject({ url: optionalText }).optional().catch(undefined) }))
      .optional()
      .catch(undefined),
  }),
);

const echoSchema = z.object({
  ...baseShape,
  sender: z.object({ id: zaloIdSchema, admin_id: zaloIdSchema.optional().catch(undefined) }),
  recipient: party,
  message: z.looseObject({ msg_id: zaloIdSchema.optional().catch(undefined) }).optional().catch(undefined),
});

const followSchema = z.object({
  ...baseShape,
  follower: party,
  oa_id: zaloIdSchema.optional(),
  recipient: party.optional(),
  source: optionalText,
});

const submitInfoSchema = z.object({
  ...baseShape,
  sender: party,
  recipient: party,
  info: z.object({
    name: optionalText,
    phone: optionalText,
    address: optionalText,
    city: optionalText,
    district: optionalText,
    ward: optionalText,
  }),
});

// ---- Parsing ----

/** Parse a raw webhook body (bytes or text) with the big-integer-safe JSON reader. */
export function parseWebhookBody(rawBody: string | Uint8Array): WebhookEvent {
  let json: unknown;
  try {
    json = parseZaloJson(rawBody);
  } catch {
    throw new ZaloEventError(undefined, ['body is not JSON']);
  }
  return parseWebhookEvent(json);
}

/** Validate an already-parsed webhook body. Throws ZaloEventError when it does not fit. */
export function parseWebhookEvent(json: unknown): WebhookEvent {
  const generic = check(genericSchema, json, undefined);
  const name = generic.event_name;
  const base: EventBase = {
    eventName: name,
    appId: generic.app_id,
    timestamp: generic.timestamp,
    userIdByApp: generic.user_id_by_app,
  };
  const msgBase = (e: { sender: { id: string }; recipient: { id: string }; message: { msg_id: string } }) => ({
    ...base,
    userId: e.sender.id,
    oaId: e.recipient.id,
    msgId: e.message.msg_id,
  });

  switch (name) {
    case 'user_send_text': {
      const e = check(textSchema, json, name);
      return { ...msgBase(e), kind: 'text', text: e.message.text };
    }
    case 'user_send_image': {
      const e = check(imageSchema, json, name);
      const images = e.message.attachments.map((a) => ({ url: a.payload.url, thumbnail: a.payload.thumbnail }));
      return { ...msgBase(e), kind: 'image', images, caption: nonEmpty(e.message.text) };
    }
    case 'user_send_sticker': {
      const e = check(stickerSchema, json, name);
      const first = e.message.attachments[0]!.payload;
      return { ...msgBase(e), kind: 'sticker', stickerId: first.id, url: first.url };
    }
    case 'user_send_location': {
      const e = check(locationSchema, json, name);
      const { latitude, longitude } = e.message.attachments[0]!.payload.coordinates;
      return { ...msgBase(e), kind: 'location', latitude, longitude, text: nonEmpty(e.message.text) };
    }
    case 'user_send_file': {
      const e = check(fileSchema, json, name);
      const p = e.message.attachments[0]!.payload;
      return { ...msgBase(e), kind: 'file', url: p.url, name: p.name, size: p.size, fileType: p.type };
    }
    case 'user_send_link': {
      const e = check(linkSchema, json, name);
      const p = e.message.attachments[0]!.payload;
      return {
        ...msgBase(e),
        kind: 'link',
        url: p.url,
        title: nonEmpty(p.title),
        description: nonEmpty(p.description),
        thumbnail: nonEmpty(p.thumbnail),
        text: nonEmpty(e.message.text),
      };
    }
    case 'user_send_audio':
    case 'user_send_video':
    case 'user_send_gif':
    case 'user_send_business_card': {
      const e = check(mediaSchema, json, name);
      return { ...msgBase(e), kind: 'media', mediaType: MEDIA_EVENTS[name]!, url: nonEmpty(e.message.attachments?.[0]?.payload?.url) };
    }
    case 'follow':
    case 'unfollow': {
      const e = check(followSchema, json, name);
      return {
        ...base,
        kind: name,
        userId: e.follower.id,
        oaId: e.oa_id ?? e.recipient?.id,
        source: nonEmpty(e.source),
      };
    }
    case 'user_submit_info': {
      const e = check(submitInfoSchema, json, name);
      const info: SubmittedInfo = {};
      for (const [key, value] of Object.entries(e.info)) {
        if (value !== undefined && value.trim() !== '') info[key as keyof SubmittedInfo] = value.trim();
      }
      return { ...base, kind: 'submit_info', userId: e.sender.id, oaId: e.recipient.id, info };
    }
    default:
      if (name.startsWith('oa_send_')) {
        const e = check(echoSchema, json, name);
        return { ...base, kind: 'oa_echo', userId: e.recipient.id, oaId: e.sender.id, msgId: e.message?.msg_id, adminId: e.sender.admin_id };
      }
      return {
        ...base,
        kind: 'other',
        senderId: generic.sender?.id ?? generic.follower?.id,
        recipientId: generic.recipient?.id,
        msgId: generic.message?.msg_id,
      };
  }
}

/**
 * Key for deduplicating redeliveries: the event name plus `msg_id` when the event has one, else
 * plus the user and timestamp. The name is part of the key because receipts and echoes
 * (`user_seen_message`, `oa_send_text`) reuse the msg_id of the message they refer to.
 */
export function eventDedupeKey(event: WebhookEvent): string {
  const msgId = 'msgId' in event ? event.msgId : undefined;
  if (msgId) return `${event.eventName}:msg:${msgId}`;
  const user = 'userId' in event ? event.userId : event.senderId;
  return `${event.eventName}:${user ?? '-'}:${event.timestamp}`;
}

/**
 * The resident an event is about: who wrote, followed or submitted; for an OA echo, who the OA
 * wrote to. Undefined for other `oa_*` events and for receipts (their sender is the OA).
 */
export function eventUserId(event: WebhookEvent): string | undefined {
  if (event.kind === 'other') return /^(oa_|user_received_|user_seen_)/.test(event.eventName) ? undefined : event.senderId;
  return event.userId;
}

/** Whether the inbox has anything to do with an event: our own echoes and receipts are only kept. */
export function eventNeedsHandling(event: WebhookEvent): boolean {
  if (event.kind === 'other') return false;
  if (event.kind === 'oa_echo') return event.adminId !== undefined;
  return true;
}

function check<S extends z.ZodType>(schema: S, json: unknown, eventName: string | undefined): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const name = eventName ?? eventNameOf(json);
  // Paths and zod messages only: received values could be personal data.
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  throw new ZaloEventError(name, issues);
}

function eventNameOf(json: unknown): string | undefined {
  const name = (json as { event_name?: unknown } | null)?.event_name;
  return typeof name === 'string' ? name : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
