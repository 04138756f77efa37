import { useEffect, type ReactNode } from 'react';
import { errorMessage, formErrorMessage } from '../services/api';
import { revealFirstError } from '../../../shared/reveal-first-error';

export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-title">
      <h1>{children}</h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

/**
 * An error above a page or form. Given the fields the form shows beside its inputs, a refusal that
 * names only those points to them instead of repeating their messages.
 */
export function ErrorBox({ error, shownFields }: { error: unknown; shownFields?: readonly string[] }) {
  if (!error) return null;
  return (
    <div className="error-box" role="alert">
      {typeof error === 'string' ? error : shownFields ? formErrorMessage(error, shownFields) : errorMessage(error)}
    </div>
  );
}

export function Loading() {
  return (
    <p className="loading" role="status">
      Đang tải…
    </p>
  );
}

export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'info' | 'ok' | 'warn' | 'bad'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A labelled form control with its server-side error message under it. */
export function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <label className={`field${error ? ' has-error' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}

export function Stat({ label, value, tone, href, note }: { label: string; value: number | string; tone?: 'warn' | 'bad'; href?: string; note?: string }) {
  const body = (
    <>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
      {note && <span className="stat-note">{note}</span>}
    </>
  );
  return href ? (
    <a className={`stat${tone ? ` stat-${tone}` : ''}`} href={href}>
      {body}
    </a>
  ) : (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`}>{body}</div>
  );
}

/**
 * After the server refused a form, the first field it named is brought into view and focused, so
 * the message saying what to fix is where the eye and the keyboard are.
 */
export function useRevealFirstError(fields: Record<string, string>) {
  useEffect(() => {
    if (Object.keys(fields).length > 0) revealFirstError('.field.has-error');
  }, [fields]);
}
