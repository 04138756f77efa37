import { randomBytes } from 'node:crypto';
import { computeSignature, SIGNATURE_HEADER } from './signature.js';
import { numericId } from './sandbox-state.js';
import { parseZaloJson } from './wire.js';

/**
 * Playing Zalo's side of a webhook delivery: build events, sign them as Zalo does, POST them to our
 * server. Used by tests and the `simulate` command; never by production code.
 */

export interface SignOptions {
  appId: string;
  oaSecretKey: string;
  /** Prefix the signature with `mac=` (default true; the verifier accepts both). */
  macPrefix?: boolean;
}

export interface SignedDelivery {
  /** Send these exact bytes: the signature covers them. */
  body: string;
  headers: Record<string, string>;
}

/**
 * Sign an event. An object is serialised with JSON.stringify; pass a string to sign exact bytes
 * (e.g. a file from webhooks/). The timestamp in the formula is the body's `timestamp` field.
 */
export function signEvent(event: object | string, options: SignOptions): SignedDelivery {
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  const parsed = parseZaloJson(body) as { timestamp?: unknown } | null;
  const timestamp = parsed?.timestamp;
  if (typeof timestamp !== 'string' && typeof timestamp !== 'number') {
    throw new TypeError('zalo: signEvent needs an event with a "timestamp" field');
  }
  const hex = computeSignature(options.appId, body, String(timestamp), options.oaSecretKey);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: options.macPrefix === false ? hex : `mac=${hex}`,
    },
  };
}

/** Sign and POST an event to a webhook URL, as Zalo would; returns the response. */
export async function deliverEvent(
  webhookUrl: string,
  event: object | string,
  options: SignOptions & { fetch?: typeof fetch; timeoutMs?: number },
): Promise<Response> {
  const signed = signEvent(event, options);
  const doFetch = options.fetch ?? fetch;
  return doFetch(webhookUrl, {
    method: 'POST',
    headers: signed.headers,
    body: signed.body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
}

interface EventIdentity {
  appId: string;
  oaId: string;
  userId: string;
  /** Defaults to a fresh 19-digit id. */
  userIdByApp?: string;
  /** Epoch ms; defaults to now. */
  timestamp?: number;
}

/** A `user_send_text` event as Zalo sends it (ids and timestamp as strings). */
export function makeTextEvent(input: EventIdentity & { text: string; msgId?: string }): Record<string, unknown> {
  return {
    app_id: input.appId,
    user_id_by_app: input.userIdByApp ?? numericId(),
    event_name: 'user_send_text',
    timestamp: String(input.timestamp ?? Date.now()),
    sender: { id: input.userId },
    recipient: { id: input.oaId },
    message: { text: input.text, msg_id: input.msgId ?? randomBytes(16).toString('hex') },
  };
}

/** A `follow` or `unfollow` event: the user is `follower.id`, the OA is `oa_id`. */
export function makeFollowEvent(input: EventIdentity & { unfollow?: boolean; source?: string }): Record<string, unknown> {
  return {
    app_id: input.appId,
    oa_id: input.oaId,
    user_id_by_app: input.userIdByApp ?? numericId(),
    event_name: input.unfollow ? 'unfollow' : 'follow',
    timestamp: String(input.timestamp ?? Date.now()),
    source: input.source ?? 'oa_profile',
    follower: { id: input.userId },
  };
}

/** A voice, video, GIF or contact-card message, shaped as the reference shows (§3). */
export function makeMediaEvent(input: EventIdentity & { mediaType: 'audio' | 'video' | 'gif' | 'business_card'; msgId?: string }): Record<string, unknown> {
  const payloads: Record<string, Record<string, unknown>> = {
    audio: { url: 'https://voice-talk.zdn.vn/sandbox/voice.aac' },
    video: { url: 'https://video-talk.zdn.vn/sandbox/clip.mp4', thumbnail: 'https://video-talk.zdn.vn/sandbox/clip.jpg', description: '' },
    gif: { url: 'https://gif-talk.zdn.vn/sandbox/cat.gif', thumbnail: 'https://gif-talk.zdn.vn/sandbox/cat.jpg' },
    // The card's details travel as a JSON string (reference §3, medium confidence).
    business_card: { url: '', thumbnail: '', description: JSON.stringify({ phone: '84900000000', qrCodeUrl: '' }) },
  };
  return {
    app_id: input.appId,
    user_id_by_app: input.userIdByApp ?? numericId(),
    event_name: `user_send_${input.mediaType}`,
    timestamp: String(input.timestamp ?? Date.now()),
    sender: { id: input.userId },
    recipient: { id: input.oaId },
    message: {
      msg_id: input.msgId ?? randomBytes(16).toString('hex'),
      ...(input.mediaType === 'business_card' ? { text: 'Danh thiếp' } : {}),
      attachments: [{ type: input.mediaType, payload: payloads[input.mediaType] }],
    },
  };
}

/**
 * An `oa_send_text` echo: the OA wrote to `userId`. With `adminId` it was typed by an admin in the
 * OA chat tool (a human took over); without, it echoes one of our own API sends (reference §3).
 */
export function makeEchoEvent(input: EventIdentity & { text: string; adminId?: string; msgId?: string }): Record<string, unknown> {
  return {
    app_id: input.appId,
    user_id_by_app: input.userIdByApp ?? numericId(),
    event_name: 'oa_send_text',
    timestamp: String(input.timestamp ?? Date.now()),
    sender: { id: input.oaId, ...(input.adminId ? { admin_id: input.adminId } : {}) },
    recipient: { id: input.userId },
    message: { text: input.text, msg_id: input.msgId ?? randomBytes(16).toString('hex') },
  };
}
