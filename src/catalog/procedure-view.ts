import { DOCUMENT_FORMS, FIELDS, HANDLERS, ONLINE_LEVELS, SUBMIT_CHANNELS, type Procedure } from './schema.js';
import { onlineLevelPlain } from '../assistant/answers.js';

/** A procedure as the public API returns it: facts plus the labels a page needs. */
export function procedureView(p: Procedure) {
  return {
    id: p.id,
    code: p.code,
    codeConfirmed: p.code_confirmed,
    name: p.name,
    field: p.field,
    fieldLabel: FIELDS[p.field],
    handledBy: HANDLERS[p.handled_by],
    agency: p.agency,
    applicants: p.applicants,
    aliases: p.aliases,
    documents: p.documents.map((d) => ({ name: d.name, form: d.form ? DOCUMENT_FORMS[d.form] : null, count: d.count ?? null, note: d.note ?? null })),
    steps: p.steps,
    timeLimit: p.time_limit,
    fee: p.fee,
    feeExemptions: p.fee_exemptions ?? null,
    submit: p.submit.map((s) => SUBMIT_CHANNELS[s]),
    submitNote: p.submit_note ?? null,
    onlineLevel: p.online_level,
    onlineLevelLabel: ONLINE_LEVELS[p.online_level],
    onlineLevelPlain: onlineLevelPlain(p.online_level),
    portalUrl: p.portal_url,
    legalBasis: p.legal_basis,
    unconfirmed: p.unconfirmed,
    sources: p.sources,
    lastReviewed: p.last_reviewed,
    guidance: p.body,
  };
}

export type ProcedureView = ReturnType<typeof procedureView>;

/** The short form used in search results and lists. */
export function procedureSummary(p: Procedure) {
  return { id: p.id, code: p.code, name: p.name, field: p.field, fieldLabel: FIELDS[p.field], onlineLevel: p.online_level };
}
