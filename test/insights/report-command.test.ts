import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
// tsx as `npm run cli` loads it, found from the repository whatever the working folder.
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

describe('npm run cli -- report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-command-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env, HOME: join(dir, 'home'), DATABASE_URL: `sqlite:${join(dir, 'app.db')}`, LOG_LEVEL: 'silent' };

  function report(args: string[], cwd = REPO): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const proc = spawn(process.execPath, ['--import', TSX, join(REPO, 'src/cli.ts'), 'report', '--from', '2026-01-01', '--to', '2026-06-30', ...args], {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      proc.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('writes outside the repository by default (~/bao-cao-xa) and says where', async () => {
    const run = await report([]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = join(dir, 'home', 'bao-cao-xa');
    expect(run.stdout.split('\n')[0]).toBe(`Đã ghi báo cáo vào thư mục ${out}:`);
    for (const ext of ['xlsx', 'csv', 'html']) expect(existsSync(join(out, `bao-cao-2026-01-01-2026-06-30.${ext}`)), ext).toBe(true);
    expect(existsSync(join(REPO, 'bao-cao'))).toBe(false);
  });

  it('keeps its folder out of git even when it is given inside a work tree', async () => {
    const repo = join(dir, 'mot-kho-git');
    expect(spawnSync('git', ['init', '-q', repo]).status).toBe(0);
    const run = await report(['--out', 'bao-cao-quy-2'], repo);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(join(repo, 'bao-cao-quy-2'));
    expect(readFileSync(join(repo, 'bao-cao-quy-2', '.gitignore'), 'utf8')).toContain('*');
    const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repo, encoding: 'utf8' });
    expect(status.stdout).toBe('');
  });

  it('is ignored by this repository\'s .gitignore under its usual names', () => {
    for (const path of ['bao-cao/bao-cao-2026-01-01-2026-06-30.csv', 'bao-cao-xa/x.xlsx']) {
      expect(spawnSync('git', ['check-ignore', '-q', path], { cwd: REPO }).status, path).toBe(0);
    }
  });
});
