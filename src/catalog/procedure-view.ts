import { FIELDS, HANDLERS, ONLINE_LEVELS, type Commune, type Procedure } from './schema.js';
import { onlineLevelPlain } from './labels.js';
import { publicFacts } from './public-facts.js';
import { publicMarkdown } from './public-text.js';

/**
 * A procedure as the public API and page show it: the same public facts the chat and print use
 * (cleaned of internal notes, conditions kept), plus the labels a page needs. `url` is its page.
 */
export function procedureView(p: Procedure, commune: Commune, url: string) {
  const facts = publicFacts(p, commune, url);
  return {
    id: p.id,
    code: p.code,
    codeConfirmed: p.code_confirmed,
    name: p.name,
    field: p.field,
    fieldLabel: FIELDS[p.field],
    handledBy: HANDLERS[p.handled_by],
    agency: p.agency,
    applicants: facts.applicants ?? p.applicants,
    aliases: p.aliases,
    documents: facts.documents.map((d) => ({ name: d.name, form: d.detail ?? null, count: null, note: d.condition ?? null })),
    steps: facts.steps,
    timeLimit: facts.time,
    fee: facts.fee,
    feeExemptions: facts.feeExemptions ?? null,
    submitNote: facts.where,
    onlineLevel: p.online_level,
    onlineLevelLabel: ONLINE_LEVELS[p.online_level],
    onlineLevelPlain: onlineLevelPlain(p.online_level),
    canSubmitOnline: facts.canSubmitOnline,
    online: facts.online,
    portalUrl: p.portal_url,
    legalBasis: p.legal_basis,
    /** The one plain line about what may differ locally (with the hotline), or null. */
    caution: facts.caution ?? null,
    sources: p.sources,
    lastReviewed: p.last_reviewed,
    guidance: publicMarkdown(p.body),
    /** The acts behind the facts a province or commune set (fee, time…), to cite beside them. */
    citations: facts.citations,
    /** The province's and the commune's own notes, each with its source. */
    notes: facts.notes,
  };
}

export type ProcedureView = ReturnType<typeof procedureView>;

/** The short form used in search results and lists. */
export function procedureSummary(p: Procedure) {
  return { id: p.id, code: p.code, name: p.name, field: p.field, fieldLabel: FIELDS[p.field], onlineLevel: p.online_level };
}
