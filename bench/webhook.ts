import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon, { type AutocannonResult } from 'autocannon';
import express from 'express';
import { loadTexts } from './questions.js';
import { databaseTargets, startBenchAppWithZaloThread } from './server.js';
import { fmt, loadAverage, mainThreadCpuMs, progress, round, startMemorySampler, type Row } from './stats.js';

/**
 * Signed webhook events per second and acknowledgement latency under autocannon, over loopback,
 * for the real server and, in the same run, for a bare express handler that only returns 200.
 * autocannon runs in its own worker thread (workers: 1) so the load generator does not share the
 * server's event loop; each request is a distinct signed event built by bench/signed-request.cjs.
 */

const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTIONS = Number(process.env.BENCH_WEBHOOK_CONNECTIONS ?? 20);
const SETUP_REQUEST = fileURLToPath(new URL('./signed-request.cjs', import.meta.url));

interface Signing {
  appId: string;
  oaSecretKey: string;
  oaId: string;
  userPrefix: string;
  users: number;
  texts: string[];
}

export interface LoadFigures {
  requestsPerSecond: number;
  /** Main-thread CPU time per request handled (warm-up included): robust to other load on the machine. */
  cpuMsPerRequest: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function load(url: string, signing: Signing): Promise<{ main: LoadFigures; warmup2xx: number }> {
  const cpu0 = mainThreadCpuMs();
  const r: AutocannonResult = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    workers: 1,
    warmup: { duration: WARMUP_SECONDS, connections: CONNECTIONS },
    requests: [{ method: 'POST', path: '/webhooks/zalo', setupRequest: SETUP_REQUEST }],
    benchSigning: signing,
  });
  const cpuMs = mainThreadCpuMs() - cpu0;
  const handled = r.latency.totalCount + (r.warmup?.latency.totalCount ?? 0);
  return {
    main: {
      requestsPerSecond: round(r.requests.average, 1),
      cpuMsPerRequest: round(cpuMs / Math.max(1, handled), 3),
      latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      requests: r.latency.totalCount,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
    },
    warmup2xx: r.warmup?.['2xx'] ?? 0,
  };
}

/** The floor: express.raw + 200, nothing else. */
async function bareHandler(signing: Signing): Promise<LoadFigures> {
  const app = express();
  app.post('/webhooks/zalo', express.raw({ type: () => true, limit: '256kb' }), (_req, res) => {
    res.sendStatus(200);
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    return (await load(`http://127.0.0.1:${port}`, signing)).main;
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function realServer(databaseUrl: string, workers: boolean, texts: string[]) {
  const bench = await startBenchAppWithZaloThread(databaseUrl, { WORKERS: workers ? 'on' : 'off' });
  const { app, oaId } = bench;
  const memory = startMemorySampler();
  try {
    const signing: Signing = { appId: app.config.zalo.appId, oaSecretKey: app.config.zalo.oaSecretKey, oaId, userPrefix: '86', users: 10_000, texts };
    const { main, warmup2xx } = await load(app.url, signing);
    const rows = await app.database.db.selectFrom('inbound_events').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
    const stored = Object.values(byStatus).reduce((a, b) => a + b, 0);
    return {
      ...main,
      /** Every acknowledged request is a distinct event: stored rows = 2xx answers (warm-up included). */
      storedEvents: stored,
      acknowledged: main.requests - main.non2xx + warmup2xx,
      /** Events the inbox worker had answered by the end of the run (it shares the process). */
      processedByInbox: byStatus.done ?? 0,
      memory: memory.stop(),
    };
  } finally {
    await bench.close();
  }
}

export async function runWebhook() {
  const texts = loadTexts();
  const bareSigning: Signing = { appId: 'sandbox-app', oaSecretKey: 'sandbox-oa-secret', oaId: '1', userPrefix: '86', users: 10_000, texts };
  const json: Record<string, unknown> = {
    method: `autocannon 8, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per server, loopback, load generator in a worker thread; every request a distinct user_send_text event signed in setupRequest (bench/signed-request.cjs), users from a pool of 10,000, questions from both sets except the "news" intent`,
  };
  const rows: Row[] = [];

  progress('webhook: bare express handler (before)');
  const bareBefore = await bareHandler(bareSigning);
  const runs: Array<{ label: string; figures: Awaited<ReturnType<typeof realServer>> }> = [];
  for (const target of databaseTargets()) {
    for (const workers of target.dialect === 'sqlite' ? [true, false] : [true]) {
      const label = `${target.dialect}, WORKERS ${workers ? 'on' : 'off'}`;
      progress(`webhook: real server (${label})`);
      const db = await target.create();
      try {
        runs.push({ label, figures: await realServer(db.url, workers, texts) });
      } finally {
        await db.cleanup();
      }
    }
  }
  progress('webhook: bare express handler (after)');
  const bareAfter = await bareHandler(bareSigning);
  const bareRps = (bareBefore.requestsPerSecond + bareAfter.requestsPerSecond) / 2;
  const bareP99 = (bareBefore.latencyMs.p99 + bareAfter.latencyMs.p99) / 2;
  const bareCpu = (bareBefore.cpuMsPerRequest + bareAfter.cpuMsPerRequest) / 2;

  json.bare = { before: bareBefore, after: bareAfter };
  json.real = Object.fromEntries(
    runs.map((r) => [r.label, { ...r.figures, ratioToBare: round(r.figures.requestsPerSecond / bareRps, 3), cpuRatioToBare: round(bareCpu / r.figures.cpuMsPerRequest, 3) }]),
  );
  json.loadAverage = loadAverage();

  const lat = (f: LoadFigures) => `p50 ${fmt.ms(f.latencyMs.p50)}, p99 ${fmt.ms(f.latencyMs.p99)}`;
  rows.push({ section: 'Webhook', metric: 'bare express 200 (before / after)', value: `${fmt.rate(bareBefore.requestsPerSecond, 'req/s')} / ${fmt.rate(bareAfter.requestsPerSecond, 'req/s')}`, note: `${lat(bareBefore)}; ${lat(bareAfter)}` });
  for (const { label, figures: f } of runs) {
    const ratio = f.requestsPerSecond / bareRps;
    const problems = f.non2xx + f.errors + f.timeouts;
    rows.push(
      { section: 'Webhook', metric: `real server (${label})`, value: fmt.rate(f.requestsPerSecond, 'events/s'), note: `${lat(f)}; ${problems ? `${problems} non-2xx/errors` : 'all 2xx'}; ${fmt.int(f.storedEvents)} stored ≥ ${fmt.int(f.acknowledged)} acknowledged (requests in flight at stop are stored, not counted)` },
      { section: 'Webhook', metric: `  ratio to bare (${label})`, value: `${(ratio * 100).toFixed(1)}%`, note: `events/s ÷ mean bare req/s; p99 ${(f.latencyMs.p99 / bareP99).toFixed(1)}× bare; inbox answered ${fmt.int(f.processedByInbox)} during the run; peak RSS ${fmt.mb(f.memory.peakRssMb)}` },
      { section: 'Webhook', metric: `  ratio by CPU per request (${label})`, value: `${((bareCpu / f.cpuMsPerRequest) * 100).toFixed(1)}%`, note: `bare ${fmt.ms(bareCpu)} ÷ ${fmt.ms(f.cpuMsPerRequest)} of main-thread CPU per request (answering included when WORKERS on): the ratio on an otherwise idle machine` },
    );
  }
  return { json, rows };
}
