import { Router } from 'express';
import type { Logger } from 'pino';
import type { Executor } from '../store/database.js';
import type { StaffRouter } from '../staff/guard.js';
import { communeScope, currentStaff } from '../staff/guard.js';
import { audit } from '../staff/audit.js';
import { Invalid, NotFound } from '../errors.js';
import { escapeHtml } from '../http/html.js';
import { handBack, listHumanHands } from '../chat/takeover.js';
import { listParkedEvents } from './inbox-repo.js';
import { zaloChannelStatus, zaloChannelsHealth } from './channel-status.js';
import { resumeProactiveSending } from '../messaging/sending-pause.js';
import { completeOaConnect, OAUTH_CALLBACK_PATH, startOaConnect, type ConnectSettings } from './oa-connect.js';
import type { TokenStore } from './token-store.js';

export interface ZaloAdminDeps {
  db: Executor;
  log: Logger;
  clock: () => Date;
  staff: StaffRouter;
  /** Each commune's OA tokens (communes/channels.ts). */
  tokensOf: (communeId: string) => TokenStore;
  /** A commune's OA id (undefined: not served), to check which OA approved a connect. */
  oaOf: (communeId: string) => Promise<string | undefined>;
  /** The commune a connect request from before communes existed is for. */
  defaultCommuneId: () => string;
  /** The active communes (the province admin's overview of every OA). */
  activeCommunes: () => Promise<Array<{ id: string; name: string }>>;
  connect: ConnectSettings;
  /** Wakes the outbox after a resume or a new token pair. */
  wakeOutbox: () => void;
}

/**
 * The OA connection in the staff console, for the staff member's commune (a province admin's
 * picked one, staff/guard.ts): its state (pause, tokens, webhook counters), resuming its sending,
 * connecting its OA, and residents a clerk has in hand. Parked events stay app-wide: most are
 * parked precisely because no commune could be read from them (unknown OA, foreign app, bad body).
 */
export function zaloAdminRoutes(d: ZaloAdminDeps): void {
  const { staff, db } = d;

  // Any signed-in staff member sees the state: the console shows a banner to everyone when paused.
  staff.get('/api/admin/zalo/status', [], async (_req, res) => {
    const communeId = communeScope(res);
    res.json(await zaloChannelStatus(db, communeId, d.tokensOf(communeId)));
  });

  // The province admin's overview: every commune's OA in a word (the console's banner names those in trouble).
  staff.get('/api/admin/zalo/oas', ['province_admin'], async (_req, res) => {
    res.json({ oas: (await zaloChannelsHealth(db, await d.activeCommunes(), d.tokensOf)).oas });
  });

  staff.post('/api/admin/zalo/resume', ['admin'], async (_req, res) => {
    const result = await resumeProactiveSending(db, { communeId: communeScope(res), now: d.clock(), actor: currentStaff(res) });
    d.wakeOutbox();
    res.json(result);
  });

  staff.post('/api/admin/zalo/connect', ['admin'], async (_req, res) => {
    const communeId = communeScope(res);
    const { url } = await startOaConnect(db, d.connect, { communeId, now: d.clock() });
    await audit(db, currentStaff(res), 'zalo.connect_started', { type: 'zalo', id: communeId }, d.clock());
    res.json({ url });
  });

  staff.get('/api/admin/zalo/parked', ['admin'], async (_req, res) => {
    res.json({ events: await listParkedEvents(db) });
  });

  staff.get('/api/admin/zalo/human', ['admin', 'desk'], async (_req, res) => {
    res.json({ residents: await listHumanHands(db, d.clock(), communeScope(res)) });
  });

  staff.post('/api/admin/zalo/human/:userId/hand-back', ['admin', 'desk'], async (req, res) => {
    const userId = String(req.params.userId);
    // Another commune's resident is not this clerk's to hand back.
    const mine = await db.selectFrom('zalo_users').select('user_id').where('user_id', '=', userId).where('commune_id', '=', communeScope(res)).executeTakeFirst();
    if (!mine || !(await handBack(db, userId, d.clock()))) throw new NotFound('Người dân này không ở chế độ cán bộ trả lời.');
    await audit(db, currentStaff(res), 'zalo.handed_back', { type: 'zalo_user', id: userId }, d.clock());
    res.json({ ok: true });
  });
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p><p><a href="/console/#/zalo">Về trang Kết nối Zalo</a></p></body></html>`;

/**
 * GET /zalo/oauth/callback: where Zalo sends the OA admin's browser after approval. Public (Zalo
 * redirects a browser that may not be signed in to the console); the single-use `state` we issued
 * is what authorises it.
 */
export function zaloOauthCallbackRoutes(d: Omit<ZaloAdminDeps, 'staff'>): Router {
  const router = Router();
  router.get(OAUTH_CALLBACK_PATH, async (req, res) => {
    const code = typeof req.query.code === 'string' ? req.query.code : '';
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    res.type('html');
    if (!code || !state) {
      res.status(400).send(page('Chưa kết nối được', 'Zalo không gửi mã cấp quyền. Có thể quản trị viên OA đã từ chối; vui lòng thử kết nối lại.'));
      return;
    }
    const approvedOaId = typeof req.query.oa_id === 'string' && req.query.oa_id ? req.query.oa_id : undefined;
    let communeId: string;
    try {
      communeId = await completeOaConnect(d.db, d.connect, {
        code,
        state,
        now: d.clock(),
        defaultCommuneId: d.defaultCommuneId(),
        approvedOaId,
        oaOf: d.oaOf,
        replaceTokens: (id, pair) => d.tokensOf(id).replaceTokens(pair),
      });
    } catch (err) {
      d.log.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, 'zalo connect failed');
      // Our own refusals (stale state, another commune's OA) say why; Zalo's say what to do.
      const why = err instanceof Invalid ? escapeHtml(err.message) : 'Không đổi được mã cấp quyền lấy mã truy cập (mã có hiệu lực 10 phút và chỉ dùng một lần). Vui lòng bắt đầu kết nối lại.';
      res.status(400).send(page('Chưa kết nối được', why));
      return;
    }
    await audit(d.db, null, 'zalo.connected', { type: 'zalo', id: communeId }, d.clock(), { oaId: approvedOaId ?? null });
    d.wakeOutbox();
    res.send(page('Đã kết nối OA', 'Trợ lý đã nhận mã truy cập mới của Official Account. Tin nhắn đang chờ sẽ được gửi tiếp.'));
  });
  return router;
}
