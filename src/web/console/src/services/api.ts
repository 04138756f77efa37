import { ApiError, readJson, send } from '../../../shared/api-error';
import type {
  CommuneItem,
  Announcement,
  AnnouncementInput,
  AnnouncementPreview,
  Dashboard,
  FieldCount,
  LeafletSize,
  PosterSize,
  RadioFile,
  RadioScript,
  TtsStatus,
  MeResponse,
  NewsTopic,
  PetitionDetail,
  PetitionListItem,
  PetitionSummary,
  ProcedureSummary,
  Report,
  ReportFormat,
  Role,
  StaffUser,
  UnansweredQuestion,
  UnansweredSort,
  NewsAudience,
  NewsDeliverySettings,
  NewsSendHours,
  ZaloStatus,
  OaHealth,
  ParkedEvent,
  HumanHandsResident,
} from './types';

export { ApiError, errorMessage, formErrorMessage, isAbort } from '../../../shared/api-error';

let csrfToken = '';

/** `?commune=ID` for a province admin's pick; nothing otherwise. */
function communeQuery(commune: string | undefined): string {
  return commune ? `?commune=${encodeURIComponent(commune)}` : '';
}
let onUnauthorized: () => void = () => {};

/** The session's CSRF token (from login or /me), sent with every state-changing request. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Called when the server answers 401 (session expired): the app shows the login page. */
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

export async function request<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await send(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin', signal });
  try {
    return await readJson<T>(res);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && path !== '/api/admin/login' && path !== '/api/admin/me') onUnauthorized();
    throw err;
  }
}

// The console is served by the API server itself (/console/), so absolute paths are same-origin.
const get = <T>(path: string) => request<T>('GET', path);
const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);

