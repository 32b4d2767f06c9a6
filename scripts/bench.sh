#!/usr/bin/env bash
# Corpus benchmark: builds podlint and podgen, and times podlint beside
# ripgrep (the scan floor) on three corpus shapes, in the same run, best of
# three, as ratios:
#
#   podgen     podgen's default mix of every defect (-seed 1)
#   leaky      podgen with real-sized leaked blobs (16 chapters, 10-20 KB)
#              on one page in ten (-leak-chapters 16 -leaks 0.1)
#   shared     the format's shared samples and examples copied to PAGES
#              pages (when ../shared is beside the clone)
#
# and on podgen's episode JSON forms: its default mix, and pairs (half the
# chapters of every page with each quote a text and a [m, s] pair, thousands
# of fixes a run); ajv when installed. Each shape
# gets check and fix (diff) times, peak memory, and markdownlint-cli2 and
# Vale when installed.
#
#   scripts/bench.sh [PAGES]        default 10000; needs Go, rg, bc, /usr/bin/time
#
# Figures vary with the machine and its load: compare ratios, not seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in rg bc /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 2; }
done
go build -o "$work/podlint" ./cmd/podlint
go build -o "$work/podgen-bin" ./cmd/podgen
pl=$work/podlint

"$work/podgen-bin" -n "$pages" -seed 1 -o "$work/podgen" >/dev/null
"$work/podgen-bin" -n "$pages" -seed 1 -leak-chapters 16 -leaks 0.1 -o "$work/leaky" >/dev/null
"$work/podgen-bin" -n "$pages" -seed 1 -json -o "$work/json" >/dev/null
"$work/podgen-bin" -n "$pages" -seed 1 -json -pairs 0.5 -o "$work/pairs" >/dev/null
shapes=(podgen leaky)
if [ -d ../shared/samples ]; then
  mkdir -p "$work/shared"
  mapfile -t real < <(find ../shared/samples ../shared/examples -name '*.md' ! -name README.md | sort)
  for ((i = 0; i < pages; i++)); do
    src=${real[i % ${#real[@]}]}
    cp "$src" "$work/shared/$i-$(basename "$src")"
  done
  shapes+=(shared)
else
  echo "(no ../shared beside the clone: the shared-pages corpus is left out)"
fi

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
# peak resident memory of a command, in MB
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.0f", $1/1024 }'; }

echo "machine: $(nproc) cores, $(uname -m), $(go version | cut -d' ' -f3); $pages pages a corpus"
echo
printf '%-8s %6s %8s %8s %8s %9s %9s %8s %8s\n' corpus MB rg check fix 'check/rg' 'fix/check' 'peak ch' 'peak fix'
for shape in "${shapes[@]}" json pairs; do
  dir=$work/$shape
  cat "$dir"/* >/dev/null 2>&1 || true # warm the page cache
  size=$(du -sm "$dir" | cut -f1)
  if [ "$shape" = json ] || [ "$shape" = pairs ]; then
    t_rg=$(best rg -c '"start"' "$dir")
  else
    t_rg=$(best rg -c '^## \[' "$dir")
  fi
  t_check=$(best "$pl" check --no-config "$dir")
  t_fix=$(best "$pl" fix --no-config "$dir")
  printf '%-8s %6s %8s %8s %8s %8s× %8s× %8s %8s\n' "$shape" "$size" "$t_rg" "$t_check" "$t_fix" \
    "$(ratio "$t_check" "$t_rg")" "$(ratio "$t_fix" "$t_check")" \
    "$(peak "$pl" check --no-config "$dir")" "$(peak "$pl" fix --no-config "$dir")"
done
echo

one=$work/podgen/page-00001.md
t_rg_one=$(best rg -c '^## \[' "$one")
t_pl_one=$(best "$pl" check --no-config "$one")
echo "one page: rg $t_rg_one s, podlint check $t_pl_one s ($(ratio "$t_pl_one" "$t_rg_one")× rg)"
# One core: one worker and one P for the Go runtime (the collector too).
t_j1=$(best env GOMAXPROCS=1 "$pl" check --no-config -j 1 "$work/podgen")
t_md=$(best "$pl" check --no-config "$work/podgen")
echo "podgen corpus on one core: $t_j1 s ($(ratio "$t_j1" "$t_md")× the run on every core)"
rm -rf "$work/cache"
t_cold=$(best sh -c "rm -rf '$work/cache'; '$pl' check --no-config --cache-dir '$work/cache' '$work/podgen'")
t_warm=$(best "$pl" check --no-config --cache-dir "$work/cache" "$work/podgen")
echo "podgen corpus with --cache: cold $t_cold s, warm $t_warm s ($(ratio "$t_warm" "$t_cold") of cold)"
echo

# Other tools on the same pages, when installed; each is run once first and
# timed only if it works.
first=$work/podgen
if command -v markdownlint-cli2 >/dev/null && markdownlint-cli2 "$one" >/dev/null 2>&1; then
  t=$(best markdownlint-cli2 "$first/*.md")
  echo "markdownlint-cli2, podgen corpus: $t s (podlint check: $(ratio "$t_md" "$t")× its time)"
else
  echo "(markdownlint-cli2 not installed or failing: no figure)"
fi
if command -v vale >/dev/null && vale "$one" >/dev/null 2>&1; then
  t=$(best vale "$first")
  echo "vale, podgen corpus: $t s (podlint check: $(ratio "$t_md" "$t")× its time)"
else
  echo "(vale not installed or failing: no figure)"
fi
# ajv-cli with ajv-formats (npm install -g ajv-cli ajv-formats), on the same
# schema; checked to succeed first, so a failing ajv is never timed.
if command -v ajv >/dev/null &&
  ajv validate --spec=draft2020 -c ajv-formats -s schema/episode.schema.json -d "$work/json/page-00001.json" >/dev/null 2>&1; then
  t_ajv=$(best ajv validate --spec=draft2020 -c ajv-formats -s schema/episode.schema.json -d "$work/json/*.json")
  t_json=$(best "$pl" check --no-config "$work/json")
  echo "ajv validate, JSON forms: $t_ajv s (podlint check: $(ratio "$t_json" "$t_ajv")× its time)"
else
  echo "(ajv-cli with ajv-formats not installed: no figure)"
fi
