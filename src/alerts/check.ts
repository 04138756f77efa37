import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import type { Database, Executor } from '../store/database.js';
import { enqueueMessage } from '../zalo/outbox-repo.js';
import { insideFreeWindow } from '../zalo/interaction-window.js';
import { replyToZaloMessages } from '../zalo/render-reply.js';
import { changedFacets, fingerprintOf, watchedFacts, type Watched, type WatchedFacts } from './fingerprint.js';
import { INTEREST_MS, pruneInterests } from './interests.js';
import { alertReply } from './texts.js';

export interface ChangeCheckResult {
  procedures: number;
  /** Procedures seen for the first time (their fingerprint is the baseline; nobody is told). */
  baselined: number;
  alerts: Array<{ procedureId: string; changed: Watched[]; told: number; waiting: number }>;
}

/**
 * Compares every procedure's watched facts with the fingerprint stored for the previous catalog
 * version; for each change, one alert (unique per procedure and new fingerprint, so two processes
 * or two checks never tell twice) to the residents who asked about it in the last 30 days: sent now
 * when free (inside 48 hours of their last interaction), otherwise kept for their next message.
 */
export async function checkCatalogChanges(o: { database: Database; catalog: Catalog; now: Date; procedureUrl: (id: string) => string; log: Logger }): Promise<ChangeCheckResult> {
  const { db } = o.database;
  const procedures = o.catalog.current.content.procedures;
  const stored = new Map((await db.selectFrom('procedure_fingerprints').selectAll().execute()).map((r) => [r.procedure_id, r]));
  const result: ChangeCheckResult = { procedures: procedures.length, baselined: 0, alerts: [] };
  await pruneInterests(db, o.now);
  for (const p of procedures) {
    const facts = watchedFacts(p);
    const fingerprint = fingerprintOf(facts);
    const before = stored.get(p.id);
    if (before?.fingerprint === fingerprint) continue;
    await db.transaction().execute(async (tx) => {
      if (!before) {
        const r = await tx
          .insertInto('procedure_fingerprints')
          .values({ procedure_id: p.id, fingerprint, facts: JSON.stringify(facts), updated_at: o.now.toISOString() })
          .onConflict((oc) => oc.column('procedure_id').doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) result.baselined += 1;
        return;
      }
      // Only the process that moves the fingerprint on tells anyone.
      const moved = await tx
        .updateTable('procedure_fingerprints')
        .set({ fingerprint, facts: JSON.stringify(facts), updated_at: o.now.toISOString() })
        .where('procedure_id', '=', p.id)
        .where('fingerprint', '=', before.fingerprint)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) return;
      const changed = changedFacets(JSON.parse(before.facts) as WatchedFacts, facts);
      if (changed.length === 0) return;
      const alertId = randomUUID();
      const inserted = await tx
        .insertInto('change_alerts')
        .values({ id: alertId, procedure_id: p.id, fingerprint, changed: JSON.stringify(changed), created_at: o.now.toISOString() })
        .onConflict((oc) => oc.columns(['procedure_id', 'fingerprint']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) return;
      const counts = await tellInterested(tx, { alertId, procedureId: p.id, procedureName: p.name, changed, url: o.procedureUrl(p.id), now: o.now });
      result.alerts.push({ procedureId: p.id, changed, ...counts });
    });
  }
  for (const a of result.alerts) o.log.info({ procedure: a.procedureId, changed: a.changed, told: a.told, waiting: a.waiting }, 'procedure change alert');
  return result;
}

async function tellInterested(
  tx: Executor,
  a: { alertId: string; procedureId: string; procedureName: string; changed: Watched[]; url: string; now: Date },
): Promise<{ told: number; waiting: number }> {
  const users = await tx
    .selectFrom('procedure_interests as i')
    .select('i.user_id')
    .where('i.procedure_id', '=', a.procedureId)
    .where('i.asked_at', '>=', new Date(a.now.getTime() - INTEREST_MS).toISOString())
    .execute();
  let told = 0;
  let waiting = 0;
  for (const { user_id: userId } of users) {
    const now = await insideFreeWindow(tx, userId, a.now);
    if (now) {
      for (const [i, message] of replyToZaloMessages(alertReply(a)).entries()) {
        await enqueueMessage(tx, { dedupeKey: `change-alert:${a.alertId}:${userId}:${String(i).padStart(3, '0')}`, userId, purpose: 'change_alert', message, now: a.now });
      }
      told += 1;
    } else {
      waiting += 1;
    }
    await tx
      .insertInto('change_alert_deliveries')
      .values({ alert_id: a.alertId, user_id: userId, status: now ? 'queued' : 'waiting_digest', updated_at: a.now.toISOString() })
      .onConflict((oc) => oc.columns(['alert_id', 'user_id']).doNothing())
      .execute();
  }
  return { told, waiting };
}
