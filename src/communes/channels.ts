import type { Logger } from 'pino';
import type { Executor } from '../store/database.js';
import { createTokenStore, type TokenStore } from '../zalo/token-store.js';
import { createZaloClient, type ZaloClient } from '../zalo/client.js';
import { withTokenRefresh } from '../zalo/refreshing-client.js';

/** A commune's line to Zalo: its OA's tokens and a client that calls with them. */
export interface OaChannel {
  communeId: string;
  tokens: TokenStore;
  client: ZaloClient;
}

export interface OaChannelsOptions {
  db: Executor;
  log: Logger;
  clock: () => Date;
  appId: string;
  appSecret: string;
  apiBaseUrl: string | undefined;
  oauthBaseUrl: string | undefined;
  timeoutMs: number;
  /** A commune's first pair when the database has none (the configured one, or the sandbox's). */
  initialTokensFor?: (communeId: string) => { accessToken: string; refreshToken: string } | undefined;
}

/**
 * One channel per commune, made on first use. Tokens live in the database (row id = commune id),
 * so every instance uses and refreshes the same pair, one refresh per OA at a time.
 */
export function createOaChannels(o: OaChannelsOptions) {
  const channels = new Map<string, OaChannel>();
  function channel(communeId: string): OaChannel {
    let c = channels.get(communeId);
    if (!c) {
      const tokens = createTokenStore({
        db: o.db,
        log: o.log,
        communeId,
        appId: o.appId,
        appSecret: o.appSecret,
        oauthBaseUrl: o.oauthBaseUrl,
        clock: o.clock,
        initial: o.initialTokensFor?.(communeId),
      });
      // A -216 refreshes this OA's token once and retries (refreshing-client.ts).
      const client = withTokenRefresh(createZaloClient({ apiBaseUrl: o.apiBaseUrl, getAccessToken: () => tokens.getAccessToken(), timeoutMs: o.timeoutMs }), tokens);
      c = { communeId, tokens, client };
      channels.set(communeId, c);
    }
    return c;
  }
  return {
    channel,
    /** Stores a commune's first token pair (from settings, the CLI or the sandbox); kept if one is there. */
    async seedTokens(communeId: string, pair: { accessToken: string; refreshToken: string }): Promise<void> {
      const store = createTokenStore({ db: o.db, log: o.log, communeId, appId: o.appId, appSecret: o.appSecret, initial: pair, clock: o.clock });
      await store.seed();
    },
  };
}

export type OaChannels = ReturnType<typeof createOaChannels>;
