import { useEffect, useState } from 'react';
import { Button } from 'zmp-ui';
import { useRequest } from '../../hooks/use-request';
import { ApiError, api, errorMessage } from '../../services/api';
import { insideZalo } from '../../services/zalo';

/**
 * "Nhận tin qua Zalo": which topics the commune's OA sends this resident. It needs the resident's
 * Zalo account, so it appears only inside Zalo.
 */
export function SubscriptionCard() {
  if (!insideZalo()) return null;
  return <SubscriptionForm />;
}

function SubscriptionForm() {
  const state = useRequest((signal) => api.subscriptions(signal), []);
  const [chosen, setChosen] = useState<string[]>([]);
  const [message, setMessage] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (state.data) setChosen(state.data.topics.filter((t) => t.subscribed).map((t) => t.id));
  }, [state.data]);

  if (state.error) {
    // 401 means the Zalo session could not be verified: say so plainly, nothing else to do here.
    return <p className="hint">{errorMessage(state.error)}</p>;
  }
  if (!state.data) return null;

  const save = async () => {
    setSaving(true);
    setMessage(undefined);
    try {
      const r = await api.saveSubscriptions(chosen);
      setChosen(r.topics.filter((t) => t.subscribed).map((t) => t.id));
      setMessage('Đã lưu. Xã sẽ gửi các tin này qua Zalo.');
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card" aria-labelledby="subs-title">
      <h2 id="subs-title" className="card-title">
        Nhận tin qua Zalo
      </h2>
      {!state.data.linked && <p className="hint">Ông/bà cần quan tâm Official Account của xã và nhắn một tin bất kỳ trước khi chọn nhận tin.</p>}
      <div className="choices">
        {state.data.topics.map((t) => (
          <label key={t.id} className={`choice${chosen.includes(t.id) ? ' is-selected' : ''}`}>
            <input
              type="checkbox"
              checked={chosen.includes(t.id)}
              onChange={() => setChosen((c) => (c.includes(t.id) ? c.filter((x) => x !== t.id) : [...c, t.id]))}
            />
            <span className="choice-name">{t.name}</span>
          </label>
        ))}
      </div>
      {message && (
        <p className="hint" role="status">
          {message}
        </p>
      )}
      <Button fullWidth loading={saving} disabled={saving} onClick={save}>
        Lưu lựa chọn
      </Button>
    </section>
  );
}
