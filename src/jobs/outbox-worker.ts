import type { Logger } from 'pino';
import type { Database } from '../store/database.js';
import type { ZaloClient } from '../zalo/client.js';
import type { OaChannel } from '../communes/channels.js';
import { TokenUnavailableError } from '../zalo/token-store.js';
import { ZaloApiError, isZaloError, type ZaloError } from '../zalo/errors.js';
import { parseOutboundMessage } from '../zalo/messages.js';
import {
  beginAttempt,
  claimDueMessages,
  deferClaim,
  isNewsPurpose,
  knownZaloMessageIds,
  markFinal,
  markReconcileRetry,
  markRetry,
  markSent,
  releaseClaim,
  type OutboundRow,
} from '../zalo/outbox-repo.js';
import { blockedOas } from '../zalo/channel-state.js';
import { heldWhilePaused, pauseAndAlert, PURPOSES_SENT_WHILE_PAUSED } from '../messaging/sending-pause.js';
import type { OutboundMessage } from '../zalo/messages.js';
import { backoffMs } from './backoff.js';
import { nextAllowedSendTime, sendAllowedNow, type SendingHours } from '../messaging/rules.js';
import { createSharedRateLimiter } from './shared-rate-limiter.js';

/** Zalo codes that mean "outside the consultation window". */
const OUTSIDE_WINDOW_CODES = new Set([-230, -232]);
/** A claimed batch is protected this long; each row's own attempt then extends its lease. */
const CLAIM_LEASE_MS = 15_000;
/** An attempt's lease: the client's timeout plus this margin for the database writes around it. */
const ATTEMPT_LEASE_MARGIN_MS = 15_000;
/**
 * How far before the attempt mark a message found in the conversation may be dated: clock skew
 * between Zalo and us. Short on purpose: an earlier message with the same text must never count
 * as proof (ids we already recorded are excluded too).
 */
const RECONCILE_SKEW_MS = 5_000;
/**
 * Delivery checks of one ambiguous send that fail for a passing reason (timeouts, 5xx, a rate
 * limit) before giving up. Then the message is sent again: Zalo has no idempotency key, and a
 * resident who never gets an answer is worse off than one who gets it twice. Every passing failure
 * counts alike: a lower limit for one kind let a flaky Zalo (30 % of calls failing) end the checks
 * of a delivered message now and then, and send it twice. A conversation API that refuses for good
 * (a permission the OA did not grant, a policy code) is not asked again at all.
 */
export const RECONCILE_MAX_CHECKS = 10;
/** The wait between two checks stops doubling here (× the retry base): the resident is waiting. */
const RECONCILE_MAX_BACKOFF_STEP = 4;

function textOf(message: OutboundMessage): string | undefined {
  return 'text' in message ? message.text : undefined;
}

export interface OutboxWorkerOptions {
  database: Database;
  log: Logger;
  /** Each commune's OA: its client refreshes that OA's token on -216 (refreshing-client.ts). */
  channel: (communeId: string) => OaChannel;
  /** Messages queued before communes existed go through this commune's OA. */
  defaultCommuneId: () => string;
  clock: () => Date;
  /** Zalo's per-app limit, shared by every instance on the database. */
  sendPerMinute: number;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /**
   * Sends in flight at once. Safe: a batch holds at most one message per user and priority (a
   * reply may go beside a news item to the same person, never beside another part of itself).
   */
  concurrency?: number;
  /**
   * The commune's sending hours for news. Checked again when a message is about to go out: a
   * fan-out the rate limit stretches past the end of the hours waits for the next morning.
   */
  sendHoursFor?: (communeId: string) => Promise<SendingHours>;
  /** First retry delay; later ones double (with jitter), up to 5 minutes. */
  retryBaseMs?: number;
  /** The Zalo client's per-call timeout (the attempt lease must outlast it). */
  callTimeoutMs?: number;
}

/**
 * One tick of the outbox: lease due messages and send each through Zalo, within the rate limit.
 * Expired token → the client refreshes once and repeats once. Rate limit, 5xx, network → back off
 * and retry later, up to `maxAttempts`. Outside the 7-day window → not attempted (or, if Zalo says
 * so, not retried), marked `outside_window`. An operator, policy or billing code → proactive
 * sending pauses for that OA, or for every OA when the code concerns the Zalo App (every instance
 * sees it), admins are alerted, and the message waits, pending. Dead tokens of an OA → nothing of
 * that OA is attempted until an admin loads a new pair. Other OAs keep sending. Other refusals →
 * `failed`, not retried.
 */
