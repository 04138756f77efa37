import { loadTexts } from './questions.js';
import { benchUserId, closeWithin, databaseTargets, signedText, startBenchApp } from './server.js';
import { fmt, p50p99, progress, sleep, startMemorySampler, summarize, type Row } from './stats.js';

/**
 * End to end: a signed text event in → the reply recorded by the Zalo sandbox, at a steady rate,
 * one new user per event. Latency = sandbox's record time of the first reply − time of the POST.
 */

const RATE = Number(process.env.BENCH_E2E_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_E2E_SECONDS ?? 15);
/** Zalo's own ceiling per app; the default (600) would measure the limiter, not the system. */
const SEND_PER_MINUTE = process.env.BENCH_E2E_SEND_PER_MINUTE ?? '4000';
const REPLY_DEADLINE_MS = 30_000;

/**
 * Posts `rate` events/s for `seconds` and waits for every reply (also used at half capacity, with
 * the capacity run's send limit: under Zalo's default per-app limit the replies of 100 events a
 * second queue behind the limiter, and the latency measured would be the limit's).
 */
export async function runE2eOn(databaseUrl: string, texts: string[], o: { rate: number; seconds: number; sendPerMinute?: string } = { rate: RATE, seconds: SECONDS }) {
  const { rate, seconds } = o;
  const sendPerMinute = o.sendPerMinute ?? SEND_PER_MINUTE;
  const app = await startBenchApp(databaseUrl, { ZALO_SEND_PER_MINUTE: sendPerMinute });
  const memory = startMemorySampler();
  const run = String(Date.now() % 1e6).padStart(6, '0');
  const total = rate * seconds;
  const postedAt = new Map<string, number>();
  const repliedAt = new Map<string, number>();
  const acks: number[] = [];
  let failedPosts = 0;
  let seen = 0;
  const watch = setInterval(() => {
    const sent = app.sandbox.sent;
    for (; seen < sent.length; seen++) {
      const m = sent[seen]!;
      if (postedAt.has(m.userId) && !repliedAt.has(m.userId)) repliedAt.set(m.userId, m.at);
    }
  }, 5);
  try {
    const started = Date.now();
    const posts: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      const user = benchUserId(run, i);
      const signed = signedText(app, user, texts[i % texts.length]!, `e2e${run}${i}`);
      const t0 = Date.now();
      postedAt.set(user, t0);
      posts.push(
        fetch(`${app.url}/webhooks/zalo`, { method: 'POST', headers: signed.headers, body: signed.body, signal: AbortSignal.timeout(10_000) }).then(
          async (res) => {
            await res.arrayBuffer();
            acks.push(Date.now() - t0);
            if (res.status !== 200) failedPosts++;
          },
          () => void failedPosts++,
        ),
      );
    }
    await Promise.all(posts);
    const sendingS = (Date.now() - started) / 1000;
    const deadline = Date.now() + REPLY_DEADLINE_MS;
    while (repliedAt.size < total && Date.now() < deadline) await sleep(20);
    const latencies = [...repliedAt].map(([user, at]) => at - postedAt.get(user)!);
    return {
      events: total,
      rate,
      achievedRate: Math.round((total / sendingS) * 10) / 10,
      sendPerMinute: Number(sendPerMinute),
      replied: repliedAt.size,
      failedPosts,
      messagesPerEvent: Math.round((app.sandbox.sent.length / total) * 100) / 100,
      latencyMs: summarize(latencies),
      ackMs: summarize(acks),
      memory: memory.stop(),
    };
  } finally {
    clearInterval(watch);
    await closeWithin(app);
  }
}

export async function runE2e() {
  const texts = loadTexts();
  const runs: Record<string, Awaited<ReturnType<typeof runE2eOn>>> = {};
  const rows: Row[] = [];
  for (const target of databaseTargets()) {
    progress(`e2e: ${RATE} events/s for ${SECONDS} s (${target.dialect})`);
    const db = await target.create();
    try {
      const f = await runE2eOn(db.url, texts);
      runs[target.dialect] = f;
      rows.push(
        { section: 'End to end', metric: `event → reply in sandbox (${target.dialect})`, value: p50p99(f.latencyMs), note: `p50 / p99; max ${fmt.ms(f.latencyMs.max)}; ${f.replied}/${f.events} answered at ${f.achievedRate} events/s, ${f.messagesPerEvent} messages each` },
        { section: 'End to end', metric: `  webhook ack during it (${target.dialect})`, value: p50p99(f.ackMs), note: `ZALO_SEND_PER_MINUTE=${f.sendPerMinute}; ${f.failedPosts} failed posts; peak RSS ${fmt.mb(f.memory.peakRssMb)}` },
      );
    } finally {
      await db.cleanup();
    }
  }
  return {
    json: {
      method: `${RATE} signed user_send_text events per second for ${SECONDS} s, a new user each, questions from both sets except the "news" intent; latency to the sandbox's record of the first reply`,
      runs,
    },
    rows,
  };
}
