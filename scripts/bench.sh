#!/usr/bin/env bash
# Corpus benchmark: builds podlint and podgen, and times podlint beside
# ripgrep (the scan floor) on three corpus shapes, in the same run, as
# ratios of medians of runs taken in turn (RUNS, default 5):
#
#   podgen     podgen's default mix of every defect (-seed 1)
#   leaky      podgen with real-sized leaked blobs (16 chapters, 10-20 KB)
#              on one page in ten (-leak-chapters 16 -leaks 0.1)
#   shared     the format's shared samples and examples copied to PAGES
#              pages (when ../shared is beside the clone)
#
# and on podgen's episode JSON forms: its default mix, and pairs (half the
# chapters of every page with each quote a text and a [m, s] pair, thousands
# of fixes a run). Each shape gets check and fix (diff) times, peak memory,
# and the time of reading alone (a check with one rule that looks at
# nothing but whether there are chapters). Other tools, when installed,
# beside podlint on the same pages: markdownlint-cli2 and Vale (its own
# style) on the first 1,000 podgen pages, ajv (with ajv-formats) on the
# JSON forms. Then each output format (--format) on the corpus with the most
# findings, its time beside text's and its peak memory.
#
#   scripts/bench.sh [PAGES]        default 10000; needs bash 5, Go, rg, bc, /usr/bin/time
#   RUNS=9 scripts/bench.sh         more runs for each median
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
# podlint is built as the README installs it (see Install: a static binary
# without urfave/cli's man-page support); one page is also timed with a
# plain build, which starts slower.
tags=netgo,urfave_cli_no_docs
go build -tags "$tags" -o "$work/podlint" ./cmd/podlint
go build -o "$work/podlint-plain" ./cmd/podlint
go build -o "$work/podgen-bin" ./cmd/podgen
pl=$work/podlint

"$work/podgen-bin" -n "$pages" -seed 1 -o "$work/podgen" >/dev/null
"$work/podgen-bin" -n "$pages" -seed 1 -leak-chapters 16 -leaks 0.1 -o "$work/leaky" >/dev/null
"$work/podgen-bin" -n "$pages" -seed 1 -json -o "$work/json" >/dev/null
"$work/podgen-bin" -n "$pages" -seed 1 -json -pairs 0.5 -o "$work/pairs" >/dev/null
# podlint runs as a user runs it, looking for a .podlint.yaml from each
# page's folder up: none may sit above the work folder.
dir=$work
while :; do
  for name in .podlint.yaml .podlint.yml; do
    [ ! -e "$dir/$name" ] || { echo "bench: $dir/$name would apply to the corpora" >&2; exit 2; }
  done
  [ "$dir" != / ] || break
  dir=$(dirname "$dir")
done
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

