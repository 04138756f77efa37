import { randomUUID } from 'node:crypto';
import type { Executor } from '../store/database.js';
import type { PetitionChannel, PetitionStatus, PetitionsTable } from '../store/schema.js';
import { answerDeadline, vnYear } from './deadlines.js';

export type PetitionRow = PetitionsTable;

/** Statuses in which the desk still owes the resident an answer. */
export const OPEN_STATUSES: readonly PetitionStatus[] = ['received', 'in_progress'];
/** Statuses after which nothing more happens to a petition. */
export const FINAL_STATUSES: readonly PetitionStatus[] = ['closed', 'out_of_scope'];

export const STATUS_TEXT: Record<PetitionStatus, string> = {
  received: 'Đã tiếp nhận',
  in_progress: 'Đang xử lý',
  answered: 'Đã trả lời',
  closed: 'Đã hoàn tất',
  out_of_scope: 'Không thuộc phạm vi giải quyết của xã',
};

/** The code format: PA-<year>-<6 digits>, sequential per year. Matches understanding/understand's PETITION_CODE. */
export const CODE_FORMAT = /^PA-\d{4}-\d{6}$/;

export function formatCode(year: number, n: number): string {
  return `PA-${year}-${String(n).padStart(6, '0')}`;
}

export interface NewPetition {
  /** The commune it is addressed to (the OA written to, or the commune in the form's URL). */
  communeId: string;
  channel: PetitionChannel;
  /** Intake idempotency: chat:<event id> or form:<client request id>. */
  submissionKey?: string;
  category: { id: string; name: string; answerDays: number; routeTo: 'desk' | 'leadership' };
  content: string;
  attachments: string[];
  contact: { name?: string; phone?: string; address?: string };
  zaloUserId?: string;
  appUserId?: string;
  now: Date;
}

/**
 * Inserts a petition with the next code of its year. Must run inside a transaction: the counter row
 * is incremented with an upsert (`… ON CONFLICT DO UPDATE SET value = value + 1 RETURNING value`),
 * which holds that row's lock until commit on PostgreSQL and runs alone on SQLite's single writer,
 * so concurrent submissions get distinct, gap-free codes; the unique index on `code` guards the rest.
 */
export async function insertPetition(tx: Executor, p: NewPetition): Promise<PetitionRow> {
  const year = vnYear(p.now);
  const counter = await tx
    .insertInto('petition_counters')
    .values({ name: `PA-${year}`, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('petition_counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  const deadline = answerDeadline(p.now, p.category.answerDays);
  const now = p.now.toISOString();
  const row: PetitionRow = {
    id: randomUUID(),
    commune_id: p.communeId,
    code: formatCode(year, Number(counter.value)),
    channel: p.channel,
    submission_key: p.submissionKey ?? null,
    category: p.category.id,
    category_name: p.category.name,
    content: p.content,
    attachments: JSON.stringify(p.attachments),
    contact_name: p.contact.name ?? null,
    contact_phone: p.contact.phone ?? null,
    contact_address: p.contact.address ?? null,
    zalo_user_id: p.zaloUserId ?? null,
    app_user_id: p.appUserId ?? null,
    status: 'received',
    assignee_id: null,
    due_date: deadline.date,
    due_at: deadline.endsAt.toISOString(),
    out_of_scope_reason: null,
    public_summary: null,
    public_answer: null,
    published_at: null,
    rating: null,
    rated_at: null,
    created_at: now,
    updated_at: now,
    answered_at: null,
    closed_at: null,
    handled_by: p.category.routeTo,
  };
  await tx.insertInto('petitions').values(row).execute();
  return row;
}

/** A commune's petition by code: another commune's code is not found. */
export async function findByCode(db: Executor, code: string, communeId: string): Promise<PetitionRow | undefined> {
  return db.selectFrom('petitions').selectAll().where('code', '=', code.toUpperCase()).where('commune_id', '=', communeId).executeTakeFirst();
}

export async function findBySubmissionKey(db: Executor, key: string, communeId: string): Promise<PetitionRow | undefined> {
  return db.selectFrom('petitions').selectAll().where('submission_key', '=', key).where('commune_id', '=', communeId).executeTakeFirst();
}

/** A commune's petition by id or by code (the console links by code, the API answers with ids). */
export async function findPetition(db: Executor, idOrCode: string, communeId: string): Promise<PetitionRow | undefined> {
  if (CODE_FORMAT.test(idOrCode.toUpperCase())) return findByCode(db, idOrCode, communeId);
  return db.selectFrom('petitions').selectAll().where('id', '=', idOrCode).where('commune_id', '=', communeId).executeTakeFirst();
}

export async function updatePetition(db: Executor, id: string, set: Partial<PetitionRow>, now: Date): Promise<void> {
  await db.updateTable('petitions').set({ ...set, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** A resident's petitions: by OA user (chat) or app-scoped user (Mini App, and chat events carry it too). */
export async function petitionsOfResident(db: Executor, who: { zaloUserId?: string; appUserId?: string }, communeId: string, limit = 10): Promise<PetitionRow[]> {
  if (!who.zaloUserId && !who.appUserId) return [];
  return db
    .selectFrom('petitions')
    .selectAll()
    .where('commune_id', '=', communeId)
    .where((eb) =>
      eb.or([
        ...(who.zaloUserId ? [eb('zalo_user_id', '=', who.zaloUserId)] : []),
        ...(who.appUserId ? [eb('app_user_id', '=', who.appUserId)] : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Whether this resident owns the petition: same OA user, or same verified app-scoped user. */
export function isOwner(p: PetitionRow, who: { zaloUserId?: string | undefined; appUserId?: string | undefined }): boolean {
  return Boolean((who.zaloUserId && p.zalo_user_id === who.zaloUserId) || (who.appUserId && p.app_user_id === who.appUserId));
}

export interface PetitionFilter {
  communeId: string;
  status?: PetitionStatus[];
  category?: string;
  overdue?: boolean;
  /** A staff id, or null for unassigned. */
  assignee?: string | null;
  code?: string;
  /** Only petitions handled by this part of the commune (a desk clerk never sees complaints about the desk). */
  handledBy?: 'desk' | 'leadership';
  limit: number;
  offset: number;
}

/** The desk's list, newest first, with the total for paging. */
export async function listPetitions(db: Executor, f: PetitionFilter, now: Date): Promise<{ rows: PetitionRow[]; total: number }> {
  let q = db.selectFrom('petitions').where('commune_id', '=', f.communeId);
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.category) q = q.where('category', '=', f.category);
  if (f.handledBy) q = q.where('handled_by', '=', f.handledBy);
  if (f.assignee === null) q = q.where('assignee_id', 'is', null);
  else if (f.assignee !== undefined) q = q.where('assignee_id', '=', f.assignee);
  if (f.code) q = q.where('code', 'like', `${f.code.toUpperCase().replace(/[%_]/g, '')}%`);
  if (f.overdue !== undefined) {
    const n = now.toISOString();
    q = f.overdue
      ? q.where('status', 'in', OPEN_STATUSES).where('due_at', '<=', n)
      : q.where((eb) => eb.or([eb('status', 'not in', OPEN_STATUSES), eb('due_at', '>', n)]));
  }
  const total = await q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('created_at', 'desc').orderBy('code', 'desc').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(total.n) };
}
