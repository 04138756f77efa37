import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanDeep, cleanText, hasControlChars } from '../../src/text/control-chars.js';
import { dialectCases } from '../helpers/databases.js';
import { newUserId, sendAndAwaitReplies, textEvent, textsOf, useTestApp } from '../helpers/app.js';
import { staffClient, type StaffClient } from '../helpers/staff.js';

const NUL = '\u0000';

describe('cleaning control characters', () => {
  it('removes NUL and the other C0 controls and DEL, keeps tabs and line breaks', () => {
    expect(cleanText(`dang ky${NUL} ket\u0007 hon\u007f`)).toBe('dang ky ket hon');
    expect(cleanText('dòng 1\r\ndòng 2\tcột')).toBe('dòng 1\r\ndòng 2\tcột');
    expect(cleanText('Đăng ký kết hôn 👰')).toBe('Đăng ký kết hôn 👰');
  });

  it('leaves no control character in any string, is idempotent, and keeps everything else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const cleaned = cleanText(text);
        expect(hasControlChars(cleaned)).toBe(false);
        expect(cleanText(cleaned)).toBe(cleaned);
        const kept = [...text].filter((ch) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(ch)).join('');
        expect(cleaned).toBe(kept);
      }),
    );
  });

  it('cleans nested data, keys included, without turning "__proto__" into a prototype', () => {
    const escaped = '\\u0000';
    const parsed = JSON.parse(`{"a${escaped}":["x${escaped}",{"b":"y${escaped}"}],"n":1,"t":true,"z":null,"__proto__":{"polluted":"yes"}}`);
    const cleaned = cleanDeep(parsed);
    expect(cleaned).toEqual({ a: ['x', { b: 'y' }], n: 1, t: true, z: null, ['__proto__']: { polluted: 'yes' } });
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

for (const dialect of dialectCases()) {
  describe(`control characters at the boundary (${dialect.name})`, () => {
    const h = useTestApp({ dialect });
    let admin: StaffClient;
    let editor: StaffClient;

    beforeAll(async () => {
      admin = await staffClient(h.app, ['admin']);
      editor = await staffClient(h.app, ['editor']);
    });

    it('answers a chat message holding a NUL, and stores the question without it', async () => {
      const user = newUserId();
      const texts = textsOf(await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, user, `đăng ký${NUL} kết hôn`)));
      expect(texts[0]).toContain('Đăng ký kết hôn');
      const event = await h.app.database.db.selectFrom('inbound_events').select(['status', 'attempts']).where('user_id', '=', user).executeTakeFirstOrThrow();
      expect(event).toMatchObject({ status: 'done' });
      const questions = await h.app.database.db.selectFrom('questions').select('text').where('text', 'like', '%kết hôn%').execute();
      expect(questions.map((q) => q.text)).toContain('đăng ký kết hôn');
      // The next message of the same resident is not held up behind a failing event.
      const next = textsOf(await sendAndAwaitReplies(h.app, h.sandbox, textEvent(h.sandbox, user, 'đăng ký khai sinh')));
      expect(next[0]).toContain('Đăng ký khai sinh');
    });

    it('takes a petition form with NULs in its fields (201, cleaned), never a 500', async () => {
      const res = await fetch(`${h.app.url}/api/petitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          category: 'thai-do-phuc-vu',
          content: `Cán bộ${NUL} tiếp nhận hồ sơ yêu cầu nộp thêm giấy tờ không có trong quy định.`,
          name: `Phạm${NUL} Thị Dung`,
          address: `Thôn 3${NUL}`,
          phone: '0912345678',
        }),
      });
      expect(res.status).toBe(201);
      const { code } = (await res.json()) as { code: string };
      const row = await h.app.database.db.selectFrom('petitions').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
      expect(row.content).toBe('Cán bộ tiếp nhận hồ sơ yêu cầu nộp thêm giấy tờ không có trong quy định.');
      expect(row.contact_name).toBe('Phạm Thị Dung');
      expect(row.contact_address).toBe('Thôn 3');
    });

    it('answers a NUL in a path with 400, and in a query string as if it were not there', async () => {
      const lookup = await fetch(`${h.app.url}/api/petitions/PA-2026-000001%00`);
      expect(lookup.status).toBe(400);
      expect(((await lookup.json()) as { error: { message: string } }).error.message).toBe('Địa chỉ có ký tự không hợp lệ.');
      expect((await admin.call('GET', '/api/admin/petitions/%00')).status).toBe(400);
      const search = await fetch(`${h.app.url}/api/procedures?q=ket%00%20hon`);
      expect(search.status).toBe(200);
      expect((await fetch(`${h.app.url}/api/petitions/public?category=%00`)).status).toBeLessThan(500);
    });

    it('stores a staff JSON body with NULs cleaned', async () => {
      const res = await editor.call('POST', '/api/admin/announcements', { title: `Lịch${NUL} tiếp dân`, summary: `Tóm${NUL} tắt`, body: `Nội${NUL} dung`, topic: 'thong-bao-chung' });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      const row = await h.app.database.db.selectFrom('announcements').select(['title', 'summary', 'body']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ title: 'Lịch tiếp dân', summary: 'Tóm tắt', body: 'Nội dung' });
    });

    it('never answers 500 to a NUL in any field or query of any staff route', async () => {
      const poisoned = (v: string) => `${v}${NUL}`;
      const body = {
        title: poisoned('Tiêu đề'), summary: poisoned('Tóm tắt'), body: poisoned('Nội dung'), topic: poisoned('thong-bao-chung'),
        text: poisoned('Trả lời'), note: poisoned('Ghi chú'), reason: poisoned('Lý do'), username: poisoned('can.bo'),
        displayName: poisoned('Cán bộ'), password: poisoned('cay-cau-go-ben-song-9'), roles: [poisoned('desk')], signature: poisoned('x'),
        procedureId: poisoned('dang-ky-ket-hon'), at: poisoned('2026-12-01T08:00'), assigneeId: poisoned('x'), status: poisoned('received'),
      };
      const concrete = (path: string) => path.replace(/:[a-zA-Z]+/g, 'khong-co-id');
      for (const r of h.app.staffRoutes) {
        const query = '?q=%00&status=%00&from=2026-01-01%00&to=2026-06-30&format=json%00';
        const res = await admin.call(r.method.toUpperCase(), `${concrete(r.path)}${r.method === 'get' ? query : ''}`, r.method === 'get' ? undefined : body);
        expect(res.status, `${r.method} ${r.path}`).toBeLessThan(500);
      }
    });
  });
}
