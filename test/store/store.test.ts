import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';
import { parseDatabaseUrl, type Database } from '../../src/store/database.js';
import { MIGRATIONS, migrateToLatest } from '../../src/store/migrate.js';
import { pseudonymKey } from '../../src/store/settings.js';
import { pseudonymize, recordQuestion } from '../../src/insights/questions.js';

describe('DATABASE_URL', () => {
  it('defaults to data/app.db, reads sqlite: paths and postgres URLs, rejects others', () => {
    expect(parseDatabaseUrl(undefined)).toMatchObject({ dialect: 'sqlite', path: expect.stringMatching(/data\/app\.db$/) });
    expect(parseDatabaseUrl('sqlite:/tmp/x.db')).toEqual({ dialect: 'sqlite', path: '/tmp/x.db' });
    expect(parseDatabaseUrl('sqlite:///tmp/y.db')).toEqual({ dialect: 'sqlite', path: '/tmp/y.db' });
    expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({ dialect: 'postgres', url: 'postgres://u@h/db' });
    expect(() => parseDatabaseUrl('mysql://h/db')).toThrow('DATABASE_URL: phải bắt đầu bằng sqlite: hoặc postgres:// (đang là mysql:)');
  });
});

for (const dialect of dialectCases()) {
  describe(`store on ${dialect.name}`, () => {
    let target: TestDatabase;
    let database: Database;

    beforeAll(async () => {
      target = await dialect.create();
      database = await target.open();
    });
    afterAll(async () => {
      await database?.close();
      await target?.cleanup();
    });

    it('runs the migrations once, and again harmlessly', async () => {
      await migrateToLatest(database.db, database.dialect);
      const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
      // Every migration, once, in name order (the list is MIGRATIONS: new ones join it there).
      expect(rows.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort());
      expect(rows.rows.map((r) => r.name).slice(0, 2)).toEqual(['001-foundation', '002-zalo-channel']);
    });

    it('records questions with intent, top result and confidence, and the user only as a pseudonym', async () => {
      const key = await pseudonymKey(database.db);
      const userRef = pseudonymize(key, 'zalo', '8817265524419032125');
      await recordQuestion(database.db, {
        communeId: null,
        channel: 'zalo',
        userRef,
        text: 'đăng ký kết hôn cần gì',
        understanding: { intent: 'procedure', confidence: 0.9, certainty: 'sure', results: [{ id: 'dang-ky-ket-hon', score: 0.9 }], choices: [] },
        at: new Date('2026-11-22T03:00:00Z'),
      });
      const row = await database.db.selectFrom('questions').selectAll().where('user_ref', '=', userRef).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ channel: 'zalo', intent: 'procedure', top_procedure: 'dang-ky-ket-hon', created_at: '2026-11-22T03:00:00.000Z' });
      expect(row.confidence).toBeCloseTo(0.9);
      expect(row.user_ref).not.toContain('8817265524419032125');
      expect(row.text).toBe('đăng ký kết hôn cần gì');
    });

    it('keeps one pseudonym key even when several processes create it at once', async () => {
      const keys = await Promise.all(Array.from({ length: 5 }, () => pseudonymKey(database.db)));
      expect(new Set(keys).size).toBe(1);
    });

    it('stores Zalo ids beyond 2^53 exactly, as text', async () => {
      const userId = '9007199254740993123';
      await database.db.insertInto('zalo_users').values({ user_id: userId, following: 1, created_at: new Date().toISOString(), last_interaction_at: null, state: null, state_updated_at: null }).execute();
      const row = await database.db.selectFrom('zalo_users').select('user_id').where('user_id', '=', userId).executeTakeFirstOrThrow();
      expect(row.user_id).toBe(userId);
    });

    it('rejects a second event with the same dedupe key', async () => {
      const event = { dedupe_key: 'msg-1', event_name: 'user_send_text', user_id: '1', payload: '{}', status: 'pending' as const, attempts: 0, lease_until: null, last_error: null, received_at: new Date().toISOString(), processed_at: null };
      await database.db.insertInto('inbound_events').values({ id: 'a', ...event }).execute();
      await expect(database.db.insertInto('inbound_events').values({ id: 'b', ...event }).execute()).rejects.toThrow();
    });
  });
}
