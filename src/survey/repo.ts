import { randomUUID } from 'node:crypto';
import type { Executor } from '../store/database.js';
import type { SurveyResponsesTable } from '../store/schema.js';
import type { SurveyScores } from './criteria.js';

/** Stores one answered survey; false when its submission key (a petition, a form) was already used. */
export async function insertResponse(
  db: Executor,
  o: { communeId: string; source: SurveyResponsesTable['source']; scores: SurveyScores; petitionId?: string | null; zaloUserId?: string | null; submissionKey?: string | null; comment?: string | null; now: Date },
): Promise<boolean> {
  const r = await db
    .insertInto('survey_responses')
    .values({
      id: randomUUID(),
      commune_id: o.communeId,
      source: o.source,
      petition_id: o.petitionId ?? null,
      zalo_user_id: o.zaloUserId ?? null,
      submission_key: o.submissionKey ?? null,
      ...o.scores,
      comment: o.comment ?? null,
      created_at: o.now.toISOString(),
    })
    .onConflict((oc) => oc.column('submission_key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The survey of a petition was answered already (it is asked once per petition). */
export async function answeredForPetition(db: Executor, petitionId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('survey_responses').select('id').where('submission_key', '=', petitionKey(petitionId)).executeTakeFirst());
}

export function petitionKey(petitionId: string): string {
  return `petition:${petitionId}`;
}
