import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { createCatalog } from '../catalog/catalog.js';
import { openDatabase } from '../store/database.js';
import { buildReport } from './report.js';
import { reportCsv, reportHtml, reportXlsx } from './report-export.js';

/**
 * Reports hold what residents asked, so by default they go to the user's home folder, away from
 * the repository (and from anything that gets committed or deployed).
 */
export function defaultReportDir(): string {
  return join(homedir(), 'bao-cao-xa');
}

/**
 * A report folder ignores itself: wherever it is given, even inside a git work tree, its files
 * cannot be committed by accident.
 */
function ignoreInGit(dir: string): void {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) {
    writeFileSync(file, '# Báo cáo có câu hỏi của người dân: không đưa vào git.\n*\n');
  }
}

/** `report --from 2026-01-01 --to 2026-06-30 [--out thu-muc]`: XLSX, CSV and HTML files. */
export async function reportCommand(args: string[]): Promise<number> {
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const from = flag('from');
  const to = flag('to');
  // `--commune ID`: that commune's report; without it, every commune's together (the province's roll-up).
  const commune = flag('commune') ?? null;
  if (!from || !to) {
    console.error(`Cách dùng: npm run cli -- report --from 2026-01-01 --to 2026-06-30 [--out thu-muc]  (mặc định: ${defaultReportDir()})`);
    return 2;
  }
  const config = loadConfig();
  const dir = resolve(flag('out') ?? defaultReportDir());
  const database = await openDatabase(config.databaseUrl);
  try {
    const catalog = createCatalog(config.contentDir);
    const built = await buildReport(database.db, catalog, { from, to }, new Date(), commune);
    const name = catalog.current.content.commune.name;
    mkdirSync(dir, { recursive: true });
    ignoreInGit(dir);
    const base = `bao-cao-${from}-${to}`;
    writeFileSync(join(dir, `${base}.xlsx`), await reportXlsx(built, name));
    writeFileSync(join(dir, `${base}.csv`), reportCsv(built));
    writeFileSync(join(dir, `${base}.html`), reportHtml(built, name));
    console.log(`Đã ghi báo cáo vào thư mục ${dir}:`);
    for (const ext of ['xlsx', 'csv', 'html']) console.log(`  ${base}.${ext}`);
    console.log('Báo cáo có câu hỏi của người dân: chỉ chia sẻ qua kênh nội bộ.');
    return 0;
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  } finally {
    await database.close();
  }
}
