import { residentCommuneId } from '../communes/request-commune.js';
import { Router } from 'express';
import { z } from 'zod';
import type { Executor } from '../store/database.js';
import type { Catalog } from '../catalog/catalog.js';
import { Conflict, Unauthorized } from '../errors.js';
import { parseOrThrow } from '../http/validate.js';
import type { ResidentIdentity } from '../zalo/resident-identity.js';
import { activeTopics, subscribe, unsubscribe } from './subscriptions.js';

/**
 * The Mini App's "Nhận tin" settings. News goes out over the OA, so the Mini App user must be
 * linked to an OA follower: the verified token gives the app-scoped id, which webhook events
 * carried when the person wrote to the OA.
 */
export function subscriptionRoutes(o: { db: Executor; catalog: Catalog; clock: () => Date; residentOf: ResidentIdentity }): Router {
  const router = Router();
  const topics = () => o.catalog.current.content.commune.news_topics;

  async function follower(req: Parameters<ResidentIdentity>[0], communeId: string): Promise<string | undefined> {
    const { appUserId } = await o.residentOf(req);
    if (!appUserId) throw new Unauthorized('Chức năng này cần mở trong ứng dụng Zalo.');
    // The app-scoped id is the same for every OA of the Zalo App: the follower of this commune's OA.
    const row = await o.db
      .selectFrom('zalo_users')
      .select('user_id')
      .where('user_id_by_app', '=', appUserId)
      .where('commune_id', '=', communeId)
      .where('following', '=', 1)
      .executeTakeFirst();
    return row?.user_id;
  }

  async function view(userId: string | undefined) {
    const active = userId ? new Set(await activeTopics(o.db, userId)) : new Set<string>();
    return { linked: userId !== undefined, topics: topics().map((t) => ({ id: t.id, name: t.name, subscribed: active.has(t.id) })) };
  }

  router.get('/api/subscriptions', async (req, res) => {
    res.json(await view(await follower(req, residentCommuneId(res))));
  });

  router.put('/api/subscriptions', async (req, res) => {
    const ids = topics().map((t) => t.id) as [string, ...string[]];
    const body = parseOrThrow(z.object({ topics: z.array(z.enum(ids, { error: 'Chủ đề không có trong danh sách.' })).max(ids.length) }), req.body);
    const userId = await follower(req, residentCommuneId(res));
    if (!userId) {
      throw new Conflict('Ông/bà vui lòng quan tâm Official Account của xã trên Zalo và nhắn một tin bất kỳ, sau đó chọn nhận tin tại đây.');
    }
    const now = o.clock();
    await unsubscribe(o.db, userId, now, ids.filter((id) => !body.topics.includes(id)));
    await subscribe(o.db, userId, body.topics, now);
    res.json(await view(userId));
  });

  return router;
}
