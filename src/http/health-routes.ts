import { Router } from 'express';
import { sql } from 'kysely';
import type { Database } from '../store/database.js';
import type { WorkerStatus } from '../jobs/worker-loop.js';
import { countInboundByStatus } from '../zalo/inbox-repo.js';
import { countOutboundByStatus } from '../zalo/outbox-repo.js';
import type { OaHealth, ZaloChannelStatus } from '../zalo/channel-status.js';

/**
 * GET /healthz: database reachable, worker state, queue depths, and every commune's OA. 503 also
 * while any OA's proactive sending is paused or its tokens are dead (`zalo.oas` says which and why;
 * `zalo.channel` is the first commune's full status): the process runs, but some residents are
 * not being reached.
 */
export function healthRoutes(o: {
  database: Database;
  workers: WorkerStatus[];
  zalo: { mode: 'live' | 'sandbox'; sandboxUrl?: string };
  channels?: () => Promise<{ ok: boolean; channel: ZaloChannelStatus | undefined; oas: OaHealth[] }>;
}): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    let database: { ok: boolean; dialect: string; error?: string } = { ok: true, dialect: o.database.dialect };
    let queues: Record<string, Record<string, number>> = {};
    let channels: { ok: boolean; channel: ZaloChannelStatus | undefined; oas: OaHealth[] } | undefined;
    try {
      await sql`select 1`.execute(o.database.db);
      queues = { inbound: await countInboundByStatus(o.database.db), outbound: await countOutboundByStatus(o.database.db) };
      channels = await o.channels?.();
    } catch (err) {
      database = { ok: false, dialect: o.database.dialect, error: (err as Error).message };
    }
    const ok = database.ok && o.workers.every((w) => w.running && !w.lastError) && channels?.ok !== false;
    const zalo = { ...o.zalo, ...(channels?.channel ? { channel: channels.channel } : {}), ...(channels ? { oas: channels.oas } : {}) };
    res.status(ok ? 200 : 503).json({ ok, database, workers: o.workers, queues, zalo });
  });
  return router;
}
