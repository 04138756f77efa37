import type { Catalog } from '../catalog/catalog.js';
import type { Executor } from '../store/database.js';
import { owingHandler, type ChatHandler, type OwedProbe } from '../chat/context.js';
import type { Watched } from './fingerprint.js';
import { digestReply } from './texts.js';

/** Changes this resident was not told about (outside the free window at the time). */
function waitingChangesQuery(db: Executor, userId: string) {
  return db
    .selectFrom('change_alert_deliveries as d')
    .innerJoin('change_alerts as a', 'a.id', 'd.alert_id')
    .select(['d.alert_id', 'a.procedure_id', 'a.changed', 'a.created_at'])
    .where('d.user_id', '=', userId)
    .where('d.status', '=', 'waiting_digest');
}

const waitingChanges: OwedProbe = (ctx) => waitingChangesQuery(ctx.tx, ctx.userId);

/**
 * On a resident's next interaction, after the normal answer: the procedure changes they were not
 * told about (outside the free window at the time), in one message, then marked in the same
 * transaction so they are told once.
 */
export function changeDigestHandler(deps: { catalog: Catalog; procedureUrl: (id: string) => string }): ChatHandler {
  return owingHandler([waitingChanges], async (ctx, next) => {
    await next();
    if (ctx.event.kind === 'unfollow') return;
    if (!(await ctx.isOwed(waitingChanges))) return;
    const waiting = await waitingChangesQuery(ctx.tx, ctx.userId).orderBy('a.created_at').execute();
    if (waiting.length === 0) return;
    // Several changes of one procedure are told as one line, with every facet that changed.
    const byProcedure = new Map<string, Set<Watched>>();
    for (const w of waiting) {
      const set = byProcedure.get(w.procedure_id) ?? new Set<Watched>();
      for (const c of JSON.parse(w.changed) as Watched[]) set.add(c);
      byProcedure.set(w.procedure_id, set);
    }
    const views = [...byProcedure.entries()]
      .filter(([id]) => deps.catalog.current.index.get(id))
      .map(([id, changed]) => ({ procedureName: deps.catalog.current.index.get(id)!.name, changed: [...changed], url: deps.procedureUrl(id) }));
    if (views.length) ctx.reply(digestReply(views));
    await ctx.tx
      .updateTable('change_alert_deliveries')
      .set({ status: 'digest_delivered', updated_at: ctx.now.toISOString() })
      .where('user_id', '=', ctx.userId)
      .where('alert_id', 'in', waiting.map((w) => w.alert_id))
      .execute();
  });
}
