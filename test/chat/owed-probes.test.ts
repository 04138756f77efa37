import { afterAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { owedAsker, type OwedProbe, type OwedProbeContext } from '../../src/chat/context.js';
import type { Database } from '../../src/store/database.js';
import { dialectCases, type TestDatabase } from '../helpers/databases.js';

/**
 * Handlers that may owe a resident something from earlier (missed news, a desk's held reply) ask
 * on every turn; on most turns nothing is owed, so the chain asks all of them in one query.
 */
describe.each(dialectCases())('what is owed to a resident, asked once per turn ($name)', (dialect) => {
  const opened: Array<{ t: TestDatabase; database: Database }> = [];
  afterAll(async () => {
    for (const { t, database } of opened) {
      await database.close();
      await t.cleanup();
    }
  });

  async function setUp() {
    const t = await dialect.create();
    const database = await t.open();
    opened.push({ t, database });
    await database.db.insertInto('settings').values({ name: 'owed:present', value: '1' }).execute();
    let queries = 0;
    // Counted on results: a plugin also sees each subquery being built, but only executed
    // queries return a result.
    const counting: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        queries++;
        return args.result;
      },
    };
    const tx = database.db.withPlugin(counting);
    const ctx: OwedProbeContext = { tx, userId: 'u1', communeId: 'c1', event: { kind: 'text', text: 'x', timestamp: 0, userId: 'u1' } as OwedProbeContext['event'] };
    return { ctx, queries: () => queries };
  }

  const present: OwedProbe = (ctx) => ctx.tx.selectFrom('settings').select('name').where('name', '=', 'owed:present');
  const absent: OwedProbe = (ctx) => ctx.tx.selectFrom('settings').select('name').where('name', '=', 'owed:absent');
  const notForThisEvent: OwedProbe = () => undefined;

  it('answers every declared probe with one query, on the first ask', async () => {
    const { ctx, queries } = await setUp();
    const isOwed = owedAsker([present, absent, notForThisEvent], ctx);
    expect(await isOwed(absent)).toBe(false);
    expect(await isOwed(present)).toBe(true);
    expect(await isOwed(notForThisEvent)).toBe(false);
    expect(queries()).toBe(1);
  });

  it('asks a probe the chain did not declare on its own', async () => {
    const { ctx, queries } = await setUp();
    const isOwed = owedAsker([absent], ctx);
    expect(await isOwed(present)).toBe(true);
    expect(await isOwed(absent)).toBe(false);
    expect(queries()).toBe(2);
  });

  it('asks nothing when no probe applies to the event', async () => {
    const { ctx, queries } = await setUp();
    const isOwed = owedAsker([notForThisEvent], ctx);
    expect(await isOwed(notForThisEvent)).toBe(false);
    expect(queries()).toBe(0);
  });
});
