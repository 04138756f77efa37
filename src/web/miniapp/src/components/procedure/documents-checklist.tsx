import { useEffect, useState } from 'react';
import type { ProcedureDocument } from '../../services/types';
import { deviceStorage } from '../../services/zalo';

function detail(d: ProcedureDocument): string {
  const parts = [d.form, d.count && d.count > 1 ? `${d.count} bản` : null].filter(Boolean);
  return parts.join(', ');
}

/**
 * The papers to bring, as a checklist the resident ticks while preparing; remembered on the
 * device per procedure.
 */
export function DocumentsChecklist({ procedureId, documents }: { procedureId: string; documents: ProcedureDocument[] }) {
  const key = `xa.checklist.${procedureId}`;
  const [done, setDone] = useState<boolean[]>(() => documents.map(() => false));

  useEffect(() => {
    let live = true;
    void deviceStorage.get(key).then((raw) => {
      if (!live || !raw) return;
      try {
        const saved = JSON.parse(raw) as unknown;
        if (Array.isArray(saved) && saved.length === documents.length) setDone(saved.map(Boolean));
      } catch {
        // ignore a damaged entry
      }
    });
    return () => {
      live = false;
    };
  }, [key, documents.length]);

  const toggle = (i: number) => {
    const next = done.map((v, j) => (j === i ? !v : v));
    setDone(next);
    void deviceStorage.set(key, JSON.stringify(next));
  };
  const count = done.filter(Boolean).length;

  return (
    <section className="card" aria-labelledby="docs-title">
      <h2 id="docs-title" className="card-title">
        Giấy tờ cần mang
      </h2>
      <p className="hint" aria-live="polite">
        {count === documents.length ? 'Đã chuẩn bị đủ giấy tờ.' : `Đã chuẩn bị ${count}/${documents.length}. Chạm vào từng dòng để đánh dấu.`}
      </p>
      <ul className="checklist">
        {documents.map((d, i) => {
          const id = `doc-${i}`;
          const extra = detail(d);
          return (
            <li key={id} className={done[i] ? 'is-done' : undefined}>
              <input id={id} type="checkbox" checked={done[i] ?? false} onChange={() => toggle(i)} />
              <label htmlFor={id}>
                <span className="doc-name">{d.name}</span>
                {extra && <span className="doc-extra">{extra}</span>}
                {d.note && <span className="doc-note">{d.note}</span>}
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
