import { randomUUID } from 'node:crypto';
import type { Executor } from '../store/database.js';
import type { AnnouncementsTable, AnnouncementStatus } from '../store/schema.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../errors.js';
import type { StaffPrincipal } from '../staff/roles.js';

export type AnnouncementRow = AnnouncementsTable;

export interface AnnouncementInput {
  title: string;
  summary: string;
  body: string;
  topic: string;
  linkUrl?: string | null;
  imageUrl?: string | null;
}

async function load(db: Executor, id: string): Promise<AnnouncementRow> {
  const row = await db.selectFrom('announcements').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Không tìm thấy tin này.');
  return row;
}

/**
 * Moves an announcement from one of `from` to `to`, atomically: if someone else changed it
 * meanwhile, the update matches nothing and the caller gets a Conflict instead of a lost update.
 */
async function transition(db: Executor, row: AnnouncementRow, from: AnnouncementStatus[], to: AnnouncementStatus, now: Date, extra: Partial<AnnouncementRow> = {}) {
  if (!from.includes(row.status)) throw new Conflict(`Tin đang ở trạng thái "${STATUS_LABELS[row.status]}", không thể thực hiện thao tác này.`);
  const result = await db
    .updateTable('announcements')
    .set({ ...extra, status: to, updated_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Conflict('Tin vừa được người khác thay đổi, vui lòng tải lại.');
  return load(db, row.id);
}

export const STATUS_LABELS: Record<AnnouncementStatus, string> = {
  draft: 'Bản nháp',
  submitted: 'Chờ duyệt',
  approved: 'Đã duyệt',
  rejected: 'Bị trả lại',
  scheduled: 'Đã hẹn giờ',
  sending: 'Đang gửi',
  sent: 'Đã gửi',
  cancelled: 'Đã hủy',
};

const isAdmin = (s: StaffPrincipal) => s.roles.includes('admin');

export async function createDraft(db: Executor, author: StaffPrincipal, input: AnnouncementInput, now: Date, communeId: string) {
  const id = randomUUID();
  await db
    .insertInto('announcements')
    .values({
      id,
      commune_id: communeId,
      title: input.title,
      summary: input.summary,
      body: input.body,
      topic: input.topic,
      link_url: input.linkUrl ?? null,
      image_url: input.imageUrl ?? null,
      status: 'draft',
      author_id: author.id,
      approver_id: null,
      reject_reason: null,
      scheduled_at: null,
      published_at: null,
      fanout_lease_until: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return load(db, id);
}

export async function editDraft(db: Executor, staff: StaffPrincipal, id: string, input: Partial<AnnouncementInput>, now: Date) {
  const row = await load(db, id);
  if (row.author_id !== staff.id && !isAdmin(staff)) throw new Forbidden('Chỉ người soạn mới sửa được tin này.');
  const set: Partial<AnnouncementRow> = {};
  if (input.title !== undefined) set.title = input.title;
  if (input.summary !== undefined) set.summary = input.summary;
  if (input.body !== undefined) set.body = input.body;
  if (input.topic !== undefined) set.topic = input.topic;
  if (input.linkUrl !== undefined) set.link_url = input.linkUrl;
  if (input.imageUrl !== undefined) set.image_url = input.imageUrl;
  // Editing a returned draft makes it a draft again: it must be approved anew.
  return transition(db, row, ['draft', 'rejected'], 'draft', now, { ...set, reject_reason: null });
}

export async function submit(db: Executor, staff: StaffPrincipal, id: string, now: Date) {
  const row = await load(db, id);
  if (row.author_id !== staff.id && !isAdmin(staff)) throw new Forbidden('Chỉ người soạn mới gửi duyệt được tin này.');
  return transition(db, row, ['draft', 'rejected'], 'submitted', now);
}

/** The second pair of eyes: the approver can never be the author, not even an admin. */
export async function approve(db: Executor, approver: StaffPrincipal, id: string, now: Date) {
  const row = await load(db, id);
  if (row.author_id === approver.id) throw new Forbidden('Người soạn tin không được tự duyệt tin của mình.');
  return transition(db, row, ['submitted'], 'approved', now, { approver_id: approver.id, reject_reason: null });
}

export async function reject(db: Executor, approver: StaffPrincipal, id: string, reason: string, now: Date) {
  const row = await load(db, id);
  if (row.author_id === approver.id) throw new Forbidden('Người soạn tin không được tự duyệt tin của mình.');
  return transition(db, row, ['submitted'], 'rejected', now, { approver_id: approver.id, reject_reason: reason });
}

export async function schedule(db: Executor, id: string, at: Date, now: Date) {
  const row = await load(db, id);
  if (at.getTime() < now.getTime() - 60_000) throw new Invalid('Thời điểm gửi đã qua.', { at: 'Vui lòng chọn thời điểm trong tương lai.' });
  return transition(db, row, ['approved', 'scheduled'], 'scheduled', now, { scheduled_at: at.toISOString() });
}

export async function cancel(db: Executor, id: string, now: Date) {
  const row = await load(db, id);
  return transition(db, row, ['draft', 'submitted', 'approved', 'rejected', 'scheduled'], 'cancelled', now);
}

export { load as loadAnnouncement };

/** The commune's announcement, or NotFound: another commune's news does not exist for its staff. */
export async function loadOwnAnnouncement(db: Executor, id: string, communeId: string): Promise<AnnouncementRow> {
  const row = await db.selectFrom('announcements').selectAll().where('id', '=', id).where('commune_id', '=', communeId).executeTakeFirst();
  if (!row) throw new NotFound('Không tìm thấy tin này.');
  return row;
}
