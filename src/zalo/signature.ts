import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseZaloJson } from './wire.js';

/**
 * Webhook signature (reference §3.4): `X-ZEvent-Signature` = hex SHA-256 — a plain digest, not an
 * HMAC — of `app_id + rawBody + timestamp + OA secret key`, sometimes prefixed `mac=`.
 *
 * Where the timestamp comes from: the reference confirms the body's `timestamp` field from several
 * sources and mentions an `X-ZEvent-Timestamp` header from one integration only. We use the body
 * field, and fall back to the header only when the body value does not verify (verifyWebhookRequest
 * reports which one matched, so operators can see it in logs).
 *
 * `rawBody` must be the exact request bytes: re-serialised JSON does not hash the same.
 */

export const SIGNATURE_HEADER = 'x-zevent-signature';
export const TIMESTAMP_HEADER = 'x-zevent-timestamp';

/**
 * How old an event's timestamp may be. Zalo redelivers failed deliveries for hours (the schedule is
 * unconfirmed: up to 12 h in one report), and a redelivery is expected to keep its original
 * timestamp, so a minutes-long window would reject genuine retries. Replays inside the window are
 * harmless because inbound events are deduplicated — keep dedupe keys at least this long.
 */
export const DEFAULT_TIMESTAMP_WINDOW_MS = 12 * 60 * 60_000;
/** Tolerated clock skew for timestamps slightly in the future. */
export const DEFAULT_FUTURE_SKEW_MS = 5 * 60_000;

/** Lowercase hex SHA-256 of appId + rawBody + timestamp + oaSecretKey. */
export function computeSignature(
  appId: string,
  rawBody: string | Uint8Array,
  timestamp: string,
  oaSecretKey: string,
): string {
  return createHash('sha256')
    .update(appId, 'utf8')
    .update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
    .update(timestamp, 'utf8')
    .update(oaSecretKey, 'utf8')
    .digest('hex');
}

/**
 * Constant-time check of a signature header value (with or without `mac=`, any hex case).
 * Returns false for a missing, malformed or wrong-length value rather than throwing.
 */
export function verifySignature(input: {
  header: string | readonly string[] | undefined | null;
  appId: string;
  rawBody: string | Uint8Array;
  timestamp: string;
  oaSecretKey: string;
}): boolean {
  const given = decodeHeader(input.header);
  if (!given) return false;
  const expected = Buffer.from(computeSignature(input.appId, input.rawBody, input.timestamp, input.oaSecretKey), 'hex');
  // timingSafeEqual throws on different lengths; decodeHeader guarantees 32 bytes, check anyway.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * True when `tsMs` is at most `windowMs` in the past and at most `futureSkewMs` in the future.
 * NaN or non-finite timestamps are never fresh.
 */
export function isTimestampFresh(
  tsMs: number,
  nowMs: number,
  windowMs: number = DEFAULT_TIMESTAMP_WINDOW_MS,
  futureSkewMs: number = DEFAULT_FUTURE_SKEW_MS,
): boolean {
  if (!Number.isFinite(tsMs) || !Number.isFinite(nowMs)) return false;
  return tsMs >= nowMs - windowMs && tsMs <= nowMs + futureSkewMs;
}

export type WebhookVerification =
  /** `body`: the request parsed with `parseZaloJson`, so the route does not read it twice. */
  | { ok: true; timestampMs: number; timestampSource: 'body' | 'header'; body: unknown }
  | { ok: false; reason: 'missing_signature' | 'invalid_body' | 'missing_timestamp' | 'bad_signature' | 'stale_timestamp' };

/**
 * Everything the webhook route needs in one call: signature (body timestamp, then header fallback),
 * then freshness. The signature is checked first so an unsigned request learns nothing else.
 */
export function verifyWebhookRequest(input: {
  headers: IncomingHttpHeaders | Headers;
  rawBody: string | Uint8Array;
  appId: string;
  oaSecretKey: string;
  nowMs: number;
  windowMs?: number;
}): WebhookVerification {
  const header = readHeader(input.headers, SIGNATURE_HEADER);
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing_signature' };

  let body: unknown;
  try {
    body = parseZaloJson(input.rawBody);
  } catch {
    return { ok: false, reason: 'invalid_body' };
  }
  const candidates: Array<{ value: string; source: 'body' | 'header' }> = [];
  const bodyTs = timestampText((body as { timestamp?: unknown } | null)?.timestamp);
  if (bodyTs !== undefined) candidates.push({ value: bodyTs, source: 'body' });
  const headerTs = readHeader(input.headers, TIMESTAMP_HEADER)?.trim();
  if (headerTs && headerTs !== bodyTs) candidates.push({ value: headerTs, source: 'header' });
  if (candidates.length === 0) return { ok: false, reason: 'missing_timestamp' };

  for (const candidate of candidates) {
    const { appId, oaSecretKey, rawBody } = input;
    if (!verifySignature({ header, appId, rawBody, timestamp: candidate.value, oaSecretKey })) continue;
    const timestampMs = Number(candidate.value);
    if (!isTimestampFresh(timestampMs, input.nowMs, input.windowMs)) return { ok: false, reason: 'stale_timestamp' };
    return { ok: true, timestampMs, timestampSource: candidate.source, body };
  }
  return { ok: false, reason: 'bad_signature' };
}

function decodeHeader(header: string | readonly string[] | undefined | null): Buffer | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string') return undefined;
  const hex = value.trim().replace(/^mac=/i, '').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return undefined;
  return Buffer.from(hex, 'hex');
}

function readHeader(headers: IncomingHttpHeaders | Headers, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function timestampText(value: unknown): string | undefined {
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}
