#!/usr/bin/env bash
# Prints what the built SPA weighs on the wire (brotli, as the server sends it) and fails when
# the wasm or the whole app passes the budget in crates/web/size-budget.
#   scripts/web-size.sh [dist]     (scripts/build-web.sh runs it after each build)
#   HALLPASS_SIZE_BUDGET           another budget file, to measure an older build
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${1:-$ROOT/dist}"
BUDGET_FILE="${HALLPASS_SIZE_BUDGET:-$ROOT/crates/web/size-budget}"

budget() {
  local value
  value="$(sed -n "s/^$1 *= *\([0-9]*\).*/\1/p" "$BUDGET_FILE")"
  if [ -z "$value" ]; then
    echo "$BUDGET_FILE names no $1" >&2
    exit 1
  fi
  echo "$value"
}
wasm_budget="$(budget wasm_brotli_bytes)"
total_budget="$(budget total_brotli_bytes)"

# Everything index.html makes the browser fetch: the page, its script, wasm, style and icon.
total=0
wasm_br=0
printf '%-44s %10s %10s %10s\n' file raw gzip brotli
while IFS= read -r file; do
  raw="$(stat -c %s "$file")"
  if [ ! -f "$file.br" ] || [ ! -f "$file.gz" ]; then
    # precompress.mjs skips a variant that would not be smaller; the plain file goes out then.
    br="$raw"; gz="$raw"
    [ -f "$file.br" ] && br="$(stat -c %s "$file.br")"
    [ -f "$file.gz" ] && gz="$(stat -c %s "$file.gz")"
  else
    br="$(stat -c %s "$file.br")"; gz="$(stat -c %s "$file.gz")"
  fi
  printf '%-44s %10d %10d %10d\n' "${file#"$DIST"/}" "$raw" "$gz" "$br"
  total=$((total + br))
  case "$file" in *.wasm) wasm_br=$((wasm_br + br)) ;; esac
done < <(find "$DIST" -type f ! -name '*.br' ! -name '*.gz' | sort)
printf '==> on the wire (brotli): wasm %d bytes (budget %d), whole app %d bytes (budget %d)\n' \
  "$wasm_br" "$wasm_budget" "$total" "$total_budget"

if [ "$wasm_br" -gt "$wasm_budget" ] || [ "$total" -gt "$total_budget" ]; then
  echo "The SPA is over its size budget ($BUDGET_FILE). Find what grew (docs/benchmarks.md," \
    "'SPA weight', shows how) and cut it; raise the budget only for a reason worth the bytes." >&2
  exit 1
fi
