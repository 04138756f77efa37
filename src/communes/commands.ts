import type { Catalog } from '../catalog/catalog.js';
import type { Config } from '../config.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../store/database.js';
import { createCatalog } from '../catalog/catalog.js';
import { createCommuneCatalogs, provisionalProfile } from './catalog-view.js';
import { createOaChannels } from './channels.js';
import { createCommuneRegistry, type Commune } from './registry.js';
import { hotlineSchema, readCommuneSeeds } from './seed.js';
import { AppError } from '../errors.js';

interface Io {
  log: (line: string) => void;
  error: (line: string) => void;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export const COMMUNES_ADD_USAGE =
  'Cách dùng: npm run cli -- communes:add --id xa-moi --name "UBND xã Mới" --province hai-phong --oa 1234567890123456789 [--hotline "0225 3888 123"] [--access-token … --refresh-token …]';

/**
 * `communes:add` adds a commune to the database every instance reads (running servers pick it up
 * within seconds, no restart); `communes:list` prints them. Vietnamese messages, exit codes 0/1/2.
 */
export async function communesCommand(name: 'communes:add' | 'communes:list', args: string[], config: Config, io: Io): Promise<number> {
  const database = await openDatabase(config.databaseUrl);
  try {
    const log = createLogger('silent');
    const communes = createCommuneRegistry({ db: database.db, log, clock: () => new Date() });
    await communes.seed(readCommuneSeeds(config.contentDir));
    if (name === 'communes:list') {
      for (const c of await communes.list()) io.log(`${c.id}\t${c.name}\t${c.provinceId}\tOA ${c.oaId}${c.example ? '\t(ví dụ)' : ''}`);
      return 0;
    }
    const id = flag(args, 'id');
    const communeName = flag(args, 'name');
    const province = flag(args, 'province') ?? communes.first().provinceId;
    const oa = flag(args, 'oa');
    if (!id || !communeName || !oa) {
      io.error(COMMUNES_ADD_USAGE);
      return 2;
    }
    const accessToken = flag(args, 'access-token');
    const refreshToken = flag(args, 'refresh-token');
    if (Boolean(accessToken) !== Boolean(refreshToken)) {
      io.error('Cần cả --access-token và --refresh-token (hoặc bỏ cả hai và kết nối OA sau).');
      return 2;
    }
    const hotline = hotlineSchema.safeParse(flag(args, 'hotline') ?? '');
    if (!hotline.success) {
      io.error(hotline.error.issues[0]!.message);
      return 2;
    }
    // With a hotline, the commune gets a stored profile: its number, the rest "not yet updated".
    const profile = hotline.data ? provisionalProfile(createCatalog(config.contentDir).current.content.commune, { id, name: communeName, oaId: oa, example: false }, hotline.data) : undefined;
    let commune: Commune;
    try {
      commune = await communes.add({ id, name: communeName, provinceId: province, oaId: oa, profile });
    } catch (err) {
      if (err instanceof AppError) {
        io.error([err.message, ...Object.values(err.fields ?? {})].join(' '));
        return 1;
      }
      throw err;
    }
    if (accessToken && refreshToken) {
      const channels = createOaChannels({
        db: database.db,
        log,
        clock: () => new Date(),
        appId: config.zalo.appId,
        appSecret: config.zalo.appSecret,
        apiBaseUrl: config.zalo.apiBaseUrl,
        oauthBaseUrl: config.zalo.oauthBaseUrl,
        timeoutMs: config.zalo.timeoutMs,
      });
      await channels.seedTokens(commune.id, { accessToken, refreshToken });
    }
    io.log(`Đã thêm ${commune.name} (mã ${commune.id}, OA ${commune.oaId}). Máy chủ đang chạy sẽ phục vụ xã này trong vài giây, không cần khởi động lại.`);
    return 0;
  } finally {
    await database.close();
  }
}

/**
 * The catalog as one commune's assistant answers (`ask --commune ID`): the communes the content
 * declares, else the database's (a commune added at run time). Undefined id: the first commune.
 */
export async function catalogForCommand(catalog: Catalog, config: Config, communeId: string | undefined): Promise<Catalog | { error: string }> {
  const seeds = readCommuneSeeds(config.contentDir);
  const fromSeed = (s: (typeof seeds)[number]): Commune => ({ ...s, active: true });
  const seed = communeId === undefined ? seeds[0] : seeds.find((s) => s.id === communeId);
  const view = createCommuneCatalogs(catalog, () => seeds[0]?.id);
  if (seed) return view(fromSeed(seed));
  if (communeId === undefined) return catalog;
  const database = await openDatabase(config.databaseUrl);
  try {
    const communes = createCommuneRegistry({ db: database.db, log: createLogger('silent'), clock: () => new Date() });
    const found = await communes.byId(communeId);
    if (found) return view(found);
    const known = [...seeds.map((s) => s.id), ...(await communes.list()).map((c) => c.id)];
    return { error: `Không có xã "${communeId}". Các xã: ${[...new Set(known)].join(', ')}` };
  } finally {
    await database.close();
  }
}