# Commands compared are timed in turn (A B A B ...), RUNS times each, and
# each gets the median of its wall-clock seconds: both meet the same spells
# of load from elsewhere, and one lucky or unlucky run does not decide.
runs=${RUNS:-5}
# once CMD: the wall-clock seconds of one run of the shell command CMD
once() {
  local s e
  s=$EPOCHREALTIME
  eval "$1" >/dev/null 2>&1 || true
  # Read the clock here: in a pipeline it would be read in a forked
  # subshell, and the fork (about 3 ms) would be timed as the command's.
  e=$EPOCHREALTIME
  echo "$e - $s" | bc
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { printf "%.4f\n", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# inturn CMD...: sets medians to the median seconds of each command, run in turn
inturn() {
  local -a times
  local r i
  for ((r = 0; r < runs; r++)); do
    for ((i = 1; i <= $#; i++)); do
      times[i]+="$(once "${!i}") "
    done
  done
  medians=()
  for ((i = 1; i <= $#; i++)); do
    # shellcheck disable=SC2086 # the times are words to split
    medians+=("$(median ${times[i]})")
  done
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ printf "%.2f", a/b }'; }
# peak resident memory of a command, in MB
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.0f", $1/1024 }'; }
# q: a path quoted for the shell commands inturn runs
q() { printf '%q' "$1"; }

echo "machine: $(nproc) cores, $(uname -m), $(go version | cut -d' ' -f3); $pages pages a corpus;" \
  "medians of $runs runs in turn"
echo
# read: podlint with one rule that asks only whether a page has chapters,
# so what it times is reading and parsing each page (and restoring the
# flattened ones), the part of a check that no rule adds.
printf '%-8s %6s %8s %8s %8s %8s %8s %9s %9s %8s %8s\n' corpus MB rg read check fix 'read/rg' 'check/rg' 'fix/check' 'peak ch' 'peak fix'
for shape in "${shapes[@]}" json pairs; do
  dir=$work/$shape
  cat "$dir"/* >/dev/null 2>&1 || true # warm the page cache
  size=$(du -sm "$dir" | cut -f1)
  pattern='^## \['
  if [ "$shape" = json ] || [ "$shape" = pairs ]; then
    pattern='"start"'
  fi
  inturn "rg -c $(q "$pattern") $(q "$dir")" "$(q "$pl") check --enable missing-chapters $(q "$dir")" \
    "$(q "$pl") check $(q "$dir")" "$(q "$pl") fix $(q "$dir")"
  t_rg=${medians[0]} t_read=${medians[1]} t_check=${medians[2]} t_fix=${medians[3]}
  printf '%-8s %6s %8.3f %8.3f %8.3f %8.3f %7s× %8s× %8s× %8s %8s\n' "$shape" "$size" "$t_rg" "$t_read" "$t_check" "$t_fix" \
    "$(ratio "$t_read" "$t_rg")" "$(ratio "$t_check" "$t_rg")" "$(ratio "$t_fix" "$t_check")" \
    "$(peak "$pl" check "$dir")" "$(peak "$pl" fix "$dir")"
done
echo

one=$work/podgen/page-00001.md
runs=$((runs * 4)) inturn "rg -c '^## \[' $(q "$one")" "$(q "$pl") check $(q "$one")" \
  "$(q "$work/podlint-plain") check $(q "$one")"
echo "one page: rg ${medians[0]} s, podlint check ${medians[1]} s ($(ratio "${medians[1]}" "${medians[0]}")× rg; medians of $((runs * 4)))"
echo "one page, podlint built without -tags $tags: ${medians[2]} s ($(ratio "${medians[2]}" "${medians[0]}")× rg)"
# One core: one worker and one P for the Go runtime (the collector too).
inturn "GOMAXPROCS=1 $(q "$pl") check -j 1 $(q "$work/podgen")" "$(q "$pl") check $(q "$work/podgen")"
t_j1=${medians[0]} t_md=${medians[1]}
echo "podgen corpus on one core: $t_j1 s ($(ratio "$t_j1" "$t_md")× the run on every core)"
cache=$(q "$work/cache")
inturn "rm -rf $cache; $(q "$pl") check --cache-dir $cache $(q "$work/podgen")" \
  "$(q "$pl") check --cache-dir $cache $(q "$work/podgen")"
t_cold=${medians[0]} t_warm=${medians[1]}
echo "podgen corpus with --cache: cold $t_cold s, warm $t_warm s ($(ratio "$t_warm" "$t_cold") of cold)"
echo

# Each output format on the corpus with the most findings (shared, when it
# is there): every format is printed as the run goes, so each should stay
# near text in time and in memory. sarif:FILE goes through the spool a file
# output is written from.
fshape=podgen
if [ -d "$work/shared" ]; then
  fshape=shared
fi
fdir=$work/$fshape
formats=(text json sarif rdjson junit github "sarif:$work/out.sarif")
labels=(text json sarif rdjson junit github sarif:FILE)
commands=()
for f in "${formats[@]}"; do
  commands+=("$(q "$pl") check --format $(q "$f") $(q "$fdir")")
done
inturn "${commands[@]}"
echo "each format on the $fshape corpus (seconds, medians; peak MB):"
for i in "${!formats[@]}"; do
  printf '  %-10s %8.3f %6s× text %6s MB\n' "${labels[i]}" "${medians[i]}" \
    "$(ratio "${medians[i]}" "${medians[0]}")" "$(peak "$pl" check --format "${formats[i]}" "$fdir")"
done
echo

# Other tools on the same pages, when installed: the first 1,000 pages of
# the podgen corpus (markdownlint-cli2 takes about a hundredth of a second
# a page), podlint timed in turn on the same folder. Each tool is run once
# first and timed only if it works: exit 0, or 1 for "found problems" (both
# report problems that way; 2 and up is a failure).
others=$work/others
mkdir -p "$others"
mapfile -t pages < <(find "$work/podgen" -maxdepth 1 -name '*.md' | sort)
cp -t "$others" "${pages[@]:0:1000}" # (head in a pipe would end it early: pipefail)
n_others=$(find "$others" -name '*.md' | wc -l)
works() { eval "$1" >/dev/null 2>&1; [ $? -le 1 ]; }
# beside TOOL COMMAND TARGET: COMMAND TARGET (TOOL on the pages of others)
# and podlint on the same folder, in turn, when TOOL is installed and
# COMMAND works on one page.
beside() {
  if command -v "$1" >/dev/null && works "$2 $(q "$one")"; then
    inturn "$2 $3" "$(q "$pl") check $(q "$others")"
    echo "$1, $n_others podgen pages: ${medians[0]} s; podlint check: ${medians[1]} s ($1 takes $(ratio "${medians[0]}" "${medians[1]}")× podlint's time)"
  else
    echo "($1 not installed or failing: no figure)"
  fi
}
beside markdownlint-cli2 markdownlint-cli2 "$(q "$others/*.md")"
# Vale stops without a config: it gets one that runs its own style (Vale:
# spelling, repeated words, terms) on Markdown, kept beside the pages, not
# among them.
printf 'MinAlertLevel = suggestion\n\n[*.md]\nBasedOnStyles = Vale\n' >"$work/vale.ini"
beside vale "vale --config $(q "$work/vale.ini")" "$(q "$others")"
# ajv-cli with ajv-formats (npm install -g ajv-cli ajv-formats), on the same
# schema; checked to succeed first, so a failing ajv is never timed.
if command -v ajv >/dev/null &&
  ajv validate --spec=draft2020 -c ajv-formats -s schema/episode.schema.json -d "$work/json/page-00001.json" >/dev/null 2>&1; then
  inturn "ajv validate --spec=draft2020 -c ajv-formats -s schema/episode.schema.json -d $(q "$work/json/*.json")" \
    "$(q "$pl") check $(q "$work/json")"
  t_ajv=${medians[0]} t_json=${medians[1]}
  echo "ajv validate, JSON forms: $t_ajv s; podlint check: $t_json s ($(ratio "$t_json" "$t_ajv")× ajv's time)"
else
  echo "(ajv-cli with ajv-formats not installed: no figure)"
fi
