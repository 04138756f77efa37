import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStaffUser } from '../../src/staff/accounts.js';
import { decodeQrCodes, pdfText } from '../print/pdf-tools.js';
import { communesCommand } from '../../src/communes/commands.js';
import { makeTextEvent } from '../../src/zalo/sandbox-webhook.js';
import { storeInboundEvent } from '../../src/zalo/inbox-repo.js';
import { eventDedupeKey, parseWebhookBody } from '../../src/zalo/events.js';
import { awaitReplies, postEvent, newUserId, textsOf, useTestApp } from '../helpers/app.js';
import { dialectCases } from '../helpers/databases.js';
import { loginClient, staffClient, type StaffClient } from '../helpers/staff.js';

const STAFF_PASSWORD = 'mat-khau-du-dai-123';

const OA_NEW = '5550000000000000701';
const OA_CLI = '5550000000000000702';
const HOTLINE = '0225 3888 123';
/** Hải Phòng's fee for re-registering a marriage (its province layer), not the national text. */
const HAI_PHONG_FEE = '30.000 đồng; nộp trực tuyến: 0 đồng';

interface ProcedureBody {
  fee: string;
  caution: string | null;
  commune: { id: string; name: string; province: string };
}

/**
 * Communes added at run time (by a province admin over HTTP, or by the CLI in another process)
 * are served by the public procedure API, page and profile at once, without a restart: their own
 * name and hotline over their province's facts. Unknown or mistyped communes are a 404 in
 * Vietnamese. Real server on loopback, real database, the Zalo sandbox.
 */
