#!/usr/bin/env python3
"""Reference values for sample-based (incidence) rarefaction of partner richness.

Provenance only: CI does not run this script. The Rust test tests/rarefaction.rs holds
the constants it prints. It needs nothing but the Python 3 standard library (csv,
fractions, json, math); run it from the repository root:

    python3 tests/reference/rarefaction_reference.py > /tmp/rarefaction_reference.json

What it computes
----------------
Sample-based rarefaction of species richness for incidence data (Colwell et al. 2012,
J. Plant Ecol. 5:3-21, "Models and estimators linking individual-based and sample-based
rarefaction, extrapolation and comparison of assemblages", eq. for the Bernoulli product
model; Chao et al. 2014, Ecol. Monogr. 84:45-67; R package iNEXT, Hsieh, Ma & Chao 2016,
Methods Ecol. Evol. 7:1451-1456, datatype = "incidence_freq", q = 0, method
"Rarefaction"/"interpolated"). With T sampling units and Y_k the number of units in which
species k occurs, the expected number of species in t of the T units drawn without
replacement is

    S(t) = sum_k [ 1 - C(T - Y_k, t) / C(T, t) ]      0 <= t <= T,

C the binomial coefficient, the term C(T - Y_k, t) being 0 when T - Y_k < t
(so S(0) = 0, S(1) = sum_k Y_k / T and S(T) = S_obs). Every S(t) is computed exactly
as a fractions.Fraction from math.comb and only then converted to a float, printed with
repr (shortest round-tripping form, at most 17 significant digits).

Data: datasets/kazakhstan/exercises.csv. A sampling unit is a distinct event_id among the
rows with channel == "exercises", a non-empty event_id, value > 0 and a year inside the
period (inclusive). A partner occurs in a unit when a qualifying row of that event_id
names it in the raw `partner` column (each participant counts, names are not merged:
"USA" and "United States" are two partners, and so are organisations such as "NATO").
The subject, Kazakhstan, is never a partner. Rows without an event_id are ignored; in the
file as bundled there are none (0 of 645 rows), and every row has value 1.

Periods: 1991-1999, 2000-2006, 2007-2014. For each period the script prints T, S_obs,
the sorted incidence frequencies Y_k, and S(t) for t = 1..T; for the pairs
(1991-1999, 2000-2006) and (2000-2006, 2007-2014) it prints S(t) of both periods at the
common size t = min(T_a, T_b), as a float and as an exact fraction.

Published check: the tropical ant incidence data of Longino & Colwell (2011) shipped with
iNEXT as data(ant) are written out below (as in the R source of iNEXT, JohnsonHsieh/iNEXT,
R/iNEXT.r, commit 005ec9ec19ed79d2bf0e3fb3e8b0903362e1e5ed, last lines), and S(t) is
printed beside the iNEXT 3.0.x outputs listed in PUBLISHED (the comment there says where
they are printed; they are a user's recorded run of iNEXT, not a table of the iNEXT
authors). All ten agree to the 6 printed decimals.

Output: one JSON object with "data_checks" (row counts: rows without event_id, rows with
value <= 0, rows with value_low 0, year range), "bundled" (per period and per pair, as
above) and "published_check".
"""

import csv
import json
import math
import os
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "datasets", "kazakhstan", "exercises.csv")

PERIODS = [(1991, 1999), (2000, 2006), (2007, 2014)]
PAIRS = [((1991, 1999), (2000, 2006)), ((2000, 2006), (2007, 2014))]


def rarefied_richness(T, freqs, t):
    """Exact S(t) = sum_k [1 - C(T - Y_k, t) / C(T, t)] as a Fraction."""
    if not 0 <= t <= T:
        raise ValueError("t must lie in 0..T")
    total = math.comb(T, t)
    # math.comb(n, k) is 0 when k > n, which is the convention the formula needs.
    return sum((Fraction(total - math.comb(T - y, t), total) for y in freqs), Fraction(0))


