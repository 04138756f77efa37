import { PROVINCE_FACTS, type Commune, type Procedure, type ProvinceFact } from './schema.js';
import type { FactOrigin, LayerNote, National, Province } from './layer-schema.js';
import type { Layers, ProvinceLayer } from './load-layers.js';
import { LEGACY_COMMUNE_ID, LEGACY_PROVINCE_ID } from './load-layers.js';
import { uncertainTopics } from './public-text.js';

/** A commune's profile as every channel reads it: its own facts over its province's and the nation's. */
export interface CommuneProfile extends Commune {
  id: string;
  provinceId: string;
  /** The official unit after the 2025 arrangement ("xã An Lão"), when the profile names it. */
  unit?: string;
}

/** What `GET /api/communes` and the Mini App's commune picker list. */
export interface CommuneListing {
  id: string;
  name: string;
  unit: string | null;
  provinceId: string;
  province: string;
  oaId: string | null;
  example: boolean;
}

/** The national `unconfirmed` items a confirmed provincial fact settles (they are about it). */
function settledBy(fact: ProvinceFact, item: string): boolean {
  const topics = uncertainTopics([item]);
  switch (fact) {
    case 'fee':
      return topics.includes('fee') && !/miễn|giảm/iu.test(item);
    case 'time_limit':
      return topics.includes('time');
    case 'submit_note':
      return topics.includes('where');
    case 'online_level':
      return /trực tuyến/iu.test(item) && topics.length === 0;
    default:
      return false;
  }
}

/** The staff-facing line for a provincial fact its own layer marks as unconfirmed. */
function unconfirmedLine(fact: ProvinceFact, province: string): string | undefined {
  switch (fact) {
    case 'fee':
      return `Mức lệ phí ở ${province} chưa được xác nhận`;
    case 'fee_exemptions':
      return `Các trường hợp miễn, giảm lệ phí ở ${province} chưa được xác nhận`;
    case 'time_limit':
      return `Thời hạn giải quyết ở ${province} chưa được xác nhận`;
    case 'online_level':
      return `Mức dịch vụ trực tuyến ở ${province} chưa được xác nhận`;
    case 'submit_note':
      return `Nơi nhận hồ sơ ở ${province} chưa được xác nhận`;
    case 'portal_url':
      return undefined;
  }
}

/**
 * A national procedure with its province's facts on top: each provincial fact replaces the
 * national one and records its source; national doubts the province settles are dropped, and
 * the province's own doubts added. Without a provincial entry the national object is returned
 * as is (shared, not copied).
 */
export function withProvince(p: Procedure, layer: ProvinceLayer): Procedure {
  const entry = layer.procedures.get(p.id);
  if (!entry) return p;
  const merged: Procedure = { ...p, origins: { ...p.origins }, notes: [...(p.notes ?? [])] };
  const doubts: string[] = [];
  const urls: string[] = [];
  let unconfirmed = p.unconfirmed;
  for (const fact of PROVINCE_FACTS) {
    const given = entry[fact];
    if (!given) continue;
    Object.assign(merged, { [fact]: given.value });
    const origin: FactOrigin = { layer: 'province', source: given.source, ...(given.url ? { url: given.url } : {}), ...(given.unconfirmed ? { unconfirmed: true } : {}) };
    merged.origins![fact] = origin;
    if (given.url) urls.push(given.url);
    if (given.unconfirmed) {
      const line = unconfirmedLine(fact, layer.province.name);
      if (line) doubts.push(line);
    } else unconfirmed = unconfirmed.filter((item) => !settledBy(fact, item));
  }
  for (const note of entry.notes) {
    merged.notes!.push({ text: note.value, layer: 'province', source: note.source, ...(note.url ? { url: note.url } : {}) });
    if (note.url) urls.push(note.url);
  }
  merged.unconfirmed = [...unconfirmed, ...doubts];
  merged.sources = [...new Set([...p.sources, ...urls])];
  merged.last_reviewed = entry.last_reviewed > p.last_reviewed ? entry.last_reviewed : p.last_reviewed;
  return merged;
}

/** The commune's own notes added after the province's (a new object only for those procedures). */
export function withCommuneNotes(p: Procedure, notes: ReadonlyArray<{ value: string; source: string; url?: string }> | undefined): Procedure {
  if (!notes?.length) return p;
  const added: LayerNote[] = notes.map((n) => ({ text: n.value, layer: 'commune', source: n.source, ...(n.url ? { url: n.url } : {}) }));
  return { ...p, notes: [...(p.notes ?? []), ...added] };
}

/** The profile every channel reads: national portals, the province's name and portal, the commune's own facts. */
export function communeProfile(national: National, province: Province, own: Omit<Commune, 'province' | 'national_portal' | 'province_portal' | 'feedback_portal'> & { id: string; unit?: string }): CommuneProfile {
  return {
    ...own,
    provinceId: province.id,
    province: province.name,
    national_portal: national.national_portal,
    feedback_portal: national.feedback_portal,
    province_portal: { name: province.portal.name, url: province.portal.url, lookup_url: province.portal.lookup_url },
  };
}

/** The profile of a one-commune (legacy) content folder. */
export function legacyProfile(commune: Commune): CommuneProfile {
  return { ...commune, id: LEGACY_COMMUNE_ID, provinceId: LEGACY_PROVINCE_ID };
}

/** Every commune the content declares, in order (the first is the default commune). */
export function listCommunes(layers: Layers): CommuneListing[] {
  if (layers.legacy) {
    const c = layers.legacy;
    return [{ id: LEGACY_COMMUNE_ID, name: c.name, unit: null, provinceId: LEGACY_PROVINCE_ID, province: c.province, oaId: c.zalo_oa_id ?? null, example: c.example }];
  }
  return layers.provinces.flatMap((l) =>
    l.communes.map((c) => ({ id: c.id, name: c.name, unit: c.unit, provinceId: l.province.id, province: l.province.name, oaId: c.zalo_oa_id, example: c.example })),
  );
}
