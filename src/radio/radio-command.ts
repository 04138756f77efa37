import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import type { Executor } from '../store/database.js';
import { AppError } from '../errors.js';
import { announcementForRadio, publishedInMonth } from './announcement-source.js';
import { durationText, radioBulletin, reformColumn, type RadioScript } from './script.js';
import { scriptHtml, scriptText } from './script-render.js';
import { scriptPdf } from './script-pdf.js';
import type { Tts } from './tts.js';

const USAGE = [
  'Cách dùng:',
  '  npm run cli -- radio --month 2026-11 --out thu-muc [--audio]      chuyên mục cải cách hành chính của tháng',
  '  npm run cli -- radio --announcement ID --out thu-muc [--audio]    bản tin phát thanh của một tin đã duyệt',
  'Ghi kịch bản .txt, trang .html và .pdf; --audio thêm bản đọc máy .wav khi máy có espeak-ng.',
].join('\n');

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? args[i + 1] : undefined;
  return value && !value.startsWith('--') ? value : undefined;
}

/** `radio`: the month's reform column or one bulletin as files for the commune's radio. */
export async function radioCommand(
  args: string[],
  o: { db: Executor; catalog: Catalog; tts: Tts; articleUrl: (id: string) => string; io: { log: (l: string) => void; error: (l: string) => void }; now?: Date },
): Promise<number> {
  const month = flag(args, 'month');
  const id = flag(args, 'announcement');
  if (Boolean(month) === Boolean(id)) {
    o.io.error('Chọn một trong --month THÁNG (dạng 2026-11) hoặc --announcement MÃ_TIN.');
    o.io.error(USAGE);
    return 2;
  }
  if (month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    o.io.error(`Tháng "${month}" không hợp lệ: viết dạng 2026-11.`);
    return 2;
  }
  const commune = o.catalog.current.content.commune;
  try {
    let script: RadioScript;
    let base: string;
    if (month) {
      const items = await publishedInMonth(o.db, month, o.articleUrl, (flag(args, 'commune') ?? null));
      if (items.length === 0) {
        o.io.error(`Tháng ${month.slice(5)}/${month.slice(0, 4)} chưa có tin nào được đăng, nên chưa có chuyên mục để phát.`);
        return 1;
      }
      script = reformColumn({ commune, month, announcements: items });
      base = `chuyen-muc-cchc-${month}`;
    } else {
      script = radioBulletin({ commune, announcement: await announcementForRadio(o.db, id!, o.articleUrl, (flag(args, 'commune') ?? null)) });
      base = `ban-tin-${id}`;
    }
    const dir = resolve(flag(args, 'out') ?? 'phat-thanh');
    mkdirSync(dir, { recursive: true });
    const written = [`${base}.txt`, `${base}.html`, `${base}.pdf`];
    writeFileSync(join(dir, written[0]!), scriptText(script));
    writeFileSync(join(dir, written[1]!), scriptHtml(script));
    writeFileSync(join(dir, written[2]!), await scriptPdf(script, o.now));
    if (args.includes('--audio')) {
      const status = await o.tts.status();
      if (status.available) {
        writeFileSync(join(dir, `${base}-doc-may.wav`), await o.tts.wav(script));
        written.push(`${base}-doc-may.wav (bản đọc máy)`);
      } else {
        o.io.error(status.message);
      }
    }
    o.io.log(`${script.title}: ${script.words} từ, thời lượng ước tính ${durationText(script.seconds)}.`);
    o.io.log(`Đã ghi vào ${dir}: ${written.join(', ')}`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    o.io.error(err.message);
    return 1;
  }
}

