import { useState } from 'react';
import { ErrorBox, Loading, PageTitle } from '../components/ui';
import { useLoad } from '../lib/use-load';
import { api } from '../services/api';
import type { FieldCount, LeafletSize, ProcedureSummary } from '../services/types';

/**
 * Printed material for the one-stop desk and the notice board, drawn from the catalog: a leaflet per
 * procedure (A4, or A5 for the counter), a poster per field and one of every procedure (with QR
 * codes to each procedure's page), and the booklet. Every button is a PDF download.
 */
export function PrintPage() {
  const { data, error, loading } = useLoad(() => Promise.all([api.fields(), api.allProcedures()]), []);
  const [size, setSize] = useState<LeafletSize>('A4');
  if (loading && !data) return <Loading />;
  if (!data) return <ErrorBox error={error} />;
  const [fields, procedures] = data;
  const byField = (f: FieldCount) => procedures.items.filter((p) => p.field === f.id);

  return (
    <>
      <PageTitle>In tờ rơi, áp phích</PageTitle>
      <p className="muted">
        Tài liệu in lấy từ danh mục thủ tục của xã, có mã QR mở trang thủ tục trên điện thoại. Ghi chú nội bộ về nguồn tài liệu không được in; điểm nào
        còn khác nhau giữa các tỉnh được in thành một dòng mời người dân gọi đường dây nóng.
      </p>
      <section className="panel" aria-labelledby="print-commune">
        <h2 id="print-commune">Cả xã</h2>
        <div className="button-row" role="group" aria-label="Tài liệu của cả xã">
          <a className="btn btn-primary" href={api.catalogPosterUrl('A2')} download>
            Áp phích tất cả thủ tục (A2)
          </a>
          <a className="btn" href={api.catalogPosterUrl('A3')} download>
            Áp phích tất cả thủ tục (A3)
          </a>
          <a className="btn" href={api.bookletUrl} download>
            Sổ tay thủ tục (A5)
          </a>
        </div>
      </section>
      <section className="panel" aria-labelledby="print-leaflets">
        <h2 id="print-leaflets">Tờ rơi từng thủ tục và áp phích theo lĩnh vực</h2>
        <fieldset className="segmented">
          <legend>Khổ giấy tờ rơi</legend>
          {(['A4', 'A5'] as const).map((s) => (
            <label key={s}>
              <input type="radio" name="leaflet-size" value={s} checked={size === s} onChange={() => setSize(s)} />
              <span>{s === 'A5' ? 'A5 (để ở quầy)' : 'A4'}</span>
            </label>
          ))}
        </fieldset>
        {fields.items
          .filter((f) => f.count > 0)
          .map((f) => (
            <FieldBlock key={f.id} field={f} procedures={byField(f)} size={size} />
          ))}
      </section>
    </>
  );
}

function FieldBlock({ field, procedures, size }: { field: FieldCount; procedures: ProcedureSummary[]; size: LeafletSize }) {
  return (
    <div className="print-field">
      <div className="report-head">
        <h3>
          {field.label} <span className="muted">· {field.count} thủ tục</span>
        </h3>
        <a className="btn" href={api.fieldPosterUrl(field.id)} download aria-label={`Tải áp phích lĩnh vực ${field.label} (A3)`}>
          Áp phích lĩnh vực (A3)
        </a>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Thủ tục</th>
            <th scope="col" className="nowrap">
              Mã
            </th>
            <th scope="col">
              <span className="visually-hidden">Tải tờ rơi</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {procedures.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td className="nowrap">{p.code ?? '—'}</td>
              <td className="nowrap">
                <a className="btn btn-ghost" href={api.leafletUrl(p.id, size)} download aria-label={`Tải tờ rơi ${size}: ${p.name}`}>
                  Tờ rơi {size}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
