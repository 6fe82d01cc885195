#!/usr/bin/env python3
"""Verify fields.csv against the seed and print a per-channel summary.

For every row the quote must occur in the cited seed line range(s) after
normalisation:
  * lines that consist only of digits (footnote / page numbers) are dropped;
  * all whitespace and the characters - U+00AD U+2013 U+2014 are removed;
  * typographic double quotes („ “ ” « ») become " and single quotes (‘ ’ ‚) become '.
A locator is "lines A-B" or "lines A-B; C-D; E" (1-based, inclusive, as
`sed -n 'Np'` prints them). Several ranges are concatenated in the order given
(so a sentence interrupted by a footnote can be cited as "lines 100-102; 140-141").
A quote may consist of several excerpts separated by " [...] "; each excerpt must
occur in the concatenated text, in the given order.

Summary: per channel rows, activities (distinct event_id), partners, years and
the leader (partner with most activities) in 1991-1999, 2000-2006, 2007-2014.
Activities are attributed to years like the project's SpreadRule::Uniform: a
period row's value is spread evenly over its years; only the share inside a
window counts. The leader is computed with `value` and, as a conservative
check, with `value_low` where given (rows whose Kazakh participation or partner
attribution is not stated count 0 there).

Usage: python3 check_quotes.py [fields.csv] [seed.txt]
Exit status 1 if any row fails.
"""
import csv
import os
import re
import sys
from collections import defaultdict

FIELDS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fields.csv")
SEED = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("MULTIVECTOR_SEED_TEXT", "../shared/seed/000_df5c64e1188ce4a4.txt")

COLUMNS = ["subject", "channel", "partner", "year", "period_start", "period_end",
           "value", "value_low", "value_high", "unit", "framework", "event_id",
           "source", "locator", "quote", "note"]
CHANNELS = ["peacekeeping", "border_security", "nonproliferation", "counter_terrorism"]
WINDOWS = [(1991, 1999), (2000, 2006), (2007, 2014)]
# Sensitivity view, after the project's `lead` attribution (CODEBOOK.md): rows whose
# partner is an organisation are reassigned to its lead state(s).
LEAD = {"CSTO": [("Russia", 1.0)], "Collective Security Treaty": [("Russia", 1.0)],
        "CIS": [("Russia", 1.0)], "SCO": [("Russia", 0.5), ("China", 0.5)],
        "Shanghai Five": [("Russia", 0.5), ("China", 0.5)], "NATO": [("United States", 1.0)]}

TRANS = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"',
                       "‘": "'", "’": "'", "‚": "'"})
DROP = re.compile(r"[\s\-\u00ad\u2013\u2014]+")
SPLIT = re.compile(r"\s*\[(?:\.\.\.|…)\]\s*")


def norm(s):
    return DROP.sub("", s.translate(TRANS))


def parse_locator(loc):
    if not loc.startswith("lines "):
        raise ValueError("locator must start with 'lines '")
    ranges = []
    for part in loc[len("lines "):].split(";"):
        part = part.strip()
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not m:
            raise ValueError("bad range %r" % part)
        a = int(m.group(1))
        b = int(m.group(2) or a)
        if b < a:
            raise ValueError("reversed range %r" % part)
        ranges.append((a, b))
    return ranges


def span_text(lines, ranges):
    out = []
    for a, b in ranges:
        for n in range(a, b + 1):
            line = lines[n - 1]
            if line.strip().isdigit():
                continue
            out.append(line)
    return norm("".join(out))


def quote_ok(text, quote):
    pos = 0
    for part in SPLIT.split(quote.strip()):
        p = norm(part)
        if not p:
            return False
        i = text.find(p, pos)
        if i < 0:
            return False
        pos = i + len(p)
    return True


def years_of(row):
    if row["year"]:
        return [int(row["year"])]
    a, b = int(row["period_start"]), int(row["period_end"])
    return list(range(a, b + 1))


