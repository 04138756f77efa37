import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { staffClient, type StaffClient } from '../helpers/staff.js';
import { decodeQrCodes, pdfPageCount, pdfText } from './pdf-tools.js';

describe('printing from the console API', () => {
  const h = useTestApp({ workers: false, env: { PUBLIC_BASE_URL: 'https://xa.example.vn' } });
  const work = mkdtempSync(join(tmpdir(), 'print-http-'));
  let desk: StaffClient;

  beforeAll(async () => {
    desk = await staffClient(h.app, ['desk']);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  async function download(path: string, name: string): Promise<{ res: Response; file: string }> {
    const res = await desk.call('GET', path);
    const file = join(work, name);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return { res, file };
  }

  it('gives any signed-in role the leaflet of a procedure as a PDF download', async () => {
    const { res, file } = await download('/api/admin/print/procedures/dang-ky-khai-sinh/leaflet.pdf?size=A5', 'khai-sinh.pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="to-roi-dang-ky-khai-sinh-a5.pdf"');
    expect(await pdfPageCount(file)).toBeLessThanOrEqual(2);
    const text = await pdfText(file);
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain('Giấy chứng sinh do cơ sở y tế cấp');
    expect(await decodeQrCodes(file, { dpi: 200 })).toEqual(['https://xa.example.vn/thu-tuc/dang-ky-khai-sinh']);
  });

  it('gives the field poster, the commune poster and the booklet', async () => {
    const poster = await download('/api/admin/print/fields/chung_thuc/poster.pdf', 'chung-thuc.pdf');
    expect(poster.res.status).toBe(200);
    expect(await pdfText(poster.file)).toContain('Thủ tục hành chính lĩnh vực Chứng thực');
    const all = await download('/api/admin/print/poster.pdf?size=A3', 'tat-ca.pdf');
    expect(all.res.status).toBe(200);
    expect(await pdfPageCount(all.file)).toBeGreaterThanOrEqual(1);
    const booklet = await download('/api/admin/print/booklet.pdf', 'so-tay.pdf');
    expect(booklet.res.headers.get('content-disposition')).toContain('so-tay-thu-tuc-hanh-chinh.pdf');
    expect(await pdfText(booklet.file, { first: 1, last: 1 })).toContain('SỔ TAY');
  });

  it('answers an unknown procedure or field, and a wrong paper size, in Vietnamese', async () => {
    const missing = await desk.call('GET', '/api/admin/print/procedures/khong-co/leaflet.pdf');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'Không tìm thấy thủ tục có mã "khong-co" trong danh mục.' } });
    const field = await desk.call('GET', '/api/admin/print/fields/khong-co/poster.pdf');
    expect(field.status).toBe(400);
    expect(((await field.json()) as { error: { message: string } }).error.message).toContain('Không có lĩnh vực "khong-co"');
    const size = await desk.call('GET', '/api/admin/print/procedures/dang-ky-ket-hon/leaflet.pdf?size=A3');
    expect(size.status).toBe(400);
    expect(((await size.json()) as { error: { fields: Record<string, string> } }).error.fields.size).toBe('Khổ giấy tờ rơi: A4 hoặc A5.');
  });

  it('refuses anyone not signed in', async () => {
    const res = await fetch(`${h.app.url}/api/admin/print/procedures/dang-ky-ket-hon/leaflet.pdf`);
    expect(res.status).toBe(401);
  });
});
