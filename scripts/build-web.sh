#!/usr/bin/env bash
# Builds the SPA into dist/ (release, offline) and prints the size of its wasm.
# Installs the build tools first when they are missing (scripts/setup-web.sh build).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
export PATH="$TOOLS/bin:$HOME/.cargo/bin:$PATH"
cd "$ROOT"

"$ROOT/scripts/setup-web.sh" build

# Trunk refuses a wasm-bindgen CLI that differs from its [tools] pin, and the CLI must match the
# crate in Cargo.lock; say so plainly when a dependency update moved the crate.
locked="$(awk '$0 == "name = \"wasm-bindgen\"" { found = 1; next }
  found && /^version = / { gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
pinned="$(sed -n 's/^wasm_bindgen = "\(.*\)"/\1/p' Trunk.toml)"
if [ "$locked" != "$pinned" ]; then
  echo "Trunk.toml pins wasm_bindgen = \"$pinned\" but Cargo.lock has wasm-bindgen $locked;" \
    "update Trunk.toml and rerun." >&2
  exit 1
fi

toolchain="$(cat "$TOOLS/wasm-toolchain")"
if [ "${HALLPASS_WASM_FALLBACK:-0}" = 1 ] || [ "$toolchain" = debian ]; then
  # Debian's compiler with std built from source. Only this build sees these settings: they
  # would break the native workspace build, and its own target dir keeps the two apart.
  echo "==> wasm toolchain: Debian rustc-web with build-std"
  export RUSTC=/usr/bin/rustc
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-16
  export CARGO_TARGET_DIR="$ROOT/target/wasm-debian"
else
  echo "==> wasm toolchain: rustup's wasm32-unknown-unknown"
fi

# `--offline` keeps Trunk from downloading tools, and Cargo from downloading crates: fetch them.
echo "==> cargo fetch --target wasm32-unknown-unknown"
cargo fetch --target wasm32-unknown-unknown

echo "==> trunk build --release --offline"
trunk build --release --offline

wasm="$(find dist -maxdepth 1 -name '*.wasm' | head -n 1)"
raw="$(stat -c %s "$wasm")"
gzipped="$(gzip -9 -c "$wasm" | wc -c)"
printf '==> %s: %d KiB raw, %d KiB gzipped\n' "$wasm" $((raw / 1024)) $((gzipped / 1024))