for (const dialect of dialectCases()) {
  describe(`communes added at run time (${dialect.name})`, () => {
    const h = useTestApp({ dialect });
    const get = (path: string) => fetch(`${h.app.url}${path}`);
    let province: StaffClient;

    it('serves a commune a province admin adds over HTTP: procedure API, page and profile with its name, hotline and the province fee', async () => {
      province = await staffClient(h.app, ['province_admin']);
      // The OA was authorised outside the service: its token pair comes with the form.
      const tokens = h.sandbox.addOa(OA_NEW);
      const added = await province.call('POST', '/api/admin/communes', { id: 'xa-tan-tien', name: 'UBND xã Tân Tiến', provinceId: 'hai-phong', oaId: OA_NEW, hotline: HOTLINE, tokens });
      expect(added.status).toBe(201);

      const api = await get('/api/communes/xa-tan-tien/procedures/dang-ky-lai-ket-hon');
      expect(api.status).toBe(200);
      const body = (await api.json()) as ProcedureBody;
      expect(body.fee).toBe(HAI_PHONG_FEE);
      expect(body.commune).toEqual({ id: 'xa-tan-tien', name: 'UBND xã Tân Tiến', province: 'Thành phố Hải Phòng' });

      const page = await get('/c/xa-tan-tien/thu-tuc/dang-ky-lai-ket-hon');
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('UBND xã Tân Tiến');
      expect(html).toContain('30.000 đồng');
      expect(html).toContain(`tel:${HOTLINE.replace(/\s/g, '')}`);
      // Never the default commune's number.
      const firstHotline = h.app.catalog.current.content.commune.hotlines[0]!.number;
      expect(html).not.toContain(`tel:${firstHotline.replace(/\s/g, '')}`);

      const profile = await get('/api/communes/xa-tan-tien/profile');
      expect(profile.status).toBe(200);
      const p = (await profile.json()) as { name: string; province: string; hotlines: Array<{ number: string }> };
      expect(p.name).toBe('UBND xã Tân Tiến');
      expect(p.province).toBe('Thành phố Hải Phòng');
      expect(p.hotlines.map((x) => x.number)).toEqual([HOTLINE]);
    });

    it('links the new commune\'s chat answers to its own procedure pages', async () => {
      const user = newUserId();
      const event = makeTextEvent({ appId: h.sandbox.appId, oaId: OA_NEW, userId: user, text: 'đăng ký lại kết hôn cần giấy tờ gì' });
      expect((await postEvent(h.app, h.sandbox, event)).status).toBe(200);
      const replies = await awaitReplies(h.app, h.sandbox, event);
      expect(textsOf(replies)[0]).toContain('đăng ký lại kết hôn');
      // The page button opens this commune's page (its hotline, its province's fee), not the default commune's.
      const sent = JSON.stringify(replies.map((m) => m.message));
      expect(sent).toContain(`${h.app.config.http.publicBaseUrl}/c/xa-tan-tien/thu-tuc/dang-ky-lai-ket-hon`);
    });

    it('prints the new commune\'s leaflet with its own name and hotline, its QR code opening its own page', async () => {
      await createStaffUser(h.app.database.db, { username: `mot-cua-tan-tien-${dialect.name}`, displayName: 'Một cửa xã Tân Tiến', password: STAFF_PASSWORD, roles: ['desk'], communeId: 'xa-tan-tien' }, new Date());
      const desk = await loginClient(h.app, `mot-cua-tan-tien-${dialect.name}`, STAFF_PASSWORD);
      const res = await desk.call('GET', '/api/admin/print/procedures/dang-ky-lai-ket-hon/leaflet.pdf');
      expect(res.status).toBe(200);
      const work = mkdtempSync(join(tmpdir(), 'runtime-commune-print-'));
      try {
        const file = join(work, 'to-roi.pdf');
        writeFileSync(file, Buffer.from(await res.arrayBuffer()));
        const text = await pdfText(file);
        expect(text).toContain('UBND XÃ TÂN TIẾN');
        expect(text).toContain(HOTLINE);
        expect(await decodeQrCodes(file, { dpi: 200 })).toEqual([`${h.app.config.http.publicBaseUrl}/c/xa-tan-tien/thu-tuc/dang-ky-lai-ket-hon`]);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });

    it('serves a commune the CLI adds from another process, without a restart', async () => {
      const io = { lines: [] as string[], errors: [] as string[] };
      const code = await communesCommand(
        'communes:add',
        ['--id', 'xa-dong-cli', '--name', 'UBND xã Đông CLI', '--province', 'hai-phong', '--oa', OA_CLI],
        h.app.config,
        { log: (l) => io.lines.push(l), error: (l) => io.errors.push(l) },
      );
      expect(io.errors).toEqual([]);
      expect(code).toBe(0);
      const api = await get('/api/communes/xa-dong-cli/procedures/dang-ky-lai-ket-hon');
      expect(api.status).toBe(200);
      const body = (await api.json()) as ProcedureBody;
      expect(body.fee).toBe(HAI_PHONG_FEE);
      expect(body.commune.name).toBe('UBND xã Đông CLI');
      const page = await get('/c/xa-dong-cli/thu-tuc/dang-ky-lai-ket-hon');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('UBND xã Đông CLI');
      // Without a hotline of its own yet: the national one, never another commune's.
      const profile = (await (await get('/api/communes/xa-dong-cli/profile')).json()) as { hotlines: Array<{ number: string }> };
      expect(profile.hotlines.map((x) => x.number)).toEqual([h.app.catalog.current.content.commune.national_portal.hotline.number]);
    });

    it('takes the commune\'s hotline from the CLI too, and refuses a wrong one in Vietnamese', async () => {
      const io = { lines: [] as string[], errors: [] as string[] };
      const run = (extra: string[]) =>
        communesCommand('communes:add', ['--id', 'xa-bac-cli', '--name', 'UBND xã Bắc CLI', '--province', 'hai-phong', '--oa', '5550000000000000706', ...extra], h.app.config, {
          log: (l) => io.lines.push(l),
          error: (l) => io.errors.push(l),
        });
      expect(await run(['--hotline', 'gọi xã'])).toBe(2);
      expect(io.errors).toEqual(['Số điện thoại chỉ gồm chữ số, dấu cách hoặc dấu chấm, ví dụ 0225 3888 123.']);
      expect((await get('/api/communes/xa-bac-cli/profile')).status).toBe(404);
      io.errors.length = 0;
      expect(await run(['--hotline', '0220 3666 789'])).toBe(0);
      expect(io.errors).toEqual([]);
      const profile = (await (await get('/api/communes/xa-bac-cli/profile')).json()) as { name: string; hotlines: Array<{ number: string }> };
      expect(profile.name).toBe('UBND xã Bắc CLI');
      expect(profile.hotlines.map((x) => x.number)).toEqual(['0220 3666 789']);
    });

    it('answers, as that commune, an event another process stored for a commune the CLI added (its first turn loads it)', async () => {
      // Several instances: one receives and stores (WORKERS=off), this one answers. The commune is
      // new to this process's registry, which must not answer its residents as the first commune.
      const oaId = '5550000000000000707';
      const pair = h.sandbox.addOa(oaId);
      const code = await communesCommand(
        'communes:add',
        ['--id', 'xa-nam-cli', '--name', 'UBND xã Nam CLI', '--province', 'hai-phong', '--oa', oaId, '--hotline', '0220 3555 246', '--access-token', pair.accessToken, '--refresh-token', pair.refreshToken],
        h.app.config,
        { log: () => {}, error: () => {} },
      );
      expect(code).toBe(0);
      const userId = newUserId();
      const event = makeTextEvent({ appId: h.sandbox.appId, oaId, userId, text: 'cho tôi xin số điện thoại của xã' });
      await storeInboundEvent(h.app.database.db, { dedupeKey: eventDedupeKey(parseWebhookBody(JSON.stringify(event))), eventName: 'user_send_text', userId, communeId: 'xa-nam-cli', payload: JSON.stringify(event), now: new Date() });
      const reply = textsOf(await awaitReplies(h.app, h.sandbox, event)).join('\n');
      expect(reply).toContain('0220 3555 246');
      expect(reply).not.toContain(h.app.catalog.current.content.commune.hotlines[0]!.number);
    });

    it('lets the Mini App\'s old-commune picker choose a commune added at run time', async () => {
      type Picked = { items: Array<{ district: string; now: Array<{ unit: string; commune: { id: string; name: string } | null }> }> };
      const pick = async () => {
        const body = (await (await get(`/api/old-communes?q=${encodeURIComponent('quoc tuan')}`)).json()) as Picked;
        return body.items.find((i) => i.district === 'huyện Nam Sách')!.now[0]!;
      };
      // xã Trần Phú is not served yet: nothing to choose.
      expect(await pick()).toEqual({ unit: 'xã Trần Phú', share: expect.any(String), commune: null });
      expect((await province.call('POST', '/api/admin/communes', { id: 'xa-tran-phu', name: 'UBND xã Trần Phú', provinceId: 'hai-phong', oaId: '5550000000000000705' })).status).toBe(201);
      expect((await pick()).commune).toEqual({ id: 'xa-tran-phu', name: 'UBND xã Trần Phú' });
    });

    it('answers an unknown commune with a 404 in Vietnamese (API error shape, HTML page), and an inactive one too', async () => {
      for (const path of ['/api/communes/xa-khong-co/procedures/dang-ky-lai-ket-hon', '/api/communes/xa-khong-co/profile']) {
        const res = await get(path);
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Không có xã, phường này trong hệ thống.' } });
      }
      const page = await get('/c/xa-khong-co/thu-tuc/dang-ky-lai-ket-hon');
      expect(page.status).toBe(404);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('Không có xã, phường này trong hệ thống.');

      await h.app.database.db.updateTable('communes').set({ active: 0 }).where('id', '=', 'xa-dong-cli').execute();
      await h.app.communes.reload();
      expect((await get('/api/communes/xa-dong-cli/procedures/dang-ky-lai-ket-hon')).status).toBe(404);
      expect((await get('/c/xa-dong-cli/thu-tuc/dang-ky-lai-ket-hon')).status).toBe(404);
    });

    it('refuses a bad id, a bad hotline and a duplicate with Vietnamese messages on the fields', async () => {
      const bad = await province.call('POST', '/api/admin/communes', { id: 'Xã Mới', name: 'UBND xã Mới', provinceId: 'hai-phong', oaId: '5550000000000000703', hotline: 'gọi tôi' });
      expect(bad.status).toBe(400);
      const badFields = ((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields;
      expect(badFields.id ?? badFields.hotline).toBeTruthy();
      expect(badFields.hotline ?? '').toMatch(/Số điện thoại/);
      const twice = await province.call('POST', '/api/admin/communes', { id: 'xa-tan-tien', name: 'UBND xã Tân Tiến 2', provinceId: 'hai-phong', oaId: '5550000000000000704' });
      expect(twice.status).toBe(409);
      const error = ((await twice.json()) as { error: { message: string; fields: Record<string, string> } }).error;
      expect(error.message).toBe('Đã có xã với mã "xa-tan-tien".');
      expect(error.fields.id).toContain('UBND xã Tân Tiến');
    });
  });
}
