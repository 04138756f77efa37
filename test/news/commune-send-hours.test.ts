import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CONTENT_DIR } from '../../src/catalog/content-dir.js';
import { formatLocal } from '../../src/news/local-time.js';
import { createStaffUser } from '../../src/staff/accounts.js';
import type { Role } from '../../src/staff/roles.js';
import { newUserId, useTestApp } from '../helpers/app.js';
import { dialectCases } from '../helpers/databases.js';
import { seedFollower } from '../helpers/seed.js';
import { loginClient, type StaffClient } from '../helpers/staff.js';

/** The second bundled commune: its profile (content layer) gives it 8h–17h. */
const OWN = 'xa-an-quang';
/** The first bundled commune: no hours of its own, so NEWS_SEND_HOURS (6-20). */
const DEFAULT = 'xa-an-lao';

const draft = { title: 'Lịch tiếp công dân tháng 12', summary: 'Xã thông báo lịch tiếp công dân tháng 12.', body: 'Nội dung chi tiết.', topic: 'thong-bao-chung' };

interface SendTime {
  actualLocal: string;
  held: boolean;
  note: string | null;
}
interface HoursBody {
  from: number;
  until: number;
  source: string;
  inherited: { from: number; until: number; source: string };
}

/** Tomorrow's date in Vietnam time, as the console's date-time input gives it ("2026-12-01"). */
function tomorrowLocal(now: number): string {
  return formatLocal(new Date(now + 24 * 3600_000), false).split('/').reverse().join('-');
}

async function json<T>(res: Response, status: number): Promise<T> {
  const body = await res.text();
  expect(res.status, body).toBe(status);
  return JSON.parse(body) as T;
}

/**
 * Sending hours per commune: the commune profile's `send_hours`, a run-time setting its admin
 * changes in the console, NEWS_SEND_HOURS otherwise. The "real send time" preview, the scheduled
 * view and the fan-out's queue times use the announcement's commune's hours.
 */
