#!/usr/bin/env bash
# Times the batch report of the comparative case (Kazakhstan and six neighbours: seven
# analyses, each with its full multiverse, calibration on simulated worlds, charts,
# tables, HTML, and the comparison) against its budget of 30 s on a 2-core machine.
# Writes into a temporary directory (the committed batch is not touched), runs RUNS
# times (default 3) and prints every run and the fastest, with the thread count.
# Usage: benches/batch_time.sh [RUNS]. Exit 1 when the fastest run exceeds 30 s.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/multivector"
analyses=(datasets/neighbours/*.toml)
best=""
for k in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  "$bin" report --batch "$work/batch" "${analyses[@]}" >/dev/null 2>&1
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  echo "run $k: $t s"
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
done
files=$(find "$work/batch" -type f | wc -l)
echo "batch of ${#analyses[@]} analyses ($files files), fastest of $runs: $best s (budget 30 s, $(nproc) cores)"
[ "$(echo "$best <= 30" | bc)" = 1 ]
