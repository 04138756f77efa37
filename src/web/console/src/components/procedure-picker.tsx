import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { api, isAbort } from '../services/api';

/** A procedure to pick: from the search, or the assistant's own nearest guess (no code then). */
export interface PickedProcedure {
  id: string;
  name: string;
  code?: string;
  fieldLabel?: string;
}

type Status = 'idle' | 'searching' | 'done' | 'failed';

/**
 * Searches the catalog as you type (the public search, so diacritics are optional) and picks one
 * procedure. Keyboard: ↑/↓ move through the results, Enter picks, Esc closes the list.
 * With nothing typed, `suggestion` (the procedure the assistant found nearest) is offered.
 */
export function ProcedurePicker({
  label,
  selected,
  onSelect,
  suggestion,
  error,
  autoFocus,
}: {
  label: string;
  selected: PickedProcedure | null;
  onSelect: (p: PickedProcedure) => void;
  suggestion?: PickedProcedure;
  error?: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<PickedProcedure[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [open, setOpen] = useState(Boolean(suggestion));
  const [active, setActive] = useState(0);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setResults([]);
      setStatus('idle');
      return;
    }
    const ctl = new AbortController();
    // A short pause so that fast typing sends one search, not one per letter.
    const timer = setTimeout(() => {
      setStatus('searching');
      api
        .searchProcedures(q, ctl.signal)
        .then((r) => {
          setResults(r.items);
          setActive(0);
          setStatus('done');
        })
        .catch((err: unknown) => {
          if (!isAbort(err)) setStatus('failed');
        });
    }, 120);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [query]);

  const options = query.trim() ? results : suggestion ? [suggestion] : [];
  const shown = open && options.length > 0;
  const optionId = (i: number) => `${id}-opt-${i}`;

  const pick = (p: PickedProcedure) => {
    onSelect(p);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(a + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      const p = shown ? options[active] : undefined;
      // Enter picks the highlighted result instead of sending the form.
      if (p) {
        e.preventDefault();
        pick(p);
      }
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      setOpen(false);
    }
  };

  let message = '';
  if (status === 'searching') message = 'Đang tìm…';
  else if (status === 'failed') message = 'Không tìm được, vui lòng thử lại.';
  else if (status === 'done' && results.length === 0) message = 'Không tìm thấy thủ tục phù hợp. Thử gõ tên khác hoặc mã thủ tục.';
  else if (!query.trim() && !selected) message = 'Gõ tên thủ tục, mã hoặc cách gọi quen thuộc (có dấu hoặc không dấu).';

  return (
    <div className={`field picker${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={`${id}-input`}>
        {label}
      </label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        autoFocus={autoFocus}
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-activedescendant={shown && options[active] ? optionId(active) : undefined}
        aria-describedby={`${id}-status`}
        placeholder="Ví dụ: trích lục, khai sinh, 2.000635"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Kết quả tìm thủ tục" className="picker-list" hidden={!shown}>
        {options.map((p, i) => (
          <li
            key={p.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={`picker-option${i === active ? ' is-active' : ''}`}
            // Keep the focus in the input; the click picks.
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => pick(p)}
          >
            <span className="picker-name">{p.name}</span>
            <span className="picker-meta">{p.code ? `Mã ${p.code}${p.fieldLabel ? ` · ${p.fieldLabel}` : ''}` : 'Thủ tục trợ lý đoán gần nhất'}</span>
          </li>
        ))}
      </ul>
      <span id={`${id}-status`} className="field-hint" role="status">
        {message}
      </span>
      {selected && (
        <p className="picker-selected" data-testid="picked-procedure">
          Đã chọn: <strong>{selected.name}</strong>
          {selected.code && <span className="muted"> · Mã {selected.code}</span>}
        </p>
      )}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}
