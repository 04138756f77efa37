import { viDate } from '../../../shared/vi-format';

/** "22/11/2026" (Vietnam calendar date) for an ISO instant. */
export function formatDate(iso: string | null | undefined): string {
  return viDate(iso);
}

/** How a phone number is shown: example numbers say so, as in the chat ("(số ví dụ)"). */
export function phoneLabel(p: { number: string; example: boolean }): string {
  return p.example ? `${p.number} (số ví dụ)` : p.number;
}

/** A request id for idempotent form submission (crypto.randomUUID needs a secure context). */
export function requestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
