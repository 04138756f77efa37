import { useState, type FormEvent } from 'react';
import { ErrorBox, Field } from '../components/ui';
import { ApiError } from '../services/api';
import { useSession } from '../session';

/** Sign in. Wrong password, lockout and rate-limit messages come from the server, in Vietnamese. */
export function LoginPage({ expired }: { expired: boolean }) {
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    setFields({});
    try {
      await login(username, password);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Đăng nhập</h1>
        <p className="muted">Bàn làm việc của cán bộ xã: tin thông báo, phản ánh, câu hỏi của người dân.</p>
        {expired && !error && <div className="info-box">Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.</div>}
        <ErrorBox error={error} />
        <Field label="Tên đăng nhập" error={fields.username}>
          <input name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </Field>
        <Field label="Mật khẩu" error={fields.password}>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </main>
  );
}
