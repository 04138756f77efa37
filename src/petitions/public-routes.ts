import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Catalog } from '../catalog/catalog.js';
import type { Database, Executor } from '../store/database.js';
import { NotFound, TooManyRequests, Unauthorized } from '../errors.js';
import { parseOrThrow } from '../http/validate.js';
import { createSlidingLimiter } from '../http/sliding-limiter.js';
import { categoriesOf, DOSSIER_CODE } from './categories.js';
import { CONTACT_CARD_PATH, contactCardPng } from './contact-card.js';
import { identityUnavailableHandler, type Resident, type ResidentIdentity } from '../zalo/resident-identity.js';
import { findByCode, findBySubmissionKey, insertPetition, isOwner, type PetitionRow } from './repo.js';
import type { PetitionSettings } from './settings.js';
import { LIMITS, receiverLine } from './texts.js';
import { formatDate } from './deadlines.js';
import { ownerFields, publicView } from './views.js';
import { searchPublished } from './published.js';

export interface PublicRoutesDeps {
  database: Database;
  catalog: Catalog;
  log: Logger;
  clock: () => Date;
  settings: PetitionSettings;
  residentOf: ResidentIdentity;
  /** A petition was stored (inside its transaction): notify the desk. */
  onCreated: (tx: Executor, p: PetitionRow) => Promise<void>;
  /** After a commit that queued messages (the desk's Zalo notices). */
  wakeOutbox: () => void;
}

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const PHONE = /^(?:\+?84|0)\d{9,10}$/;

function formSchema(categoryIds: string[]) {
  return z.object({
    category: z
      .string({ error: 'Vui lòng chọn loại phản ánh.' })
      .refine((id) => categoryIds.includes(id), 'Loại phản ánh không hợp lệ, vui lòng chọn lại.'),
    content: z
      .string({ error: 'Vui lòng nhập nội dung phản ánh.' })
      .trim()
      .min(10, 'Nội dung phản ánh cần ít nhất 10 ký tự: việc gì, ở đâu, từ khi nào.')
      .max(LIMITS.contentChars, `Nội dung phản ánh tối đa ${LIMITS.contentChars.toLocaleString('vi-VN')} ký tự.`),
    name: z.preprocess(blank, z.string({ error: 'Họ tên không hợp lệ.' }).trim().max(100, 'Họ tên tối đa 100 ký tự.').optional()),
    phone: z.preprocess(
      (v) => (typeof v === 'string' ? blank(v.replace(/[\s.\-()]/g, '')) : v),
      z.string({ error: 'Số điện thoại không hợp lệ.' }).regex(PHONE, 'Số điện thoại không hợp lệ (ví dụ: 0912345678).').optional(),
    ),
    address: z.preprocess(blank, z.string({ error: 'Địa chỉ không hợp lệ.' }).trim().max(300, 'Địa chỉ tối đa 300 ký tự.').optional()),
    clientRequestId: z.preprocess(blank, z.uuid({ error: 'Mã yêu cầu không hợp lệ.' }).optional()),
  });
}

const codeParam = z.object({ code: z.string().trim().max(40, 'Mã tra cứu không hợp lệ.') });
const PETITION_CODE_ONLY = /^PA-\d{4}-\d{6}$/i;

const pageQuery = z.object({
  q: z.preprocess(blank, z.string().max(200, 'Từ khóa tối đa 200 ký tự.').optional()),
  category: z.preprocess(blank, z.string().max(64).optional()),
  limit: z.preprocess(blank, z.coerce.number({ error: 'Số mục mỗi trang không hợp lệ.' }).int().min(1).max(50, 'Tối đa 50 mục mỗi trang.').default(20)),
  offset: z.preprocess(blank, z.coerce.number({ error: 'Vị trí trang không hợp lệ.' }).int().min(0).default(0)),
});

/**
 * The Mini App's petition API:
 *   GET  /api/petitions/categories   categories with their answer deadline and its legal source
 *   POST /api/petitions              submit the form (optionally as a verified Zalo user)
 *   GET  /api/petitions/public       published, anonymised answers (?q= words, ?category=)
 *   GET  /api/petitions/mine         the verified resident's own petitions (token required)
 *   GET  /api/petitions/:code        where a petition stands (personal parts for its owner only);
 *                                    a one-stop dossier code gets the province lookup link
 *   GET  /petitions/contact-card.png the picture of the chat's contact card
 */
