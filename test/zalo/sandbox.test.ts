import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createZaloClient } from '../../src/zalo/client.js';
import { ZaloError } from '../../src/zalo/errors.js';
import { eventDedupeKey, parseWebhookBody, type WebhookEvent } from '../../src/zalo/events.js';
import { requestUserInfo, textMessage } from '../../src/zalo/messages.js';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import { deliverEvent, makeFollowEvent, makeTextEvent, signEvent } from '../../src/zalo/sandbox-webhook.js';
import { verifyWebhookRequest } from '../../src/zalo/signature.js';

const USER = '7248937185012345678';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function start(options: Parameters<typeof startZaloSandbox>[0] = {}): Promise<ZaloSandbox> {
  const sbx = await startZaloSandbox(options);
  cleanups.push(() => sbx.close());
  return sbx;
}

/** A minimal webhook receiver built only from our verification and parsing functions. */
async function startReceiver(appId: string, oaSecretKey: string) {
  const received: WebhookEvent[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const check = verifyWebhookRequest({ headers: req.headers, rawBody, appId, oaSecretKey, nowMs: Date.now() });
      if (!check.ok) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ reason: check.reason }));
        return;
      }
      received.push(parseWebhookBody(rawBody));
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/zalo`, received };
}

describe('signed webhook deliveries', () => {
  it('are accepted by verifyWebhookRequest over real HTTP and parse to the right event', async () => {
    const sbx = await start();
    const receiver = await startReceiver(sbx.appId, sbx.oaSecretKey);
    const opts = { appId: sbx.appId, oaSecretKey: sbx.oaSecretKey };
    const ids = { appId: sbx.appId, oaId: sbx.oaId, userId: USER };

    expect((await deliverEvent(receiver.url, makeFollowEvent(ids), opts)).status).toBe(200);
    const text = makeTextEvent({ ...ids, text: 'Cho hỏi làm căn cước ở đâu ạ?' });
    expect((await deliverEvent(receiver.url, text, { ...opts, macPrefix: false })).status).toBe(200);

    expect(receiver.received.map((e) => e.kind)).toEqual(['follow', 'text']);
    expect(receiver.received[1]).toMatchObject({ userId: USER, oaId: sbx.oaId, text: 'Cho hỏi làm căn cước ở đâu ạ?' });
  });

  it('signs sample files byte for byte and is refused with the wrong secret or a tampered body', async () => {
    const sbx = await start();
    const receiver = await startReceiver(sbx.appId, sbx.oaSecretKey);
    const raw = readFileSync(fileURLToPath(new URL('../../webhooks/user_send_text.json', import.meta.url)), 'utf8');
    // The sample's own timestamp is old; re-date it so the freshness check passes.
    const body = raw.replace('"1768291234567"', `"${Date.now()}"`);
    const opts = { appId: sbx.appId, oaSecretKey: sbx.oaSecretKey };

    expect((await deliverEvent(receiver.url, body, opts)).status).toBe(200);
    expect(eventDedupeKey(receiver.received[0]!)).toBe('user_send_text:msg:b5f0b1d6e2a74c1f9a3e8d7c6b5a4f31');

    const wrongSecret = await deliverEvent(receiver.url, body, { ...opts, oaSecretKey: 'app-secret-by-mistake' });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toEqual({ reason: 'bad_signature' });

    const signed = signEvent(body, opts);
    const tampered = await fetch(receiver.url, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body.replace('giấy khai sinh', 'giấy khai tử'),
    });
    expect(tampered.status).toBe(401);
    expect(receiver.received).toHaveLength(1);
  });

  it('refuses to sign an event without a timestamp', () => {
    expect(() => signEvent({ event_name: 'follow' }, { appId: '1', oaSecretKey: 's' })).toThrow(/timestamp/);
  });
});

describe('sandbox API behaviour', () => {
  it('records every request with its outcome', async () => {
    const sbx = await start();
    const client = createZaloClient({ apiBaseUrl: sbx.url, getAccessToken: () => sbx.currentTokens().accessToken });
    sbx.failNext(1, 'rate_limit');
    await client.sendMessage(USER, textMessage('a')).catch(() => undefined);
    await client.sendMessage(USER, requestUserInfo({ title: 't', subtitle: 's', imageUrl: 'https://example.gov.vn/b.png' }));
    expect(sbx.requests.map((r) => [r.method, r.path, r.outcome])).toEqual([
      ['POST', '/v3.0/oa/message/cs', -32],
      ['POST', '/v3.0/oa/message/cs', 0],
    ]);
    expect(sbx.sent).toHaveLength(1);
  });

  it('answers malformed sends with -201, like Zalo', async () => {
    const sbx = await start();
    const res = await fetch(`${sbx.url}/v3.0/oa/message/cs`, {
      method: 'POST',
      headers: { access_token: sbx.currentTokens().accessToken, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { user_id: USER }, message: { attachment: { type: 'unknown' } } }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ error: -201 });
  });

  it('injects failures at the configured rate, reproducibly with a seeded random source', async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const sbx = await start({ random });
    const client = createZaloClient({ apiBaseUrl: sbx.url, getAccessToken: () => sbx.currentTokens().accessToken });
    sbx.setFailureRate(0.5, ['rate_limit', 'http_500']);

    const outcomes: string[] = [];
    for (let i = 0; i < 40; i++) {
      try {
        await client.sendMessage(USER, textMessage(`tin ${i}`));
        outcomes.push('ok');
      } catch (err) {
        outcomes.push(err instanceof ZaloError && err.isRetryable ? 'retryable' : 'other');
      }
    }
    expect(outcomes).not.toContain('other');
    const failures = outcomes.filter((o) => o === 'retryable').length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
    expect(sbx.sent).toHaveLength(40 - failures);

    sbx.setFailureRate(0);
    await expect(client.sendMessage(USER, textMessage('ổn định'))).resolves.toHaveProperty('messageId');
  });

  it('close() returns even while a request hangs', async () => {
    const sbx = await startZaloSandbox();
    sbx.failNext(1, 'timeout');
    const client = createZaloClient({ apiBaseUrl: sbx.url, getAccessToken: () => sbx.currentTokens().accessToken });
    const pending = client.sendMessage(USER, textMessage('x')).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await sbx.close();
    expect(await pending).toBeInstanceOf(ZaloError);
  });
});
