import { useEffect, useRef } from 'react';
import { CloseIcon, SearchIcon } from '../common/icons';

/** A large search field with a clear button; `onChange` fires on every keystroke. */
export function SearchBox({ value, onChange, placeholder, autoFocus }: { value: string; onChange: (v: string) => void; placeholder?: string; autoFocus?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  return (
    <form className="search-box" role="search" onSubmit={(e) => {
      e.preventDefault();
      input.current?.blur();
    }}>
      <label htmlFor="search-input" className="visually-hidden">
        Tìm thủ tục
      </label>
      <SearchIcon />
      <input
        ref={input}
        id="search-input"
        type="search"
        inputMode="search"
        enterKeyHint="search"
        autoComplete="off"
        placeholder={placeholder ?? 'Ông/bà cần làm giấy tờ gì?'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {value && (
        <button type="button" className="search-clear" aria-label="Xóa chữ đã nhập" onClick={() => {
          onChange('');
          input.current?.focus();
        }}>
          <CloseIcon size={26} />
        </button>
      )}
    </form>
  );
}
