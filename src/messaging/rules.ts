import { VN_OFFSET_MS, localHour } from '../news/local-time.js';

/**
 * Zalo's sending rules for consultation (cs) messages, in one place (reference 2026 §4, §9). Every
 * capability that decides whether, when or how long to send asks here; none keeps its own copy.
 */

/** cs messages are free up to 48 h after the resident's last interaction (no count limit since 2026-01-01). */
export const FREE_CS_WINDOW_MS = 48 * 3600_000;
/** From 48 h to 7 days a cs message is billed; after 7 days Zalo refuses it (-230/-232). */
export const CS_WINDOW_MS = 7 * 24 * 3600_000;
/** Zalo's limit for one text message, counted after NFC normalisation (reference §9). */
export const TEXT_MAX_CHARS = 2000;

/** Where a cs message sent at `at` falls: free, billed, or impossible. */
export type CsWindow = 'free' | 'paid' | 'closed';

/** The cs window at `at` for a resident whose last interaction was `lastInteraction` (none known: closed). */
export function csWindowAt(lastInteraction: Date | string | null | undefined, at: Date): CsWindow {
  if (lastInteraction === null || lastInteraction === undefined) return 'closed';
  const last = typeof lastInteraction === 'string' ? Date.parse(lastInteraction) : lastInteraction.getTime();
  if (!Number.isFinite(last)) return 'closed';
  const age = at.getTime() - last;
  if (age <= FREE_CS_WINDOW_MS) return 'free';
  return age <= CS_WINDOW_MS ? 'paid' : 'closed';
}

/**
 * Outbox purposes that must go out free: a news message chosen for the free window is not sent once
 * that window has closed (it falls back to the digest), so nobody is billed by accident. `news_paid`
 * was chosen, and counted against the commune's budget, as a billed message.
 */
const FREE_ONLY_PURPOSES = new Set(['news']);

/** Whether the outbox may still send a message of `purpose` now (checked again right before each send). */
export function sendAllowedNow(purpose: string, lastInteraction: Date | string | null | undefined, now: Date): boolean {
  const window = csWindowAt(lastInteraction, now);
  return window === 'free' || (window === 'paid' && !FREE_ONLY_PURPOSES.has(purpose));
}

/**
 * The last `offset` Zalo's `user/getlist` pages to ("about 9,951", reference §6): past it, the
 * follower list cannot be read, and followers are found on first contact instead.
 */
export const MAX_LIST_OFFSET_HINT = 9_951;

/** The commune's hours for proactive sends (news, broadcasts), local time [fromHour, untilHour). */
export interface SendingHours {
  fromHour: number;
  untilHour: number;
}

/**
 * The first instant at or after `at` that falls inside the sending hours, local time: 21:00 with
 * 6–20 → 06:00 the next morning.
 */
export function nextAllowedSendTime(at: Date, hours: SendingHours): Date {
  const hour = localHour(at);
  if (hour >= hours.fromHour && hour < hours.untilHour) return at;
  const local = new Date(at.getTime() + VN_OFFSET_MS);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const startToday = day + hours.fromHour * 3600_000 - VN_OFFSET_MS;
  return new Date(hour < hours.fromHour ? startToday : startToday + 24 * 3600_000);
}

/** "2026-11" for the Vietnam-time month of an instant: budgets and Broadcast caps reset monthly. */
export function localMonth(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 7);
}

/** "2026-11-30" for the Vietnam-time day of an instant. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant at which the Vietnam-time month of `at` began. */
export function startOfLocalMonth(at: Date): Date {
  const local = new Date(at.getTime() + VN_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - VN_OFFSET_MS);
}
