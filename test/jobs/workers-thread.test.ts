import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_CONTENT_DIR } from '../../src/catalog/content-dir.js';
import { createAckGauge } from '../../src/jobs/ack-gauge.js';
import { loadConfig } from '../../src/config.js';
import { startApp } from '../../src/main.js';
import { dialectCases } from '../helpers/databases.js';
import { newUserId, sendAndAwaitReplies, settled, textEvent, textsOf, useTestApp, waitFor } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';

// WORKERS=thread: the webhook's thread acknowledges, a thread of its own answers and sends.
// The idle poll is an hour, so every answer below arrived because the wake crossed the threads.
const HOUR_MS = 3_600_000;

describe('the acknowledgement gauge shared between threads', () => {
  it('reads on one side what the other counts', () => {
    const webhookSide = createAckGauge({ crowdedAt: 2 });
    const workersSide = createAckGauge({ crowdedAt: 2, shared: webhookSide.buffer });
    webhookSide.begin();
    expect(workersSide.crowded()).toBe(false);
    webhookSide.begin();
    expect(workersSide.crowded()).toBe(true);
    webhookSide.end();
    webhookSide.end();
    webhookSide.end();
    expect(workersSide.crowded()).toBe(false);
    webhookSide.begin();
    webhookSide.begin();
    expect(workersSide.crowded()).toBe(true);
  });
});

for (const dialect of dialectCases()) {
  describe(`WORKERS=thread on ${dialect.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'workers-thread-content-'));
    cpSync(BUNDLED_CONTENT_DIR, dir, { recursive: true });
    const h = useTestApp({ dialect, workers: 'thread', pollMs: HOUR_MS, env: { CONTENT_DIR: dir } });

    it('answers residents from the workers thread, each event once, and reports its workers in /healthz', async () => {
      const health = await waitFor(async () => {
        const res = await fetch(`${h.app.url}/healthz`);
        const body = (await res.json()) as { workers: Array<{ name: string; running: boolean }> };
        return res.status === 200 && body.workers.every((w) => w.running) ? body : undefined;
      }, 20_000, 'the workers thread to report running workers');
      expect(health.workers.map((w) => w.name).sort()).toEqual(['inbox', 'outbox']);

      const users = Array.from({ length: 6 }, () => newUserId());
      const replies = await Promise.all(users.map((u) => sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, u, 'đăng ký khai sinh cần giấy tờ gì'))));
      await settled(h.app);
      for (const [i, u] of users.entries()) {
        expect(textsOf(replies[i]!).join('\n')).toMatch(/khai sinh/i);
        // Nothing sent twice: what the sandbox got for this resident is exactly the reply.
        expect(h.sandbox.sent.filter((m) => m.userId === u).length).toBe(replies[i]!.length);
      }
      // The main thread's own loops never ran: the counts come from the workers' thread.
      await waitFor(() => h.app.workers.statuses().find((w) => w.name === 'inbox')!.processed >= users.length, 10_000, 'the thread to report what it answered');
    }, 60_000);

    it('reloads the workers thread\'s content when staff reload it', async () => {
      // The thread has loaded the content (it reads it once, when it starts).
      await waitFor(() => h.app.workers.statuses().every((w) => w.running), 20_000, 'running workers');
      const file = join(dir, 'procedures/dang-ky-khai-sinh.md');
      const before = readFileSync(file, 'utf8');
      expect(before).toContain('time_limit: 01 ngày làm việc');
      writeFileSync(file, before.replace('time_limit: 01 ngày làm việc', 'time_limit: 07 ngày làm việc'));
      const admin = await staffClient(h.app, ['admin']);
      expect((await admin.call('POST', '/api/admin/content/reload')).status).toBe(200);
      // The reload message reaches the thread before the wake-up of the next event (one channel, in order).
      const reply = await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, newUserId(), 'thời hạn giải quyết đăng ký khai sinh'));
      expect(textsOf(reply).join('\n')).toContain('07 ngày làm việc');
    }, 60_000);

    it('runs against the built-in sandbox too, and ends with the app', async () => {
      // No Zalo settings: the main thread's sandbox; the workers' thread calls it over HTTP with the
      // pairs the main thread stored. close() resolves only once the thread has ended.
      const target = await dialect.create();
      try {
        const config = loadConfig({ PORT: '0', DATABASE_URL: target.url, LOG_LEVEL: 'silent', WORKERS: 'thread' });
        const app = await startApp(config, { pollMs: HOUR_MS });
        try {
          const reply = await sendAndAwaitReplies(app, app.sandbox!, textEvent(app.sandbox!, newUserId(), 'xin chào'));
          expect(reply.length).toBeGreaterThan(0);
        } finally {
          await app.close();
        }
      } finally {
        await target.cleanup();
      }
    }, 60_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
  });
}

describe('WORKERS=thread and an in-memory database', () => {
  it('is refused with the reason, in Vietnamese', async () => {
    const config = loadConfig({ PORT: '0', DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', WORKERS: 'thread' });
    await expect(startApp(config)).rejects.toThrow(/dùng chung một cơ sở dữ liệu/);
  });
});
