#!/usr/bin/env bash
# Installs what the SPA build and the browser tests need, on Debian 12 with rustup, node/npm
# and gcc. Safe to run again: every step checks first and skips itself when already done.
#
#   scripts/setup-web.sh          everything
#   scripts/setup-web.sh build    only what `scripts/build-web.sh` needs (wasm target and std's
#                                 sources, trunk, wasm-bindgen, wasm-opt)
#   scripts/setup-web.sh e2e      only what `scripts/e2e.sh` needs (chromium, playwright-core)
#
# HALLPASS_WASM_FALLBACK=1 skips rustup's wasm32 target and uses Debian's wasm toolchain, the
# way a machine does whose rustup cannot download targets.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
# Which wasm toolchain the build uses: `rustup` or `debian` (read by build-web.sh).
WASM_TOOLCHAIN_FILE="$TOOLS/wasm-toolchain"
BINARYEN_VERSION=132
DEBIAN_WASM_PACKAGES=(rustc-web libstd-rust-web-dev rust-web-src lld-16)

export PATH="$TOOLS/bin:$HOME/.cargo/bin:$PATH"

say() { printf '==> %s\n' "$*"; }
skip() { printf '    %s\n' "$*"; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

debian_packages_installed() {
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || return 1
  done
}

# The version of a crate in Cargo.lock, so that the CLI matches the library exactly.
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { found = 1; next }
    found && /^version = / { gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock"
}

setup_wasm_target() {
  say "wasm32 target"
  mkdir -p "$TOOLS"
  if [ "${HALLPASS_WASM_FALLBACK:-0}" != 1 ]; then
    if rustup_wasm_target; then
      fetch_std_dependencies "$(rustc --print sysroot)" rustc
      echo rustup >"$WASM_TOOLCHAIN_FILE"
      return
    fi
    say "rustup could not add the target or std's sources; falling back to Debian's wasm toolchain"
  else
    say "HALLPASS_WASM_FALLBACK=1: using Debian's wasm toolchain"
  fi
  if debian_packages_installed "${DEBIAN_WASM_PACKAGES[@]}"; then
    skip "${DEBIAN_WASM_PACKAGES[*]} are installed"
  else
    apt_install "${DEBIAN_WASM_PACKAGES[@]}"
  fi
  fetch_std_dependencies "$(/usr/bin/rustc --print sysroot)" /usr/bin/rustc
  echo debian >"$WASM_TOOLCHAIN_FILE"
  skip "the web build will use /usr/bin/rustc with build-std and wasm-ld-16"
}

# rustup's wasm32 target and std's sources (the web build compiles std for size). Fails when
# rustup cannot download them.
rustup_wasm_target() {
  if [ "$(cat "$WASM_TOOLCHAIN_FILE" 2>/dev/null)" = debian ]; then
    # rustup failed here before; do not wait another minute on every build.
    skip "rustup could not add the target before (remove $WASM_TOOLCHAIN_FILE to try again)"
    return 1
  fi
  local installed
  installed="$(rustup component list --installed 2>/dev/null || true)"
  if grep -qx rust-std-wasm32-unknown-unknown <<<"$installed"; then
    skip "rustup's wasm32-unknown-unknown is installed"
  else
    say "rustup target add wasm32-unknown-unknown (60 s at most)"
    timeout 60 rustup target add wasm32-unknown-unknown || return 1
  fi
  if grep -qx rust-src <<<"$installed"; then
    skip "rustup's rust-src is installed"
  else
    say "rustup component add rust-src (120 s at most)"
    timeout 120 rustup component add rust-src || return 1
  fi
}

# build-std compiles std's own dependencies, which the offline build cannot download.
fetch_std_dependencies() {
  local sysroot="$1" compiler="$2" std_manifest
  std_manifest="$sysroot/lib/rustlib/src/rust/library/Cargo.toml"
  if RUSTC="$compiler" RUSTC_BOOTSTRAP=1 cargo fetch --locked --offline --manifest-path "$std_manifest" \
    >/dev/null 2>&1; then
    skip "std's dependencies are downloaded"
  else
    say "cargo fetch std's dependencies ($std_manifest)"
    RUSTC="$compiler" RUSTC_BOOTSTRAP=1 cargo fetch --locked --manifest-path "$std_manifest"
  fi
}

setup_trunk() {
  say "trunk"
  local installer
  installer="$(pgrep -f 'cargo install --locked trunk' || true)"
  if [ -n "$installer" ] && ! command -v trunk >/dev/null; then
    say "waiting for the trunk install already running (pid $installer)"
    while pgrep -f 'cargo install --locked trunk' >/dev/null; do sleep 5; done
  fi
  if command -v trunk >/dev/null; then
    skip "$(trunk --version) is installed"
    return
  fi
  say "cargo install --locked trunk --version '~0.21' (several minutes)"
  cargo install --locked trunk --version '~0.21'
}

setup_wasm_bindgen() {
  say "wasm-bindgen-cli"
  local version
  version="$(locked_version wasm-bindgen)"
  if [ -z "$version" ]; then
    echo "Cargo.lock names no wasm-bindgen version" >&2
    exit 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $version" ]; then
    skip "wasm-bindgen $version is installed"
    return
  fi
  # Not --locked: the CLI's own lock file names a crate version the registry no longer serves.
  say "cargo install wasm-bindgen-cli --version $version"
  cargo install --force wasm-bindgen-cli --version "$version"
}

setup_wasm_opt() {
  say "wasm-opt (npm binaryen@$BINARYEN_VERSION; Debian's binaryen is too old)"
  if "$TOOLS/bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION\b"; then
    skip "$("$TOOLS/bin/wasm-opt" --version) is installed in $TOOLS/bin"
    return
  fi
  mkdir -p "$TOOLS/binaryen" "$TOOLS/bin"
  say "npm install binaryen@$BINARYEN_VERSION into $TOOLS/binaryen"
  npm install --prefix "$TOOLS/binaryen" --no-audit --no-fund --save-exact "binaryen@$BINARYEN_VERSION"
  ln -sf ../binaryen/node_modules/.bin/wasm-opt "$TOOLS/bin/wasm-opt"
  "$TOOLS/bin/wasm-opt" --version
}

setup_chromium() {
  say "chromium"
  if [ -x /usr/bin/chromium ]; then
    skip "$(/usr/bin/chromium --version 2>/dev/null || echo chromium) is installed"
    return
  fi
  apt_install chromium fonts-dejavu-core
}

setup_playwright() {
  say "playwright-core (e2e/node_modules)"
  local installed wanted
  installed="$(node -p 'require("./e2e/node_modules/playwright-core/package.json").version' 2>/dev/null || true)"
  wanted="$(node -p 'require("./e2e/package-lock.json").packages["node_modules/playwright-core"].version')"
  if [ "$installed" = "$wanted" ]; then
    skip "playwright-core $installed is installed"
    return
  fi
  say "npm ci in e2e/"
  (cd "$ROOT/e2e" && npm ci --no-audit --no-fund)
}

cd "$ROOT"
case "${1:-all}" in
  build)
    setup_wasm_target; setup_trunk; setup_wasm_bindgen; setup_wasm_opt ;;
  e2e)
    setup_chromium; setup_playwright ;;
  all)
    setup_wasm_target; setup_trunk; setup_wasm_bindgen; setup_wasm_opt
    setup_chromium; setup_playwright ;;
  *)
    echo "usage: $0 [build|e2e|all]" >&2
    exit 2 ;;
esac
say "web setup done"
