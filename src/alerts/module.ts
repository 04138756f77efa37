import type { Logger } from 'pino';
import type { Catalog, CatalogSnapshot } from '../catalog/catalog.js';
import type { ChatHandler } from '../chat/context.js';
import type { Database } from '../store/database.js';
import type { StaffRouter } from '../staff/guard.js';
import type { TickTask } from '../jobs/scheduler.js';
import { audit } from '../staff/audit.js';
import { currentStaff } from '../staff/guard.js';
import { checkCatalogChanges, type ChangeCheckResult } from './check.js';
import { changeDigestHandler } from './digest.js';
import { interestHandler } from './interests.js';

/**
 * Change alerts: residents who asked about a procedure are told when its documents, fee, time or
 * online level change. The check runs whenever the catalog in memory is a new version (at start,
 * after a reload); `POST /api/admin/content/reload` (admin) reloads the content and checks at once.
 */
export function createChangeAlerts(o: { database: Database; catalog: Catalog; log: Logger; clock: () => Date; staff: StaffRouter; procedureUrl: (id: string) => string; wakeOutbox: () => void }): {
  interestHandler: ChatHandler;
  digestHandler: ChatHandler;
  task: TickTask;
  check(): Promise<ChangeCheckResult>;
} {
  let checked: CatalogSnapshot['content'] | undefined;
  let running: Promise<ChangeCheckResult> | undefined;

  async function check(): Promise<ChangeCheckResult> {
    // One check at a time in this process; the database keeps other processes from telling twice.
    while (running) await running.catch(() => undefined);
    const content = o.catalog.current.content;
    running = checkCatalogChanges({ database: o.database, catalog: o.catalog, now: o.clock(), procedureUrl: o.procedureUrl, log: o.log });
    try {
      const result = await running;
      checked = content;
      if (result.alerts.some((a) => a.told > 0)) o.wakeOutbox();
      return result;
    } finally {
      running = undefined;
    }
  }

  o.staff.post('/api/admin/content/reload', ['admin'], async (_req, res) => {
    // The version in memory is the baseline the new one is compared with.
    if (checked !== o.catalog.current.content) await check();
    const reloaded = o.catalog.reload();
    if (!reloaded.ok) {
      res.status(422).json({ error: { code: 'invalid_content', message: 'Nội dung mới có lỗi nên chưa được nạp; danh mục cũ vẫn đang dùng.', problems: reloaded.problems } });
      return;
    }
    const result = await check();
    await audit(o.database.db, currentStaff(res), 'content.reload', null, o.clock(), { procedures: reloaded.procedures, alerts: result.alerts.length });
    res.json({ procedures: reloaded.procedures, changes: result.alerts });
  });

  return {
    interestHandler: interestHandler(),
    digestHandler: changeDigestHandler({ catalog: o.catalog, procedureUrl: o.procedureUrl }),
    task: {
      name: 'alerts.catalog-changes',
      run: async () => {
        if (o.catalog.current.content !== checked) await check();
      },
    },
    check,
  };
}
