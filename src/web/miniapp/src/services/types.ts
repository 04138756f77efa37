/**
 * The shapes the public API returns (see src/catalog/routes.ts + procedure-view.ts,
 * src/news/routes.ts, src/petitions/public-routes.ts + views.ts). Only what the Mini App reads.
 */

export type FieldId = 'ho_tich' | 'chung_thuc' | 'dat_dai' | 'kinh_doanh' | 'xay_dung' | 'bao_tro_xa_hoi' | 'nguoi_co_cong' | 'cu_tru' | 'khac';

export interface Field {
  id: FieldId;
  label: string;
  count: number;
}

export interface ProcedureSummary {
  id: string;
  code: string | null;
  name: string;
  field: FieldId;
  fieldLabel: string;
  onlineLevel: string;
  score?: number;
}

export interface ProcedureDocument {
  name: string;
  form: string | null;
  count: number | null;
  note: string | null;
}

export interface Procedure {
  id: string;
  code: string | null;
  name: string;
  field: FieldId;
  fieldLabel: string;
  handledBy: string;
  agency: string;
  applicants: string;
  aliases: string[];
  documents: ProcedureDocument[];
  steps: string[];
  timeLimit: string;
  fee: string;
  feeExemptions: string | null;
  /** Where to submit, in plain words (the same text the chat gives). */
  submitNote: string;
  onlineLevel: string;
  onlineLevelLabel: string;
  onlineLevelPlain: string;
  canSubmitOnline: boolean;
  /** What the resident can do online, in plain words. */
  online: string;
  portalUrl: string;
  legalBasis: string[];
  /** One plain line about what may differ locally, with the hotline; null when nothing is uncertain. */
  caution: string | null;
  lastReviewed: string;
  guidance: string;
}

export interface Phone {
  label: string;
  number: string;
  example: boolean;
}

export interface Commune {
  example: boolean;
  name: string;
  province: string;
  address: string;
  office_hours: { weekdays: string; saturday: string; note?: string };
  desk: { name: string; location: string };
  hotlines: Phone[];
  national_portal: { name: string; url: string; hotline: Phone };
  province_portal: { name: string; url: string; lookup_url: string };
  feedback_portal: { name: string; url: string };
  zalo_oa_url?: string;
  /** Not in the server yet: the OA's id for openChat (requested; see the README). */
  zalo_oa_id?: string;
}

/** An old commune-level unit (before 1 July 2025) and the unit(s) it is part of now. */
export interface OldCommune {
  unit: string;
  district: string;
  province: string;
  now: Array<{ unit: string; share: 'toan_bo' | 'mot_phan'; commune: { id: string; name: string } | null }>;
  source: string;
  example: boolean;
}

export interface NewsItem {
  id: string;
  title: string;
  summary: string;
  topic: string;
  topicName: string;
  linkUrl: string | null;
  imageUrl: string | null;
  publishedAt: string | null;
  url: string;
}

export interface NewsPage {
  items: NewsItem[];
  total: number;
  page: number;
  pageSize: number;
  topics: Array<{ id: string; name: string }>;
}

export interface NewsArticle extends NewsItem {
  body: string;
  /** Rendered and escaped by the server. */
  bodyHtml: string;
}

export interface PetitionCategory {
  id: string;
  name: string;
  answerDays: number;
  legalSource: string;
}

export interface PetitionForm {
  category: string;
  content: string;
  name?: string;
  phone?: string;
  address?: string;
  clientRequestId?: string;
}

export interface PetitionReceipt {
  code: string;
  status: string;
  category: { id: string; name: string };
  deadline: { date: string; text: string };
  legalSource: string;
  message: string;
}

export interface PetitionStatusView {
  kind: 'petition';
  code: string;
  category: { id: string; name: string };
  status: string;
  statusText: string;
  submittedAt: string;
  deadline: { date: string; text: string };
  overdue: boolean;
  answeredAt: string | null;
  closedAt: string | null;
  published: { summary: string | null; answer: string | null; publishedAt: string } | null;
  owner: boolean;
  content?: string;
  replies?: Array<{ kind: 'reply' | 'out_of_scope'; text: string; at: string }>;
  outOfScopeReason?: string | null;
}

export interface DossierLookup {
  kind: 'dossier';
  code: string;
  lookupUrl: string;
  portalName: string;
  message: string;
}

/** GET/PUT /api/subscriptions (src/news/subscription-routes.ts): needs a Zalo token. */
export interface Subscriptions {
  /** False until the Mini App user is known as a follower of the commune's OA. */
  linked: boolean;
  topics: Array<{ id: string; name: string; subscribed: boolean }>;
}
