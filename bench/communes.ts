import { BUNDLED_CONTENT_DIR } from '../src/catalog/content-dir.js';
import { createCatalog, type Catalog, type CatalogSnapshot } from '../src/catalog/catalog.js';
import { createAssistant } from '../src/assistant/assistant.js';
import { collectGarbage, fmt, progress, round, toMb, type Row } from './stats.js';

/**
 * Memory against the number of communes. Communes are not tenants on main yet (that work lands
 * separately), so this measures the smallest seam there is: one catalog (procedures, search index,
 * trained model) loaded once, and per commune its own profile over it — a view of the catalog whose
 * content carries that commune's profile and shares everything else — plus an answer engine over
 * that view, which answers a question so every lazy structure is built. The same figure with
 * separate catalogs shows what sharing saves. When `catalog.forCommune` exists, measure through it.
 */

const COMMUNES = Number(process.env.BENCH_COMMUNES ?? 100);
const SEPARATE_CATALOGS = 3;

/** The catalog as one commune sees it: its own profile, everything else shared (same objects). */
function communeView(catalog: Catalog, n: number): Catalog {
  let base: CatalogSnapshot | undefined;
  let view: CatalogSnapshot | undefined;
  const profileOf = (s: CatalogSnapshot) => ({
    ...s.content.commune,
    name: `UBND xã Ví Dụ ${n}`,
    hotlines: s.content.commune.hotlines.map((h) => ({ ...h, number: h.number.replace(/\d{4}$/, String(1000 + n)) })),
  });
  return Object.create(catalog, {
    current: {
      get(): CatalogSnapshot {
        const s = catalog.current;
        if (s !== base) {
          base = s;
          view = { ...s, content: { ...s.content, commune: profileOf(s) } };
        }
        return view!;
      },
    },
  }) as Catalog;
}

const links = { procedurePage: (id: string) => `https://xa.example/thu-tuc/${id}` };

function heapMb(): number {
  collectGarbage();
  return toMb(process.memoryUsage().heapUsed);
}

export async function runCommunes() {
  const start = heapMb();
  const catalog = createCatalog(BUNDLED_CONTENT_DIR);
  const engines: Array<ReturnType<typeof createAssistant>> = [];
  const addCommune = async (n: number) => {
    const assistant = createAssistant({ catalog: communeView(catalog, n), links });
    await assistant.respond('đăng ký khai sinh cần giấy tờ gì');
    engines.push(assistant);
  };
  await addCommune(1);
  const one = heapMb();
  progress(`communes: 1 commune ${fmt.mb(one - start)} over the empty process; adding ${COMMUNES - 1} more`);
  for (let n = 2; n <= COMMUNES; n++) await addCommune(n);
  const many = heapMb();
  const separate: Catalog[] = [];
  for (let i = 0; i < SEPARATE_CATALOGS; i++) separate.push(createCatalog(BUNDLED_CONTENT_DIR));
  const withSeparate = heapMb();
  const perCatalog = (withSeparate - many) / SEPARATE_CATALOGS;
  const figures = {
    communes: COMMUNES,
    heapMb: { emptyProcess: start, oneCommune: one, manyCommunes: many },
    /** Whole-process heap after a full GC: 100 communes ÷ 1. */
    ratioProcessHeap: round(many / one, 3),
    /** What the catalog and communes add over an empty process: 100 ÷ 1. */
    ratioAppHeap: round((many - start) / (one - start), 3),
    perCommuneKb: round(((many - one) / (COMMUNES - 1)) * 1024, 1),
    separateCatalogMb: round(perCatalog, 1),
    kept: engines.length + separate.length, // keeps them alive until measured
  };
  const rows: Row[] = [
    {
      section: 'Communes',
      metric: `heap, ${COMMUNES} communes ÷ 1, one shared catalog`,
      value: `${figures.ratioProcessHeap.toFixed(2)}×`,
      note: `${fmt.mb(many)} vs ${fmt.mb(one)} whole-process heap after GC (${figures.ratioAppHeap.toFixed(2)}× counting only what the app adds); ${figures.perCommuneKb} KB per commune; a separate catalog would cost ${fmt.mb(perCatalog)} each. Seam: catalog view + answer engine per commune (tenancy not on main)`,
    },
  ];
  return { json: { method: 'heap after a full GC; per commune a catalog view with its own profile and an answer engine that has answered one question', ...figures }, rows };
}