def incidence(path, lo, hi):
    """Sampling units and incidence frequencies for the period lo..hi (inclusive)."""
    units = {}  # event_id -> set of partners
    skipped_no_event = 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["channel"] != "exercises":
                continue
            event = row["event_id"].strip()
            if not event:
                skipped_no_event += 1
                continue
            if float(row["value"]) <= 0:
                continue
            year = int(row["year"])
            if not lo <= year <= hi:
                continue
            units.setdefault(event, set()).add(row["partner"])
    counts = {}
    for partners in units.values():
        for p in partners:
            counts[p] = counts.get(p, 0) + 1
    return len(units), counts, skipped_no_event


def period_key(p):
    return "%d-%d" % p


def bundled():
    out = {}
    for lo, hi in PERIODS:
        T, counts, skipped = incidence(DATA, lo, hi)
        freqs = sorted(counts.values())
        out[period_key((lo, hi))] = {
            "T": T,
            "S_obs": len(freqs),
            "Y_k_sorted": freqs,
            "partners_by_Y": dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
            "rows_without_event_id": skipped,
            "S_t_1_to_T": [float(rarefied_richness(T, freqs, t)) for t in range(1, T + 1)],
        }
    pairs = []
    for a, b in PAIRS:
        pa, pb = out[period_key(a)], out[period_key(b)]
        t = min(pa["T"], pb["T"])
        sa = rarefied_richness(pa["T"], pa["Y_k_sorted"], t)
        sb = rarefied_richness(pb["T"], pb["Y_k_sorted"], t)
        pairs.append({
            "early": period_key(a),
            "late": period_key(b),
            "t_common": t,
            "S_early_at_t": float(sa),
            "S_late_at_t": float(sb),
            "S_early_at_t_exact": "%d/%d" % (sa.numerator, sa.denominator),
            "S_late_at_t_exact": "%d/%d" % (sb.numerator, sb.denominator),
        })
    return {"periods": out, "common_size_pairs": pairs}


# --- Published example: iNEXT data(ant), Longino & Colwell (2011) -----------------------
# Written exactly as in the R source of iNEXT (JohnsonHsieh/iNEXT, R/iNEXT.r, commit
# 005ec9ec19ed79d2bf0e3fb3e8b0903362e1e5ed): first entry T, then the incidence
# frequencies. rep(k, n) is written R(k, n).
def R(k, n):
    return [k] * n


ANT = {
    "h50m": [599] + R(1, 49) + R(2, 23) + R(3, 18) + R(4, 14) + R(5, 9) + R(6, 10) + R(7, 4)
    + R(8, 8) + R(9, 6) + R(10, 2) + R(11, 1) + [12, 12, 13, 13] + R(14, 5) + [15, 15]
    + R(16, 4) + [17, 17, 17, 18, 18, 19, 19, 20, 20, 20, 21, 22, 23, 23, 25, 27, 27, 29, 30, 30,
                  31, 33, 39, 40, 43, 46, 46, 47, 48, 51, 52, 52, 56, 56, 58, 58, 61, 61, 65, 69, 72,
                  77, 79, 82, 83, 84, 86, 91, 95, 97, 98, 98, 106, 113, 124, 126, 127, 128, 129,
                  129, 182, 183, 186, 195, 222, 236, 263, 330],
    "h500m": [230] + R(1, 71) + R(2, 34) + R(3, 12) + R(4, 14) + R(5, 9) + R(6, 11) + R(7, 8)
    + R(8, 4) + R(9, 7) + R(10, 5) + R(11, 2)
    + [12, 12, 12, 13, 13, 13, 13, 14, 14, 15, 16, 16, 17, 17, 17, 17, 18, 19, 20, 21, 21, 23, 24,
       25, 25, 25, 26, 27, 30, 31, 31, 32, 32, 33, 34, 36, 37, 38, 38, 38, 38, 39, 39, 41, 42, 43,
       44, 45, 46, 47, 49, 52, 52, 53, 54, 56, 60, 60, 65, 73, 78, 123, 131, 133],
    "h1070m": [150] + R(1, 28) + R(2, 16) + R(3, 13) + R(4, 3) + R(5, 1) + R(6, 3) + R(7, 6)
    + R(8, 1) + R(9, 1) + R(10, 1) + R(11, 4)
    + [12, 12, 12, 13, 13, 13, 13, 14, 15, 16, 16, 16, 16, 18, 19, 19, 21, 22, 23, 24, 25, 25, 25,
       26, 30, 31, 31, 31, 32, 34, 36, 38, 39, 43, 43, 45, 45, 46, 54, 60, 68, 74, 80, 96, 99],
    "h1500m": [200] + R(1, 13) + R(2, 4) + R(3, 2) + R(4, 2) + R(5, 4) + R(6, 2) + R(9, 4)
    + R(11, 2) + R(17, 2)
    + [18, 19, 23, 23, 24, 25, 25, 25, 29, 30, 32, 33, 43, 50, 53, 73, 74, 76, 79, 113, 144],
    "h2000m": [200, 1, 2, 2, 3, 4, 8, 8, 13, 15, 19, 23, 34, 59, 80],
}

