import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.js';

export interface TestDatabase {
  /** DATABASE_URL a server process can be started with. */
  url: string;
  open(): Promise<Database>;
  /** Drops everything the test created. */
  cleanup(): Promise<void>;
}

export interface DialectCase {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestDatabase>;
}

/** A fresh SQLite file in a temp folder. */
export async function createSqliteTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'commune-test-'));
  const url = `sqlite:${join(dir, 'app.db')}`;
  return { url, open: () => openDatabase(url), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh schema in the PostgreSQL of TEST_DATABASE_URL, selected through search_path. */
export async function createPostgresTestDatabase(baseUrl: string): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const u = new URL(baseUrl);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const url = u.toString();
  return {
    url,
    open: () => openDatabase(url),
    cleanup: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function dialectCases(): DialectCase[] {
  const cases: DialectCase[] = [{ name: 'sqlite', create: createSqliteTestDatabase }];
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) cases.push({ name: 'postgres', create: () => createPostgresTestDatabase(pgUrl) });
  return cases;
}

/** A fresh SQLite database for a describe block, opened before its tests and removed after them. */
export function useSqliteDatabase(): { readonly database: Database } {
  let target: TestDatabase | undefined;
  let database: Database | undefined;
  beforeAll(async () => {
    target = await createSqliteTestDatabase();
    database = await target.open();
  });
  afterAll(async () => {
    await database?.close();
    await target?.cleanup();
  });
  return {
    get database() {
      if (!database) throw new Error('the test database is opened in beforeAll');
      return database;
    },
  };
}
