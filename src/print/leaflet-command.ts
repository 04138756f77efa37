import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import { AppError } from '../errors.js';
import { printDocument, type PrintRequest } from './documents.js';

const USAGE = [
  'Cách dùng:',
  '  npm run cli -- leaflet --procedure dang-ky-ket-hon --out to-roi.pdf [--size A4|A5]   tờ rơi một thủ tục',
  '  npm run cli -- leaflet --field ho_tich --out ap-phich.pdf [--size A2|A3|A4]          áp phích một lĩnh vực',
  '  npm run cli -- leaflet --all --out ap-phich-xa.pdf [--size A2|A3|A4]                áp phích tất cả thủ tục',
  '  npm run cli -- leaflet --booklet --out so-tay.pdf                                    sổ tay thủ tục (A5)',
].join('\n');

export interface CommandIo {
  log: (line: string) => void;
  error: (line: string) => void;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? args[i + 1] : undefined;
  return value && !value.startsWith('--') ? value : undefined;
}

function requestFrom(args: string[]): PrintRequest | string {
  const size = flag(args, 'size')?.toUpperCase();
  const procedureId = flag(args, 'procedure');
  const field = flag(args, 'field');
  const chosen = [procedureId !== undefined, field !== undefined, args.includes('--all'), args.includes('--booklet')].filter(Boolean).length;
  if (chosen !== 1) return 'Chọn đúng một trong --procedure ID, --field LĨNH_VỰC, --all hoặc --booklet.';
  if (procedureId) {
    if (size && size !== 'A4' && size !== 'A5') return 'Khổ giấy tờ rơi: A4 hoặc A5.';
    return { kind: 'leaflet', procedureId, size: size as 'A4' | 'A5' | undefined };
  }
  if (size && !['A2', 'A3', 'A4'].includes(size) && !args.includes('--booklet')) return 'Khổ giấy áp phích: A2, A3 hoặc A4.';
  if (field) return { kind: 'field-poster', field, size: size as 'A2' | 'A3' | 'A4' | undefined };
  if (args.includes('--all')) return { kind: 'catalog-poster', size: size as 'A2' | 'A3' | 'A4' | undefined };
  return { kind: 'booklet' };
}

/**
 * `leaflet`: writes a leaflet, a poster or the booklet as PDF. An unknown procedure id is answered
 * in Vietnamese with the closest procedures the search finds, so a typo costs one more try.
 */
export async function leafletCommand(args: string[], o: { catalog: Catalog; publicBaseUrl: string; io: CommandIo; now?: Date }): Promise<number> {
  const request = requestFrom(args);
  if (typeof request === 'string') {
    o.io.error(request);
    o.io.error(USAGE);
    return 2;
  }
  const { content, index } = o.catalog.current;
  try {
    const file = await printDocument(request, content.procedures, { commune: content.commune, publicBaseUrl: o.publicBaseUrl, createdAt: o.now });
    const out = resolve(flag(args, 'out') ?? file.fileName);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, file.pdf);
    o.io.log(`Đã ghi ${out} (${Math.round(file.pdf.length / 1024)} KB).`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    o.io.error(err.message);
    if (request.kind === 'leaflet') {
      const close = index.search(request.procedureId.replace(/[-_]/g, ' '), { limit: 3 }).flatMap((h) => {
        const p = index.get(h.id);
        return p ? [`  ${p.id}  (${p.name})`] : [];
      });
      if (close.length) o.io.error(['Có phải ông/bà muốn in một trong các thủ tục sau?', ...close].join('\n'));
      else o.io.error('Xem danh sách mã thủ tục: npm run cli -- leaflet --booklet, hoặc thư mục content/procedures/.');
    }
    return 1;
  }
}