# iNEXT 3.0.x output of iNEXT::iNEXT(ant, datatype = "incidence_freq") (q = 0, default 40
# knots), $iNextEst$size_based rows with Method "Rarefaction", qD printed to 6 decimals, as
# recorded (console output pasted as comments) in the public GitHub repository
# huyenanh-pham/ETC5543-VNPA, file analysis/understanding_iNEXT.R, commit
# d2da093bb472333d2577da0ad313874892195316, block "# iNEXT::iNEXT(ant, datatype =
# "incidence_freq") <start>", e.g. the line
#   "# 10        h50m  299   Rarefaction       0 193.069392 186.386235 199.752548 ..."
# That is a user's recorded iNEXT run, not a table printed by the iNEXT authors; its
# $DataInfo block (T, U, S.obs, Q1..Q10 for all five sites) equals what ANT above gives,
# which independently confirms the input vectors. t = 1 rows are trivial (S(1) = U/T).
PUBLISHED = [
    ("h50m", 1, 9.976628), ("h50m", 299, 193.069392),
    ("h500m", 1, 12.795652), ("h500m", 115, 194.186777),
    ("h1070m", 1, 11.533333), ("h1070m", 75, 102.135118),
    ("h1500m", 1, 5.850000), ("h1500m", 100, 47.982643),
    ("h2000m", 1, 1.355000), ("h2000m", 100, 12.811923),
]


def published_check():
    info = {}
    for name, v in ANT.items():
        T, freqs = v[0], v[1:]
        info[name] = {"T": T, "S_obs": len(freqs), "U": sum(freqs),
                      "S_T_equals_S_obs": rarefied_richness(T, freqs, T) == len(freqs)}
    rows = []
    for name, t, pub in PUBLISHED:
        v = ANT[name]
        s = rarefied_richness(v[0], v[1:], t)
        rows.append({"site": name, "t": t, "published_qD": pub, "reproduced": float(s),
                     "reproduced_rounded_6": round(float(s), 6),
                     "agrees_to_6_decimals": round(float(s), 6) == pub})
    return {"ant_data": info, "rows": rows}


def data_checks(path):
    """Counts of rows that the unit definition skips or that look unusual."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    years = sorted({int(r["year"]) for r in rows})
    return {
        "rows": len(rows),
        "rows_channel_exercises": sum(r["channel"] == "exercises" for r in rows),
        "rows_without_event_id": sum(not r["event_id"].strip() for r in rows),
        "rows_value_not_positive": sum(float(r["value"]) <= 0 for r in rows),
        "rows_value_low_zero": sum(r["value_low"].strip() == "0" for r in rows),
        "year_min": years[0],
        "year_max": years[-1],
        "subject_values": sorted({r["subject"] for r in rows}),
    }


def main():
    print(json.dumps({"data_checks": data_checks(DATA), "bundled": bundled(),
                      "published_check": published_check()}, indent=1))


if __name__ == "__main__":
    main()
