import { NotFound } from '../errors.js';
import type { CatalogSnapshot, RuntimeCommune } from './catalog.js';
import { communeProfile, withCommuneNotes, withProvince, type CommuneProfile } from './commune-view.js';
import type { ProvinceLayer } from './load-layers.js';
import type { Procedure } from './schema.js';

type Notes = Record<string, Array<{ value: string; source: string; url?: string }>>;

/**
 * Each commune's snapshot over the shared one: its profile, its province's facts, its own notes.
 * Built lazily and cached until the shared snapshot changes (a reload or a retraining); a
 * province's merged procedures are built once and shared by all its communes, so memory stays
 * flat in the number of communes.
 */
export function createCommuneViews(shared: () => CatalogSnapshot) {
  let viewsOf: CatalogSnapshot | undefined;
  // Keyed by commune; a run-time commune's entry remembers the record it was built from, so an
  // edited record (a new profile or setting) is seen without waiting for a reload of the content.
  const views = new Map<string, { runtime: RuntimeCommune | undefined; snapshot: CatalogSnapshot }>();
  const provinceProcedures = new Map<string, { list: Procedure[]; byId: Map<string, Procedure> }>();

  function mergedFor(base: CatalogSnapshot, layer: ProvinceLayer | undefined) {
    const key = layer?.province.id ?? '';
    let merged = provinceProcedures.get(key);
    if (!merged) {
      const list = layer ? base.content.procedures.map((p) => withProvince(p, layer)) : base.content.procedures;
      merged = { list, byId: new Map(list.map((p) => [p.id, p])) };
      provinceProcedures.set(key, merged);
    }
    return merged;
  }

  function view(base: CatalogSnapshot, profile: CommuneProfile, layer: ProvinceLayer | undefined, notes: Notes): CatalogSnapshot {
    let { list, byId } = mergedFor(base, layer);
    if (Object.keys(notes).length > 0) {
      list = list.map((p) => withCommuneNotes(p, notes[p.id]));
      byId = new Map(list.map((p) => [p.id, p]));
    }
    // Search and teaching stay the shared index's; only what a procedure id gives is the commune's.
    const index = { ...base.index, get: (id: string) => byId.get(id) };
    return { ...base, index, content: { ...base.content, commune: profile, procedures: list } };
  }

  function build(base: CatalogSnapshot, communeId: string, runtime: RuntimeCommune | undefined): CatalogSnapshot | undefined {
    const { layers } = base.content;
    if (layers.legacy) return communeId === base.content.commune.id ? view(base, base.content.commune, undefined, {}) : undefined;
    for (const layer of layers.provinces) {
      const file = layer.communes.find((c) => c.id === communeId);
      if (!file) continue;
      const { procedure_notes, ...own } = file;
      return view(base, communeProfile(layers.national, layer.province, own), layer, procedure_notes);
    }
    if (!runtime) return undefined;
    // A commune added at run time: its stored profile over its province's layer.
    const layer = layers.provinces.find((l) => l.province.id === runtime.provinceId) ?? layers.provinces[0];
    const profile: CommuneProfile = layer
      ? communeProfile(layers.national, layer.province, { ...runtime.profile, id: communeId })
      : { ...runtime.profile, id: communeId, provinceId: base.content.commune.provinceId };
    return view(base, profile, layer, {});
  }

  /** The snapshot one commune sees; NotFound for a commune neither the content nor `runtime` describes. */
  return function snapshotFor(communeId: string, runtime?: RuntimeCommune): CatalogSnapshot {
    const base = shared();
    if (viewsOf !== base) {
      views.clear();
      provinceProcedures.clear();
      viewsOf = base;
    }
    const cached = views.get(communeId);
    if (cached && (runtime === undefined || cached.runtime === runtime)) return cached.snapshot;
    const snapshot = build(base, communeId, runtime);
    if (!snapshot) throw new NotFound('Không có xã này trong hệ thống.');
    views.set(communeId, { runtime, snapshot });
    return snapshot;
  };
}
