import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  communeFileSchema,
  nationalSchema,
  oldCommuneRowSchema,
  provinceProcedureSchema,
  provinceSchema,
  type CommuneFile,
  type National,
  type OldCommuneRow,
  type Province,
  type ProvinceProcedure,
} from './layer-schema.js';
import { communeSchema, type Commune, type Procedure } from './schema.js';
import type { ContentProblem } from './load-content.js';

/** One province's layer: its profile, its procedure facts, its communes and its old → new list. */
export interface ProvinceLayer {
  province: Province;
  procedures: ReadonlyMap<string, ProvinceProcedure>;
  communes: CommuneFile[];
  oldCommunes: OldCommuneRow[];
}

/**
 * The layers above the national procedures. `legacy` is a content folder of the one-commune
 * layout (content/commune.yaml, no provinces/): it still loads, as one commune without a province
 * layer, so a deployment's own content keeps working until it is split into layers.
 */
export interface Layers {
  national: National;
  provinces: ProvinceLayer[];
  legacy?: Commune;
  /** Facts a layer must supply and does not (content:check lists them; the service still runs). */
  gaps: ContentProblem[];
}

export const LEGACY_COMMUNE_ID = 'xa-vi-du';
export const LEGACY_PROVINCE_ID = 'tinh-mau';

function issues(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((i) => ({ file, field: i.path.length ? i.path.join('.') : '(file)', message: i.message }));
}

function readYamlFile<T>(dir: string, file: string, schema: z.ZodType<T>, problems: ContentProblem[]): T | undefined {
  const path = join(dir, file);
  if (!existsSync(path)) {
    problems.push({ file, field: '(file)', message: 'file is missing' });
    return undefined;
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8').normalize('NFC'));
  } catch (err) {
    problems.push({ file, field: '(yaml)', message: (err as Error).message.split('\n')[0] ?? 'invalid YAML' });
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...issues(file, parsed.error));
    return undefined;
  }
  return parsed.data;
}

function yamlNames(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.yaml')).sort() : [];
}

/**
 * old-communes.csv: a header line, then one unit per line, comma-separated, no quoting (unit names
 * hold no commas). Each row is validated; a bad row is a problem naming its line.
 */
export function parseOldCommunesCsv(file: string, csv: string, problems: ContentProblem[]): OldCommuneRow[] {
  const lines = csv.normalize('NFC').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim());
  const expected = Object.keys(oldCommuneRowSchema.shape);
  if (header.join(',') !== expected.join(',')) {
    problems.push({ file, field: '(header)', message: `must be ${expected.join(',')}` });
    return [];
  }
  const rows: OldCommuneRow[] = [];
  lines.forEach((line, i) => {
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== header.length) {
      problems.push({ file, field: `line ${i + 2}`, message: `has ${cells.length} cells, expected ${header.length}` });
      return;
    }
    const parsed = oldCommuneRowSchema.safeParse(Object.fromEntries(header.map((h, k) => [h, cells[k]])));
    if (!parsed.success) problems.push(...issues(`${file} line ${i + 2}`, parsed.error));
    else rows.push(parsed.data);
  });
  return rows;
}

