import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Executor } from '../store/database.js';
import { needsRefresh, refreshAccessToken, type TokenPair } from './oauth.js';
import { clearTokenError, readChannelState, recordTokenError } from './channel-state.js';
import { isZaloError, ZaloApiError } from './errors.js';

/** How long one process may hold the right to refresh before another may take over. */
const REFRESH_LEASE_MS = 60_000;
/** How often a process waiting for another's refresh looks again. */
const WAIT_POLL_MS = 150;
/**
 * Every send asks for the token (twice: the outbox and the client); the row read is reused this
 * long. A token another process replaced meanwhile is refused as expired, and the refresh path
 * (refreshNow) forgets the reused one and reads the row again, so nothing waits on it.
 */
const READ_REUSE_MS = 5_000;

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

/**
 * No usable OA token: none stored, or a refresh failed. Not a ZaloError on purpose: the call that
 * needed the token never reached Zalo, so nothing was sent and the outbox simply waits.
 */
export class TokenUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`zalo: ${message}`, options);
    this.name = 'TokenUnavailableError';
  }
}

/**
 * A refresh Zalo refused (any OAuth error other than the rate limit, reference §8): the refresh
 * token is dead and only a new pair (re-consent, or `zalo:set-tokens`) recovers. A network error
 * or 5xx is not terminal: the next try may work.
 */
function isTerminalRefreshError(err: unknown): boolean {
  if (err instanceof ZaloApiError) return err.code !== -32;
  return isZaloError(err) && err.disposition === 'drop' && !err.maybeDelivered;
}

/** What /healthz and the console show about the token. */
export interface TokenStatus {
  present: boolean;
  /** When the stored pair was last replaced (refresh, connect, set-tokens). */
  updatedAt: string | null;
  /** Hours since then. */
  ageHours: number | null;
  expiresAt: string | null;
  /** The last refresh error, until a refresh or a new pair succeeds. */
  lastError: string | null;
  lastErrorAt: string | null;
  /** No token, or the last refresh was refused: nothing can be sent until an admin acts. */
  dead: boolean;
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
  let recent: { token: string; expiresAt: number; until: number } | undefined;

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
    const nowMs = clock().getTime();
    if (recent && nowMs < recent.until && !needsRefresh({ expiresAt: recent.expiresAt }, nowMs)) return recent.token;
    let row = await readRow();
    if (!row && options.initial) {
      await seed();
      row = await readRow();
    }
    if (!row) throw new TokenUnavailableError(`no token for the OA of commune ${ROW_ID}: connect the OA or set its tokens`);
    const expiresAt = Date.parse(row.expires_at);
    if (needsRefresh({ expiresAt }, nowMs)) return refreshNow(row.access_token);
    recent = { token: row.access_token, expiresAt, until: nowMs + READ_REUSE_MS };
    return row.access_token;
  }

  /**
   * Replaces `staleToken` with a fresh one. If another caller or process already replaced it,
   * returns theirs without refreshing again.
   */
  function refreshNow(staleToken: string): Promise<string> {
    recent = undefined;
    inflight ??= refreshOnce(staleToken).finally(() => {
      inflight = undefined;
      recent = undefined;
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

      // A refresh token Zalo already refused stays dead: do not ask again until a new pair arrives.
      const state = await readChannelState(db, ROW_ID);
      if (state?.token_error && state.token_error_at && row.updated_at <= state.token_error_at) {
        throw new TokenUnavailableError(`the refresh token was refused (${state.token_error}); connect the OA again or load a new pair`);
      }
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
      const terminal = isTerminalRefreshError(err);
      log.error({ communeId: ROW_ID, terminal, err: { name: (err as Error).name, message: (err as Error).message } }, 'zalo token refresh failed');
      if (terminal) await recordTokenError(db, ROW_ID, (err as Error).message, clock());
      throw new TokenUnavailableError(`token refresh failed: ${(err as Error).message}`, { cause: err });
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
    await clearTokenError(db, ROW_ID, clock());
    log.info({ communeId: ROW_ID, version: version + 1 }, 'zalo token refreshed');
    return pair.accessToken;
  }

  /**
   * Replaces the stored pair with one from outside (an OA admin's fresh consent, or an operator's
   * `zalo:set-tokens`): the only way back after a refresh token died. Bumps the version so a
   * refresh in flight elsewhere cannot overwrite it, and clears the recorded error.
   */
  async function replaceTokens(pair: TokenPair): Promise<void> {
    const now = clock();
    const values = {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_at: new Date(pair.expiresAt).toISOString(),
      refresh_lease_until: null,
      refresh_owner: null,
      updated_at: now.toISOString(),
    };
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('zalo_tokens')
        .values({ id: ROW_ID, ...values, version: 0 })
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ ...values, version: eb('zalo_tokens.version', '+', 1) })))
        .execute();
      await clearTokenError(tx, ROW_ID, now);
    });
    log.info({ communeId: ROW_ID }, 'zalo token pair replaced');
  }

  /** Refreshes now whatever the expiry: the daily job keeps the refresh token from lapsing. */
  async function refreshProactively(): Promise<void> {
    const row = await readRow();
    if (!row) throw new TokenUnavailableError('no OA token to refresh');
    await refreshNow(row.access_token);
  }

  async function status(): Promise<TokenStatus> {
    const row = await readRow();
    const state = await readChannelState(db, ROW_ID);
    const now = clock().getTime();
    const lastError = state?.token_error ?? null;
    return {
      present: Boolean(row),
      updatedAt: row?.updated_at ?? null,
      ageHours: row ? Math.round(((now - Date.parse(row.updated_at)) / 3600_000) * 10) / 10 : null,
      expiresAt: row?.expires_at ?? null,
      lastError,
      lastErrorAt: state?.token_error_at ?? null,
      dead: !row || lastError !== null,
    };
  }

  return { seed, getAccessToken, refreshNow, replaceTokens, refreshProactively, status };
}

export type TokenStore = ReturnType<typeof createTokenStore>;
