import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '../src/store/database.js';
import { benchUserId, closeWithin, databaseTargets, signedText, startBenchApp } from './server.js';
import { fmt, p50p99, progress, round, sleep, startMemorySampler, summarize, type Row } from './stats.js';

/**
 * Fan-out: one announcement to many subscribers (50,000 by default), delivered through the Zalo
 * sandbox. Followers and subscriptions are seeded directly; the announcement is inserted as
 * scheduled and the real scheduler, fan-out task and outbox do the rest.
 */

const SUBSCRIBERS = Number(process.env.BENCH_FANOUT_SUBSCRIBERS ?? 50_000);
/** The config's maximum, so the system's own limit shows rather than the limiter's. */
const SEND_PER_MINUTE = Number(process.env.BENCH_FANOUT_SEND_PER_MINUTE ?? 1_000_000);
const TIMEOUT_S = Number(process.env.BENCH_FANOUT_TIMEOUT_S ?? 900);
const TOPIC = 'cai-cach-hanh-chinh';
/** The limiter check: the default limit, a short bounded run. */
const CHECK_LIMIT = 600;
const CHECK_SUBSCRIBERS = 1_000;
const CHECK_SECONDS = 20;

export async function seed(database: Database, count: number, run: string): Promise<void> {
  const at = new Date().toISOString();
  for (let i = 0; i < count; i += 500) {
    const ids = Array.from({ length: Math.min(500, count - i) }, (_, k) => `9${run}${String(i + k).padStart(12, '0')}`); // 19 digits
    await database.db.transaction().execute(async (tx) => {
      await tx.insertInto('zalo_users').values(ids.map((user_id) => ({ user_id, following: 1, last_interaction_at: at, state: null, state_updated_at: null, created_at: at }))).execute();
      await tx.insertInto('subscriptions').values(ids.map((user_id) => ({ user_id, topic: TOPIC, active: 1, updated_at: at }))).execute();
    });
  }
}

/** `communeId`: the commune whose followers get it; without it, the app adopts it at start (see startApp). */
export async function scheduleAnnouncement(database: Database, at: Date, communeId?: string): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await database.db
    .insertInto('announcements')
    .values({
      id, title: 'Lịch tiếp công dân tháng 12', summary: 'Chủ tịch UBND xã tiếp công dân sáng thứ Năm hằng tuần tại Bộ phận Một cửa.', body: 'Chi tiết.',
      topic: TOPIC, link_url: null, image_url: null, status: 'scheduled', author_id: 'bench', approver_id: 'bench', reject_reason: null,
      scheduled_at: at.toISOString(), published_at: null, fanout_lease_until: null, created_at: now, updated_at: now,
      ...(communeId ? { commune_id: communeId } : {}),
    })
    .execute();
  return id;
}

/** Seeds, schedules, runs the app until every subscriber got the news (or `limitS` passes). */
async function fanOut(databaseUrl: string, subscribers: number, sendPerMinute: number, limitS: number, untilQueued = false) {
  const database = await openDatabase(databaseUrl);
  const run = String(Date.now() % 1e6).padStart(6, '0');
  try {
    let t = Date.now();
    await seed(database, subscribers, run);
    const seedS = (Date.now() - t) / 1000;
    // The app is up before the announcement is due: its start-up (content, model, migrations) is
    // not part of the time to queue.
    const app = await startBenchApp(databaseUrl, { ZALO_SEND_PER_MINUTE: String(sendPerMinute), NEWS_SEND_HOURS: '0-24' });
    // The seeded followers were given to the first commune when the app started; so is the news.
    const follower = await database.db.selectFrom('zalo_users').select('commune_id').where('user_id', '=', `9${run}${'0'.repeat(12)}`).executeTakeFirstOrThrow();
    const scheduledAt = new Date(Date.now() + 1000);
    const id = await scheduleAnnouncement(database, scheduledAt, follower.commune_id ?? undefined);
    const memory = startMemorySampler();
    const users = new Set<string>();
    const subscriberPrefix = `9${run}`;
    let received = 0;
    let firstAt = 0;
    let lastAt = 0;
    let fannedOutAt = 0;
    // The sandbox keeps every message it records; drain it so its memory is not counted as the app's.
    const drain = setInterval(() => {
      for (const m of app.sandbox.sent) {
        if (!m.userId.startsWith(subscriberPrefix)) continue; // the probes' own replies
        received++;
        users.add(m.userId);
        if (!firstAt) firstAt = m.at;
        lastAt = Math.max(lastAt, m.at);
      }
      app.sandbox.clearRecords();
    }, 100);
    // A resident writing during the fan-out: how long does Zalo wait for the webhook's 200?
    const acks: number[] = [];
    let probes = 0;
    const probe = setInterval(() => {
      const signed = signedText(app, benchUserId(run, 900_000 + probes), 'thủ tục đăng ký khai sinh cần giấy tờ gì', `probe${run}${probes++}`);
      const t0 = Date.now();
      fetch(`${app.url}/webhooks/zalo`, { method: 'POST', headers: signed.headers, body: signed.body, signal: AbortSignal.timeout(30_000) }).then(
        (res) => res.arrayBuffer().then(() => void acks.push(Date.now() - t0)),
        () => void acks.push(30_000),
      );
    }, 250);
    try {
      const deadline = Date.now() + limitS * 1000;
      let lastReport = Date.now();
      while (users.size < subscribers && Date.now() < deadline && !(untilQueued && fannedOutAt)) {
        await sleep(250);
        if (!fannedOutAt) {
          const a = await database.db.selectFrom('announcements').select('status').where('id', '=', id).executeTakeFirstOrThrow();
          if (a.status === 'sent') fannedOutAt = Date.now();
        }
        if (Date.now() - lastReport > 10_000) {
          progress(`fanout: ${fmt.int(users.size)}/${fmt.int(subscribers)} received${fannedOutAt ? ' (fan-out done)' : ''}`);
          lastReport = Date.now();
        }
      }
      await sleep(300);
      t = scheduledAt.getTime();
      const rate = received > 1 && lastAt > firstAt ? (received - 1) / ((lastAt - firstAt) / 1000) : NaN;
      return {
        subscribers,
        seedS: round(seedS, 1),
        received: users.size,
        duplicates: received - users.size,
        complete: users.size === subscribers,
        /** Scheduled time → announcement 'sent' (every delivery created and queued in the outbox). */
        fanoutS: fannedOutAt ? round((fannedOutAt - t) / 1000, 1) : null,
        /** Scheduled time → the sandbox recorded the last message. */
        allReceivedS: users.size === subscribers ? round((lastAt - t) / 1000, 1) : null,
        firstSendAfterS: firstAt ? round((firstAt - t) / 1000, 1) : null,
        sendsPerSecond: round(rate, 1),
        configuredPerSecond: round(sendPerMinute / 60, 1),
        sendPerMinute,
        memory: memory.stop(),
        /** Acknowledgement time of a signed text event posted every 250 ms during the run. */
        webhookAckDuringMs: summarize(acks),
      };
    } finally {
      clearInterval(drain);
      clearInterval(probe);
      await closeWithin(app, 60_000);
    }
  } finally {
    await database.close();
  }
}

