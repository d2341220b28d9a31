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
# One file at a time: each starts its own server and browser, and the machines are small.
exec node --test --test-concurrency=1 "${tests[@]}"
