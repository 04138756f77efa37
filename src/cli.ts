#!/usr/bin/env node
import { loadContent, formatProblem } from './catalog/load-content.js';
import { createCatalog } from './catalog/catalog.js';
import { createAssistant } from './assistant/assistant.js';
import { askJsonLines, askOnce } from './assistant/ask-command.js';
import { askDialogueLines } from './chat/dialogue-command.js';
import { ConfigError, loadConfig } from './config.js';
import { procedurePageUrl } from './http/public-links.js';
import { startApp } from './main.js';
import { simulate } from './zalo/simulate-command.js';
import { DatabaseUrlError, openDatabase } from './store/database.js';
import { usersCreateCommand } from './staff/users-create-command.js';
import { reportCommand } from './insights/report-command.js';
import { leafletCommand } from './print/leaflet-command.js';
import { radioCommand } from './radio/radio-command.js';
import { createTts } from './radio/tts.js';
import { loadEnvFile } from './env-file.js';
import { startBanner } from './start-banner.js';
import { ZALO_COMMANDS, zaloCommand } from './zalo/zalo-commands.js';

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
  if (args.includes('--json') && args.includes('--dialogue')) {
    const articleUrl = (id: string) => `${config.http.publicBaseUrl}/tin/${encodeURIComponent(id)}`;
    await askDialogueLines({ catalog, assistant, articleUrl, input: process.stdin, output: process.stdout });
    return 0;
  }
  if (args.includes('--json')) {
    await askJsonLines(assistant, process.stdin, process.stdout);
    return 0;
  }
  const question = args.filter((a) => !a.startsWith('--')).join(' ').trim();
  if (!question) {
    console.error('Cách dùng: npm run ask -- "đăng ký kết hôn"  |  npm run --silent ask -- --json < cau-hoi.txt  |  npm run --silent ask -- --json --dialogue < hoi-thoai.jsonl');
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
  console.error(startBanner(app.url, Boolean(app.sandbox)));
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
  report: reportCommand,
  leaflet,
  radio,
  'users:create': usersCreateCommand,
  serve,
  'content:check': contentCheck,
  ask,
  simulate: (args) => simulate(loadConfig(), args),
  ...Object.fromEntries(ZALO_COMMANDS.map((name) => [name, (args: string[]) => zaloCommand(name, args)])),
};

// One configuration for every command: the environment, then a .env file beside it.
loadEnvFile();

const [name = 'serve', ...rest] = process.argv.slice(2);
const command = commands[name];
if (!command) {
  console.error(`Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
try {
  process.exitCode = await command(rest);
} catch (err) {
  // A wrong setting ends with one line that names it, not a stack trace.
  if (err instanceof ConfigError || err instanceof DatabaseUrlError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
