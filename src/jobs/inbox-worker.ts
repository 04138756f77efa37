import type { Logger } from 'pino';
import type { Transaction } from 'kysely';
import type { Database } from '../store/database.js';
import type { DB } from '../store/schema.js';
import { HandlerError, type Conversation } from '../chat/conversation.js';
import type { Reply } from '../assistant/reply.js';
import { claimInboundEvents, completeInboundEvent, failInboundEvent, type InboundEvent } from '../zalo/inbox-repo.js';
import { queueReply } from '../messaging/queue-reply.js';
import { parseWebhookBody } from '../zalo/events.js';
import { recordTakeover } from '../chat/takeover.js';
import { backoffMs } from './backoff.js';
import type { AckGauge } from './ack-gauge.js';

export interface InboxWorkerOptions {
  database: Database;
  log: Logger;
  conversation: Conversation;
  /** Events stored before communes existed belong to this one. */
  defaultCommuneId: () => string;
  clock: () => Date;
  /** Wakes the outbox worker once replies are queued. */
  onReplies?: () => void;
  /**
   * Runs before an event is handled, outside its transaction (e.g. asking Zalo whether a first-time
   * writer follows the OA). Must not throw for ordinary failures; the event is handled anyway.
   */
  beforeEvent?: (userId: string, communeId: string, now: Date) => Promise<void>;
  /** What a resident reads when their message could not be handled (an apology with the hotline). */
  apology: (communeId: string) => Reply;
  batchSize?: number;
  /** Events answered in one transaction. */
  groupSize?: number;
  /** Groups answered at once, each in its own transaction on its own connection. */
  lanes?: number;
  /** When many webhook requests wait, pause between groups (see ack-gauge). */
  acks?: AckGauge;
  leaseMs?: number;
  maxAttempts?: number;
  /** How long the assistant stays quiet for a resident a clerk answered in the OA chat tool. */
  takeoverHours?: number;
}

/**
 * The claimed events in groups of about `size`, a resident's events always in one group and in
 * the order received: groups run side by side, and one conversation must never be answered in
 * two places at once (two events of one resident may share a timestamp and both be claimed).
 */
export function groupsOf(events: readonly InboundEvent[], size: number): InboundEvent[][] {
  const byResident = new Map<string, InboundEvent[]>();
  for (const e of events) {
    const key = e.user_id ?? `event:${e.id}`;
    const mine = byResident.get(key);
    if (mine) mine.push(e);
    else byResident.set(key, [e]);
  }
  const groups: InboundEvent[][] = [];
  for (const mine of byResident.values()) {
    const last = groups[groups.length - 1];
    if (last && last.length + mine.length <= size) last.push(...mine);
    else groups.push([...mine]);
  }
  return groups;
}

class LeaseLostError extends Error {
  constructor() {
    super('inbox: lease lost before the event was completed');
  }
}

/**
 * One tick of the inbox: lease events, run the conversation for each, and in the same
 * transaction queue its replies and mark it done. A crash anywhere leaves the event pending: its
 * lease runs out and it is handled again, and since nothing of the first try was committed, the
 * resident is answered exactly once.
 */
