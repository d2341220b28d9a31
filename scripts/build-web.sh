#!/usr/bin/env bash
# Builds the SPA into dist/ (release, offline), writes the precompressed .br/.gz files, prints
# what the app weighs and fails when it is over its budget (scripts/web-size.sh).
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

# The wasm is built for size, and only this build sees these settings: they would break the
# native workspace build, and a target dir of its own keeps the two builds from undoing each
# other's work. RUSTC_BOOTSTRAP lets the stable compiler take the unstable flags:
# - std is built from source with `optimize_for_size` and `-Cpanic=immediate-abort`, so no panic
#   message, location or formatting code is linked (a panic still stops the app, as before);
# - `--cfg erase_components` makes Leptos type-erase component views (one copy of the
#   rendering code per kind of view instead of one per closure);
# - LLVM does not inline for speed: each inlined copy is wasm a phone downloads (2 KiB less).
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components -Zunstable-options -Cpanic=immediate-abort -Cllvm-args=-inline-threshold=0"
export CARGO_TARGET_DIR="$ROOT/target/web"

toolchain="$(cat "$TOOLS/wasm-toolchain")"
if [ "${HALLPASS_WASM_FALLBACK:-0}" = 1 ] || [ "$toolchain" = debian ]; then
  # Debian's compiler and its std sources (rust-web-src) instead of rustup's.
  echo "==> wasm toolchain: Debian rustc-web with build-std"
  export RUSTC=/usr/bin/rustc
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-16
  export CARGO_TARGET_DIR="$ROOT/target/web-debian"
else
  echo "==> wasm toolchain: rustup's wasm32-unknown-unknown with build-std"
fi

# `--offline` keeps Trunk from downloading tools, and Cargo from downloading crates: fetch them.
echo "==> cargo fetch --target wasm32-unknown-unknown"
cargo fetch --target wasm32-unknown-unknown

echo "==> trunk build --release --offline"
trunk build --release --offline

# The server sends these as they are (crates/api/src/spa.rs): brotli at its best level is a
# quarter smaller than what a server compresses on the fly.
echo "==> precompress dist/ (.br quality 11, .gz level 9)"
node "$ROOT/scripts/precompress.mjs" dist

# Fails the build (and so CI) when the app outgrows crates/web/size-budget.
"$ROOT/scripts/web-size.sh" dist
