import { pino, type Logger } from 'pino';
import { Conflict, Invalid, NotFound } from '../errors.js';
import type { Commune as CommuneProfile } from '../catalog/schema.js';
import type { Executor } from '../store/database.js';
import type { CommunesTable } from '../store/schema.js';
import { COMMUNE_OWNED_TABLES } from '../store/migrations/015-communes.js';
import { COMMUNE_OWNED_REFORM_TABLES } from '../store/migrations/015-communes-reform.js';
import { communeIdSchema, oaIdSchema, type CommuneSeed } from './seed.js';
import { adoptSingleOaChannelState } from '../zalo/channel-state.js';
import { adoptSingleOaDeliverySettings } from '../messaging/delivery-settings.js';
import { adoptSingleOaFollowerCursor } from '../messaging/follower-sync.js';

/** One tenant: a commune with its own OA, staff and data. */
export interface Commune {
  id: string;
  name: string;
  provinceId: string;
  oaId: string;
  example: boolean;
  /** Its own profile (hotlines, hours…); undefined: the content folder's commune.yaml. */
  profile: CommuneProfile | undefined;
  active: boolean;
}

export interface NewCommune {
  id: string;
  name: string;
  provinceId: string;
  oaId: string;
  example?: boolean;
  profile?: CommuneProfile;
}

function toCommune(row: CommunesTable): Commune {
  return {
    id: row.id,
    name: row.name,
    provinceId: row.province_id,
    oaId: row.oa_id,
    example: row.example === 1,
    profile: row.profile ? (JSON.parse(row.profile) as CommuneProfile) : undefined,
    active: row.active === 1,
  };
}

/** Recorded once rows from before communes existed have been given to the first commune. */
const ADOPTED_SETTING = 'communes.adopted';

/** How often an instance re-reads the table, so communes added elsewhere are served without a restart. */
const RELOAD_EVERY_MS = 5_000;

export interface CommuneRegistryOptions {
  db: Executor;
  log: Logger;
  clock: () => Date;
}

/**
 * The communes this deployment serves, read from the `communes` table and kept in memory. Every
 * instance re-reads the table periodically and whenever an id or OA it does not know shows up,
 * so a commune added by the console or the CLI (in any process) takes effect without a restart.
 */
export function createCommuneRegistry(o: CommuneRegistryOptions) {
  let list: Commune[] = [];
  let byId = new Map<string, Commune>();
  let byOa = new Map<string, Commune>();
  let loadedAt = 0;
  let loading: Promise<void> | undefined;

  async function load(): Promise<void> {
    const rows = await o.db.selectFrom('communes').selectAll().orderBy('position').orderBy('created_at').orderBy('id').execute();
    list = rows.map(toCommune);
    byId = new Map(list.map((c) => [c.id, c]));
    byOa = new Map(list.filter((c) => c.active).map((c) => [c.oaId, c]));
    loadedAt = Date.now();
  }

  function reload(): Promise<void> {
    loading ??= load().finally(() => {
      loading = undefined;
    });
    return loading;
  }

  async function fresh(maxAgeMs: number): Promise<void> {
    if (Date.now() - loadedAt > maxAgeMs) await reload();
  }

  /**
   * Writes the communes the content declares: new ones are added, known ones get the file's name,
   * OA and profile (files are the source for what they declare; communes added at run time are
   * left alone). Then rows from before communes existed are given to the first commune.
   */
  async function seed(seeds: CommuneSeed[]): Promise<void> {
    const now = o.clock().toISOString();
    for (const [position, s] of seeds.entries()) {
      const values = {
        name: s.name,
        province_id: s.provinceId,
        oa_id: s.oaId,
        profile: s.profile ? JSON.stringify(s.profile) : null,
        example: s.example ? 1 : 0,
        position,
      };
      try {
        await o.db
          .insertInto('communes')
          .values({ id: s.id, ...values, active: 1, created_at: now })
          .onConflict((oc) => oc.column('id').doUpdateSet(values))
          .execute();
      } catch (err) {
        throw new Error(`communes: ${s.file}: OA ${s.oaId} is already another commune's (${(err as Error).message.split('\n')[0]})`);
      }
    }
    await load();
    const first = list[0];
    // Once, on the first start with communes: what the single-commune deployment stored is the
    // first commune's. Later rows without a commune (an event for an unknown OA) stay without one.
    if (first) {
      const done = await o.db.selectFrom('settings').select('value').where('name', '=', ADOPTED_SETTING).executeTakeFirst();
      if (!done) {
        await adoptUnownedRows(o.db, first.id);
        await o.db
          .insertInto('settings')
          .values({ name: ADOPTED_SETTING, value: first.id })
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
      }
      await adoptSingleOaState(o.db, first.id, o.clock());
    }
  }

  async function add(c: NewCommune): Promise<Commune> {
    const id = communeIdSchema.safeParse(c.id);
    const oa = oaIdSchema.safeParse(c.oaId);
    const fields: Record<string, string> = {};
    if (!id.success) fields.id = `Mã xã ${id.error.issues[0]!.message}.`;
    if (!oa.success) fields.oaId = `Mã OA ${oa.error.issues[0]!.message}.`;
    if (!c.name.trim()) fields.name = 'Cần tên xã.';
    if (!communeIdSchema.safeParse(c.provinceId).success) fields.provinceId = 'Mã tỉnh viết thường không dấu, ví dụ hai-phong.';
    if (Object.keys(fields).length > 0) throw new Invalid('Thông tin xã chưa đúng.', fields);
    await reload();
    const same = byId.get(c.id);
    if (same) throw new Conflict(`Đã có xã với mã "${c.id}".`, { id: `Mã "${c.id}" đã dùng cho ${same.name}; vui lòng chọn mã khác.` });
    const owner = list.find((x) => x.oaId === c.oaId);
    if (owner) throw new Conflict(`OA ${c.oaId} đã gắn với ${owner.name}.`, { oaId: `OA này đã gắn với ${owner.name}.` });
    const position = list.length === 0 ? 0 : Math.max(...(await positions())) + 1;
    await o.db
      .insertInto('communes')
      .values({
        id: c.id,
        name: c.name.trim(),
        province_id: c.provinceId,
        oa_id: c.oaId,
        profile: c.profile ? JSON.stringify(c.profile) : null,
        example: c.example ? 1 : 0,
        position,
        active: 1,
        created_at: o.clock().toISOString(),
      })
      .execute();
    await load();
    o.log.info({ communeId: c.id }, 'commune added');
    return byId.get(c.id)!;
  }

  async function positions(): Promise<number[]> {
    const rows = await o.db.selectFrom('communes').select('position').execute();
    return rows.map((r) => Number(r.position));
  }

  return {
    /** The database the registry reads (for the routes' audit records). */
    db: o.db,
    reload,
    seed,
    add,
    /** Every commune, the default (first) one first. */
    async list(): Promise<Commune[]> {
      await fresh(RELOAD_EVERY_MS);
      return list;
    },
    /** What is loaded now, without touching the database (for synchronous callers). */
    get loaded(): readonly Commune[] {
      return list;
    },
    /** A loaded commune by id, without touching the database (undefined if not loaded yet). */
    get(id: string): Commune | undefined {
      return byId.get(id);
    },
    /** The default commune: the first one (the old single-commune routes and `ask` without --commune). */
    first(): Commune {
      const c = list[0];
      if (!c) throw new NotFound('Chưa có xã nào được khai báo.');
      return c;
    },
    /** The commune with this id, re-reading the table once if it is not known yet. */
    async byId(id: string): Promise<Commune | undefined> {
      await fresh(RELOAD_EVERY_MS);
      // A miss re-reads at once (concurrent misses share one read of a small table).
      if (!byId.has(id)) await reload();
      return byId.get(id);
    },
    /** The commune whose OA this is (webhook routing), re-reading the table once if unknown. */
    async byOa(oaId: string): Promise<Commune | undefined> {
      await fresh(RELOAD_EVERY_MS);
      if (!byOa.has(oaId)) await reload();
      return byOa.get(oaId);
    },
    /** The commune with this id or NotFound (Vietnamese message). */
    async require(id: string): Promise<Commune> {
      const c = await this.byId(id);
      if (!c || !c.active) throw new NotFound(`Không tìm thấy xã "${id}".`);
      return c;
    },
  };
}

