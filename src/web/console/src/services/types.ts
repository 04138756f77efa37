/** Shapes of the staff API (src/staff, src/news, src/petitions, src/insights routes). */

import type { QuizReportFigures, SurveyFigures } from '../../../shared/reform-types';

export type Role = 'admin' | 'editor' | 'approver' | 'desk' | 'leader' | 'province_admin';

/** A commune served by this deployment (GET /api/admin/communes). */
export interface CommuneItem {
  id: string;
  name: string;
  provinceId: string;
  oaId: string;
  example: boolean;
  active: boolean;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}

export interface MeResponse {
  user: Me;
  csrfToken: string;
  roleLabels?: Record<Role, string>;
}

export type AnnouncementStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'scheduled' | 'sending' | 'sent' | 'cancelled';

/** How one subscriber gets one announcement (chosen at send time by the server's messaging rules). */
export type NewsChannel = 'cs_free' | 'cs_paid' | 'broadcast' | 'digest';

export interface ChannelFigures {
  assigned: number;
  sent: number;
  pending: number;
  failed: number;
  waitingDigest: number;
  deliveredByDigest: number;
}

export interface DeliveryFigures {
  subscribers: number;
  sent: number;
  pending: number;
  failed: number;
  waitingDigest: number;
  deliveredByDigest: number;
  /** `legacy`: deliveries made before channels existed. */
  channels?: Record<NewsChannel | 'legacy', ChannelFigures>;
  paidMessagesSent?: number;
  broadcast?: { status: string; sentAt: string | null; lastError: string | null } | null;
}

/** GET /api/admin/announcements/:id/audience: what approving would do, by the same rules as the send. */
export interface NewsAudience {
  subscribers: number;
  audience: Record<NewsChannel, number>;
  estimatedPaidMessages: number;
  paidSending: { enabled: boolean; leftThisMonth: number };
  broadcast: { planned: boolean; reason: string | null; monthlyCap: number; otherFollowersReached: number };
  sendAt: string;
  sendAtLocal: string;
}

export interface Announcement {
  id: string;
  title: string;
  summary: string;
  body: string;
  topic: string;
  topicName: string;
  linkUrl: string | null;
  imageUrl: string | null;
  status: AnnouncementStatus;
  statusLabel: string;
  authorId: string;
  approverId: string | null;
  rejectReason: string | null;
  scheduledAt: string | null;
  scheduledAtLocal: string | null;
  /** When it really goes out: outside the sending hours, at the start of the next window. */
  sendTime: SendTime | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  delivery?: DeliveryFigures;
}

export interface SendTime {
  requestedLocal: string;
  actualAt: string;
  actualLocal: string;
  held: boolean;
  note: string | null;
}

/** The Zalo message residents will get, and when, as the server builds it. */
export interface AnnouncementPreview {
  text: string;
  buttons: string[];
  sendTime: SendTime | null;
  /** The commune's sending hours, local time [from, until). */
  sendHours: { from: number; until: number };
}

export interface AnnouncementInput {
  title: string;
  summary: string;
  body: string;
  topic: string;
  linkUrl: string;
  imageUrl: string;
}

export type PetitionStatus = 'received' | 'in_progress' | 'answered' | 'closed' | 'out_of_scope';

export interface StaffRef {
  id: string;
  displayName: string;
}

export interface PetitionListItem {
  id: string;
  code: string;
  channel: string;
  category: { id: string; name: string };
  status: PetitionStatus;
  statusText: string;
  submittedAt: string;
  updatedAt: string;
  deadline: { date: string; text: string };
  overdue: boolean;
  assignee: StaffRef | null;
  answeredAt: string | null;
  closedAt: string | null;
  published: boolean;
  rating: number | null;
}

export interface PetitionDetail extends Omit<PetitionListItem, 'published'> {
  published?: boolean;
  content: string;
  images: string[];
  contact: { name: string | null; phone: string | null; address: string | null } | null;
  replies: Array<{ id: string; kind: 'reply' | 'out_of_scope'; author: StaffRef | null; text: string; at: string; delivery: string; deliveredAt: string | null }>;
  notes: Array<{ id: string; author: StaffRef | null; text: string; at: string }>;
  zaloLinked: boolean;
  appLinked: boolean;
  legalSource: string | null;
  publicSummary: string | null;
  publicAnswer: string | null;
  publishedAt: string | null;
  outOfScopeReason: string | null;
  /** `text`: the action in Vietnamese, with names ("Lan nhận xử lý"). */
  history: Array<{ at: string; action: string; actor: { id: string; username: string } | null; text: string }>;
}

export interface PetitionSummary {
  byStatus: Record<PetitionStatus, number>;
  open: number;
  overdue: number;
}

export interface Dashboard {
  questionsToday: number;
  openPetitions: number;
  overduePetitions: number;
  scheduledNews: number;
}

