import { sql } from 'kysely';
import type { Executor } from '../store/database.js';
import type { NewsChannel } from '../store/schema.js';
import { BROADCASTS_PER_FOLLOWER_MONTH } from './broadcast-caps.js';
import type { NewsDeliverySettings } from './delivery-settings.js';
import { csWindowAt, localDay, nextAllowedSendTime, startOfLocalMonth, type SendingHours } from './rules.js';

/**
 * Which channel brings one announcement to one subscriber, decided at send time:
 *
 * 1. **Broadcast**, when this announcement is broadcast at all and the subscriber is still under
 *    the package's monthly cap. Zalo delivers a Broadcast to every follower it targets, inside the
 *    cs windows or not, so a subscriber it reaches gets nothing else (exactly once). It is used only
 *    when some subscriber is outside the free window: otherwise free cs reaches everyone.
 * 2. **Free cs** inside 48 h of the last interaction (counted at the moment the message will leave,
 *    after the sending hours and a margin for the outbox's pace).
 * 3. **Paid cs** from 48 h to 7 days, only if the commune enabled it, while this month's budget lasts.
 * 4. **Digest** otherwise: the news waits for the resident's next message.
 */
export type { NewsChannel };
export const NEWS_CHANNELS: readonly NewsChannel[] = ['cs_free', 'cs_paid', 'broadcast', 'digest'];

/** A message chosen for the free window must still be inside it when the outbox reaches it. */
export const SEND_MARGIN_MS = 15 * 60_000;

export interface NewsSubscriber {
  userId: string;
  lastInteractionAt: string | null;
  /** When we saw them follow; null for followers from before launch (assume every broadcast reached them). */
  followedAt?: string | null;
}

export interface BroadcastAvailability {
  /** The package allows it and no broadcast went out on the send day yet. */
  available: boolean;
  /** Why not, for the approver (Vietnamese). */
  reason: string | null;
  monthlyCap: number;
  /** This month's broadcasts (when they went or go out), which count against every follower's cap. */
  thisMonth: Date[];
}

export interface ChannelPlan {
  /** When the messages leave: now, or the start of the next sending hours. */
  sendAt: Date;
  paidEnabled: boolean;
  /** Paid cs messages left in this month's budget (0 when paid sending is off). */
  paidLeft: number;
  broadcast: BroadcastAvailability;
}

/** Whether Zalo would still deliver a broadcast to this subscriber this month (caps per follower). */
export function underBroadcastCap(s: NewsSubscriber, b: BroadcastAvailability): boolean {
  const followed = s.followedAt ? Date.parse(s.followedAt) : -Infinity;
  return b.thisMonth.filter((t) => t.getTime() >= followed).length < b.monthlyCap;
}

function windowAtSend(s: NewsSubscriber, plan: ChannelPlan) {
  return csWindowAt(s.lastInteractionAt, new Date(plan.sendAt.getTime() + SEND_MARGIN_MS));
}

/** Whether an announcement to these subscribers should go by Broadcast (see the order above). */
export function wantsBroadcast(subscribers: Iterable<NewsSubscriber>, plan: ChannelPlan): boolean {
  if (!plan.broadcast.available) return false;
  for (const s of subscribers) if (windowAtSend(s, plan) !== 'free' && underBroadcastCap(s, plan.broadcast)) return true;
  return false;
}

/**
 * The channel for one subscriber. `paid.left` is decremented when a paid message is chosen, so
 * one counter carried across a fan-out's batches keeps the budget.
 */
export function chooseNewsChannel(s: NewsSubscriber, plan: ChannelPlan, broadcasting: boolean, paid: { left: number }): NewsChannel {
  if (broadcasting && underBroadcastCap(s, plan.broadcast)) return 'broadcast';
  const window = windowAtSend(s, plan);
  if (window === 'free') return 'cs_free';
  if (window === 'paid' && plan.paidEnabled && paid.left > 0) {
    paid.left -= 1;
    return 'cs_paid';
  }
  return 'digest';
}

