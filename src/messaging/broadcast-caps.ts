/**
 * Zalo's Broadcast limits per OA package (reference 2026 §5.1, medium confidence): each follower
 * receives at most this many broadcasts a calendar month (reset on the 1st) and at most one a day.
 * Only verified OAs can broadcast. `none`: the commune does not use Broadcast (or cannot).
 */
export const OA_PACKAGES = ['none', 'basic', 'trial', 'advanced', 'premium'] as const;
export type OaPackage = (typeof OA_PACKAGES)[number];

export const BROADCASTS_PER_FOLLOWER_MONTH: Record<OaPackage, number> = {
  none: 0,
  basic: 1,
  trial: 4,
  advanced: 4,
  premium: 6,
};

/** At most one broadcast per follower per day. */
export const BROADCASTS_PER_FOLLOWER_DAY = 1;
