#!/usr/bin/env python3
"""Builds datasets/kazakhstan/*.csv from the vendored sources in datasets/kazakhstan/sources/.

Run from anywhere:  python3 datasets/kazakhstan/build/build_datasets.py
It reads only files inside the repository (sources/evidence, sources/sipri, sources/mme;
each folder's SOURCE.md says what they are) and writes the data files one level up.
Standard library only; deterministic (same inputs -> byte-identical CSVs). Every coding
decision made here is documented in datasets/kazakhstan/CODEBOOK.md.
"""
import csv
import io
import os
import re
import sys

SUBJECT = "Kazakhstan"
COLUMNS = ["subject", "channel", "partner", "year", "period_start", "period_end", "value",
           "value_low", "value_high", "unit", "framework", "event_id", "source", "locator", "quote", "note"]
SEED = "seed"
HERE = os.path.dirname(os.path.abspath(__file__))
DATASET = os.path.dirname(HERE)
SOURCES = os.path.join(DATASET, "sources")


def row(**kw):
    r = {c: "" for c in COLUMNS}
    r["subject"] = SUBJECT
    for k, v in kw.items():
        assert k in r, k
        r[k] = "" if v is None else (fmt(v) if isinstance(v, float) else str(v))
    return r


def fmt(x):
    """Shortest decimal that round-trips, without a trailing '.0' for integers."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def lines_locator(seed_lines):
    parts = [p.strip() for p in seed_lines.split(";") if p.strip()]
    return "lines " + "; ".join(parts)


def write(path, rows, sort_key):
    rows = sorted(rows, key=sort_key)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    with open(path + ".tmp", "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    os.replace(path + ".tmp", path)
    print(f"{path}: {len(rows)} rows")


def year_key(r):
    return int(r["year"] or r["period_start"])


def evidence(sources, table):
    """One evidence table (sources/evidence/TABLE.csv) by row id, in file order."""
    with open(os.path.join(sources, "evidence", table + ".csv"), encoding="utf-8", newline="") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


# ---------------------------------------------------------------- arms (SIPRI TIV)
def build_arms(sources):
    path = os.path.join(sources, "sipri/tiv_kazakhstan_by_supplier_2022-07.csv")
    deliveries = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            assert r["recipient"] == SUBJECT and r["vintage"] == "2022-07"
            deliveries[(r["supplier"], int(r["year"]))] = float(r["tiv_mn"])
    suppliers = sorted({s for s, _ in deliveries})
    rows = []
    # Coverage of this SIPRI extract: deliveries 1992-2021. Every supplier that delivered at
    # least once gets a row for every covered year: 0 is a structural zero (no delivery
    # recorded by SIPRI), not a missing value.
    for year in range(1992, 2022):
        for s in suppliers:
            v = deliveries.get((s, year), 0.0)
            rows.append(row(channel="arms", partner=s, year=year, value=v, unit="TIV_mn", framework="bilateral",
                            source="sipri-tiv-2022-07",
                            locator=f"tiv_kazakhstan_by_supplier_2022-07.csv: {s} {year}",
                            note="" if v > 0 else "structural zero: no delivery recorded by SIPRI"))
    return rows


# ---------------------------------------------------------------- arms aid and items (seed)
def build_arms_seed(sources):
    ev = evidence(sources, "arms")
    aid, items = [], []
    a14 = ev["A14"]
    aid.append(row(channel="arms_aid", partner="China", period_start=1998, period_end=2013, value=5.5e6, unit="USD",
                   framework="bilateral", source=SEED, locator=lines_locator(a14["seed_lines"]),
                   quote=a14["quote_de"], note="evidence A14: free equipment deliveries 1998-2013; figure not official (author)"))
    a23 = ev["A23"]
    aid.append(row(channel="arms_aid", partner="United States", period_start=1994, period_end=2013, value=91e6,
                   value_low=91e6, unit="USD", framework="bilateral", source=SEED,
                   locator=lines_locator(a23["seed_lines"]), quote=a23["quote_de"],
                   note="evidence A23: 'über 91 Mio.': lower bound; includes training; period not stated, coded 1994 (MoU, IMET) to 2013 (interview)"))
    a10 = ev["A10"]
    items.append(row(channel="arms_items", partner="Russia", year=2014, value=5, unit="systems (not additive)",
                     framework="CSTO", source=SEED, locator=lines_locator(a10["seed_lines"]),
                     quote=a10["quote_de"], note="evidence A10: S-300PS: five 'Divisionen' (battalions), free of charge, announced for 2014; delivery not confirmed in the text"))
    a35 = ev["A35"]
    items.append(row(channel="arms_items", partner="EADS", year=2010, value=45, unit="systems (not additive)",
                     framework="bilateral", source=SEED, locator=lines_locator(a35["seed_lines"]),
                     quote=a35["quote_de"], note="evidence A35: 45 EC-145 helicopters ordered (MoD and Emergencies Ministry); order year not stated, coded at the EADS joint venture (2010)"))
    return aid, items


# ---------------------------------------------------------------- training (seed)
def build_training(sources):
    ev = evidence(sources, "training")
    persons, places = [], []

    def add(target, tid, channel, partner, framework, unit, start, end, value, low=None, high=None, note=""):
        e = ev[tid]
        dating = dict(year=start) if start == end else dict(period_start=start, period_end=end)
        # No event_id: each figure is its own resampling unit (not a multi-partner event).
        target.append(row(channel=channel, partner=partner, value=float(value), value_low=low, value_high=high,
                          unit=unit, framework=framework, source=SEED,
                          locator=lines_locator(e["seed_lines"]), quote=e["quote_de"], note=f"evidence {tid}: {note}", **dating))

    # Persons trained abroad: one non-overlapping cumulative figure per partner.
    add(persons, "T14", "training", "Russia", "bilateral", "persons", 1996, 2012, 4677,
        note="cumulative 1996-2012 (736 long courses, 1096 short courses, 23 doctoral, 2805 cadets); interviewee G")
    add(persons, "T21", "training", "China", "bilateral", "persons", 2003, 2012, 111, 99.9, 122.1,
        note="'etwa 111' (about: +-10 %); end year approximate ('bis ca. 2012')")
    add(persons, "T22", "training", "United States", "bilateral", "persons", 1994, 2013, 390, 351.0, 429.0,
        note="'ca. 390' (about: +-10 %), mainly IMET; as of autumn 2013; start coded 1994 (IMET start, line 17506)")
    add(persons, "T24", "training", "United States", "bilateral", "persons", 1994, 2013, 100, 0.0, 110.0,
        note="Marshall Center courses, about 100; may be part of the 390 (T22), hence value_low 0")
    add(persons, "T26", "training", "NATO", "NATO-PfP", "persons", 2004, 2013, 20, 20.0, None,
        note="'über 20' COP evaluators (lower bound); Kazakhstan joined COP in January 2004; as of September 2013")
    add(persons, "T27", "training", "NATO", "NATO-PfP", "persons", 2003, 2012, 30, 30.0, None,
        note="'etwas mehr als 30' on UN peacekeeping preparation courses in the PfP/IPPC context (lower bound)")
    # Training places offered per year (Russia only: the text gives no other partner's quotas).
    add(places, "T10", "training_places", "Russia", "bilateral", "places per year", 2002, 2002, 150,
        note="annual quota of places for Kazakh servicemen in Russian military education institutions")
    add(places, "T11", "training_places", "Russia", "bilateral", "places per year", 2003, 2003, 250,
        note="annual quota, up from 150")
    add(places, "T04", "training_places", "Russia", "CSTO", "places per year", 2005, 2006, 238,
        note="free-of-charge places under the CSTO training agreement (238 of 434); year inferred from context")
    return persons, places


# ---------------------------------------------------------------- exercises (seed + MME v7)
# Seed exercises that MME v7 also records: (seed id -> MME id). Matching rule (CODEBOOK.md):
# same year and the same named exercise or series (transliterations normalised).
SEED_MME_MATCH = {"EX01": "mme1823", "EX02": "mme1927", "EX04": "mme3776", "EX05": "mme2530",
                  "EX06": "mme2651", "EX10": "mme3028", "EX11": "mme3153", "EX13": "mme3392"}
# Seed rows with no single year whose every candidate year is covered by MME records.
SEED_COVERED_BY_MME = {"EX09": "mme2902;mme3052;mme3172"}

# Framework guessed from the MME series name (the seed's frameworks for the same series).
SERIES_FRAMEWORK = [
    (r"rubezh", "CSTO"), (r"vzaimode", "CSTO"), (r"peace mission", "SCO"), (r"norak", "SCO"),
    (r"tsentrazbat|centrazbat", "CENTRAZBAT"), (r"yuzhny shchit|southern shield", "CIS"),
    (r"boyevoye sodruzhestvo|combat commonwealth|military partnership", "CIS"),
    (r"south anti.?terror|anti-terror", "CIS"),
    (r"steppe eagle|cooperative|combined endeavor|\bce\b|peace shield|rapid trident|medceur|rescuer|"
     r"regional response|\bcbe\b|cooperative best effort", "NATO-PfP"),
]


def mme_framework(series, ex_name, co_participants):
    text = f"{series} {ex_name}".lower()
    # Vzaimodeistviye-2003 is the SCO exercise (seed EX04, fn 425 notes the name is shared).
    if "vzaimode" in text and "2003" in text:
        return "SCO"
    for pattern, framework in SERIES_FRAMEWORK:
        if re.search(pattern, text):
            return framework
    return "bilateral" if len(co_participants) == 1 else "multilateral-other"


def seed_partner(name, framework):
    name = name.strip()
    if name in ("not stated", "other NATO states"):
        return "NATO" if framework == "NATO-PfP" else None
    if name == "Central Asian states (unnamed)":
        return None
    return name


def build_exercises(sources):
    seed = evidence(sources, "exercises")
    mme = {}
    with open(os.path.join(sources, "mme/mme_v7_long_kazakhstan_exercises.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            e = mme.setdefault(r["MMEID"], {"year": int(r["year"]), "name": r["Ex_Name"], "series": r["Series_Name"],
                                           "participants": []})
            if r["country"] not in e["participants"]:
                e["participants"].append(r["country"])
    matched_by_mme = {v: k for k, v in SEED_MME_MATCH.items()}
    rows = []
    for mid in sorted(mme, key=lambda m: (mme[m]["year"], m)):
        e = mme[mid]
        assert SUBJECT in e["participants"], mid
        co = sorted(p for p in e["participants"] if p not in (SUBJECT, "-9"))
        name = e["name"] if e["name"] != "-9" else "(unnamed in MME)"
        framework = mme_framework(e["series"], e["name"], co)
        note = f"MME v7 {mid}: {name}"
        if "-9" in e["participants"]:
            note += "; one participant unidentified in MME (-9), not coded"
        sid = matched_by_mme.get(mid)
        if sid:
            note += f"; same exercise as seed {sid} (counted once)"
        for p in co:
            rows.append(row(channel="exercises", partner=p, year=e["year"], value=1.0, unit="exercises",
                            framework=framework, event_id=mid, source="mme-v7", locator=mid, note=note))
        if sid:
            # Union of participants: seed partners that MME does not list, from the seed row.
            s = seed[sid]
            for p in s["partners"].split(";"):
                p = seed_partner(p, s["framework"])
                if p is None or p in co or p in ("CSTO", "SCO", "CIS", "NATO"):
                    continue
                rows.append(row(channel="exercises", partner=p, year=e["year"], value=1.0, unit="exercises",
                                framework=framework, event_id=mid, source=SEED, locator=lines_locator(s["seed_lines"]),
                                quote=s["quote_de"], note=f"seed {sid} names {p} as a participant; MME {mid} does not"))
    for sid, s in seed.items():
        if sid in SEED_MME_MATCH or sid in SEED_COVERED_BY_MME:
            continue
        if s["kazakh_participation"] == "no" or not re.fullmatch(r"\d{4}", s["year"]):
            continue
        bounds = {} if s["kazakh_participation"] == "yes" else {"value_low": 0.0, "value_high": 1.0}
        note = f"seed {sid}: {s['name']}"
        if s["kazakh_participation"] == "unclear":
            note += "; Kazakh participation not stated (value_low 0)"
        partners = []
        for p in s["partners"].split(";"):
            p = seed_partner(p, s["framework"])
            if p and p not in partners:
                partners.append(p)
        for p in partners:
            rows.append(row(channel="exercises", partner=p, year=int(s["year"]), value=1.0, unit="exercises",
                            framework=s["framework"], event_id=sid, source=SEED, locator=lines_locator(s["seed_lines"]),
                            quote=s["quote_de"], note=note, **bounds))
    return rows


# ---------------------------------------------------------------- agreements (seed)
PARTNER_DE = {
    "OVKS-Mitgliedsstaaten": "CSTO", "OVKS-Mitgliedsstaaten (Russland)": "CSTO", "VKS-Mitgliedsstaaten": "Collective Security Treaty",
    "SOZ-Mitgliedsstaaten": "SCO", "SOZ (Sekretariat)": "SCO", "GUS-Staaten": "CIS", "GUS-Staaten (Russland)": "CIS",
    "NATO (NAMSA)": "NATO", "USA/NATO": "United States", "UNO (DPKO)": "United Nations", "UNO": "United Nations",
    "UNODC": "United Nations", "CARICC (zentralasiatisches Informations- und Koordinationszentrum)": "United Nations",
    "Türkei (Aselsan)": "Turkey", "Frankreich (Thales)": "France", "Spanien (Indra)": "Spain",
    "EADS/Eurocopter (EU)": "EADS",
}
FRAMEWORK_DE = [
    (r"^VKS/OVKS$", None), (r"^OVKS/SOZ$", "multilateral-other"), (r"^OVKS", "CSTO"), (r"^SOZ", "SCO"),
    (r"^GUS", "CIS"), (r"^NATO", "NATO-PfP"), (r"^Shanghaier", "Shanghai Five"), (r"CENTRAZBAT", "CENTRAZBAT"),
    (r"^Zentralasien", "multilateral-other"), (r"^KADEX", "multilateral-other"), (r"^bilateral", "bilateral"),
]
AGREEMENT_KINDS = {"treaty", "agreement", "memorandum", "programme", "plan"}


def agreement_partners(text):
    text = text.strip()
    if text in PARTNER_DE:
        return [PARTNER_DE[text]]
    if text.startswith("Kirgisistan, Usbekistan (Teilnehmer"):
        text = "Kirgisistan, Usbekistan"
    if text.startswith("Zentralasiatische Staaten") or text.startswith("diverse"):
        return []
    return [PARTNER_DE.get(p.strip(), p.strip()) for p in text.split(",")]


def agreement_framework(text, year):
    for pattern, framework in FRAMEWORK_DE:
        if re.search(pattern, text):
            if framework is None:  # VKS until the CSTO charter (2002), then CSTO
                return "Collective Security Treaty" if year < 2002 else "CSTO"
            return framework
    raise ValueError(f"unmapped framework {text!r}")


def build_agreements(sources):
    rows = []
    for r in evidence(sources, "agreements").values():
        lease = r["kind"] == "lease" and re.match(r"(Pachtvertrag|Erneuerung)", r["title"])
        if not (r["kind"] in AGREEMENT_KINDS or lease) or not r["year"]:
            continue
        year = int(r["year"])
        framework = agreement_framework(r["framework"], year)
        for p in agreement_partners(r["partner"]):
            rows.append(row(channel="agreements", partner=p, year=year, value=1.0, unit="agreements",
                            framework=framework, event_id=r["id"], source=SEED, locator=lines_locator(r["seed_lines"]),
                            quote=r["quote_de"], note=f"{r['kind']}: {r['title']}"))
    return rows


def main():
    if len(sys.argv) > 1:
        sys.exit("usage: build_datasets.py (no arguments: it reads datasets/kazakhstan/sources/)")
    sources, out = SOURCES, DATASET
    key = lambda r: (r["channel"], year_key(r), r["event_id"], r["partner"])
    write(os.path.join(out, "arms.csv"), build_arms(sources), lambda r: (int(r["year"]), r["partner"]))
    aid, items = build_arms_seed(sources)
    write(os.path.join(out, "arms_aid.csv"), aid, key)
    write(os.path.join(out, "arms_items.csv"), items, key)
    persons, places = build_training(sources)
    write(os.path.join(out, "training.csv"), persons, key)
    write(os.path.join(out, "training_places.csv"), places, key)
    write(os.path.join(out, "exercises.csv"), build_exercises(sources), key)
    write(os.path.join(out, "agreements.csv"), build_agreements(sources), key)


if __name__ == "__main__":
    main()
