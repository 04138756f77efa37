import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Executor } from '../store/database.js';
import { needsRefresh, refreshAccessToken, type TokenPair } from './oauth.js';

/** How long one process may hold the right to refresh before another may take over. */
const REFRESH_LEASE_MS = 60_000;
/** How often a process waiting for another's refresh looks again. */
const WAIT_POLL_MS = 150;

export interface TokenStoreOptions {
  db: Executor;
  /** Whose tokens: the commune (one OA each); its row in zalo_tokens has this id. */
  communeId: string;
  log: Logger;
  appId: string;
  appSecret: string;
  oauthBaseUrl?: string;
  /** The pair from ZALO_ACCESS_TOKEN / ZALO_REFRESH_TOKEN, used when the database has none yet. */
  initial?: { accessToken: string; refreshToken: string };
  clock?: () => Date;
  /** The refresh call; the real OAuth endpoint by default. */
  refresh?: typeof refreshAccessToken;
}

export class TokenUnavailableError extends Error {
  constructor(message: string) {
    super(`zalo: ${message}`);
    this.name = 'TokenUnavailableError';
  }
}

/**
 * The OA access token, kept in the database. Zalo's refresh tokens are single-use: if two processes
 * refreshed with the same one, one would get an error and the OA could be disconnected. So a
 * refresh happens only under a lease row-lock in the database (one process at a time, across
 * processes), and within a process concurrent callers share one in-flight refresh.
 */
export function createTokenStore(options: TokenStoreOptions) {
  const { db, log } = options;
  const ROW_ID = options.communeId;
  const clock = options.clock ?? (() => new Date());
  const refresh = options.refresh ?? refreshAccessToken;
  const owner = randomUUID();
  let inflight: Promise<string> | undefined;

  async function readRow() {
    return db.selectFrom('zalo_tokens').selectAll().where('id', '=', ROW_ID).executeTakeFirst();
  }

  /** Seeds the database from the configured pair once; later starts keep the rotated tokens. */
  async function seed(): Promise<void> {
    if (!options.initial) return;
    const now = clock();
    // The configured pair's age is unknown: treat it as fresh; a -216 triggers a refresh anyway.
    await db
      .insertInto('zalo_tokens')
      .values({
        id: ROW_ID,
        access_token: options.initial.accessToken,
        refresh_token: options.initial.refreshToken,
        expires_at: new Date(now.getTime() + 25 * 3600_000).toISOString(),
        refresh_lease_until: null,
        refresh_owner: null,
        version: 0,
        updated_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async function getAccessToken(): Promise<string> {
    let row = await readRow();
    if (!row && options.initial) {
      await seed();
      row = await readRow();
    }
    if (!row) throw new TokenUnavailableError(`no token for the OA of commune ${ROW_ID}: connect the OA or set its tokens`);
    if (needsRefresh({ expiresAt: Date.parse(row.expires_at) }, clock().getTime())) return refreshNow(row.access_token);
    return row.access_token;
  }

  /**
   * Replaces `staleToken` with a fresh one. If another caller or process already replaced it,
   * returns theirs without refreshing again.
   */
  function refreshNow(staleToken: string): Promise<string> {
    inflight ??= refreshOnce(staleToken).finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function refreshOnce(staleToken: string): Promise<string> {
    const deadline = clock().getTime() + REFRESH_LEASE_MS + 5_000;
    for (;;) {
      const row = await readRow();
      if (!row) throw new TokenUnavailableError('no OA token to refresh');
      const now = clock();
      const expiring = needsRefresh({ expiresAt: Date.parse(row.expires_at) }, now.getTime());
      if (row.access_token !== staleToken && !expiring) return row.access_token;

      const leaseFree = row.refresh_lease_until === null || row.refresh_lease_until < now.toISOString();
      if (leaseFree) {
        const taken = await db
          .updateTable('zalo_tokens')
          .set({ refresh_lease_until: new Date(now.getTime() + REFRESH_LEASE_MS).toISOString(), refresh_owner: owner })
          .where('id', '=', ROW_ID)
          .where('version', '=', row.version)
          .where((eb) => eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<', now.toISOString())]))
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) === 1) return refreshHoldingLease(row.refresh_token, row.version);
      }
      if (clock().getTime() > deadline) throw new TokenUnavailableError('timed out waiting for another process to refresh the token');
      await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
    }
  }

  async function refreshHoldingLease(refreshToken: string, version: number): Promise<string> {
    let pair: TokenPair;
    try {
      pair = await refresh({
        oauthBaseUrl: options.oauthBaseUrl,
        appId: options.appId,
        appSecret: options.appSecret,
        refreshToken,
        now: () => clock().getTime(),
      });
    } catch (err) {
      await db
        .updateTable('zalo_tokens')
        .set({ refresh_lease_until: null, refresh_owner: null })
        .where('id', '=', ROW_ID)
        .where('refresh_owner', '=', owner)
        .execute();
      log.error({ communeId: ROW_ID, err: { name: (err as Error).name, message: (err as Error).message } }, 'zalo token refresh failed');
      throw err;
    }
    await db
      .updateTable('zalo_tokens')
      .set({
        access_token: pair.accessToken,
        refresh_token: pair.refreshToken,
        expires_at: new Date(pair.expiresAt).toISOString(),
        refresh_lease_until: null,
        refresh_owner: null,
        version: version + 1,
        updated_at: clock().toISOString(),
      })
      .where('id', '=', ROW_ID)
      .where('refresh_owner', '=', owner)
      .execute();
    log.info({ communeId: ROW_ID, version: version + 1 }, 'zalo token refreshed');
    return pair.accessToken;
  }

  return { seed, getAccessToken, refreshNow };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
