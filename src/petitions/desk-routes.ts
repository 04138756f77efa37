import type { Response } from 'express';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import type { Database, Executor } from '../store/database.js';
import type { PetitionStatus } from '../store/schema.js';
import { Conflict, Invalid, NotFound } from '../errors.js';
import { parseOrThrow } from '../http/validate.js';
import { audit } from '../staff/audit.js';
import { currentStaff, type StaffRouter } from '../staff/guard.js';
import { parseRoles, type StaffPrincipal } from '../staff/roles.js';
import { requestRating, recordReply } from './delivery.js';
import { FINAL_STATUSES, findPetition, listPetitions, OPEN_STATUSES, updatePetition, type PetitionRow } from './repo.js';
import { deskDetail, deskListItem, type StaffRef } from './views.js';
import { petitionPlace } from './place.js';
import { randomUUID } from 'node:crypto';
import { personalDataIn } from './anonymity.js';

const ROLES = ['desk', 'leader'] as const;

/**
 * What a staff member may see: leaders (and admins) every petition; the desk only its own, never
 * the complaints about its staff, which go to the leadership.
 */
function scopeOf(me: StaffPrincipal): 'desk' | undefined {
  return me.roles.includes('admin') || me.roles.includes('leader') ? undefined : 'desk';
}
const STATUSES = ['received', 'in_progress', 'answered', 'closed', 'out_of_scope'] as const;
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const listQuery = z.object({
  status: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? v.split(',').map((s) => s.trim()) : undefined),
    z.array(z.enum(STATUSES, { error: 'Trạng thái không hợp lệ.' })).optional(),
  ),
  category: z.preprocess(blank, z.string().max(64).optional()),
  overdue: z.preprocess(blank, z.enum(['true', 'false', '1', '0'], { error: 'Giá trị "quá hạn" là true hoặc false.' }).optional()),
  assignee: z.preprocess(blank, z.string().max(64).optional()),
  code: z.preprocess(blank, z.string().max(20).optional()),
  limit: z.preprocess(blank, z.coerce.number({ error: 'Số mục mỗi trang không hợp lệ.' }).int().min(1).max(100, 'Tối đa 100 mục mỗi trang.').default(50)),
  offset: z.preprocess(blank, z.coerce.number({ error: 'Vị trí trang không hợp lệ.' }).int().min(0).default(0)),
});

