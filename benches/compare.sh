#!/usr/bin/env bash
# Times `multivector indices --format csv` against the Python-polars baseline
# (benches/polars_baseline.py) on the same synthetic panel, in the same run, and prints
# wall time (best of two runs each), peak memory and their ratios; then the same at 10x
# the rows (scaling).
# Usage: benches/compare.sh [SUBJECTS] (default 2000: 2000 x 3 x 60 x 120 at density 0.15,
# about 6.5 million rows). Needs: cargo, python3 with polars (pip install polars), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
subjects=${1:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
bin=target/release/multivector
python3 -c "import polars" 2>/dev/null || { echo "needs python polars: pip install polars"; exit 2; }

measure() { # command... -> prints "seconds peak_kb": the faster of two runs after a sync,
  # so that neither tool pays for the other's (or synth's) dirty pages being flushed
  local log="$work/time.log" best="" 
  for _ in 1 2; do
    sync
    /usr/bin/time -f "%e %M" -o "$log" "$@" >/dev/null 2>&1
    if [ -z "$best" ] || (( $(echo "$(cut -d' ' -f1 "$log") < $(echo "$best" | cut -d' ' -f1)" | bc -l) )); then
      best=$(cat "$log")
    fi
  done
  echo "$best"
}

run() { # subjects
  local s=$1 panel="$work/panel-$1.csv"
  $bin synth --subjects "$s" --partners 120 --years 60 --channels 3 --density 0.15 --seed 1 --out "$panel" 2>/dev/null
  local rows; rows=$(($(wc -l <"$panel") - 1))
  read -r ours_s ours_kb < <(measure $bin indices "$panel" --format csv --focal P001 --out "$work/ours.csv")
  read -r base_s base_kb < <(measure python3 benches/polars_baseline.py "$panel" "$work/base.csv" P001)
  python3 - "$work/ours.csv" "$work/base.csv" <<'PY'
import csv, sys
a = list(csv.reader(open(sys.argv[1]))); b = list(csv.reader(open(sys.argv[2])))
assert len(a) == len(b), (len(a), len(b))
for ra, rb in zip(a[1:], b[1:]):
    for x, y in zip(ra, rb):
        if x != y:
            fx, fy = float(x or "nan"), float(y or "nan")
            assert abs(fx - fy) <= 1e-9 * max(1.0, abs(fx)), (ra[:4], x, y)
PY
  printf '%-8s %10d rows  %6.1f MB  multivector %6.2f s %7.0f MB | polars %6.2f s %7.0f MB | time ratio %.2f, memory ratio %.2f\n' \
    "$s" "$rows" "$(echo "$(stat -c %s "$panel") / 1000000" | bc -l)" "$ours_s" "$(echo "$ours_kb/1024" | bc -l)" \
    "$base_s" "$(echo "$base_kb/1024" | bc -l)" "$(echo "$ours_s/$base_s" | bc -l)" "$(echo "$ours_kb/$base_kb" | bc -l)"
  echo "$ours_s" >"$work/last_seconds"
  rm -f "$panel"
}

echo "outputs agree to 1e-9; time = wall clock, memory = peak RSS"
run "$subjects"
small=$(cat "$work/last_seconds")
run $((subjects * 10))
large=$(cat "$work/last_seconds")
printf 'scaling: 10x rows took %.2fx the time\n' "$(echo "$large/$small" | bc -l)"
