import { z } from 'zod';
import type { Executor } from '../store/database.js';
import { OA_PACKAGES } from './broadcast-caps.js';

/**
 * A commune's choices for proactive sending of news through its OA: whether billed cs messages (48 h – 7 days)
 * may be used and how many a month, and the OA package that decides whether and how often
 * Broadcast can reach each follower. Stored in `settings`, one row per commune;
 * the commune's admins change them from the console.
 */
export const newsDeliverySettingsSchema = z.object({
  paidCs: z.object({
    enabled: z.boolean({ error: 'Vui lòng chọn có dùng tin tư vấn trả phí hay không.' }),
    monthlyBudget: z
      .number({ error: 'Hạn mức tin trả phí phải là số.' })
      .int('Hạn mức tin trả phí phải là số nguyên.')
      .min(0, 'Hạn mức tin trả phí không được âm.')
      .max(1_000_000, 'Hạn mức tin trả phí quá lớn.'),
  }),
  broadcast: z.object({
    oaPackage: z.enum(OA_PACKAGES, { error: 'Gói OA không hợp lệ.' }),
    /** A Broadcast article needs a cover photo: used when the announcement has no image. */
    coverImageUrl: z.url({ protocol: /^https?$/, error: 'Ảnh bìa phải là đường link http(s).' }).nullable().default(null),
  }),
});

export type NewsDeliverySettings = z.infer<typeof newsDeliverySettingsSchema>;

/** Nothing billed and no Broadcast until an admin says the OA is verified and on a package. */
export const defaultNewsDeliverySettings: NewsDeliverySettings = {
  paidCs: { enabled: false, monthlyBudget: 0 },
  broadcast: { oaPackage: 'none', coverImageUrl: null },
};

/** One row per commune (each OA has its own package, budget and cover). */
const settingName = (communeId: string) => `messaging.news_delivery:${communeId}`;
/** The province-wide row of the single-OA deployment: adopted as the first commune's (adoptSingleOaSettings). */
export const OLD_SINGLE_OA_SETTING = 'messaging.news_delivery';

export async function readNewsDeliverySettings(db: Executor, communeId: string): Promise<NewsDeliverySettings> {
  const row = await db.selectFrom('settings').select('value').where('name', '=', settingName(communeId)).executeTakeFirst();
  if (!row) return defaultNewsDeliverySettings;
  const parsed = newsDeliverySettingsSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : defaultNewsDeliverySettings;
}

export async function saveNewsDeliverySettings(db: Executor, communeId: string, settings: NewsDeliverySettings): Promise<void> {
  const value = JSON.stringify(newsDeliverySettingsSchema.parse(settings));
  await db
    .insertInto('settings')
    .values({ name: settingName(communeId), value })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
    .execute();
}

/** The old province-wide row becomes the first commune's (kept if that commune already has its own). Idempotent. */
export async function adoptSingleOaDeliverySettings(db: Executor, firstCommuneId: string): Promise<void> {
  const own = await db.selectFrom('settings').select('name').where('name', '=', settingName(firstCommuneId)).executeTakeFirst();
  if (own) await db.deleteFrom('settings').where('name', '=', OLD_SINGLE_OA_SETTING).execute();
  else await db.updateTable('settings').set({ name: settingName(firstCommuneId) }).where('name', '=', OLD_SINGLE_OA_SETTING).execute();
}
