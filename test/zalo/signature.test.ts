import { describe, expect, it } from 'vitest';
import {
  computeSignature,
  isTimestampFresh,
  verifySignature,
  verifyWebhookRequest,
  DEFAULT_TIMESTAMP_WINDOW_MS,
} from '../../src/zalo/signature.js';
import { signEvent } from '../../src/zalo/sandbox-webhook.js';

// Vectors computed independently with coreutils:
//   printf '%s' "<appId><body><timestamp><secret>" | sha256sum
const APP_ID = '2918437620154871032';
const SECRET = 'oa-secret-K3y';
const TIMESTAMP = '1768291234567';
const BODY =
  '{"app_id":"2918437620154871032","event_name":"user_send_text","timestamp":"1768291234567",' +
  '"sender":{"id":"7248937185012345678"},"recipient":{"id":"4318203940283912345"},' +
  '"message":{"text":"Xin chào","msg_id":"b5f0b1d6e2a74c1f9a3e8d7c6b5a4f31"}}';
const EXPECTED = 'd805702e5dda103b5afae3e483081bec42e0ddc2ab1ec2ce7a285a02c021f9c7';

const input = (header: string | undefined, overrides: Partial<{ rawBody: string | Uint8Array; timestamp: string }> = {}) => ({
  header,
  appId: APP_ID,
  rawBody: BODY,
  timestamp: TIMESTAMP,
  oaSecretKey: SECRET,
  ...overrides,
});

describe('computeSignature', () => {
  it('is the plain SHA-256 hex of appId + body + timestamp + secret', () => {
    expect(computeSignature('1', '{}', '2', 's')).toBe('b4f82c4532052c7f37ed3c6bdaf0e2c83adb46816e9649f84022fe165b65a81b');
    expect(computeSignature(APP_ID, BODY, TIMESTAMP, SECRET)).toBe(EXPECTED);
  });

  it('hashes raw bytes the same as the text they encode (Vietnamese included)', () => {
    expect(computeSignature(APP_ID, Buffer.from(BODY, 'utf8'), TIMESTAMP, SECRET)).toBe(EXPECTED);
  });
});

describe('verifySignature', () => {
  it('accepts the correct signature, bare or with mac= prefix, in any hex case', () => {
    expect(verifySignature(input(EXPECTED))).toBe(true);
    expect(verifySignature(input(`mac=${EXPECTED}`))).toBe(true);
    expect(verifySignature(input(`MAC=${EXPECTED.toUpperCase()}`))).toBe(true);
    expect(verifySignature(input(` mac=${EXPECTED} `))).toBe(true);
  });

  it('rejects a wrong signature', () => {
    const wrong = EXPECTED.slice(0, -1) + (EXPECTED.endsWith('0') ? '1' : '0');
    expect(verifySignature(input(wrong))).toBe(false);
    expect(verifySignature(input(computeSignature(APP_ID, BODY, TIMESTAMP, 'other-secret')))).toBe(false);
  });

  it('rejects a tampered body, a different timestamp and a re-serialised body', () => {
    expect(verifySignature(input(EXPECTED, { rawBody: BODY.replace('Xin chào', 'Xin chao') }))).toBe(false);
    expect(verifySignature(input(EXPECTED, { timestamp: '1768291234568' }))).toBe(false);
    const reserialised = JSON.stringify(JSON.parse(BODY), null, 1);
    expect(verifySignature(input(EXPECTED, { rawBody: reserialised }))).toBe(false);
  });

  it('rejects values of the wrong length or format without throwing', () => {
    expect(verifySignature(input(EXPECTED.slice(0, 62)))).toBe(false);
    expect(verifySignature(input(EXPECTED + '00'))).toBe(false);
    expect(verifySignature(input('mac='))).toBe(false);
    expect(verifySignature(input('z'.repeat(64)))).toBe(false);
    expect(verifySignature(input(undefined))).toBe(false);
    expect(verifySignature(input(''))).toBe(false);
  });
});

describe('isTimestampFresh', () => {
  const now = 1_768_291_234_567;
  it('accepts timestamps inside the window and small future skew', () => {
    expect(isTimestampFresh(now, now, 60_000)).toBe(true);
    expect(isTimestampFresh(now - 60_000, now, 60_000)).toBe(true);
    expect(isTimestampFresh(now + 60_000, now, 60_000)).toBe(true);
  });
  it('rejects old, far-future and non-numeric timestamps', () => {
    expect(isTimestampFresh(now - 60_001, now, 60_000)).toBe(false);
    expect(isTimestampFresh(now + 10 * 60_000, now, 60_000)).toBe(false);
    expect(isTimestampFresh(Number.NaN, now, 60_000)).toBe(false);
  });
  it('defaults to a window long enough for Zalo redeliveries', () => {
    expect(isTimestampFresh(now - 6 * 3_600_000, now)).toBe(true);
    expect(isTimestampFresh(now - DEFAULT_TIMESTAMP_WINDOW_MS - 1, now)).toBe(false);
  });
});

describe('verifyWebhookRequest', () => {
  const nowMs = Number(TIMESTAMP) + 1_000;
  const base = { rawBody: BODY, appId: APP_ID, oaSecretKey: SECRET, nowMs };

  it('accepts a delivery signed by signEvent, using the body timestamp', () => {
    const signed = signEvent(BODY, { appId: APP_ID, oaSecretKey: SECRET });
    expect(signed.body).toBe(BODY);
    expect(verifyWebhookRequest({ ...base, headers: signed.headers })).toEqual({
      ok: true,
      timestampMs: Number(TIMESTAMP),
      timestampSource: 'body',
      body: JSON.parse(BODY),
    });
    // Works with fetch's Headers as well as node's IncomingHttpHeaders.
    expect(verifyWebhookRequest({ ...base, headers: new Headers(signed.headers) }).ok).toBe(true);
  });

  it('falls back to the X-ZEvent-Timestamp header when the body timestamp does not verify', () => {
    const headerTs = '1768291234999';
    const headers = {
      'x-zevent-signature': computeSignature(APP_ID, BODY, headerTs, SECRET),
      'x-zevent-timestamp': headerTs,
    };
    expect(verifyWebhookRequest({ ...base, headers })).toMatchObject({ ok: true, timestampSource: 'header' });
  });

  it('says why a delivery is refused', () => {
    expect(verifyWebhookRequest({ ...base, headers: {} })).toEqual({ ok: false, reason: 'missing_signature' });
    expect(verifyWebhookRequest({ ...base, headers: { 'x-zevent-signature': 'mac=' + '0'.repeat(64) } })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyWebhookRequest({ ...base, rawBody: 'not json', headers: { 'x-zevent-signature': EXPECTED } })).toEqual({
      ok: false,
      reason: 'invalid_body',
    });
    const noTs = '{"event_name":"x"}';
    expect(verifyWebhookRequest({ ...base, rawBody: noTs, headers: { 'x-zevent-signature': EXPECTED } })).toEqual({
      ok: false,
      reason: 'missing_timestamp',
    });
    const later = Number(TIMESTAMP) + DEFAULT_TIMESTAMP_WINDOW_MS + 1;
    expect(verifyWebhookRequest({ ...base, nowMs: later, headers: { 'x-zevent-signature': EXPECTED } })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });
});
