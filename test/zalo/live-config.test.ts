import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { useTestApp } from '../helpers/app.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SECRETS = { ZALO_APP_ID: '2918437620154871032', ZALO_APP_SECRET: 'app-secret', ZALO_OA_SECRET_KEY: 'oa-secret' };

describe('live configuration is checked at start', () => {
  it('runs on the sandbox without any Zalo setting', () => {
    expect(loadConfig({}).zalo.live).toBe(false);
  });

  it('names every missing secret instead of filling in a sandbox value', () => {
    const load = () => loadConfig({ ZALO_APP_ID: SECRETS.ZALO_APP_ID, ZALO_OA_SECRET_KEY: SECRETS.ZALO_OA_SECRET_KEY, PUBLIC_BASE_URL: 'https://xa.example.vn' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/^config: ZALO_APP_SECRET: thiếu;/);
    expect(() => loadConfig({ ZALO_OA_SECRET_KEY: 'x', PUBLIC_BASE_URL: 'https://xa.example.vn' })).toThrow(/^config: ZALO_APP_ID, ZALO_APP_SECRET: thiếu;/);
  });

  it('needs an https PUBLIC_BASE_URL to talk to the real Zalo', () => {
    expect(() => loadConfig(SECRETS)).toThrow(/^config: PUBLIC_BASE_URL: phải là địa chỉ https.*\(đang là trống\)$/);
    expect(() => loadConfig({ ...SECRETS, PUBLIC_BASE_URL: 'http://xa.example.vn' })).toThrow(/PUBLIC_BASE_URL: phải là địa chỉ https/);
    const config = loadConfig({ ...SECRETS, PUBLIC_BASE_URL: 'https://xa.example.vn/' });
    expect(config.zalo.live).toBe(true);
    expect(config.http.publicBaseUrl).toBe('https://xa.example.vn');
  });

  it('stops `npm start` with one line that says what to set', async () => {
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const env = { ...process.env, ...SECRETS, ZALO_APP_SECRET: '', PUBLIC_BASE_URL: 'https://xa.example.vn', LOG_LEVEL: 'silent' };
      const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], { cwd: REPO, env });
      let stderr = '';
      proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      proc.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('ZALO_APP_SECRET: thiếu');
  });
});

describe('domain verification served from configuration', () => {
  const h = useTestApp({
    workers: false,
    env: { ZALO_SITE_VERIFICATION: 'Ab12-xyz"<', ZALO_VERIFIER_FILE: 'zalo_verifierQ1w2E3.html', ZALO_VERIFIER_CONTENT: '<html>zalo-verifier Q1w2E3</html>' },
  });

  it('puts the meta tag on the site root, escaped', async () => {
    const res = await fetch(`${h.app.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<meta name="zalo-platform-site-verification" property="zalo-platform-site-verification" content="Ab12-xyz&quot;&lt;" />');
  });

  it('serves the verifier file exactly as configured', async () => {
    const res = await fetch(`${h.app.url}/zalo_verifierQ1w2E3.html`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('<html>zalo-verifier Q1w2E3</html>');
    expect((await fetch(`${h.app.url}/zalo_verifierOTHER.html`)).status).toBe(404);
  });

  it('refuses a verifier file name that is not Zalo’s', () => {
    expect(() => loadConfig({ ZALO_VERIFIER_FILE: '../etc/passwd' })).toThrow(/ZALO_VERIFIER_FILE/);
  });
});
