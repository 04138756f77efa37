import type { Catalog } from '../catalog/catalog.js';

/** Where a petition's place is now: the old unit its address names and the new unit(s) it went into. */
export interface PetitionPlace {
  /** "xã Tân Dân (huyện An Lão)": the unit the resident wrote, from before 1 July 2025. */
  old: string;
  /** The new units (several when the old one was split), and this deployment's commune for each, if any. */
  now: Array<{ unit: string; share: 'toan_bo' | 'mot_phan'; communeId: string | null }>;
  source: string;
}

/**
 * Residents still write the address they knew ("xã Quốc Tuấn, huyện Nam Sách"): the desk sees
 * which commune that is now, from the province layer's old → new list. Null when the address names
 * no old unit (or names one whose district it does not say and several districts have it).
 */
export function petitionPlace(catalog: Catalog, address: string | null | undefined): PetitionPlace | null {
  if (!address?.trim()) return null;
  const found = catalog.oldCommunes().resolve(address);
  if (found.kind !== 'found') return null;
  const { old } = found;
  return {
    old: `${old.unit} (${old.district})`,
    now: old.targets.map((t) => ({ unit: t.unit, share: t.share, communeId: t.commune?.id ?? null })),
    source: old.source,
  };
}
