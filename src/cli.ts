#!/usr/bin/env node
import { loadContent, formatProblem } from './catalog/load-content.js';
import { createCatalog } from './catalog/catalog.js';
import { createAssistant } from './assistant/assistant.js';
import { askJsonLines, askOnce } from './assistant/ask-command.js';
import { loadConfig } from './config.js';
import { procedurePageUrl } from './http/public-links.js';
import { startApp } from './main.js';
import { simulate } from './zalo/simulate-command.js';
import { createInterface } from 'node:readline';
import { openDatabase } from './store/database.js';
import { createStaffUser } from './staff/accounts.js';
import { audit } from './staff/audit.js';
import type { Role } from './staff/roles.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReport } from './insights/report.js';
import { reportCsv, reportHtml, reportXlsx } from './insights/report-export.js';
import { leafletCommand } from './print/leaflet-command.js';
import { radioCommand } from './radio/radio-command.js';
import { createTts } from './radio/tts.js';

async function contentCheck(): Promise<number> {
  const { contentDir } = loadConfig();
  const result = loadContent(contentDir);
  if (!result.ok) {
    for (const p of result.problems) console.error(formatProblem(p));
    console.error(`content:check: ${result.problems.length} problem(s) in ${contentDir}`);
    return 1;
  }
  console.log(`content:check: OK, ${result.content.procedures.length} procedures in ${contentDir}`);
  return 0;
}

async function ask(args: string[]): Promise<number> {
  const config = loadConfig();
  const catalog = createCatalog(config.contentDir);
  const assistant = createAssistant({
    catalog,
    links: { procedurePage: (id) => procedurePageUrl(config.http.publicBaseUrl, id) },
  });
  if (args.includes('--json')) {
    await askJsonLines(assistant, process.stdin, process.stdout);
    return 0;
  }
  const question = args.filter((a) => !a.startsWith('--')).join(' ').trim();
  if (!question) {
    console.error('Cách dùng: npm run ask -- "đăng ký kết hôn"  |  npm run --silent ask -- --json < cau-hoi.txt');
    return 2;
  }
  console.log(await askOnce(assistant, question));
  return 0;
}

async function serve(): Promise<number> {
  const config = loadConfig();
  const app = await startApp(config);
  if (app.sandbox) {
    app.log.warn({ sandbox: app.sandbox.url }, 'no Zalo credentials: replies go to the built-in sandbox (try: npm run simulate -- "dang ky ket hon")');
  }
  console.error(`\nTrợ lý hành chính công xã đang chạy: ${app.url}\n  Sức khỏe: ${app.url}/healthz\n  Thử: ${app.url}/api/procedures?q=dang%20ky%20ket%20hon\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => {});
  return 0;
}

/** `npm run cli -- users:create --username an --name "Nguyễn An" --roles editor,desk` (password asked on stdin). */
async function usersCreate(args: string[]): Promise<number> {
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const username = flag('username');
  const roles = (flag('roles') ?? '').split(',').filter(Boolean);
  if (!username || roles.length === 0) {
    console.error('Cách dùng: npm run cli -- users:create --username TEN --name "Họ tên" --roles admin|editor|approver|desk[,..] [--password MK]');
    console.error('Không có --password thì đọc mật khẩu từ dòng đầu của stdin.');
    return 2;
  }
  const password = flag('password') ?? (await readFirstLine(process.stdin));
  const database = await openDatabase(loadConfig().databaseUrl);
  try {
    const user = await createStaffUser(database.db, { username, displayName: flag('name') ?? username, password, roles: roles as Role[] }, new Date());
    await audit(database.db, null, 'user.create.cli', { type: 'staff_user', id: user.id }, new Date(), { roles: user.roles });
    console.log(`Đã tạo tài khoản ${user.username} (${user.roles.join(', ')}).`);
    return 0;
  } catch (err) {
    console.error((err as Error).message, (err as { fields?: unknown }).fields ?? '');
    return 1;
  } finally {
    await database.close();
  }
}

async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  for await (const line of createInterface({ input })) return line;
  return '';
}

/** `npm run cli -- report --from 2026-01-01 --to 2026-06-30 [--out bao-cao]`: XLSX, CSV and HTML files. */
async function report(args: string[]): Promise<number> {
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const from = flag('from');
  const to = flag('to');
  if (!from || !to) {
    console.error('Cách dùng: npm run cli -- report --from 2026-01-01 --to 2026-06-30 [--out thu-muc]');
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl);
  try {
    const catalog = createCatalog(config.contentDir);
    const built = await buildReport(database.db, catalog, { from, to }, new Date());
    const name = catalog.current.content.commune.name;
    const dir = flag('out') ?? 'bao-cao';
    mkdirSync(dir, { recursive: true });
    const base = join(dir, `bao-cao-${from}-${to}`);
    writeFileSync(`${base}.xlsx`, await reportXlsx(built, name));
    writeFileSync(`${base}.csv`, reportCsv(built));
    writeFileSync(`${base}.html`, reportHtml(built, name));
    console.log(`Đã ghi ${base}.xlsx, ${base}.csv, ${base}.html`);
    return 0;
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  } finally {
    await database.close();
  }
}

/** `npm run cli -- leaflet --procedure ID --out FILE.pdf` (or --field, --all, --booklet): printed material. */
async function leaflet(args: string[]): Promise<number> {
  const config = loadConfig();
  return leafletCommand(args, { catalog: createCatalog(config.contentDir), publicBaseUrl: config.http.publicBaseUrl, io: { log: console.log, error: console.error } });
}

/** `npm run cli -- radio --month 2026-11 --out DIR [--audio]` (or --announcement ID): the radio column or a bulletin. */
async function radio(args: string[]): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl);
  try {
    const articleUrl = (id: string) => `${config.http.publicBaseUrl}/tin/${encodeURIComponent(id)}`;
    return await radioCommand(args, { db: database.db, catalog: createCatalog(config.contentDir), tts: createTts(config.radio.ttsCommand), articleUrl, io: { log: console.log, error: console.error } });
  } finally {
    await database.close();
  }
}

const commands: Record<string, (args: string[]) => Promise<number>> = {
  report,
  leaflet,
  radio,
  'users:create': usersCreate,
  serve,
  'content:check': contentCheck,
  ask,
  simulate: (args) => simulate(loadConfig(), args),
};

const [name = 'serve', ...rest] = process.argv.slice(2);
const command = commands[name];
if (!command) {
  console.error(`Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
process.exitCode = await command(rest);
