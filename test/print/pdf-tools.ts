import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Poppler and ZBar from Debian (.ci/run installs poppler-utils and zbar-tools): the tests read the
 * PDFs the way a person does, by looking at rendered pages and scanning the QR codes.
 */
const run = promisify(execFile);

export async function pdfPageCount(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [file]);
  const m = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!m) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(m[1]);
}

export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('pdfinfo', [file]);
  return Object.fromEntries(stdout.split('\n').flatMap((l) => {
    const i = l.indexOf(':');
    return i > 0 ? [[l.slice(0, i).trim(), l.slice(i + 1).trim()]] : [];
  }));
}

/** The text of the PDF (or of pages `first`..`last`), with line breaks and runs of spaces as one space. */
export async function pdfText(file: string, pages?: { first: number; last: number }): Promise<string> {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', ...range, file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.normalize('NFC').replace(/\s+/g, ' ');
}

/** Renders pages to PNG files `<prefix>-N.png` and returns their paths. */
export async function renderPng(file: string, prefix: string, dpi = 100, pages?: { first: number; last: number }): Promise<string[]> {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  await run('pdftoppm', ['-r', String(dpi), '-png', ...range, file, prefix]);
  const dir = join(prefix, '..');
  const base = prefix.slice(dir.length + 1);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
}

/** The PNG's width and height, read from its IHDR chunk. */
export function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

interface Gray {
  width: number;
  height: number;
  pixels: Buffer;
}

function readPgm(file: string): Gray {
  const bytes = readFileSync(file);
  // "P5\n<width> <height>\n255\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error(`not a binary PGM: ${file}`);
  return { width: Number(header[1]), height: Number(header[2]), pixels: bytes.subarray(header[0].length) };
}

function writeTile(image: Gray, x: number, y: number, size: number, file: string): void {
  const w = Math.min(size, image.width - x);
  const h = Math.min(size, image.height - y);
  const out = Buffer.alloc(w * h);
  for (let row = 0; row < h; row++) image.pixels.copy(out, row * w, (y + row) * image.width + x, (y + row) * image.width + x + w);
  writeFileSync(file, Buffer.concat([Buffer.from(`P5\n${w} ${h}\n255\n`, 'latin1'), out]));
}

/**
 * Every QR code on the PDF's pages, decoded by zbarimg. ZBar misses codes when dozens stand in a
 * grid on one big image (a phone scans one at a time), so with `tile` the page is cut into
 * overlapping squares of that many pixels, each holding a few codes whole, and all are scanned.
 */
export async function decodeQrCodes(file: string, o: { dpi?: number; tile?: number } = {}): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'qr-'));
  try {
    // Without anti-aliasing, as a printer puts hard-edged modules on paper: ZBar misreads the
    // grey edges of small codes that a phone camera at the notice board would not see.
    await run('pdftoppm', ['-r', String(o.dpi ?? 150), '-gray', '-aa', 'no', '-aaVector', 'no', file, join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.pgm')).map((f) => join(dir, f));
    const images: string[] = [];
    for (const page of pages) {
      if (!o.tile) {
        images.push(page);
        continue;
      }
      const image = readPgm(page);
      const stride = Math.floor(o.tile / 2);
      for (let y = 0; y < image.height; y += stride) {
        for (let x = 0; x < image.width; x += stride) {
          const tile = join(dir, `tile-${images.length}.pgm`);
          writeTile(image, x, y, o.tile, tile);
          images.push(tile);
        }
      }
    }
    // zbarimg exits non-zero when some image holds no code; what it printed is still the answer.
    const { stdout } = await run('zbarimg', ['-q', '--raw', ...images], { maxBuffer: 16 * 1024 * 1024 }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    return [...new Set(stdout.split('\n').map((l) => l.trim()).filter(Boolean))].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
