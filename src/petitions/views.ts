import type { Executor } from '../store/database.js';
import type { PetitionReplyDelivery } from '../store/schema.js';
import { formatDate, isOverdue } from './deadlines.js';
import { STATUS_TEXT, type PetitionRow } from './repo.js';
import { displayPhone } from './texts.js';
import { historyText } from './history.js';

/**
 * The JSON shapes of the API, built in one place so that what is public, what the owner sees and
 * what the desk sees cannot drift. Personal data (content, attachments, contact) appears only in
 * `ownerFields` and `deskDetail`.
 */

export interface DeadlineView {
  /** "2026-03-16" (Vietnam calendar date). */
  date: string;
  /** "16/03/2026". */
  text: string;
}

function deadline(p: PetitionRow): DeadlineView {
  return { date: p.due_date, text: formatDate(p.due_date) };
}

/** What anyone with the code may read. */
export function publicView(p: PetitionRow, now: Date) {
  return {
    kind: 'petition' as const,
    code: p.code,
    category: { id: p.category, name: p.category_name },
    status: p.status,
    statusText: STATUS_TEXT[p.status],
    submittedAt: p.created_at,
    deadline: deadline(p),
    overdue: isOverdue(p, now),
    answeredAt: p.answered_at,
    closedAt: p.closed_at,
    published: p.published_at ? { summary: p.public_summary, answer: p.public_answer, publishedAt: p.published_at } : null,
  };
}

export interface ResidentReplyView {
  kind: 'reply' | 'out_of_scope';
  text: string;
  at: string;
}

/** What the petition's own resident reads in addition. */
export function ownerFields(p: PetitionRow, replies: ResidentReplyView[]) {
  return {
    content: p.content,
    images: JSON.parse(p.attachments) as string[],
    contact: contactView(p),
    replies,
    outOfScopeReason: p.out_of_scope_reason,
  };
}

function contactView(p: PetitionRow) {
  if (!p.contact_name && !p.contact_phone && !p.contact_address) return null;
  return { name: p.contact_name, phone: p.contact_phone && displayPhone(p.contact_phone), address: p.contact_address };
}

/** An item of GET /api/petitions/public: the staff-written, anonymised summary and answer only. */
export function publishedItem(p: PetitionRow) {
  return {
    code: p.code,
    category: { id: p.category, name: p.category_name },
    summary: p.public_summary,
    answer: p.public_answer,
    submittedAt: p.created_at,
    answeredAt: p.answered_at,
    publishedAt: p.published_at,
  };
}

export interface StaffRef {
  id: string;
  displayName: string;
}

/** A row of the desk's list: no personal data (opening a petition is the audited read). */
export function deskListItem(p: PetitionRow, assignee: StaffRef | null, now: Date) {
  return {
    id: p.id,
    code: p.code,
    channel: p.channel,
    category: { id: p.category, name: p.category_name },
    status: p.status,
    statusText: STATUS_TEXT[p.status],
    submittedAt: p.created_at,
    updatedAt: p.updated_at,
    deadline: deadline(p),
    overdue: isOverdue(p, now),
    assignee,
    answeredAt: p.answered_at,
    closedAt: p.closed_at,
    published: p.published_at !== null,
    rating: p.rating,
  };
}

function parseDetails(raw: string | null): Record<string, unknown> {
  try {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export type ReplyDeliveryView = PetitionReplyDelivery | 'sent' | 'outside_window' | 'failed';

/** Everything about one petition, for desk and admin. */
export async function deskDetail(db: Executor, p: PetitionRow, now: Date, legalSource: string | undefined) {
  const staff = new Map(
    (await db.selectFrom('staff_users').select(['id', 'display_name']).execute()).map((s) => [s.id, { id: s.id, displayName: s.display_name }]),
  );
  const ref = (id: string | null): StaffRef | null => (id ? (staff.get(id) ?? { id, displayName: '(tài khoản đã xóa)' }) : null);
  const notes = await db.selectFrom('petition_notes').selectAll().where('petition_id', '=', p.id).orderBy('created_at').execute();
  const replies = await db
    .selectFrom('petition_replies as r')
    .leftJoin('outbound_messages as m', 'm.dedupe_key', 'r.outbox_key')
    .select(['r.id', 'r.author_id', 'r.kind', 'r.text', 'r.delivery', 'r.delivered_at', 'r.created_at', 'm.status as outbox_status', 'm.sent_at'])
    .where('r.petition_id', '=', p.id)
    .orderBy('r.created_at')
    .execute();
  const history = await db
    .selectFrom('audit_log')
    .select(['actor_id', 'actor_username', 'action', 'details', 'at'])
    .where('target_type', '=', 'petition')
    .where('target_id', '=', p.id)
    .where('action', '!=', 'petition.read')
    .orderBy('at')
    .execute();
  return {
    ...deskListItem(p, ref(p.assignee_id), now),
    ...ownerFields(p, []),
    replies: replies.map((r) => ({
      id: r.id,
      kind: r.kind,
      author: ref(r.author_id),
      text: r.text,
      at: r.created_at,
      delivery: deliveryOf(r.delivery, r.outbox_status),
      deliveredAt: r.delivered_at ?? r.sent_at ?? null,
    })),
    notes: notes.map((n) => ({ id: n.id, author: ref(n.author_id), text: n.text, at: n.created_at })),
    zaloLinked: p.zalo_user_id !== null,
    appLinked: p.app_user_id !== null,
    legalSource: legalSource ?? null,
    publicSummary: p.public_summary,
    publicAnswer: p.public_answer,
    publishedAt: p.published_at,
    ratedAt: p.rated_at,
    history: history.map((h) => ({
      at: h.at,
      action: h.action,
      actor: h.actor_id ? { id: h.actor_id, username: h.actor_username } : null,
      text: historyText(
        { action: h.action, actorName: h.actor_id ? (ref(h.actor_id)?.displayName ?? h.actor_username) : null, details: parseDetails(h.details) },
        (id) => staff.get(id)?.displayName,
      ),
    })),
  };
}

/** A queued reply's state follows its outbox row: sent, still queued, held for the next message, failed. */
function deliveryOf(delivery: PetitionReplyDelivery, outbox: string | null): ReplyDeliveryView {
  if (delivery !== 'queued') return delivery;
  if (outbox === 'sent') return 'sent';
  if (outbox === 'outside_window' || outbox === 'cancelled') return 'awaiting_interaction';
  if (outbox === 'failed') return 'failed';
  return 'queued';
}
