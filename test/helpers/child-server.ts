import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ZaloSandbox } from '../../src/zalo/sandbox.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface ChildServer {
  url: string;
  proc: ChildProcess;
  /** Everything the process wrote to stdout and stderr. */
  output: string[];
  /** SIGKILL: no cleanup, like a power cut. */
  crash(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

/** The sandbox as a real Zalo for a server in another process. */
export function sandboxEnv(sandbox: ZaloSandbox): Record<string, string> {
  const t = sandbox.currentTokens();
  return {
    ZALO_APP_ID: sandbox.appId,
    ZALO_APP_SECRET: sandbox.appSecret,
    ZALO_OA_SECRET_KEY: sandbox.oaSecretKey,
    ZALO_ACCESS_TOKEN: t.accessToken,
    ZALO_REFRESH_TOKEN: t.refreshToken,
    ZALO_API_BASE_URL: sandbox.url,
    ZALO_OAUTH_BASE_URL: sandbox.url,
    ZALO_GRAPH_BASE_URL: sandbox.url,
  };
}

/** Starts `npm start`'s server in a child process and waits until /healthz answers. */
export async function spawnServer(env: Record<string, string>): Promise<ChildServer> {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    cwd: REPO,
    // Any hour sends news, so no test depends on when it runs (see startTestApp).
    env: { ...process.env, LOG_LEVEL: 'info', NEWS_SEND_HOURS: '0-24', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  proc.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  proc.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  // Generous: a loaded machine (CI, parallel test files) can take a minute to start the server.
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${output.join('')}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`server did not start: ${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    proc,
    output,
    async crash() {
      proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}
