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

/** Reads DATABASE_URL: unset → data/app.db; `sqlite:/path` → that file; `postgres://…` → PostgreSQL. */
export function parseDatabaseUrl(url: string | undefined): { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string } {
  if (!url) return { dialect: 'sqlite', path: resolve(DEFAULT_SQLITE_PATH) };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { dialect: 'postgres', url };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new Error('store: DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:/var/lib/app/app.db');
    return { dialect: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  throw new Error('store: DATABASE_URL must start with sqlite: or postgres://');
}

/** Opens the database named by DATABASE_URL and brings its schema up to date. */
export async function openDatabase(url: string | undefined, options: { migrate?: boolean } = {}): Promise<Database> {
  const target = parseDatabaseUrl(url);
  let database: Database;
  if (target.dialect === 'sqlite') {
    if (target.path !== ':memory:') mkdirSync(dirname(target.path), { recursive: true });
    const sqlite = new SQLite(target.path);
    // WAL lets readers run beside the single writer; busy_timeout makes a second process wait, not fail.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    database = { db, dialect: 'sqlite', describe: `sqlite:${target.path}`, close: () => db.destroy() };
  } else {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const u = new URL(target.url);
    database = { db, dialect: 'postgres', describe: `postgres://${u.host}${u.pathname}`, close: () => db.destroy() };
  }
  if (options.migrate !== false) await migrateToLatest(database.db, database.dialect);
  return database;
}
