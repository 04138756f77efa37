import type { ColumnType } from 'kysely';

/**
 * Row types of every table. Instants are ISO-8601 UTC strings ("2026-11-22T03:00:00.000Z") in both
 * SQLite and PostgreSQL: one representation, sortable as text. Booleans are 0/1 integers.
 */
export interface QuestionsTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  id: string;
  channel: string;
  user_ref: string | null;
  text: string;
  intent: string;
  top_procedure: string | null;
  confidence: number;
  created_at: string;
  /** 'rephrase' | 'choice' | 'complaint' when the resident's next move showed the answer missed. */
  followed_by: string | null;
}

export interface InboundEventsTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  id: string;
  dedupe_key: string;
  event_name: string;
  user_id: string | null;
  payload: string;
  /** `parked`: signed by Zalo but not readable (or for another app): kept for staff, never answered. */
  status: 'pending' | 'done' | 'failed' | 'ignored' | 'parked';
  attempts: number;
  lease_until: string | null;
  last_error: string | null;
  received_at: string;
  processed_at: string | null;
}

export type OutboundStatus = 'pending' | 'sent' | 'failed' | 'outside_window' | 'cancelled';

export interface OutboundMessagesTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  id: string;
  dedupe_key: string;
  user_id: string;
  purpose: string;
  /**
   * 0 replies, 1 messages about the resident's own case, 2 news: claimed in this order. Set from
   * the purpose by enqueueMessages; rows inserted without it get 1.
   */
  priority: ColumnType<number, number | undefined, number>;
  message: string;
  status: OutboundStatus;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  zalo_message_id: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  attempt_started_at: string | null;
  /** Failed checks of an ambiguous send through the conversation API (bounded). */
  reconcile_attempts?: number;
}

export interface ZaloTokensTable {
  id: string;
  access_token: string;
  refresh_token: string;
  expires_at: string;
  refresh_lease_until: string | null;
  refresh_owner: string | null;
  version: number;
  updated_at: string;
}

export interface ZaloUsersTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  user_id: string;
  user_id_by_app?: string | null;
  following: number;
  last_interaction_at: string | null;
  /** When Zalo (user/detail, user/getlist) last confirmed the follow status; null: never asked. */
  follower_checked_at?: string | null;
  /** When we saw the user follow (a `follow` event); null for followers from before launch. */
  followed_at?: string | null;
  state: string | null;
  state_updated_at: string | null;
  created_at: string;
  /** An OA admin answered in the OA chat tool: the bot stays quiet for this resident until then. */
  human_until?: string | null;
  human_admin_id?: string | null;
}

/** One row per commune's OA (id = commune id) and one for the Zalo App (id 'app', webhook counters): state every instance must see (zalo/channel-state.ts). */
export interface ZaloChannelStateTable {
  id: string;
  paused_at: string | null;
  pause_code: number | null;
  pause_reason: string | null;
  token_error: string | null;
  token_error_at: string | null;
  signature_failures: number;
  last_signature_failure_at: string | null;
  foreign_app_events: number;
  updated_at: string;
}

export interface ZaloOauthRequestsTable {
  state: string;
  code_verifier: string;
  redirect_uri: string;
  created_at: string;
  /** The commune whose OA is being connected (null: from before communes, the first commune's). */
  commune_id: string | null;
}

export interface SettingsTable {
  name: string;
  value: string;
}

export interface AnswerRatingsTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  question_id: string;
  procedure_id: string | null;
  helpful: number;
  created_at: string;
}

export interface SubscriptionsTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  user_id: string;
  topic: string;
  active: number;
  updated_at: string;
}

export interface StaffUsersTable {
  /** The commune (tenant) the row belongs to; null only for province-level staff and rows not yet adopted. */
  commune_id: string | null;
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  zalo_user_id: string | null;
  created_at: string;
}

export interface LoginThrottleTable {
  username: string;
  address: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface StaffSessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  /** The commune (tenant) the row belongs to; null only for province-level staff and rows not yet adopted. */
  commune_id: string | null;
  id: string;
  actor_id: string | null;
  actor_username: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string | null;
  at: string;
}

