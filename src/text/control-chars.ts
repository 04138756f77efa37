/**
 * Control characters at the boundary. PostgreSQL cannot store NUL in text at all (the whole
 * statement fails: "invalid byte sequence for encoding UTF8: 0x00"), and the other C0 controls
 * (and DEL) have no place in anything a person typed. Every text that comes in (webhook events,
 * Zalo responses, JSON bodies, query strings) goes through here once, so nothing deeper has to
 * think about it. Line breaks and tabs are kept: they are how people write.
 */

// C0 controls except \t (09), \n (0A) and \r (0D), and DEL (7F).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Whether `text` holds a character `cleanText` would remove. */
export function hasControlChars(text: string): boolean {
  return HAS_CONTROL.test(text);
}

/** Removes C0 control characters other than tab, line feed and carriage return, and DEL. */
export function cleanText(text: string): string {
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, '') : text;
}

/**
 * A copy of parsed JSON (or query) data with every string cleaned, keys included. Values that are
 * not plain data (numbers, booleans, null) pass through; the input is not modified.
 */
export function cleanDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((item) => cleanDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a "__proto__" key from JSON stays an ordinary property.
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, cleanText(key), { value: cleanDeep(item), enumerable: true, writable: true, configurable: true });
    }
    return out as T;
  }
  return value;
}
