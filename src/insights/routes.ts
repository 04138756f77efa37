import { z } from 'zod';
import type { Executor } from '../store/database.js';
import type { Catalog } from '../catalog/catalog.js';
import { parseOrThrow } from '../http/validate.js';
import { communeScope, currentStaff, rollupScope, type StaffRouter } from '../staff/guard.js';
import { audit } from '../staff/audit.js';
import { VN_OFFSET_MS } from '../news/local-time.js';
import { unansweredGroups } from './unanswered.js';
import { aliasesAsPatch, examplesAsPatch, linkGroupToProcedure, markGroupOutOfScope } from './teaching.js';
import { buildReport } from './report.js';
import { reportCsv, reportHtml, reportXlsx } from './report-export.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Dạng ngày: 2026-01-01.');

/** Staff routes for the unanswered-questions review, satisfaction, the dashboard and the report. */
export function insightsRoutes(o: { db: Executor; catalog: Catalog; clock: () => Date; staff: StaffRouter; contentDir: string }) {
  const { db, staff } = o;
  const ANY_STAFF = [] as const;

  staff.get('/api/admin/questions/unanswered', ['editor', 'desk', 'approver'], async (req, res) => {
    const q = parseOrThrow(z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), sort: z.enum(['frequent', 'newest']).default('frequent') }), req.query);
    const groups = await unansweredGroups(db, { ...q, communeId: communeScope(res) });
    res.json({
      items: groups.map((g) => ({ ...g, topProcedureName: g.topProcedure ? (o.catalog.current.index.get(g.topProcedure)?.name ?? null) : null })),
    });
  });

  staff.post('/api/admin/questions/groups/link', ['editor'], async (req, res) => {
    const body = parseOrThrow(
      z.object({
        signature: z.string().min(1).max(500),
        procedureId: z.string({ error: 'Vui lòng chọn thủ tục.' }).min(1, 'Vui lòng chọn thủ tục.'),
        phrase: z.string().trim().min(2, 'Cụm từ quá ngắn.').max(200).optional(),
      }),
      req.body,
    );
    const me = currentStaff(res);
    const result = await linkGroupToProcedure(db, o.catalog, { ...body, staffId: me.id, now: o.clock(), communeId: communeScope(res) });
    await audit(db, me, 'question.link', { type: 'procedure', id: body.procedureId }, o.clock());
    res.json(result);
  });

  staff.post('/api/admin/questions/groups/out-of-scope', ['editor'], async (req, res) => {
    const body = parseOrThrow(z.object({ signature: z.string().min(1).max(500) }), req.body);
    const me = currentStaff(res);
    await markGroupOutOfScope(db, o.catalog, { signature: body.signature, staffId: me.id, now: o.clock(), communeId: communeScope(res) });
    await audit(db, me, 'question.out_of_scope', null, o.clock());
    res.json({ ok: true });
  });

  staff.get('/api/admin/aliases/export', ['editor'], async (_req, res) => {
    res.type('text/x-diff').send(await aliasesAsPatch(db, o.contentDir));
  });

  staff.get('/api/admin/examples/export', ['editor'], async (_req, res) => {
    res.type('text/x-diff').send(await examplesAsPatch(db, o.contentDir));
  });

  staff.get('/api/admin/dashboard', [...ANY_STAFF], async (_req, res) => {
    const now = o.clock();
    // A commune's figures; a province admin who picked no commune sees the province's roll-up.
    const communeId = rollupScope(res);
    const scoped = <T extends 'questions' | 'petitions' | 'announcements'>(table: T) =>
      communeId === null ? db.selectFrom(table as 'questions') : db.selectFrom(table as 'questions').where('commune_id', '=', communeId);
    const local = new Date(now.getTime() + VN_OFFSET_MS);
    const todayStart = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - VN_OFFSET_MS).toISOString();
    const count = async (p: Promise<Array<{ n: number | string | bigint }>>) => Number((await p)[0]?.n ?? 0);
    res.json({
      questionsToday: await count(scoped('questions').select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', '>=', todayStart).execute()),
      openPetitions: await count(
        (scoped('petitions') as unknown as ReturnType<typeof db.selectFrom<'petitions'>>)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', 'in', ['received', 'in_progress'])
          .execute(),
      ),
      overduePetitions: await count(
        (scoped('petitions') as unknown as ReturnType<typeof db.selectFrom<'petitions'>>)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', 'in', ['received', 'in_progress'])
          .where('due_at', '<', now.toISOString())
          .execute(),
      ),
      scheduledNews: await count(
        (scoped('announcements') as unknown as ReturnType<typeof db.selectFrom<'announcements'>>)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'scheduled')
          .execute(),
      ),
    });
  });

  staff.get('/api/admin/reports', ['editor', 'approver', 'desk'], async (req, res) => {
    const q = parseOrThrow(z.object({ from: day, to: day, format: z.enum(['json', 'csv', 'xlsx', 'html']).default('json') }), req.query);
    const communeId = rollupScope(res);
    const report = await buildReport(db, o.catalog, { from: q.from, to: q.to }, o.clock(), communeId);
    const name = communeId === null ? 'Toàn tỉnh (tổng hợp các xã)' : o.catalog.current.content.commune.name;
    const file = `bao-cao-${q.from}-${q.to}`;
    await audit(db, currentStaff(res), 'report.view', null, o.clock(), { from: q.from, to: q.to, format: q.format });
    if (q.format === 'csv') {
      res.setHeader('Content-Disposition', `attachment; filename="${file}.csv"`);
      res.type('text/csv; charset=utf-8').send(reportCsv(report));
    } else if (q.format === 'xlsx') {
      res.setHeader('Content-Disposition', `attachment; filename="${file}.xlsx"`);
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await reportXlsx(report, name));
    } else if (q.format === 'html') {
      res.type('html').send(reportHtml(report, name));
    } else {
      res.json(report);
    }
  });
}
