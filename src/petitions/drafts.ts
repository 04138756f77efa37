import type { Logger } from 'pino';
import { parseState } from '../chat/state.js';
import type { Executor, Database } from '../store/database.js';
import type { TickTask } from '../jobs/scheduler.js';
import { enqueueMessage } from '../zalo/outbox-repo.js';
import { replyToZaloMessages } from '../zalo/render-reply.js';
import { draftExpired, draftReminder } from './texts.js';

/**
 * The chat draft lives in the resident's conversation state (zalo_users.state, saved with each
 * event), so it survives restarts. `petition_drafts` is only an index over it, written in the same
 * transaction, so the scheduler finds quiet drafts without reading every user's state: one
 * reminder after PETITION_REMIND_MINUTES, and after PETITION_DRAFT_HOURS the draft is dropped and
 * the resident told once. Both are conditional updates plus outbox dedupe keys, so several
 * processes ticking at once still send each message once.
 */

export const FLOW_KIND = 'petition';

/** The draft index follows the flow: called by the chat flow after every event that keeps a draft. */
export async function touchDraft(tx: Executor, userId: string, startedAt: string, now: Date): Promise<void> {
  const at = now.toISOString();
  const existing = await tx.selectFrom('petition_drafts').select('started_at').where('user_id', '=', userId).executeTakeFirst();
  if (existing?.started_at === startedAt) {
    await tx.updateTable('petition_drafts').set({ last_activity_at: at }).where('user_id', '=', userId).execute();
  } else if (existing) {
    await tx.updateTable('petition_drafts').set({ started_at: startedAt, last_activity_at: at, reminded_at: null }).where('user_id', '=', userId).execute();
  } else {
    await tx.insertInto('petition_drafts').values({ user_id: userId, started_at: startedAt, last_activity_at: at, reminded_at: null }).execute();
  }
}

export async function dropDraft(tx: Executor, userId: string): Promise<void> {
  await tx.deleteFrom('petition_drafts').where('user_id', '=', userId).execute();
}

const BATCH = 100;

export function createDraftTask(o: {
  database: Database;
  log: Logger;
  remindAfterMs: number;
  draftLifetimeMs: number;
  wakeOutbox: () => void;
}): TickTask {
  const { db } = o.database;

  async function remind(now: Date): Promise<number> {
    const quietSince = new Date(now.getTime() - o.remindAfterMs).toISOString();
    const expiredBefore = new Date(now.getTime() - o.draftLifetimeMs).toISOString();
    const due = await db
      .selectFrom('petition_drafts')
      .selectAll()
      .where('reminded_at', 'is', null)
      .where('last_activity_at', '<=', quietSince)
      .where('last_activity_at', '>', expiredBefore)
      .limit(BATCH)
      .execute();
    let sent = 0;
    for (const d of due) {
      await db.transaction().execute(async (tx) => {
        const claimed = await tx
          .updateTable('petition_drafts')
          .set({ reminded_at: now.toISOString() })
          .where('user_id', '=', d.user_id)
          .where('started_at', '=', d.started_at)
          .where('reminded_at', 'is', null)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) return;
        const expiresAt = new Date(Date.parse(d.last_activity_at) + o.draftLifetimeMs);
        for (const [i, message] of replyToZaloMessages(draftReminder(expiresAt)).entries()) {
          await enqueueMessage(tx, { dedupeKey: `petition-draft:${d.user_id}:${d.started_at}:remind:${i}`, userId: d.user_id, purpose: 'petition_draft', message, now });
        }
        sent += 1;
      });
    }
    return sent;
  }

  async function expire(now: Date): Promise<number> {
    const expiredBefore = new Date(now.getTime() - o.draftLifetimeMs).toISOString();
    const due = await db.selectFrom('petition_drafts').selectAll().where('last_activity_at', '<=', expiredBefore).limit(BATCH).execute();
    let dropped = 0;
    for (const d of due) {
      await db.transaction().execute(async (tx) => {
        const user = await tx.selectFrom('zalo_users').select('state').where('user_id', '=', d.user_id).executeTakeFirst();
        const state = parseState(user?.state);
        if (user && state.flow?.kind === FLOW_KIND && state.flow.startedAt === d.started_at) {
          const { flow: _dropped, ...rest } = state;
          // Compare-and-set: if an event of this resident was handled meanwhile, it wins and the draft stays.
          const saved = await tx
            .updateTable('zalo_users')
            .set({ state: JSON.stringify(rest), state_updated_at: now.toISOString() })
            .where('user_id', '=', d.user_id)
            .where('state', '=', user.state)
            .executeTakeFirst();
          if (Number(saved.numUpdatedRows) !== 1) return;
          for (const [i, message] of replyToZaloMessages(draftExpired()).entries()) {
            await enqueueMessage(tx, { dedupeKey: `petition-draft:${d.user_id}:${d.started_at}:expired:${i}`, userId: d.user_id, purpose: 'petition_draft', message, now });
          }
          dropped += 1;
        }
        // The index row goes either way (a flow that ended or was replaced leaves a stale row).
        await tx
          .deleteFrom('petition_drafts')
          .where('user_id', '=', d.user_id)
          .where('started_at', '=', d.started_at)
          .where('last_activity_at', '=', d.last_activity_at)
          .execute();
      });
    }
    return dropped;
  }

  return {
    name: 'petitions.drafts',
    async run(now) {
      const reminded = await remind(now);
      const expired = await expire(now);
      if (reminded + expired > 0) {
        o.log.info({ reminded, expired }, 'petition drafts followed up');
        o.wakeOutbox();
      }
    },
  };
}

