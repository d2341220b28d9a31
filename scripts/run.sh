#!/usr/bin/env bash
# Builds the SPA and the server, then runs the whole product on SQLite with the demo school.
# Installs the build tools first when they are missing. Prints the address and the sign-ins.
#   HALLPASS_BIND (default 127.0.0.1:8080), HALLPASS_DATA_DIR (default ./data), and every
#   other HALLPASS_* variable in the README apply.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/.tools/bin:$HOME/.cargo/bin:$PATH"

scripts/build-web.sh
echo "==> cargo build --release -p hallpass-api"
cargo build --release --locked -p hallpass-api
export HALLPASS_WEB_DIR="$ROOT/dist"
exec target/release/hallpass serve --demo --simulate "$@"
