import { randomBytes } from 'node:crypto';
import type { Executor } from './database.js';

/**
 * Returns the named setting, creating it with `create()` the first time. Safe when several
 * processes start at once: the insert is ignored on conflict and everyone reads the winner.
 */
export async function getOrCreateSetting(db: Executor, name: string, create: () => string): Promise<string> {
  await db.insertInto('settings').values({ name, value: create() }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}

/** The key that turns user ids into stable pseudonyms for reports; generated once per database. */
export function pseudonymKey(db: Executor): Promise<string> {
  return getOrCreateSetting(db, 'pseudonym_key', () => randomBytes(32).toString('hex'));
}
