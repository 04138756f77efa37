import { loadContent } from '../src/catalog/load-content.js';
import { BUNDLED_CONTENT_DIR } from '../src/catalog/content-dir.js';
import { generateCatalog } from './generate-catalog.js';
import { createProcedureIndex } from '../src/catalog/search-index.js';
const r = loadContent(BUNDLED_CONTENT_DIR); if (!r.ok) throw new Error('x');
const procs = generateCatalog(r.content.procedures, 4000);
const t = performance.now(); createProcedureIndex(procs, r.content.synonyms); console.log('full', Math.round(performance.now()-t));