export function createOutboxTick(o: OutboxWorkerOptions): () => Promise<number> {
  const { db, dialect } = o.database;
  // Zalo's per-app limit, shared by every instance (real time: Zalo counts real minutes).
  const limiter = createSharedRateLimiter({ db, name: 'zalo-app', perMinute: o.sendPerMinute });
  /** The commune whose OA a message goes out through (rows without one: the default commune's). */
  const communeOf = (row: OutboundRow): string => row.commune_id ?? o.defaultCommuneId();
  const clientOf = (row: OutboundRow): ZaloClient => o.channel(communeOf(row)).client;
  const retryBase = o.retryBaseMs ?? 2_000;
  const maxAttempts = o.maxAttempts ?? 8;
  /** Each commune's sending hours, read once per tick. */
  let hoursNow = new Map<string, Promise<SendingHours>>();
  /** Set when this tick found the minute's send allowance spent: the rest of its batch is given back. */
  let spentNow = false;
  /** OAs this tick (or a lane of it) paused, so the rest of their batch waits at once. */
  let pausedNow = new Set<string>();
  const heldNow = (row: OutboundRow) => heldWhilePaused(row.purpose) && pausedNow.has(communeOf(row));

  /** When each recipient of a claimed batch last wrote to the OA: one query for the batch. */
  async function lastInteractions(rows: readonly OutboundRow[]): Promise<Map<string, Date>> {
    if (rows.length === 0) return new Map();
    const users = await db
      .selectFrom('zalo_users')
      .select(['user_id', 'last_interaction_at'])
      .where('user_id', 'in', [...new Set(rows.map((r) => r.user_id))])
      .execute();
    return new Map(users.filter((u) => u.last_interaction_at).map((u) => [u.user_id, new Date(u.last_interaction_at!)]));
  }

  const later = (attempts: number, base = retryBase) => new Date(o.clock().getTime() + backoffMs(attempts, base));

  /**
   * A previous attempt's outcome is unknown (the process died during the call, or the answer was
   * lost): Zalo has no idempotency key, so look in the conversation for the message before sending
   * it again. Proof is a message from the OA with the same text, dated after the attempt started,
   * whose id is not one we already recorded: an earlier message with the same text proves nothing.
   * Returns 'delivered', 'send' (not found, or the checks gave up: send it), or 'later' (check
   * again later; the row is back in the queue).
   */
  async function reconcile(row: OutboundRow, message: OutboundMessage): Promise<'delivered' | 'send' | 'later'> {
    const text = textOf(message);
    if (!row.attempt_started_at || text === undefined) return 'send';
    const since = Date.parse(row.attempt_started_at) - RECONCILE_SKEW_MS;
    let recent;
    try {
      recent = await clientOf(row).getConversation(row.user_id, 10);
    } catch (err) {
      if (!isZaloError(err)) throw err;
      const checks = (row.reconcile_attempts ?? 0) + 1;
      if (err.isPermanent || checks >= RECONCILE_MAX_CHECKS) {
        o.log.warn({ outboxId: row.id, checks, error: err.message }, 'outbox cannot check an unconfirmed send: sending it again');
        return 'send';
      }
      await markReconcileRetry(db, row, `delivery check failed: ${err.message}`, later(Math.min(checks, RECONCILE_MAX_BACKOFF_STEP)), checks);
      o.log.warn({ outboxId: row.id, checks, error: err.message }, 'outbox delivery check failed; will check again');
      return 'later';
    }
    const candidates = recent.filter(
      (m) => m.fromOa && m.messageId !== undefined && m.text === text && m.time !== undefined && m.time >= since,
    );
    const known = await knownZaloMessageIds(db, row.user_id, candidates.map((m) => m.messageId!));
    const found = candidates.find((m) => !known.has(m.messageId!));
    if (!found) return 'send';
    await markSent(db, row, found.messageId!, o.clock());
    o.log.info({ outboxId: row.id }, 'outbox found an unconfirmed send already delivered');
    return 'delivered';
  }

  async function onOperatorError(row: OutboundRow, err: ZaloError): Promise<void> {
    const code = err instanceof ZaloApiError ? err.code : 0;
    const communeId = communeOf(row);
    pausedNow.add(communeId);
    const paused = await pauseAndAlert(db, { communeId, code, meaning: err.message, now: o.clock() });
    for (const id of paused) pausedNow.add(id);
    if (paused.length > 0) {
      o.log.error({ outboxId: row.id, code, communeIds: paused }, 'zalo refused with an operator code: proactive sending paused');
    }
    if (heldWhilePaused(row.purpose)) {
      // Held, not failed: it goes out once someone resumes sending.
      await markRetry(db, row, err.message, o.clock());
      return;
    }
    if (row.attempts < maxAttempts) await markRetry(db, row, err.message, later(row.attempts, 30 * retryBase));
    else await markFinal(db, row, 'failed', err.message);
  }

  async function sendOne(claimed: OutboundRow, last: Date | undefined): Promise<void> {
    if (heldNow(claimed)) {
      await releaseClaim(db, claimed);
      return;
    }
    if (isNewsPurpose(claimed.purpose) && o.sendHoursFor) {
      const now = o.clock();
      const communeId = communeOf(claimed);
      let hours = hoursNow.get(communeId);
      if (!hours) hoursNow.set(communeId, (hours = o.sendHoursFor(communeId)));
      const allowedAt = nextAllowedSendTime(now, await hours);
      if (allowedAt.getTime() > now.getTime()) {
        await deferClaim(db, claimed, allowedAt);
        return;
      }
    }
    if (!sendAllowedNow(claimed.purpose, last ?? null, o.clock())) {
      await markFinal(db, claimed, 'outside_window', 'outside the consultation window allowed for this message');
      return;
    }
    const message = parseOutboundMessage(JSON.parse(claimed.message));
    if (spentNow || !(await limiter.takeNow())) {
      // Zalo's allowance for this minute is spent: give the message back rather than hold it (and
      // this process's shutdown) until the next minute; a later tick claims it again.
      spentNow = true;
      await releaseClaim(db, claimed);
      return;
    }
    const check = await reconcile(claimed, message);
    if (check !== 'send') return;
    const row = await beginAttempt(db, claimed, o.clock(), (o.callTimeoutMs ?? 10_000) + ATTEMPT_LEASE_MARGIN_MS);
    if (!row) return;
    try {
      const result = await clientOf(row).sendMessage(row.user_id, message);
      await markSent(db, row, result.messageId, o.clock());
    } catch (err) {
      if (err instanceof TokenUnavailableError) {
        // The call was refused for its token (or never made): nothing was delivered.
        await markRetry(db, row, err.message, later(row.attempts));
        o.log.warn({ outboxId: row.id, error: err.message }, 'outbox send waits for a usable token');
        return;
      }
      if (!isZaloError(err)) throw err;
      if (err instanceof ZaloApiError && OUTSIDE_WINDOW_CODES.has(err.code)) {
        await markFinal(db, row, 'outside_window', err.message);
        return;
      }
      if (err.disposition === 'operator') return onOperatorError(row, err);
      if ((err.isRetryable || err.isTokenExpired) && row.attempts < maxAttempts) {
        const base = err.disposition === 'defer' ? 30 * retryBase : retryBase;
        await markRetry(db, row, err.message, later(row.attempts, base), err.maybeDelivered);
        o.log.warn({ outboxId: row.id, attempts: row.attempts, error: err.message }, 'outbox send will be retried');
        return;
      }
      await markFinal(db, row, 'failed', err.message);
      o.log.error({ outboxId: row.id, attempts: row.attempts, error: err.message }, 'outbox send failed');
    }
  }

  async function sendSafely(row: OutboundRow, last: Date | undefined): Promise<void> {
    try {
      await sendOne(row, last);
    } catch (err) {
      // A database error, a token problem during a delivery check: the message is tried again later.
      o.log.error({ outboxId: row.id, err: { name: (err as Error).name, message: (err as Error).message } }, 'outbox send errored');
      await markRetry(db, row, (err as Error).message, later(row.attempts), true).catch(() => {});
    }
  }

  const concurrency = o.concurrency ?? 4;
  const batchSize = o.batchSize ?? 4 * concurrency;
  return async () => {
    // Per OA: a paused OA's proactive messages wait, an OA whose tokens are dead sends nothing
    // (every call would fail; an admin reconnects it); every other commune keeps sending.
    const blocked = await blockedOas(db);
    pausedNow = new Set(blocked.paused);
    spentNow = false;
    hoursNow = new Map();
    // Claim no more than can be sent now: a batch of news waiting for the rate limiter would hold
    // up a reply queued a moment later, which the next claim puts first.
    const rows = await claimDueMessages(db, dialect, {
      limit: Math.min(batchSize, Math.max(concurrency, limiter.available())),
      leaseMs: o.leaseMs ?? CLAIM_LEASE_MS,
      now: o.clock(),
      blocked: { defaultCommuneId: o.defaultCommuneId(), heldCommunes: blocked.paused, sentWhileHeld: PURPOSES_SENT_WHILE_PAUSED, skippedCommunes: blocked.deadTokens },
    });
    const last = await lastInteractions(rows);
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const row = rows[next++]!;
        await sendSafely(row, last.get(row.user_id));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));
    // Nothing more can go out this minute: report no work, so the loop waits instead of spinning.
    return spentNow ? 0 : rows.length;
  };
}
