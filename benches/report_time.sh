#!/usr/bin/env bash
# Times the whole report on the bundled Kazakhstan analysis (analysis, multiverse,
# calibration on simulated worlds, charts, tables, HTML) against its budget of 10 s on
# a 2-core machine. Writes into a temporary directory (the committed report is not
# touched), runs RUNS times (default 3) and prints every run and the fastest.
# Usage: benches/report_time.sh [RUNS]. Exit 1 when the fastest run exceeds 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
best=""
for k in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  target/release/multivector report --out "$work/report" >/dev/null 2>&1
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  echo "run $k: $t s"
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
done
echo "report, fastest of $runs: $best s (budget 10 s, $(nproc) cores)"
[ "$(echo "$best <= 10" | bc)" = 1 ]
