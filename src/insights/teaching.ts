import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Executor } from '../store/database.js';
import type { Catalog } from '../catalog/catalog.js';
import { NotFound } from '../errors.js';
import { unansweredGroups } from './unanswered.js';
import { isExampleIntent } from '../catalog/intents.js';

/** Messages of one group kept as examples: enough to teach its wordings, bounded. */
const EXAMPLES_PER_GROUP = 10;

/** Stores residents' messages as labelled examples and teaches them to the model. */
async function teachExamples(db: Executor, catalog: Catalog, o: { label: string; texts: string[]; staffId: string; now: Date }) {
  for (const raw of o.texts.slice(0, EXAMPLES_PER_GROUP)) {
    const text = raw.normalize('NFC').trim().slice(0, 1000);
    if (!text) continue;
    await db
      .insertInto('learned_examples')
      .values({ id: randomUUID(), label: o.label, text, created_by: o.staffId, created_at: o.now.toISOString() })
      .onConflict((oc) => oc.columns(['label', 'text']).doNothing())
      .execute();
    void catalog.addExample({ label: o.label, text });
  }
}

/**
 * Links a group of unanswered questions to a procedure: the residents' messages become examples the
 * model learns from, their most frequent phrasing an alias the search uses at once (both stored in
 * the database), and the group leaves the unanswered list.
 */
export async function linkGroupToProcedure(
  db: Executor,
  catalog: Catalog,
  o: { signature: string; procedureId: string; phrase?: string; staffId: string; now: Date; communeId: string },
): Promise<{ phrase: string }> {
  if (!catalog.current.index.get(o.procedureId)) throw new NotFound('Không có thủ tục này trong danh mục.');
  const group = (await unansweredGroups(db, { limit: 10_000, communeId: o.communeId })).find((g) => g.signature === o.signature);
  if (!group) throw new NotFound('Nhóm câu hỏi này không còn trong danh sách.');
  const phrase = (o.phrase ?? group.text).normalize('NFC').trim().slice(0, 200);
  await db
    .insertInto('learned_aliases')
    .values({ id: randomUUID(), procedure_id: o.procedureId, phrase, created_by: o.staffId, created_at: o.now.toISOString() })
    .onConflict((oc) => oc.columns(['procedure_id', 'phrase']).doNothing())
    .execute();
  await resolve(db, group.members, 'alias', o.procedureId, o.staffId, o.now);
  await teachExamples(db, catalog, { label: o.procedureId, texts: [group.text, ...group.examples], staffId: o.staffId, now: o.now });
  void catalog.addAlias(o.procedureId, phrase);
  return { phrase };
}

/** A group the commune does not handle: its messages teach the model what is out of scope. */
export async function markGroupOutOfScope(db: Executor, catalog: Catalog, o: { signature: string; staffId: string; now: Date; communeId: string }): Promise<void> {
  const group = (await unansweredGroups(db, { limit: 10_000, communeId: o.communeId })).find((g) => g.signature === o.signature);
  if (!group) throw new NotFound('Nhóm câu hỏi này không còn trong danh sách.');
  await resolve(db, group.members, 'out_of_scope', null, o.staffId, o.now);
  await teachExamples(db, catalog, { label: 'out_of_scope', texts: [group.text, ...group.examples], staffId: o.staffId, now: o.now });
}

async function resolve(db: Executor, signatures: string[], action: 'alias' | 'out_of_scope', procedureId: string | null, staffId: string, now: Date) {
  for (const signature of signatures) {
    await db
      .insertInto('question_resolutions')
      .values({ signature, action, procedure_id: procedureId, created_by: staffId, created_at: now.toISOString() })
      .onConflict((oc) => oc.column('signature').doNothing())
      .execute();
  }
}

/**
 * Keeps what the catalog learned (aliases, examples) in step with the database: at start-up all of
 * it, then, on every scheduler tick, what another process added since.
 */
export function createTeachingSync(db: Executor, catalog: Catalog) {
  let aliasesSeen = '';
  let examplesSeen = '';
  const known = new Set<string>();
  return {
    name: 'insights.teaching-sync',
    async run(): Promise<void> {
      const aliases = await db.selectFrom('learned_aliases').selectAll().where('created_at', '>=', aliasesSeen).orderBy('created_at').execute();
      for (const r of aliases) {
        if (known.has(r.id)) continue;
        known.add(r.id);
        if (catalog.current.index.get(r.procedure_id)) void catalog.addAlias(r.procedure_id, r.phrase);
        aliasesSeen = r.created_at;
      }
      const examples = await db.selectFrom('learned_examples').selectAll().where('created_at', '>=', examplesSeen).orderBy('created_at').execute();
      for (const r of examples) {
        if (known.has(r.id)) continue;
        known.add(r.id);
        if (catalog.current.index.get(r.label) || isExampleIntent(r.label)) void catalog.addExample({ label: r.label, text: r.text });
        examplesSeen = r.created_at;
      }
    },
  };
}

