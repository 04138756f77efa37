import type { Logger } from 'pino';
import type { Database } from '../store/database.js';
import type { NewsBroadcastsTable } from '../store/schema.js';
import type { ZaloClient } from '../zalo/client.js';
import type { TokenStore } from '../zalo/token-store.js';
import { ZaloApiError, isZaloError, type ZaloError } from '../zalo/errors.js';
import type { TickTask } from '../jobs/scheduler.js';
import { backoffMs } from '../jobs/backoff.js';
import { readNewsDeliverySettings } from './delivery-settings.js';
import { broadcastCover } from './news-channels.js';
import { nextAllowedSendTime, type SendingHours } from './rules.js';
import { pauseAndAlert } from './sending-pause.js';
import { blockedOas } from '../zalo/channel-state.js';

/**
 * Operator codes that concern Broadcast alone (an unverified OA, a package without it): the
 * broadcast fails over to the digest and staff are told; other operator codes (policy, billing, a
 * disabled OA) pause all proactive sending, as they do in the outbox.
 */
const BROADCAST_ONLY_CODES = new Set([-221, -224]);

/** `-214` "Article is being processed": ask again later. */
const ARTICLE_PROCESSING = -214;
/** `-234` night block (22:00–06:00): send in the morning. */
const NIGHT_BLOCK = -234;
/** A step's lease: the client's timeout plus a margin for the database writes around it. */
const LEASE_MS = 30_000;
const MAX_ATTEMPTS = 8;

/** A broadcast with the commune whose OA sends it (its announcement's). */
type Row = NewsBroadcastsTable & { commune_id: string };

/** What one announcement's article is made of (the news module knows announcements; this does not). */
export interface BroadcastArticleSource {
  title: string;
  summary: string;
  body: string;
  imageUrl: string | null;
  url: string;
  author: string;
}

/**
 * Sends each planned Broadcast: creates the article from the announcement (Article API), waits for
 * Zalo to process it, then broadcasts it to the OA's followers within the sending hours. Exactly
 * once matters more than ever here (a repeat spends every follower's monthly cap), so the broadcast
 * call itself is never repeated after an answer was lost: the row becomes `unknown` and staff are
 * told to look in the OA's console. A refusal returns the audience to the digest.
 */
