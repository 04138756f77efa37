import { Router } from 'express';
import type { Logger } from 'pino';
import type { Executor } from '../store/database.js';
import type { StaffRouter } from '../staff/guard.js';
import { currentStaff } from '../staff/guard.js';
import { audit } from '../staff/audit.js';
import { NotFound } from '../errors.js';
import { handBack, listHumanHands } from '../chat/takeover.js';
import { listParkedEvents } from './inbox-repo.js';
import { zaloChannelStatus } from './channel-status.js';
import { resumeProactiveSending } from '../messaging/sending-pause.js';
import { completeOaConnect, OAUTH_CALLBACK_PATH, startOaConnect, type ConnectSettings } from './oa-connect.js';
import type { TokenStore } from './token-store.js';

export interface ZaloAdminDeps {
  db: Executor;
  log: Logger;
  clock: () => Date;
  staff: StaffRouter;
  tokens: TokenStore;
  connect: ConnectSettings;
  /** Wakes the outbox after a resume or a new token pair. */
  wakeOutbox: () => void;
}

/**
 * The OA connection in the staff console: its state (pause, tokens, webhook counters), resuming
 * sending, connecting the OA, parked events, and residents a clerk has in hand.
 */
export function zaloAdminRoutes(d: ZaloAdminDeps): void {
  const { staff, db } = d;

  // Any signed-in staff member sees the state: the console shows a banner to everyone when paused.
  staff.get('/api/admin/zalo/status', [], async (_req, res) => {
    res.json(await zaloChannelStatus(db, d.tokens));
  });

  staff.post('/api/admin/zalo/resume', ['admin'], async (_req, res) => {
    const result = await resumeProactiveSending(db, { now: d.clock(), actor: currentStaff(res) });
    d.wakeOutbox();
    res.json(result);
  });

  staff.post('/api/admin/zalo/connect', ['admin'], async (_req, res) => {
    const { url } = await startOaConnect(db, d.connect, d.clock());
    await audit(db, currentStaff(res), 'zalo.connect_started', { type: 'zalo', id: 'oa' }, d.clock());
    res.json({ url });
  });

  staff.get('/api/admin/zalo/parked', ['admin'], async (_req, res) => {
    res.json({ events: await listParkedEvents(db) });
  });

  staff.get('/api/admin/zalo/human', ['admin', 'desk'], async (_req, res) => {
    res.json({ residents: await listHumanHands(db, d.clock()) });
  });

  staff.post('/api/admin/zalo/human/:userId/hand-back', ['admin', 'desk'], async (req, res) => {
    const userId = String(req.params.userId);
    if (!(await handBack(db, userId, d.clock()))) throw new NotFound('Người dân này không ở chế độ cán bộ trả lời.');
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
    try {
      await completeOaConnect(d.db, d.connect, { code, state, now: d.clock(), replaceTokens: d.tokens.replaceTokens });
    } catch (err) {
      d.log.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, 'zalo connect failed');
      res.status(400).send(page('Chưa kết nối được', 'Không đổi được mã cấp quyền lấy mã truy cập (mã có hiệu lực 10 phút và chỉ dùng một lần). Vui lòng bắt đầu kết nối lại.'));
      return;
    }
    await audit(d.db, null, 'zalo.connected', { type: 'zalo', id: 'oa' }, d.clock(), { oaId: typeof req.query.oa_id === 'string' ? req.query.oa_id : null });
    d.wakeOutbox();
    res.send(page('Đã kết nối OA', 'Trợ lý đã nhận mã truy cập mới của Official Account. Tin nhắn đang chờ sẽ được gửi tiếp.'));
  });
  return router;
}
