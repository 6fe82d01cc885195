#!/usr/bin/env bash
# Times the whole report on the bundled Kazakhstan analysis (analysis, multiverse,
# calibration on simulated worlds, charts, tables, HTML) on this machine, in two cases:
# cold (a new report folder: the calibration is computed) and warm (the folder holds the
# previous report, whose calibration.json has the same inputs' hash and is reused, as in
# `report --check` or a second `report`). Writes into a temporary directory (the
# committed report is not touched), runs RUNS times each (default 3), prints every run
# and the fastest. Usage: benches/report_time.sh [RUNS]. Exit 1 when the fastest warm run
# exceeds the budget of 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
time_run() {
  local start end
  start=$(date +%s.%N)
  target/release/multivector report --out "$work/report" >/dev/null 2>&1
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
fastest() { printf '%s\n' "$@" | sort -g | head -1; }
cold=()
for k in $(seq 1 "$runs"); do
  rm -rf "$work/report"
  t=$(time_run); cold+=("$t"); echo "cold run $k: $t s"
done
warm=()
for k in $(seq 1 "$runs"); do
  t=$(time_run); warm+=("$t"); echo "warm run $k: $t s"
done
best_cold=$(fastest "${cold[@]}")
best_warm=$(fastest "${warm[@]}")
echo "report, fastest of $runs: cold $best_cold s (calibration computed), warm $best_warm s (calibration reused; budget 10 s, $(nproc) cores)"
[ "$(echo "$best_warm <= 10" | bc)" = 1 ]
