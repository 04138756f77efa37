import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZaloSandbox, type ZaloSandbox } from '../../src/zalo/sandbox.js';
import type { RunningApp } from '../../src/main.js';
import { createSqliteTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { LogCapture } from '../helpers/app.js';
import { staffClient } from '../helpers/staff.js';
import { TestClock, exchange, newResident, startPetitionApp, submitInfoFrom, textFrom } from '../petitions/helpers.js';

// What residents wrote and shared; none of it may reach the logs.
const NAME = 'Trần Thị Bích Hạnh';
const PHONE = '0987 654 321';
const ADDRESS = 'xóm Bãi Sậy';
const PETITION_TEXT = 'Cống thoát nước trước nhà văn hóa bị vỡ từ tháng trước';
const QUESTION_WITH_PHONE = 'số tôi là 0987654321, làm giấy khai sinh cho cháu thế nào';

describe('the logs of a full run', () => {
  let sandbox: ZaloSandbox;
  let target: TestDatabase;
  let app: RunningApp;
  const logs = new LogCapture();
  const clock = new TestClock();

  beforeAll(async () => {
    sandbox = await startZaloSandbox();
    target = await createSqliteTestDatabase();
    app = await startPetitionApp({ sandbox, databaseUrl: target.url, clock, logs });
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await target?.cleanup();
  });

  it('hold no phone numbers, names, addresses, petition or question text', async () => {
    // Chat: a question, then a petition with contact details shared through Zalo.
    const r = newResident();
    await exchange(app, sandbox, textFrom(sandbox, r, QUESTION_WITH_PHONE, clock));
    await exchange(app, sandbox, textFrom(sandbox, r, '#phan-anh', clock));
    await exchange(app, sandbox, textFrom(sandbox, r, '#pa-loai ha-tang-moi-truong', clock));
    await exchange(app, sandbox, textFrom(sandbox, r, PETITION_TEXT, clock));
    await exchange(app, sandbox, textFrom(sandbox, r, '#pa-xong', clock));
    await exchange(app, sandbox, submitInfoFrom(sandbox, r, { name: NAME, phone: '84987654321', address: ADDRESS }, clock));
    const done = await exchange(app, sandbox, textFrom(sandbox, r, '#pa-gui', clock));
    const chatCode = /PA-\d{4}-\d{6}/.exec(done[0]!.text)![0];

    // Form: the same person through the Mini App form, and a bad submission.
    const form = await fetch(`${app.url}/api/petitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'thu-tuc-hanh-chinh', content: `${PETITION_TEXT} (gửi qua Mini App)`, name: NAME, phone: PHONE, address: ADDRESS }),
    });
    expect(form.status).toBe(201);
    const bad = await fetch(`${app.url}/api/petitions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ category: 'x', content: NAME, phone: 'abc' }) });
    expect(bad.status).toBe(400);

    // Staff: the desk reads, replies, publishes, closes; an admin looks at the users.
    const desk = await staffClient(app, ['desk']);
    const full = (await (await desk.call('GET', `/api/admin/petitions/${chatCode}`)).json()) as { id: string };
    expect((await desk.call('POST', `/api/admin/petitions/${full.id}/replies`, { text: `Kính gửi bà ${NAME}, xã đã cử người sửa cống.` })).status).toBe(200);
    expect((await desk.call('POST', `/api/admin/petitions/${full.id}/publish`, { summary: 'Cống thoát nước bị vỡ.', answer: 'Xã đã sửa cống.' })).status).toBe(200);
    expect((await desk.call('POST', `/api/admin/petitions/${full.id}/close`, {})).status).toBe(200);
    const admin = await staffClient(app, ['admin']);
    expect((await admin.call('GET', '/api/admin/users')).status).toBe(200);
    await new Promise((res) => setTimeout(res, 500));

    const text = logs.lines.join('\n');
    expect(logs.lines.length).toBeGreaterThan(5);
    for (const secret of [NAME, 'Bích Hạnh', ADDRESS, PETITION_TEXT.slice(0, 30), '987654321', '987 654 321', 'làm giấy khai sinh cho cháu']) {
      expect(text, secret).not.toContain(secret);
    }
    // No Vietnamese phone-number shapes at all.
    expect(text).not.toMatch(/(?<!\d)(?:\+?84|0)\d{9}(?!\d)/);
    for (const line of logs.lines) expect(() => JSON.parse(line)).not.toThrow();
  });
});
