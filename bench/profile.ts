import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * Where the main thread's time goes, from V8's sampling CPU profiler (the same profiler as
 * `node --cpu-prof`, started in-process over the inspector so it covers only the measured window).
 * Each sample is charged to the first frame, from the leaf up, whose script says what it is: our
 * understanding code, our other code, the database drivers, HTTP, … Native frames (no script)
 * count for their caller. "idle" is the event loop waiting (for PostgreSQL, timers, sockets).
 */

export type Category = 'understanding' | 'conversation and replies' | 'database' | 'http and webhook' | 'garbage collection' | 'idle' | 'other';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

function categoryOfUrl(url: string): Category | undefined {
  if (!url) return undefined;
  if (/\/src\/(understanding|catalog)\//.test(url) || /node_modules\/minisearch\//.test(url)) return 'understanding';
  if (/\/src\/(store)\//.test(url) || /node_modules\/(kysely|better-sqlite3|pg|pg-protocol|pg-pool|pg-types)\//.test(url)) return 'database';
  if (/\/src\/(zalo\/(webhook-route|inbox-writer|signature|events|wire)|http)\b/.test(url) || /node_modules\/(express|router|body-parser|raw-body|helmet|zod)\//.test(url) || /^node:(_http|http|net)/.test(url)) return 'http and webhook';
  if (/\/src\//.test(url)) return 'conversation and replies';
  return undefined;
}

function categoryOfSpecial(name: string): Category | undefined {
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(idle)') return 'idle';
  return undefined;
}

/** Milliseconds per category (self time, charged as described above). */
export function summarizeProfile(profile: Profile): Record<Category, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const category = new Map<number, Category>();
  const walk = (node: ProfileNode, inherited: Category) => {
    const own = categoryOfSpecial(node.callFrame.functionName) ?? categoryOfUrl(node.callFrame.url) ?? inherited;
    category.set(node.id, own);
    for (const c of node.children ?? []) walk(byId.get(c)!, own);
  };
  walk(profile.nodes[0]!, 'other');
  const totals: Record<Category, number> = {
    understanding: 0,
    'conversation and replies': 0,
    database: 0,
    'http and webhook': 0,
    'garbage collection': 0,
    idle: 0,
    other: 0,
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) totals[category.get(samples[i]!) ?? 'other'] += (deltas[i] ?? 0) / 1000;
  return totals;
}

/** Starts the sampling profiler; `stop()` returns the per-category milliseconds. */
export async function startProfile(intervalUs = Number(process.env.BENCH_PROFILE_INTERVAL_US ?? 1000)) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
  await session.post('Profiler.start');
  return {
    async stop(): Promise<Record<Category, number>> {
      const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
      session.disconnect();
      // BENCH_CPUPROFILE=file.cpuprofile keeps the whole profile (open it in Chrome DevTools).
      if (process.env.BENCH_CPUPROFILE) writeFileSync(process.env.BENCH_CPUPROFILE, JSON.stringify(profile));
      return summarizeProfile(profile);
    },
  };
}
