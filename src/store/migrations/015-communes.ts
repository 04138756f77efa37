import { type Kysely, type Migration } from 'kysely';

/**
 * Tables whose rows belong to one commune (a tenant). Rows written before communes existed get
 * the first commune when the registry starts (`adoptUnownedRows`): the migration cannot know which
 * commune that is, since communes are seeded from content after migrating.
 */
export const COMMUNE_OWNED_TABLES = [
  'questions',
  'inbound_events',
  'outbound_messages',
  'zalo_users',
  'answer_ratings',
  'subscriptions',
  'staff_users',
  'audit_log',
  'announcements',
  'deliveries',
  'petitions',
  'petition_drafts',
] as const;

/**
 * Communes as tenants: the registry table, a `commune_id` on every commune-owned row, and a
 * shared per-minute call counter (Zalo's per-app limit holds across every instance).
 */
export const communes: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('communes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('province_id', 'text', (c) => c.notNull())
      .addColumn('oa_id', 'text', (c) => c.notNull().unique())
      .addColumn('profile', 'text')
      .addColumn('example', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    for (const table of COMMUNE_OWNED_TABLES) {
      await db.schema.alterTable(table).addColumn('commune_id', 'text').execute();
    }
    await db.schema.createIndex('petitions_by_commune').on('petitions').columns(['commune_id', 'created_at']).execute();
    await db.schema.createIndex('announcements_by_commune').on('announcements').columns(['commune_id', 'created_at']).execute();
    await db.schema.createIndex('questions_by_commune').on('questions').columns(['commune_id', 'created_at']).execute();
    await db.schema.createIndex('zalo_users_by_commune').on('zalo_users').columns(['commune_id']).execute();
    await db.schema
      .createTable('rate_windows')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('window_start', 'text', (c) => c.notNull())
      .addColumn('used', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rate_windows_pk', ['name', 'window_start'])
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('rate_windows').execute();
    await db.schema.dropIndex('zalo_users_by_commune').execute();
    await db.schema.dropIndex('questions_by_commune').execute();
    await db.schema.dropIndex('announcements_by_commune').execute();
    await db.schema.dropIndex('petitions_by_commune').execute();
    for (const table of COMMUNE_OWNED_TABLES) await db.schema.alterTable(table).dropColumn('commune_id').execute();
    await db.schema.dropTable('communes').execute();
  },
};
