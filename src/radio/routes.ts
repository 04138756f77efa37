import type { Response } from 'express';
import { z } from 'zod';
import type { Catalog } from '../catalog/catalog.js';
import { fold } from '../catalog/fold.js';
import type { Executor } from '../store/database.js';
import { parseOrThrow } from '../http/validate.js';
import { NotFound } from '../errors.js';
import { communeScope, type StaffRouter } from '../staff/guard.js';
import { announcementForRadio, publishedInMonth } from './announcement-source.js';
import { durationText, radioBulletin, reformColumn, type RadioScript } from './script.js';
import { scriptHtml, scriptText } from './script-render.js';
import { scriptPdf } from './script-pdf.js';
import type { Tts } from './tts.js';

export const RADIO_FILES = ['script.txt', 'script.html', 'script.pdf', 'audio.wav'] as const;
export type RadioFile = (typeof RADIO_FILES)[number];

const monthParam = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Tháng có dạng 2026-11.') });
const fileParam = z.object({ file: z.enum(RADIO_FILES, { error: 'Tệp không có: chọn script.txt, script.html, script.pdf hoặc audio.wav.' }) });

/** "Từ 01/12 nộp hồ sơ…" → "tu-01-12-nop-ho-so…": an ASCII file name that still says what it is. */
function slug(text: string): string {
  return fold(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60).replace(/-$/, '');
}

/** The script as JSON for the console, with the duration already worded. */
export function scriptView(script: RadioScript) {
  return { ...script, durationText: durationText(script.seconds) };
}

/** Writes one of the four renderings of a script. */
export async function sendScriptFile(res: Response, script: RadioScript, file: RadioFile, baseName: string, tts: Tts, now: Date): Promise<void> {
  res.setHeader('Cache-Control', 'no-store');
  switch (file) {
    case 'script.txt':
      res.setHeader('Content-Disposition', `attachment; filename="${baseName}.txt"`);
      res.type('text/plain; charset=utf-8').send(scriptText(script));
      return;
    case 'script.html':
      res.type('html').send(scriptHtml(script));
      return;
    case 'script.pdf':
      res.setHeader('Content-Disposition', `attachment; filename="${baseName}.pdf"`);
      res.type('application/pdf').send(await scriptPdf(script, now));
      return;
    case 'audio.wav':
      // Unavailable (503, in Vietnamese) when the server has no speech engine.
      {
        const wav = await tts.wav(script);
        res.setHeader('Content-Disposition', `attachment; filename="${baseName}-doc-may.wav"`);
        res.setHeader('X-Machine-Read', 'espeak-ng');
        res.type('audio/wav').send(wav);
      }
      return;
  }
}

/**
 * Staff routes for the loudspeaker radio: the bulletin of one approved announcement and the month's
 * reform column, as JSON for the console and as page, PDF, script and (with espeak-ng) audio.
 */
export function radioRoutes(o: { db: Executor; catalog: Catalog; staff: StaffRouter; clock: () => Date; tts: Tts; articleUrl: (id: string, communeId?: string | null) => string }): void {
  const NEWS_STAFF = ['editor', 'approver'] as const;
  const commune = () => o.catalog.current.content.commune;

  const bulletin = async (id: string, communeId: string) =>
    radioBulletin({ commune: commune(), announcement: await announcementForRadio(o.db, id, (a) => o.articleUrl(a, communeId), communeId) });
  const column = async (month: string, communeId: string) => {
    const items = await publishedInMonth(o.db, month, (a) => o.articleUrl(a, communeId), communeId);
    if (items.length === 0) {
      const [year, m] = month.split('-');
      throw new NotFound(`Tháng ${m}/${year} chưa có tin nào được đăng, nên chưa có chuyên mục cải cách hành chính để phát.`);
    }
    return reformColumn({ commune: commune(), month, announcements: items });
  };

  o.staff.get('/api/admin/radio/status', NEWS_STAFF, async (_req, res) => {
    res.json({ tts: await o.tts.status() });
  });
  o.staff.get('/api/admin/radio/announcements/:id', NEWS_STAFF, async (req, res) => {
    res.json(scriptView(await bulletin(String(req.params.id), communeScope(res))));
  });
  o.staff.get('/api/admin/radio/announcements/:id/:file', NEWS_STAFF, async (req, res) => {
    const { file } = parseOrThrow(fileParam, req.params);
    const script = await bulletin(String(req.params.id), communeScope(res));
    await sendScriptFile(res, script, file, `ban-tin-${slug(script.sources[0]!.title)}`, o.tts, o.clock());
  });
  o.staff.get('/api/admin/radio/columns/:month', NEWS_STAFF, async (req, res) => {
    const { month } = parseOrThrow(monthParam, req.params);
    res.json(scriptView(await column(month, communeScope(res))));
  });
  o.staff.get('/api/admin/radio/columns/:month/:file', NEWS_STAFF, async (req, res) => {
    const { month } = parseOrThrow(monthParam, req.params);
    const { file } = parseOrThrow(fileParam, req.params);
    await sendScriptFile(res, await column(month, communeScope(res)), file, `chuyen-muc-cchc-${month}`, o.tts, o.clock());
  });
}
