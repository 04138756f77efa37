import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '../helpers/child-server.js';
import { loadEnvFile } from '../../src/env-file.js';
// @ts-expect-error: a plain .mjs script, no type declarations
import { APPS, sourceHash } from '../../scripts/build-web-if-changed.mjs';

/**
 * What a newcomer does on a fresh clone: `npm start` (built-in Zalo sandbox, settings from .env),
 * reads the addresses it prints, and plays a resident with `npm run simulate`, found by the same
 * configuration. The server runs in its own process, from another working directory.
 */

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(REPO, 'node_modules/tsx/dist/cli.mjs');
const run = promisify(execFile);

/** The environment without any setting the .env file should provide. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(PORT|HOST|DATABASE_URL|PUBLIC_BASE_URL|ZALO_|SIMULATE_)/.test(key)) delete env[key];
  return env;
}

describe('a newcomer: npm start with a .env file, then npm run simulate', () => {
  let dir: string;
  let server: ChildProcess;
  let port: number;
  const output: string[] = [];

  /** `npm run simulate -- …` from the same folder (so it reads the same .env). */
  const simulate = (...args: string[]) => run(process.execPath, [TSX, join(REPO, 'src/cli.ts'), 'simulate', ...args], { cwd: dir, env: cleanEnv(), timeout: 200_000 });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tro-ly-newcomer-'));
    port = await freePort();
    writeFileSync(join(dir, '.env'), `# settings of this machine\nPORT=${port}\nHOST="127.0.0.1"\nDATABASE_URL=sqlite:${join(dir, 'app.db')}\nLOG_LEVEL=warn\n`);
    server = spawn(process.execPath, [TSX, join(REPO, 'src/cli.ts'), 'serve'], { cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    server.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    const deadline = Date.now() + 50_000;
    while (!output.join('').includes('/console/')) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start: ${output.join('')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints the addresses of the service, the Mini App and the console', () => {
    const banner = output.join('');
    const url = `http://127.0.0.1:${port}`;
    expect(banner).toContain(`Mini App cho người dân:  ${url}/app/`);
    expect(banner).toContain(`Trang quản trị cán bộ:   ${url}/console/`);
    expect(banner).toContain('npm run simulate -- --help');
  });

  it('simulate finds the server by .env, follows, presses buttons, sends a photo and shares a contact card', { timeout: 240_000 }, async () => {
    // Several actions in one run, in order, as a resident would do them (each run starts a process).
    const { stdout } = await simulate(
      '--follow',
      'gửi phản ánh',
      '--press', 'Hạ tầng',
      'Đèn đường thôn 3 bị hỏng từ tuần trước', '--photo', '--caption', 'đèn hỏng',
      '--press', 'Xong',
      '--contact', 'Nguyễn Văn An;0912345678;Thôn 3',
      // A number presses the button in that place of the newest message with buttons ("Gửi").
      '--press', '1',
    );
    const steps = stdout.split('▶ ').slice(1);
    expect(steps.map((s) => s.split('\n')[0])).toEqual([
      'Người dân bấm "Quan tâm"',
      'Người dân: gửi phản ánh',
      'Người dân bấm [Hạ tầng – môi trường]',
      'Người dân: Đèn đường thôn 3 bị hỏng từ tuần trước',
      `Người dân gửi ảnh https://f12-zpc.zdn.vn/jpg/4876135209384756123/9a8b7c6d5e4f.jpg (đèn hỏng)`,
      'Người dân bấm [Xong]',
      'Người dân chia sẻ thông tin liên hệ: Nguyễn Văn An, 0912345678, Thôn 3',
      'Người dân bấm [Gửi]',
    ]);
    expect(steps[0]).toContain('[Gửi phản ánh]');
    expect(steps[2]).toContain('Dạ, loại phản ánh: Hạ tầng – môi trường.');
    expect(steps[4]).toContain('Dạ, đã nhận ảnh (1/5).');
    expect(steps[5]).toContain('[Yêu cầu chia sẻ thông tin]');
    expect(steps[6]).toContain('Liên hệ: Nguyễn Văn An, 0912345678, Thôn 3');
    expect(steps[6]).toContain('Ảnh kèm theo: 1');
    expect(steps[7]).toMatch(/Mã phản ánh: PA-\d{4}-\d{6}/);
  });

  it('simulate explains itself, and says which buttons exist when asked for another', { timeout: 180_000 }, async () => {
    const help = await simulate('--help');
    for (const option of ['--follow', '--press', '--contact', '--photo', '--user', '--url', '.env']) expect(help.stdout).toContain(option);
    const wrong = await simulate('--press', 'Không có nút này').catch((err: { code: number; stderr: string }) => err);
    expect(wrong).toMatchObject({ code: 1 });
    expect((wrong as { stderr: string }).stderr).toContain('Các nút bấm được: 1. Xem tình trạng');
  });
});

describe('settings from .env', () => {
  it('reads KEY=value lines, comments and quotes, and never overrides the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tro-ly-env-'));
    try {
      const file = join(dir, '.env');
      writeFileSync(file, '# comment\nPORT=4000\nexport HOST=\'0.0.0.0\'\nPUBLIC_BASE_URL="https://xa.example.vn" # trailing\nNOT A LINE\nLOG_LEVEL=debug # note\n');
      const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn' };
      expect(loadEnvFile(file, env).sort()).toEqual(['HOST', 'PORT', 'PUBLIC_BASE_URL']);
      expect(env).toEqual({ PORT: '4000', HOST: '0.0.0.0', PUBLIC_BASE_URL: 'https://xa.example.vn', LOG_LEVEL: 'warn' });
      expect(loadEnvFile(join(dir, 'missing.env'), env)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm start builds the web apps only when their sources changed', () => {
  it('hashes an app\'s sources, not its build output', () => {
    const base = mkdtempSync(join(tmpdir(), 'tro-ly-build-'));
    try {
      const app = APPS[0] as { dir: string; out: string };
      mkdirSync(join(base, app.dir, 'src'), { recursive: true });
      mkdirSync(join(base, app.dir, app.out), { recursive: true });
      writeFileSync(join(base, app.dir, 'src/app.tsx'), 'export const a = 1;\n');
      const first = sourceHash(app, base) as string;
      // A new build (or its stamp) does not change the hash; a source file does.
      writeFileSync(join(base, app.dir, app.out, 'index.html'), '<!doctype html>');
      expect(sourceHash(app, base)).toBe(first);
      writeFileSync(join(base, app.dir, 'src/app.tsx'), 'export const a = 2;\n');
      expect(sourceHash(app, base)).not.toBe(first);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  it('skips both builds when the stamps match the sources (the state npm test leaves)', async () => {
    for (const app of APPS as Array<{ dir: string; out: string }>) {
      const stamp = readFileSync(join(REPO, app.dir, app.out, '.build-stamp'), 'utf8').trim();
      expect(stamp, `${app.dir}: run npm run build:web`).toBe(sourceHash(app));
    }
    const { stderr } = await run(process.execPath, [join(REPO, 'scripts/build-web-if-changed.mjs')], { cwd: REPO, timeout: 30_000 });
    expect(stderr.match(/bỏ qua/g)).toHaveLength(2);
  });
});