/** A unified diff that appends lines to the end of a file (or creates it when it does not exist). */
function appendPatch(file: string, existing: string[] | undefined, added: string[]): string {
  if (!existing) {
    return [`--- /dev/null`, `+++ b/${file}`, `@@ -0,0 +1,${added.length} @@`, ...added.map((l) => `+${l}`)].join('\n');
  }
  const lines = existing[existing.length - 1] === '' ? existing.slice(0, -1) : existing;
  const context = lines.slice(Math.max(0, lines.length - 3));
  const from = lines.length - context.length + 1;
  return [
    `--- a/${file}`,
    `+++ b/${file}`,
    `@@ -${from},${context.length} +${from},${context.length + added.length} @@`,
    ...context.map((l) => ` ${l}`),
    ...added.map((l) => `+${l}`),
  ].join('\n');
}

/**
 * The examples staff added, as a unified diff against content/examples/ (review, then `git apply`),
 * so they can be kept in the bundled content; `content:check` validates the result.
 */
export async function examplesAsPatch(db: Executor, contentDir: string): Promise<string> {
  const rows = await db.selectFrom('learned_examples').selectAll().orderBy('label').orderBy('created_at').execute();
  const byLabel = new Map<string, string[]>();
  for (const r of rows) byLabel.set(r.label, [...(byLabel.get(r.label) ?? []), r.text]);
  const patches: string[] = [];
  for (const [label, texts] of byLabel) {
    const kind = isExampleIntent(label) ? 'intents' : 'procedures';
    const file = `content/examples/${kind}/${label}.yaml`;
    let existing: string[] | undefined;
    try {
      existing = readFileSync(join(contentDir, 'examples', kind, `${label}.yaml`), 'utf8').split('\n');
    } catch {
      existing = undefined;
    }
    const present = new Set((existing ?? []).map((l) => l.trim()));
    const entries = texts.map((t) => `  - text: ${JSON.stringify(t)}`).filter((l) => !present.has(l.trim()));
    if (entries.length === 0) continue;
    const added = existing ? entries : [`${kind === 'intents' ? 'intent' : 'procedure'}: ${label}`, 'examples:', ...entries];
    patches.push(appendPatch(file, existing, added));
  }
  return patches.length ? patches.join('\n') + '\n' : '';
}

/**
 * The learned aliases as a unified diff against content/procedures/*.md, so they can be kept in
 * the bundled content (review, then `git apply`).
 */
export async function aliasesAsPatch(db: Executor, contentDir: string): Promise<string> {
  const rows = await db.selectFrom('learned_aliases').selectAll().orderBy('procedure_id').orderBy('created_at').execute();
  const byProcedure = new Map<string, string[]>();
  for (const r of rows) byProcedure.set(r.procedure_id, [...(byProcedure.get(r.procedure_id) ?? []), r.phrase]);
  const patches: string[] = [];
  for (const [id, phrases] of byProcedure) {
    const file = `content/procedures/${id}.md`;
    let lines: string[];
    try {
      lines = readFileSync(join(contentDir, 'procedures', `${id}.md`), 'utf8').split('\n');
    } catch {
      continue;
    }
    const start = lines.findIndex((l) => l === 'aliases:');
    if (start < 0) continue;
    let end = start + 1;
    while (end < lines.length && lines[end]!.startsWith('  - ')) end++;
    const existing = new Set(lines.slice(start + 1, end).map((l) => l.slice(4).trim()));
    const added = phrases.filter((p) => !existing.has(p)).map((p) => `  - ${JSON.stringify(p)}`);
    if (added.length === 0) continue;
    const ctxFrom = Math.max(0, end - 3);
    const context = lines.slice(ctxFrom, end);
    const after = lines.slice(end, Math.min(lines.length, end + 3));
    patches.push(
      [
        `--- a/${file}`,
        `+++ b/${file}`,
        `@@ -${ctxFrom + 1},${context.length + after.length} +${ctxFrom + 1},${context.length + added.length + after.length} @@`,
        ...context.map((l) => ` ${l}`),
        ...added.map((l) => `+${l}`),
        ...after.map((l) => ` ${l}`),
      ].join('\n'),
    );
  }
  return patches.length ? patches.join('\n') + '\n' : '';
}
