import { useNavigate } from 'zmp-ui';
import type { ProcedureSummary } from '../../services/types';
import { ChevronIcon } from '../common/icons';

/**
 * Search results grouped by field, in the order the server ranked them. While the next results
 * load the list says so (`aria-busy`), and `data-query` names the search it shows.
 */
export function ProcedureResults({ items, grouped = true, query, busy = false }: { items: ProcedureSummary[]; grouped?: boolean; query?: string; busy?: boolean }) {
  const navigate = useNavigate();
  const groups = new Map<string, ProcedureSummary[]>();
  for (const p of items) {
    const key = grouped ? p.fieldLabel : '';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return (
    <div className="results" aria-live="polite" aria-busy={busy} data-query={query}>
      {[...groups.entries()].map(([label, list]) => (
        <section key={label || 'all'} className="result-group">
          {label && <h2 className="group-title">{label}</h2>}
          <ul className="list">
            {list.map((p) => (
              <li key={p.id}>
                <button type="button" className="list-row" onClick={() => navigate(`/thu-tuc/${p.id}`)}>
                  <span className="list-row-text">{p.name}</span>
                  <ChevronIcon />
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
