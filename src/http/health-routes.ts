import { Router } from 'express';
import { sql } from 'kysely';
import type { Database } from '../store/database.js';
import type { WorkerStatus } from '../jobs/worker-loop.js';
import { countInboundByStatus } from '../zalo/inbox-repo.js';
import { countOutboundByStatus } from '../zalo/outbox-repo.js';

/** GET /healthz: database reachable, worker state, queue depths, and which Zalo this talks to. */
export function healthRoutes(o: { database: Database; workers: WorkerStatus[]; zalo: { mode: 'live' | 'sandbox'; sandboxUrl?: string } }): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    let database: { ok: boolean; dialect: string; error?: string } = { ok: true, dialect: o.database.dialect };
    let queues: Record<string, Record<string, number>> = {};
    try {
      await sql`select 1`.execute(o.database.db);
      queues = { inbound: await countInboundByStatus(o.database.db), outbound: await countOutboundByStatus(o.database.db) };
    } catch (err) {
      database = { ok: false, dialect: o.database.dialect, error: (err as Error).message };
    }
    const ok = database.ok && o.workers.every((w) => w.running && !w.lastError);
    res.status(ok ? 200 : 503).json({ ok, database, workers: o.workers, queues, zalo: o.zalo });
  });
  return router;
}
