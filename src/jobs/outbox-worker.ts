import type { Logger } from 'pino';
import type { Database } from '../store/database.js';
import type { OaChannel } from '../communes/channels.js';
import { ZaloApiError, isZaloError } from '../zalo/errors.js';
import { parseOutboundMessage } from '../zalo/messages.js';
import { beginAttempt, claimDueMessages, markFinal, markRetry, markSent, type OutboundRow } from '../zalo/outbox-repo.js';
import type { OutboundMessage } from '../zalo/messages.js';
import { backoffMs } from './backoff.js';
import { createSharedRateLimiter } from './shared-rate-limiter.js';

/** Zalo's consultation window: free-form messages only to users who interacted in the last 7 days. */
export const CONSULTATION_WINDOW_MS = 7 * 24 * 3600_000;
/** Inside this much of the user's last interaction a consultation message is free (beyond it, billed). */
export const FREE_WINDOW_MS = 48 * 3600_000;
/** Zalo codes that mean "outside the consultation window". */
const OUTSIDE_WINDOW_CODES = new Set([-230, -232]);
/** A claimed batch is protected this long; each row's own attempt then extends its lease. */
const CLAIM_LEASE_MS = 15_000;
/** An attempt's lease: the client's timeout plus this margin for the database writes around it. */
const ATTEMPT_LEASE_MARGIN_MS = 15_000;
/** How far before the attempt mark a message found in the conversation may be dated (clock skew). */
const RECONCILE_SKEW_MS = 60_000;

function textOf(message: OutboundMessage): string | undefined {
  return 'text' in message ? message.text : undefined;
}

export interface OutboxWorkerOptions {
  database: Database;
  log: Logger;
  /** The OA (tokens and client) of a commune: each message goes out through its commune's OA. */
  channel: (communeId: string) => OaChannel;
  /** Messages queued before communes existed belong to this one. */
  defaultCommuneId: () => string;
  clock: () => Date;
  /** Zalo's per-app limit, shared by every instance on the database. */
  sendPerMinute: number;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Sends in flight at once. Safe: a batch holds at most one message per user. */
  concurrency?: number;
  /** First retry delay; later ones double (with jitter), up to 5 minutes. */
  retryBaseMs?: number;
  /** The Zalo client's per-call timeout (the attempt lease must outlast it). */
  callTimeoutMs?: number;
}

/**
 * One tick of the outbox: lease due messages and send each through Zalo, within the rate limit.
 * Expired token → one refresh, one immediate retry. Rate limit, 5xx, network → back off and retry
 * later, up to `maxAttempts`. Outside the 7-day window → not attempted (or, if Zalo says so,
 * not retried), marked `outside_window`. Other refusals → `failed`, not retried.
 */
export function createOutboxTick(o: OutboxWorkerOptions): () => Promise<number> {
  const { db, dialect } = o.database;
  // Real time, not the injected clock: Zalo counts calls per real minute.
  const limiter = createSharedRateLimiter({ db, name: 'zalo-app', perMinute: o.sendPerMinute });
  const retryBase = o.retryBaseMs ?? 2_000;
  const maxAttempts = o.maxAttempts ?? 8;

  async function lastInteraction(userId: string): Promise<Date | null> {
    const row = await db.selectFrom('zalo_users').select('last_interaction_at').where('user_id', '=', userId).executeTakeFirst();
    return row?.last_interaction_at ? new Date(row.last_interaction_at) : null;
  }

  /**
   * A previous attempt's outcome is unknown (the process died during the call, or the answer was
   * lost): Zalo has no idempotency key, so look in the conversation for the message before sending
   * it again. Returns true when it is already there.
   */
  async function alreadyDelivered(row: OutboundRow, message: OutboundMessage, channel: OaChannel): Promise<boolean> {
    const text = textOf(message);
    if (!row.attempt_started_at || text === undefined) return false;
    const since = Date.parse(row.attempt_started_at) - RECONCILE_SKEW_MS;
    const recent = await channel.client.getConversation(row.user_id, 10);
    const found = recent.find((m) => m.fromOa && m.text === text && (m.time === undefined || m.time >= since));
    if (!found) return false;
    await markSent(db, row, found.messageId ?? 'reconciled', o.clock());
    o.log.info({ outboxId: row.id }, 'outbox found an unconfirmed send already delivered');
    return true;
  }

  async function sendOne(claimed: OutboundRow): Promise<void> {
    const last = await lastInteraction(claimed.user_id);
    if (!last || o.clock().getTime() - last.getTime() > CONSULTATION_WINDOW_MS) {
      await markFinal(db, claimed, 'outside_window', 'no interaction in the last 7 days');
      return;
    }
    const message = parseOutboundMessage(JSON.parse(claimed.message));
    const channel = o.channel(claimed.commune_id ?? o.defaultCommuneId());
    await limiter.take();
    if (await alreadyDelivered(claimed, message, channel)) return;
    const row = await beginAttempt(db, claimed, o.clock(), (o.callTimeoutMs ?? 10_000) + ATTEMPT_LEASE_MARGIN_MS);
    if (!row) return;
    let refreshed = false;
    for (;;) {
      const token = await channel.tokens.getAccessToken();
      try {
        const result = await channel.client.sendMessage(row.user_id, message);
        await markSent(db, row, result.messageId, o.clock());
        return;
      } catch (err) {
        if (!isZaloError(err)) throw err;
        if (err.isTokenExpired && !refreshed) {
          refreshed = true;
          await channel.tokens.refreshNow(token);
          continue;
        }
        if (err instanceof ZaloApiError && OUTSIDE_WINDOW_CODES.has(err.code)) {
          await markFinal(db, row, 'outside_window', err.message);
          return;
        }
        if (err.isRetryable && row.attempts < maxAttempts) {
          const base = err.disposition === 'defer' ? 30 * retryBase : retryBase;
          await markRetry(db, row, err.message, new Date(o.clock().getTime() + backoffMs(row.attempts, base)), err.maybeDelivered);
          o.log.warn({ outboxId: row.id, attempts: row.attempts, error: err.message }, 'outbox send will be retried');
          return;
        }
        await markFinal(db, row, 'failed', err.message);
        o.log.error({ outboxId: row.id, attempts: row.attempts, error: err.message }, 'outbox send failed');
        return;
      }
    }
  }

  async function sendSafely(row: OutboundRow): Promise<void> {
    try {
      await sendOne(row);
    } catch (err) {
      // A token refresh that failed, a database error: the message is tried again later.
      o.log.error({ outboxId: row.id, err: { name: (err as Error).name, message: (err as Error).message } }, 'outbox send errored');
      await markRetry(db, row, (err as Error).message, new Date(o.clock().getTime() + backoffMs(row.attempts, retryBase)), true).catch(() => {});
    }
  }

  const concurrency = o.concurrency ?? 4;
  return async () => {
    const rows = await claimDueMessages(db, dialect, { limit: o.batchSize ?? 4 * concurrency, leaseMs: o.leaseMs ?? CLAIM_LEASE_MS, now: o.clock() });
    let next = 0;
    const lane = async () => {
      while (next < rows.length) await sendSafely(rows[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, lane));
    return rows.length;
  };
}
