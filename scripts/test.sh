#!/usr/bin/env bash
# The whole test suite, on a fresh machine too: installs what is missing, then runs
# formatting, clippy, unit and HTTP tests on SQLite and PostgreSQL, the OpenAPI checks,
# the SPA build and the browser tests. Stops at the first failure.
#
#   HALLPASS_TEST_POSTGRES_URL   the PostgreSQL server for the tests
#                                (default postgres://postgres@127.0.0.1:5432; required)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/.tools/bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
PG_URL="${HALLPASS_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
started=$SECONDS

step() { printf '\n==> [%4ss] %s\n' $((SECONDS - started)) "$*"; }

step "toolchain: rustfmt and clippy"
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

step "PostgreSQL at $PG_URL (required: a missing server fails the suite)"
if ! pg_isready -q -d "$PG_URL/postgres" 2>/dev/null; then
  # A machine whose server is installed but stopped: start it, as the machine image does.
  if command -v pg_ctlcluster >/dev/null && ls /etc/postgresql >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
    sleep 2
  fi
fi
if ! pg_isready -d "$PG_URL/postgres"; then
  echo "PostgreSQL is not reachable at $PG_URL; the suite needs it (set HALLPASS_TEST_POSTGRES_URL)." >&2
  exit 1
fi

step "OpenAPI validator (PyPI openapi-spec-validator, in .tools/venv)"
if [ ! -x .tools/venv/bin/openapi-spec-validator ]; then
  python3 -m venv .tools/venv
  .tools/venv/bin/pip install --quiet --disable-pip-version-check openapi-spec-validator
fi

step "web toolchain (wasm target, trunk, wasm-bindgen, wasm-opt, chromium, playwright)"
scripts/setup-web.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -D warnings (server and shared crate)"
cargo clippy --all-targets --locked -- -D warnings

step "cargo clippy for the SPA (wasm32)"
if [ "$(cat .tools/wasm-toolchain 2>/dev/null)" = rustup ]; then
  cargo clippy -p hallpass-web --target wasm32-unknown-unknown --locked -- -D warnings
else
  echo "SKIPPED: Debian's wasm toolchain has no clippy; the SPA is still built and tested below."
fi

step "cargo test: unit, HTTP on SQLite and PostgreSQL, binary, OpenAPI drift, schema drift"
HALLPASS_TEST_POSTGRES_URL="$PG_URL" cargo test --workspace --locked

step "openapi.yaml is valid OpenAPI 3.1"
.tools/venv/bin/openapi-spec-validator openapi.yaml

step "build the SPA"
scripts/build-web.sh

step "browser tests (Playwright + Chromium)"
cargo build -p hallpass-api --locked
scripts/e2e.sh

step "all checks passed in $((SECONDS - started))s"
