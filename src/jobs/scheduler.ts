import { Cron } from 'croner';
import type { Logger } from 'pino';
import type { Executor } from '../store/database.js';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A job that runs on a cron expression (in Vietnam time), persisted so it survives restarts. */
export interface RecurringJob {
  id: string;
  name: string;
  cron: string;
  run: (scheduledFor: Date) => Promise<void>;
}

/** Work that runs on every scheduler tick (e.g. due announcements, draft expiry). */
export type TickTask = { name: string; run: (now: Date) => Promise<void> };

export function nextRun(cron: string, after: Date): Date {
  const next = new Cron(cron, { timezone: TIME_ZONE, paused: true }).nextRun(after);
  if (!next) throw new Error(`scheduler: cron "${cron}" never runs`);
  return next;
}

/**
 * Drives time-based work. Croner wakes it every second; what is due is read from the database, so a
 * restart loses nothing, and each occurrence of a recurring job is claimed by exactly one process
 * (conditional update of its next run time).
 */
export function createScheduler(o: { db: Executor; log: Logger; clock: () => Date; jobs: RecurringJob[]; tasks: TickTask[] }) {
  let cron: Cron | undefined;
  let running: Promise<void> | undefined;

  async function register(): Promise<void> {
    const now = o.clock();
    for (const job of o.jobs) {
      const existing = await o.db.selectFrom('recurring_jobs').select(['cron']).where('id', '=', job.id).executeTakeFirst();
      if (!existing) {
        await o.db
          .insertInto('recurring_jobs')
          .values({ id: job.id, name: job.name, cron: job.cron, action: job.id, active: 1, next_run_at: nextRun(job.cron, now).toISOString(), last_run_at: null })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      } else if (existing.cron !== job.cron) {
        await o.db.updateTable('recurring_jobs').set({ cron: job.cron, next_run_at: nextRun(job.cron, now).toISOString() }).where('id', '=', job.id).execute();
      }
    }
  }

  async function runDueJobs(now: Date): Promise<void> {
    const due = await o.db.selectFrom('recurring_jobs').selectAll().where('active', '=', 1).where('next_run_at', '<=', now.toISOString()).execute();
    for (const row of due) {
      const job = o.jobs.find((j) => j.id === row.id);
      if (!job) continue;
      const claimed = await o.db
        .updateTable('recurring_jobs')
        .set({ next_run_at: nextRun(row.cron, now).toISOString(), last_run_at: now.toISOString() })
        .where('id', '=', row.id)
        .where('next_run_at', '=', row.next_run_at)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      try {
        await job.run(new Date(row.next_run_at));
        o.log.info({ job: job.id }, 'recurring job ran');
      } catch (err) {
        o.log.error({ job: job.id, err: { name: (err as Error).name, message: (err as Error).message } }, 'recurring job failed');
      }
    }
  }

  /** One pass: every tick task, then every due recurring job. Exposed for tests and the CLI. */
  async function tick(): Promise<void> {
    const now = o.clock();
    for (const task of o.tasks) {
      try {
        await task.run(now);
      } catch (err) {
        o.log.error({ task: task.name, err: { name: (err as Error).name, message: (err as Error).message } }, 'scheduler task failed');
      }
    }
    await runDueJobs(now);
  }

  return {
    tick,
    async start(): Promise<void> {
      await register();
      cron = new Cron('* * * * * *', { protect: true }, () => {
        running = tick();
        return running;
      });
    },
    async stop(): Promise<void> {
      cron?.stop();
      await running;
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
