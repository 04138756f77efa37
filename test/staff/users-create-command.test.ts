import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.js';
import { verifyPassword } from '../../src/staff/passwords.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const STRONG = 'trau-an-co-ben-song-Hong';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('npm run cli -- users:create', () => {
  let dir: string;
  let databaseUrl: string;
  let database: Database;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'users-create-'));
    databaseUrl = `sqlite:${join(dir, 'app.db')}`;
    database = await openDatabase(databaseUrl);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cliArgs = (args: string[]) => ['--import', 'tsx', 'src/cli.ts', 'users:create', ...args];
  const env = () => ({ ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });

  /** The command with stdin from a pipe (a script), `input` written to it. */
  function piped(args: string[], input = ''): Promise<Run> {
    return new Promise((resolve) => {
      const proc = spawn(process.execPath, cliArgs(args), { cwd: REPO, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      proc.on('exit', (code) => resolve({ code, stdout, stderr }));
      proc.stdin.end(input);
    });
  }

  /**
   * The command on a real terminal (util-linux `script` gives it a pseudo-terminal): answers each
   * prompt as a person would type, and returns everything the terminal showed.
   */
  function onTerminal(args: string[], answers: Array<[prompt: string, typed: string]>): Promise<{ code: number | null; screen: string }> {
    const command = [process.execPath, ...cliArgs(args)].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    return new Promise((resolve) => {
      const proc = spawn('script', ['-qfec', command, '/dev/null'], { cwd: REPO, env: env(), stdio: ['pipe', 'pipe', 'pipe'] });
      let screen = '';
      let answered = 0;
      proc.stdout.on('data', (d: Buffer) => {
        screen += d.toString();
        const next = answers[answered];
        // Type only once the prompt is on screen: by then echo is off.
        if (next && screen.split(next[0]).length - 1 > answers.slice(0, answered).filter(([p]) => p === next[0]).length) {
          answered += 1;
          proc.stdin.write(`${next[1]}\r`);
        }
      });
      proc.on('exit', (code) => resolve({ code, screen }));
    });
  }

  const account = (username: string) => database.db.selectFrom('staff_users').selectAll().where('username', '=', username).executeTakeFirst();

  it('asks for the password on a terminal without showing what is typed', async () => {
    const run = await onTerminal(['--username', 'lan.nt', '--name', 'Nguyễn Thị Lan', '--roles', 'desk'], [
      ['Mật khẩu: ', STRONG],
      ['Nhập lại mật khẩu: ', STRONG],
    ]);
    expect(run.screen).toContain('Đã tạo tài khoản lan.nt (desk).');
    expect(run.screen).not.toContain(STRONG);
    expect(run.screen).not.toContain('*');
    expect(run.code).toBe(0);
    const row = await account('lan.nt');
    expect(row?.display_name).toBe('Nguyễn Thị Lan');
    expect(await verifyPassword(STRONG, row!.password_hash)).toBe(true);
  });

  it('creates nothing when the two entries differ', async () => {
    const run = await onTerminal(['--username', 'go.nham', '--roles', 'desk'], [
      ['Mật khẩu: ', STRONG],
      ['Nhập lại mật khẩu: ', `${STRONG}x`],
    ]);
    expect(run.screen).toContain('Hai lần nhập mật khẩu không khớp');
    expect(run.code).toBe(1);
    expect(await account('go.nham')).toBeUndefined();
  });

  it('reads the first line of stdin when it is not a terminal', async () => {
    const run = await piped(['--username', 'bien.tap', '--roles', 'editor,approver'], `${STRONG}\nthe rest is ignored\n`);
    expect(run.stdout).toBe('Đã tạo tài khoản bien.tap (editor, approver).\n');
    expect(run.code).toBe(0);
    expect(await verifyPassword(STRONG, (await account('bien.tap'))!.password_hash)).toBe(true);
  });

  it('refuses an unknown role with the list of allowed ones, in Vietnamese', async () => {
    const run = await piped(['--username', 'thu.ky', '--roles', 'desk,thu-ky'], `${STRONG}\n`);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      'Vai trò không hợp lệ: "thu-ky". Các vai trò được phép: admin (Quản trị), editor (Biên tập tin), approver (Duyệt tin), desk (Bộ phận Một cửa), leader (Lãnh đạo UBND xã), province_admin (Quản trị cấp tỉnh).',
    );
    expect(await account('thu.ky')).toBeUndefined();
  });

  it('says what to fix in a weak password', async () => {
    const run = await piped(['--username', 'yeu.mk', '--roles', 'desk'], 'matkhau123456\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Mật khẩu chưa đủ mạnh.');
    expect(run.stderr).toContain('phổ biến');
    expect(await account('yeu.mk')).toBeUndefined();
  });

  it('never takes the password on the command line', async () => {
    const run = await piped(['--username', 'lo.mk', '--roles', 'desk', '--password', STRONG]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Không nhận mật khẩu trên dòng lệnh');
    expect(await account('lo.mk')).toBeUndefined();
  });
});
