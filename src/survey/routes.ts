import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import type { Executor } from '../store/database.js';
import { TooManyRequests } from '../errors.js';
import { parseOrThrow } from '../http/validate.js';
import { createSlidingLimiter } from '../http/sliding-limiter.js';
import type { StaffRouter } from '../staff/guard.js';
import { cleanText } from '../text/control-chars.js';
import { rangeInstants } from '../insights/report.js';
import { VN_OFFSET_MS } from '../news/local-time.js';
import { CRITERION_IDS, SCALE, SURVEY_CRITERIA, type SurveyScores } from './criteria.js';
import { surveyFigures } from './figures.js';
import { SURVEY_PAGE_PATH, surveyFormPage, surveyThanksPage } from './public-page.js';
import { surveyQrPdf } from './qr-pdf.js';
import { insertResponse } from './repo.js';

const score = z.coerce.number({ error: 'Vui lòng chấm điểm từ 1 đến 5.' }).int().min(1, 'Vui lòng chấm điểm từ 1 đến 5.').max(5, 'Vui lòng chấm điểm từ 1 đến 5.');
const responseSchema = z.object({
  ...(Object.fromEntries(CRITERION_IDS.map((id) => [id, score])) as Record<(typeof CRITERION_IDS)[number], typeof score>),
  comment: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(1000, 'Góp ý tối đa 1000 ký tự.').optional()),
  clientRequestId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()),
});

/** The default period of the console's summary: the last twelve months, Vietnam dates. */
function lastYear(now: Date): { from: string; to: string } {
  const to = new Date(now.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
  const from = `${Number(to.slice(0, 4)) - 1}${to.slice(4, 8)}01`;
  return { from, to };
}

/**
 * The satisfaction survey outside the chat:
 *   GET/POST /danh-gia                 the page the desk's QR code opens (no scripts, no login)
 *   POST     /api/survey/responses     the Mini App's form (JSON)
 *   GET      /api/survey/criteria      the questions and the scale
 *   GET      /api/admin/survey/summary?from=&to=   per-criterion scores and the index by month
 *   GET      /api/admin/survey/qr.pdf  the card with the QR code for the desk
 * Anonymous answers are limited per address (a QR code on a counter invites no ballot stuffing).
 */
export function surveyRoutes(o: { db: Executor; catalog: Catalog; clock: () => Date; staff: StaffRouter; publicBaseUrl: string; limitPerHour?: number }): Router {
  const router = Router();
  const perIp = createSlidingLimiter({ max: o.limitPerHour ?? 10, windowMs: 3600_000, now: () => o.clock().getTime() });
  const communeName = () => o.catalog.current.content.commune.name;
  const ip = (req: Request) => req.ip ?? 'unknown';
  const store = (source: 'web' | 'miniapp', body: z.infer<typeof responseSchema>, key?: string) =>
    insertResponse(o.db, {
      source,
      scores: Object.fromEntries(CRITERION_IDS.map((id) => [id, body[id]])) as SurveyScores,
      comment: body.comment ? cleanText(body.comment) : null,
      submissionKey: key ?? null,
      now: o.clock(),
    });

  router.get(SURVEY_PAGE_PATH, (_req, res) => {
    res.type('html').send(surveyFormPage({ communeName: communeName() }));
  });

  router.post(SURVEY_PAGE_PATH, express.urlencoded({ extended: false, limit: '8kb' }), async (req, res) => {
    const raw = (req.body ?? {}) as Record<string, string>;
    const parsed = responseSchema.safeParse(raw);
    if (!parsed.success) {
      res.status(400).type('html').send(surveyFormPage({ communeName: communeName(), error: 'Ông/bà vui lòng chấm điểm đủ 5 câu (từ 1 đến 5).', values: raw }));
      return;
    }
    if (!perIp.hit(ip(req))) {
      res.status(429).type('html').send(surveyFormPage({ communeName: communeName(), error: 'Máy này đã gửi nhiều phiếu trong thời gian ngắn, vui lòng thử lại sau.', values: raw }));
      return;
    }
    await store('web', parsed.data);
    res.type('html').send(surveyThanksPage(communeName()));
  });

  router.get('/api/survey/criteria', (_req, res) => {
    res.json({ criteria: SURVEY_CRITERIA.map((c) => ({ id: c.id, name: c.name, question: c.question })), scale: SCALE.map((label, i) => ({ value: i + 1, label })) });
  });

  router.post('/api/survey/responses', async (req, res) => {
    const body = parseOrThrow(responseSchema, req.body ?? {});
    if (!perIp.hit(ip(req))) throw new TooManyRequests('Ông/bà đã gửi nhiều phiếu trong thời gian ngắn, vui lòng thử lại sau.', 3600);
    const stored = await store('miniapp', body, body.clientRequestId ? `miniapp:${body.clientRequestId}` : undefined);
    res.status(stored ? 201 : 200).json({ message: 'Xin cảm ơn ông/bà đã đánh giá!' });
  });

  o.staff.get('/api/admin/survey/summary', [], async (req, res) => {
    const q = parseOrThrow(z.object({ from: z.string().optional(), to: z.string().optional() }), req.query);
    const range = { ...lastYear(o.clock()), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
    res.json({ range, ...(await surveyFigures(o.db, rangeInstants(range))), pageUrl: `${o.publicBaseUrl}${SURVEY_PAGE_PATH}` });
  });

  o.staff.get('/api/admin/survey/qr.pdf', [], async (_req, res) => {
    const pdf = await surveyQrPdf({ commune: o.catalog.current.content.commune, url: `${o.publicBaseUrl}${SURVEY_PAGE_PATH}`, createdAt: o.clock() });
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', 'attachment; filename="ma-qr-danh-gia-hai-long.pdf"');
    res.send(pdf);
  });

  return router;
}