/** Audience per channel for the approver, computed by the same rules the fan-out will apply. */
export function previewChannels(subscribers: readonly NewsSubscriber[], plan: ChannelPlan) {
  const broadcasting = wantsBroadcast(subscribers, plan);
  const paid = { left: plan.paidLeft };
  const audience: Record<NewsChannel, number> = { cs_free: 0, cs_paid: 0, broadcast: 0, digest: 0 };
  for (const s of subscribers) audience[chooseNewsChannel(s, plan, broadcasting, paid)] += 1;
  return { broadcasting, audience, estimatedPaidMessages: audience.cs_paid };
}

/** The cover photo of an announcement's Broadcast article, if there is one to use. */
export function broadcastCover(imageUrl: string | null, settings: NewsDeliverySettings): string | null {
  return imageUrl ?? settings.broadcast.coverImageUrl;
}

/** The plan for one announcement: Broadcast needs a cover photo (Zalo's articles have one). */
export function planFor(plan: ChannelPlan, coverUrl: string | null): ChannelPlan {
  if (!plan.broadcast.available || coverUrl) return plan;
  return { ...plan, broadcast: { ...plan.broadcast, available: false, reason: 'Broadcast cần ảnh bìa: tin chưa có ảnh và xã chưa đặt ảnh bìa mặc định.' } };
}

/** Outbox purpose of a news message by channel: the outbox re-checks the window it allows. */
export function newsPurpose(channel: 'cs_free' | 'cs_paid'): string {
  return channel === 'cs_paid' ? 'news_paid' : 'news';
}

/**
 * The plan for sending now through one commune's OA: sending hours, what is left of this month's
 * paid budget (the commune's own), and whether a broadcast is possible on the send day (its OA's
 * package, one a day per follower: only its own OA's broadcasts reach its followers).
 */
export async function loadChannelPlan(
  db: Executor,
  o: { communeId: string; now: Date; hours: SendingHours; settings: NewsDeliverySettings; /** Its own broadcast does not count against it. */ exceptAnnouncementId?: string },
): Promise<ChannelPlan> {
  const sendAt = nextAllowedSendTime(o.now, o.hours);
  const monthStart = startOfLocalMonth(sendAt).toISOString();
  let paidLeft = 0;
  if (o.settings.paidCs.enabled) {
    const [row] = await db
      .selectFrom('outbound_messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('purpose', '=', newsPurpose('cs_paid'))
      .where('commune_id', '=', o.communeId)
      .where('created_at', '>=', monthStart)
      .where('status', 'in', ['pending', 'sent'])
      .execute();
    paidLeft = Math.max(0, o.settings.paidCs.monthlyBudget - Number(row?.n ?? 0));
  }
  const monthlyCap = BROADCASTS_PER_FOLLOWER_MONTH[o.settings.broadcast.oaPackage];
  let others = db
    .selectFrom('news_broadcasts as b')
    .innerJoin('announcements as a', 'a.id', 'b.announcement_id')
    .select(sql<string>`coalesce(b.sent_at, b.next_attempt_at)`.as('at'))
    .where('a.commune_id', '=', o.communeId)
    .where('b.status', 'not in', ['failed', 'skipped']);
  if (o.exceptAnnouncementId) others = others.where('b.announcement_id', '!=', o.exceptAnnouncementId);
  const rows = await others.execute();
  const thisMonth = rows
    .map((r) => new Date(r.at))
    .filter((t) => t.toISOString() >= monthStart)
    .sort((a, b) => a.getTime() - b.getTime());
  const sendDay = localDay(sendAt);
  let reason: string | null = null;
  if (monthlyCap === 0) reason = 'Xã chưa bật Broadcast (cần OA đã xác thực và đăng ký gói dịch vụ của Zalo).';
  else if (thisMonth.some((t) => localDay(t) === sendDay)) reason = 'Hôm nay OA đã có một Broadcast: Zalo chỉ gửi mỗi người quan tâm tối đa 1 Broadcast một ngày.';
  return {
    sendAt,
    paidEnabled: o.settings.paidCs.enabled,
    paidLeft,
    broadcast: { available: reason === null, reason, monthlyCap, thisMonth },
  };
}
