import { z } from 'zod';

/**
 * The petitions capability's own settings, read from the environment once at start (config.ts
 * stays untouched). Every variable is optional; the defaults suit a commune.
 *
 * | Variable                          | Default        | Meaning                                              |
 * |-----------------------------------|----------------|------------------------------------------------------|
 * | PETITION_REMIND_MINUTES           | 30             | a chat draft quiet this long gets one reminder       |
 * | PETITION_DRAFT_HOURS              | 24             | a chat draft quiet this long is dropped (resident told) |
 * | PETITION_FORM_LIMIT_PER_IP        | 20             | form submissions per IP per window                   |
 * | PETITION_FORM_LIMIT_PER_USER      | 5              | form submissions per verified Zalo user per window   |
 * | PETITION_FORM_WINDOW_MINUTES      | 60             | the window of both form limits                       |
 * | PETITION_LOOKUP_LIMIT_PER_IP      | 120            | status look-ups by code per IP per window            |
 * | PETITION_SUMMARY_CRON             | 0 7 * * 1-5    | desk's daily summary (Vietnam time)                  |
 * | PETITION_CONTACT_IMAGE_URL        | (served here)  | picture of the "share your contact" card in Zalo     |
 */
const positive = z.coerce.number().positive();
const count = z.coerce.number().int().positive();
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envSchema = z.object({
  PETITION_REMIND_MINUTES: z.preprocess(blankToUndefined, positive.default(30)),
  PETITION_DRAFT_HOURS: z.preprocess(blankToUndefined, positive.default(24)),
  PETITION_FORM_LIMIT_PER_IP: z.preprocess(blankToUndefined, count.default(20)),
  PETITION_FORM_LIMIT_PER_USER: z.preprocess(blankToUndefined, count.default(5)),
  PETITION_FORM_WINDOW_MINUTES: z.preprocess(blankToUndefined, positive.default(60)),
  PETITION_LOOKUP_LIMIT_PER_IP: z.preprocess(blankToUndefined, count.default(120)),
  PETITION_SUMMARY_CRON: z.preprocess(blankToUndefined, z.string().trim().min(9).default('0 7 * * 1-5')),
  PETITION_CONTACT_IMAGE_URL: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/ }).optional()),
});

export interface PetitionSettings {
  remindAfterMs: number;
  draftLifetimeMs: number;
  formLimitPerIp: number;
  formLimitPerUser: number;
  formWindowMs: number;
  lookupLimitPerIp: number;
  summaryCron: string;
  contactImageUrl: string | undefined;
}

/** Reads the PETITION_* variables; throws with every problem named when one is malformed. */
export function readPetitionSettings(env: NodeJS.ProcessEnv = process.env): PetitionSettings {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`petitions: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const remindAfterMs = e.PETITION_REMIND_MINUTES * 60_000;
  const draftLifetimeMs = e.PETITION_DRAFT_HOURS * 3_600_000;
  if (remindAfterMs >= draftLifetimeMs) {
    throw new Error('petitions: PETITION_REMIND_MINUTES must be shorter than PETITION_DRAFT_HOURS');
  }
  return {
    remindAfterMs,
    draftLifetimeMs,
    formLimitPerIp: e.PETITION_FORM_LIMIT_PER_IP,
    formLimitPerUser: e.PETITION_FORM_LIMIT_PER_USER,
    formWindowMs: e.PETITION_FORM_WINDOW_MINUTES * 60_000,
    lookupLimitPerIp: e.PETITION_LOOKUP_LIMIT_PER_IP,
    summaryCron: e.PETITION_SUMMARY_CRON,
    contactImageUrl: e.PETITION_CONTACT_IMAGE_URL,
  };
}
