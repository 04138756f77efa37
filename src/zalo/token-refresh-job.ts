import type { RecurringJob } from '../jobs/scheduler.js';
import type { TokenStore } from './token-store.js';

/**
 * A daily refresh whether or not anything was sent: the refresh token lives 3 months and each
 * refresh rotates it (reference §8), so an OA that sends nothing for a while keeps a live pair.
 * 03:17 Vietnam time, away from the sending hours and from round minutes other jobs use.
 * A refused refresh is recorded by the token store (healthz 503, console banner).
 */
export function zaloTokenRefreshJob(tokens: Pick<TokenStore, 'refreshProactively'>): RecurringJob {
  return { id: 'zalo-token-refresh', name: 'Làm mới mã truy cập Zalo hằng ngày', cron: '17 3 * * *', run: () => tokens.refreshProactively() };
}