export type AnnouncementStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'scheduled' | 'sending' | 'sent' | 'cancelled';

export interface AnnouncementsTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  id: string;
  title: string;
  summary: string;
  body: string;
  topic: string;
  link_url: string | null;
  image_url: string | null;
  status: AnnouncementStatus;
  author_id: string;
  approver_id: string | null;
  reject_reason: string | null;
  scheduled_at: string | null;
  published_at: string | null;
  fanout_lease_until: string | null;
  created_at: string;
  updated_at: string;
}

/** How one subscriber gets one announcement (src/messaging/news-channels.ts chooses). */
export type NewsChannel = 'cs_free' | 'cs_paid' | 'broadcast' | 'digest';

export type BroadcastStatus = 'skipped' | 'pending' | 'article_pending' | 'article_ready' | 'sending' | 'sent' | 'unknown' | 'failed';

export interface NewsBroadcastsTable {
  announcement_id: string;
  status: BroadcastStatus;
  article_token: string | null;
  article_id: string | null;
  zalo_message_id: string | null;
  audience: number;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export type DeliveryStatus = 'pending' | 'queued' | 'waiting_digest' | 'digest_delivered';

export interface DeliveriesTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  announcement_id: string;
  user_id: string;
  status: DeliveryStatus;
  /** The channel chosen at send time (null for deliveries from before channels existed). */
  channel?: NewsChannel | null;
  created_at: string;
  updated_at: string;
}

export interface RecurringJobsTable {
  id: string;
  name: string;
  cron: string;
  action: string;
  active: number;
  next_run_at: string;
  last_run_at: string | null;
}

export interface StaffNotificationsTable {
  id: string;
  dedupe_key: string;
  user_id: string;
  kind: string;
  text: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export type PetitionStatus = 'received' | 'in_progress' | 'answered' | 'closed' | 'out_of_scope';
export type PetitionChannel = 'zalo' | 'miniapp' | 'web';

export interface PetitionCountersTable {
  name: string;
  value: number;
}

/** content, attachments and contact_* are personal data: desk/admin only, never logged. */
export interface PetitionsTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  id: string;
  code: string;
  channel: PetitionChannel;
  submission_key: string | null;
  category: string;
  category_name: string;
  content: string;
  attachments: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_address: string | null;
  zalo_user_id: string | null;
  app_user_id: string | null;
  status: PetitionStatus;
  assignee_id: string | null;
  /** Vietnam calendar date "2026-03-16"; due_at is the UTC instant that day ends. */
  due_date: string;
  due_at: string;
  out_of_scope_reason: string | null;
  public_summary: string | null;
  public_answer: string | null;
  published_at: string | null;
  rating: number | null;
  rated_at: string | null;
  created_at: string;
  updated_at: string;
  answered_at: string | null;
  closed_at: string | null;
  /** 'desk' (Bộ phận Một cửa) or 'leadership' (complaints about the staff go to the leaders). */
  handled_by: 'desk' | 'leadership';
}

export interface PetitionNotesTable {
  id: string;
  petition_id: string;
  author_id: string;
  text: string;
  created_at: string;
}

export type PetitionReplyDelivery = 'queued' | 'awaiting_interaction' | 'delivered_in_chat' | 'none';

export interface PetitionRepliesTable {
  id: string;
  petition_id: string;
  author_id: string;
  kind: 'reply' | 'out_of_scope';
  text: string;
  delivery: PetitionReplyDelivery;
  outbox_key: string | null;
  delivered_at: string | null;
  created_at: string;
}

export interface PetitionDraftsTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  user_id: string;
  started_at: string;
  last_activity_at: string;
  reminded_at: string | null;
}

export interface LearnedAliasesTable {
  id: string;
  procedure_id: string;
  phrase: string;
  created_by: string;
  created_at: string;
}

export interface QuestionResolutionsTable {
  signature: string;
  action: 'alias' | 'out_of_scope';
  procedure_id: string | null;
  created_by: string;
  created_at: string;
}

