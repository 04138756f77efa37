import { createHash } from 'node:crypto';
import { DOCUMENT_FORMS, ONLINE_LEVELS, type Procedure } from '../catalog/schema.js';

/**
 * What residents are told about when it changes: the documents to bring (with their form, count
 * and conditions), the fee (and its exemptions), the time limit and the online level. Wording of
 * the guidance, legal basis or sources may change without an alert.
 */
export const WATCHED = ['documents', 'fee', 'time', 'online'] as const;
export type Watched = (typeof WATCHED)[number];

export type WatchedFacts = Record<Watched, string[]>;

export const WATCHED_LABELS: Record<Watched, string> = {
  documents: 'giấy tờ cần nộp',
  fee: 'lệ phí',
  time: 'thời hạn giải quyết',
  online: 'mức nộp trực tuyến',
};

export function watchedFacts(p: Procedure): WatchedFacts {
  return {
    documents: p.documents.map((d) => [d.name, d.form ? DOCUMENT_FORMS[d.form] : '', d.count ? `${d.count}` : '', d.note ?? ''].join(' | ')),
    fee: [p.fee, p.fee_exemptions ?? ''],
    time: [p.time_limit],
    online: [ONLINE_LEVELS[p.online_level]],
  };
}

/** A stable hash of the watched facts: equal facts, equal fingerprint, whatever else changed. */
export function fingerprintOf(facts: WatchedFacts): string {
  return createHash('sha256').update(JSON.stringify(WATCHED.map((k) => facts[k]))).digest('hex');
}

export function changedFacets(before: WatchedFacts, after: WatchedFacts): Watched[] {
  return WATCHED.filter((k) => JSON.stringify(before[k] ?? []) !== JSON.stringify(after[k]));
}
