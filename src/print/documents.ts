import { FIELDS, type FieldId, type Procedure } from '../catalog/schema.js';
import { Invalid, NotFound } from '../errors.js';
import { bookletPdf } from './booklet-pdf.js';
import { leafletPdf, type LeafletSize, type PrintContext } from './leaflet-pdf.js';
import { catalogPosterPdf, fieldPosterPdf, type PosterSize } from './poster-pdf.js';

/** What can be printed, as the console and the CLI ask for it. */
export type PrintRequest =
  | { kind: 'leaflet'; procedureId: string; size?: LeafletSize }
  | { kind: 'field-poster'; field: string; size?: PosterSize }
  | { kind: 'catalog-poster'; size?: PosterSize }
  | { kind: 'booklet' };

export interface PrintedFile {
  fileName: string;
  pdf: Buffer;
}

export const FIELD_IDS = Object.keys(FIELDS) as FieldId[];

export function isFieldId(value: string): value is FieldId {
  return (FIELD_IDS as string[]).includes(value);
}

/**
 * Renders one printed document for `procedures` of the commune in `ctx`, with the file name to
 * offer. Unknown procedures and fields are NotFound with a Vietnamese message naming what is
 * missing (the CLI adds suggestions).
 */
export async function printDocument(request: PrintRequest, procedures: Procedure[], ctx: PrintContext): Promise<PrintedFile> {
  switch (request.kind) {
    case 'leaflet': {
      const procedure = procedures.find((p) => p.id === request.procedureId);
      if (!procedure) throw new NotFound(`Không tìm thấy thủ tục có mã "${request.procedureId}" trong danh mục.`);
      const size = request.size ?? 'A4';
      return { fileName: `to-roi-${procedure.id}${size === 'A5' ? '-a5' : ''}.pdf`, pdf: await leafletPdf(procedure, ctx, size) };
    }
    case 'field-poster': {
      if (!isFieldId(request.field)) {
        throw new Invalid(`Không có lĩnh vực "${request.field}". Các lĩnh vực: ${FIELD_IDS.map((f) => `${f} (${FIELDS[f]})`).join(', ')}.`, { field: 'Lĩnh vực không có trong danh mục.' });
      }
      return { fileName: `ap-phich-${request.field.replace(/_/g, '-')}.pdf`, pdf: await fieldPosterPdf(request.field, procedures, ctx, request.size) };
    }
    case 'catalog-poster':
      return { fileName: 'ap-phich-tat-ca-thu-tuc.pdf', pdf: await catalogPosterPdf(procedures, ctx, request.size) };
    case 'booklet':
      return { fileName: 'so-tay-thu-tuc-hanh-chinh.pdf', pdf: await bookletPdf(procedures, ctx) };
  }
}
