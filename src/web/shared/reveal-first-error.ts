/**
 * Brings the first field marked with an error into view and puts the cursor in it, so the message
 * saying what to fix is where the eye and the keyboard are (both front-ends call it after the
 * server refused a form). Plain DOM: no framework here.
 */
export function revealFirstError(fieldSelector: string): void {
  const field = document.querySelector<HTMLElement>(fieldSelector);
  if (!field) return;
  field.scrollIntoView({ block: 'center' });
  field.querySelector<HTMLElement>('input, textarea, select')?.focus({ preventScroll: true });
}
