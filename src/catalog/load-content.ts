import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  chatWordsSchema,
  facetsSchema,
  lifeEventSchema,
  intentExamplesSchema,
  procedureExamplesSchema,
  procedureFrontMatterSchema,
  shorthandSchema,
  synonymsSchema,
  type ChatWords,
  type Facets,
  type LabelledExample,
  type LifeEvent,
  type Procedure,
  type Shorthand,
  type Synonyms,
} from './schema.js';
import { isExampleIntent } from './intents.js';
import { fold } from './fold.js';
import { loadLayers, type Layers } from './load-layers.js';
import { communeProfile, legacyProfile, type CommuneProfile } from './commune-view.js';

/** One problem in one content file, precise enough for a clerk to fix it. */
export interface ContentProblem {
  file: string;
  field: string;
  message: string;
}

export interface Content {
  /** The default (first) commune's profile; `catalog.forCommune(id)` gives any other's. */
  commune: CommuneProfile;
  /** The national procedures in a shared snapshot; a commune's view holds them merged with its layers. */
  procedures: Procedure[];
  /** The province and commune layers (content/provinces/), and what they lack. */
  layers: Layers;
  synonyms: Synonyms;
  /** Chat short forms ("ko", "dc", "gks") and their full words. */
  shorthand: Shorthand;
  /** Labelled resident messages the understanding model learns from (content/examples/). */
  examples: LabelledExample[];
  /** What residents ask about a procedure (fee, time…), and how they ask it. */
  facets: Facets;
  /** Short replies residents type to the assistant's prompts (thanks, menu, yes, no, stop). */
  chatWords: ChatWords;
  /** Guides that chain procedures after a life event (content/life-events/). */
  lifeEvents: LifeEvent[];
}

export type ContentResult = { ok: true; content: Content } | { ok: false; problems: ContentProblem[] };

export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`catalog: ${problems.length} problem(s) in content\n` + problems.map(formatProblem).join('\n'));
    this.name = 'ContentError';
  }
}

export function formatProblem(p: ContentProblem): string {
  return `${p.file}: ${p.field}: ${p.message}`;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

function issuesToProblems(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: issue.path.length ? issue.path.join('.') : '(file)',
    message: issue.message,
  }));
}

function readYaml(dir: string, file: string, problems: ContentProblem[]): unknown {
  const path = join(dir, file);
  if (!existsSync(path)) {
    problems.push({ file, field: '(file)', message: 'file is missing' });
    return undefined;
  }
  try {
    return parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    problems.push({ file, field: '(yaml)', message: (err as Error).message.split('\n')[0] ?? 'invalid YAML' });
    return undefined;
  }
}

function parseProcedure(dir: string, name: string, problems: ContentProblem[]): Procedure | undefined {
  const file = `procedures/${name}`;
  const raw = readFileSync(join(dir, 'procedures', name), 'utf8').normalize('NFC');
  const match = FRONT_MATTER.exec(raw);
  if (!match) {
    problems.push({ file, field: '(front matter)', message: 'must start with a --- YAML block ---' });
    return undefined;
  }
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? '');
  } catch (err) {
    problems.push({ file, field: '(yaml)', message: (err as Error).message.split('\n')[0] ?? 'invalid YAML' });
    return undefined;
  }
  const parsed = procedureFrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    problems.push(...issuesToProblems(file, parsed.error));
    return undefined;
  }
  const expectedId = basename(name, '.md');
  if (parsed.data.id !== expectedId) {
    problems.push({ file, field: 'id', message: `must equal the file name "${expectedId}"` });
    return undefined;
  }
  return { ...parsed.data, body: (match[2] ?? '').trim(), file };
}

/**
 * Reads and validates the whole content folder. Never throws for bad content: every problem is
 * returned, with its file and field, so `content:check` can list them all at once.
 */
export function loadContent(dir: string): ContentResult {
  const problems: ContentProblem[] = [];

  const synonymsRaw = readYaml(dir, 'synonyms.yaml', problems);
  const synonyms = synonymsRaw === undefined ? undefined : synonymsSchema.safeParse(synonymsRaw);
  if (synonyms && !synonyms.success) problems.push(...issuesToProblems('synonyms.yaml', synonyms.error));

  // Optional: a content folder without short forms simply has none.
  const shorthandRaw = existsSync(join(dir, 'shorthand.yaml')) ? readYaml(dir, 'shorthand.yaml', problems) : { words: {} };
  const shorthand = shorthandRaw === undefined ? undefined : shorthandSchema.safeParse(shorthandRaw);
  if (shorthand && !shorthand.success) problems.push(...issuesToProblems('shorthand.yaml', shorthand.error));

  const procDir = join(dir, 'procedures');
  const names = existsSync(procDir) ? readdirSync(procDir).filter((n) => n.endsWith('.md')).sort() : [];
  if (names.length === 0) problems.push({ file: 'procedures/', field: '(folder)', message: 'no procedure files' });
  const procedures: Procedure[] = [];
  const seenCodes = new Map<string, string>();
  for (const name of names) {
    const proc = parseProcedure(dir, name, problems);
    if (!proc) continue;
    if (proc.code) {
      const other = seenCodes.get(proc.code);
      if (other) problems.push({ file: proc.file, field: 'code', message: `code ${proc.code} is also used by ${other}` });
      seenCodes.set(proc.code, proc.file);
    }
    procedures.push(proc);
  }

  const procedureIds = new Set(procedures.map((p) => p.id));
  for (const p of procedures) {
    const unknown = p.not_when.map((n) => n.use).filter((id) => !procedureIds.has(id) || id === p.id);
    if (unknown.length) problems.push({ file: p.file, field: 'not_when', message: `must name another procedure of the catalog: ${unknown.join(', ')}` });
  }
  const examples = loadExamples(dir, procedureIds, problems);
  const facets = readValid(dir, 'facets.yaml', facetsSchema, problems);
  const chatWords = readValid(dir, 'chat-words.yaml', chatWordsSchema, problems);
  const lifeEvents = loadLifeEvents(dir, procedureIds, problems);
  const layers = loadLayers(dir, procedures, problems);
  const commune = layers && defaultCommune(layers);

  if (problems.length > 0 || !commune || !layers || !synonyms?.success || !shorthand?.success || !facets || !chatWords) return { ok: false, problems };
  return {
    ok: true,
    content: { commune, procedures, layers, synonyms: synonyms.data, shorthand: shorthand.data, examples, facets, chatWords, lifeEvents },
  };
}

