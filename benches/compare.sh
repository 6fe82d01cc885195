#!/usr/bin/env bash
# Times `multivector indices --format csv` against the Python-polars baseline
# (benches/polars_baseline.py) on the same synthetic panel, in the same run, and prints
# wall time, peak memory and their ratios; then how the time grows with 10x the rows.
# Usage: benches/compare.sh [SUBJECTS] [ROUNDS] (default 2000: 2000 x 3 x 60 x 120 at density
# 0.15, about 6.5 million rows; 3 rounds). Needs: cargo, python3 with polars (pip install
# polars), GNU time, bc.
#
# Method. Each tool runs twice per panel size after a `sync`; the faster run counts, so that
# neither pays for dirty pages left by the other (or by synth). The outputs are compared to
# 1e-9. Scaling: the small and the large panel are timed in alternation, ROUNDS times, and
# the fastest run of each size counts; alternating keeps minute-long changes in the
# machine's speed (shared hosts) from landing on one size only. Every run is printed with
# its user and system time and major page faults (a fault means the input was not cached).
set -euo pipefail
cd "$(dirname "$0")/.."
subjects=${1:-2000}
rounds=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
bin=target/release/multivector
python3 -c "import polars" 2>/dev/null || { echo "needs python polars: pip install polars"; exit 2; }

timed() { # command... -> prints "seconds peak_kb" of one run after a sync; details to stderr
  local log="$work/time.log"
  sync
  /usr/bin/time -f "%e %M %U %S %F" -o "$log" "$@" >/dev/null 2>&1
  echo "  run: $(basename "$1") $(basename "$2") wall $(cut -d' ' -f1 "$log") s, user $(cut -d' ' -f3 "$log") s, sys $(cut -d' ' -f4 "$log") s, major faults $(cut -d' ' -f5 "$log")" >&2
  cut -d' ' -f1,2 "$log"
}

faster() { # "s kb" "s kb" -> the one with fewer seconds
  if (($(echo "$(echo "$1" | cut -d' ' -f1) <= $(echo "$2" | cut -d' ' -f1)" | bc -l))); then echo "$1"; else echo "$2"; fi
}

ours() { timed "$bin" indices "$work/panel-$1.csv" --format csv --focal P001 --out "$work/ours-$1.csv"; }
polars() { timed python3 benches/polars_baseline.py "$work/panel-$1.csv" "$work/base-$1.csv" P001; }

compare() { # subjects: ours vs polars, best of two each, outputs checked
  local s=$1 panel="$work/panel-$1.csv" ours_best base_best
  ours_best=$(faster "$(ours "$s")" "$(ours "$s")")
  base_best=$(faster "$(polars "$s")" "$(polars "$s")")
  python3 - "$work/ours-$s.csv" "$work/base-$s.csv" <<'PY'
import csv, sys
a = list(csv.reader(open(sys.argv[1]))); b = list(csv.reader(open(sys.argv[2])))
assert len(a) == len(b), (len(a), len(b))
for ra, rb in zip(a[1:], b[1:]):
    for x, y in zip(ra, rb):
        if x != y:
            fx, fy = float(x or "nan"), float(y or "nan")
            assert abs(fx - fy) <= 1e-9 * max(1.0, abs(fx)), (ra[:4], x, y)
PY
  rm -f "$work/base-$s.csv"
  read -r ours_s ours_kb <<<"$ours_best"
  read -r base_s base_kb <<<"$base_best"
  printf '%-8s %10d rows  %6.1f MB  multivector %6.2f s %7.0f MB | polars %6.2f s %7.0f MB | time ratio %.2f, memory ratio %.2f\n' \
    "$s" "$(($(wc -l <"$panel") - 1))" "$(echo "$(stat -c %s "$panel") / 1000000" | bc -l)" "$ours_s" "$(echo "$ours_kb/1024" | bc -l)" \
    "$base_s" "$(echo "$base_kb/1024" | bc -l)" "$(echo "$ours_s/$base_s" | bc -l)" "$(echo "$ours_kb/$base_kb" | bc -l)"
  echo "$ours_s $base_s" >"$work/seconds-$s"
}

small=$subjects
large=$((subjects * 10))
for s in $small $large; do
  $bin synth --subjects "$s" --partners 120 --years 60 --channels 3 --density 0.15 --seed 1 --out "$work/panel-$s.csv" 2>/dev/null
done
echo "outputs agree to 1e-9; time = wall clock, memory = peak RSS"
compare $small
compare $large
read -r _ base_small <"$work/seconds-$small"
read -r _ base_large <"$work/seconds-$large"

echo "scaling: $rounds rounds, small and large panel in alternation"
best_small=""
best_large=""
for _ in $(seq "$rounds"); do
  t=$(ours $small)
  best_small=$(faster "${best_small:-$t}" "$t")
  t=$(ours $large)
  best_large=$(faster "${best_large:-$t}" "$t")
done
small_s=$(echo "$best_small" | cut -d' ' -f1)
large_s=$(echo "$best_large" | cut -d' ' -f1)
printf 'scaling: 10x rows took %.2fx the time (multivector %.2f s -> %.2f s; polars, best of two: %.2fx)\n' \
  "$(echo "$large_s/$small_s" | bc -l)" "$small_s" "$large_s" "$(echo "$base_large/$base_small" | bc -l)"
