import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { RunningApp } from '../../src/main.js';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';
import { sleep, waitFor } from '../helpers/app.js';
import { exchange, newResident, sentTo, startPetitionApp, textFrom, TestClock } from './helpers.js';

const MINUTE = 60_000;

for (const dialect of dialectCases()) {
  describe(`quiet chat drafts (${dialect.name})`, () => {
    let sandbox: ZaloSandbox;
    let target: TestDatabase;
    let app: RunningApp;
    const clock = new TestClock();

    beforeAll(async () => {
      sandbox = await startZaloSandbox();
      target = await dialect.create();
      // PETITION_* settings come from the environment: 20 minutes, then 2 hours.
      process.env.PETITION_REMIND_MINUTES = '20';
      process.env.PETITION_DRAFT_HOURS = '2';
      try {
        app = await startPetitionApp({ sandbox, databaseUrl: target.url, clock });
      } finally {
        delete process.env.PETITION_REMIND_MINUTES;
        delete process.env.PETITION_DRAFT_HOURS;
      }
    });
    afterAll(async () => {
      await app?.close();
      await sandbox?.close();
      await target?.cleanup();
    });
    afterEach(() => clock.reset());

    const reminders = (userId: string) => sentTo(sandbox, userId).filter((m) => m.text.includes('đang soạn dở một phản ánh gửi xã'));
    const expiries = (userId: string) => sentTo(sandbox, userId).filter((m) => m.text.includes('đã xóa bản nháp'));

    it('reminds a resident who went quiet mid-flow, once', async () => {
      const r = newResident();
      await exchange(app, sandbox, textFrom(sandbox, r, '#phan-anh', clock));
      await exchange(app, sandbox, textFrom(sandbox, r, '#pa-loai khac', clock));
      clock.advance(10 * MINUTE);
      await app.scheduler.tick();
      await sleep(300);
      expect(reminders(r.userId)).toHaveLength(0);

      clock.advance(11 * MINUTE);
      await app.scheduler.tick();
      const reminder = await waitFor(() => reminders(r.userId)[0], 10_000, 'reminder');
      expect(reminder.payloads).toEqual(['#pa-tiep', '#pa-huy']);
      expect(reminder.text).toMatch(/Bản nháp được giữ đến \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);

      clock.advance(30 * MINUTE);
      await app.scheduler.tick();
      await app.scheduler.tick();
      await sleep(300);
      expect(reminders(r.userId)).toHaveLength(1);

      // The resident comes back: the draft is where they left it.
      const resumed = await exchange(app, sandbox, textFrom(sandbox, r, '#pa-tiep', clock));
      expect(resumed[0]!.text).toContain('loại phản ánh: Khác');
    });

    it('drops a draft after the configured time and tells the resident once', async () => {
      const r = newResident();
      await exchange(app, sandbox, textFrom(sandbox, r, '#phan-anh', clock));
      await exchange(app, sandbox, textFrom(sandbox, r, '#pa-loai thu-tuc-hanh-chinh', clock));
      await exchange(app, sandbox, textFrom(sandbox, r, 'Bộ phận một cửa hẹn đi hẹn lại hồ sơ của tôi', clock));
      clock.advance(2 * 60 * MINUTE + MINUTE);
      await app.scheduler.tick();
      const expired = await waitFor(() => expiries(r.userId)[0], 10_000, 'expiry notice');
      expect(expired.payloads).toEqual(['#phan-anh']);
      await app.scheduler.tick();
      await sleep(300);
      expect(expiries(r.userId)).toHaveLength(1);
      // Quiet past the reminder time as well, but the expiry came first: no reminder for a dropped draft.
      expect(reminders(r.userId)).toHaveLength(0);

      const user = await app.database.db.selectFrom('zalo_users').select('state').where('user_id', '=', r.userId).executeTakeFirstOrThrow();
      expect(JSON.parse(user.state!).flow).toBeUndefined();
      expect(await app.database.db.selectFrom('petition_drafts').selectAll().where('user_id', '=', r.userId).execute()).toHaveLength(0);
      expect(await app.database.db.selectFrom('petitions').select('id').where('zalo_user_id', '=', r.userId).execute()).toHaveLength(0);

      // "Xong" now is an ordinary message again, not a step of a draft.
      const after = await exchange(app, sandbox, textFrom(sandbox, r, '#pa-xong', clock));
      expect(after.some((m) => m.kind === 'request_user_info')).toBe(false);
      expect(after[0]!.text).toContain('không có phản ánh nào đang soạn');
    });
  });
}
