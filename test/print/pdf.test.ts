import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { leafletPdf } from '../../src/print/leaflet-pdf.js';
import { catalogPosterPdf, fieldPosterPdf } from '../../src/print/poster-pdf.js';
import { bookletPdf } from '../../src/print/booklet-pdf.js';
import { bundledCatalog } from '../helpers/catalog.js';
import { decodeQrCodes, pdfInfo, pdfPageCount, pdfText, pngSize, renderPng } from './pdf-tools.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BASE = 'https://xa-vi-du.example.vn';
const run = promisify(execFile);
/** Renders of every test go to test-output/print/ so a person can look at them after a run. */
const OUTPUT = join(REPO, 'test-output', 'print');
// Another province's figure given as an example ("ví dụ Hải Phòng"); the bundled communes themselves are in Hải Phòng.
const INTERNAL_WORDS = [/ví dụ:? hải phòng/iu, /(^|[^\p{L}])nguồn(?!\p{L})/iu, /chưa (được )?xác nhận/iu, /tham khảo/iu, /thứ cấp/iu];

const { procedures, commune } = bundledCatalog().current.content;
const ctx = { commune, publicBaseUrl: BASE };
const url = (id: string) => `${BASE}/thu-tuc/${id}`;
const work = mkdtempSync(join(tmpdir(), 'print-'));
mkdirSync(OUTPUT, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

function save(name: string, pdf: Buffer): string {
  const file = join(OUTPUT, name);
  writeFileSync(file, pdf);
  return file;
}

describe('leaflet from the command line', () => {
  it('writes a one- or two-page PDF with the name, documents, fee, hotline and a QR code to the page', async () => {
    const out = join(OUTPUT, 'to-roi-dang-ky-ket-hon.pdf');
    const { stdout } = await run('npm', ['run', '--silent', 'cli', '--', 'leaflet', '--procedure', 'dang-ky-ket-hon', '--out', out], {
      cwd: REPO,
      env: { ...process.env, PUBLIC_BASE_URL: BASE },
    });
    expect(stdout).toContain('Đã ghi');
    const pages = await pdfPageCount(out);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    expect((await pdfInfo(out)).Title).toBe('Đăng ký kết hôn – UBND xã An Lão');

    const text = await pdfText(out);
    // Exact NFC strings: a font without Vietnamese marks would drop or split them.
    for (const expected of [
      'Đăng ký kết hôn',
      'Mã thủ tục: 1.000894',
      'Tờ khai đăng ký kết hôn (theo mẫu)',
      'Hai bên cùng ký vào tờ khai',
      'Giấy tờ tùy thân của hai bên (thẻ căn cước, hộ chiếu)',
      'Miễn lệ phí (đăng ký kết hôn trong nước)',
      'Giải quyết trong ngày',
      'Đường dây nóng UBND xã: 0200 000 0000 (số ví dụ)',
      'Xã chưa có thông tin thủ tục này có nộp trực tuyến được hay không',
    ]) {
      expect(text).toContain(expected);
    }
    for (const word of INTERNAL_WORDS) expect(text).not.toMatch(word);

    expect(await decodeQrCodes(out)).toEqual([url('dang-ky-ket-hon')]);
    const [png] = await renderPng(out, join(work, 'ket-hon'), 72);
    const size = pngSize(png!);
    // A4 portrait at 72 dpi: 595 × 842 points, one pixel each (poppler rounds up).
    expect(Math.abs(size.width - 595)).toBeLessThanOrEqual(1);
    expect(Math.abs(size.height - 842)).toBeLessThanOrEqual(1);
  });

  it('answers an unknown procedure in Vietnamese, with the closest ids, and writes nothing', async () => {
    const out = join(work, 'khong-co.pdf');
    const failed = await run('npm', ['run', '--silent', 'cli', '--', 'leaflet', '--procedure', 'dang-ky-ket-hn', '--out', out], { cwd: REPO }).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('Không tìm thấy thủ tục có mã "dang-ky-ket-hn" trong danh mục.');
    expect(failed?.stderr).toContain('dang-ky-ket-hon  (Đăng ký kết hôn)');
    await expect(pdfPageCount(out)).rejects.toThrow();
  });
});

describe('printed material', () => {
  it('fits every procedure of the catalog on one or two pages, A4 and A5, with its QR code', async () => {
    for (const size of ['A4', 'A5'] as const) {
      for (const p of procedures) {
        const pdf = await leafletPdf(p, ctx, size);
        writeFileSync(join(work, `${p.id}-${size}.pdf`), pdf);
        // Page objects in pdfkit's output (uncompressed dictionaries); pdfinfo agrees, checked below.
        const pages = pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length;
        expect(pages, `${p.id} ${size}`).toBeGreaterThanOrEqual(1);
        expect(pages, `${p.id} ${size}`).toBeLessThanOrEqual(2);
      }
    }
    const longest = join(work, 'dang-ky-dat-dai-cap-gcn-lan-dau-A5.pdf');
    expect(await pdfPageCount(longest)).toBe(readFileSync(longest, 'latin1').match(/\/Type \/Page\b(?!s)/g)?.length);
    // The longest A5 leaflet still scans.
    expect(await decodeQrCodes(join(work, 'dang-ky-dat-dai-cap-gcn-lan-dau-A5.pdf'), { dpi: 200 })).toEqual([url('dang-ky-dat-dai-cap-gcn-lan-dau')]);
  });

  it('prints a field poster whose QR codes open each procedure of the field', async () => {
    const file = save('ap-phich-ho-tich.pdf', await fieldPosterPdf('ho_tich', procedures, ctx));
    expect(await pdfPageCount(file)).toBe(1);
    const text = await pdfText(file);
    expect(text).toContain('Thủ tục hành chính lĩnh vực Hộ tịch');
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain('0200 000 0000');
    const expected = procedures.filter((p) => p.field === 'ho_tich').map((p) => url(p.id)).sort();
    expect(expected.length).toBeGreaterThan(10);
    expect(await decodeQrCodes(file, { dpi: 200, tile: 500 })).toEqual(expected);
  });

  it('puts every procedure of the commune on one A2 poster, grouped by field', async () => {
    const file = save('ap-phich-tat-ca.pdf', await catalogPosterPdf(procedures, ctx));
    expect(await pdfPageCount(file)).toBe(1);
    expect((await pdfInfo(file))['Page size']).toMatch(/^1190\.5\d? x 1683\.7\d? pts/);
    const text = await pdfText(file);
    for (const field of ['HỘ TỊCH', 'CHỨNG THỰC', 'ĐẤT ĐAI', 'NGƯỜI CÓ CÔNG']) expect(text).toContain(field);
    expect(await decodeQrCodes(file, { dpi: 200, tile: 500 })).toEqual(procedures.map((p) => url(p.id)).sort());
  });

  it('binds every procedure into the booklet with a cover, page numbers and the contents', async () => {
    const file = save('so-tay.pdf', await bookletPdf(procedures, ctx));
    const pages = await pdfPageCount(file);
    expect(pages).toBeGreaterThan(procedures.length);
    const cover = await pdfText(file, { first: 1, last: 1 });
    expect(cover).toContain('SỔ TAY THỦ TỤC HÀNH CHÍNH');
    expect(cover).toContain(`${procedures.length} thủ tục`);
    expect(cover).toContain('Tổng đài hỗ trợ Cổng Dịch vụ công quốc gia: 1800 1096');
    const coverPdf = join(work, 'cover.pdf');
    await run('pdfseparate', ['-f', '1', '-l', '1', file, coverPdf]);
    expect(await decodeQrCodes(coverPdf)).toEqual([`${BASE}/app/`]);

    const text = await pdfText(file);
    for (const p of procedures) expect(text).toContain(p.name.replace(/\s+/g, ' '));
    expect(text).toContain('Mục lục');
    expect(text).toContain(`Trang ${pages}`);
    for (const word of INTERNAL_WORDS) expect(text).not.toMatch(word);
  });
});
