import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CONTENT_DIR } from '../../src/catalog/content-dir.js';
import { dialectCases } from '../helpers/databases.js';
import { useTestApp, waitFor } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';
import { exchange, json, newResident, sentTo, textFrom, TestClock, type Resident } from '../petitions/helpers.js';

const DAY = 86_400_000;

for (const dialect of dialectCases()) {
  describe(`change alerts (${dialect.name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'alerts-content-'));
    cpSync(BUNDLED_CONTENT_DIR, dir, { recursive: true });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const clock = new TestClock();
    const h = useTestApp({ dialect, clock: clock.now, env: { CONTENT_DIR: dir, PUBLIC_BASE_URL: 'https://xa.example.vn' } });
    const procedureFile = join(dir, 'procedures', 'dang-ky-ket-hon.md');

    const ask = (r: Resident, text: string) => exchange(h.app, h.sandbox, textFrom(h.sandbox, r, text, clock));
    const alertsTo = (r: Resident) => sentTo(h.sandbox, r.userId).filter((m) => m.text.includes('được cập nhật'));

    beforeAll(async () => {
      const count = h.app.catalog.current.content.procedures.length;
      // The first version of the catalog is the baseline (nobody is told about it).
      await waitFor(async () => Number((await h.app.database.db.selectFrom('procedure_fingerprints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n) === count, 15_000, 'baseline');
    });

    it('residents who asked in the last 30 days are told once: now inside the free window, else with their next message', async () => {
      const longAgo = newResident();
      clock.advance(-31 * DAY);
      await ask(longAgo, 'đăng ký kết hôn cần giấy tờ gì');
      clock.reset();
      const quiet = newResident();
      await ask(quiet, 'đăng ký kết hôn cần giấy tờ gì');
      const other = newResident();
      clock.advance(3 * DAY);
      const recent = newResident();
      await ask(recent, 'đăng ký kết hôn cần giấy tờ gì');
      await ask(other, 'làm giấy khai sinh cho con cần gì');

      // Signed in on the moved clock (a session from three days earlier would have expired).
      const admin = await staffClient(h.app, ['admin']);
      const before = readFileSync(procedureFile, 'utf8');
      writeFileSync(procedureFile, before.replace(/^fee: .*$/m, 'fee: 50.000 đồng (ví dụ thử nghiệm)'));
      const res = await admin.call('POST', '/api/admin/content/reload');
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.changes).toEqual([{ procedureId: 'dang-ky-ket-hon', changed: ['fee'], told: 1, waiting: 1 }]);

      const told = await waitFor(() => alertsTo(recent)[0], 10_000, 'alert sent');
      expect(told.text).toContain('Đăng ký kết hôn');
      expect(told.text).toContain('lệ phí');
      expect(told.text).toContain('https://xa.example.vn/thu-tuc/dang-ky-ket-hon');
      expect(alertsTo(quiet)).toEqual([]);
      expect(alertsTo(longAgo)).toEqual([]);
      expect(alertsTo(other)).toEqual([]);

      // The quiet resident writes again: told with the answer, once.
      const next = await ask(quiet, 'xin chào');
      expect(next.map((m) => m.text).join('\n')).toContain('Đăng ký kết hôn: lệ phí');
      const after = await ask(quiet, 'cảm ơn');
      expect(after.map((m) => m.text).join('\n')).not.toContain('được cập nhật');

      // Reloading the same content again tells nobody twice; a change of wording only tells nobody.
      writeFileSync(procedureFile, readFileSync(procedureFile, 'utf8').replace(/\n## /, '\nNội dung hướng dẫn được viết lại cho dễ đọc.\n\n## '));
      const same = await json(await admin.call('POST', '/api/admin/content/reload'));
      expect(same.changes).toEqual([]);
      expect(alertsTo(recent)).toHaveLength(1);

      // A later change (the time limit) is a new alert, told again.
      writeFileSync(procedureFile, readFileSync(procedureFile, 'utf8').replace(/^time_limit: .*$/m, 'time_limit: 3 ngày làm việc (ví dụ thử nghiệm)'));
      const both = await json(await admin.call('POST', '/api/admin/content/reload'));
      expect(both.changes[0]).toMatchObject({ procedureId: 'dang-ky-ket-hon', changed: ['time'] });
      await waitFor(() => alertsTo(recent).length === 2, 10_000, 'second alert');
      const fingerprint = await h.app.database.db.selectFrom('change_alerts').select('procedure_id').execute();
      expect(fingerprint).toHaveLength(2);
      clock.reset();
    });

    it('content with mistakes is not loaded, and only admins reload', async () => {
      const desk = await staffClient(h.app, ['desk']);
      const admin = await staffClient(h.app, ['admin']);
      expect((await desk.call('POST', '/api/admin/content/reload')).status).toBe(403);
      const before = readFileSync(procedureFile, 'utf8');
      writeFileSync(procedureFile, before.replace(/^fee: .*$/m, 'fee:'));
      try {
        const res = await admin.call('POST', '/api/admin/content/reload');
        expect(res.status).toBe(422);
        expect((await json(res)).error.message).toContain('danh mục cũ vẫn đang dùng');
      } finally {
        writeFileSync(procedureFile, before);
      }
    });
  });
}
