import { fileURLToPath } from 'node:url';
import type { RunningApp } from '../src/main.js';
import autocannon from 'autocannon';
import { storeInboundEvents } from '../src/zalo/inbox-repo.js';
import { makeTextEvent } from '../src/zalo/sandbox-webhook.js';
import { loadTexts } from './questions.js';
import { startProfile, type Category } from './profile.js';
import { benchUserId, databaseTargets, startBenchAppWithZaloThread } from './server.js';
import { runE2eOn } from './e2e.js';
import { fmt, loadAverage, mainThreadCpuMs, p50p99, progress, round, sleep, type Row } from './stats.js';

/**
 * Answering capacity: how many events per second one process answers while events arrive faster
 * than it answers them. The app starts with its workers, a backlog of events from distinct
 * residents is stored (as the webhook stores them), and more events keep arriving over HTTP; answered events per second are counted over the measured window, with the CPU profiler
 * on, and the window ends before the backlog runs dry. Then the end-to-end latency at half that
 * capacity (the e2e benchmark's method at that rate).
 */

const BACKLOG = Number(process.env.BENCH_ANSWERING_BACKLOG ?? 6_000);
const ARRIVALS_PER_S = Number(process.env.BENCH_ANSWERING_ARRIVALS ?? 250);
const WARMUP_S = 3;
const SECONDS = Number(process.env.BENCH_ANSWERING_SECONDS ?? 10);
const HALF_RATE_SECONDS = Number(process.env.BENCH_ANSWERING_HALF_SECONDS ?? 15);
/** Zalo's per-app send limit in both runs: high, so that what is measured is answering, not the limit. */
const SEND_PER_MINUTE = '1000000';
const SETUP_REQUEST = fileURLToPath(new URL('./signed-request.cjs', import.meta.url));

async function count(app: RunningApp, status: 'done' | 'pending'): Promise<number> {
  const r = await app.database.db.selectFrom('inbound_events').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', status).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function capacityOn(databaseUrl: string, texts: string[]) {
  const run = String(Date.now() % 1e6).padStart(6, '0');
  const bench = await startBenchAppWithZaloThread(databaseUrl, { ZALO_SEND_PER_MINUTE: SEND_PER_MINUTE });
  const { app, oaId } = bench;
  // The backlog, stored as the webhook stores events (the worker starts on it at once).
  const now = new Date();
  for (let i = 0; i < BACKLOG; i += 500) {
    const events = Array.from({ length: Math.min(500, BACKLOG - i) }, (_, k) => {
      const n = i + k;
      const userId = benchUserId(run, n);
      const event = makeTextEvent({ appId: app.config.zalo.appId, oaId, userId, text: texts[n % texts.length]!, msgId: `cap${run}${n}` });
      return { dedupeKey: `cap${run}${n}`, eventName: 'user_send_text', userId, payload: JSON.stringify(event), now: new Date(now.getTime() + n) };
    });
    await storeInboundEvents(app.database.db, events);
  }
  // Arrivals from autocannon in its own worker thread (the load generator does not share the app's
  // event loop), at a fixed overall rate, each a distinct signed event (bench/signed-request.cjs).
  const arrivals = ARRIVALS_PER_S <= 0 ? Promise.resolve(undefined) : autocannon({
    url: app.url,
    connections: 10,
    overallRate: ARRIVALS_PER_S,
    duration: WARMUP_S + SECONDS + 1,
    workers: 1,
    requests: [{ method: 'POST', path: '/webhooks/zalo', setupRequest: SETUP_REQUEST }],
    benchSigning: { appId: app.config.zalo.appId, oaSecretKey: app.config.zalo.oaSecretKey, oaId, userPrefix: '85', users: 10_000, texts },
  });
  try {
    await sleep(WARMUP_S * 1000);
    const profile = await startProfile();
    const t0 = Date.now();
    const cpu0 = mainThreadCpuMs();
    const load0 = loadAverage();
    const done0 = await count(app, 'done');
    await sleep(SECONDS * 1000);
    const done1 = await count(app, 'done');
    const t1 = Date.now();
    const cpuMs = mainThreadCpuMs() - cpu0;
    const byCategory = await profile.stop();
    const pendingLeft = await count(app, 'pending');
    const posted = await arrivals;
    const answeredPerSecond = (done1 - done0) / ((t1 - t0) / 1000);
    const totalMs = Object.values(byCategory).reduce((a, b) => a + b, 0);
    const share = Object.fromEntries(Object.entries(byCategory).map(([k, v]) => [k, round(v / totalMs, 3)])) as Record<Category, number>;
    return {
      backlog: BACKLOG,
      arrivalsPerSecond: ARRIVALS_PER_S,
      answeredPerSecond: round(answeredPerSecond, 1),
      /** Still waiting when the window closed: the worker never ran out of work. */
      pendingLeft,
      arrivalsAchievedPerSecond: round(posted?.requests.average ?? 0, 1),
      arrivalsNon2xx: posted ? posted.non2xx + posted.errors + posted.timeouts : 0,
      ackP99Ms: posted?.latency.p99 ?? NaN,
      profileMs: Object.fromEntries(Object.entries(byCategory).map(([k, v]) => [k, Math.round(v)])),
      profileShare: share,
      /** Main-thread CPU time per answered event (answering, sending through the sandbox, acknowledging). */
      cpuMsPerEvent: round(cpuMs / Math.max(1, done1 - done0), 2),
      /** What one core would answer if this process had it to itself: 1000 ÷ CPU ms per event. */
      eventsPerCpuSecond: round((1000 * Math.max(1, done1 - done0)) / Math.max(1, cpuMs), 1),
      mainThreadCpuShare: round(cpuMs / (t1 - t0), 2),
      loadAverage: [load0, loadAverage()],
    };
  } finally {
    await arrivals.catch(() => undefined);
    await bench.close();
  }
}

