import { BaseRetriever } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { Catalog } from './catalog.js';
import type { SearchHit } from './search-index.js';

/** Metadata every retrieved Document carries, so callers never re-parse page content. */
export interface ProcedureDocumentMetadata extends SearchHit {
  name: string;
  code: string | null;
  field: string;
}

/**
 * The catalog search as a LangChain retriever: any chain or chat model added later gets the same
 * ranked procedures the rule-based assistant uses. Reads the catalog's current snapshot on every
 * call, so a content reload is seen at once.
 */
export class ProcedureRetriever extends BaseRetriever<ProcedureDocumentMetadata> {
  override lc_namespace = ['commune_assistant', 'catalog'];

  constructor(
    private readonly catalog: Catalog,
    private readonly limit = 5,
  ) {
    super();
  }

  override async _getRelevantDocuments(query: string): Promise<Document<ProcedureDocumentMetadata>[]> {
    const { index } = this.catalog.current;
    return index.search(query, { limit: this.limit }).flatMap((hit) => {
      const p = index.get(hit.id);
      if (!p) return [];
      return [
        new Document<ProcedureDocumentMetadata>({
          id: p.id,
          pageContent: `${p.name}\n${p.body}`,
          metadata: { ...hit, name: p.name, code: p.code, field: p.field },
        }),
      ];
    });
  }
}

/** Back from Documents to the hits they carry. */
export function hitsFromDocuments(docs: Document<ProcedureDocumentMetadata>[]): SearchHit[] {
  return docs.map(({ metadata: m }) => ({ id: m.id, score: m.score, strong: m.strong, coverage: m.coverage, nameTerms: m.nameTerms }));
}
