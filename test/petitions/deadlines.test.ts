import { describe, expect, it } from 'vitest';
import { answerDeadline, formatDate, formatInstant, isOverdue, vnDate, vnYear } from '../../src/petitions/deadlines.js';
import { formatCode } from '../../src/petitions/repo.js';
import { readPetitionSettings } from '../../src/petitions/settings.js';
import { displayPhone } from '../../src/petitions/texts.js';
import { DOSSIER_CODE } from '../../src/petitions/categories.js';
import { PETITION_CODE } from '../../src/understanding/understand.js';
import { MENU } from '../../src/chat/lifecycle.js';
import { PAYLOAD, START_PAYLOAD } from '../../src/petitions/texts.js';

describe('deadlines in Vietnam time', () => {
  it('counts working days from the day after submission, skipping weekends', () => {
    // Monday 2 March 2026, 09:00 in Vietnam.
    expect(answerDeadline(new Date('2026-03-02T02:00:00Z'), 10).date).toBe('2026-03-16');
    // Friday afternoon → the count starts on Monday.
    expect(answerDeadline(new Date('2026-03-06T09:00:00Z'), 1).date).toBe('2026-03-09');
    // Saturday and Sunday submissions land on the same day.
    expect(answerDeadline(new Date('2026-03-07T03:00:00Z'), 15).date).toBe(answerDeadline(new Date('2026-03-08T03:00:00Z'), 15).date);
  });

  it('uses the Vietnamese calendar day, not the UTC one', () => {
    // 23:30 UTC on Sunday is 06:30 on Monday in Vietnam.
    const at = new Date('2026-03-01T23:30:00Z');
    expect(vnDate(at)).toBe('2026-03-02');
    expect(answerDeadline(at, 1).date).toBe('2026-03-03');
    expect(vnYear(new Date('2025-12-31T17:30:00Z'))).toBe(2026);
  });

  it('ends the deadline at midnight Vietnam time, and only open petitions are overdue', () => {
    const d = answerDeadline(new Date('2026-03-02T02:00:00Z'), 10);
    expect(d.endsAt.toISOString()).toBe('2026-03-16T17:00:00.000Z');
    const p = { status: 'received', due_at: d.endsAt.toISOString() };
    expect(isOverdue(p, new Date('2026-03-16T16:59:59Z'))).toBe(false);
    expect(isOverdue(p, new Date('2026-03-16T17:00:00Z'))).toBe(true);
    expect(isOverdue({ ...p, status: 'answered' }, new Date('2026-04-01T00:00:00Z'))).toBe(false);
  });

  it('formats dates as dd/mm/yyyy', () => {
    expect(formatDate('2026-03-16')).toBe('16/03/2026');
    expect(formatInstant(new Date('2026-03-16T07:05:00Z'))).toBe('14:05 16/03/2026');
  });
});

describe('codes, phones and settings', () => {
  it('writes codes the assistant recognises', () => {
    expect(formatCode(2026, 123)).toBe('PA-2026-000123');
    expect(PETITION_CODE.exec(`tra cứu ${formatCode(2026, 7)}`)?.[0]).toBe('PA-2026-000007');
    expect(DOSSIER_CODE.test('000.00.12.H12-250101-0001')).toBe(true);
    expect(DOSSIER_CODE.test('PA-2026-000123')).toBe(false);
  });

  it('starts on the menu\'s "Gửi phản ánh" button, and its own payloads fit Zalo', () => {
    expect(START_PAYLOAD).toBe(MENU.feedback);
    for (const p of Object.values(PAYLOAD)) expect(p.startsWith('#pa-')).toBe(true);
  });

  it('shows phones shared by Zalo in the local form', () => {
    expect(displayPhone('84912345678')).toBe('0912345678');
    expect(displayPhone('0912 345 678')).toBe('0912345678');
  });

  it('reads PETITION_* settings with defaults and rejects nonsense', () => {
    const d = readPetitionSettings({});
    expect(d).toMatchObject({ remindAfterMs: 30 * 60_000, draftLifetimeMs: 24 * 3_600_000, formLimitPerIp: 20, formLimitPerUser: 5, summaryCron: '0 7 * * 1-5' });
    expect(readPetitionSettings({ PETITION_REMIND_MINUTES: '' }).remindAfterMs).toBe(30 * 60_000);
    expect(() => readPetitionSettings({ PETITION_DRAFT_HOURS: 'abc' })).toThrow(/PETITION_DRAFT_HOURS/);
    expect(() => readPetitionSettings({ PETITION_REMIND_MINUTES: '120', PETITION_DRAFT_HOURS: '1' })).toThrow(/shorter/);
  });
});