export async function runAnswering() {
  const texts = loadTexts();
  const rows: Row[] = [];
  const runs: Record<string, unknown> = {};
  for (const target of databaseTargets()) {
    progress(`answering: capacity (${target.dialect}), backlog ${fmt.int(BACKLOG)} + ${ARRIVALS_PER_S} events/s arriving`);
    let db = await target.create();
    let capacity: Awaited<ReturnType<typeof capacityOn>>;
    try {
      capacity = await capacityOn(db.url, texts);
    } finally {
      await db.cleanup();
    }
    const halfRate = Math.max(1, Math.floor(capacity.answeredPerSecond / 2));
    progress(`answering: end to end at half capacity, ${halfRate} events/s (${target.dialect})`);
    db = await target.create();
    let half: Awaited<ReturnType<typeof runE2eOn>>;
    try {
      half = await runE2eOn(db.url, texts, { rate: halfRate, seconds: HALF_RATE_SECONDS, sendPerMinute: SEND_PER_MINUTE });
    } finally {
      await db.cleanup();
    }
    runs[target.dialect] = { capacity, halfCapacity: half };
    const s = capacity.profileShare;
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    rows.push(
      {
        section: 'Answering',
        metric: `answered events/s, one process (${target.dialect})`,
        value: fmt.rate(capacity.answeredPerSecond, 'events/s'),
        note: `${SECONDS} s window, ${capacity.pendingLeft > 0 ? `backlog never ran dry (${fmt.int(capacity.pendingLeft)} left)` : 'the backlog ran dry: raise BENCH_ANSWERING_BACKLOG'} while ${capacity.arrivalsAchievedPerSecond} events/s arrived over HTTP (ack p99 ${fmt.ms(capacity.ackP99Ms)}); main thread had ${Math.round(capacity.mainThreadCpuShare * 100)}% of a core (load average ${capacity.loadAverage[0]})`,
      },
      {
        section: 'Answering',
        metric: `  per CPU-second of the main thread (${target.dialect})`,
        value: fmt.rate(capacity.eventsPerCpuSecond, 'events/s'),
        note: `${capacity.cpuMsPerEvent} ms of main-thread CPU per answered event, sends to the sandbox included: the rate with a core to itself`,
      },
      {
        section: 'Answering',
        metric: `  where the time goes (${target.dialect})`,
        value: `idle ${pct(s.idle)}`,
        note: `understanding ${pct(s.understanding)}, conversation and replies ${pct(s['conversation and replies'])}, database ${pct(s.database)}, HTTP ${pct(s['http and webhook'])}, GC ${pct(s['garbage collection'])}, other ${pct(s.other)} (V8 sampling profiler)`,
      },
      {
        section: 'Answering',
        metric: `  end to end at half capacity (${target.dialect})`,
        value: p50p99(half.latencyMs),
        note: `p50 / p99 at ${half.achievedRate} events/s for ${HALF_RATE_SECONDS} s; ${half.replied}/${half.events} answered; ack p99 ${fmt.ms(half.ackMs.p99)}`,
      },
    );
  }
  return {
    json: {
      method: `backlog of ${BACKLOG} text events from distinct residents stored directly, then the app with its workers while ${ARRIVALS_PER_S} signed events/s arrive over HTTP; answered/s over ${SECONDS} s after ${WARMUP_S} s warm-up, ZALO_SEND_PER_MINUTE=1,000,000; CPU profile of the window by category; then e2e at half the measured rate, with the same send limit`,
      runs,
    },
    rows,
  };
}
