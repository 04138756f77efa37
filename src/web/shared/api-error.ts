/**
 * The server answers errors as `{ error: { code, message, fields? } }` with Vietnamese messages
 * meant for people. Both front-ends turn them into this one Error class and show `message`
 * (and `fields` next to the inputs they belong to).
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const NETWORK_MESSAGE = 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.';
const FALLBACK_MESSAGE = 'Hệ thống đang bận, vui lòng thử lại sau ít phút.';

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; fields?: unknown };
}

function stringFields(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** Sends a request; a network failure becomes an ApiError with status 0. */
export async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
}

/** The JSON body of a successful response, or the server's error as an ApiError. */
export async function readJson<T>(res: Response): Promise<T> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.ok) return body as T;
  const e = (body as ErrorBody | null)?.error;
  const message = typeof e?.message === 'string' && e.message ? e.message : FALLBACK_MESSAGE;
  const code = typeof e?.code === 'string' ? e.code : `http_${res.status}`;
  throw new ApiError(res.status, code, message, stringFields(e?.fields));
}

/** A message to show for anything thrown while talking to the server. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return FALLBACK_MESSAGE;
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/**
 * The line above or below a form the server refused. When every field it named shows its own
 * message beside the input and the server's message only repeats them, the line points there (the
 * reader fixes the field, not a summary); otherwise it is the server's message.
 */
export function formErrorMessage(err: unknown, shownFields: readonly string[]): string {
  if (err instanceof ApiError) {
    const named = Object.keys(err.fields);
    // Only a message that repeats the fields' own (one field's, or the server's count of them);
    // a message of its own ("Khoảng thời gian không hợp lệ.") is kept.
    const repeats = Object.values(err.fields).includes(err.message) || err.message.startsWith('Vui lòng sửa ');
    if (repeats && named.length > 0 && named.every((f) => shownFields.includes(f))) {
      return named.length === 1 ? 'Vui lòng sửa mục được đánh dấu đỏ.' : `Vui lòng sửa ${named.length} mục được đánh dấu đỏ.`;
    }
  }
  return errorMessage(err);
}