export function petitionPublicRoutes(o: PublicRoutesDeps): Router {
  const router = Router();
  const { db } = o.database;
  const now = () => o.clock().getTime();
  const perIp = createSlidingLimiter({ max: o.settings.formLimitPerIp, windowMs: o.settings.formWindowMs, now });
  const perUser = createSlidingLimiter({ max: o.settings.formLimitPerUser, windowMs: o.settings.formWindowMs, now });
  const lookups = createSlidingLimiter({ max: o.settings.lookupLimitPerIp, windowMs: 10 * 60_000, now });
  const windowSeconds = Math.ceil(o.settings.formWindowMs / 1000);
  const tooMany = () => new TooManyRequests('Ông/bà đã gửi nhiều phản ánh trong thời gian ngắn, vui lòng thử lại sau.', windowSeconds);
  const commune = () => o.catalog.current.content.commune;
  const ip = (req: Request) => req.ip ?? 'unknown';

  async function repliesOf(p: PetitionRow) {
    return db
      .selectFrom('petition_replies')
      .select(['kind', 'text', 'created_at as at'])
      .where('petition_id', '=', p.id)
      .orderBy('created_at')
      .execute();
  }

  async function viewFor(p: PetitionRow, who: Resident) {
    const base = publicView(p, o.clock());
    const owner = isOwner(p, { appUserId: who.appUserId });
    return owner ? { ...base, owner: true, ...ownerFields(p, await repliesOf(p)) } : { ...base, owner: false };
  }

  router.get(CONTACT_CARD_PATH, (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('png').send(contactCardPng());
  });

  router.get('/api/petitions/categories', (_req, res) => {
    res.json({
      items: categoriesOf(o.catalog).map((c) => ({ id: c.id, name: c.name, answerDays: c.answerDays, legalSource: c.legalSource })),
      note: 'Thời hạn trả lời tính theo ngày làm việc (thứ Hai đến thứ Sáu), kể từ ngày sau ngày gửi.',
    });
  });

  router.post('/api/petitions', async (req, res) => {
    if (!perIp.hit(ip(req))) throw tooMany();
    const who = await o.residentOf(req);
    const categories = categoriesOf(o.catalog);
    const body = parseOrThrow(formSchema(categories.map((c) => c.id)), req.body ?? {});
    if (who.appUserId && !perUser.hit(who.appUserId)) throw tooMany();
    const category = categories.find((c) => c.id === body.category)!;
    const key = body.clientRequestId ? `form:${who.appUserId ?? 'anon'}:${body.clientRequestId}` : undefined;
    const respond = (p: PetitionRow, created: boolean) =>
      res.status(created ? 201 : 200).json({
        code: p.code,
        status: p.status,
        category: { id: p.category, name: p.category_name },
        deadline: { date: p.due_date, text: formatDate(p.due_date) },
        legalSource: category.legalSource,
        handledBy: p.handled_by,
        message: [`Xã đã tiếp nhận phản ánh của ông/bà.`, receiverLine(p, o.catalog.current.content.commune.leadership.title), `Mã phản ánh: ${p.code}. Hạn trả lời: ${formatDate(p.due_date)}.`]
          .filter(Boolean)
          .join(' '),
      });

    if (key) {
      const existing = await findBySubmissionKey(db, key);
      if (existing) return respond(existing, false);
    }
    let created: PetitionRow;
    try {
      created = await db.transaction().execute(async (tx) => {
        const p = await insertPetition(tx, {
          channel: who.appUserId ? 'miniapp' : 'web',
          submissionKey: key,
          category,
          content: body.content,
          attachments: [],
          contact: { name: body.name, phone: body.phone, address: body.address },
          appUserId: who.appUserId,
          now: o.clock(),
        });
        await o.onCreated(tx, p);
        return p;
      });
    } catch (err) {
      // The same request sent twice at once: the second lost the race on the submission key.
      const existing = key ? await findBySubmissionKey(db, key) : undefined;
      if (existing) return respond(existing, false);
      throw err;
    }
    o.wakeOutbox();
    respond(created, true);
  });

  router.get('/api/petitions/public', async (req, res) => {
    const q = parseOrThrow(pageQuery, req.query);
    res.json(await searchPublished(db, q));
  });

  router.get('/api/petitions/mine', async (req, res) => {
    const who = await o.residentOf(req);
    if (!who.appUserId) throw new Unauthorized('Vui lòng mở ứng dụng trong Zalo để xem các phản ánh của ông/bà.');
    const rows = await db.selectFrom('petitions').selectAll().where('app_user_id', '=', who.appUserId).orderBy('created_at', 'desc').limit(50).execute();
    res.json({ items: await Promise.all(rows.map((p) => viewFor(p, who))) });
  });

  router.get('/api/petitions/:code', async (req, res) => {
    if (!lookups.hit(ip(req))) throw new TooManyRequests();
    const { code } = parseOrThrow(codeParam, req.params);
    if (DOSSIER_CODE.test(code) && !PETITION_CODE_ONLY.test(code)) {
      const portal = commune().province_portal;
      res.json({
        kind: 'dossier',
        code,
        lookupUrl: portal.lookup_url,
        portalName: portal.name,
        message: `Đây là mã hồ sơ thủ tục hành chính. Ông/bà tra cứu tình trạng hồ sơ tại ${portal.name}.`,
      });
      return;
    }
    if (!PETITION_CODE_ONLY.test(code)) {
      parseOrThrow(z.object({ code: z.string().regex(PETITION_CODE_ONLY, 'Mã phản ánh có dạng PA-2026-000123.') }), { code });
    }
    const who = await o.residentOf(req);
    const p = await findByCode(db, code);
    if (!p) throw new NotFound(`Không tìm thấy phản ánh có mã ${code.toUpperCase()}. Ông/bà vui lòng kiểm tra lại mã.`);
    res.json(await viewFor(p, who));
  });

  router.use(identityUnavailableHandler);
  return router;
}