def main():
    with open(SEED, encoding="utf-8") as f:
        lines = f.read().split("\n")
    with open(FIELDS, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            print("FAIL header:", reader.fieldnames)
            return 1
        rows = list(reader)

    failures = 0
    for i, r in enumerate(rows, start=2):
        errs = []
        if r["subject"] != "Kazakhstan":
            errs.append("subject")
        if r["channel"] not in CHANNELS:
            errs.append("channel %r" % r["channel"])
        if r["source"] != "seed":
            errs.append("source")
        if bool(r["year"]) == bool(r["period_start"] or r["period_end"]):
            errs.append("need year XOR period")
        if r["period_start"] and not r["period_end"]:
            errs.append("open period")
        if not re.fullmatch(r"F\d{3}", r["event_id"]):
            errs.append("event_id")
        try:
            v = float(r["value"])
            if r["value_low"] and float(r["value_low"]) > v:
                errs.append("value_low > value")
            if r["value_high"] and float(r["value_high"]) < v:
                errs.append("value_high < value")
        except ValueError:
            errs.append("value not numeric")
        try:
            ranges = parse_locator(r["locator"])
            if max(b for _, b in ranges) > len(lines):
                errs.append("range beyond seed")
            elif not quote_ok(span_text(lines, ranges), r["quote"]):
                errs.append("QUOTE NOT FOUND in %s" % r["locator"])
        except ValueError as e:
            errs.append(str(e))
        if errs:
            failures += 1
            print("FAIL line %d (%s %s %s): %s" % (i, r["event_id"], r["channel"],
                                                  r["partner"], "; ".join(errs)))

    print("checked %d rows: %d passed, %d failed" % (len(rows), len(rows) - failures, failures))
    print()

    for ch in CHANNELS:
        rs = [r for r in rows if r["channel"] == ch]
        if not rs:
            print("== %s: no rows (field dropped)" % ch)
            print()
            continue
        partners = sorted({r["partner"] for r in rs})
        ys = sorted({y for r in rs for y in years_of(r)})
        events = {r["event_id"] for r in rs}
        print("== %s: %d rows, %d activities (event_ids), %d partners, years %d-%d"
              % (ch, len(rs), len(events), len(partners), ys[0], ys[-1]))
        print("   partners: %s" % ", ".join(partners))
        for lo, hi in WINDOWS:
            for label, key in (("value", "value"), ("value_low", "value_low"), ("lead", "value")):
                score = defaultdict(float)
                for r in rs:
                    val = r[key] if (key == "value" or r["value_low"] != "") else r["value"]
                    val = float(val)
                    yrs = years_of(r)
                    inside = [y for y in yrs if lo <= y <= hi]
                    if inside:
                        share = val * len(inside) / len(yrs)
                        targets = LEAD.get(r["partner"], [(r["partner"], 1.0)]) if label == "lead" \
                            else [(r["partner"], 1.0)]
                        for t, w in targets:
                            score[t] += share * w
                ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
                ranked = [(p, s) for p, s in ranked if s > 0]
                if not ranked:
                    txt = "no activities"
                else:
                    top = ranked[0][1]
                    leaders = [p for p, s in ranked if abs(s - top) < 1e-9]
                    txt = "leader: %s (%.2f)" % (" = ".join(leaders), top)
                    txt += " | top: " + ", ".join("%s %.2f" % (p, s) for p, s in ranked[:5])
                if label == "value":
                    print("   %d-%d  %s" % (lo, hi, txt))
                elif label == "value_low":
                    print("   %d-%d  [conservative, value_low] %s" % (lo, hi, txt))
                else:
                    print("   %d-%d  [organisations -> lead state] %s" % (lo, hi, txt))
        if ch == "border_security":
            strict = [r for r in rs if "subtype=guarding" in r["note"]]
            print("   strict border-guarding subset (subtype=guarding): %d rows, partners: %s"
                  % (len(strict), ", ".join(sorted({r['partner'] for r in strict}))))
        print()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
