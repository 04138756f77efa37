import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeSignature } from '../../src/zalo/signature.js';
import { useTestApp, textEvent } from '../helpers/app.js';

describe('hostile webhook input', () => {
  const h = useTestApp({ workers: false });
  const stored = async () => Number((await h.app.database.db.selectFrom('inbound_events').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '!=', 'parked').executeTakeFirstOrThrow()).n);
  const parked = async () => Number((await h.app.database.db.selectFrom('inbound_events').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'parked').executeTakeFirstOrThrow()).n);


  /** Posts raw bytes, signed as Zalo would sign them (timestamp from `ts`). */
  async function postSigned(body: Uint8Array | string, ts = String(Date.now())): Promise<Response> {
    const mac = computeSignature(h.sandbox.appId, body, ts, h.sandbox.oaSecretKey);
    return fetch(`${h.app.url}/webhooks/zalo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': `mac=${mac}`, 'x-zevent-timestamp': ts },
      body,
    });
  }

  it('answers random JSON: 401 unsigned, 200 signed (parked, never processed), and never crashes', async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.boolean(), async (value, sign) => {
        const body = JSON.stringify(value) ?? 'null';
        const res = sign ? await postSigned(body) : await fetch(`${h.app.url}/webhooks/zalo`, { method: 'POST', body });
        // A signed body is Zalo's: anything but 200 risks the webhook being disabled (reference §2).
        expect(res.status).toBe(sign ? 200 : 401);
      }),
      { numRuns: 150 },
    );
    // Random JSON has no valid signature (unsigned) or no readable event shape: nothing to process.
    expect(await stored()).toBe(before);
    expect(await parked()).toBeGreaterThan(0);
    const health = (await (await fetch(`${h.app.url}/healthz`)).json()) as { database: { ok: boolean } };
    expect(health.database.ok).toBe(true);
  });

  it('parks known events with fields of the wrong type (200), processing nothing', async () => {
    const before = await stored();
    const base = textEvent(h.sandbox, '7000000000000000009', 'xin chào') as Record<string, any>;
    const wrong = fc.constantFrom<unknown>(null, 42, true, [], {}, '', 'x'.repeat(5000));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('sender', 'message', 'recipient', 'message.text', 'message.msg_id', 'sender.id'), wrong, async (path, value) => {
        const event = structuredClone(base);
        const [a, b] = path.split('.') as [string, string | undefined];
        if (b) event[a] = { ...event[a], [b]: value };
        else event[a] = value;
        const res = await postSigned(JSON.stringify({ ...event, timestamp: String(Date.now()) }).replace(/"timestamp":"\d+"/, `"timestamp":"${Date.now()}"`));
        expect(res.status).toBe(200);
      }),
      { numRuns: 60 },
    );
    // Only the still-valid variants (any text, or an id sent as a JSON number) were stored for
    // processing (each dedupes on its msg_id); the rest are parked.
    const after = await stored();
    expect(after - before).toBeLessThanOrEqual(3);
    expect(await parked()).toBeGreaterThan(0);
  });

  it('refuses huge bodies (413), forged and replayed signatures (401); parks signed invalid UTF-8 (200)', async () => {
    const before = await stored();
    expect((await postSigned('{"a":"' + 'x'.repeat(400_000) + '"}')).status).toBe(413);

    const parkedBefore = await parked();
    const invalidUtf8 = Buffer.concat([Buffer.from('{"event_name":"user_send_text","timestamp":"1","text":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    // Timestamp "1" is stale: refused before anything else.
    expect((await postSigned(invalidUtf8, '1')).status).toBeGreaterThanOrEqual(400);
    const fresh = String(Date.now());
    const freshInvalid = Buffer.concat([Buffer.from(`{"event_name":"user_send_text","timestamp":"${fresh}","text":"`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    expect((await postSigned(freshInvalid, fresh)).status).toBe(200);
    expect(await parked()).toBe(parkedBefore + 1);

    const event = JSON.stringify(textEvent(h.sandbox, '7000000000000000010', 'đăng ký kết hôn'));
    const ts = JSON.parse(event).timestamp as string;
    const mac = computeSignature(h.sandbox.appId, event, ts, h.sandbox.oaSecretKey);
    // Forged: right format, wrong key.
    const forged = computeSignature(h.sandbox.appId, event, ts, 'not-the-secret');
    expect((await fetch(`${h.app.url}/webhooks/zalo`, { method: 'POST', headers: { 'x-zevent-signature': `mac=${forged}` }, body: event })).status).toBe(401);
    // Replayed signature on another body.
    const other = event.replace('đăng ký kết hôn', 'chuyển tiền cho tôi');
    expect((await fetch(`${h.app.url}/webhooks/zalo`, { method: 'POST', headers: { 'x-zevent-signature': `mac=${mac}` }, body: other })).status).toBe(401);
    // Replayed old delivery, outside the accepted window.
    const old = event.replace(`"timestamp":"${ts}"`, `"timestamp":"${Date.now() - 24 * 3600_000}"`);
    const oldTs = JSON.parse(old).timestamp as string;
    expect((await postSigned(old, oldTs)).status).toBe(401);
    expect(await stored()).toBe(before);
  });
});
