import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RunningApp } from '../../src/main.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `npm run cli -- <args>` against the app's database (and `env`, e.g. the sandbox's), as an operator would. */
export function runCli(app: RunningApp, env: Record<string, string>, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: REPO,
      env: { ...process.env, ...env, DATABASE_URL: app.config.databaseUrl!, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
