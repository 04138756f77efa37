import type { Executor } from '../store/database.js';
import type { PetitionRow } from '../petitions/repo.js';
import { enqueueMessage } from '../zalo/outbox-repo.js';
import { insideFreeWindow } from '../zalo/interaction-window.js';
import { replyToZaloMessages } from '../zalo/render-reply.js';
import { answeredForPetition } from './repo.js';
import { invitation } from './texts.js';

/**
 * A petition was closed: its resident is invited to the satisfaction survey, once, and only if the
 * message is free now (inside 48 hours of their last interaction). An invitation is not worth a
 * paid message nor a place in a later digest: outside the window the desk's QR code remains.
 */
export async function inviteAfterClose(tx: Executor, p: PetitionRow, now: Date): Promise<boolean> {
  if (!p.zalo_user_id || !(await insideFreeWindow(tx, p.zalo_user_id, now)) || (await answeredForPetition(tx, p.id))) return false;
  let queued = false;
  for (const [i, message] of replyToZaloMessages(invitation(p.code)).entries()) {
    queued =
      (await enqueueMessage(tx, { dedupeKey: `survey-invite:${p.id}:${String(i).padStart(3, '0')}`, userId: p.zalo_user_id, purpose: 'survey_invitation', message, now })) || queued;
  }
  return queued;
}
