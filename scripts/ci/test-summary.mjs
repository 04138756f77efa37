#!/usr/bin/env node
// Prints the closing "N passed, N failed, N skipped" line of a test run, whatever happened:
// from vitest's JSON report when there is one, and "0 passed, 1 failed" with the reason when the
// run ended before vitest wrote it (a type error in pretest, a crash while loading). Exits
// non-zero when anything failed, so CI fails with the line printed.
//
//   node scripts/ci/test-summary.mjs <vitest.json> <exit code of the test command> [<log file>] [--dirty <file>]
//
// --dirty names a file listing work-tree changes the tests left behind (git status --porcelain
// lines); each counts as a failure, since tests must never rewrite tracked files.
import { existsSync, readFileSync } from 'node:fs';

const [jsonPath, exitArg, logPath, ...rest] = process.argv.slice(2);
const exitCode = Number(exitArg ?? 1);
const dirtyIndex = rest.indexOf('--dirty');
const dirtyFile = dirtyIndex >= 0 ? rest[dirtyIndex + 1] : undefined;

function readReport(path) {
  if (!path || !existsSync(path)) return undefined;
  try {
    const report = JSON.parse(readFileSync(path, 'utf8'));
    return typeof report.numPassedTests === 'number' ? report : undefined;
  } catch {
    return undefined;
  }
}

/** The last lines of the run's output that look like the reason it stopped. */
function reasonFromLog(path) {
  if (!path || !existsSync(path)) return [];
  const lines = readFileSync(path, 'utf8').replace(/\x1b\[[0-9;]*m/g, '').split('\n').map((l) => l.trimEnd()).filter(Boolean);
  const errors = lines.filter((l) => /error|Error|ERR!|failed|Cannot|not found/.test(l));
  return (errors.length > 0 ? errors : lines).slice(-8);
}

const report = readReport(jsonPath);
const reasons = [];
let passed = 0;
let failed = 0;
let skipped = 0;
if (report) {
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that fails to load has no failed test in it: count the file.
  const brokenFiles = (report.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).every((a) => a.status !== 'failed'));
  for (const f of brokenFiles) reasons.push(`test file did not run: ${f.name}${f.message ? `: ${f.message.split('\n')[0]}` : ''}`);
  failed += brokenFiles.length;
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    reasons.push(`the test command exited with code ${exitCode} although every test passed (unhandled errors?)`);
    reasons.push(...reasonFromLog(logPath));
  }
} else {
  failed = 1;
  reasons.push(
    exitCode === 0
      ? `the test command exited 0 but wrote no results to ${jsonPath}`
      : `the test command exited with code ${exitCode} before vitest wrote ${jsonPath}`,
  );
  reasons.push(...reasonFromLog(logPath));
}
if (dirtyFile && existsSync(dirtyFile)) {
  const dirty = readFileSync(dirtyFile, 'utf8').split('\n').filter(Boolean);
  if (dirty.length > 0) {
    failed += 1;
    reasons.push(`the tests changed the work tree (they must write only to ignored folders such as test-output/):`);
    reasons.push(...dirty.map((l) => `  ${l}`));
  }
}
for (const r of reasons) console.log(`reason: ${r}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || exitCode !== 0 ? 1 : 0);
