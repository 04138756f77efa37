import { useEffect, useState } from 'react';
import { api, isAbort } from '../../services/api';
import type { FieldId, ProcedureSummary } from '../../services/types';

const DEBOUNCE_MS = 250;

/**
 * Search as you type: waits a moment after the last keystroke, cancels the previous request, and
 * keeps the last results on screen while the next ones load.
 */
export function useProcedureSearch(query: string, field?: FieldId) {
  const [items, setItems] = useState<ProcedureSummary[]>();
  // The query the items on screen answer (they stay while the next ones load).
  const [forQuery, setForQuery] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const q = query.trim();

  useEffect(() => {
    if (!q && !field) {
      setItems(undefined);
      setForQuery(undefined);
      setLoading(false);
      setError(undefined);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    const timer = window.setTimeout(() => {
      api
        .searchProcedures(q, field, ctrl.signal)
        .then((r) => {
          setItems(r.items);
          setForQuery(q);
          setError(undefined);
        })
        .catch((err: unknown) => {
          if (!isAbort(err)) setError(err);
        })
        .finally(() => {
          if (!ctrl.signal.aborted) setLoading(false);
        });
    }, q ? DEBOUNCE_MS : 0);
    return () => {
      window.clearTimeout(timer);
      ctrl.abort();
    };
  }, [q, field]);

  return { items, error, loading, forQuery };
}
