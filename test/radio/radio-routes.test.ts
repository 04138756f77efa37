import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialectCases } from '../helpers/databases.js';
import { useTestApp } from '../helpers/app.js';
import { staffClient, type StaffClient } from '../helpers/staff.js';
import type { RunningApp } from '../../src/main.js';
import { readWav } from './wav.js';

/** Whether Debian's espeak-ng with its Vietnamese voice is on this machine (.ci/run installs it). */
const HAS_ESPEAK = (() => {
  try {
    return /\bvi\b/.test(execFileSync('espeak-ng', ['--voices=vi'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
})();

const NEWS = {
  title: 'Từ 01/12 nộp hồ sơ khai sinh trực tuyến không mất phí',
  summary: 'Xã hướng dẫn nộp hồ sơ khai sinh qua Cổng Dịch vụ công. Cần hỗ trợ xin gọi đường dây nóng.',
  body: 'Từ ngày 01/12/2026, người dân nộp hồ sơ **đăng ký khai sinh** (mã 1.001193) trên Cổng Dịch vụ công không mất lệ phí.\n\n- Bước 1: đăng nhập.\n- Bước 2: điền tờ khai.\n\nCần hỗ trợ xin gọi 0200 000 0001 từ 7h30 đến 11h30.',
  topic: 'cai-cach-hanh-chinh',
};

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

/** Drafted by an editor and approved by an approver, through the real API. */
async function approved(editor: StaffClient, approver: StaffClient, input = NEWS): Promise<string> {
  const { id } = await json<{ id: string }>(await editor.call('POST', '/api/admin/announcements', input), 201);
  await json(await editor.call('POST', `/api/admin/announcements/${id}/submit`), 200);
  await json(await approver.call('POST', `/api/admin/announcements/${id}/approve`), 200);
  return id;
}

/** What the scheduler does when it sends the news: published at `at`. */
async function publish(app: RunningApp, id: string, at: string): Promise<void> {
  await app.database.db.updateTable('announcements').set({ status: 'sent', published_at: at }).where('id', '=', id).execute();
}

interface ScriptJson {
  kind: string;
  title: string;
  sections: Array<{ heading: string; sentences: string[] }>;
  words: number;
  seconds: number;
  durationText: string;
  sources: Array<{ id: string; url?: string }>;
}

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

for (const dialect of dialectCases()) describe(`radio bulletin and reform column over HTTP (${dialect.name})`, () => {
  const h = useTestApp({ workers: false, dialect });
  let editor: StaffClient;
  let approver: StaffClient;
  let desk: StaffClient;

  beforeAll(async () => {
    editor = await staffClient(h.app, ['editor']);
    approver = await staffClient(h.app, ['approver']);
    desk = await staffClient(h.app, ['desk']);
  });

  it('gives the bulletin of an approved announcement as JSON, text, page and PDF', async () => {
    const id = await approved(editor, approver);
    const script = await json<ScriptJson>(await editor.call('GET', `/api/admin/radio/announcements/${id}`), 200);
    expect(script.kind).toBe('bulletin');
    expect(script.sections.map((s) => s.heading)).toEqual(['Lời mở đầu', NEWS.title, 'Lời kết']);
    expect(script.sections[1]!.sentences).toContain('Cần hỗ trợ xin gọi không hai không không, không không không, không không không một từ bảy giờ ba mươi phút đến mười một giờ ba mươi phút.');
    expect(script.seconds).toBe(Math.round((script.words * 60) / 150));
    expect(script.durationText).toMatch(/^khoảng /);

    const text = await approver.call('GET', `/api/admin/radio/announcements/${id}/script.txt`);
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(text.headers.get('content-disposition')).toBe('attachment; filename="ban-tin-tu-01-12-nop-ho-so-khai-sinh-truc-tuyen-khong-mat-phi.txt"');
    expect(await text.text()).toContain('[Lời mở đầu]\nĐây là Đài truyền thanh xã An Lão.');

    const page = await editor.call('GET', `/api/admin/radio/announcements/${id}/script.html`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain(`thời lượng ước tính ${script.durationText}`);
    const pdf = await editor.call('GET', `/api/admin/radio/announcements/${id}/script.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).toString('latin1', 0, 5)).toBe('%PDF-');
  });

  it('refuses drafts, unknown ids, unknown files and staff outside news', async () => {
    const { id } = await json<{ id: string }>(await editor.call('POST', '/api/admin/announcements', { ...NEWS, title: 'Bản nháp' }), 201);
    const draft = await json<{ error: { code: string; message: string } }>(await editor.call('GET', `/api/admin/radio/announcements/${id}`), 409);
    expect(draft.error.message).toContain('Tin chưa được duyệt');
    await json(await editor.call('GET', '/api/admin/radio/announcements/khong-co'), 404);
    const wrong = await json<{ error: { fields: Record<string, string> } }>(await editor.call('GET', `/api/admin/radio/announcements/${id}/script.doc`), 400);
    expect(wrong.error.fields.file).toContain('script.txt');
    await json(await desk.call('GET', `/api/admin/radio/announcements/${id}`), 403);
  });

  it('compiles the month\'s column from the news published that month', async () => {
    const first = await approved(editor, approver, { ...NEWS, title: 'Lịch tiếp công dân tháng 12', body: 'Chủ tịch UBND xã tiếp công dân sáng thứ 5 hằng tuần.' });
    const second = await approved(editor, approver);
    const october = await approved(editor, approver, { ...NEWS, title: 'Tin tháng trước' });
    await publish(h.app, first, '2026-11-03T01:00:00.000Z');
    await publish(h.app, second, '2026-11-20T02:00:00.000Z');
    await publish(h.app, october, '2026-10-31T16:59:00.000Z');

    const column = await json<ScriptJson>(await editor.call('GET', '/api/admin/radio/columns/2026-11'), 200);
    expect(column.title).toBe('Chuyên mục Cải cách hành chính tháng 11/2026');
    expect(column.sources.map((s) => s.id)).toEqual([first, second]);
    expect(column.sources[0]!.url).toMatch(new RegExp(`/tin/${first}$`));
    expect(column.sections.map((s) => s.heading)).toEqual(['Lời mở đầu', 'Tin thứ nhất: Lịch tiếp công dân tháng 12', `Tin thứ hai: ${NEWS.title}`, 'Lời kết']);

    const page = await editor.call('GET', '/api/admin/radio/columns/2026-11/script.html');
    const html = await page.text();
    expect(html).toContain('Chủ tịch Ủy ban nhân dân xã tiếp công dân sáng thứ năm hằng tuần.');
    expect(html).toContain('Tin đã dùng');

    const empty = await json<{ error: { message: string } }>(await editor.call('GET', '/api/admin/radio/columns/2026-09'), 404);
    expect(empty.error.message).toBe('Tháng 09/2026 chưa có tin nào được đăng, nên chưa có chuyên mục cải cách hành chính để phát.');
    const bad = await json<{ error: { fields: Record<string, string> } }>(await editor.call('GET', '/api/admin/radio/columns/2026-13'), 400);
    expect(bad.error.fields.month).toBe('Tháng có dạng 2026-11.');
  });

  it.skipIf(!HAS_ESPEAK)('reads the column aloud with espeak-ng, marked as machine-read', async () => {
    const status = await json<{ tts: { available: boolean; version: string } }>(await editor.call('GET', '/api/admin/radio/status'), 200);
    expect(status.tts.available).toBe(true);
    const column = await json<ScriptJson>(await editor.call('GET', '/api/admin/radio/columns/2026-11'), 200);
    const res = await editor.call('GET', '/api/admin/radio/columns/2026-11/audio.wav');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="chuyen-muc-cchc-2026-11-doc-may.wav"');
    const wav = readWav(Buffer.from(await res.arrayBuffer()));
    expect(wav.channels).toBe(1);
    expect(wav.bitsPerSample).toBe(16);
    expect(wav.info.ICMT).toContain('Bản đọc tự động bằng máy');
    expect(wav.info.INAM).toBe('Chuyên mục Cải cách hành chính tháng 11/2026');
    expect(wav.rms).toBeGreaterThan(0.01);
    // espeak-ng at 150 words a minute lands near the script's own estimate.
    expect(wav.seconds).toBeGreaterThan(column.seconds * 0.5);
    expect(wav.seconds).toBeLessThan(column.seconds * 1.6);
  });

  it('writes the month\'s column from the command line: script, page and PDF, with the duration', async () => {
    const out = mkdtempSync(join(tmpdir(), 'radio-cli-'));
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'radio', '--month', '2026-11', '--out', out], {
        cwd: REPO,
        env: { ...process.env, DATABASE_URL: h.target.url },
      });
      expect(stdout).toMatch(/^Chuyên mục Cải cách hành chính tháng 11\/2026: \d+ từ, thời lượng ước tính khoảng /);
      expect(readdirSync(out).sort()).toEqual(['chuyen-muc-cchc-2026-11.html', 'chuyen-muc-cchc-2026-11.pdf', 'chuyen-muc-cchc-2026-11.txt']);
      const text = readFileSync(join(out, 'chuyen-muc-cchc-2026-11.txt'), 'utf8');
      expect(text).toContain('[Tin thứ nhất: Lịch tiếp công dân tháng 12]\nTin thứ nhất.');
      expect(text).toContain('Mời bà con cùng nghe chuyên mục Cải cách hành chính tháng mười một năm hai nghìn không trăm hai mươi sáu.');
      const empty = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'radio', '--month', '2026-09', '--out', out], { cwd: REPO, env: { ...process.env, DATABASE_URL: h.target.url } }).then(
        () => undefined,
        (err: { code: number; stderr: string }) => err,
      );
      expect(empty?.code).toBe(1);
      expect(empty?.stderr).toContain('Tháng 09/2026 chưa có tin nào được đăng');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('radio without a speech engine', () => {
  const h = useTestApp({ workers: false, env: { TTS_COMMAND: '/khong/co/espeak-ng' } });

  it('says plainly that only the script is available', async () => {
    const editor = await staffClient(h.app, ['editor']);
    const approver = await staffClient(h.app, ['approver']);
    const status = await json<{ tts: { available: boolean; message: string } }>(await editor.call('GET', '/api/admin/radio/status'), 200);
    expect(status.tts.available).toBe(false);
    expect(status.tts.message).toContain('Máy chủ chưa cài phần mềm đọc tiếng Việt (espeak-ng)');
    const id = await approved(editor, approver);
    const audio = await json<{ error: { code: string; message: string } }>(await editor.call('GET', `/api/admin/radio/announcements/${id}/audio.wav`), 503);
    expect(audio.error).toEqual({ code: 'unavailable', message: status.tts.message });
    await json(await editor.call('GET', `/api/admin/radio/announcements/${id}`), 200);
  });
});
