import { z } from 'zod';
import { FACET_IDS } from '../catalog/schema.js';

/**
 * What the conversation remembers about one resident between messages (stored as JSON with the
 * user). Read through a schema with defaults: a state written by an older version never breaks a
 * conversation, its unknown parts are dropped.
 */
const topicSchema = z.object({
  procedureId: z.string(),
  facet: z.enum(FACET_IDS).optional(),
  /** When it was last the subject: topics expire (see TOPIC_TTL_MS). */
  at: z.string(),
  /** What the resident wrote when the topic was set: the facts a procedure's name does not carry (whose paper, which event). */
  words: z.string().max(300).optional().catch(undefined),
  /**
   * Procedures the conversation was about before this one, most recent first: "quay lại vụ chuyển
   * mục đích", "lệ phí đổi tên bao nhiêu" after an aside on the identity card go back to one of them.
   */
  earlier: z
    .array(z.object({ procedureId: z.string(), at: z.string(), words: z.string().max(300).optional() }))
    .max(3)
    .optional()
    .catch(undefined),
  /**
   * A paper another procedure issues that the resident asked about during the topic ("bạn ấy có
   * phải xin giấy độc thân không"): "xin giấy đó ở đâu" next is about getting it.
   */
  paper: z.string().optional().catch(undefined),
});

/** Questions the assistant asked in its last reply, which the resident may answer by typing. */
const pendingSchema = z.object({
  /** A numbered list of procedures was offered: "2" picks the second. */
  choices: z.array(z.string()).optional(),
  /** "Thông tin này có hữu ích không ạ?" was asked about this question: "có"/"không" answers it. */
  ratingFor: z.string().optional(),
  at: z.string(),
});

export const userStateSchema = z.object({
  /** A guided flow in progress (e.g. a petition draft); owned by the capability that started it. */
  flow: z
    .object({ kind: z.string(), step: z.string(), data: z.record(z.string(), z.unknown()), startedAt: z.string(), remindedAt: z.string().optional() })
    .optional()
    .catch(undefined),
  /** The procedure (and facet) the conversation is about. */
  topic: topicSchema.optional().catch(undefined),
  /** A question the assistant asked and the resident may answer by typing. */
  pending: pendingSchema.optional().catch(undefined),
  /**
   * The last question the resident wrote and how it was answered: what they do next (ask again,
   * pick an alternative, say it was wrong) tells whether the answer missed.
   */
  lastQuestion: z
    .object({ id: z.string(), at: z.string(), procedureId: z.string().optional(), facet: z.string().optional(), alternatives: z.array(z.string()), signature: z.string() })
    .optional()
    .catch(undefined),
  /** The resident's own file or complaint the conversation is about (src/chat/matter.ts). */
  matter: z
    .object({ intent: z.enum(['status', 'feedback']), at: z.string(), words: z.string().max(300) })
    .optional()
    .catch(undefined),
  /** The last procedure answered (ratings refer to it). */
  lastProcedureId: z.string().optional().catch(undefined),
});

export type UserState = z.infer<typeof userStateSchema>;
export type Topic = z.infer<typeof topicSchema>;
export type Pending = z.infer<typeof pendingSchema>;
export type FlowState = NonNullable<UserState['flow']>;

export function parseState(raw: string | null | undefined): UserState {
  if (!raw) return {};
  try {
    return userStateSchema.parse(JSON.parse(raw));
  } catch {
    return {};
  }
}