export function createBroadcastTask(o: {
  database: Database;
  log: Logger;
  /** Each commune's OA: an announcement is broadcast to its own commune's followers, by its OA. */
  channel: (communeId: string) => { client: ZaloClient; tokens: TokenStore };
  /** The sending hours of a commune (its announcements are broadcast within them). */
  sendHoursFor: (communeId: string) => Promise<SendingHours>;
  article: (announcementId: string) => Promise<BroadcastArticleSource>;
  /** Tells staff (console and Zalo) about a broadcast that needs a person. */
  alert: (announcementId: string, kind: 'failed' | 'unknown', text: string) => Promise<void>;
  retryBaseMs?: number;
}): TickTask {
  const { db } = o.database;
  const retryBase = o.retryBaseMs ?? 5_000;

  async function update(row: Row, set: Partial<NewsBroadcastsTable>): Promise<Row> {
    await db.updateTable('news_broadcasts').set(set).where('announcement_id', '=', row.announcement_id).execute();
    return { ...row, ...set };
  }

  /** Due broadcasts of OAs that may send now: a paused OA's wait, as do those of an OA whose tokens are dead. */
  async function claim(now: Date): Promise<Row[]> {
    const nowIso = now.toISOString();
    const blocked = await blockedOas(db);
    const waiting = [...blocked.paused, ...blocked.deadTokens];
    const due = await db
      .selectFrom('news_broadcasts as b')
      .innerJoin('announcements as a', 'a.id', 'b.announcement_id')
      .selectAll('b')
      .select('a.commune_id')
      .where('a.commune_id', 'is not', null)
      .$if(waiting.length > 0, (qb) => qb.where('a.commune_id', 'not in', waiting))
      .where('b.status', 'in', ['pending', 'article_pending', 'article_ready', 'sending'])
      .where('b.next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('b.lease_until', 'is', null), eb('b.lease_until', '<', nowIso)]))
      .execute();
    const claimed: Row[] = [];
    for (const row of due) {
      const lease = new Date(now.getTime() + LEASE_MS).toISOString();
      const r = await db
        .updateTable('news_broadcasts')
        .set({ lease_until: lease })
        .where('announcement_id', '=', row.announcement_id)
        .where('status', '=', row.status)
        .where((eb) => (row.lease_until === null ? eb('lease_until', 'is', null) : eb('lease_until', '=', row.lease_until)))
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 1) claimed.push({ ...row, commune_id: row.commune_id!, lease_until: lease });
    }
    return claimed;
  }

  /** The broadcast will not happen: its audience waits for the digest instead, and staff know why. */
  async function fail(row: Row, error: string, now: Date): Promise<void> {
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('news_broadcasts').set({ status: 'failed', lease_until: null, last_error: error.slice(0, 500) }).where('announcement_id', '=', row.announcement_id).execute();
      await tx
        .updateTable('deliveries')
        .set({ status: 'waiting_digest', updated_at: now.toISOString() })
        .where('announcement_id', '=', row.announcement_id)
        .where('channel', '=', 'broadcast')
        .where('status', '=', 'queued')
        .execute();
    });
    o.log.error({ announcementId: row.announcement_id, error }, 'broadcast failed');
    await o.alert(row.announcement_id, 'failed', `Broadcast tin không gửi được (${error.slice(0, 200)}). Người nhận qua Broadcast sẽ nhận bản tin gộp khi nhắn tin cho OA.`);
  }

  /** Calls Zalo through the row's commune's OA, with one token refresh on -216/-220, as the outbox does. */
  async function withToken<T>(row: Row, call: (client: ZaloClient) => Promise<T>): Promise<T> {
    const { client, tokens } = o.channel(row.commune_id);
    const token = await tokens.getAccessToken();
    try {
      return await call(client);
    } catch (err) {
      if (!isZaloError(err) || !err.isTokenExpired) throw err;
      await tokens.refreshNow(token);
      return call(client);
    }
  }

  async function step(row: Row, now: Date): Promise<void> {
    if (row.status === 'sending') {
      // A process died during the broadcast call: whether Zalo delivered it cannot be known.
      await update(row, { status: 'unknown', lease_until: null, last_error: 'interrupted during the broadcast call' });
      await o.alert(row.announcement_id, 'unknown', 'Broadcast tin bị gián đoạn khi đang gửi: vui lòng kiểm tra trên trang quản lý OA xem đã gửi chưa (hệ thống không tự gửi lại).');
      return;
    }
    if (row.status === 'pending') {
      const source = await o.article(row.announcement_id);
      const settings = await readNewsDeliverySettings(db, row.commune_id);
      const cover = broadcastCover(source.imageUrl, settings);
      if (!cover) return fail(row, 'no cover photo for the article', now);
      const paragraphs = [...source.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean), `Xem chi tiết: ${source.url}`];
      const { token } = await withToken(row, (client) =>
        client.createArticle({ title: source.title, author: source.author, description: source.summary, coverPhotoUrl: cover, paragraphs }),
      );
      row = await update(row, { status: 'article_pending', article_token: token, attempts: 0 });
    }
    if (row.status === 'article_pending') {
      try {
        const { articleId } = await withToken(row, (client) => client.verifyArticle(row.article_token!));
        row = await update(row, { status: 'article_ready', article_id: articleId, attempts: 0 });
      } catch (err) {
        if (err instanceof ZaloApiError && err.code === ARTICLE_PROCESSING) {
          await update(row, { attempts: row.attempts + 1, lease_until: null, next_attempt_at: new Date(now.getTime() + backoffMs(row.attempts + 1, retryBase)).toISOString() });
          return;
        }
        throw err;
      }
    }
    if (row.status === 'article_ready') {
      const sendAt = nextAllowedSendTime(now, await o.sendHoursFor(row.commune_id));
      if (sendAt.getTime() > now.getTime()) {
        await update(row, { lease_until: null, next_attempt_at: sendAt.toISOString() });
        return;
      }
      row = await update(row, { status: 'sending', attempts: row.attempts + 1 });
      try {
        const { messageId } = await withToken(row, (client) => client.broadcastArticle(row.article_id!));
        await update(row, { status: 'sent', zalo_message_id: messageId, sent_at: now.toISOString(), lease_until: null, last_error: null });
        o.log.info({ announcementId: row.announcement_id, communeId: row.commune_id, audience: row.audience }, 'broadcast sent');
      } catch (err) {
        if (!(err instanceof ZaloApiError)) {
          // No answer, or one we cannot read: Zalo may have broadcast it. Never repeat it blindly.
          await update(row, { status: 'unknown', lease_until: null, last_error: (err as Error).message.slice(0, 500) });
          await o.alert(row.announcement_id, 'unknown', 'Không rõ Broadcast tin đã được Zalo gửi hay chưa: vui lòng kiểm tra trên trang quản lý OA (hệ thống không tự gửi lại).');
          return;
        }
        // Zalo refused: nothing was sent, so the next steps may retry.
        row = { ...row, status: 'article_ready' };
        await update(row, { status: 'article_ready' });
        throw err;
      }
    }
  }

  async function handleError(row: Row, err: unknown, now: Date): Promise<void> {
    const fresh: Row = { ...(await db.selectFrom('news_broadcasts').selectAll().where('announcement_id', '=', row.announcement_id).executeTakeFirstOrThrow()), commune_id: row.commune_id };
    const message = (err as Error).message ?? String(err);
    if (err instanceof ZaloApiError && err.code === NIGHT_BLOCK) {
      // Zalo's night block: wait for the morning, and for the commune's hours.
      const hours = await o.sendHoursFor(row.commune_id);
      const morning = nextAllowedSendTime(now, { fromHour: Math.max(6, hours.fromHour), untilHour: Math.min(22, hours.untilHour) });
      await update(fresh, { lease_until: null, last_error: message, next_attempt_at: morning.toISOString() });
      return;
    }
    if (err instanceof ZaloApiError && err.disposition === 'operator' && !BROADCAST_ONLY_CODES.has(err.code)) {
      // Held, not failed: it goes on once someone resumes sending (its OA's, or every OA's for an app code).
      await pauseAndAlert(db, { communeId: row.commune_id, code: err.code, meaning: err.message, now });
      await update(fresh, { lease_until: null, last_error: message.slice(0, 500) });
      return;
    }
    const retryable = !isZaloError(err) || (err as ZaloError).isRetryable;
    if (retryable && fresh.attempts < MAX_ATTEMPTS) {
      await update(fresh, {
        attempts: fresh.attempts + 1,
        lease_until: null,
        last_error: message.slice(0, 500),
        next_attempt_at: new Date(now.getTime() + backoffMs(fresh.attempts + 1, retryBase)).toISOString(),
      });
      o.log.warn({ announcementId: row.announcement_id, error: message }, 'broadcast step will be retried');
      return;
    }
    await fail(fresh, message, now);
  }

  return {
    name: 'news.broadcast',
    async run(now: Date): Promise<void> {
      // While an OA's proactive sending is paused (an operator, policy or billing code), its broadcasts wait (claim).
      for (const row of await claim(now)) {
        try {
          await step(row, now);
        } catch (err) {
          await handleError(row, err, now).catch((e) => o.log.error({ err: (e as Error).message }, 'broadcast error handling failed'));
        }
      }
    },
  };
}