export function createInboxTick(o: InboxWorkerOptions): () => Promise<number> {
  const { db, dialect } = o.database;
  const leaseMs = o.leaseMs ?? 30_000;
  const maxAttempts = o.maxAttempts ?? 5;
  const takeoverHours = o.takeoverHours ?? 24;
  /** Queues the apology and closes the event as failed (kept, with its error, for the operator). */
  async function apologize(row: InboundEvent, error: string): Promise<void> {
    const now = o.clock();
    await db.transaction().execute(async (tx) => {
      if (row.user_id) {
        const communeId = row.commune_id ?? o.defaultCommuneId();
        await queueReply(tx, { key: `event:${row.id}:apology`, userId: row.user_id, communeId, purpose: 'reply', replies: o.apology(communeId), now });
      }
      await failInboundEvent(tx, row, { error, maxAttempts: 0, retryAt: now });
    });
  }

  /** Answers one event inside `tx`: the turn, its replies queued, the event marked done. */
  async function answer(tx: Transaction<DB>, row: InboundEvent): Promise<void> {
    const now = o.clock();
    const event = parseWebhookBody(row.payload);
    if (event.kind === 'oa_echo') {
      // A clerk answered in the OA chat tool: the assistant steps back for this resident.
      if (event.adminId) await recordTakeover(tx, { userId: event.userId, adminId: event.adminId, at: new Date(Math.min(event.timestamp, now.getTime())), hours: takeoverHours, now });
      if (!(await completeInboundEvent(tx, row, now))) throw new LeaseLostError();
      return;
    }
    const communeId = row.commune_id ?? o.defaultCommuneId();
    const turn = await o.conversation(tx, { event, eventId: row.id, userId: row.user_id!, communeId, now });
    await queueReply(tx, { key: `event:${row.id}`, userId: row.user_id!, communeId, purpose: 'reply', replies: turn.replies, now });
    if (!(await completeInboundEvent(tx, row, now))) throw new LeaseLostError();
  }

  /** One event in its own transaction, with the retry and apology rules. */
  async function answerAlone(row: InboundEvent): Promise<void> {
    try {
      await db.transaction().execute((tx) => answer(tx, row));
    } catch (err) {
      if (err instanceof LeaseLostError) return;
      o.log.error({ eventId: row.id, attempts: row.attempts, err: { name: (err as Error).name, message: (err as Error).message } }, 'inbox event failed');
      // A handler's bug fails the same way every time; anything else is retried, and answered
      // with an apology only when the retries are spent: nobody is left without a reply.
      if (err instanceof HandlerError || row.attempts >= maxAttempts) {
        await apologize(row, (err as Error).message);
        return;
      }
      await failInboundEvent(db, row, {
        error: (err as Error).message,
        maxAttempts,
        retryAt: new Date(o.clock().getTime() + backoffMs(row.attempts, 1_000, 60_000)),
      });
    }
  }

  // Let waiting HTTP requests (webhook acknowledgements) in between transactions: on SQLite they
  // share one connection with them.
  const yieldToHttp = () => new Promise((resolve) => setImmediate(resolve));
  // PostgreSQL: a commit waits for the WAL flush, so events share one. SQLite (WAL, synchronous
  // NORMAL) commits without a flush but still writes the WAL and now and then checkpoints it (a
  // commit cost 6 % of the answering time, one per event); its one connection is shared with the
  // webhook's writes, so groups stay small: four events (about 16 ms) keep acknowledgements under
  // 50 ms p99 while 250 events/s arrive, and answer 1.1× more per second than one (measured on 2/12).
  const groupSize = o.groupSize ?? (dialect === 'postgres' ? 8 : 4);
  // PostgreSQL: while one group waits on the server (a third of the time, measured), another is
  // answered. A claim holds one event per resident, so two groups never touch one conversation.
  // SQLite has one connection: one lane.
  const lanes = o.lanes ?? (dialect === 'postgres' ? 4 : 1);

  /**
   * Runs `beforeEvent` for each resident of the group, side by side (for a first-time writer it is
   * a call to Zalo), once per resident. Returns the wall time the calls would have taken one after
   * another beyond what they took together: the ack gauge reads wall time as the loop's share, and
   * waits that overlap would hide the work done in them (measured: with them uncharged, answering
   * took twice as many events during a webhook flood, and acknowledgements fell from 53 to 44 % of a
   * bare handler's throughput).
   */
  async function beforeGroup(group: InboundEvent[]): Promise<number> {
    if (!o.beforeEvent) return 0;
    const residents = new Map(group.filter((row) => row.user_id).map((row) => [row.user_id!, row.commune_id ?? o.defaultCommuneId()]));
    const took = await Promise.all(
      [...residents].map(async ([userId, communeId]) => {
        const started = performance.now();
        await o.beforeEvent!(userId, communeId, o.clock()).catch(() => {});
        return performance.now() - started;
      }),
    );
    return took.reduce((a, b) => a + b, 0) - Math.max(0, ...took);
  }

  /** Answers a group; returns the overlapped time to charge to the ack gauge (see beforeGroup). */
  async function answerGroup(group: InboundEvent[]): Promise<number> {
    await yieldToHttp();
    const overlapped = await beforeGroup(group);
    try {
      await db.transaction().execute(async (tx) => {
        for (const row of group) await answer(tx, row);
      });
    } catch {
      for (const row of group) {
        await yieldToHttp();
        await answerAlone(row);
      }
    }
    return overlapped;
  }

  return async () => {
    const started = performance.now();
    const events = await claimInboundEvents(db, dialect, { limit: o.batchSize ?? 20, leaseMs, now: o.clock() });
    // Several events per transaction: one commit (on PostgreSQL one WAL flush) for the group, and
    // exactly-once is kept because the group commits or rolls back whole. A claim holds one event
    // per resident, so a group never orders two messages of one person. If anything in the group
    // fails, it is rolled back and its events are answered one by one, each with its own rules.
    const groups = groupsOf(events, groupSize);
    let overlapped = 0;
    const lane = async () => {
      for (let group = groups.shift(); group; group = groups.shift()) overlapped += await answerGroup(group);
    };
    await Promise.all(Array.from({ length: Math.min(lanes, groups.length) }, lane));
    if (events.length > 0) o.onReplies?.();
    // Measured over the whole batch, every lane together, so the share holds whatever the lanes.
    if (events.length > 0) await o.acks?.stepAside(performance.now() - started + overlapped);
    return events.length;
  };
}
