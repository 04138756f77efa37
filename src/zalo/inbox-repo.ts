import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Dialect, Executor } from '../store/database.js';
import type { InboundEventsTable } from '../store/schema.js';

export type InboundEvent = InboundEventsTable;

export interface NewInboundEvent {
  dedupeKey: string;
  eventName: string;
  userId: string | null;
  payload: string;
  now: Date;
  ignored?: boolean;
  /** Signed but unreadable (or for another app): kept with the reason, never processed. */
  parkedBecause?: string;
}

function inboundRow(e: NewInboundEvent): InboundEvent {
  const status = e.parkedBecause !== undefined ? 'parked' : e.ignored ? 'ignored' : 'pending';
  return {
    id: randomUUID(),
    dedupe_key: e.dedupeKey,
    event_name: e.eventName,
    user_id: e.userId,
    payload: e.payload,
    status,
    attempts: 0,
    lease_until: null,
    last_error: e.parkedBecause?.slice(0, 500) ?? null,
    received_at: e.now.toISOString(),
    processed_at: status === 'pending' ? null : e.now.toISOString(),
  };
}

/**
 * Stores verified webhook events in one statement (the webhook's group commit). Returns the dedupe
 * keys that were new: a redelivery (a key already stored, or twice in `events`) is stored once and
 * processed once.
 */
export async function storeInboundEvents(db: Executor, events: readonly NewInboundEvent[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const byKey = new Map<string, InboundEvent>();
  for (const e of events) if (!byKey.has(e.dedupeKey)) byKey.set(e.dedupeKey, inboundRow(e));
  const inserted = await db
    .insertInto('inbound_events')
    .values([...byKey.values()])
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('dedupe_key')
    .execute();
  return new Set(inserted.map((r) => r.dedupe_key));
}

/**
 * Stores one verified webhook event before it is acknowledged. Returns false for a redelivery
 * (same dedupe key): Zalo gets its 200 again and the event is not processed twice.
 */
export async function storeInboundEvent(db: Executor, e: NewInboundEvent): Promise<boolean> {
  return (await storeInboundEvents(db, [e])).has(e.dedupeKey);
}

/**
 * Leases up to `limit` pending events. Only each user's oldest pending event is eligible, so one
 * resident's messages are handled in order even with several workers; a crashed worker's lease
 * runs out and the event is tried again. PostgreSQL skips rows another process is locking.
 */
export async function claimInboundEvents(
  db: Executor,
  dialect: Dialect,
  o: { limit: number; leaseMs: number; now: Date },
): Promise<InboundEvent[]> {
  const now = o.now.toISOString();
  const leaseUntil = new Date(o.now.getTime() + o.leaseMs).toISOString();
  let candidates = db
    .selectFrom('inbound_events as e')
    .select('e.id')
    .where('e.status', '=', 'pending')
    .where((eb) => eb.or([eb('e.lease_until', 'is', null), eb('e.lease_until', '<', now)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('inbound_events as older')
            .select(sql`1`.as('one'))
            .where('older.status', '=', 'pending')
            .whereRef('older.user_id', '=', 'e.user_id')
            .whereRef('older.received_at', '<', 'e.received_at'),
        ),
      ),
    )
    .orderBy('e.received_at')
    .limit(o.limit);
  if (dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
  return db
    .updateTable('inbound_events')
    .set((eb) => ({ lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', candidates)
    .returningAll()
    .execute();
}

/**
 * Marks a leased event done. Fails (returns false) if the lease was lost meanwhile, so the caller's
 * transaction can roll back instead of answering twice.
 */
export async function completeInboundEvent(db: Executor, event: InboundEvent, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('inbound_events')
    .set({ status: 'done', lease_until: null, processed_at: now.toISOString(), last_error: null })
    .where('id', '=', event.id)
    .where('status', '=', 'pending')
    .where('lease_until', '=', event.lease_until)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records a failed attempt; after `maxAttempts` the event is parked as failed for staff to see. */
export async function failInboundEvent(
  db: Executor,
  event: InboundEvent,
  o: { error: string; maxAttempts: number; retryAt: Date },
): Promise<void> {
  const final = event.attempts >= o.maxAttempts;
  await db
    .updateTable('inbound_events')
    .set({ status: final ? 'failed' : 'pending', lease_until: final ? null : o.retryAt.toISOString(), last_error: o.error.slice(0, 500) })
    .where('id', '=', event.id)
    .where('lease_until', '=', event.lease_until)
    .execute();
}

export async function countInboundByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db.selectFrom('inbound_events').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Parked events, newest first: what Zalo sent that we could not read (for staff to look at). */
export async function listParkedEvents(db: Executor, limit = 50) {
  return db
    .selectFrom('inbound_events')
    .select(['id', 'event_name', 'last_error', 'received_at'])
    .where('status', '=', 'parked')
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute();
}
