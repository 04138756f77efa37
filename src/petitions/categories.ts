import type { Catalog } from '../catalog/catalog.js';

/** A petition category from the commune profile, with its answer deadline and the deadline's stated source. */
export interface CategoryView {
  id: string;
  name: string;
  answerDays: number;
  legalSource: string;
  /** Who handles it: the desk, or the commune's leadership. */
  routeTo: 'desk' | 'leadership';
}

/** The categories as the content defines them now (a content reload is seen at once). */
export function categoriesOf(catalog: Catalog): CategoryView[] {
  return catalog.current.content.commune.petition_categories.map((c) => ({
    id: c.id,
    name: c.name,
    answerDays: c.answer_days,
    legalSource: c.legal_source,
    routeTo: c.route_to,
  }));
}

/** A one-stop system dossier code ("000.00.12.H12-250101-0001"): not ours, the province portal tracks it. */
export const DOSSIER_CODE = /\b(?:[0-9A-Z]{1,4}\.){1,4}[0-9A-Z]{2,4}-\d{6}-\d{4,5}\b/i;
