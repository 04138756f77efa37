/**
 * Errors from talking to Zalo. The outbox decides what to do with a failed send from these alone,
 * so every error answers three questions: refresh the token? retry later? give up on this message?
 *
 *   ZaloApiError      Zalo answered and said no (`error !== 0`, usually on HTTP 200).
 *   ZaloHttpError     Zalo (or a proxy in front of it) answered with a non-2xx HTTP status.
 *   ZaloNetworkError  no answer: connection failed, reset or timed out.
 *   ZaloProtocolError an answer we cannot read (not JSON, unexpected shape).
 */

/**
 * What the caller should do next.
 * - `refresh`: the access token is invalid or expired; refresh once, retry once.
 * - `retry`: transient; back off and retry.
 * - `defer`: not now, but later (quota per recipient, night-time block); retry after a long delay.
 * - `drop`: this message to this user will never succeed as is; record the failure, do not retry.
 * - `operator`: the OA or app configuration is wrong, or Zalo's policy or billing stopped the OA
 *   (reference §7: -204, -205, -209, -211, -212, -219, -221, -223, -224, -235, -240, -242, -248,
 *   -320, -321); every call will fail until a human acts, so the outbox pauses proactive sending.
 */
export type ZaloDisposition = 'refresh' | 'retry' | 'defer' | 'drop' | 'operator';

interface CodeInfo {
  disposition: ZaloDisposition;
  meaning: string;
}

/** Error codes from the reference (§2.4, §4.2). Meanings are for logs, in English. */
const CODES: ReadonlyMap<number, CodeInfo> = new Map<number, CodeInfo>([
  [-32, { disposition: 'retry', meaning: 'rate limit reached (app or OA)' }],
  [-100, { disposition: 'drop', meaning: 'attachment id expired' }],
  // -200 "send failed" is undocumented beyond its name; treat it as transient and let the outbox's
  // attempt limit stop it.
  [-200, { disposition: 'retry', meaning: 'send failed' }],
  [-201, { disposition: 'drop', meaning: 'a parameter is invalid' }],
  [-204, { disposition: 'operator', meaning: 'OA has been disabled' }],
  [-205, { disposition: 'operator', meaning: 'OA does not exist' }],
  [-209, { disposition: 'operator', meaning: 'API not supported (app not activated)' }],
  [-210, { disposition: 'drop', meaning: 'parameter exceeds limit' }],
  [-211, { disposition: 'operator', meaning: 'out of quota' }],
  [-212, { disposition: 'operator', meaning: 'app has not registered this API' }],
  [-213, { disposition: 'drop', meaning: 'user has not followed the OA' }],
  [-214, { disposition: 'defer', meaning: 'article is being processed' }],
  [-216, { disposition: 'refresh', meaning: 'access token invalid' }],
  [-217, { disposition: 'drop', meaning: 'user blocked invitations from the OA' }],
  [-218, { disposition: 'defer', meaning: 'recipient is out of receive quota' }],
  [-219, { disposition: 'operator', meaning: 'app removed or disabled' }],
  [-220, { disposition: 'refresh', meaning: 'access token expired or removed' }],
  [-221, { disposition: 'operator', meaning: 'OA must be verified for this feature' }],
  [-223, { disposition: 'operator', meaning: 'OA has not authorized this API' }],
  [-224, { disposition: 'operator', meaning: 'OA package tier too low' }],
  [-227, { disposition: 'drop', meaning: 'user banned or inactive for more than 45 days' }],
  [-230, { disposition: 'drop', meaning: 'user has not interacted with the OA in the past 7 days' }],
  [-232, { disposition: 'drop', meaning: 'user interaction missing or expired' }],
  [-233, { disposition: 'drop', meaning: 'message type invalid or unsupported' }],
  [-234, { disposition: 'defer', meaning: 'message type not allowed at night' }],
  [-235, { disposition: 'operator', meaning: 'API does not support this OA type' }],
  [-240, { disposition: 'operator', meaning: 'message API v2 shut down, use v3' }],
  [-242, { disposition: 'operator', meaning: 'invalid appsecret_proof' }],
  [-244, { disposition: 'drop', meaning: 'user restricted this message type' }],
  // "Stop all bulk sending and alert" (reference §7): a policy strike, not one bad message.
  [-248, { disposition: 'operator', meaning: 'violates platform standards' }],
  [-249, { disposition: 'drop', meaning: 'template cannot be sent by user id' }],
  [-320, { disposition: 'operator', meaning: 'app not linked to a Zalo Cloud Account (paid features)' }],
  [-321, { disposition: 'operator', meaning: 'Zalo Cloud Account out of money or cannot be charged' }],
  [-124, { disposition: 'refresh', meaning: 'access token invalid (business host)' }],
  [-14003, { disposition: 'operator', meaning: 'invalid redirect_uri' }],
  // The refresh token is single-use: if it was already used (or expired) only an OA admin
  // re-consenting can recover. Never retry automatically.
  [-14020, { disposition: 'operator', meaning: 'refresh token already used or expired' }],
]);

/**
 * Disposition for an API error code. Unknown codes are `drop`: Zalo explicitly rejected the call,
 * so nothing was sent, and the transient failures Zalo reports (-32) are all known; retrying a
 * rejection we do not understand would most likely fail the same way.
 */