export type CommuneRegistry = ReturnType<typeof createCommuneRegistry>;

/**
 * The default (first) commune's id for a command-line tool: the content's communes are registered
 * first, as a server would at start.
 */
export async function defaultCommuneIdFor(db: Executor, seeds: CommuneSeed[]): Promise<string> {
  return communeIdForCommand(db, seeds, undefined);
}

/**
 * The commune a command-line tool acts on: `--commune ID` (an active commune, or NotFound with a
 * Vietnamese message), the default (first) one without it.
 */
export async function communeIdForCommand(db: Executor, seeds: CommuneSeed[], requested: string | undefined): Promise<string> {
  const registry = createCommuneRegistry({ db, log: pino({ level: 'silent' }), clock: () => new Date() });
  await registry.seed(seeds);
  if (requested === undefined) return registry.first().id;
  return (await registry.require(requested)).id;
}

/** The default (first) commune's id, read now (undefined before any commune is declared). */
export async function defaultCommuneId(db: Executor): Promise<string | undefined> {
  const row = await db.selectFrom('communes').select('id').orderBy('position').orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  return row?.id;
}

/** Every active commune's id, read now (background jobs that run once for each commune). */
export async function activeCommuneIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('communes').select('id').where('active', '=', 1).orderBy('position').orderBy('created_at').execute();
  return rows.map((r) => r.id);
}

/**
 * What the single-OA deployment kept once for the whole app and is now kept per OA: the channel
 * state (pause, dead tokens), the news delivery settings and the follower-list cursor. They were
 * the only OA's, so the first commune's. Runs at every start (each step does nothing once its old
 * row is gone), apart from the one-time adoption below, which older deployments have already done.
 */
async function adoptSingleOaState(db: Executor, firstCommuneId: string, now: Date): Promise<void> {
  await adoptSingleOaChannelState(db, firstCommuneId, now);
  await adoptSingleOaDeliverySettings(db, firstCommuneId);
  await adoptSingleOaFollowerCursor(db, firstCommuneId);
}

/**
 * Rows written before communes existed (a single-commune deployment upgraded) belong to the first
 * commune. Idempotent: only rows without a commune are touched. Province-level staff (role
 * province_admin) keep no commune.
 */
export async function adoptUnownedRows(db: Executor, communeId: string): Promise<void> {
  for (const table of [...COMMUNE_OWNED_TABLES, ...COMMUNE_OWNED_REFORM_TABLES]) {
    let update = db.updateTable(table as 'questions').set({ commune_id: communeId }).where('commune_id', 'is', null);
    if (table === 'staff_users') update = update.where(((eb: any) => eb('roles', 'not like', '%province_admin%')) as never);
    await update.execute();
  }
  // The single OA's tokens were kept under the row id "oa": they are the first commune's.
  const own = await db.selectFrom('zalo_tokens').select('id').where('id', '=', communeId).executeTakeFirst();
  if (!own) await db.updateTable('zalo_tokens').set({ id: communeId }).where('id', '=', 'oa').execute();
}
