import { Router } from 'express';
import { sql } from 'kysely';
import type { Database } from '../store/database.js';
import type { WorkerStatus } from '../jobs/worker-loop.js';
import { countInboundByStatus } from '../zalo/inbox-repo.js';
import { countOutboundByStatus } from '../zalo/outbox-repo.js';
import type { ZaloChannelStatus } from '../zalo/channel-status.js';

/**
 * GET /healthz: database reachable, worker state, queue depths, and the Zalo channel. 503 (with
 * the reason in `zalo.channel.problem`) also while proactive sending is paused or the tokens are
 * dead: the process runs, but residents are not being reached.
 */
export function healthRoutes(o: {
  database: Database;
  workers: WorkerStatus[];
  zalo: { mode: 'live' | 'sandbox'; sandboxUrl?: string };
  channel?: () => Promise<ZaloChannelStatus>;
}): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    let database: { ok: boolean; dialect: string; error?: string } = { ok: true, dialect: o.database.dialect };
    let queues: Record<string, Record<string, number>> = {};
    let channel: ZaloChannelStatus | undefined;
    try {
      await sql`select 1`.execute(o.database.db);
      queues = { inbound: await countInboundByStatus(o.database.db), outbound: await countOutboundByStatus(o.database.db) };
      channel = await o.channel?.();
    } catch (err) {
      database = { ok: false, dialect: o.database.dialect, error: (err as Error).message };
    }
    const ok = database.ok && o.workers.every((w) => w.running && !w.lastError) && channel?.ok !== false;
    res.status(ok ? 200 : 503).json({ ok, database, workers: o.workers, queues, zalo: { ...o.zalo, ...(channel ? { channel } : {}) } });
  });
  return router;
}
