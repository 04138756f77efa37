import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Executor } from '../store/database.js';
import type { Catalog } from '../catalog/catalog.js';
import { NotFound } from '../errors.js';
import { unansweredGroups } from './unanswered.js';

/**
 * Links a group of unanswered questions to a procedure: its phrasing becomes an alias (stored in the
 * database, used by the search at once) and the group leaves the unanswered list.
 */
export async function linkGroupToProcedure(
  db: Executor,
  catalog: Catalog,
  o: { signature: string; procedureId: string; phrase?: string; staffId: string; now: Date },
): Promise<{ phrase: string }> {
  if (!catalog.current.index.get(o.procedureId)) throw new NotFound('Không có thủ tục này trong danh mục.');
  const group = (await unansweredGroups(db, { limit: 10_000 })).find((g) => g.signature === o.signature);
  if (!group) throw new NotFound('Nhóm câu hỏi này không còn trong danh sách.');
  const phrase = (o.phrase ?? group.text).normalize('NFC').trim().slice(0, 200);
  await db
    .insertInto('learned_aliases')
    .values({ id: randomUUID(), procedure_id: o.procedureId, phrase, created_by: o.staffId, created_at: o.now.toISOString() })
    .onConflict((oc) => oc.columns(['procedure_id', 'phrase']).doNothing())
    .execute();
  await resolve(db, group.members, 'alias', o.procedureId, o.staffId, o.now);
  catalog.addAlias(o.procedureId, phrase);
  return { phrase };
}

export async function markGroupOutOfScope(db: Executor, o: { signature: string; staffId: string; now: Date }): Promise<void> {
  const group = (await unansweredGroups(db, { limit: 10_000 })).find((g) => g.signature === o.signature);
  if (!group) throw new NotFound('Nhóm câu hỏi này không còn trong danh sách.');
  await resolve(db, group.members, 'out_of_scope', null, o.staffId, o.now);
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
 * Keeps the catalog's learned aliases in step with the database: at start-up all of them, then,
 * on every scheduler tick, the ones another process added since.
 */
export function createAliasSync(db: Executor, catalog: Catalog) {
  let seen = '';
  const known = new Set<string>();
  return {
    name: 'insights.alias-sync',
    async run(): Promise<void> {
      const rows = await db.selectFrom('learned_aliases').selectAll().where('created_at', '>=', seen).orderBy('created_at').execute();
      for (const r of rows) {
        if (known.has(r.id)) continue;
        known.add(r.id);
        if (catalog.current.index.get(r.procedure_id)) catalog.addAlias(r.procedure_id, r.phrase);
        seen = r.created_at;
      }
    },
  };
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
