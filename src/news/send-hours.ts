import { sendHoursSchema } from '../catalog/schema.js';
import type { Executor } from '../store/database.js';
import type { SendingHours } from '../messaging/rules.js';

/**
 * Each commune's hours for sending news, local time [from, until): the one home of the rule
 * "which hours apply to this commune". In order: what the commune's admin set in the console (a
 * run-time setting), the commune's profile in the content layer (`send_hours`), the deployment's
 * NEWS_SEND_HOURS. Scheduling previews, the fan-out and the approver's audience preview all ask here.
 */

/** Where a commune's hours come from (the console says so beside them). */
export type SendHoursSource = 'commune_setting' | 'commune_profile' | 'default';

export interface CommuneSendHours extends SendingHours {
  source: SendHoursSource;
}

const settingName = (communeId: string) => `news.send_hours.${communeId}`;

export interface SendHoursOptions {
  db: Executor;
  /** NEWS_SEND_HOURS. */
  defaults: SendingHours;
  /** The hours the commune's profile (content layer) gives, if any. */
  profileHours: (communeId: string) => { from: number; until: number } | undefined;
}

export function createSendHours(o: SendHoursOptions) {
  /** The hours the commune's admin set, read at each use so every instance sees a change at once. */
  async function stored(communeId: string): Promise<SendingHours | undefined> {
    const row = await o.db.selectFrom('settings').select('value').where('name', '=', settingName(communeId)).executeTakeFirst();
    if (!row) return undefined;
    const parsed = sendHoursSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? { fromHour: parsed.data.from, untilHour: parsed.data.until } : undefined;
  }

  /** The hours what the commune had without its own setting: its profile's, else the default. */
  function inherited(communeId: string): CommuneSendHours {
    const profile = o.profileHours(communeId);
    return profile ? { fromHour: profile.from, untilHour: profile.until, source: 'commune_profile' } : { ...o.defaults, source: 'default' };
  }

  return {
    /** The hours that apply to this commune's news (null: an announcement from before communes, the default). */
    async hoursFor(communeId: string | null): Promise<CommuneSendHours> {
      if (communeId === null) return { ...o.defaults, source: 'default' };
      const own = await stored(communeId);
      return own ? { ...own, source: 'commune_setting' } : inherited(communeId);
    },
    /** What applies without the commune's own setting (shown as what "reset" goes back to). */
    inherited,
    /** Sets the commune's own hours; null removes them (back to its profile's or the default). */
    async save(communeId: string, hours: { from: number; until: number } | null): Promise<void> {
      if (hours === null) {
        await o.db.deleteFrom('settings').where('name', '=', settingName(communeId)).execute();
        return;
      }
      const value = JSON.stringify({ from: hours.from, until: hours.until });
      await o.db
        .insertInto('settings')
        .values({ name: settingName(communeId), value })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
        .execute();
    },
  };
}

export type SendHoursService = ReturnType<typeof createSendHours>;
