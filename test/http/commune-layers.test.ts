import { beforeEach, describe, expect, it } from 'vitest';
import { newUserId, sendAndAwaitReplies, textEvent, textsOf, useTestApp } from '../helpers/app.js';

/**
 * The layered content over real HTTP with the bundled Hải Phòng province layer and its two
 * example communes: the scoped public API and page, the old routes as the first commune, the
 * old-commune picker, and the chat's answer about an old commune (through the Zalo sandbox).
 */
describe('commune layers over HTTP', () => {
  const h = useTestApp();
  const get = (path: string) => fetch(`${h.app.url}${path}`);
  beforeEach(() => h.sandbox.clearRecords());

  it('serves a commune\'s procedure with its province\'s fee and the act that sets it', async () => {
    const res = await get('/api/communes/xa-an-quang/procedures/dang-ky-lai-ket-hon');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { fee: string; citations: Array<{ fact: string; layer: string; source: string; url?: string }>; commune: { id: string; province: string } };
    expect(body.fee).toBe('30.000 đồng; nộp trực tuyến: 0 đồng');
    expect(body.citations).toEqual([
      { fact: 'fee', layer: 'province', source: expect.stringContaining('Nghị quyết 12/2018/NQ-HĐND'), url: expect.stringMatching(/^https:\/\//) },
    ]);
    expect(body.commune).toEqual({ id: 'xa-an-quang', name: 'UBND xã An Quang', province: 'Thành phố Hải Phòng' });
  });

  it('shows a commune\'s own note only on that commune, after the province\'s, each with its source', async () => {
    type Notes = { notes: Array<{ layer: string; text: string; source: string }> };
    const quang = (await (await get('/api/communes/xa-an-quang/procedures/dang-ky-ket-hon')).json()) as Notes;
    const lao = (await (await get('/api/communes/xa-an-lao/procedures/dang-ky-ket-hon')).json()) as Notes;
    expect(quang.notes.map((n) => n.layer)).toEqual(['province', 'commune']);
    expect(quang.notes[1]!.text).toContain('sáng Thứ Sáu');
    expect(quang.notes.every((n) => n.source.length > 0)).toBe(true);
    expect(lao.notes.map((n) => n.layer)).toEqual(['province']);
  });

  it('renders the commune page with the province\'s fee, its act, the commune\'s note and the commune\'s own hotline', async () => {
    const res = await get('/c/xa-an-lao/thu-tuc/dang-ky-dat-dai-cap-gcn-lan-dau');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('35.000 đồng');
    expect(page).toContain('Căn cứ: <a href="https://dbndhaiphong.gov.vn/SiteFolders/dbndhp/2472/Documents/NQ-34-2025.pdf">Nghị quyết 34/2025/NQ-HĐND');
    expect(page).toContain('Lưu ý của xã');
    expect(page).toContain('sáng Thứ Ba và sáng Thứ Năm');
    expect(page).toContain('tel:02000000000');
    const other = await (await get('/c/xa-an-quang/thu-tuc/dang-ky-dat-dai-cap-gcn-lan-dau')).text();
    expect(other).not.toContain('Lưu ý của xã');
    expect(other).toContain('tel:02000001000');
  });

  it('keeps the old routes working as the first commune', async () => {
    const api = (await (await get('/api/procedures/dang-ky-lai-khai-sinh')).json()) as { fee: string };
    expect(api.fee).toBe('8.000 đồng; nộp trực tuyến: 0 đồng');
    const page = await (await get('/thu-tuc/dang-ky-lai-khai-sinh')).text();
    expect(page).toContain('UBND xã An Lão');
    expect(page).toContain('Nghị quyết 12/2018/NQ-HĐND');
  });

  it('answers an unknown commune or procedure with a Vietnamese page, and the API with its error shape', async () => {
    const page = await get('/c/xa-khong-co/thu-tuc/dang-ky-ket-hon');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Không có xã, phường này trong hệ thống.');
    // A mistyped procedure in a known commune: that commune's page of close matches, linking to its own pages.
    const unknownProcedure = await get('/c/xa-an-quang/thu-tuc/dang-ky-ket-hn');
    expect(unknownProcedure.status).toBe(404);
    const suggestions = await unknownProcedure.text();
    expect(suggestions).toContain('Không tìm thấy thủ tục này');
    expect(suggestions).toContain('href="/c/xa-an-quang/thu-tuc/dang-ky-ket-hon"');
    expect(suggestions).toContain('tel:02000001000');
    const api = await get('/api/communes/xa-khong-co/procedures/dang-ky-ket-hon');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: { code: 'not_found', message: 'Không có xã, phường này trong hệ thống.' } });
  });

  it('lets the Mini App pick a commune by its old name', async () => {
    const res = await get(`/api/old-communes?q=${encodeURIComponent('quoc tuan')}`);
    const body = (await res.json()) as { items: Array<{ unit: string; district: string; now: Array<{ unit: string; commune: { id: string } | null }> }> };
    expect(body.items.map((i) => [i.district, i.now[0]!.unit, i.now[0]!.commune?.id ?? null])).toEqual([
      ['huyện An Lão', 'xã An Quang', 'xa-an-quang'],
      ['huyện Nam Sách', 'xã Trần Phú', null],
    ]);
    const missing = await get('/api/old-communes');
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('invalid');
  });

  it('answers "xã … cũ giờ nộp ở đâu" in the chat with the new commune, its desk and hotline', async () => {
    const user = newUserId();
    const texts = textsOf(await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, user, 'xa tan dan cu gio nop ho so o dau')));
    expect(texts[0]).toContain('xã Tân Dân (huyện An Lão) cũ nay thuộc xã An Lão, Thành phố Hải Phòng');
    expect(texts[0]).toContain('xã An Lão, thành phố Hải Phòng (địa chỉ ví dụ)');
    expect(texts[0]).toContain('0200 000 0000 (số ví dụ)');
    expect(texts[0]).toContain('Căn cứ: Nghị quyết 1669/NQ-UBTVQH15');
  });

  it('asks which district for a name several old communes shared, then answers the one chosen', async () => {
    const user = newUserId();
    const asked = await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, user, 'xã Quốc Tuấn cũ giờ làm giấy tờ ở đâu'));
    expect(textsOf(asked)[0]).toContain('huyện An Lão');
    expect(textsOf(asked)[0]).toContain('huyện Nam Sách');
    const buttons = (asked[0]!.message as { attachment: { payload: { buttons: Array<{ title: string; payload: string }> } } }).attachment.payload.buttons;
    const anLao = buttons.find((b) => b.title.includes('An Lão'))!;
    h.sandbox.clearRecords();
    const texts = textsOf(await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, user, anLao.payload)));
    expect(texts[0]).toContain('nay thuộc xã An Quang');
    expect(texts[0]).toContain('0200 000 1000 (số ví dụ)');
  });
});
