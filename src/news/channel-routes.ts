import type { Executor } from '../store/database.js';
import { parseOrThrow } from '../http/validate.js';
import { communeScope, currentStaff, type StaffRouter } from '../staff/guard.js';
import { audit } from '../staff/audit.js';
import { newsDeliverySettingsSchema, readNewsDeliverySettings, saveNewsDeliverySettings } from '../messaging/delivery-settings.js';
import { broadcastCover, loadChannelPlan, planFor, previewChannels, type NewsSubscriber } from '../messaging/news-channels.js';
import type { SendingHours } from '../messaging/rules.js';
import { readSyncCursor } from '../messaging/follower-sync.js';
import { loadOwnAnnouncement } from './announcements.js';
import { formatLocal } from './local-time.js';

/**
 * What the approver sees before approving (the audience per channel and the paid messages it
 * would cost, by the same rules the fan-out applies), and the commune's delivery settings.
 */
export function newsChannelRoutes(o: { db: Executor; clock: () => Date; staff: StaffRouter; sendHoursFor: (communeId: string) => Promise<SendingHours> }): void {
  const { db, staff } = o;

  staff.get('/api/admin/announcements/:id/audience', ['editor', 'approver'], async (req, res) => {
    const communeId = communeScope(res);
    const a = await loadOwnAnnouncement(db, String(req.params.id), communeId);
    const now = o.clock();
    const settings = await readNewsDeliverySettings(db, communeId);
    const plan = planFor(await loadChannelPlan(db, { communeId, now, hours: await o.sendHoursFor(communeId), settings, exceptAnnouncementId: a.id }), broadcastCover(a.image_url, settings));
    const subscribers: NewsSubscriber[] = await db
      .selectFrom('subscriptions as s')
      .innerJoin('zalo_users as u', 'u.user_id', 's.user_id')
      .select(['s.user_id as userId', 'u.last_interaction_at as lastInteractionAt', 'u.followed_at as followedAt'])
      .where('s.topic', '=', a.topic)
      .where('u.commune_id', '=', communeId)
      .where('s.active', '=', 1)
      .where('u.following', '=', 1)
      .execute();
    const preview = previewChannels(subscribers, plan);
    const [followers] = await db
      .selectFrom('zalo_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('commune_id', '=', communeId)
      .where('following', '=', 1)
      .execute();
    res.json({
      subscribers: subscribers.length,
      audience: preview.audience,
      estimatedPaidMessages: preview.estimatedPaidMessages,
      paidSending: { enabled: plan.paidEnabled, leftThisMonth: plan.paidLeft },
      broadcast: {
        planned: preview.broadcasting,
        reason: preview.broadcasting ? null : plan.broadcast.reason,
        monthlyCap: plan.broadcast.monthlyCap,
        // Zalo delivers a Broadcast to the OA's followers, not to a list: followers who did not
        // subscribe to this topic (or said "hủy nhận tin") receive it too.
        otherFollowersReached: preview.broadcasting ? Math.max(0, Number(followers?.n ?? 0) - subscribers.length) : 0,
      },
      sendAt: plan.sendAt.toISOString(),
      sendAtLocal: formatLocal(plan.sendAt),
      followerSync: (await readSyncCursor(db, communeId)) ?? null,
    });
  });

  // The staff member's commune's settings (a province admin's picked commune, staff/guard.ts).
  staff.get('/api/admin/news/delivery-settings', ['editor', 'approver'], async (_req, res) => {
    res.json(await readNewsDeliverySettings(db, communeScope(res)));
  });

  staff.put('/api/admin/news/delivery-settings', ['admin'], async (req, res) => {
    const settings = parseOrThrow(newsDeliverySettingsSchema, req.body);
    const communeId = communeScope(res);
    await saveNewsDeliverySettings(db, communeId, settings);
    await audit(db, currentStaff(res), 'news.delivery_settings', { type: 'settings', id: `news_delivery:${communeId}` }, o.clock(), settings);
    res.json(settings);
  });
}