export function dispositionForCode(code: number): ZaloDisposition {
  return CODES.get(code)?.disposition ?? 'drop';
}

/** Short English meaning of a Zalo error code, for logs; undefined when the code is unknown. */
export function meaningOfCode(code: number): string | undefined {
  return CODES.get(code)?.meaning;
}

/** Base class: every Zalo failure, whatever the cause. */
export abstract class ZaloError extends Error {
  /** Logical operation, e.g. `sendMessage`, `refreshAccessToken`. */
  readonly method: string;
  /** HTTP method and path, e.g. `POST /v3.0/oa/message/cs`. */
  readonly endpoint: string;

  constructor(method: string, endpoint: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.method = method;
    this.endpoint = endpoint;
  }

  abstract get disposition(): ZaloDisposition;

  /** Refresh the access token once, then retry once. */
  get isTokenExpired(): boolean {
    return this.disposition === 'refresh';
  }

  /** Retrying later can succeed (immediately with back-off for `retry`, much later for `defer`). */
  get isRetryable(): boolean {
    return this.disposition === 'retry' || this.disposition === 'defer';
  }

  /** Retrying this call unchanged will not succeed (`drop` or `operator`). */
  get isPermanent(): boolean {
    return this.disposition === 'drop' || this.disposition === 'operator';
  }

  /**
   * True when the request may have reached Zalo and been acted on although we saw no success
   * (e.g. a timeout after the request was sent). A retry of a send may then deliver twice.
   */
  get maybeDelivered(): boolean {
    return false;
  }
}

/** Zalo answered with `error !== 0`. */
export class ZaloApiError extends ZaloError {
  override readonly name = 'ZaloApiError';
  /** Zalo's error code, a negative integer (e.g. -216). */
  readonly code: number;
  /** Zalo's own message, verbatim. */
  readonly description: string;
  /** HTTP status of the response that carried the error (usually 200). */
  readonly httpStatus: number;

  constructor(init: { method: string; endpoint: string; code: number; description: string; httpStatus?: number }) {
    super(init.method, init.endpoint, `zalo: ${init.method} failed with ${init.code}: ${init.description}`);
    this.code = init.code;
    this.description = init.description;
    this.httpStatus = init.httpStatus ?? 200;
  }

  get disposition(): ZaloDisposition {
    return dispositionForCode(this.code);
  }
}

/** Non-2xx HTTP status without a Zalo error envelope. 5xx and 429 are retryable; 401 means refresh. */
export class ZaloHttpError extends ZaloError {
  override readonly name = 'ZaloHttpError';
  readonly status: number;

  constructor(init: { method: string; endpoint: string; status: number }) {
    super(init.method, init.endpoint, `zalo: ${init.method} got HTTP ${init.status}`);
    this.status = init.status;
  }

  get disposition(): ZaloDisposition {
    if (this.status === 401) return 'refresh';
    if (this.status >= 500 || this.status === 429 || this.status === 408) return 'retry';
    return 'drop';
  }

  // A 5xx from a gateway can come after the backend handled the request.
  override get maybeDelivered(): boolean {
    return this.status >= 500;
  }
}

/** Error codes (from Node/undici) that mean the request never left this machine. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** No HTTP answer: DNS, connection, reset or timeout. Always retryable; wraps the cause. */
export class ZaloNetworkError extends ZaloError {
  override readonly name = 'ZaloNetworkError';
  readonly timedOut: boolean;

  constructor(init: { method: string; endpoint: string; cause: unknown; timedOut: boolean }) {
    const why = init.timedOut ? 'timed out' : `network error (${describeCause(init.cause)})`;
    super(init.method, init.endpoint, `zalo: ${init.method} ${why}`, { cause: init.cause });
    this.timedOut = init.timedOut;
  }

  get disposition(): ZaloDisposition {
    return 'retry';
  }

  override get maybeDelivered(): boolean {
    if (this.timedOut) return true;
    const code = causeCode(this.cause);
    return code === undefined || !NOT_SENT_CODES.has(code);
  }
}

/**
 * Zalo answered 2xx with something we cannot read. Not retried: for a send, the message may well
 * have gone out, and a malformed answer is not going to fix itself.
 */
export class ZaloProtocolError extends ZaloError {
  override readonly name = 'ZaloProtocolError';
  readonly httpStatus: number;

  constructor(init: { method: string; endpoint: string; detail: string; httpStatus: number; cause?: unknown }) {
    super(init.method, init.endpoint, `zalo: ${init.method} returned an unexpected response: ${init.detail}`, {
      cause: init.cause,
    });
    this.httpStatus = init.httpStatus;
  }

  get disposition(): ZaloDisposition {
    return 'drop';
  }

  override get maybeDelivered(): boolean {
    return true;
  }
}

/** Narrowing helper for catch blocks. */
export function isZaloError(err: unknown): err is ZaloError {
  return err instanceof ZaloError;
}

function causeCode(cause: unknown): string | undefined {
  // undici wraps the socket error: TypeError('fetch failed', { cause: Error{ code } }).
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeCause(cause: unknown): string {
  return causeCode(cause) ?? (cause instanceof Error ? cause.message : String(cause));
}
