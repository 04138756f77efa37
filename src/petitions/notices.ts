import type { Executor } from '../store/database.js';
import type { RecurringJob } from '../jobs/scheduler.js';
import { notifyStaff } from '../staff/notifications.js';
import { activeCommuneIds } from '../communes/registry.js';
import { formatDate, formatInstantDate, vnDate } from './deadlines.js';
import { OPEN_STATUSES, type PetitionRow } from './repo.js';

/**
 * What the desk is told: each new petition, and a summary every working morning. Codes, categories
 * and counts only; never the resident's name, phone or words (these notices also go over Zalo).
 */

const CONSOLE_LINK = '/console/#/petitions';

/**
 * A new petition: every member of the role that handles it (the desk, or the leaders for complaints
 * about the staff) gets a console notice (and a Zalo message if they linked Zalo).
 */
export async function notifyNewPetition(tx: Executor, p: PetitionRow, now: Date): Promise<void> {
  if (!p.commune_id) return;
  await notifyStaff(tx, {
    role: p.handled_by === 'leadership' ? 'leader' : 'desk',
    communeId: p.commune_id,
    kind: 'petition.new',
    text: `Phản ánh mới ${p.code} (${p.category_name}), hạn trả lời ${formatDate(p.due_date)}.`,
    link: `${CONSOLE_LINK}/${p.code}`,
    key: `petition-new:${p.id}`,
    now,
  });
}

const LISTED_OVERDUE = 15;

/** The text of the morning summary; exported for the CLI and tests. */
export async function dailySummaryText(db: Executor, now: Date, communeId: string): Promise<{ text: string; open: number; overdue: number; received: number }> {
  const n = now.toISOString();
  const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const base = () => db.selectFrom('petitions').where('commune_id', '=', communeId);
  const count = async (q: ReturnType<typeof base>) => Number((await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);
  const received = await count(base().where('created_at', '>', since));
  const open = await count(base().where('status', 'in', OPEN_STATUSES));
  const overdueRows = await base().select(['code', 'due_date']).where('status', 'in', OPEN_STATUSES).where('due_at', '<=', n).orderBy('due_at').execute();
  const dueSoon = await count(
    base()
      .where('status', 'in', OPEN_STATUSES)
      .where('due_at', '>', n)
      .where('due_at', '<=', new Date(now.getTime() + 2 * 86_400_000).toISOString()),
  );
  const listed = overdueRows.slice(0, LISTED_OVERDUE).map((r) => `${r.code} (hạn ${formatDate(r.due_date)})`);
  const more = overdueRows.length > LISTED_OVERDUE ? ` và ${overdueRows.length - LISTED_OVERDUE} phản ánh khác` : '';
  const text = [
    `Tóm tắt phản ánh, kiến nghị ngày ${formatInstantDate(now)}:`,
    `- Mới trong 24 giờ qua: ${received}`,
    `- Đang chờ trả lời: ${open}`,
    `- Đến hạn trong 2 ngày tới: ${dueSoon}`,
    `- Quá hạn: ${overdueRows.length}${listed.length ? `: ${listed.join(', ')}${more}` : ''}`,
  ].join('\n');
  return { text, open, overdue: overdueRows.length, received };
}

/** Every working morning (Vietnam time): the summary to desk staff, in the console and over Zalo. */
export function dailySummaryJob(o: { db: Executor; cron: string; clock: () => Date; wakeOutbox: () => void }): RecurringJob {
  return {
    id: 'petitions.daily-summary',
    name: 'Tóm tắt phản ánh, kiến nghị hằng ngày cho Bộ phận Một cửa',
    cron: o.cron,
    run: async (scheduledFor) => {
      const now = o.clock();
      // Each commune's desk gets its own commune's summary.
      for (const communeId of await activeCommuneIds(o.db)) {
        const summary = await dailySummaryText(o.db, now, communeId);
        await notifyStaff(o.db, {
          role: 'desk',
          communeId,
          kind: 'petition.summary',
          text: summary.text,
          link: CONSOLE_LINK,
          key: `petition-summary:${communeId}:${vnDate(scheduledFor)}`,
          now,
        });
      }
      o.wakeOutbox();
    },
  };
}
