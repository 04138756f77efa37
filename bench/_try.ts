import { loadContent } from '/work/main/src/catalog/load-content.js';
import { BUNDLED_CONTENT_DIR } from '/work/main/src/catalog/content-dir.js';
import { generateCatalog } from '/work/main/bench/generate-catalog.js';
import { createProcedureIndex } from '/work/main/src/catalog/search-index.js';
const r = loadContent(BUNDLED_CONTENT_DIR); if (!r.ok) throw new Error('x');
let t = performance.now();
const procs = generateCatalog(r.content.procedures, 10000);
console.log('gen', performance.now()-t, procs.length, new Set(procs.map(p=>p.id)).size);
for (const p of procs.slice(50, 62)) console.log(p.id, '|', p.name, '|', p.aliases.join(' / '), '|', p.documents.length, p.body.length);
for (const n of [1000, 2000, 4000]) { t = performance.now(); createProcedureIndex(procs.slice(0,n), r.content.synonyms); console.log('index', n, performance.now()-t); }
