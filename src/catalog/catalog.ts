import { ContentError, loadContent, type Content, type ContentProblem } from './load-content.js';
import { createProcedureIndex, type ProcedureIndex } from './search-index.js';

/** The loaded content and its search index, swapped together on reload. */
export interface CatalogSnapshot {
  content: Content;
  index: ProcedureIndex;
  loadedAt: Date;
}

export type ReloadResult = { ok: true; procedures: number } | { ok: false; problems: ContentProblem[] };

/**
 * Holds the current catalog. Start-up with broken content throws (the service must not run
 * without a catalog); a reload with broken content keeps the last good catalog and returns the
 * problems, so a clerk's typo never takes the assistant down.
 */
export function createCatalog(dir: string, clock: () => Date = () => new Date()) {
  const learnedAliases: Array<{ id: string; phrase: string }> = [];

  function build(content: Content): CatalogSnapshot {
    const index = createProcedureIndex(content.procedures, content.synonyms);
    for (const a of learnedAliases) if (index.get(a.id)) index.addAlias(a.id, a.phrase);
    return { content, index, loadedAt: clock() };
  }

  const first = loadContent(dir);
  if (!first.ok) throw new ContentError(first.problems);
  let current = build(first.content);

  return {
    get current(): CatalogSnapshot {
      return current;
    },
    reload(): ReloadResult {
      const result = loadContent(dir);
      if (!result.ok) return { ok: false, problems: result.problems };
      current = build(result.content);
      return { ok: true, procedures: result.content.procedures.length };
    },
    /** Teaches the search a resident's phrasing for a procedure (kept across reloads). */
    addAlias(id: string, phrase: string): void {
      current.index.addAlias(id, phrase);
      if (!learnedAliases.some((a) => a.id === id && a.phrase === phrase)) learnedAliases.push({ id, phrase });
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;