export interface LearnedExamplesTable {
  id: string;
  /** A procedure id or an intent. */
  label: string;
  text: string;
  created_by: string;
  created_at: string;
}

export interface CommunesTable {
  /** Stable slug used in URLs: `xa-vi-du`. */
  id: string;
  name: string;
  province_id: string;
  /** The commune's Zalo Official Account: webhook events are routed by it. */
  oa_id: string;
  /** JSON: the commune profile (hotlines, hours, desk…) when it is not in the content files. */
  profile: string | null;
  /** 1 for the bundled example communes (their numbers are not real). */
  example: number;
  /** Order in lists; the lowest is the default commune. */
  position: number;
  active: number;
  created_at: string;
}

/** Calls taken in one minute against a shared limit (Zalo's per-app limit, across instances). */
export interface RateWindowsTable {
  name: string;
  window_start: string;
  used: number;
}

export type QuizStatus = 'draft' | 'open' | 'closed';

export interface QuizzesTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  id: string;
  title: string;
  intro: string;
  /** JSON: QuizQuestion[] (src/quiz/quiz-schema.ts). */
  questions: string;
  status: QuizStatus;
  author_id: string;
  opened_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface QuizAttemptsTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  id: string;
  quiz_id: string;
  participant: string;
  zalo_user_id: string | null;
  app_user_id: string | null;
  channel: 'zalo' | 'miniapp';
  /** JSON: the chosen index per question. */
  answers: string;
  score: number;
  total: number;
  finished_at: string;
}

export interface SurveyResponsesTable {
  /** The commune (tenant) the row belongs to. */
  commune_id: string | null;
  id: string;
  source: 'chat' | 'web' | 'miniapp';
  petition_id: string | null;
  zalo_user_id: string | null;
  submission_key: string | null;
  access: number;
  procedure: number;
  staff: number;
  result: number;
  feedback: number;
  comment: string | null;
  created_at: string;
}

export interface ProcedureFingerprintsTable {
  procedure_id: string;
  fingerprint: string;
  facts: string;
  updated_at: string;
}

export interface ProcedureInterestsTable {
  user_id: string;
  procedure_id: string;
  asked_at: string;
}

export interface ChangeAlertsTable {
  id: string;
  procedure_id: string;
  fingerprint: string;
  changed: string;
  created_at: string;
}

export interface ChangeAlertDeliveriesTable {
  alert_id: string;
  user_id: string;
  status: 'queued' | 'waiting_digest' | 'digest_delivered';
  updated_at: string;
}

export interface DB {
  communes: CommunesTable;
  rate_windows: RateWindowsTable;
  settings: SettingsTable;
  questions: QuestionsTable;
  inbound_events: InboundEventsTable;
  outbound_messages: OutboundMessagesTable;
  zalo_tokens: ZaloTokensTable;
  zalo_users: ZaloUsersTable;
  zalo_channel_state: ZaloChannelStateTable;
  zalo_oauth_requests: ZaloOauthRequestsTable;
  answer_ratings: AnswerRatingsTable;
  subscriptions: SubscriptionsTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  announcements: AnnouncementsTable;
  deliveries: DeliveriesTable;
  news_broadcasts: NewsBroadcastsTable;
  recurring_jobs: RecurringJobsTable;
  staff_notifications: StaffNotificationsTable;
  learned_aliases: LearnedAliasesTable;
  learned_examples: LearnedExamplesTable;
  question_resolutions: QuestionResolutionsTable;
  petition_counters: PetitionCountersTable;
  petitions: PetitionsTable;
  petition_notes: PetitionNotesTable;
  petition_replies: PetitionRepliesTable;
  petition_drafts: PetitionDraftsTable;
  quizzes: QuizzesTable;
  quiz_attempts: QuizAttemptsTable;
  survey_responses: SurveyResponsesTable;
  procedure_fingerprints: ProcedureFingerprintsTable;
  procedure_interests: ProcedureInterestsTable;
  change_alerts: ChangeAlertsTable;
  change_alert_deliveries: ChangeAlertDeliveriesTable;
}
