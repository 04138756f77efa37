import type { Catalog, CatalogSnapshot } from '../catalog/catalog.js';
import type { CommuneListing } from '../catalog/commune-view.js';
import type { Commune as CommuneProfile } from '../catalog/schema.js';
import type { Commune, CommuneRegistry } from './registry.js';

const NOT_YET = 'Chưa cập nhật (xã mới được thêm, hồ sơ đang chờ bổ sung)';

/** The label of the one hotline a province admin gives when adding a commune. */
export const RUNTIME_HOTLINE_LABEL = 'Đường dây nóng UBND xã';

/**
 * The profile of a commune added at run time before its profile file exists: its own name, and in
 * place of another commune's address, hours and numbers, "not yet updated" and its own hotline
 * when one was given, else the national one. A resident of one commune must never be given
 * another commune's hotline.
 */
export function provisionalProfile(base: CommuneProfile, commune: Pick<Commune, 'id' | 'name' | 'oaId' | 'example'>, hotline?: string): CommuneProfile {
  // What is only the base commune's own (its unit, radio station, OA page, sending hours) is not carried over.
  const { unit: _unit, radio: _radio, zalo_oa_url: _oaUrl, send_hours: _hours, ...shared } = base as CommuneProfile & { unit?: string };
  return {
    ...shared,
    ...({ id: commune.id } as object),
    example: commune.example,
    name: commune.name,
    address: NOT_YET,
    office_hours: { weekdays: NOT_YET, saturday: NOT_YET },
    desk: { name: base.desk.name, location: NOT_YET },
    hotlines: hotline ? [{ label: RUNTIME_HOTLINE_LABEL, number: hotline, example: false }] : [base.national_portal.hotline],
    zalo_oa_id: commune.oaId,
  };
}

type Layered = Catalog & { forCommune?: (id: string, runtime?: { provinceId?: string; profile: CommuneProfile }) => Catalog };

/**
 * The catalog as one commune sees it: the shared procedures, index and model, with that commune's
 * own profile (hotlines, hours, desk, OA). Nothing is copied but the snapshot's small envelope, so
 * memory stays flat in the number of communes. With the layered catalog (`catalog.forCommune`)
 * this is that commune's layered view; a commune only in the database gets its stored profile.
 */
export function communeCatalog(catalog: Catalog, commune: Commune, isDefault: boolean): Catalog {
  const layered = (catalog as Layered).forCommune;
  const base = catalog.current.content.commune;
  const profile = commune.profile ?? (isDefault ? undefined : provisionalProfile(base, commune));
  if (layered) {
    // A commune the content declares has its layered profile; one only in the database, its own.
    const declared = (catalog as Catalog & { hasCommune?: (id: string) => boolean }).hasCommune?.(commune.id) ?? false;
    const runtimeProfile = commune.profile ?? provisionalProfile(base, commune);
    return layered.call(catalog, commune.id, declared ? undefined : { provinceId: commune.provinceId, profile: runtimeProfile });
  }
  if (!profile) return catalog;
  let seen: CatalogSnapshot | undefined;
  let view: CatalogSnapshot | undefined;
  return Object.create(catalog, {
    current: {
      get(): CatalogSnapshot {
        const now = catalog.current;
        if (now !== seen) {
          seen = now;
          view = { ...now, content: { ...now.content, commune: { ...profile, id: commune.id, provinceId: commune.provinceId } as typeof now.content.commune } };
        }
        return view!;
      },
    },
  }) as Catalog;
}

/** One view per commune, rebuilt when the commune's record changes (a reload of the registry). */
export function createCommuneCatalogs(catalog: Catalog, defaultCommuneId: () => string | undefined) {
  const views = new WeakMap<Commune, Catalog>();
  return (commune: Commune): Catalog => {
    let view = views.get(commune);
    if (!view) {
      view = communeCatalog(catalog, commune, commune.id === defaultCommuneId());
      views.set(commune, view);
    }
    return view;
  };
}

/**
 * The view of a commune this deployment serves, looked up in the registry (communes the content
 * declares and those added at run time alike; a commune added by another process is found at
 * once); undefined for an unknown or inactive commune. Public routes that take a commune from the
 * URL use this, never the content's own list.
 */
export function servedCommuneCatalog(communes: Pick<CommuneRegistry, 'byId'>, viewOf: (commune: Commune) => Catalog) {
  return async (communeId: string): Promise<Catalog | undefined> => {
    const commune = await communes.byId(communeId);
    return commune?.active ? viewOf(commune) : undefined;
  };
}

/**
 * The official unit a commune added at run time is ("xã Tân Tiến"): its profile's, else its name
 * without the council's title ("UBND xã Tân Tiến" → "xã Tân Tiến"), as the old → new list names units.
 */
export function communeUnit(commune: Pick<Commune, 'name' | 'profile'>): string {
  const own = (commune.profile as { unit?: string } | undefined)?.unit;
  return own ?? commune.name.replace(/^(?:UBND|Ủy ban nhân dân)\s+/iu, '').trim();
}

/**
 * The active communes of the registry that the content does not declare, as the old-commune
 * picker links them: a resident whose old commune went into a unit served here can choose it.
 */
export function addedCommuneListings(communes: Pick<CommuneRegistry, 'list'>, catalog: Pick<Catalog, 'hasCommune'>, viewOf: (commune: Commune) => Catalog) {
  return async (): Promise<CommuneListing[]> =>
    (await communes.list())
      .filter((c) => c.active && !catalog.hasCommune(c.id))
      .map((c) => ({ id: c.id, name: c.name, unit: communeUnit(c), provinceId: c.provinceId, province: viewOf(c).current.content.commune.province, oaId: c.oaId, example: c.example }));
}
