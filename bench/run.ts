import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { machineInfo, printTable, progress, type MachineInfo, type Row } from './stats.js';

/**
 * `npm run bench [-- NAME…]`: runs the benchmarks (all, or the named ones, in this order), prints
 * one table on stdout and writes bench/results.json. Figures are never judged: the exit status is
 * non-zero only when a benchmark crashed. Each benchmark runs in its own process, so memory
 * figures and garbage collection of one do not leak into the next.
 */

interface BenchOutput {
  json: unknown;
  rows: Row[];
}

const BENCHES: Record<string, () => Promise<BenchOutput>> = {
  search: async () => (await import('./search.js')).runSearch(),
  quality: async () => (await import('./quality.js')).runQuality(),
  webhook: async () => (await import('./webhook.js')).runWebhook(),
  e2e: async () => (await import('./e2e.js')).runE2e(),
  answering: async () => (await import('./answering.js')).runAnswering(),
  fanout: async () => (await import('./fanout.js')).runFanout(),
  fairness: async () => (await import('./fairness.js')).runFairness(),
  communes: async () => (await import('./communes.js')).runCommunes(),
};

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

interface ResultsFile {
  machine: MachineInfo;
  benches: Record<string, { ranAt: string; durationS: number; figures?: unknown; error?: string }>;
}

/** Sections from an earlier run are kept only if they came from the same kind of machine. */
function previousResults(machine: MachineInfo): ResultsFile['benches'] {
  if (!existsSync(RESULTS)) return {};
  try {
    const old = JSON.parse(readFileSync(RESULTS, 'utf8')) as ResultsFile;
    const same = old.machine?.cpuModel === machine.cpuModel && old.machine?.cpuCount === machine.cpuCount && old.machine?.node === machine.node;
    return same ? (old.benches ?? {}) : {};
  } catch {
    return {};
  }
}

/** Runs one benchmark in a child process (same node flags, so tsx loads TypeScript there too). */
function runIsolated(name: string): Promise<BenchOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', name], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        try {
          resolve(JSON.parse(out) as BenchOutput);
        } catch (err) {
          reject(new Error(`bench: ${name} printed no result (${(err as Error).message})`));
        }
      } else reject(new Error(`bench: ${name} exited with ${signal ?? `code ${code}`}`));
    });
  });
}

async function child(name: string): Promise<number> {
  const out = await BENCHES[name]!();
  process.stdout.write(JSON.stringify(out));
  return 0;
}

async function main(): Promise<number> {
  if (process.argv[2] === '--child' && process.argv[3] && process.argv[3] in BENCHES) return child(process.argv[3]);
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = args.filter((a) => !(a in BENCHES));
  if (unknown.length) {
    process.stderr.write(`bench: unknown benchmark(s) ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}\n`);
    return 2;
  }
  const selected = args.length ? Object.keys(BENCHES).filter((b) => args.includes(b)) : Object.keys(BENCHES);
  const machine = machineInfo();
  const results: ResultsFile = { machine, benches: previousResults(machine) };
  const rows: Row[] = [];
  let crashed = false;

  for (const name of selected) {
    const started = Date.now();
    progress(`${name}: start`);
    try {
      const out = await runIsolated(name);
      results.benches[name] = { ranAt: new Date(started).toISOString(), durationS: Math.round((Date.now() - started) / 100) / 10, figures: out.json };
      rows.push(...out.rows);
    } catch (err) {
      crashed = true;
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      progress(`${name}: CRASHED\n${message}`);
      results.benches[name] = { ranAt: new Date(started).toISOString(), durationS: Math.round((Date.now() - started) / 100) / 10, error: message };
      rows.push({ section: name, metric: 'crashed', value: '—', note: (err as Error).message?.split('\n')[0] ?? '' });
    }
    progress(`${name}: done in ${results.benches[name]!.durationS} s`);
    writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  }

  const header = `Machine: ${machine.cpuModel} × ${machine.cpuCount}, ${machine.totalMemoryGb} GB RAM, ${machine.os}, Node ${machine.node} — ${machine.date}`;
  process.stdout.write(`\n${header}\n\n${printTable(rows)}\n\nFull figures: bench/results.json\n`);
  return crashed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
