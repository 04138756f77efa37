import { useState, type FormEvent } from 'react';
import { Badge, ErrorBox, Field, Loading, PageTitle } from '../components/ui';
import { useLoad } from '../lib/use-load';
import { ApiError, api } from '../services/api';
import { hasRole, useMe } from '../session';

const EMPTY = { id: '', name: '', provinceId: '', oaId: '', hotline: '' };

/**
 * The communes of the province (province admin only): the list, and one form to add a commune.
 * A commune added here is served at once by every server, without a restart. Commune staff who
 * open the address see why there is nothing for them, not a failed request.
 */
export function CommunesPage() {
  const me = useMe();
  if (!hasRole(me, 'province_admin')) {
    return (
      <>
        <PageTitle>Các xã</PageTitle>
        <p className="info-box" role="status">
          Trang này dành cho cán bộ quản trị cấp tỉnh. Tài khoản của ông/bà làm việc trong xã của mình.
        </p>
      </>
    );
  }
  return <ProvinceCommunes />;
}

function ProvinceCommunes() {
  const { data, error, loading, reload } = useLoad(() => api.communes(), []);
  const [form, setForm] = useState(EMPTY);
  const [formError, setFormError] = useState<unknown>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string>();

  const add = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    setFields({});
    setDone(undefined);
    try {
      const c = await api.addCommune({ ...form, provinceId: form.provinceId || (data?.items[0]?.provinceId ?? '') });
      setForm(EMPTY);
      setDone(`Đã thêm ${c.name}. Trợ lý trả lời tin nhắn gửi tới OA ${c.oaId} ngay, không cần khởi động lại.`);
      reload();
    } catch (err) {
      setFormError(err);
      if (err instanceof ApiError) setFields(err.fields);
    }
  };

  return (
    <>
      <PageTitle>Các xã</PageTitle>
      {done && (
        <div className="info-box" role="status">
          {done}
        </div>
      )}
      <ErrorBox error={error} />
      {loading && !data && <Loading />}
      {data && (
        <table className="table" data-testid="communes">
          <thead>
            <tr>
              <th>Mã xã</th>
              <th>Tên</th>
              <th>Tỉnh</th>
              <th>Mã OA</th>
              <th>Ghi chú</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((c) => (
              <tr key={c.id}>
                <td>{c.id}</td>
                <td>{c.name}</td>
                <td>{c.provinceId}</td>
                <td>{c.oaId}</td>
                <td>
                  {c.example && <Badge>Xã ví dụ</Badge>} {!c.active && <Badge>Ngừng phục vụ</Badge>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="panel">
        <h2>Thêm xã</h2>
        <form className="form" onSubmit={add}>
          <ErrorBox error={formError} />
          <div className="form-row">
            <Field label="Mã xã" error={fields.id} hint="Chữ thường không dấu, nối bằng gạch ngang, ví dụ xa-an-lao.">
              <input name="communeId" value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} autoComplete="off" />
            </Field>
            <Field label="Tên xã" error={fields.name}>
              <input name="communeName" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </Field>
            <Field label="Mã tỉnh" error={fields.provinceId} hint="Để trống: cùng tỉnh với các xã hiện có.">
              <input name="provinceId" value={form.provinceId} onChange={(e) => setForm({ ...form, provinceId: e.target.value })} />
            </Field>
            <Field label="Mã Official Account (OA) của xã" error={fields.oaId} hint="Dãy số trong trang quản lý OA.">
              <input name="oaId" inputMode="numeric" value={form.oaId} onChange={(e) => setForm({ ...form, oaId: e.target.value })} />
            </Field>
            <Field label="Đường dây nóng của xã" error={fields.hotline} hint="Để trống: người dân được chỉ tổng đài quốc gia cho đến khi có hồ sơ xã.">
              <input name="hotline" inputMode="tel" value={form.hotline} onChange={(e) => setForm({ ...form, hotline: e.target.value })} />
            </Field>
          </div>
          <button type="submit" className="btn">
            Thêm xã
          </button>
        </form>
      </section>
    </>
  );
}
