#!/usr/bin/env node
import { loadContent, formatProblem } from './catalog/load-content.js';
import { BUNDLED_CONTENT_DIR } from './catalog/content-dir.js';

async function contentCheck(): Promise<number> {
  const dir = process.env.CONTENT_DIR ?? BUNDLED_CONTENT_DIR;
  const result = loadContent(dir);
  if (!result.ok) {
    for (const p of result.problems) console.error(formatProblem(p));
    console.error(`content:check: ${result.problems.length} problem(s) in ${dir}`);
    return 1;
  }
  console.log(`content:check: OK, ${result.content.procedures.length} procedures in ${dir}`);
  return 0;
}

const commands: Record<string, (args: string[]) => Promise<number>> = {
  'content:check': contentCheck,
};

const [name = 'serve', ...rest] = process.argv.slice(2);
const command = commands[name];
if (!command) {
  console.error(`Unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}`);
  process.exit(2);
}
process.exitCode = await command(rest);
