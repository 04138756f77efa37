import type { Catalog, CatalogSnapshot } from '../catalog/catalog.js';
import type { Commune } from './registry.js';

/**
 * The catalog as one commune sees it: the shared procedures, index and model, with that commune's
 * own profile (hotlines, hours, desk, OA). Nothing is copied but the snapshot's small envelope, so
 * memory stays flat in the number of communes.
 *
 * This is the smallest adapter over today's single-profile catalog; when the layered catalog
 * (`catalog.forCommune`) lands, this delegates to it.
 */
export function communeCatalog(catalog: Catalog, commune: Commune): Catalog {
  const layered = (catalog as Catalog & { forCommune?: (id: string) => Catalog }).forCommune;
  if (layered) return layered.call(catalog, commune.id);
  if (!commune.profile) return catalog;
  const profile = commune.profile;
  let base: CatalogSnapshot | undefined;
  let view: CatalogSnapshot | undefined;
  return Object.create(catalog, {
    current: {
      get(): CatalogSnapshot {
        const now = catalog.current;
        if (now !== base) {
          base = now;
          view = { ...now, content: { ...now.content, commune: profile } };
        }
        return view!;
      },
    },
  }) as Catalog;
}

/** One view per commune, rebuilt when the commune's record changes (a reload of the registry). */
export function createCommuneCatalogs(catalog: Catalog) {
  const views = new WeakMap<Commune, Catalog>();
  return (commune: Commune): Catalog => {
    let view = views.get(commune);
    if (!view) {
      view = communeCatalog(catalog, commune);
      views.set(commune, view);
    }
    return view;
  };
}
