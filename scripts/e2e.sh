#!/usr/bin/env bash
# Runs the browser tests (e2e/tests) against the real server and the built SPA.
# Build both first: `cargo build -p hallpass-api` and `scripts/build-web.sh`.
#   HALLPASS_BIN   the server binary (default target/debug/hallpass)
#   extra arguments go to `node --test`, e.g. `scripts/e2e.sh e2e/tests/sign-out.test.js`
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

HALLPASS_BIN="$(realpath -m "${HALLPASS_BIN:-target/debug/hallpass}")"
export HALLPASS_BIN
export HALLPASS_WEB_DIR="$ROOT/dist"

if [ ! -x "$HALLPASS_BIN" ]; then
  echo "No server binary at $HALLPASS_BIN; build it (cargo build -p hallpass-api) or set HALLPASS_BIN." >&2
  exit 1
fi
if [ ! -f "$HALLPASS_WEB_DIR/index.html" ]; then
  echo "No SPA in $HALLPASS_WEB_DIR; build it with scripts/build-web.sh." >&2
  exit 1
fi

"$ROOT/scripts/setup-web.sh" e2e

tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
  tests=(e2e/tests/)
fi
files=()
for t in "${tests[@]}"; do
  if [ -d "$t" ]; then files+=("$t"/*.test.js); else files+=("$t"); fi
done
# One file at a time: each starts its own server and browser, and the machines are small.
# A file that fails runs once more and is named at the end, so a flaky test stays visible
# while a real failure, which fails twice, still fails the suite.
retried=()
failed=()
for file in "${files[@]}"; do
  node --test "$file" && continue
  echo "==> $file failed; running it once more" >&2
  retried+=("$file")
  node --test "$file" || failed+=("$file")
done
if [ ${#retried[@]} -gt 0 ]; then
  echo "==> FLAKY: failed once, then ran again: ${retried[*]}"
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "==> FAILED twice: ${failed[*]}" >&2
  exit 1
fi
echo "==> ${#files[@]} browser test files passed"