async function withFreshDatabase<T>(target: ReturnType<typeof databaseTargets>[number], use: (url: string) => Promise<T>): Promise<T> {
  const db = await target.create();
  try {
    return await use(db.url);
  } finally {
    await db.cleanup();
  }
}

export async function runFanout() {
  const runs: Record<string, Awaited<ReturnType<typeof fanOut>>> = {};
  const queuedAtDefault: Record<string, number | null> = {};
  const rows: Row[] = [];
  for (const target of databaseTargets()) {
    progress(`fanout: ${fmt.int(SUBSCRIBERS)} subscribers, ZALO_SEND_PER_MINUTE=${SEND_PER_MINUTE} (${target.dialect})`);
    const f = await withFreshDatabase(target, (url) => fanOut(url, SUBSCRIBERS, SEND_PER_MINUTE, TIMEOUT_S));
    runs[target.dialect] = f;
    const label = `${fmt.int(f.subscribers)} subscribers (${target.dialect})`;
    // The same announcement at the default per-app limit, as an OA sends in practice: how long
    // queueing takes when the outbox is not also sending thousands per second meanwhile.
    const paced = await withFreshDatabase(target, (url) => fanOut(url, SUBSCRIBERS, CHECK_LIMIT, TIMEOUT_S, true));
    queuedAtDefault[target.dialect] = paced.fanoutS;
    rows.push(
      { section: 'Fan-out', metric: `${label}: queued, sending at the default ${CHECK_LIMIT}/min`, value: paced.fanoutS === null ? 'n/a' : fmt.s(paced.fanoutS), note: 'scheduled time → every delivery created and queued; a separate run' },
      { section: 'Fan-out', metric: `${label}: all received`, value: f.allReceivedS === null ? `${fmt.int(f.received)} in ${TIMEOUT_S} s` : fmt.s(f.allReceivedS), note: `from the scheduled time; deliveries queued after ${f.fanoutS === null ? 'n/a' : fmt.s(f.fanoutS)}; ${f.duplicates} duplicates` },
      { section: 'Fan-out', metric: `${label}: sends/s`, value: fmt.rate(f.sendsPerSecond, '/s'), note: `configured limit ${fmt.int(f.sendPerMinute)}/min = ${fmt.int(f.configuredPerSecond)}/s` },
      { section: 'Fan-out', metric: `${label}: webhook ack meanwhile`, value: p50p99(f.webhookAckDuringMs), note: `p50 / p99 of ${f.webhookAckDuringMs.n} resident messages posted every 250 ms; max ${fmt.ms(f.webhookAckDuringMs.max)}` },
      { section: 'Fan-out', metric: `${label}: peak memory`, value: `${fmt.mb(f.memory.peakRssMb)} RSS`, note: `heap ${fmt.mb(f.memory.peakHeapUsedMb)}; RSS ${fmt.mb(f.memory.startRssMb)} when the app started; whole bench process, sandbox drained every 100 ms` },
    );
  }

  progress(`fanout: limiter check, ${CHECK_SUBSCRIBERS} subscribers at the default ${CHECK_LIMIT}/min for ${CHECK_SECONDS} s`);
  const check = await withFreshDatabase(databaseTargets()[0]!, (url) => fanOut(url, CHECK_SUBSCRIBERS, CHECK_LIMIT, CHECK_SECONDS));
  rows.push({ section: 'Fan-out', metric: `limiter check (default ${CHECK_LIMIT}/min, ${CHECK_SECONDS} s)`, value: fmt.rate(check.sendsPerSecond, '/s'), note: `limit ${CHECK_LIMIT / 60}/s (+ a burst of ${Math.ceil(CHECK_LIMIT / 60)}); ${check.received} sent in the window` });
  return {
    json: {
      method: 'followers + subscriptions seeded directly, one announcement scheduled 1 s ahead, real scheduler/fan-out/outbox against the in-process sandbox, NEWS_SEND_HOURS=0-24; memory sampled every 100 ms',
      runs,
      queuedAtDefaultLimitS: queuedAtDefault,
      limiterCheck: check,
    },
    rows,
  };
}
