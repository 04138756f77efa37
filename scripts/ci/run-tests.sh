#!/usr/bin/env bash
# Runs a vitest command with a JSON report, then always prints the summary line
# ("N passed, N failed, N skipped") and exits non-zero on any failure, including a crash before
# vitest wrote its report, and tests that left the git work tree changed.
#
#   scripts/ci/run-tests.sh npm test --            (what .ci/run does)
#   scripts/ci/run-tests.sh npx vitest run test/x  (any vitest command line)
#
# The reporters are appended to the command. Output goes to $TEST_OUTPUT_DIR (default test-output/).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${TEST_OUTPUT_DIR:-test-output}"
mkdir -p "$out"
json="$out/vitest.json"
log="$out/test.log"
rm -f "$json"

in_git=false
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then in_git=true; fi
$in_git && git status --porcelain --untracked-files=all >"$out/git-status-before.txt"

"$@" --reporter=default --reporter=json "--outputFile.json=$json" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

dirty_args=()
if $in_git; then
  git status --porcelain --untracked-files=all >"$out/git-status-after.txt"
  # Only what the run itself changed counts; a developer's own uncommitted work is not the tests'.
  comm -13 <(sort "$out/git-status-before.txt") <(sort "$out/git-status-after.txt") >"$out/git-status-new.txt"
  dirty_args=(--dirty "$out/git-status-new.txt")
fi

node "$here/test-summary.mjs" "$json" "$status" "$log" "${dirty_args[@]}"
