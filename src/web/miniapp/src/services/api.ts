import { readJson, send } from '../../../shared/api-error';
import { settings } from '../settings';
import { zaloAccessToken } from './zalo';
import type {
  Commune,
  DossierLookup,
  Field,
  FieldId,
  NewsArticle,
  NewsPage,
  OldCommune,
  PetitionCategory,
  PetitionForm,
  PetitionReceipt,
  PetitionStatusView,
  Procedure,
  ProcedureSummary,
  Subscriptions,
} from './types';

export { ApiError, errorMessage, formErrorMessage, isAbort } from '../../../shared/api-error';

interface Options {
  signal?: AbortSignal;
  /** Send the resident's Zalo token (inside Zalo only): petitions are tied to their account. */
  identify?: boolean;
  method?: 'GET' | 'POST' | 'PUT';
  body?: unknown;
}

export async function request<T>(path: string, o: Options = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (o.body !== undefined) headers['Content-Type'] = 'application/json';
  if (o.identify) {
    const token = await zaloAccessToken();
    if (token) headers['X-Zalo-Access-Token'] = token;
  }
  const res = await send(`${settings.apiBaseUrl}${path}`, {
    method: o.method ?? 'GET',
    headers,
    body: o.body === undefined ? undefined : JSON.stringify(o.body),
    signal: o.signal,
  });
  return readJson<T>(res);
}

/** A query string from the defined, non-empty parameters ("?q=…&limit=30" or ""). */
export const qs = (params: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** The commune the resident chose (undefined: the deployment's first commune). */
let communeScope: string | undefined;
export function setCommuneScope(id: string | undefined): void {
  communeScope = id;
}
/**
 * The API path of the chosen commune's own data (`/news` → `/api/communes/xa-an-quang/news`): its
 * news, petitions, subscriptions, quizzes and survey are its own, not the first commune's.
 */
export const inCommune = (path: string) => (communeScope ? `/api/communes/${encodeURIComponent(communeScope)}${path}` : `/api${path}`);

/** The public API the Mini App uses. */
export const api = {
  commune: (signal?: AbortSignal) => request<Commune>(communeScope ? inCommune('/profile') : '/api/commune', { signal }),
  oldCommunes: (q: string, signal?: AbortSignal) => request<{ items: OldCommune[]; total: number }>(`/api/old-communes${qs({ q, limit: 20 })}`, { signal }),
  fields: (signal?: AbortSignal) => request<{ items: Field[] }>('/api/fields', { signal }),
  searchProcedures: (q: string, field: FieldId | undefined, signal?: AbortSignal) =>
    request<{ items: ProcedureSummary[]; total: number }>(`/api/procedures${qs({ q, field, limit: 30 })}`, { signal }),
  procedure: (id: string, signal?: AbortSignal) => request<Procedure>(inCommune(`/procedures/${encodeURIComponent(id)}`), { signal }),
  news: (page: number, pageSize: number, signal?: AbortSignal) => request<NewsPage>(inCommune(`/news${qs({ page, pageSize })}`), { signal }),
  article: (id: string, signal?: AbortSignal) => request<NewsArticle>(inCommune(`/news/${encodeURIComponent(id)}`), { signal }),
  petitionCategories: (signal?: AbortSignal) => request<{ items: PetitionCategory[]; note: string }>(inCommune('/petitions/categories'), { signal }),
  submitPetition: (form: PetitionForm) => request<PetitionReceipt>(inCommune('/petitions'), { method: 'POST', body: form, identify: true }),
  myPetitions: (signal?: AbortSignal) => request<{ items: PetitionStatusView[] }>(inCommune('/petitions/mine'), { signal, identify: true }),
  subscriptions: (signal?: AbortSignal) => request<Subscriptions>(inCommune('/subscriptions'), { signal, identify: true }),
  saveSubscriptions: (topics: string[]) => request<Subscriptions>(inCommune('/subscriptions'), { method: 'PUT', body: { topics }, identify: true }),
  trackPetition: (code: string, signal?: AbortSignal) =>
    request<PetitionStatusView | DossierLookup>(inCommune(`/petitions/${encodeURIComponent(code)}`), { signal, identify: true }),
};
