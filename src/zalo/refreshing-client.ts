import { iterateFollowersWith, type ZaloClient } from './client.js';
import { isZaloError } from './errors.js';
import type { TokenStore } from './token-store.js';

/**
 * The OA client every caller uses: on an expired or invalid token (-216, -220, HTTP 401) it
 * refreshes once and repeats the call once, in every call path (sends, the outbox's delivery
 * checks, user look-ups, follower lists, and whatever is added to the client later). The refresh
 * itself is serialised across processes by the token store; if another caller already replaced
 * the token, the repeat simply uses the new one. A second expiry in a row is the caller's to see.
 */
export function withTokenRefresh(client: ZaloClient, tokens: Pick<TokenStore, 'getAccessToken' | 'refreshNow'>): ZaloClient {
  async function once<T>(call: () => Promise<T>): Promise<T> {
    const used = await tokens.getAccessToken();
    try {
      return await call();
    } catch (err) {
      if (!isZaloError(err) || !err.isTokenExpired) throw err;
      await tokens.refreshNow(used);
      return call();
    }
  }
  const wrapped = new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'iterateFollowers') {
        return (query?: Parameters<ZaloClient['iterateFollowers']>[0]) => iterateFollowersWith((q) => wrapped.getFollowers(q), query);
      }
      return (...args: unknown[]) => once(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
  return wrapped;
}
