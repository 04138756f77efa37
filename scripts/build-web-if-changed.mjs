#!/usr/bin/env node
// Builds the Mini App and the staff console only when their sources changed since the last build:
// a hash of every source file (and of the lock file, which pins the tools) is kept as a stamp in
// the build folder (src/web/miniapp/www, src/web/console/dist); `npm start` runs this first, so a
// start without changes takes a second instead of half a minute. `--force` builds anyway.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const STAMP = '.build-stamp';
const SHARED = ['src/web/shared', 'src/web/tsconfig.base.json', 'src/web/tsconfig.node.json', 'package-lock.json'];
export const APPS = [
  { name: 'Mini App', dir: 'src/web/miniapp', out: 'www' },
  { name: 'trang quản trị', dir: 'src/web/console', out: 'dist' },
];

/** Every file under `path` (a file or a folder) of `base`, skipping build output and dependencies. */
function files(base, path, skip) {
  const full = join(base, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [path];
  return readdirSync(full, { withFileTypes: true }).flatMap((e) => {
    const child = join(path, e.name);
    if (skip.has(child) || e.name === 'node_modules') return [];
    return e.isDirectory() ? files(base, child, skip) : [child];
  });
}

/** The hash of an app's sources (under `base`, the repository by default): paths and contents, in a stable order. */
export function sourceHash(app, base = root) {
  const skip = new Set([join(app.dir, app.out)]);
  const hash = createHash('sha256');
  for (const file of [...files(base, app.dir, skip), ...SHARED.flatMap((p) => files(base, p, skip))].sort()) {
    hash.update(relative(base, join(base, file))).update('\0').update(readFileSync(join(base, file))).update('\0');
  }
  return hash.digest('hex');
}

/** Builds what changed; returns the exit code. */
function main() {
const force = process.argv.includes('--force');
let failed = false;
for (const app of APPS) {
  const stampFile = join(root, app.dir, app.out, STAMP);
  const hash = sourceHash(app);
  const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (!force && built === hash) {
    console.error(`build:web: ${app.name} không đổi từ lần dựng trước, bỏ qua (${app.dir}/${app.out}).`);
    continue;
  }
  console.error(`build:web: dựng ${app.name} (${built ? 'mã nguồn đã đổi' : 'chưa có bản dựng'})…`);
  const run = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(app.dir, 'vite.config.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    failed = true;
    continue;
  }
  writeFileSync(stampFile, `${hash}\n`);
}
return failed ? 1 : 0;
}

// Run as a script (npm start, npm run build:web); imported by tests for `sourceHash` only.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main());
