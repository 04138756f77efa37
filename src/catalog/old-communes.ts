import { containsPhrase, fold } from './fold.js';
import type { CommuneListing } from './commune-view.js';
import type { ProvinceLayer } from './load-layers.js';
import type { OldCommuneRow } from './layer-schema.js';

/**
 * Old communes → new: residents still name the commune (and district) they lived in before the
 * 2025 arrangement. The province layer's list (old-communes.csv, from the Standing Committee's
 * resolution) says which new unit each old one went into; this module finds the old unit a
 * message or a search names, folded (no marks needed), with its district when names repeat.
 */

/** A new unit an old one went into, and the commune of this deployment that it is, if any. */
export interface NewUnit {
  unit: string;
  code: string;
  /** 'mot_phan': the old unit was split and only part of it went here. */
  share: OldCommuneRow['share'];
  clause: string;
  commune: CommuneListing | null;
}

/** One old unit: its name, district and province before 1 July 2025, and where it went. */
export interface OldUnit {
  unit: string;
  district: string;
  /** The province before 1 July 2025 ("tỉnh Hải Dương"). */
  province: string;
  provinceId: string;
  /** The province the new unit is in ("Thành phố Hải Phòng"). */
  provinceName: string;
  targets: NewUnit[];
  /** The act that says so ("Nghị quyết 1669/NQ-UBTVQH15 …"), with its address. */
  source: string;
  sourceUrl: string | null;
  /** True when the province layer's list is an example, not the real one. */
  example: boolean;
}

export type OldCommuneResolution =
  | { kind: 'found'; old: OldUnit }
  /** The name exists in several districts: ask which (each candidate says where it went). */
  | { kind: 'ambiguous'; name: string; candidates: OldUnit[] }
  | { kind: 'none' };

const KINDS = ['xa', 'phuong', 'thi tran'] as const;
const DISTRICT_KINDS = ['huyen', 'quan', 'thi xa', 'thanh pho', 'tp'];

/** "xã Tân Dân" → { kind: 'xa', name: 'tan dan' }; "thành phố Chí Linh" → { kind: 'thanh pho', name: 'chi linh' }. */
function split(unit: string, kinds: readonly string[]): { kind: string; name: string } {
  const folded = fold(unit);
  const kind = kinds.find((k) => folded.startsWith(`${k} `));
  return { kind: kind ?? '', name: kind ? folded.slice(kind.length + 1) : folded };
}

interface Entry {
  old: OldUnit;
  kind: string;
  name: string;
  district: string;
}

/** Builds the resolver over every province layer's list; `communes` are this deployment's (to link new units to them). */
export function createOldCommuneResolver(provinces: readonly ProvinceLayer[], communes: readonly CommuneListing[]) {
  const byUnit = new Map(communes.filter((c) => c.unit).map((c) => [`${c.provinceId}|${fold(c.unit!)}`, c]));
  const entries: Entry[] = [];
  for (const layer of provinces) {
    const meta = layer.province.old_communes;
    if (!meta) continue;
    const grouped = new Map<string, OldUnit>();
    for (const row of layer.oldCommunes) {
      const key = `${row.old_unit}|${row.old_district}|${row.old_province}`;
      let old = grouped.get(key);
      if (!old) {
        old = { unit: row.old_unit, district: row.old_district, province: row.old_province, provinceId: layer.province.id, provinceName: layer.province.name, targets: [], source: meta.source, sourceUrl: meta.url ?? null, example: meta.example };
        grouped.set(key, old);
      }
      old.targets.push({ unit: row.new_unit, code: row.new_code, share: row.share, clause: row.clause, commune: byUnit.get(`${layer.province.id}|${fold(row.new_unit)}`) ?? null });
    }
    for (const old of grouped.values()) {
      const { kind, name } = split(old.unit, KINDS);
      entries.push({ old, kind, name, district: split(old.district, DISTRICT_KINDS).name });
    }
  }
  // Longest names first, so "an lao" inside "thi tran an lao" is read as the town, not the district.
  const names = [...new Set(entries.map((e) => e.name))].sort((a, b) => b.length - a.length);

  /** The old units a folded text names (with its kind word), narrowed by the district it names, if any. */
  function match(folded: string, needKind: boolean): OldCommuneResolution {
    for (const name of names) {
      const kindsSaid = KINDS.filter((k) => containsPhrase(folded, `${k} ${name}`));
      if (needKind ? kindsSaid.length === 0 : !containsPhrase(folded, name)) continue;
      let candidates = entries.filter((e) => e.name === name && (kindsSaid.length === 0 || kindsSaid.includes(e.kind as (typeof KINDS)[number])));
      if (candidates.length === 0) continue;
      // The rest of the message, without the unit itself, may name the district ("huyện An Lão").
      const said = kindsSaid.length ? `${kindsSaid[0]} ${name}` : name;
      const rest = ` ${folded} `.replace(` ${said} `, ' ');
      const inDistrict = candidates.filter((e) => containsPhrase(rest, e.district));
      if (inDistrict.length > 0) candidates = inDistrict;
      const distinct = [...new Map(candidates.map((e) => [`${e.old.unit}|${e.old.district}`, e.old])).values()];
      if (distinct.length === 1) return { kind: 'found', old: distinct[0]! };
      return { kind: 'ambiguous', name: distinct[0]!.unit, candidates: distinct };
    }
    return { kind: 'none' };
  }

  return {
    /** Whether any province layer has a list. */
    get size(): number {
      return entries.length;
    },
    /**
     * The old unit a resident's message names: it must say the kind ("xã Nam Hưng cũ",
     * "phường Tân Dân Chí Linh"), so ordinary words are never read as a commune.
     */
    resolve(message: string): OldCommuneResolution {
      return match(fold(message), true);
    },
    /** For a picker: old units whose name (or district) starts like the query, best first. */
    search(query: string, limit = 20): OldUnit[] {
      const q = fold(query).replace(/^(xa|phuong|thi tran) /, '');
      if (!q) return [];
      const scored = entries.flatMap((e) => {
        const full = `${e.name} ${e.district}`;
        const rank = e.name === q ? 0 : e.name.startsWith(q) ? 1 : full.startsWith(q) || ` ${full}`.includes(` ${q}`) ? 2 : -1;
        return rank < 0 ? [] : [{ e, rank }];
      });
      return scored
        .sort((a, b) => a.rank - b.rank || a.e.name.localeCompare(b.e.name) || a.e.district.localeCompare(b.e.district))
        .slice(0, limit)
        .map((s) => s.e.old);
    },
  };
}

export type OldCommuneResolver = ReturnType<typeof createOldCommuneResolver>;