for (const dialect of dialectCases()) {
  describe(`sending hours per commune (${dialect.name})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'send-hours-content-'));
    cpSync(BUNDLED_CONTENT_DIR, dir, { recursive: true });
    appendFileSync(join(dir, 'provinces', 'hai-phong', 'communes', `${OWN}.yaml`), '\nsend_hours:\n  from: 8\n  until: 17\n');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    let now = Date.now();
    const h = useTestApp({ dialect, clock: () => new Date(now), env: { CONTENT_DIR: dir, NEWS_SEND_HOURS: '6-20' } });
    const staff: Record<string, StaffClient> = {};

    async function staffOf(communeId: string, roles: Role[], username: string): Promise<StaffClient> {
      await createStaffUser(h.app.database.db, { username, displayName: `Cán bộ ${username}`, password: 'mat-khau-du-dai-123', roles, communeId }, new Date());
      return loginClient(h.app, username, 'mat-khau-du-dai-123');
    }

    beforeAll(async () => {
      staff.ownEditor = await staffOf(OWN, ['editor'], 'bien-tap-quang');
      staff.ownApprover = await staffOf(OWN, ['approver'], 'duyet-quang');
      staff.ownAdmin = await staffOf(OWN, ['admin'], 'quan-tri-quang');
      staff.defaultEditor = await staffOf(DEFAULT, ['editor'], 'bien-tap-lao');
    });

    const preview = async (client: StaffClient, at: string) =>
      (await json<{ sendTime: SendTime }>(await client.call('POST', '/api/admin/announcements/preview', { title: 'Tin', summary: 'Tóm tắt', at }), 200)).sendTime;

    it('reads each commune\'s hours: its profile\'s, else NEWS_SEND_HOURS', async () => {
      expect(await json<HoursBody>(await staff.ownEditor!.call('GET', '/api/admin/news/send-hours'), 200)).toMatchObject({ from: 8, until: 17, source: 'commune_profile' });
      expect(await json<HoursBody>(await staff.defaultEditor!.call('GET', '/api/admin/news/send-hours'), 200)).toMatchObject({ from: 6, until: 20, source: 'default' });
    });

    it('previews the real send time with the commune\'s own hours', async () => {
      const day = tomorrowLocal(now);
      const own = await preview(staff.ownEditor!, `${day}T07:00`);
      expect(own.held).toBe(true);
      expect(own.actualLocal).toMatch(/ 08:00$/);
      expect(own.note).toContain('(8h–17h)');
      const body = await json<{ sendHours: { from: number; until: number } }>(await staff.ownEditor!.call('POST', '/api/admin/announcements/preview', { title: 'Tin', summary: 'Tóm tắt' }), 200);
      expect(body.sendHours).toEqual({ from: 8, until: 17 });
      // 07:00 is inside the default commune's 6h–20h.
      expect((await preview(staff.defaultEditor!, `${day}T07:00`)).held).toBe(false);
    });

    it('lets the commune\'s admin set and reset its hours; others cannot; bad hours are refused in Vietnamese', async () => {
      const day = tomorrowLocal(now);
      expect((await staff.ownEditor!.call('PUT', '/api/admin/news/send-hours', { from: 5, until: 21 })).status).toBe(403);
      const wrong = await json<{ error: { fields: Record<string, string> } }>(await staff.ownAdmin!.call('PUT', '/api/admin/news/send-hours', { from: 20, until: 8 }), 400);
      expect(wrong.error.fields.until).toBe('Giờ kết thúc phải sau giờ bắt đầu.');
      const outOfDay = await json<{ error: { fields: Record<string, string> } }>(await staff.ownAdmin!.call('PUT', '/api/admin/news/send-hours', { from: 5, until: 25 }), 400);
      expect(outOfDay.error.fields.until).toBe('Giờ kết thúc từ 1 đến 24.');

      const set = await json<HoursBody>(await staff.ownAdmin!.call('PUT', '/api/admin/news/send-hours', { from: 5, until: 21 }), 200);
      expect(set).toEqual({ from: 5, until: 21, source: 'commune_setting', inherited: { from: 8, until: 17, source: 'commune_profile' } });
      expect((await preview(staff.ownEditor!, `${day}T07:00`)).held).toBe(false);
      const late = await preview(staff.ownEditor!, `${day}T20:30`);
      expect(late.held).toBe(false);
      // The other commune keeps its own hours.
      const other = await preview(staff.defaultEditor!, `${day}T20:30`);
      expect(other.held).toBe(true);
      expect(other.actualLocal).toMatch(/ 06:00$/);

      const reset = await json<HoursBody>(await staff.ownAdmin!.call('PUT', '/api/admin/news/send-hours', { reset: true }), 200);
      expect(reset).toMatchObject({ from: 8, until: 17, source: 'commune_profile' });
    });

    it('queues the commune\'s news for the start of its own hours, and shows that time on the scheduled news', async () => {
      const user = newUserId();
      // A follower of the commune who wrote an hour before the send: inside Zalo's free window.
      await seedFollower(h.app.database.db, user, new Date(now));
      await h.app.database.db.updateTable('zalo_users').set({ commune_id: OWN }).where('user_id', '=', user).execute();
      await h.app.database.db.updateTable('subscriptions').set({ commune_id: OWN }).where('user_id', '=', user).execute();

      const a = await json<{ id: string }>(await staff.ownEditor!.call('POST', '/api/admin/announcements', draft), 201);
      await json(await staff.ownEditor!.call('POST', `/api/admin/announcements/${a.id}/submit`), 200);
      await json(await staff.ownApprover!.call('POST', `/api/admin/announcements/${a.id}/approve`), 200);
      // 18:00 is inside NEWS_SEND_HOURS (6-20) but after this commune's 17h.
      const scheduled = await json<{ scheduledAt: string; sendTime: SendTime }>(
        await staff.ownApprover!.call('POST', `/api/admin/announcements/${a.id}/schedule`, { at: `${tomorrowLocal(now)}T18:00` }),
        200,
      );
      expect(scheduled.sendTime.held).toBe(true);
      expect(scheduled.sendTime.actualLocal).toMatch(/ 08:00$/);

      now = Date.parse(scheduled.scheduledAt) + 1_000;
      await h.app.database.db.updateTable('zalo_users').set({ last_interaction_at: new Date(now - 3600_000).toISOString() }).where('user_id', '=', user).execute();
      await h.app.scheduler.tick();
      const row = await h.app.database.db.selectFrom('outbound_messages').selectAll().where('dedupe_key', '=', `news:${a.id}:${user}`).executeTakeFirstOrThrow();
      expect(formatLocal(new Date(row.next_attempt_at))).toMatch(/ 08:00$/);
      expect(Date.parse(row.next_attempt_at) - Date.parse(scheduled.scheduledAt)).toBe(14 * 3600_000);
    });
  });
}
