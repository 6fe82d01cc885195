#!/usr/bin/env python3
"""Recomputes the reference values asserted in tests/stats.rs.

Provenance only: CI does not run this script (it has no scipy). Run it by hand in a
virtual environment with exactly these packages (as used to check tests/stats.rs):

    python 3.11.7
    pymannkendall 1.4.3
    scipy 1.17.1
    numpy 2.4.6
    pyhomogeneity 1.1

    python3 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install pymannkendall==1.4.3 scipy==1.17.1 numpy==2.4.6 pyhomogeneity==1.1
    /tmp/refvenv/bin/python tests/reference/stats_reference.py

It prints one JSON object: for each test in tests/stats.rs, the values that test
compares against (same names as the fields of the Rust results). The inputs are the
series of tests/stats.rs: XA/YA (12 real years with gaps, ties in y) and series B
(10 values, ties, no years).

With the versions above every printed value equals the constant in tests/stats.rs
exactly, except the Chow F and p, which differ from the test's constants by about
6e-13 (rounding of the least-squares solver); the test's tolerance there is 1e-9.
"""

import json
import math

import numpy as np
import pymannkendall
import pyhomogeneity
from scipy import stats

# The constants XA and YA of tests/stats.rs.
XA = [1992, 1993, 1995, 1996, 1997, 2000, 2001, 2002, 2004, 2005, 2006, 2008]
YA = [3, 5, 5, 4, 7, 7, 9, 8, 8, 11, 10, 12]
# Series B, written inline in tests/stats.rs.
YB = [1, 1, 2, 2, 2, 3, 1, 4, 4, 5]


def mann_kendall(y):
    """pymannkendall original_test: S, var S, z and the two-sided p."""
    r = pymannkendall.original_test(y)
    return {"s": float(r.s), "var_s": float(r.var_s), "z": float(r.z), "p": float(r.p)}


def ols(x, y):
    """scipy linregress slope with the 95 % CI slope ± t.ppf(0.975, n−2)·stderr."""
    r = stats.linregress(x, y)
    t = stats.t.ppf(0.975, len(x) - 2)
    return {"slope": r.slope, "ci_low": r.slope - t * r.stderr, "ci_high": r.slope + t * r.stderr}


def rss(x, y):
    """Residual sum of squares of a least-squares line y = a + b x."""
    design = np.column_stack([np.ones(len(x)), np.asarray(x, dtype=float)])
    _, residuals, _, _ = np.linalg.lstsq(design, np.asarray(y, dtype=float), rcond=None)
    return float(residuals[0])


def chow(x, y, year):
    """Chow F for a break at `year` (first segment x < year), k = 2 parameters."""
    k = 2
    first = [(a, b) for a, b in zip(x, y) if a < year]
    second = [(a, b) for a, b in zip(x, y) if a >= year]
    pooled = rss(x, y)
    within = rss(*zip(*first)) + rss(*zip(*second))
    df2 = len(x) - 2 * k
    f = ((pooled - within) / k) / (within / df2)
    return {"f": f, "p": float(stats.f.sf(f, k, df2)), "df1": k, "df2": df2,
            "segments": [len(first), len(second)]}


def pettitt(y):
    """pyhomogeneity pettitt_test: change point (1-based) and K (the statistic U)."""
    r = pyhomogeneity.pettitt_test(y)
    n = len(y)
    closed_form_p = 2 * math.exp(-6 * r.U**2 / (n**3 + n**2))
    return {"cp": int(r.cp), "k": float(r.U), "closed_form_p": closed_form_p}


def main():
    reference = {
        "mann_kendall_with_ties_matches_pymannkendall": {"A": mann_kendall(YA), "B": mann_kendall(YB)},
        "sen_and_ols_on_a_series_with_gaps_match_scipy": {
            "sen_slope": float(stats.theilslopes(YA, XA).slope),
            "ols": ols(XA, YA),
        },
        "chow_matches_least_squares_reference": {
            "break_2000": chow(XA, YA, 2000),
            # 1994 leaves 2 points before the break: tests/stats.rs expects None.
            "points_before_1994": sum(1 for a in XA if a < 1994),
        },
        "pettitt_matches_pyhomogeneity_and_the_closed_form": {"A": pettitt(YA), "B": pettitt(YB)},
    }
    print(json.dumps(reference, indent=2))


if __name__ == "__main__":
    main()
