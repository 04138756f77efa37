import { once } from 'node:events';
import { startTsWorker } from '../src/ts-worker.js';
import type { TokenPair } from '../src/zalo/oauth.js';

/**
 * The Zalo sandbox on its own thread, for the benchmarks that measure the app's capacity (webhook,
 * answering): in production Zalo answers from its own servers, so its stand-in must not spend the
 * app's event loop. The built-in sandbox of `npm start` runs on the app's thread, which made every
 * send cost the app twice (our client and Zalo's server). The thread still shares the machine's
 * cores, so the figures stay those of one machine.
 */
export interface ZaloThread {
  url: string;
  appId: string;
  appSecret: string;
  oaSecretKey: string;
  tokens: Record<string, TokenPair>;
  /** The app's settings that point it at this sandbox as if it were Zalo (first OA's pair). */
  env(): Record<string, string>;
  close(): Promise<void>;
}

export async function startZaloThread(oaIds: string[]): Promise<ZaloThread> {
  const worker = startTsWorker(new URL('./zalo-thread-worker.ts', import.meta.url), { oaIds });
  const [ready] = (await once(worker, 'message')) as [Omit<ZaloThread, 'env' | 'close'>];
  const first = ready.tokens[oaIds[0]!]!;
  return {
    ...ready,
    env: () => ({
      ZALO_APP_ID: ready.appId,
      ZALO_APP_SECRET: ready.appSecret,
      ZALO_OA_SECRET_KEY: ready.oaSecretKey,
      ZALO_ACCESS_TOKEN: first.accessToken,
      ZALO_REFRESH_TOKEN: first.refreshToken,
      ZALO_API_BASE_URL: ready.url,
      ZALO_OAUTH_BASE_URL: ready.url,
      ZALO_GRAPH_BASE_URL: ready.url,
    }),
    async close() {
      worker.postMessage('close');
      await once(worker, 'message');
      await worker.terminate();
    },
  };
}
