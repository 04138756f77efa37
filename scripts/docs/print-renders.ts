/**
 * `npm run docs:print`: renders the README's pictures of printed material from the bundled catalog
 * (docs/print/*.png, with the PDFs beside them). Needs poppler-utils (pdftoppm). The creation date
 * is fixed so the files only change when the catalog or the layout does.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCatalog } from '../../src/catalog/catalog.js';
import { BUNDLED_CONTENT_DIR } from '../../src/catalog/content-dir.js';
import { leafletPdf } from '../../src/print/leaflet-pdf.js';
import { fieldPosterPdf } from '../../src/print/poster-pdf.js';

const OUT = fileURLToPath(new URL('../../docs/print/', import.meta.url));
const { procedures, commune } = createCatalog(BUNDLED_CONTENT_DIR).current.content;
const ctx = { commune, publicBaseUrl: 'https://xa-vi-du.example.vn', createdAt: new Date('2026-11-22T00:00:00Z') };

async function render(name: string, pdf: Buffer, dpi: number): Promise<void> {
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, pdf);
  // First page only, one PNG named exactly <name>.png.
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-f', '1', '-l', '1', '-singlefile', file, join(OUT, name)]);
  rmSync(file);
  console.log(`docs/print/${name}.png`);
}

mkdirSync(OUT, { recursive: true });
const ketHon = procedures.find((p) => p.id === 'dang-ky-ket-hon')!;
await render('to-roi-dang-ky-ket-hon', await leafletPdf(ketHon, ctx, 'A4'), 90);
await render('ap-phich-ho-tich', await fieldPosterPdf('ho_tich', procedures, ctx, 'A3'), 60);
