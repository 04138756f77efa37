import { useState, type FormEvent } from 'react';
import { Badge, ErrorBox, Field, Loading, PageTitle, useRevealFirstError } from '../components/ui';
import { formatDateTime } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { ApiError, api } from '../services/api';
import type { Role, StaffUser } from '../services/types';
import { ROLE_LABELS, useMe } from '../session';

const ROLES = Object.keys(ROLE_LABELS) as Role[];

/** Staff accounts and their roles (admin only): create, change roles, lock out, reset password. */
export function UsersPage() {
  const me = useMe();
  const { data, error, loading, reload } = useLoad(() => api.users(), []);
  const [form, setForm] = useState({ username: '', displayName: '', password: '', roles: [] as Role[] });
  const [formError, setFormError] = useState<unknown>();
  const [fields, setFields] = useState<Record<string, string>>({});
  useRevealFirstError(fields);
  const [rowError, setRowError] = useState<unknown>();
  const [done, setDone] = useState<string>();

  const toggleRole = (r: Role) => setForm((f) => ({ ...f, roles: f.roles.includes(r) ? f.roles.filter((x) => x !== r) : [...f.roles, r] }));

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    setFields({});
    setDone(undefined);
    try {
      const u = await api.createUser(form);
      setForm({ username: '', displayName: '', password: '', roles: [] });
      setDone(`Đã tạo tài khoản ${u.username}.`);
      reload();
    } catch (err) {
      setFormError(err);
      if (err instanceof ApiError) setFields(err.fields);
    }
  };

  const patch = async (u: StaffUser, change: { roles?: Role[]; active?: boolean; password?: string }, message: string) => {
    setRowError(undefined);
    setDone(undefined);
    try {
      await api.updateUser(u.id, change);
      setDone(message);
      reload();
    } catch (err) {
      setRowError(err);
    }
  };

  return (
    <>
      <PageTitle>Tài khoản cán bộ</PageTitle>
      {done && (
        <div className="info-box" role="status">
          {done}
        </div>
      )}
      <ErrorBox error={error ?? rowError} />
      {loading && !data && <Loading />}
      {data && (
        <table className="table" data-testid="users">
          <thead>
            <tr>
              <th>Tên đăng nhập</th>
              <th>Họ tên</th>
              <th>Vai trò</th>
              <th>Trạng thái</th>
              <th>Tạo lúc</th>
              <th>Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((u) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>
                  <fieldset className="role-boxes" aria-label={`Vai trò của ${u.username}`}>
                    {ROLES.map((r) => (
                      <label key={r} className="inline-check">
                        <input
                          type="checkbox"
                          checked={u.roles.includes(r)}
                          disabled={u.id === me.id && r === 'admin'}
                          onChange={() => {
                            const roles = u.roles.includes(r) ? u.roles.filter((x) => x !== r) : [...u.roles, r];
                            void patch(u, { roles }, `Đã cập nhật vai trò của ${u.username}.`);
                          }}
                        />
                        <span>{ROLE_LABELS[r]}</span>
                      </label>
                    ))}
                  </fieldset>
                </td>
                <td>{u.active ? <Badge tone="ok">Đang dùng</Badge> : <Badge>Đã khóa</Badge>}</td>
                <td>{formatDateTime(u.createdAt)}</td>
                <td>
                  {u.id !== me.id && (
                    <button type="button" className="btn btn-ghost" onClick={() => void patch(u, { active: !u.active }, u.active ? `Đã khóa ${u.username}.` : `Đã mở lại ${u.username}.`)}>
                      {u.active ? 'Khóa' : 'Mở lại'}
                    </button>
                  )}
                  <button
                    type="button"
                    className="btn btn-ghost"
                    onClick={() => {
                      const password = window.prompt(`Mật khẩu mới cho ${u.username}:`);
                      if (password) void patch(u, { password }, `Đã đặt lại mật khẩu của ${u.username}.`);
                    }}
                  >
                    Đổi mật khẩu
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <section className="panel">
        <h2>Thêm tài khoản</h2>
        <form className="form" onSubmit={create}>
          <ErrorBox error={formError} shownFields={['username', 'displayName', 'password', 'roles']} />
          <div className="form-row">
            <Field label="Tên đăng nhập" error={fields.username} hint="Chữ thường không dấu, số, dấu chấm, gạch.">
              <input name="newUsername" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} autoComplete="off" />
            </Field>
            <Field label="Họ và tên" error={fields.displayName}>
              <input name="newDisplayName" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
            </Field>
            <Field label="Mật khẩu ban đầu" error={fields.password}>
              <input name="newPassword" type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} autoComplete="new-password" />
            </Field>
          </div>
          <fieldset className="role-boxes">
            <legend>Vai trò</legend>
            {ROLES.map((r) => (
              <label key={r} className="inline-check">
                <input type="checkbox" checked={form.roles.includes(r)} onChange={() => toggleRole(r)} />
                <span>{ROLE_LABELS[r]}</span>
              </label>
            ))}
            {fields.roles && <span className="field-error">{fields.roles}</span>}
          </fieldset>
          <div className="button-row">
            <button type="submit" className="btn btn-primary">
              Tạo tài khoản
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