export interface UnansweredQuestion {
  text: string;
  intent?: string;
  confidence?: number;
  topProcedure: string | null;
  topProcedureName?: string | null;
  count: number;
  lastAskedAt: string;
  signature?: string;
  examples?: string[];
  reasons?: { outOfScope: number; lowConfidence: number; notHelpful: number; rephrased?: number; choseOther?: number; complained?: number };
}

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  lockedUntil: string | null;
  zaloUserId: string | null;
  createdAt: string;
}

export interface NewsTopic {
  id: string;
  name: string;
}

/** A procedure as the public search returns it (GET /api/procedures?q=). */
export interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  field: string;
  fieldLabel: string;
  score?: number;
}

/** The periodic report (src/insights/report.ts `Report`). Shares are 0…1. */
export interface Report {
  range: { from: string; to: string };
  generatedAt: string;
  questions: {
    total: number;
    answeredWell: number;
    answeredWellShare: number;
    unanswered: number;
    unansweredShare: number;
    byIntent: Array<{ intent: string; count: number }>;
    topProcedures: Array<{ id: string; name: string; count: number }>;
    topGaps: Array<{ text: string; count: number }>;
  };
  news: { published: number; deliveries: number; sent: number; byDigest: number; notReached: number };
  petitions: {
    received: number;
    answered: number;
    overdue: number;
    averageDaysToAnswer: number | null;
    byCategory: Array<{ category: string; name: string; received: number; answered: number; overdue: number; averageDaysToAnswer: number | null }>;
  };
  satisfaction: {
    answers: { helpful: number; notHelpful: number; helpfulShare: number };
    byField: Array<{ field: string; name: string; helpful: number; notHelpful: number; helpfulShare: number }>;
    byProcedure: Array<{ id: string; name: string; helpful: number; notHelpful: number; helpfulShare: number }>;
    petitions: { ratings: number; average: number | null };
    survey: SurveyFigures;
  };
  quizzes: QuizReportFigures;
}

export type ReportFormat = 'xlsx' | 'csv' | 'html';
export type UnansweredSort = 'frequent' | 'newest';

/** A field of the catalog with its number of procedures (public /api/fields). */
export interface FieldCount {
  id: string;
  label: string;
  count: number;
}

export type LeafletSize = 'A4' | 'A5';
export type PosterSize = 'A2' | 'A3' | 'A4';

/** A radio script (src/radio/script.ts `RadioScript` with its worded duration). */
export interface RadioScript {
  kind: 'bulletin' | 'column';
  title: string;
  station: string;
  communeName: string;
  sections: Array<{ heading: string; sentences: string[] }>;
  words: number;
  seconds: number;
  wordsPerMinute: number;
  durationText: string;
  sources: Array<{ id: string; title: string; url?: string; publishedAt: string | null }>;
}

/** Whether the server can read scripts aloud (espeak-ng), and what to tell staff. */
export interface TtsStatus {
  available: boolean;
  engine: 'espeak-ng';
  version: string | null;
  message: string;
}

export type RadioFile = 'script.txt' | 'script.html' | 'script.pdf' | 'audio.wav';

/** Where a commune's news sending hours come from (src/news/send-hours.ts). */
export type SendHoursSource = 'commune_setting' | 'commune_profile' | 'default';

/** The commune's hours for sending news, local time [from, until) (GET/PUT /api/admin/news/send-hours). */
export interface NewsSendHours {
  from: number;
  until: number;
  source: SendHoursSource;
  /** What applies without the commune's own setting. */
  inherited: { from: number; until: number; source: SendHoursSource };
}

/** The commune's choices for sending news (GET/PUT /api/admin/news/delivery-settings). */
export interface NewsDeliverySettings {
  paidCs: { enabled: boolean; monthlyBudget: number };
  broadcast: { oaPackage: 'none' | 'basic' | 'trial' | 'advanced' | 'premium'; coverImageUrl: string | null };
}

/** GET /api/admin/zalo/status (src/zalo/channel-status.ts). */
export interface ZaloStatus {
  /** The commune whose OA this is. */
  communeId: string;
  ok: boolean;
  state: 'ok' | 'paused' | 'tokens_dead' | 'no_tokens';
  problem?: string;
  sending: { paused: boolean; pausedAt: string | null; code: number | null; reason: string | null; advice: string | null };
  tokens: {
    present: boolean;
    updatedAt: string | null;
    ageHours: number | null;
    expiresAt: string | null;
    lastError: string | null;
    lastErrorAt: string | null;
    dead: boolean;
  };
  webhook: { signatureFailures: number; lastSignatureFailureAt: string | null; foreignAppEvents: number; parkedEvents: number };
}

/** One commune's OA in a word (GET /api/admin/zalo/oas, province admins; src/zalo/channel-status.ts). */
export interface OaHealth {
  communeId: string;
  name: string;
  ok: boolean;
  state: ZaloStatus['state'];
  problem?: string;
}

export interface ParkedEvent {
  id: string;
  event_name: string;
  last_error: string | null;
  received_at: string;
}

export interface HumanHandsResident {
  userId: string;
  adminId: string | null;
  until: string;
  lastInteractionAt: string | null;
}
