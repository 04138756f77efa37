/**
 * The ONE module that talks to zmp-sdk. Everything else asks this module, which knows whether the
 * app runs inside Zalo and falls back to plain web behaviour when it does not:
 *
 * - outside Zalo the SDK is never even loaded (on localhost it answers with dummy values and
 *   no-ops, elsewhere it rejects with -2000), so a browser gets `tel:` links, new tabs and
 *   localStorage instead;
 * - the SDK rejects with plain objects `{code, message}`; they become `ZaloSdkError`s here;
 * - it is loaded with a dynamic import, so importing this module in Node does not touch `window`.
 */

type Sdk = typeof import('zmp-sdk');

/** A zmp-sdk failure as a real Error (the SDK rejects with plain objects). */
export class ZaloSdkError extends Error {
  constructor(
    readonly code: number | string,
    message: string,
    readonly api?: string,
  ) {
    super(message);
    this.name = 'ZaloSdkError';
  }
}

function toError(err: unknown, api: string): ZaloSdkError {
  if (err instanceof ZaloSdkError) return err;
  const o = (err ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof o.code === 'number' || typeof o.code === 'string' ? o.code : 'unknown';
  const message = typeof o.message === 'string' ? o.message : String(err);
  return new ZaloSdkError(code, message, api);
}

/**
 * True when running in Zalo's Mini App container: served from Zalo's H5 host under /zapps/.
 * (The same test zmp-sdk uses; `localhost` and every other host count as a plain browser.)
 */
export function insideZalo(): boolean {
  if (typeof window === 'undefined') return false;
  const { hostname, pathname, search } = window.location;
  if (!hostname.endsWith('zdn.vn')) return false;
  const env = new URLSearchParams(search).get('env');
  return pathname.startsWith('/zapps') || env === 'TESTING_LOCAL' || env === 'TESTING' || env === 'DEVELOPMENT';
}

let sdkPromise: Promise<Sdk> | undefined;
function sdk(): Promise<Sdk> {
  sdkPromise ??= import('zmp-sdk');
  return sdkPromise;
}

async function call<T>(api: string, run: (s: Sdk) => Promise<T>): Promise<T> {
  try {
    return await run(await sdk());
  } catch (err) {
    throw toError(err, api);
  }
}

const TOKEN_TTL_MS = 10 * 60_000;
let token: { value: string | undefined; until: number } | undefined;

/**
 * The user's Zalo access token for the server (header X-Zalo-Access-Token), or undefined outside
 * Zalo or when Zalo gives none: the request then goes out anonymous, which the server accepts.
 */
export async function zaloAccessToken(): Promise<string | undefined> {
  if (!insideZalo()) return undefined;
  if (token && token.until > Date.now()) return token.value;
  let value: string | undefined;
  try {
    value = (await call('getAccessToken', (s) => s.getAccessToken())) || undefined;
  } catch {
    value = undefined;
  }
  token = { value, until: Date.now() + TOKEN_TTL_MS };
  return value;
}

/** Digits (and a leading +) of a phone number as written in content ("0200 000 0000"). */
export function dialable(number: string): string {
  return number.replace(/[^\d+]/g, '');
}

/**
 * Opens Zalo's call screen. Returns false when the caller should let the browser follow its
 * `tel:` link instead (outside Zalo, or the SDK refused).
 */
export async function openPhone(number: string): Promise<boolean> {
  if (!insideZalo()) return false;
  try {
    await call('openPhone', (s) => s.openPhone({ phoneNumber: dialable(number) }));
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the chat with the commune's Official Account (prefilled `message`). Returns false when
 * that is not possible here (outside Zalo, no OA id, or the SDK refused): the caller offers the
 * OA's web link, the hotline or the feedback form instead.
 */
export async function openOaChat(oaId: string | undefined, message?: string): Promise<boolean> {
  if (!insideZalo() || !oaId) return false;
  try {
    await call('openChat', (s) => s.openChat({ type: 'oa', id: oaId, message }));
    return true;
  } catch {
    return false;
  }
}

/** Opens a web page in Zalo's in-app browser; false → let the link open a new browser tab. */
export async function openWebPage(url: string): Promise<boolean> {
  if (!insideZalo()) return false;
  try {
    await call('openWebview', (s) => s.openWebview({ url }));
    return true;
  } catch {
    return false;
  }
}

/**
 * Small key–value storage on the device: Zalo's nativeStorage inside Zalo (it throws on clients
 * that lack it), localStorage in a browser (which can throw too, e.g. storage disabled).
 */
export const deviceStorage = {
  async get(key: string): Promise<string | null> {
    if (insideZalo()) {
      try {
        return (await sdk()).nativeStorage.getItem(key) ?? null;
      } catch {
        // fall through to localStorage
      }
    }
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  async set(key: string, value: string): Promise<void> {
    if (insideZalo()) {
      try {
        (await sdk()).nativeStorage.setItem(key, value);
        return;
      } catch {
        // fall through to localStorage
      }
    }
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // Nothing to keep it in: the checklist simply is not remembered.
    }
  },
};
