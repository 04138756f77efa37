import type { Logger } from 'pino';
import type { RecurringJob } from '../jobs/scheduler.js';
import { TokenUnavailableError, type TokenStore } from './token-store.js';

/**
 * A daily refresh of every active commune's OA pair, whether or not anything was sent: the refresh
 * token lives 3 months and each refresh rotates it (reference §8), so an OA that sends nothing for
 * a while keeps a live pair. 03:17 Vietnam time, away from the sending hours and from round
 * minutes other jobs use. One OA's refused refresh is recorded by its token store (healthz 503,
 * console banner) and does not stop the others'; a commune with no pair yet is skipped.
 */
export function zaloTokenRefreshJob(o: {
  communeIds: () => Promise<string[]>;
  tokensOf: (communeId: string) => Pick<TokenStore, 'refreshProactively' | 'status'>;
  log: Logger;
}): RecurringJob {
  return {
    id: 'zalo-token-refresh',
    name: 'Làm mới mã truy cập Zalo của mọi xã hằng ngày',
    cron: '17 3 * * *',
    async run() {
      const failed: string[] = [];
      for (const communeId of await o.communeIds()) {
        const tokens = o.tokensOf(communeId);
        if (!(await tokens.status()).present) continue;
        try {
          await tokens.refreshProactively();
        } catch (err) {
          failed.push(communeId);
          const level = err instanceof TokenUnavailableError ? 'warn' : 'error';
          o.log[level]({ communeId, err: { name: (err as Error).name, message: (err as Error).message } }, 'daily zalo token refresh failed');
        }
      }
      if (failed.length > 0) throw new Error(`zalo: token refresh failed for ${failed.join(', ')}`);
    },
  };
}