const required = (label: string, max: number) =>
  z
    .string({ error: `Vui lòng nhập ${label}.` })
    .trim()
    .min(1, `Vui lòng nhập ${label}.`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} tối đa ${max.toLocaleString('vi-VN')} ký tự.`);

const assignBody = z.object({
  assigneeId: z.union([z.string().min(1).max(64), z.null()], { error: 'Vui lòng chọn cán bộ phụ trách (hoặc null để bỏ phân công).' }),
});
const noteBody = z.object({ text: required('ghi chú', 2000) });
const replyBody = z.object({ text: required('nội dung trả lời', 1500) });
const reasonBody = z.object({ reason: required('lý do', 500) });
const publishBody = z.object({ summary: required('tóm tắt công khai', 500), answer: required('nội dung trả lời công khai', 1500) });

export interface DeskRoutesDeps {
  database: Database;
  catalog: Catalog;
  clock: () => Date;
  staff: StaffRouter;
  wakeOutbox: () => void;
  /** A petition was closed (inside its transaction): e.g. invite the resident to the survey. */
  onClosed?: (tx: Executor, p: PetitionRow, now: Date) => Promise<void>;
}

/**
 * The one-stop desk's API (roles desk and admin), every route guarded and recorded by the staff
 * router, every read of a petition and every action written to the audit log (ids only).
 *   GET  /api/admin/petitions                 list and filter (no personal data)
 *   GET  /api/admin/petitions/summary         counts by status, overdue
 *   GET  /api/admin/petitions/:id             one petition, in full (id or code)
 *   POST /api/admin/petitions/:id/assign      { assigneeId | null }
 *   POST /api/admin/petitions/:id/notes       { text }     internal
 *   POST /api/admin/petitions/:id/replies     { text }     to the resident
 *   POST /api/admin/petitions/:id/close       {}
 *   POST /api/admin/petitions/:id/out-of-scope { reason } (told to the resident)
 *   POST /api/admin/petitions/:id/publish     { summary, answer } anonymised, to the public list
 *   POST /api/admin/petitions/:id/unpublish   {}
 */
export function petitionDeskRoutes(o: DeskRoutesDeps): void {
  const { db } = o.database;
  const legalSourceOf = (category: string) => o.catalog.current.content.commune.petition_categories.find((c) => c.id === category)?.legal_source;

  async function load(tx: Executor, idOrCode: string, me?: StaffPrincipal): Promise<PetitionRow> {
    const p = await findPetition(tx, idOrCode);
    const scope = me ? scopeOf(me) : undefined;
    if (!p || (scope && p.handled_by !== scope)) throw new NotFound('Không tìm thấy phản ánh.');
    return p;
  }

  async function detail(p: PetitionRow) {
    return { ...(await deskDetail(db, p, o.clock(), legalSourceOf(p.category))), place: petitionPlace(o.catalog, p.contact_address) };
  }

  /** Runs a desk action in one transaction (with its audit entry), then answers with the petition. */
  async function act(res: Response, idOrCode: string, action: string, fn: (tx: Executor, p: PetitionRow, now: Date) => Promise<Record<string, unknown> | void>) {
    const staff = currentStaff(res);
    const now = o.clock();
    const id = await db.transaction().execute(async (tx) => {
      const p = await load(tx, idOrCode, staff);
      const details = await fn(tx, p, now);
      await audit(tx, staff, action, { type: 'petition', id: p.id }, now, { code: p.code, ...(details ?? {}) });
      return p.id;
    });
    o.wakeOutbox();
    res.json(await detail((await load(db, id))!));
  }

  function notFinal(p: PetitionRow, what: string): void {
    if (FINAL_STATUSES.includes(p.status)) throw new Conflict(`Phản ánh ${p.code} đã đóng, không thể ${what}.`);
  }

  o.staff.get('/api/admin/petitions', ROLES, async (req, res) => {
    const q = parseOrThrow(listQuery, req.query);
    const me = currentStaff(res);
    const assignee = q.assignee === undefined ? undefined : q.assignee === 'none' ? null : q.assignee === 'me' ? me.id : q.assignee;
    const { rows, total } = await listPetitions(
      db,
      {
        status: q.status as PetitionStatus[] | undefined,
        category: q.category,
        overdue: q.overdue === undefined ? undefined : q.overdue === 'true' || q.overdue === '1',
        assignee,
        code: q.code,
        handledBy: scopeOf(me),
        limit: q.limit,
        offset: q.offset,
      },
      o.clock(),
    );
    const staff = await staffRefs(db);
    res.json({ items: rows.map((p) => deskListItem(p, p.assignee_id ? (staff.get(p.assignee_id) ?? null) : null, o.clock())), total });
  });

  o.staff.get('/api/admin/petitions/summary', ROLES, async (_req, res) => {
    const scope = scopeOf(currentStaff(res));
    const scoped = () => (scope ? db.selectFrom('petitions').where('handled_by', '=', scope) : db.selectFrom('petitions'));
    const rows = await scoped().select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('status').execute();
    const overdue = await scoped()
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', 'in', OPEN_STATUSES)
      .where('due_at', '<=', o.clock().toISOString())
      .executeTakeFirstOrThrow();
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<PetitionStatus, number>;
    for (const r of rows) byStatus[r.status] = Number(r.n);
    res.json({ byStatus, open: byStatus.received + byStatus.in_progress, overdue: Number(overdue.n) });
  });

  o.staff.get('/api/admin/petitions/:id', ROLES, async (req, res) => {
    const p = await load(db, String(req.params.id), currentStaff(res));
    await audit(db, currentStaff(res), 'petition.read', { type: 'petition', id: p.id }, o.clock(), { code: p.code });
    res.json(await detail(p));
  });

  o.staff.post('/api/admin/petitions/:id/assign', ROLES, async (req, res) => {
    const body = parseOrThrow(assignBody, req.body ?? {});
    await act(res, String(req.params.id), 'petition.assign', async (tx, p, now) => {
      notFinal(p, 'phân công');
      if (body.assigneeId !== null) {
        const u = await tx.selectFrom('staff_users').select(['id', 'roles', 'active']).where('id', '=', body.assigneeId).executeTakeFirst();
        const roles = u ? parseRoles(u.roles) : [];
        // A complaint about the staff is handled by a leader, never by the desk it concerns.
        const eligible = p.handled_by === 'leadership' ? roles.includes('leader') || roles.includes('admin') : roles.includes('desk') || roles.includes('admin') || roles.includes('leader');
        if (!u || u.active !== 1 || !eligible) {
          const who = p.handled_by === 'leadership' ? 'tài khoản lãnh đạo UBND xã' : 'tài khoản Bộ phận Một cửa';
          throw new Invalid(`Cán bộ được phân công phải là ${who} đang hoạt động.`, { assigneeId: `Cán bộ được phân công phải là ${who} đang hoạt động.` });
        }
      }
      const status: PetitionStatus = body.assigneeId !== null && p.status === 'received' ? 'in_progress' : p.status;
      await updatePetition(tx, p.id, { assignee_id: body.assigneeId, status }, now);
      return { assigneeId: body.assigneeId };
    });
  });

  o.staff.post('/api/admin/petitions/:id/notes', ROLES, async (req, res) => {
    const body = parseOrThrow(noteBody, req.body ?? {});
    await act(res, String(req.params.id), 'petition.note', async (tx, p, now) => {
      const id = randomUUID();
      await tx.insertInto('petition_notes').values({ id, petition_id: p.id, author_id: currentStaff(res).id, text: body.text, created_at: now.toISOString() }).execute();
      await updatePetition(tx, p.id, {}, now);
      return { noteId: id };
    });
  });

  o.staff.post('/api/admin/petitions/:id/replies', ROLES, async (req, res) => {
    const body = parseOrThrow(replyBody, req.body ?? {});
    await act(res, String(req.params.id), 'petition.reply', async (tx, p, now) => {
      notFinal(p, 'gửi trả lời');
      const reply = await recordReply(tx, { petition: p, authorId: currentStaff(res).id, kind: 'reply', text: body.text, now });
      await updatePetition(tx, p.id, { status: 'answered', answered_at: p.answered_at ?? now.toISOString() }, now);
      return { replyId: reply.id, delivery: reply.delivery };
    });
  });

  o.staff.post('/api/admin/petitions/:id/close', ROLES, async (req, res) => {
    await act(res, String(req.params.id), 'petition.close', async (tx, p, now) => {
      notFinal(p, 'đóng lại');
      const closed: PetitionRow = { ...p, status: 'closed' };
      await updatePetition(tx, p.id, { status: 'closed', closed_at: now.toISOString() }, now);
      const ratingRequested = await requestRating(tx, closed, now);
      await o.onClosed?.(tx, closed, now);
      return { ratingRequested };
    });
  });

  o.staff.post('/api/admin/petitions/:id/out-of-scope', ROLES, async (req, res) => {
    const body = parseOrThrow(reasonBody, req.body ?? {});
    await act(res, String(req.params.id), 'petition.out_of_scope', async (tx, p, now) => {
      notFinal(p, 'chuyển sang "không thuộc phạm vi"');
      const reply = await recordReply(tx, { petition: p, authorId: currentStaff(res).id, kind: 'out_of_scope', text: body.reason, now });
      await updatePetition(tx, p.id, { status: 'out_of_scope', out_of_scope_reason: body.reason, closed_at: now.toISOString() }, now);
      return { replyId: reply.id, delivery: reply.delivery };
    });
  });

  o.staff.post('/api/admin/petitions/:id/publish', ROLES, async (req, res) => {
    const body = parseOrThrow(publishBody, req.body ?? {});
    await act(res, String(req.params.id), 'petition.publish', async (tx, p, now) => {
      if (p.status !== 'answered' && p.status !== 'closed') throw new Conflict('Chỉ công khai được phản ánh đã trả lời.');
      const fields = personalDataIn(p, body, o.catalog.current.content.commune);
      if (Object.keys(fields).length > 0) throw new Invalid('Nội dung công khai còn chứa thông tin cá nhân của người gửi.', fields);
      await updatePetition(tx, p.id, { public_summary: body.summary, public_answer: body.answer, published_at: p.published_at ?? now.toISOString() }, now);
    });
  });

  o.staff.post('/api/admin/petitions/:id/unpublish', ROLES, async (req, res) => {
    await act(res, String(req.params.id), 'petition.unpublish', async (tx, p, now) => {
      await updatePetition(tx, p.id, { published_at: null }, now);
    });
  });
}

async function staffRefs(db: Executor): Promise<Map<string, StaffRef>> {
  const rows = await db.selectFrom('staff_users').select(['id', 'display_name']).execute();
  return new Map(rows.map((s) => [s.id, { id: s.id, displayName: s.display_name }]));
}