function loadProvince(dir: string, id: string, procedures: ReadonlyMap<string, Procedure>, problems: ContentProblem[], gaps: ContentProblem[]): ProvinceLayer | undefined {
  const base = `provinces/${id}`;
  const province = readYamlFile(dir, `${base}/province.yaml`, provinceSchema, problems);
  if (province && province.id !== id) problems.push({ file: `${base}/province.yaml`, field: 'id', message: `must equal the folder name "${id}"` });

  const byProcedure = new Map<string, ProvinceProcedure>();
  for (const name of yamlNames(join(dir, base, 'procedures'))) {
    const file = `${base}/procedures/${name}`;
    const entry = readYamlFile(dir, file, provinceProcedureSchema, problems);
    if (!entry) continue;
    if (entry.procedure !== basename(name, '.yaml')) problems.push({ file, field: 'procedure', message: `must equal the file name "${basename(name, '.yaml')}"` });
    else if (!procedures.has(entry.procedure)) problems.push({ file, field: 'procedure', message: `"${entry.procedure}" is not a national procedure` });
    else byProcedure.set(entry.procedure, entry);
  }

  // What the national layer says the province sets, and this province does not.
  for (const p of procedures.values()) {
    for (const fact of p.province_sets) {
      if (!byProcedure.get(p.id)?.[fact]) {
        gaps.push({ file: `${base}/procedures/${p.id}.yaml`, field: fact, message: `set by the province (${p.file} lists it in province_sets) but missing here` });
      }
    }
  }

  const communes: CommuneFile[] = [];
  for (const name of yamlNames(join(dir, base, 'communes'))) {
    const file = `${base}/communes/${name}`;
    const commune = readYamlFile(dir, file, communeFileSchema, problems);
    if (!commune) continue;
    if (commune.id !== basename(name, '.yaml')) {
      problems.push({ file, field: 'id', message: `must equal the file name "${basename(name, '.yaml')}"` });
      continue;
    }
    const unknown = Object.keys(commune.procedure_notes).filter((pid) => !procedures.has(pid));
    if (unknown.length) problems.push({ file, field: 'procedure_notes', message: `unknown procedure(s): ${unknown.join(', ')}` });
    communes.push(commune);
  }

  let oldCommunes: OldCommuneRow[] = [];
  if (province?.old_communes) {
    const file = `${base}/${province.old_communes.file}`;
    if (!existsSync(join(dir, file))) problems.push({ file, field: '(file)', message: 'file is missing (named by old_communes in province.yaml)' });
    else oldCommunes = parseOldCommunesCsv(file, readFileSync(join(dir, file), 'utf8'), problems);
  }
  return province ? { province, procedures: byProcedure, communes, oldCommunes } : undefined;
}

/** Reads national.yaml and every province folder; communes must have distinct ids and OA ids. */
export function loadLayers(dir: string, procedures: readonly Procedure[], problems: ContentProblem[]): Layers | undefined {
  const byId = new Map(procedures.map((p) => [p.id, p]));
  const provincesDir = join(dir, 'provinces');
  if (!existsSync(provincesDir)) return loadLegacy(dir, problems);

  const national = readYamlFile(dir, 'national.yaml', nationalSchema, problems);
  const gaps: ContentProblem[] = [];
  const provinces: ProvinceLayer[] = [];
  const ids = readdirSync(provincesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const id of ids) {
    const layer = loadProvince(dir, id, byId, problems, gaps);
    if (layer) provinces.push(layer);
  }
  const communes = provinces.flatMap((p) => p.communes.map((c) => ({ c, file: `provinces/${p.province.id}/communes/${c.id}.yaml` })));
  if (communes.length === 0) problems.push({ file: 'provinces/', field: '(folder)', message: 'no commune profile (provinces/<province>/communes/<commune>.yaml)' });
  const seen = { id: new Map<string, string>(), oa: new Map<string, string>() };
  for (const { c, file } of communes) {
    const otherId = seen.id.get(c.id);
    if (otherId) problems.push({ file, field: 'id', message: `"${c.id}" is also used by ${otherId}` });
    const otherOa = seen.oa.get(c.zalo_oa_id);
    if (otherOa) problems.push({ file, field: 'zalo_oa_id', message: `also used by ${otherOa}` });
    seen.id.set(c.id, file);
    seen.oa.set(c.zalo_oa_id, file);
  }
  return national ? { national, provinces, gaps } : undefined;
}

function loadLegacy(dir: string, problems: ContentProblem[]): Layers | undefined {
  const commune = readYamlFile(dir, 'commune.yaml', communeSchema, problems);
  if (!commune) return undefined;
  return {
    national: { national_portal: commune.national_portal, feedback_portal: commune.feedback_portal },
    provinces: [],
    legacy: commune,
    gaps: [],
  };
}
