import { z } from 'zod';
import { sendHoursSchema } from '../catalog/schema.js';
import { parseOrThrow } from '../http/validate.js';
import { audit } from '../staff/audit.js';
import { communeScope, currentStaff, type StaffRouter } from '../staff/guard.js';
import type { Executor } from '../store/database.js';
import type { CommuneSendHours, SendHoursService } from './send-hours.js';

/** `{ reset: true }` goes back to the profile's hours or the default; otherwise `{ from: 5, until: 21 }`. */
const resetBody = z.object({ reset: z.literal(true) });

function hoursView(hours: CommuneSendHours, inherited: CommuneSendHours) {
  return {
    from: hours.fromHour,
    until: hours.untilHour,
    source: hours.source,
    /** What applies without the commune's own setting (its profile's or NEWS_SEND_HOURS). */
    inherited: { from: inherited.fromHour, until: inherited.untilHour, source: inherited.source },
  };
}

/**
 * The commune's hours for sending news: editors and approvers read them (the "real send time"
 * they see uses them), the commune's admin sets or resets them.
 */
export function sendHoursRoutes(o: { db: Executor; clock: () => Date; staff: StaffRouter; sendHours: SendHoursService }): void {
  o.staff.get('/api/admin/news/send-hours', ['editor', 'approver', 'admin'], async (_req, res) => {
    const communeId = communeScope(res);
    res.json(hoursView(await o.sendHours.hoursFor(communeId), o.sendHours.inherited(communeId)));
  });

  o.staff.put('/api/admin/news/send-hours', ['admin'], async (req, res) => {
    const communeId = communeScope(res);
    const hours = resetBody.safeParse(req.body).success ? null : parseOrThrow(sendHoursSchema, req.body);
    await o.sendHours.save(communeId, hours);
    await audit(o.db, currentStaff(res), 'news.send_hours', { type: 'settings', id: `news.send_hours.${communeId}` }, o.clock(), hours ?? { reset: true });
    res.json(hoursView(await o.sendHours.hoursFor(communeId), o.sendHours.inherited(communeId)));
  });
}
