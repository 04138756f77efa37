import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { LOGIN_THROTTLE, lockMinutes } from '../../src/staff/login-throttle.js';
import { useTestApp } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';

const PASSWORD = 'mat-khau-du-dai-123';

interface Answer {
  status: number;
  body: { error?: { code: string; message: string } };
  retryAfter: number | undefined;
  ms: number;
}

/** POST /api/admin/login over a socket bound to `localAddress` (127.0.0.x: other loopback addresses). */
function loginFrom(baseUrl: string, username: string, password: string, o: { localAddress?: string; forwardedFor?: string } = {}): Promise<Answer> {
  const url = new URL('/api/admin/login', baseUrl);
  const payload = JSON.stringify({ username, password });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: o.localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(o.forwardedFor ? { 'x-forwarded-for': o.forwardedFor } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const retry = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}'), retryAfter: retry ? Number(retry) : undefined, ms: performance.now() - started });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('login: no account enumeration, no lock-out from one address', () => {
  let offsetMs = 0;
  const h = useTestApp({ workers: false, clock: () => new Date(Date.now() + offsetMs) });

  it('grows the lock: nothing for the first failures, then 5, 10, 20 … minutes, at most an hour', () => {
    expect([1, 2, 3, 4].map(lockMinutes)).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10].map(lockMinutes)).toEqual([5, 10, 20, 40, 60, 60]);
    expect(LOGIN_THROTTLE.freeFailures).toBe(4);
  });

  it('answers an unknown username exactly like a wrong password: status, message and time', async () => {
    await staffClient(h.app, ['desk'], 'thu.ky');
    // Each attempt from its own address, so neither throttle gets in the way.
    const known: Answer[] = [];
    const unknown: Answer[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await loginFrom(h.app.url, 'thu.ky', 'sai-mat-khau', { localAddress: `127.0.1.${i + 1}` }));
      unknown.push(await loginFrom(h.app.url, 'khong.co.ai', 'sai-mat-khau', { localAddress: `127.0.2.${i + 1}` }));
    }
    for (const a of [...known, ...unknown]) {
      expect(a.status).toBe(401);
      expect(a.body).toEqual({ error: { code: 'unauthorized', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' } });
    }
    // Both pay for one scrypt verification; without it an unknown name would answer in ~1 ms.
    const ratio = median(unknown.map((a) => a.ms)) / median(known.map((a) => a.ms));
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
  });

  it('locks an unknown username the same way as a real one, so the lock tells nothing either', async () => {
    await staffClient(h.app, ['desk'], 'co.that');
    for (const username of ['co.that', 'khong.that']) {
      const answers: number[] = [];
      for (let i = 0; i < 5; i++) answers.push((await loginFrom(h.app.url, username, 'sai-mat-khau', { localAddress: '127.0.3.1' })).status);
      expect(answers, username).toEqual([401, 401, 401, 401, 429]);
    }
  });

  it('locks a username only for the address that guessed: the owner elsewhere still gets in', async () => {
    await staffClient(h.app, ['editor'], 'chu.tai.khoan');
    const attacker = '127.0.4.1';
    for (let i = 0; i < 4; i++) expect((await loginFrom(h.app.url, 'chu.tai.khoan', `doan-${i}-sai`, { localAddress: attacker })).status).toBe(401);
    const locked = await loginFrom(h.app.url, 'chu.tai.khoan', 'doan-5-sai', { localAddress: attacker });
    expect(locked.status).toBe(429);
    expect(locked.body.error?.message).toBe('Đăng nhập sai nhiều lần từ máy này. Vui lòng thử lại sau 5 phút.');
    expect(locked.retryAfter).toBe(300);
    // Even the right password waits out the lock from that address…
    expect((await loginFrom(h.app.url, 'chu.tai.khoan', PASSWORD, { localAddress: attacker })).status).toBe(429);
    // …while the owner at another address logs in.
    expect((await loginFrom(h.app.url, 'chu.tai.khoan', PASSWORD, { localAddress: '127.0.4.2' })).status).toBe(200);
  });

  it('makes each failure after a lock cost twice as long', async () => {
    await staffClient(h.app, ['approver'], 'bi.doan');
    const from = { localAddress: '127.0.5.1' };
    for (let i = 0; i < 5; i++) await loginFrom(h.app.url, 'bi.doan', 'sai-mat-khau', from);
    offsetMs += 5 * 60_000 + 1_000;
    const second = await loginFrom(h.app.url, 'bi.doan', 'sai-mat-khau', from);
    expect(second.status).toBe(429);
    expect(second.retryAfter).toBe(600);
    offsetMs += 10 * 60_000 + 1_000;
    // Once the lock is over, the right password works, and the count starts again.
    expect((await loginFrom(h.app.url, 'bi.doan', PASSWORD, from)).status).toBe(200);
    expect((await loginFrom(h.app.url, 'bi.doan', 'sai-mat-khau', from)).status).toBe(401);
  });

  it('does not believe X-Forwarded-For unless TRUST_PROXY says so: a spoofed header escapes nothing', async () => {
    await staffClient(h.app, ['desk'], 'gia.mao');
    const from = '127.0.6.1';
    for (let i = 0; i < 5; i++) await loginFrom(h.app.url, 'gia.mao', 'sai-mat-khau', { localAddress: from, forwardedFor: `203.0.113.${i + 1}` });
    expect((await loginFrom(h.app.url, 'gia.mao', PASSWORD, { localAddress: from, forwardedFor: '198.51.100.7' })).status).toBe(429);
  });
});

describe('login behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  const h = useTestApp({ workers: false, env: { TRUST_PROXY: 'loopback' } });

  it('tells clients apart by X-Forwarded-For from the proxy', async () => {
    await staffClient(h.app, ['desk'], 'sau.proxy');
    for (let i = 0; i < 5; i++) await loginFrom(h.app.url, 'sau.proxy', 'sai-mat-khau', { forwardedFor: '203.0.113.9' });
    expect((await loginFrom(h.app.url, 'sau.proxy', PASSWORD, { forwardedFor: '203.0.113.9' })).status).toBe(429);
    expect((await loginFrom(h.app.url, 'sau.proxy', PASSWORD, { forwardedFor: '198.51.100.7' })).status).toBe(200);
  });
});
