import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_CONTENT_DIR } from '../src/catalog/content-dir.js';
import { createCatalog, type Catalog } from '../src/catalog/catalog.js';
import { collectGarbage, fmt, progress, round, toMb, type Row } from './stats.js';

/**
 * Memory against the number of communes: one province layer (the bundled Hải Phòng) with 1 commune,
 * then with 100 (each with its own profile, OA and one local note), every commune's view built and
 * every procedure of it read. The national procedures, the index and the model are shared, the
 * province's merged procedures too; a commune adds its profile and the procedure it annotates.
 */

const COMMUNES = 100;

function contentWith(communes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-communes-'));
  cpSync(BUNDLED_CONTENT_DIR, dir, { recursive: true });
  const folder = join(dir, 'provinces', 'hai-phong', 'communes');
  const template = readFileSync(join(folder, 'xa-an-lao.yaml'), 'utf8');
  for (const name of readdirSync(folder)) rmSync(join(folder, name));
  for (let i = 0; i < communes; i++) {
    const id = `xa-bench-${i}`;
    writeFileSync(
      join(folder, `${id}.yaml`),
      template
        .replace(/^id: .*$/m, `id: ${id}`)
        .replace(/^zalo_oa_id: .*$/m, `zalo_oa_id: "${String(5_000_000_000_000_000_000n + BigInt(i))}"`)
        .replace(/^name: .*$/m, `name: UBND xã Thử ${i}`),
    );
  }
  return dir;
}

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Every commune's view built and every procedure of it read, as a busy process would. */
function touchAll(catalog: Catalog): number {
  let n = 0;
  for (const c of catalog.communes()) {
    const view = catalog.forCommune(c.id).current;
    for (const p of view.content.procedures) if (view.index.get(p.id)) n++;
  }
  return n;
}

function measure(communes: number): { heapMb: number; loadMs: number; procedureViews: number } {
  const dir = contentWith(communes);
  try {
    const before = heapUsed();
    const t = performance.now();
    const catalog = createCatalog(dir);
    const procedureViews = touchAll(catalog);
    const loadMs = round(performance.now() - t, 1);
    const heap = heapUsed() - before;
    // Keep the catalog alive until measured.
    if (!catalog.current) throw new Error('unreachable');
    return { heapMb: toMb(heap), loadMs, procedureViews };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runCommunes() {
  progress('communes: 1 commune');
  measure(1); // warms the model cache and the module graph, so both runs below pay the same
  const one = measure(1);
  progress(`communes: ${COMMUNES} communes`);
  const many = measure(COMMUNES);
  const ratio = round(many.heapMb / one.heapMb, 2);
  const json = { one, many, communes: COMMUNES, ratio };
  const rows: Row[] = [
    { section: 'Communes', metric: 'catalog heap, 1 commune', value: fmt.mb(one.heapMb), note: `${one.procedureViews} procedure views, load ${fmt.ms(one.loadMs)}` },
    { section: 'Communes', metric: `catalog heap, ${COMMUNES} communes`, value: fmt.mb(many.heapMb), note: `${many.procedureViews} procedure views, load ${fmt.ms(many.loadMs)}` },
    { section: 'Communes', metric: `${COMMUNES} communes / 1 commune`, value: `${ratio}×`, note: 'retained heap after GC; target < 1.5×' },
  ];
  return { json, rows };
}
