import { ZaloHttpError, ZaloNetworkError, ZaloProtocolError, ZaloApiError } from './errors.js';
import { parseZaloJson } from './wire.js';

/**
 * One HTTP exchange with Zalo, shared by the OA API client and OAuth: timeout, safe JSON reading and
 * the mapping of transport failures to typed errors. What a 2xx body means is left to the caller,
 * because the OA API (`{error, data}`) and OAuth (`{access_token}` or `{error, error_name}`) differ.
 */

/** What the transport reads of a response (the global fetch's Response has it). */
export interface FetchedResponse {
  status: number;
  text(): Promise<string>;
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<FetchedResponse>;

export interface ZaloRequest {
  /** Logical operation for errors and logs, e.g. `sendMessage`. */
  method: string;
  httpMethod: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  fetch: FetchLike;
  timeoutMs: number;
}

export interface ZaloRawResponse {
  status: number;
  /** Body read with `parseZaloJson` (unsafe integers kept as strings). */
  json: unknown;
}

export async function zaloRequest(req: ZaloRequest): Promise<ZaloRawResponse> {
  const endpoint = `${req.httpMethod} ${req.url.pathname}`;
  const signal = AbortSignal.timeout(req.timeoutMs);
  let status: number;
  let text: string;
  try {
    const init: RequestInit = { method: req.httpMethod, headers: req.headers, signal };
    if (req.body !== undefined) init.body = req.body;
    const res = await req.fetch(req.url, init);
    status = res.status;
    // Reading the body is still covered by the same timeout signal.
    text = await res.text();
  } catch (cause) {
    throw new ZaloNetworkError({ method: req.method, endpoint, cause, timedOut: isTimeout(cause, signal) });
  }

  // 5xx: whatever the body says, the server failed; safe to retry.
  if (status >= 500) throw new ZaloHttpError({ method: req.method, endpoint, status });

  let json: unknown;
  try {
    json = parseZaloJson(text);
  } catch (cause) {
    if (status < 200 || status >= 300) throw new ZaloHttpError({ method: req.method, endpoint, status });
    throw new ZaloProtocolError({ method: req.method, endpoint, detail: 'body is not JSON', httpStatus: status, cause });
  }

  if (status < 200 || status >= 300) {
    // A 4xx that still carries Zalo's envelope is classified by Zalo's code, which is more precise.
    const code = errorCodeOf(json);
    if (code !== undefined && code !== 0) {
      throw new ZaloApiError({ method: req.method, endpoint, code, description: errorTextOf(json), httpStatus: status });
    }
    throw new ZaloHttpError({ method: req.method, endpoint, status });
  }
  return { status, json };
}

/** The numeric `error` field of a Zalo body, if any (number or digit string). */
export function errorCodeOf(json: unknown): number | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const raw = (json as { error?: unknown }).error;
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string' && /^-?\d+$/.test(raw.trim())) return Number(raw);
  return undefined;
}

/** Zalo's human-readable error text, from whichever field this host uses. */
export function errorTextOf(json: unknown): string {
  if (!json || typeof json !== 'object') return '';
  const body = json as Record<string, unknown>;
  for (const key of ['message', 'error_description', 'error_reason', 'error_name']) {
    const value = body[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return '';
}

function isTimeout(cause: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  const name = (cause as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}
