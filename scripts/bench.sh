#!/usr/bin/env bash
# Corpus benchmark: builds podlint and podgen, generates a synthetic corpus,
# and times podlint beside ripgrep (the scan floor) and ajv (when
# installed), on the same files in the same run, as ratios.
#
#   scripts/bench.sh [PAGES]        default 10000; needs Go and rg
#
# Figures vary with the machine and its load: compare ratios, not seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v rg >/dev/null || { echo "bench: needs ripgrep (rg)" >&2; exit 2; }
go build -o "$work/podlint" ./cmd/podlint
go build -o "$work/podgen" ./cmd/podgen
"$work/podgen" -n "$pages" -seed 1 -o "$work/md" >/dev/null
"$work/podgen" -n "$pages" -seed 1 -json -o "$work/json" >/dev/null
one=$work/md/page-00001.md

# best of 3 wall-clock seconds of a command
best() {
  local best=""
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N)
    best=$(awk -v a="$best" -v b="$(echo "$e - $s" | bc)" 'BEGIN{ if (a=="" || b<a) print b; else print a }')
  done
  echo "$best"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ printf "%.2f", a/b }'; }
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

cat "$work"/md/*.md >/dev/null # warm the page cache
size=$(du -sm "$work/md" | cut -f1)
rg_md=$(best rg -c '^## \[' "$work/md")
pl_md=$(best "$work/podlint" check --no-config "$work/md")
pl_fix=$(best "$work/podlint" fix --no-config "$work/md")
pl_json=$(best "$work/podlint" check --no-config "$work/json")
rg_one=$(best rg -c '^## \[' "$one")
pl_one=$(best "$work/podlint" check --no-config "$one")
# One core: one worker and one P for the Go runtime (the collector too).
pl_j1=$(best env GOMAXPROCS=1 "$work/podlint" check --no-config -j 1 "$work/md")
rm -rf "$work/cache"
pl_cold=$(best sh -c "rm -rf '$work/cache'; '$work/podlint' check --no-config --cache-dir '$work/cache' '$work/md'")
pl_warm=$(best "$work/podlint" check --no-config --cache-dir "$work/cache" "$work/md")

echo "machine: $(nproc) cores, $(uname -m), $(go version | cut -d' ' -f3)"
echo "corpus: $pages Markdown pages ($size MB) and $pages JSON forms, podgen -seed 1"
echo
printf '%-44s %8s  %s\n' measure seconds ratio
printf '%-44s %8s  %s\n' "rg -c '^## \\[' (pages)" "$rg_md" "1.00 (baseline)"
printf '%-44s %8s  %s× rg\n' "podlint check (pages)" "$pl_md" "$(ratio "$pl_md" "$rg_md")"
printf '%-44s %8s  %s× check\n' "podlint fix, diff (pages)" "$pl_fix" "$(ratio "$pl_fix" "$pl_md")"
printf '%-44s %8s  %s× rg\n' "podlint check (JSON forms)" "$pl_json" "$(ratio "$pl_json" "$rg_md")"
# ajv-cli with ajv-formats (npm install -g ajv-cli ajv-formats), on the same
# schema; checked to succeed first, so a failing ajv is never timed.
if command -v ajv >/dev/null &&
  ajv validate --spec=draft2020 -c ajv-formats -s schema/episode.schema.json -d "$work/json/page-00001.json" >/dev/null 2>&1; then
  ajv_json=$(best ajv validate --spec=draft2020 -c ajv-formats -s schema/episode.schema.json -d "$work/json/*.json")
  printf '%-44s %8s  %s (podlint / ajv)\n' "ajv validate (JSON forms)" "$ajv_json" "$(ratio "$pl_json" "$ajv_json")"
else
  echo "(ajv-cli with ajv-formats not installed: no ajv figure)"
fi
printf '%-44s %8s  %s× rg\n' "podlint check, one page" "$pl_one" "$(ratio "$pl_one" "$rg_one")"
printf '%-44s %8s  %s× (a second core gives)\n' "podlint check on one core (pages)" "$pl_j1" "$(ratio "$pl_j1" "$pl_md")"
printf '%-44s %8s  %s of cold\n' "podlint check --cache, warm (cold: $pl_cold)" "$pl_warm" "$(ratio "$pl_warm" "$pl_cold")"
echo
echo "peak memory, KB: check $pages pages $(peak "$work/podlint" check --no-config "$work/md"), 1000 pages $(peak "$work/podlint" check --no-config "$work"/md/page-00[0-9]*.md)"
