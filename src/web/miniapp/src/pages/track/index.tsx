import { useEffect, useState, type FormEvent } from 'react';
import { Button, useSearchParams } from 'zmp-ui';
import { ErrorNotice, Loading } from '../../components/common/status';
import { Screen } from '../../components/layout/screen';
import { savedPetitions, type SavedPetition } from '../../lib/my-petitions';
import { api } from '../../services/api';
import { insideZalo } from '../../services/zalo';
import type { DossierLookup, PetitionStatusView } from '../../services/types';
import { PetitionStatus } from './petition-status';

/** Track a petition by its code (or learn where to look up a dossier code). */
export default function TrackPage() {
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ?? '';
  const [input, setInput] = useState(code);
  const [saved, setSaved] = useState<SavedPetition[]>([]);
  const [result, setResult] = useState<PetitionStatusView | DossierLookup>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    // Inside Zalo the server knows the resident's petitions; in a browser, this device remembers them.
    if (insideZalo()) {
      api
        .myPetitions()
        .then((r) => setSaved(r.items.map((p) => ({ code: p.code, category: p.category.name, deadline: p.deadline.text }))))
        .catch(() => void savedPetitions().then(setSaved));
    } else {
      void savedPetitions().then(setSaved);
    }
  }, []);

  useEffect(() => {
    setInput(code);
    if (!code) {
      setResult(undefined);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    setError(undefined);
    setResult(undefined);
    api
      .trackPetition(code, ctrl.signal)
      .then(setResult)
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [code]);

  const lookup = (c: string) => setParams(c ? { code: c.trim().toUpperCase() } : {}, { replace: true });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    lookup(input);
  };

  return (
    <Screen title="Tra cứu phản ánh" back="/gop-y">
      <form className="form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">Mã phản ánh</span>
          <input type="text" autoCapitalize="characters" placeholder="Ví dụ: PA-2026-000123" value={input} onChange={(e) => setInput(e.target.value)} />
        </label>
        <Button htmlType="submit" fullWidth disabled={!input.trim()}>
          Tra cứu
        </Button>
      </form>
      {loading && <Loading />}
      {error ? <ErrorNotice error={error} /> : null}
      {result && <PetitionStatus result={result} />}
      {!code && saved.length > 0 && (
        <section aria-labelledby="saved-title">
          <h2 id="saved-title" className="section-title">
            {insideZalo() ? 'Góp ý của ông/bà' : 'Góp ý đã gửi từ máy này'}
          </h2>
          <ul className="list">
            {saved.map((s) => (
              <li key={s.code}>
                <button type="button" className="list-row" onClick={() => lookup(s.code)}>
                  <span className="list-row-text">
                    <strong>{s.code}</strong>
                    <span className="list-row-sub">
                      {s.category} · hạn {s.deadline}
                    </span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Screen>
  );
}