const qs = (params: Record<string, string | number | boolean | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

function announcementBody(input: AnnouncementInput) {
  return { ...input, linkUrl: input.linkUrl.trim() || null, imageUrl: input.imageUrl.trim() || null };
}

export const api = {
  login: (username: string, password: string) => post<MeResponse>('/api/admin/login', { username, password }),
  logout: () => post<{ ok: true }>('/api/admin/logout'),
  me: () => get<MeResponse>('/api/admin/me'),

  dashboard: () => get<Dashboard>('/api/admin/dashboard'),

  announcements: (status?: string) => get<{ items: Announcement[] }>(`/api/admin/announcements${qs({ status })}`),
  announcement: (id: string) => get<Announcement>(`/api/admin/announcements/${encodeURIComponent(id)}`),
  newsSendHours: () => get<NewsSendHours>('/api/admin/news/send-hours'),
  saveNewsSendHours: (hours: { from: number; until: number } | { reset: true }) => request<NewsSendHours>('PUT', '/api/admin/news/send-hours', hours),
  newsDeliverySettings: () => get<NewsDeliverySettings>('/api/admin/news/delivery-settings'),
  saveNewsDeliverySettings: (settings: NewsDeliverySettings) => request<NewsDeliverySettings>('PUT', '/api/admin/news/delivery-settings', settings),
  announcementAudience: (id: string) => get<NewsAudience>(`/api/admin/announcements/${encodeURIComponent(id)}/audience`),
  createAnnouncement: (input: AnnouncementInput) => post<Announcement>('/api/admin/announcements', announcementBody(input)),
  editAnnouncement: (id: string, input: AnnouncementInput) => request<Announcement>('PATCH', `/api/admin/announcements/${encodeURIComponent(id)}`, announcementBody(input)),
  announcementAction: (id: string, action: 'submit' | 'approve' | 'cancel') => post<Announcement>(`/api/admin/announcements/${encodeURIComponent(id)}/${action}`),
  rejectAnnouncement: (id: string, reason: string) => post<Announcement>(`/api/admin/announcements/${encodeURIComponent(id)}/reject`, { reason }),
  previewAnnouncement: (draft: { id?: string; title?: string; summary?: string; at?: string }, signal?: AbortSignal) =>
    request<AnnouncementPreview>('POST', '/api/admin/announcements/preview', draft, signal),
  scheduleAnnouncement: (id: string, at: string) => post<Announcement>(`/api/admin/announcements/${encodeURIComponent(id)}/schedule`, { at }),
  newsTopics: () => get<{ news_topics: NewsTopic[] }>('/api/commune'),

  petitions: (f: { status?: string; overdue?: boolean; assignee?: string; code?: string; category?: string; limit?: number; offset?: number }) =>
    get<{ items: PetitionListItem[]; total: number }>(`/api/admin/petitions${qs(f)}`),
  petitionSummary: () => get<PetitionSummary>('/api/admin/petitions/summary'),
  petitionCategories: () => get<{ items: Array<{ id: string; name: string }> }>('/api/petitions/categories'),
  petition: (id: string) => get<PetitionDetail>(`/api/admin/petitions/${encodeURIComponent(id)}`),
  assignPetition: (id: string, assigneeId: string | null) => post<PetitionDetail>(`/api/admin/petitions/${encodeURIComponent(id)}/assign`, { assigneeId }),
  notePetition: (id: string, text: string) => post<PetitionDetail>(`/api/admin/petitions/${encodeURIComponent(id)}/notes`, { text }),
  replyPetition: (id: string, text: string) => post<PetitionDetail>(`/api/admin/petitions/${encodeURIComponent(id)}/replies`, { text }),
  closePetition: (id: string) => post<PetitionDetail>(`/api/admin/petitions/${encodeURIComponent(id)}/close`),
  outOfScopePetition: (id: string, reason: string) => post<PetitionDetail>(`/api/admin/petitions/${encodeURIComponent(id)}/out-of-scope`, { reason }),
  publishPetition: (id: string, summary: string, answer: string) => post<PetitionDetail>(`/api/admin/petitions/${encodeURIComponent(id)}/publish`, { summary, answer }),
  unpublishPetition: (id: string) => post<PetitionDetail>(`/api/admin/petitions/${encodeURIComponent(id)}/unpublish`),

  unanswered: (sort: UnansweredSort, limit = 100) => get<{ items: UnansweredQuestion[] }>(`/api/admin/questions/unanswered${qs({ limit, sort })}`),
  linkQuestionGroup: (signature: string, procedureId: string, phrase?: string) =>
    post<{ phrase: string }>('/api/admin/questions/groups/link', { signature, procedureId, ...(phrase === undefined ? {} : { phrase }) }),
  questionGroupOutOfScope: (signature: string) => post<{ ok: true }>('/api/admin/questions/groups/out-of-scope', { signature }),
  /** The learned aliases as a patch for content/ (a download: the session cookie goes with the link). */
  aliasesExportUrl: '/api/admin/aliases/export',
  /** The examples staff labelled, as a patch for content/examples/ (validated by content:check). */
  examplesExportUrl: '/api/admin/examples/export',
  /** The public catalog search the Mini App uses; `signal` cancels a search overtaken by typing. */
  searchProcedures: (q: string, signal?: AbortSignal) => request<{ items: ProcedureSummary[] }>('GET', `/api/procedures${qs({ q, limit: 6 })}`, undefined, signal),

  // An empty date is sent as it is, so the server names the field that needs a date.
  report: (from: string, to: string) => get<Report>(`/api/admin/reports?${new URLSearchParams({ from, to }).toString()}`),
  /** A file or printable page of the report: plain links work since the session is a same-origin cookie. */
  reportUrl: (from: string, to: string, format: ReportFormat) => `/api/admin/reports?${new URLSearchParams({ from, to, format }).toString()}`,

  // Printed material: plain download links (the session is a same-origin cookie).
  fields: () => get<{ items: FieldCount[] }>('/api/fields'),
  /** Every procedure of the catalog (the public list, without a search). */
  allProcedures: () => get<{ items: ProcedureSummary[] }>('/api/procedures'),
  leafletUrl: (id: string, size: LeafletSize) => `/api/admin/print/procedures/${encodeURIComponent(id)}/leaflet.pdf${qs({ size })}`,
  fieldPosterUrl: (field: string, size?: PosterSize) => `/api/admin/print/fields/${encodeURIComponent(field)}/poster.pdf${qs({ size })}`,
  catalogPosterUrl: (size?: PosterSize) => `/api/admin/print/poster.pdf${qs({ size })}`,
  bookletUrl: '/api/admin/print/booklet.pdf',

  // The loudspeaker radio: scripts as JSON for the preview, files as links.
  radioStatus: () => get<{ tts: TtsStatus }>('/api/admin/radio/status'),
  radioBulletin: (id: string) => get<RadioScript>(`/api/admin/radio/announcements/${encodeURIComponent(id)}`),
  radioBulletinUrl: (id: string, file: RadioFile) => `/api/admin/radio/announcements/${encodeURIComponent(id)}/${file}`,
  radioColumn: (month: string) => get<RadioScript>(`/api/admin/radio/columns/${encodeURIComponent(month)}`),
  radioColumnUrl: (month: string, file: RadioFile) => `/api/admin/radio/columns/${encodeURIComponent(month)}/${file}`,

  communes: () => get<{ items: CommuneItem[] }>('/api/admin/communes'),
  addCommune: (c: { id: string; name: string; provinceId: string; oaId: string; hotline?: string }) => post<CommuneItem>('/api/admin/communes', c),
  // The OA connection (src/zalo/admin-routes.ts).
  // `commune`: the OA a province admin picked (staff/guard.ts); a commune's staff act on their own.
  zaloStatus: (commune?: string) => get<ZaloStatus>(`/api/admin/zalo/status${communeQuery(commune)}`),
  zaloOas: () => get<{ oas: OaHealth[] }>('/api/admin/zalo/oas'),
  zaloResume: (commune?: string) => post<{ resumed: boolean; held: number }>(`/api/admin/zalo/resume${communeQuery(commune)}`),
  zaloConnect: (commune?: string) => post<{ url: string }>(`/api/admin/zalo/connect${communeQuery(commune)}`),
  zaloParked: () => get<{ events: ParkedEvent[] }>('/api/admin/zalo/parked'),
  zaloHumanHands: (commune?: string) => get<{ residents: HumanHandsResident[] }>(`/api/admin/zalo/human${communeQuery(commune)}`),
  zaloHandBack: (userId: string, commune?: string) => post<{ ok: true }>(`/api/admin/zalo/human/${encodeURIComponent(userId)}/hand-back${communeQuery(commune)}`),

  users: () => get<{ items: StaffUser[] }>('/api/admin/users'),
  createUser: (u: { username: string; displayName: string; password: string; roles: Role[] }) => post<StaffUser>('/api/admin/users', u),
  updateUser: (id: string, patch: { displayName?: string; roles?: Role[]; active?: boolean; password?: string }) =>
    request<StaffUser>('PATCH', `/api/admin/users/${encodeURIComponent(id)}`, patch),
};
