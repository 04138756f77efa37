import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const RUN_TESTS = join(REPO, 'scripts/ci/run-tests.sh');
const VITEST = join(REPO, 'node_modules/.bin/vitest');

// The inner vitest must not think it runs inside this one.
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'TEST' && k !== 'NODE_OPTIONS'));

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A small project of its own: a vitest config and test files, in a temp folder. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ci-run-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'vitest.config.mjs'), "export default { test: { include: ['*.test.mjs'], globals: true } };\n");
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** scripts/ci/run-tests.sh around vitest, as .ci/run uses it around `npm test --`. */
function runTests(dir: string) {
  const r = spawnSync('bash', [RUN_TESTS, VITEST, 'run', '--root', dir], {
    cwd: dir,
    env: { ...cleanEnv(), TEST_OUTPUT_DIR: join(dir, 'out') },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const lines = `${r.stdout}`.trim().split('\n');
  return { status: r.status, last: lines.at(-1), output: `${r.stdout}\n${r.stderr}` };
}

describe('scripts/ci/run-tests.sh (the summary line of .ci/run)', () => {
  it('prints the summary line when every test passes, and exits 0', () => {
    const dir = project({ 'a.test.mjs': "test('one', () => expect(1).toBe(1));\ntest('two', () => expect(2).toBe(2));\n" });
    const r = runTests(dir);
    expect(r.last).toBe('2 passed, 0 failed, 0 skipped');
    expect(r.status).toBe(0);
  });

  it('prints the summary line when tests fail, and exits non-zero', () => {
    const dir = project({
      'a.test.mjs': "test('passes', () => expect(1).toBe(1));\ntest('fails', () => expect(1).toBe(2));\ntest.skip('later', () => {});\n",
    });
    const r = runTests(dir);
    expect(r.last).toBe('1 passed, 1 failed, 1 skipped');
    expect(r.status).not.toBe(0);
  });

  it('prints "0 passed, 1 failed" with the reason when vitest dies before writing its report', () => {
    const dir = project({ 'a.test.mjs': "test('never runs', () => {});\n" });
    writeFileSync(join(dir, 'vitest.config.mjs'), "throw new Error('the configuration is broken');\n");
    const r = runTests(dir);
    expect(r.last).toBe('0 passed, 1 failed, 0 skipped');
    expect(r.output).toMatch(/reason: .*exited with code \d+ before vitest wrote/);
    expect(r.output).toContain('reason: Error: the configuration is broken');
    expect(r.status).not.toBe(0);
  });

  it('counts a test file that cannot even load as a failure', () => {
    const dir = project({
      'a.test.mjs': "test('fine', () => expect(1).toBe(1));\n",
      'b.test.mjs': "import './does-not-exist.mjs';\ntest('unreached', () => {});\n",
    });
    const r = runTests(dir);
    expect(r.last).toBe('1 passed, 1 failed, 0 skipped');
    expect(r.output).toMatch(/reason: test file did not run: .*b\.test\.mjs/);
    expect(r.status).not.toBe(0);
  });

  it('fails a run whose tests rewrote a tracked file, naming it', () => {
    const dir = project({
      'a.test.mjs': "import { writeFileSync } from 'node:fs';\ntest('writes', () => writeFileSync(new URL('./tracked.txt', import.meta.url), 'changed'));\n",
      'tracked.txt': 'original',
    });
    writeFileSync(join(dir, '.gitignore'), 'out/\n');
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=ci@example.invalid', '-c', 'user.name=CI', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    expect(git('commit', '-qm', 'fixture').status).toBe(0);
    const r = runTests(dir);
    expect(r.last).toBe('1 passed, 1 failed, 0 skipped');
    expect(r.output).toContain('reason: the tests changed the work tree');
    expect(r.output).toMatch(/M tracked\.txt/);
    expect(r.status).not.toBe(0);
  });
});

describe('npm run docs:screenshots', () => {
  it('copies the screenshots the browser tests took into the documentation folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shots-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'from'));
    writeFileSync(join(dir, 'from', 'console-login.png'), 'png bytes');
    writeFileSync(join(dir, 'from', 'notes.txt'), 'not a picture');
    const r = spawnSync(process.execPath, [join(REPO, 'scripts/docs-screenshots.mjs'), '--from', join(dir, 'from'), '--to', join(dir, 'docs')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'docs', 'console-login.png'), 'utf8')).toBe('png bytes');
    expect(existsSync(join(dir, 'docs', 'notes.txt'))).toBe(false);
    expect(r.stdout).toContain('Đã chép 1 ảnh');
  });

  it('says what to run first when there are no screenshots', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shots-'));
    dirs.push(dir);
    const r = spawnSync(process.execPath, [join(REPO, 'scripts/docs-screenshots.mjs'), '--from', join(dir, 'none'), '--to', join(dir, 'docs')], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Chạy kiểm thử trình duyệt trước');
  });
});

describe('browser tests', () => {
  it('write their screenshots under the ignored test-output/ folder, not into docs/', async () => {
    const { SCREENSHOT_DIR } = await import('../web/browser.js');
    const check = spawnSync('git', ['check-ignore', '-q', join(SCREENSHOT_DIR, 'any.png')], { cwd: REPO });
    expect(SCREENSHOT_DIR).not.toContain(`${join(REPO, 'docs')}`);
    expect(check.status).toBe(0);
  });
});