/** The first commune of the first province (or the one commune of a legacy folder). */
function defaultCommune(layers: Layers): CommuneProfile | undefined {
  if (layers.legacy) return legacyProfile(layers.legacy);
  const layer = layers.provinces.find((l) => l.communes.length > 0);
  const first = layer?.communes[0];
  if (!layer || !first) return undefined;
  const { procedure_notes: _notes, ...own } = first;
  return communeProfile(layers.national, layer.province, own);
}

/** YAML files of one examples sub-folder, sorted, relative to the content folder. */
function exampleFiles(dir: string, sub: string): string[] {
  const folder = join(dir, 'examples', sub);
  return existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.yaml')).sort().map((n) => `examples/${sub}/${n}`) : [];
}

/**
 * Reads content/examples/: one file per procedure (named by its id) and one per intent (named by
 * the intent). Every label must exist; a message listed twice under different labels is reported,
 * since the model would learn two answers for it.
 */
function loadExamples(dir: string, procedureIds: Set<string>, problems: ContentProblem[]): LabelledExample[] {
  const examples: LabelledExample[] = [];
  const isLabel = (label: string) => procedureIds.has(label) || isExampleIntent(label);
  const seen = new Map<string, LabelledExample>();
  const read = (file: string, labelField: string, label: string, entries: Array<{ text: string; also?: string[] }>) => {
    const expected = basename(file, '.yaml');
    if (label !== expected) return problems.push({ file, field: labelField, message: `must equal the file name "${expected}"` });
    if (!isLabel(label)) return problems.push({ file, field: labelField, message: `"${label}" is neither a procedure id nor an intent` });
    entries.forEach((e, i) => {
      const unknown = (e.also ?? []).filter((l) => !isLabel(l));
      if (unknown.length) return problems.push({ file, field: `examples.${i}.also`, message: `unknown label(s): ${unknown.join(', ')}` });
      const example = { text: e.text.normalize('NFC'), labels: [label, ...new Set((e.also ?? []).filter((l) => l !== label))], file };
      const key = fold(example.text);
      if (!key) return problems.push({ file, field: `examples.${i}.text`, message: 'has no words (emoji or punctuation only); such messages are answered without the model' });
      const earlier = seen.get(key);
      if (earlier && !earlier.labels.includes(label)) {
        problems.push({ file, field: `examples.${i}.text`, message: `also listed in ${earlier.file} under another answer; keep one and name both answers in "also"` });
        return;
      }
      if (!earlier) seen.set(key, example);
      examples.push(example);
    });
  };
  for (const file of exampleFiles(dir, 'procedures')) {
    const raw = readYaml(dir, file, problems);
    if (raw === undefined) continue;
    const parsed = procedureExamplesSchema.safeParse(raw);
    if (parsed.success) read(file, 'procedure', parsed.data.procedure, parsed.data.examples);
    else problems.push(...issuesToProblems(file, parsed.error));
  }
  for (const file of exampleFiles(dir, 'intents')) {
    const raw = readYaml(dir, file, problems);
    if (raw === undefined) continue;
    const parsed = intentExamplesSchema.safeParse(raw);
    if (parsed.success) read(file, 'intent', parsed.data.intent, parsed.data.examples);
    else problems.push(...issuesToProblems(file, parsed.error));
  }
  return examples;
}

/** A required YAML file, validated; undefined (with its problems recorded) when missing or invalid. */
function readValid<T>(dir: string, file: string, schema: z.ZodType<T>, problems: ContentProblem[]): T | undefined {
  const raw = readYaml(dir, file, problems);
  if (raw === undefined) return undefined;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...issuesToProblems(file, parsed.error));
    return undefined;
  }
  return parsed.data;
}

/** content/life-events/*.yaml: every step must name a procedure of the catalog. */
function loadLifeEvents(dir: string, procedureIds: Set<string>, problems: ContentProblem[]): LifeEvent[] {
  const folder = join(dir, 'life-events');
  if (!existsSync(folder)) return [];
  const events: LifeEvent[] = [];
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.yaml')).sort()) {
    const file = `life-events/${name}`;
    const event = readValid(dir, file, lifeEventSchema, problems);
    if (!event) continue;
    if (event.id !== basename(name, '.yaml')) {
      problems.push({ file, field: 'id', message: `must equal the file name "${basename(name, '.yaml')}"` });
      continue;
    }
    const unknown = event.steps.filter((s) => !procedureIds.has(s.procedure)).map((s) => s.procedure);
    if (unknown.length) {
      problems.push({ file, field: 'steps', message: `unknown procedure(s): ${unknown.join(', ')}` });
      continue;
    }
    events.push(event);
  }
  return events;
}
