import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import { migrateToLatest } from './migrate.js';

export type Dialect = 'sqlite' | 'postgres';
/** Repositories take either, so they run inside a caller's transaction as well as alone. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Where it lives, without credentials: for logs and /healthz. */
  describe: string;
  close(): Promise<void>;
}

export const DEFAULT_SQLITE_PATH = 'data/app.db';

/**
 * DATABASE_URL names something that cannot be used: a scheme we do not speak, a server that does
 * not answer, credentials it refuses, a file that cannot be opened. The message is one line that
 * starts with the setting's name and says what to check (credentials never included), so start-up
 * ends with it instead of a stack trace.
 */
export class DatabaseUrlError extends Error {
  override readonly name = 'DatabaseUrlError';
  constructor(problem: string) {
    super(`DATABASE_URL: ${problem}`);
  }
}

/** Reads DATABASE_URL: unset → data/app.db; `sqlite:/path` → that file; `postgres://…` → PostgreSQL. */
export function parseDatabaseUrl(url: string | undefined): { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string } {
  if (!url) return { dialect: 'sqlite', path: resolve(DEFAULT_SQLITE_PATH) };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    try {
      new URL(url);
    } catch {
      throw new DatabaseUrlError('không đọc được địa chỉ PostgreSQL; dạng đúng: postgres://người-dùng:mật-khẩu@máy-chủ:5432/tên-csdl');
    }
    return { dialect: 'postgres', url };
  }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new DatabaseUrlError('"sqlite:" cần đường dẫn tệp, ví dụ sqlite:/var/lib/tro-ly-xa/app.db');
    return { dialect: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new DatabaseUrlError(
    `phải bắt đầu bằng sqlite: hoặc postgres:// (${scheme ? `đang là ${scheme}:` : 'không có phần giao thức'}), ví dụ sqlite:/var/lib/tro-ly-xa/app.db`,
  );
}

/** Where a PostgreSQL URL points, without the password: user@host:port/database. */
function pgTarget(url: string): { where: string; user: string; database: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres';
  const user = decodeURIComponent(u.username) || process.env.PGUSER || 'postgres';
  return { where: `${u.hostname || 'localhost'}:${u.port || '5432'}`, user, database };
}

/** pg's connection error → what the operator should check. */
export function explainPostgresError(err: unknown, url: string, timeoutMs: number): DatabaseUrlError {
  const { where, user, database } = pgTarget(url);
  const e = err as { code?: string; message?: string };
  switch (e.code) {
    case 'ECONNREFUSED':
      return new DatabaseUrlError(`không kết nối được PostgreSQL tại ${where}: máy chủ từ chối kết nối (PostgreSQL có đang chạy, đúng cổng chưa?)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new DatabaseUrlError(`không tìm thấy máy chủ PostgreSQL "${where}" (kiểm tra tên máy chủ)`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new DatabaseUrlError(`không tới được PostgreSQL tại ${where} (${e.code}; kiểm tra mạng và tường lửa)`);
    case '28P01':
      return new DatabaseUrlError(`PostgreSQL tại ${where} từ chối đăng nhập của người dùng "${user}": sai mật khẩu`);
    case '28000':
      return new DatabaseUrlError(`PostgreSQL tại ${where} không cho người dùng "${user}" đăng nhập (người dùng không tồn tại hoặc pg_hba.conf không cho phép)`);
    case '3D000':
      return new DatabaseUrlError(`PostgreSQL tại ${where} không có cơ sở dữ liệu "${database}" (tạo bằng: createdb ${database})`);
  }
  if (/timeout/i.test(e.message ?? '')) {
    return new DatabaseUrlError(`PostgreSQL tại ${where} không trả lời sau ${Math.round(timeoutMs / 1000)} giây (kiểm tra mạng và tường lửa)`);
  }
  const reason = (e.message ?? String(err)).split('\n')[0];
  return new DatabaseUrlError(`không mở được PostgreSQL tại ${where}: ${reason}`);
}

const PG_CONNECT_TIMEOUT_MS = 10_000;
/**
 * How long a request waits for a free pooled connection (pg-pool uses one timeout for opening a
 * connection and for queueing): a burst of submissions queues for a while rather than failing.
 */
const PG_POOL_WAIT_MS = 60_000;

/** Distinct statements kept prepared (IN lists of different lengths are distinct statements). */
const SQLITE_STATEMENT_CACHE = 500;

/**
 * Kysely asks better-sqlite3 to prepare (compile) every statement it runs; the hot paths (webhook,
 * inbox, outbox) run the same few statements thousands of times, so each SQL text is compiled once
 * and reused. Safe on the one connection: Kysely runs one statement at a time on it.
 */
function withStatementCache(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      let statement = cache.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (cache.size >= SQLITE_STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

function openSqlite(path: string): Database {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    // WAL lets readers run beside the single writer; busy_timeout makes a second process wait, not fail.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: 'sqlite', describe: `sqlite:${path}`, close: () => db.destroy() };
  } catch (err) {
    const reason = ((err as Error).message ?? String(err)).split('\n')[0];
    throw new DatabaseUrlError(`không mở được tệp SQLite ${path}: ${reason}`);
  }
}

async function openPostgres(url: string): Promise<Database> {
  // The first connection is opened alone, to report a wrong URL or an unreachable server quickly.
  const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS });
  try {
    await probe.connect();
  } catch (err) {
    throw explainPostgresError(err, url, PG_CONNECT_TIMEOUT_MS);
  } finally {
    await probe.end().catch(() => {});
  }
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: PG_POOL_WAIT_MS });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const u = new URL(url);
  return { db, dialect: 'postgres', describe: `postgres://${u.host}${u.pathname}`, close: () => db.destroy() };
}

/**
 * Opens the database named by DATABASE_URL and brings its schema up to date. A URL that cannot
 * be used throws DatabaseUrlError (one line, naming the setting).
 */
export async function openDatabase(url: string | undefined, options: { migrate?: boolean } = {}): Promise<Database> {
  const target = parseDatabaseUrl(url);
  const database = target.dialect === 'sqlite' ? openSqlite(target.path) : await openPostgres(target.url);
  if (options.migrate !== false) await migrateToLatest(database.db, database.dialect);
  return database;
}
