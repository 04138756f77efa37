import { readFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';

/** Summary of a list of samples (milliseconds unless said otherwise). */
export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of already sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    mean: round(mean),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? NaN),
  };
}

/** Three significant decimals at most, so results.json stays readable. */
export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export const MB = 1024 * 1024;
export const toMb = (bytes: number) => round(bytes / MB, 1);

/** Progress for the human watching: stderr, so stdout stays the table. */
export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let gcFn: (() => void) | undefined;
/**
 * A full garbage collection, so heap figures are what is retained rather than garbage not yet
 * collected. Works without `--expose-gc` on the command line (tsx starts node for us).
 */
export function collectGarbage(): void {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
  gcFn();
}

/** Samples process memory every `everyMs`, keeping the peaks. */
export function startMemorySampler(everyMs = 100) {
  const peak = { rss: 0, heapUsed: 0, external: 0 };
  const start = process.memoryUsage();
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.external = Math.max(peak.external, m.external + m.arrayBuffers);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return {
        startRssMb: toMb(start.rss),
        startHeapUsedMb: toMb(start.heapUsed),
        peakRssMb: toMb(peak.rss),
        peakHeapUsedMb: toMb(peak.heapUsed),
        peakExternalMb: toMb(peak.external),
      };
    },
  };
}

export interface MachineInfo {
  cpuModel: string;
  cpuCount: number;
  totalMemoryGb: number;
  os: string;
  node: string;
  date: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryGb: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** One line of the printed table: what was measured, the figure, and how to read it. */
export interface Row {
  section: string;
  metric: string;
  value: string;
  note?: string;
}

export function printTable(rows: readonly Row[]): string {
  const widths = [0, 0, 0];
  for (const r of rows) {
    widths[0] = Math.max(widths[0]!, r.section.length);
    widths[1] = Math.max(widths[1]!, r.metric.length);
    widths[2] = Math.max(widths[2]!, r.value.length);
  }
  const line = (a: string, b: string, c: string, d: string) =>
    `${a.padEnd(widths[0]!)}  ${b.padEnd(widths[1]!)}  ${c.padStart(widths[2]!)}${d ? `  ${d}` : ''}`;
  const out: string[] = [];
  let last = '';
  for (const r of rows) {
    if (r.section !== last && last !== '') out.push('');
    out.push(line(r.section === last ? '' : r.section, r.metric, r.value, r.note ?? ''));
    last = r.section;
  }
  return out.join('\n');
}

/** Formatting for the table. */
export const fmt = {
  ms: (x: number) => (!Number.isFinite(x) ? 'n/a' : x < 1 ? `${x.toFixed(3)} ms` : x < 100 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`),
  s: (x: number) => (!Number.isFinite(x) ? 'n/a' : `${x.toFixed(1)} s`),
  mb: (x: number) => `${x.toFixed(1)} MB`,
  pct: (x: number) => `${x.toFixed(1)}%`,
  rate: (x: number, unit: string) => `${x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1)} ${unit}`,
  int: (x: number) => Math.round(x).toLocaleString('en-US'),
};

/** "p50 / p99" in one cell. */
export function p50p99(s: Summary): string {
  return `${fmt.ms(s.p50)} / ${fmt.ms(s.p99)}`;
}

/**
 * CPU time of this process's main thread so far (ms): what the event loop really got, whatever
 * else the machine runs. Linux /proc (clock ticks of 10 ms); elsewhere the whole process's time.
 */
export function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state is field 3, utime 14, stime 15 → indices 11 and 12 here.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

/** The machine's 1-minute load average (other work sharing the CPUs while a figure was taken). */
export function loadAverage(): number {
  return round(os.loadavg()[0] ?? NaN, 1);
}
