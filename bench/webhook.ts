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

const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 6);
const WARMUP_SECONDS = 2;
const ROUNDS = Number(process.env.BENCH_WEBHOOK_ROUNDS ?? 5);
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

/** Median of a non-empty list. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Rounds, each measuring the bare handler and then every real server, with a last bare run at the
 * end; a real server's ratio in a round is taken against the mean of the bare runs just before and
 * just after it. This VM's speed drifts by tens of percent within minutes, so a ratio of two runs a
 * minute apart measures the drift as much as the server; paired rounds and their median do not.
 */
export async function runWebhook() {
  const texts = loadTexts();
  const bareSigning: Signing = { appId: 'sandbox-app', oaSecretKey: 'sandbox-oa-secret', oaId: '1', userPrefix: '86', users: 10_000, texts };
  const json: Record<string, unknown> = {
    method: `autocannon 8, ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s measured per run, loopback, load generator in a worker thread; every request a distinct user_send_text event signed in setupRequest (bench/signed-request.cjs), users from a pool of 10,000, questions from both sets except the "news" intent; ${ROUNDS} rounds of bare handler then each real server, a last bare run at the end; ratio per round against the mean of the bare runs around it, median over rounds`,
  };
  const rows: Row[] = [];
  const configs = databaseTargets().flatMap((target) =>
    (target.dialect === 'sqlite' ? [true, false] : [true]).map((workers) => ({ target, workers, label: `${target.dialect}, WORKERS ${workers ? 'on' : 'off'}` })),
  );
  const bares: LoadFigures[] = [];
  const runs = new Map<string, Array<Awaited<ReturnType<typeof realServer>>>>(configs.map((c) => [c.label, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    progress(`webhook: round ${round}/${ROUNDS}, bare express handler`);
    bares.push(await bareHandler(bareSigning));
    for (const { target, workers, label } of configs) {
      progress(`webhook: round ${round}/${ROUNDS}, real server (${label})`);
      const db = await target.create();
      try {
        runs.get(label)!.push(await realServer(db.url, workers, texts));
      } finally {
        await db.cleanup();
      }
    }
  }
  progress('webhook: last bare express handler');
  bares.push(await bareHandler(bareSigning));

  /** Per round: the mean of the bare runs before and after it. */
  const bareAround = (round: number, pick: (f: LoadFigures) => number) => (pick(bares[round]!) + pick(bares[round + 1]!)) / 2;
  const summaries = configs.map(({ label }) => {
    const figures = runs.get(label)!;
    const ratios = figures.map((f, i) => f.requestsPerSecond / bareAround(i, (b) => b.requestsPerSecond));
    const cpuRatios = figures.map((f, i) => bareAround(i, (b) => b.cpuMsPerRequest) / f.cpuMsPerRequest);
    const p99Ratios = figures.map((f, i) => f.latencyMs.p99 / bareAround(i, (b) => b.latencyMs.p99));
    return { label, figures, ratios, cpuRatios, p99Ratios, ratio: median(ratios), cpuRatio: median(cpuRatios) };
  });
  json.bare = bares;
  json.real = Object.fromEntries(
    summaries.map((s) => [s.label, { rounds: s.figures, ratiosToBare: s.ratios.map((r) => round(r, 3)), ratioToBare: round(s.ratio, 3), cpuRatiosToBare: s.cpuRatios.map((r) => round(r, 3)), cpuRatioToBare: round(s.cpuRatio, 3) }]),
  );
  json.loadAverage = loadAverage();

  const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
  const range = (xs: number[]) => `${pct(Math.min(...xs))}–${pct(Math.max(...xs))}`;
  const lat = (f: LoadFigures) => `p50 ${fmt.ms(f.latencyMs.p50)}, p99 ${fmt.ms(f.latencyMs.p99)}`;
  rows.push({ section: 'Webhook', metric: `bare express 200 (${bares.length} runs)`, value: bares.map((b) => fmt.rate(b.requestsPerSecond, 'req/s')).join(' / '), note: bares.map(lat).join('; ') });
  for (const s of summaries) {
    const problems = s.figures.reduce((n, f) => n + f.non2xx + f.errors + f.timeouts, 0);
    const stored = s.figures.reduce((n, f) => n + f.storedEvents, 0);
    const acknowledged = s.figures.reduce((n, f) => n + f.acknowledged, 0);
    rows.push(
      { section: 'Webhook', metric: `real server (${s.label})`, value: s.figures.map((f) => fmt.rate(f.requestsPerSecond, 'events/s')).join(' / '), note: `${s.figures.map(lat).join('; ')}; ${problems ? `${problems} non-2xx/errors` : 'all 2xx'}; ${fmt.int(stored)} stored ≥ ${fmt.int(acknowledged)} acknowledged (requests in flight at stop are stored, not counted)` },
      { section: 'Webhook', metric: `  ratio to bare (${s.label})`, value: pct(s.ratio), note: `median of ${s.ratios.length} paired rounds (${range(s.ratios)}); events/s ÷ mean bare req/s around it; p99 ${median(s.p99Ratios).toFixed(1)}× bare; inbox answered ${s.figures.map((f) => fmt.int(f.processedByInbox)).join(' / ')} during the runs; peak RSS ${fmt.mb(Math.max(...s.figures.map((f) => f.memory.peakRssMb)))}` },
      { section: 'Webhook', metric: `  ratio by CPU per request (${s.label})`, value: pct(s.cpuRatio), note: `median (${range(s.cpuRatios)}) of bare ÷ real main-thread CPU per request (answering included when WORKERS on): the ratio on an otherwise idle machine` },
    );
  }
  return { json, rows };
}
