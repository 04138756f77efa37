import { openDatabase } from '../src/store/database.js';
import { seed, scheduleAnnouncement } from './fanout.js';
import { loadTexts } from './questions.js';
import { benchUserId, closeWithin, databaseTargets, signedText, startBenchApp } from './server.js';
import { fmt, p50p99, progress, round, sleep, summarize, type Row } from './stats.js';

/**
 * Fairness: while a 50,000-subscriber announcement is being sent at Zalo's per-app ceiling
 * (4,000 calls a minute, so the rate limiter is the bottleneck for twelve minutes), residents who
 * never subscribed write in at a steady rate; how long until each gets the first message of the
 * answer? The announcement is the first commune's (its 50,000 followers); the residents write to
 * the second commune's OA, as another commune's residents would.
 */

const SUBSCRIBERS = Number(process.env.BENCH_FAIRNESS_SUBSCRIBERS ?? 50_000);
const SEND_PER_MINUTE = Number(process.env.BENCH_FAIRNESS_SEND_PER_MINUTE ?? 4_000);
const RATE = Number(process.env.BENCH_FAIRNESS_RATE ?? 5);
const SECONDS = Number(process.env.BENCH_FAIRNESS_SECONDS ?? 20);
const REPLY_DEADLINE_MS = 60_000;

async function runOn(databaseUrl: string, texts: string[]) {
  const run = String(Date.now() % 1e6).padStart(6, '0');
  const database = await openDatabase(databaseUrl);
  try {
    await seed(database, SUBSCRIBERS, run);
    const scheduledAt = new Date(Date.now() + 1000);
    const id = await scheduleAnnouncement(database, scheduledAt);
    const app = await startBenchApp(databaseUrl, { ZALO_SEND_PER_MINUTE: String(SEND_PER_MINUTE), NEWS_SEND_HOURS: '0-24' });
    const subscriberPrefix = `9${run}`;
    // The bundled default has two communes: the announcement is the first's, the residents write to the second.
    const otherOa = app.communes.loaded[1]?.oaId ?? app.sandbox.oaId;
    const postedAt = new Map<string, number>();
    const repliedAt = new Map<string, number>();
    let newsSent = 0;
    let newsDuringProbes = 0;
    let probing = false;
    // Drain the sandbox's records (50,000 news would otherwise pile up in this process).
    const drain = setInterval(() => {
      for (const m of app.sandbox.sent) {
        if (m.userId.startsWith(subscriberPrefix)) {
          newsSent++;
          if (probing) newsDuringProbes++;
        } else if (postedAt.has(m.userId) && !repliedAt.has(m.userId)) repliedAt.set(m.userId, m.at);
      }
      app.sandbox.clearRecords();
    }, 5);
    try {
      // Wait until the whole fan-out is queued and the news is going out.
      const queuedBy = Date.now() + 120_000;
      for (;;) {
        const a = await database.db.selectFrom('announcements').select('status').where('id', '=', id).executeTakeFirstOrThrow();
        if (a.status === 'sent' && newsSent > 0) break;
        if (Date.now() > queuedBy) throw new Error('bench: the fan-out was not queued within 120 s');
        await sleep(100);
      }
      const pendingNews = async () =>
        Number((await database.db.selectFrom('outbound_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('purpose', '=', 'news').where('status', '=', 'pending').executeTakeFirstOrThrow()).n);
      const backlogBefore = await pendingNews();
      probing = true;
      const started = Date.now();
      const total = RATE * SECONDS;
      let failed = 0;
      const posts: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / RATE;
        if (due > Date.now()) await sleep(due - Date.now());
        const user = benchUserId(run, 700_000 + i);
        const signed = signedText(app, user, texts[i % texts.length]!, `fair${run}${i}`, otherOa);
        postedAt.set(user, Date.now());
        posts.push(
          fetch(`${app.url}/webhooks/zalo`, { method: 'POST', headers: signed.headers, body: signed.body, signal: AbortSignal.timeout(10_000) }).then(
            async (res) => void (await res.arrayBuffer(), res.status !== 200 && failed++),
            () => void failed++,
          ),
        );
      }
      await Promise.all(posts);
      const deadline = Date.now() + REPLY_DEADLINE_MS;
      while (repliedAt.size < total && Date.now() < deadline) await sleep(20);
      const probeSeconds = (Date.now() - started) / 1000;
      probing = false;
      const backlogAfter = await pendingNews();
      const latencies = [...repliedAt].map(([user, at]) => at - postedAt.get(user)!);
      return {
        subscribers: SUBSCRIBERS,
        sendPerMinute: SEND_PER_MINUTE,
        residents: total,
        rate: RATE,
        replied: repliedAt.size,
        failedPosts: failed,
        latencyMs: summarize(latencies),
        newsSentPerSecondMeanwhile: round(newsDuringProbes / probeSeconds, 1),
        newsPendingBefore: backlogBefore,
        newsPendingAfter: backlogAfter,
      };
    } finally {
      clearInterval(drain);
      await closeWithin(app, 60_000);
    }
  } finally {
    await database.close();
  }
}

export async function runFairness() {
  const texts = loadTexts();
  const rows: Row[] = [];
  const runs: Record<string, Awaited<ReturnType<typeof runOn>>> = {};
  for (const target of databaseTargets()) {
    progress(`fairness: ${fmt.int(SUBSCRIBERS)}-subscriber fan-out at ${fmt.int(SEND_PER_MINUTE)}/min, residents writing at ${RATE}/s (${target.dialect})`);
    const db = await target.create();
    try {
      const f = await runOn(db.url, texts);
      runs[target.dialect] = f;
      rows.push({
        section: 'Fairness',
        metric: `reply during a ${fmt.int(f.subscribers)}-subscriber fan-out (${target.dialect})`,
        value: p50p99(f.latencyMs),
        note: `p50 / p99, event → first reply message; ${f.replied}/${f.residents} answered at ${f.rate}/s; news meanwhile ${f.newsSentPerSecondMeanwhile}/s (limit ${fmt.int(f.sendPerMinute)}/min), ${fmt.int(f.newsPendingAfter)} news still queued`,
      });
    } finally {
      await db.cleanup();
    }
  }
  return {
    json: {
      method: `${fmt.int(SUBSCRIBERS)} followers subscribed and an announcement scheduled (as in the fan-out benchmark); once it is queued and going out at ZALO_SEND_PER_MINUTE=${SEND_PER_MINUTE}, ${RATE} signed text events/s from non-subscribers for ${SECONDS} s; latency to the sandbox's record of the first reply. The residents write to the second commune's OA.`,
      runs,
    },
    rows,
  };
}
