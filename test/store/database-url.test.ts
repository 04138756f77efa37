import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseUrlError, openDatabase } from '../../src/store/database.js';
import { freePort } from '../helpers/child-server.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const pgUrl = process.env.TEST_DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), 'database-url-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm start`'s command with this environment; resolves with what it printed once it exits. */
function serve(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
      cwd: REPO,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

async function refusal(url: string): Promise<string> {
  const error = await openDatabase(url).then(
    async (database) => {
      await database.close();
      return undefined;
    },
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(DatabaseUrlError);
  return (error as Error).message;
}

describe('a DATABASE_URL that cannot be used', () => {
  it('names the setting and what is wrong, one line, without the password', async () => {
    expect(await refusal('mysql://lan:bi-mat@db/xa')).toBe(
      'DATABASE_URL: phải bắt đầu bằng sqlite: hoặc postgres:// (đang là mysql:), ví dụ sqlite:/var/lib/tro-ly-xa/app.db',
    );
    const port = await freePort();
    const refused = await refusal(`postgres://lan:bi-mat@127.0.0.1:${port}/xa`);
    expect(refused).toBe(`DATABASE_URL: không kết nối được PostgreSQL tại 127.0.0.1:${port}: máy chủ từ chối kết nối (PostgreSQL có đang chạy, đúng cổng chưa?)`);
    expect(refused).not.toContain('bi-mat');
    const notADatabase = join(dir, 'ghi-chu.txt');
    writeFileSync(notADatabase, 'không phải cơ sở dữ liệu '.repeat(100));
    expect(await refusal(`sqlite:${notADatabase}`)).toBe(`DATABASE_URL: không mở được tệp SQLite ${notADatabase}: file is not a database`);
    expect(await refusal(`sqlite:${notADatabase}/app.db`)).toMatch(/^DATABASE_URL: không mở được tệp SQLite .*app\.db: /);
  });

  it.skipIf(!pgUrl)('says which user or database PostgreSQL refused', async () => {
    const url = new URL(pgUrl!);
    const noUser = new URL(url);
    noUser.username = 'khong_co_nguoi_dung';
    noUser.password = 'bi-mat';
    const userMessage = await refusal(noUser.toString());
    expect(userMessage).toMatch(/^DATABASE_URL: PostgreSQL tại .* (không cho người dùng|từ chối đăng nhập của người dùng) "khong_co_nguoi_dung"/);
    expect(userMessage).not.toContain('bi-mat');
    const noDatabase = new URL(url);
    noDatabase.pathname = '/khong_co_csdl';
    expect(await refusal(noDatabase.toString())).toMatch(/^DATABASE_URL: PostgreSQL tại .* không có cơ sở dữ liệu "khong_co_csdl" \(tạo bằng: createdb khong_co_csdl\)$/);
  });

  it('ends `npm start` with that one line and exit code 1, not a stack trace', async () => {
    const bad = await serve({ DATABASE_URL: 'mysql://lan:bi-mat@db/xa' });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual([
      'DATABASE_URL: phải bắt đầu bằng sqlite: hoặc postgres:// (đang là mysql:), ví dụ sqlite:/var/lib/tro-ly-xa/app.db',
    ]);
    const port = await freePort();
    const down = await serve({ DATABASE_URL: `postgres://lan:bi-mat@127.0.0.1:${port}/xa` });
    expect(down.code).toBe(1);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(/^DATABASE_URL: không kết nối được PostgreSQL/);
    expect(`${down.stderr}${down.stdout}`).not.toMatch(/\n\s+at /);
  });

  it('ends `npm start` with one line for any other wrong setting too', async () => {
    const bad = await serve({ TRUST_PROXY: 'mọi nơi', DATABASE_URL: `sqlite:${join(dir, 'app.db')}` });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toEqual([
      'config: TRUST_PROXY: "mọi nơi" không phải địa chỉ IP, dải CIDR hay một trong loopback, linklocal, uniquelocal (hoặc ghi số lớp proxy, hoặc none)',
    ]);
  });
});
