import { DOCUMENT_FORMS, FIELDS, SUBMIT_CHANNELS, type Commune, type Procedure, type ProvinceFact } from './schema.js';
import { canSubmitOnline, onlineLevelPlain, phoneLabel } from './labels.js';
import { publicFact, uncertainTopics, uncertaintyLine, whereFact, type UncertainTopic } from './public-text.js';

/** One document to bring: name, form and count, and its condition (the `note`). */
export interface PublicDocument {
  name: string;
  detail?: string;
  condition?: string;
}

/**
 * Everything residents are told about one procedure, on every channel: the chat, the Mini App, the
 * public page and printed material all draw from this and never from the raw catalog entry, so
 * internal notes (sources, other provinces' figures) cannot reach a resident through a second path,
 * and no channel drops a condition another shows.
 */
export interface PublicFacts {
  id: string;
  name: string;
  code: string | null;
  fieldLabel: string;
  communeName: string;
  applicants?: string;
  documents: PublicDocument[];
  steps: string[];
  time: string;
  fee: string;
  feeExemptions?: string;
  where: string;
  /** True only for the two online levels; `online` then says how far online goes. */
  canSubmitOnline: boolean;
  online: string;
  /** The national portal's page of this procedure (only worth a button when it can be done online). */
  portalUrl: string;
  /** The one plain line for what the catalog is unsure about, with the hotline. */
  caution?: string;
  /** Which facts that line is about (a reply about the fee shows it only if the fee is uncertain). */
  uncertain: UncertainTopic[];
  hotline: { label: string; number: string };
  desk: { name: string; location: string; hours: string };
  /** The procedure's public page: what the QR code opens. */
  url: string;
  /** The acts that set the facts a province or commune gave (a reply or page cites them). */
  citations: PublicCitation[];
  /** The province's and then the commune's own notes on this procedure, each with its source. */
  notes: PublicNote[];
}

/** Which public fact a layer's act sets. */
export type CitedFact = 'fee' | 'feeExemptions' | 'time' | 'where' | 'online' | 'portal';
export interface PublicCitation {
  fact: CitedFact;
  layer: 'national' | 'province' | 'commune';
  source: string;
  url?: string;
}
export interface PublicNote {
  text: string;
  layer: 'province' | 'commune';
  source: string;
  url?: string;
}

const CITED: Record<ProvinceFact, CitedFact> = {
  fee: 'fee',
  fee_exemptions: 'feeExemptions',
  time_limit: 'time',
  submit_note: 'where',
  online_level: 'online',
  portal_url: 'portal',
};

/** Confirmed facts only: a figure its own layer doubts is not presented as set by an act. */
function citationsOf(p: Procedure): PublicCitation[] {
  return Object.entries(p.origins ?? {}).flatMap(([fact, origin]) =>
    origin && !origin.unconfirmed ? [{ fact: CITED[fact as ProvinceFact], layer: origin.layer, source: origin.source, ...(origin.url ? { url: origin.url } : {}) }] : [],
  );
}

/** What residents are told when the catalog has nothing printable for a fact. */
const ASK_DESK = 'Ông/bà hỏi Bộ phận Một cửa của xã để biết cụ thể';

function documentDetail(d: Procedure['documents'][number]): string | undefined {
  const parts = [d.form ? DOCUMENT_FORMS[d.form] : undefined, d.count ? `${d.count} bản` : undefined].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

function onlineText(p: Procedure, commune: Commune, call: string): string {
  const plain = onlineLevelPlain(p.online_level).replace(/\.$/, '');
  // Printed without "https://", which readers need not type and which wraps badly.
  const portal = commune.national_portal.url.replace(/^https?:\/\//, '').replace(/\/$/, '');
  switch (p.online_level) {
    case 'toan_trinh':
    case 'mot_phan':
      return `${plain}. Địa chỉ: ${portal}`;
    case 'truc_tiep':
      return `${plain}.`;
    default:
      // Unknown level: no claim either way, only where to check.
      return `Xã chưa có thông tin thủ tục này có nộp trực tuyến được hay không. ${plain} (${portal}) hoặc gọi ${call}.`;
  }
}

/** What residents are told about one procedure of one commune; `url` is its public page. */
export function publicFacts(p: Procedure, commune: Commune, url: string): PublicFacts {
  const hotline = commune.hotlines[0]!;
  const call = phoneLabel(hotline);
  const fee = publicFact(p.fee) ?? ASK_DESK;
  const channels = p.submit.filter((s) => s !== 'truc_tuyen').map((s) => SUBMIT_CHANNELS[s]);
  const note = whereFact(p.submit_note);
  const where = [channels.length ? `${channels.join(', ')}.` : '', note ? `${note}.` : ''].filter(Boolean).join(' ') || `${ASK_DESK}.`;
  const hours = [commune.office_hours.weekdays, commune.office_hours.saturday].join('. ');
  return {
    id: p.id,
    name: p.name,
    code: p.code,
    fieldLabel: FIELDS[p.field],
    communeName: commune.name,
    applicants: publicFact(p.applicants),
    documents: p.documents.map((d) => ({ name: publicFact(d.name) ?? d.name, detail: documentDetail(d), condition: publicFact(d.note) })),
    steps: p.steps.map((s) => publicFact(s) ?? s),
    time: publicFact(p.time_limit) ?? ASK_DESK,
    fee,
    feeExemptions: publicFact(p.fee_exemptions),
    where,
    canSubmitOnline: canSubmitOnline(p.online_level),
    online: onlineText(p, commune, call),
    portalUrl: p.portal_url,
    caution: uncertaintyLine({ unconfirmed: p.unconfirmed, fee, call }),
    uncertain: uncertainTopics(p.unconfirmed),
    hotline: { label: hotline.label, number: call },
    desk: { name: commune.desk.name, location: commune.desk.location, hours },
    url,
    citations: citationsOf(p),
    notes: (p.notes ?? []).map((n) => ({ ...n })),
  };
}
