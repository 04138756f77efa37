#!/usr/bin/env node
// Copies the screenshots the browser tests took (test-output/screenshots/) into docs/screenshots/,
// the pictures the README shows. Tests never write into docs/ themselves, so a test run leaves the
// work tree clean; run this after `npm test` (or the browser tests) when the pictures should change.
//
//   npm run docs:screenshots [-- --from DIR --to DIR]
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return resolve(i >= 0 && args[i + 1] ? args[i + 1] : fallback);
};
const from = flag('from', join(repo, 'test-output/screenshots'));
const to = flag('to', join(repo, 'docs/screenshots'));

const pictures = existsSync(from) ? readdirSync(from).filter((f) => f.endsWith('.png')).sort() : [];
if (pictures.length === 0) {
  console.error(`Không có ảnh nào trong ${from}. Chạy kiểm thử trình duyệt trước: npx vitest run test/web`);
  process.exit(1);
}
mkdirSync(to, { recursive: true });
for (const name of pictures) copyFileSync(join(from, name), join(to, name));
console.log(`Đã chép ${pictures.length} ảnh từ ${from} vào ${to}:`);
for (const name of pictures) console.log(`  ${name}`);
