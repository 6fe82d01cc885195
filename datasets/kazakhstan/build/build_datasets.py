#!/usr/bin/env python3
"""Builds datasets/kazakhstan/*.csv from the vendored sources in datasets/kazakhstan/sources/.

Run from anywhere:  python3 datasets/kazakhstan/build/build_datasets.py
It reads only files inside the repository (sources/evidence, sources/sipri, sources/mme;
each folder's SOURCE.md says what they are; the registry frameworks.csv one level up and
the shared partner registry datasets/partners.csv, which it does not write) and writes the data files one level
up, plus the exercise event table and the coverage table in events/ (not observations; the
loader reads only the files directly in datasets/kazakhstan/).
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
# exercises.csv also has `series` (the recurring exercise series of the event) and `kind`
# (its missions and domains), right after event_id; the other files keep COLUMNS.
EXERCISE_COLUMNS = COLUMNS[:COLUMNS.index("event_id") + 1] + ["series", "kind"] + COLUMNS[COLUMNS.index("event_id") + 1:]
# MME's mission and domain flags, in the order `kind` lists them (as `import mme` writes them).
MME_FLAGS = ["Warfighting", "Peacekeeping", "Humanitarian", "CPX", "Air", "Land", "Sea", "Amphibious", "Cyber"]
# The kind of a seed-only exercise, from the `type` the evidence table codes from the seed
# (sources/evidence/exercises.csv, with its seed lines): counter-terrorism, rapid-reaction
# and air defence are combat missions (MME's Warfighting), air defence in the air domain;
# a cyber exercise is in the cyber domain, its mission not stated; "not stated" gives none.
SEED_TYPE_KIND = {"counter-terrorism": ["Warfighting"], "rapid-reaction": ["Warfighting"],
                  "air-defence": ["Warfighting", "Air"], "peacekeeping": ["Peacekeeping"], "cyber": ["Cyber"],
                  "not stated": [], "anti-drug": []}


def seed_kind(seed_type):
    """The `kind` of a seed exercise from its evidence `type` (several types joined by ';')."""
    kinds = {k for t in seed_type.split(";") for k in SEED_TYPE_KIND[t.strip()]}
    return ";".join(f for f in MME_FLAGS if f in kinds)


def mme_kind(mme_row):
    """The `kind` of an MME exercise: its mission and domain flags set to 1."""
    return ";".join(f for f in MME_FLAGS if mme_row[f].strip() in ("1", "1.0"))
SEED = "seed"
HERE = os.path.dirname(os.path.abspath(__file__))
DATASET = os.path.dirname(HERE)
SOURCES = os.path.join(DATASET, "sources")


def row(columns=COLUMNS, **kw):
    r = {c: "" for c in columns}
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


def write(path, rows, sort_key, columns=COLUMNS):
    rows = sorted(rows, key=sort_key)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
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
# One coded event table (events/exercise_events.csv) is built first; exercises.csv is drawn
# from it, and every row takes its event's framework. The framework follows from who
# organised the exercise (as a source names it) and who took part (membership by year in
# frameworks.csv), never from a name pattern alone. Rules (CODEBOOK.md "Exercises"):
#   bilateral      exactly one co-participant, a state: bilateral whatever the series
#   organiser      a source names the organising framework (for the event or its series) and,
#                  for frameworks with a membership list (CST, CSTO, CIS, SCO, Shanghai Five),
#                  every named co-participant state is a member that year
#   post-soviet    no organiser named; two or more co-participants, every named one a CIS
#                  member that year -> "post-soviet-multilateral"
#   other          anything else -> "multilateral-other"

# Seed exercises that MME v7 also records: (seed id -> MME id). Matching rule (CODEBOOK.md):
# same year and the same named exercise or series (transliterations normalised).
SEED_MME_MATCH = {"EX01": "mme1823", "EX02": "mme1927", "EX04": "mme3776", "EX05": "mme2530",
                  "EX06": "mme2651", "EX10": "mme3028", "EX11": "mme3153", "EX13": "mme3392"}
# Seed rows with no single year whose every candidate year is covered by MME records.
SEED_COVERED_BY_MME = {"EX09": "mme2902;mme3052;mme3172"}
# Seed partners of a matched exercise that the seed does not name for that exercise.
SEED_PARTNER_NOT_NAMED = {
    ("EX02", "Uzbekistan"): "Uzbekistan not coded for Centrazbat-2000: the seed names it only as a co-founder of the "
                            "battalion (lines 3213-3219) and says the participating states varied from year to year "
                            "(lines 3228-3236); no line names the participants of the 2000 exercise, and MME mme1927 "
                            "does not list Uzbekistan",
}
# Kind of exercise: police when the source describes the exercising units as police or
# anti-drug agencies; police exercises are not in the exercises channel.
SEED_KIND = {"EX18": ("police", "a police exercise: the seed describes a joint exercise of anti-drug and police units "
                               "(lines 8701-8705, 8859-8861); not in the exercises channel")}

# Series of the seed exercises (normalised series key, as for MME below).
SEED_SERIES = {"EX01": "yuzhny shchit sodruzhestva", "EX02": "tsentrazbat", "EX04": "vzaimodeistviye",
               "EX05": "rubezh", "EX06": "rubezh", "EX07": "peace mission", "EX09": "steppe eagle",
               "EX10": "peace mission", "EX11": "rubezh", "EX12": "peace mission", "EX13": "peace mission",
               "EX14": "rubezh", "EX15": "peace mission", "EX17": "peace mission", "EX19": "neruschimoe bratstvo",
               "EX20": "steppe eagle", "EX22": "regional cooperation", "EX23": "neruschimoe bratstvo",
               "EX24": "steppe eagle", "EX25": "combined endeavor"}
# MME series spellings -> one key (transliterations and abbreviations). MME spells the
# Interaction series both "Vzaimodeistviye" and "Vzaimodeystviye": one series, "Vzaimodeistviye".
SERIES_KEY = {"vzaimodeystviye": "vzaimodeistviye", "ce": "combined endeavor", "cbe": "cooperative best effort",
              "southern shield": "yuzhny shchit sodruzhestva"}

# The quote the seed gives for the CSTO's exercise series (Rubezh, Vzaimodejstvie, Neruschimoe bratstvo).
CSTO_SERIES_QUOTE = ('Im Rahmen der OVKS finden nicht nur rein militärische Übungen wie "Rubezh", "Zapad", '
                     '"Vzaimodejsvie", "Neruschimoe bratstvo" statt')
IPPC_QUOTE = ("Dieses Programm sieht vor, dass sich Soldaten der Partnerstaaten an internationalen militärischen "
              "Übungen sowohl in den NATO-Staaten")

# Organiser named for a whole series: key -> (organiser, basis, source, locator, quote).
# source "seed": the quote is in the cited seed lines; source "mme-v7": locator "MMEID Field"
# and the quote is in that field of that MME exercise.
SERIES_ORGANISER = {
    "rubezh": ("CSTO", "series", SEED, "lines 8013-8017", CSTO_SERIES_QUOTE),
    "vzaimodeistviye": ("CSTO", "series", SEED, "lines 8013-8017", CSTO_SERIES_QUOTE),
    "neruschimoe bratstvo": ("CSTO", "series", SEED, "lines 8013-8017", CSTO_SERIES_QUOTE),
    "peace mission": ("SCO", "series", SEED, "lines 11232-11234",
                      'alle Übungen aus der Reihe der "Friedensmission" sind in den sicherheitspolitischen Rahmen der SOZ eingebettet'),
    "tsentrazbat": ("CENTRAZBAT", "series", SEED, "lines 17499-17501",
                    'Die USA haben auch an internationalen militärischen Übungen im Rahmen von "CENTRAZBAT" im Zeitraum 1997-2000 teilgenommen'),
    "steppe eagle": ("NATO-PfP", "series", SEED, "lines 18441-18445",
                     'insbesondere während der internationalen Übung "Steppen-Adler", beurteilten die NATO-Experten die Interoperabilität einer Kompanie von KAZBAT'),
    "combined endeavor": ("NATO-PfP", "programme", SEED, "lines 18617-18621; 18672-18676",
                          IPPC_QUOTE + ' […] "Combined Endeavor" (Veranstaltungsort Deutschland)'),
    "yuzhny shchit sodruzhestva": ("CIS", "series", "mme-v7", "mme1823 FocusDescription", "the CIS's southern republics"),
    "boyevoye sodruzhestvo": ("CIS", "name", "mme-v7", "mme1908 Ex_Name", "Boyevoye Sodruzhestvo (Combat Commonwealth)"),
    "cooperative osprey": ("NATO-PfP", "series", "mme-v7", "mme1424 AdditionalParticipantInfo", "nato partnership for peace nations"),
    "cooperative longbow": ("NATO-PfP", "series", "mme-v7", "mme2892 AdditionalParticipantInfo",
                            "NATO members and participants in the Partnership for Peace program"),
    "medceur": ("NATO-PfP", "series", "mme-v7", "mme3012 AdditionalParticipantInfo", "NATO member and partner countries"),
}
# Organiser named for one exercise (overrides its series).
EVENT_ORGANISER = {
    "mme3776": ("SCO", "event", SEED, "lines 10838-10840", 'gemeinsame Antiterror-Übung "Vzaimodejstvie-2003" im SOZ-Rahmen statt'),
    "mme1927": ("CENTRAZBAT", "event", SEED, "lines 3267-3271",
                "vor der letzten gemeinsamen militärischen Übung im Rahmen des CENTRAZBAT, die erst im Herbst 2000 stattfand"),
    "mme1863": ("CIS", "event", "mme-v7", "mme1863 FocusDescription", "invaded a CIS state"),
    "mme2090": ("CIS", "event", "mme-v7", "mme2090 FocusDescription", "CIS unified air defence"),
    "mme2908": ("CIS", "event", "mme-v7", "mme2908 FocusDescription", "CIS integrated air defence system"),
    "mme3468": ("CIS", "name", "mme-v7", "mme3468 Ex_Name", "Commonwealth-2005"),
    # The Collective Rapid Deployment Forces (KSBR) are the Central Asian forces of the
    # Collective Security Treaty / CSTO (seed lines 7605-7620).
    "mme2010": ("Collective Security Treaty", "event", "mme-v7", "mme2010 FocusDescription", "Collective Rapid Deployment Forces"),
    "mme2440": ("CSTO", "event", "mme-v7", "mme2440 AdditionalParticipantInfo", "Collective Rapid Deployment Forces"),
    "mme2521": ("CSTO", "event", "mme-v7", "mme2521 AdditionalParticipantInfo", "collective rapid reaction forces"),
    "mme2779": ("CSTO", "event", "mme-v7", "mme2779 AdditionalParticipantInfo", "Collective Rapid Deployment Forces"),
    "mme1424": ("NATO-PfP", "event", "mme-v7", "mme1424 AdditionalParticipantInfo", "nato partnership for peace nations"),
    "mme3800": ("NATO-PfP", "event", "mme-v7", "mme3800 FocusDescription", "NATO-led multinational force"),
    "mme2892": ("NATO-PfP", "event", "mme-v7", "mme2892 AdditionalParticipantInfo",
                "NATO members and participants in the Partnership for Peace program"),
    "mme3012": ("NATO-PfP", "event", "mme-v7", "mme3012 AdditionalParticipantInfo", "NATO member and partner countries"),
    "mme2902": ("NATO-PfP", "event", "mme-v7", "mme2902 FocusDescription", "interoperability between Kazakh and NATO units"),
    "mme1823": ("CIS", "event", "mme-v7", "mme1823 FocusDescription", "the CIS's southern republics"),
    "EX08": ("CIS", "event", SEED, "lines 16135-16138", "während einer gemeinsamen militärischen Übung zur Luftabwehr im GUS-Rahmen im Jahr 2005"),
    "EX16": ("NATO-PfP", "programme", SEED, "lines 18617-18621; 18672-18676", IPPC_QUOTE + ' […] "Amber-2011"'),
    "EX18": ("CSTO", "event", SEED, "lines 8859-8861",
             "in der Geschichte der OVKS - ersten gemeinsamen Übung von Antidrogenbehörden der Teilnehmerstaaten"),
    "EX19": ("CSTO", "event", SEED, "lines 8165-8169",
             'die zur Vorbereitung der OVKS-Peacekeeping-Einheiten ausgerichtete Übung "Nerushimoe bratstvo" erstmals im Jahre 2012'),
    "EX21": ("NATO-PfP", "event", SEED, "lines 17615-17617",
             'Die Teilnahme kasachischer militärischer Delegation an einer NATO-Übung "Cyber-Endeavour"'),
    "EX26": ("NATO-PfP", "programme", SEED, "lines 18617-18621; 18672-18676", IPPC_QUOTE + ' […] "Wiking" (Veranstaltungsort Österreich)'),
    "EX27": ("NATO-PfP", "programme", SEED, "lines 18617-18621; 18672-18676", IPPC_QUOTE + ' […] "Challenge" (Veranstaltungsort Litauen)'),
}
# Frameworks whose members by year frameworks.csv lists (the others list only their lead).
MEMBERSHIP_FRAMEWORKS = ("CIS", "Collective Security Treaty", "CSTO", "SCO", "Shanghai Five")
ORGANISATIONS_AS_PARTNERS = ("CSTO", "SCO", "CIS", "NATO")

EVENT_COLUMNS = ["event_id", "seed_id", "name", "series", "year", "location", "kind", "flags", "kazakh_participation",
                 "participants_source", "co_participants", "n_co_participants", "unidentified", "all_members_of",
                 "organiser", "organiser_basis", "organiser_source", "organiser_locator", "organiser_quote",
                 "framework", "rule", "in_exercises", "locator", "note"]


class Registry:
    """partners.csv: every spelling -> (canonical name, kind)."""

    def __init__(self, path):
        self.names = {}
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                for alias in [r["partner"]] + [a for a in r["aliases"].split(";") if a.strip()]:
                    self.names[alias.strip().lower()] = (r["partner"], r["kind"])

    def canonical(self, name):
        hit = self.names.get(name.strip().lower())
        assert hit, f"partner {name!r} is not in partners.csv"
        return hit


class Memberships:
    """frameworks.csv: framework -> [(member, from_year, to_year or None)]."""

    def __init__(self, path):
        self.members = {}
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                to = int(r["to_year"]) if r["to_year"] else None
                self.members.setdefault(r["framework"], []).append((r["member"], int(r["from_year"]), to))

    def is_member(self, framework, state, year):
        return any(m == state and a <= year and (b is None or year <= b) for m, a, b in self.members[framework])


def series_key(text):
    key = text.strip().lower()
    return SERIES_KEY.get(key, key)


def series_name(key):
    """A series as the event table and exercises.csv write it: its key in title case
    ("steppe eagle" -> "Steppe Eagle"); empty for none."""
    return key.title()


def event_year(year):
    return int(year) if re.fullmatch(r"\d{4}", year or "") else None


def assign_framework(organiser, co, unidentified, year, reg, mem):
    """(framework, rule, all_members_of) of a Kazakh exercise; co = canonical co-participants."""
    states = [p for p in co if reg.canonical(p)[1] == "state"]
    members_of = [f for f in MEMBERSHIP_FRAMEWORKS
                  if states and all(mem.is_member(f, s, year) for s in states)
                  and mem.is_member(f, SUBJECT, year)]
    n = len(co) + unidentified
    if n == 1 and len(states) == 1:
        return "bilateral", "bilateral: one co-participant", members_of
    if organiser != "unknown":
        if organiser in MEMBERSHIP_FRAMEWORKS:
            outside = [s for s in states if not mem.is_member(organiser, s, year)]
            if outside:
                return ("multilateral-other", f"other: organiser {organiser} named, but {', '.join(outside)} "
                        f"not a member in {year}", members_of)
            return organiser, f"organiser: {organiser}, every named co-participant a member in {year}", members_of
        return organiser, f"organiser: {organiser} (membership not listed in frameworks.csv)", members_of
    if n >= 2 and len(states) == len(co) and "CIS" in members_of:
        return "post-soviet-multilateral", "post-soviet: no organiser named, every named co-participant a CIS member", members_of
    return "multilateral-other", "other: no organiser named", members_of


def organiser_of(event_id, series):
    """(organiser, basis, source, locator, quote) named for the event, else for its series."""
    if event_id in EVENT_ORGANISER:
        return EVENT_ORGANISER[event_id]
    if series in SERIES_ORGANISER:
        return SERIES_ORGANISER[series]
    return ("unknown", "none", "", "", "")


def seed_partner(name, organiser):
    """A seed partner as coded: 'not stated'/'other NATO states' under a NATO-PfP organiser -> NATO."""
    name = name.strip()
    if name in ("not stated", "other NATO states"):
        return "NATO" if organiser == "NATO-PfP" else None
    if name == "Central Asian states (unnamed)":
        return None
    return name


def read_mme(sources):
    mme = {}
    with open(os.path.join(sources, "mme/mme_v7_long_kazakhstan_exercises.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            e = mme.setdefault(r["MMEID"], {"year": int(r["year"]), "name": r["Ex_Name"], "series": r["Series_Name"],
                                           "location": r["Location"], "participants": [], "rows": r})
            e["participants"].append(r["country"])
    return mme


def build_exercise_events(sources, dataset):
    """The event table (one dict per exercise, EVENT_COLUMNS) and each event's partners as written."""
    reg = Registry(os.path.join(dataset, os.pardir, "partners.csv"))
    mem = Memberships(os.path.join(dataset, "frameworks.csv"))
    seed = evidence(sources, "exercises")
    mme = read_mme(sources)
    matched_by_mme = {v: k for k, v in SEED_MME_MATCH.items()}
    events, partners_of = [], {}

    def finish(ev, written, unidentified, year, kazakh, not_coded=None):
        """Adds co-participants, framework and rule to ev; written = [(partner as written, source row)]."""
        co = sorted({reg.canonical(p)[0] for p, _ in written})
        ev["co_participants"] = ";".join(co)
        ev["n_co_participants"] = str(len(co) + unidentified)
        ev["unidentified"] = str(unidentified)
        if not_coded:
            ev.update(framework="", rule=f"not coded: {not_coded}", all_members_of="")
        elif kazakh == "no":
            ev.update(framework="", rule="not coded: Kazakhstan did not take part", all_members_of="")
        elif year is None:
            ev.update(framework="", rule="not coded: no single year", all_members_of="")
        elif not co and not unidentified:
            ev.update(framework="", rule="not coded: no participant named", all_members_of="")
        else:
            framework, rule, members_of = assign_framework(ev["organiser"], co, unidentified, year, reg, mem)
            ev.update(framework=framework, rule=rule, all_members_of=";".join(members_of))
            if framework == "bilateral" and ev["organiser"] != "unknown":
                extra = (f"{ev['organiser']} named for the {ev['organiser_basis']}, but only one co-participant: "
                         f"bilateral")
                ev["note"] = f"{ev['note']}; {extra}" if ev["note"] else extra
        ev["in_exercises"] = "yes" if (ev["framework"] and ev["kind"] == "military") else "no"
        events.append(ev)
        partners_of[ev["event_id"]] = written

    for mid in sorted(mme, key=lambda m: (mme[m]["year"], m)):
        e = mme[mid]
        assert SUBJECT in e["participants"], mid
        sid = matched_by_mme.get(mid)
        series = series_key(e["series"]) if e["series"] else ""
        organiser = organiser_of(mid, series)
        name = e["name"] if e["name"] != "-9" else "(unnamed in MME)"
        notes = []
        written, seen = [], set()
        for p in e["participants"]:
            if p in (SUBJECT, "-9"):
                continue
            canon = reg.canonical(p)[0]
            if canon in seen:
                notes.append(f"{p} listed twice by MME, counted once")
                continue
            seen.add(canon)
            written.append((p, None))
        unidentified = e["participants"].count("-9")
        locator = mid
        if sid:
            s = seed[sid]
            locator += "; seed " + lines_locator(s["seed_lines"])
            notes.append(f"same exercise as seed {sid} (counted once)")
            for p in s["partners"].split(";"):
                p = seed_partner(p, organiser[0])
                if p is None or p in ORGANISATIONS_AS_PARTNERS or reg.canonical(p)[0] in seen:
                    continue
                if (sid, p) in SEED_PARTNER_NOT_NAMED:
                    notes.append(SEED_PARTNER_NOT_NAMED[(sid, p)])
                    continue
                seen.add(reg.canonical(p)[0])
                written.append((p, sid))
                notes.append(f"seed {sid} names {p}; MME does not")
        if unidentified:
            notes.append(f"{unidentified} participant(s) unidentified in MME (-9), not coded")
        if mid == "mme3468":
            notes.append("MME describes law-enforcement agency subdivisions; kept as MME records it (a military exercise)")
        if series_name(series) != e["series"].strip():
            notes.append(f"series as MME spells it: {e['series'].strip()}")
        ev = {"event_id": mid, "seed_id": sid or "", "name": name, "series": series_name(series),
              "flags": mme_kind(e["rows"]), "year": str(e["year"]),
              "location": e["location"] if e["location"] != "-9" else "", "kind": "military",
              "kazakh_participation": "yes", "participants_source": "both" if sid else "mme-v7",
              "organiser": organiser[0], "organiser_basis": organiser[1], "organiser_source": organiser[2],
              "organiser_locator": organiser[3], "organiser_quote": organiser[4], "locator": locator,
              "note": "; ".join(notes)}
        finish(ev, written, unidentified, e["year"], "yes")

    for sid, s in seed.items():
        if sid in SEED_MME_MATCH:
            continue
        series = SEED_SERIES.get(sid, "")
        organiser = organiser_of(sid, series)
        notes = []
        written = []
        for p in s["partners"].split(";"):
            p = seed_partner(p, organiser[0])
            if p and reg.canonical(p)[0] not in {reg.canonical(w)[0] for w, _ in written}:
                written.append((p, sid))
        kazakh = {"yes": "yes", "no": "no", "unclear": "not stated"}[s["kazakh_participation"]]
        year = event_year(s["year"])
        not_coded = None
        if sid in SEED_COVERED_BY_MME:
            not_coded = f"year not given, covered by MME {SEED_COVERED_BY_MME[sid]}"
        if sid in SEED_KIND:
            notes.append(SEED_KIND[sid][1])
        if sid == "EX22":
            notes.append("the seed gives no organiser and no participant; MME's Regional Cooperation 2005-2009 "
                         "include Afghanistan, Pakistan and Iran, so the series is not coded NATO-PfP; the seed lists "
                         "it (fn 758) among exercises 'in der Region' that partner soldiers join under NATO's IPPC")
        ev = {"event_id": sid, "seed_id": sid, "name": s["name"], "series": series_name(series),
              "flags": seed_kind(s["type"]), "year": s["year"],
              "location": s["location"], "kind": SEED_KIND.get(sid, ("military",))[0], "kazakh_participation": kazakh,
              "participants_source": SEED, "organiser": organiser[0], "organiser_basis": organiser[1],
              "organiser_source": organiser[2], "organiser_locator": organiser[3], "organiser_quote": organiser[4],
              "locator": "seed " + lines_locator(s["seed_lines"]), "note": "; ".join(notes)}
        finish(ev, written, 0, year, kazakh, not_coded)
    return events, partners_of


def build_exercises(sources, dataset):
    """exercises.csv rows (one per event and co-participant, as written in the source) and the event table."""
    seed = evidence(sources, "exercises")
    events, partners_of = build_exercise_events(sources, dataset)
    rows = []
    for ev in events:
        if ev["in_exercises"] != "yes":
            continue
        eid, year = ev["event_id"], int(ev["year"])
        if eid.startswith("mme"):
            head = f"MME v7 {eid}: {ev['name']}"
            if ev["seed_id"]:
                head += f"; same exercise as seed {ev['seed_id']} (counted once)"
            if ev["unidentified"] != "0":
                head += "; one participant unidentified in MME (-9), not coded"
            for p, sid in partners_of[eid]:
                if sid is None:
                    rows.append(row(EXERCISE_COLUMNS, channel="exercises", partner=p, year=year, value=1.0,
                                    unit="exercises", framework=ev["framework"], event_id=eid, series=ev["series"], kind=ev["flags"],
                                    source="mme-v7", locator=eid, note=head))
                else:
                    s = seed[sid]
                    rows.append(row(EXERCISE_COLUMNS, channel="exercises", partner=p, year=year, value=1.0,
                                    unit="exercises", framework=ev["framework"], event_id=eid, series=ev["series"], kind=ev["flags"],
                                    source=SEED,
                                    locator=lines_locator(s["seed_lines"]), quote=s["quote_de"],
                                    note=f"seed {sid} names {p} as a participant; MME {eid} does not"))
        else:
            s = seed[eid]
            bounds = {} if s["kazakh_participation"] == "yes" else {"value_low": 0.0, "value_high": 1.0}
            note = f"seed {eid}: {s['name']}"
            if s["kazakh_participation"] == "unclear":
                note += "; Kazakh participation not stated (value_low 0)"
            for p, _ in partners_of[eid]:
                rows.append(row(EXERCISE_COLUMNS, channel="exercises", partner=p, year=year, value=1.0,
                                unit="exercises", framework=ev["framework"], event_id=eid, series=ev["series"], kind=ev["flags"],
                                source=SEED,
                                locator=lines_locator(s["seed_lines"]), quote=s["quote_de"], note=note, **bounds))
    return rows, events

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


# ---------------------------------------------------------------- coverage (what each source covers)
COVERAGE_COLUMNS = ["channel", "source", "scope", "coverage", "source_span", "first_year", "last_year",
                    "years_with_records", "events", "rows", "citation", "note"]


def year_ranges(years):
    """Sorted years as "1995-1997; 1999"."""
    years = sorted(set(years))
    out, start = [], None
    for i, y in enumerate(years):
        if start is None:
            start = y
        if i + 1 == len(years) or years[i + 1] != y + 1:
            out.append(str(start) if start == y else f"{start}-{y}")
            start = None
    return "; ".join(out)


def row_years(r):
    if r["year"]:
        return [int(r["year"])]
    return list(range(int(r["period_start"]), int(r["period_end"]) + 1))


def coverage_row(channel, source, scope, coverage, source_span, rows, citation, note, events=None):
    years = [y for r in rows for y in row_years(r) if float(r["value"]) > 0]
    return {"channel": channel, "source": source, "scope": scope, "coverage": coverage, "source_span": source_span,
            "first_year": str(min(years)) if years else "", "last_year": str(max(years)) if years else "",
            "years_with_records": year_ranges(years), "events": "" if events is None else str(events),
            "rows": str(len(rows)), "citation": citation, "note": note}


def build_coverage(arms, exercises, events, persons, places, aid, items, agreements):
    cov = []
    cov.append(coverage_row(
        "arms", "sipri-tiv-2022-07", "deliveries by supplier and year", "systematic", "1992-2021", arms,
        "sources/sipri/SOURCE.md; SOURCES.md (sipri-tiv-2022-07)",
        "every year 1992-2021 coded for every supplier that ever delivered: a 0 is 'no delivery recorded', not missing; "
        "years_with_records lists years with a delivery"))
    mme_rows = [r for r in exercises if r["event_id"].startswith("mme")]
    mme_events = [e for e in events if e["event_id"].startswith("mme") and e["in_exercises"] == "yes"]
    cov.append(coverage_row(
        "exercises", "mme-v7", "every MME exercise with Kazakhstan", "systematic", "1980-2010", mme_rows,
        "sources/mme/SOURCE.md ('MME covers 1980-2010'); SOURCES.md (mme-v7)",
        "MME v7 records no exercise with Kazakhstan before 1995 and ends in 2010; rows of these events that only the seed "
        "names are counted here (event_id = MME id)", events=len(mme_events)))
    seed_events = [e for e in events if e["event_id"].startswith("EX") and e["in_exercises"] == "yes"]
    seed_rows = [r for r in exercises if r["event_id"].startswith("EX")]
    late = [e for e in seed_events if int(e["year"]) >= 2011]
    late_unclear = [e for e in late if e["kazakh_participation"] != "yes"]
    cov.append(coverage_row(
        "exercises", SEED, "exercises the dissertation names, where MME has none", "examples", "1999-2013", seed_rows,
        "seed lines 8079-8081 ('Von den neun im Zeitraum von 2004 bis 2012 stattgefundenen \"Rubezh-Übungen\" seien als "
        "Beispiel zwei aufgeführt'); sources/evidence/exercises_report.md sections 3-4",
        f"examples only: the text has no list or table of exercises; after MME ends (2011-2013) the channel holds "
        f"only {len(late)} exercises the seed names, {len(late_unclear)} of them with Kazakh participation not stated "
        f"(value_low 0); before 2011 only the CIS air-defence exercise of 2005 (EX08) is added",
        events=len(seed_events)))
    for r in persons:
        cov.append(coverage_row(
            "training", SEED, f"{r['partner']}: persons trained ({r['note'].split(': ', 1)[0]})", "total",
            f"{r['period_start']}-{r['period_end']}", [r], f"seed {r['locator']}",
            "one cumulative total over its span (docs/METHODS.md 1.4: a rate over the span, years outside it not covered)"))
    cov.append(coverage_row(
        "training_places", SEED, "Russian places per year", "examples", "2002-2006", places,
        " | ".join(f"seed {r['locator']}" for r in places), "single years the text gives; no series"))
    cov.append(coverage_row(
        "arms_aid", SEED, "free military aid", "total", "1994-2013", aid,
        " | ".join(f"seed {r['locator']}" for r in aid), "two totals (China, United States); not TIV"))
    cov.append(coverage_row(
        "arms_items", SEED, "systems ordered or announced", "examples", "2010-2014", items,
        " | ".join(f"seed {r['locator']}" for r in items), "two deals; counts not additive across types"))
    cov.append(coverage_row(
        "agreements", SEED, "dated agreements the dissertation names", "examples", "1992-2013", agreements,
        "sources/evidence/SOURCE.md; SOURCES.md (seed)",
        "the agreements the text documents, not a register of all agreements",
        events=len({r["event_id"] for r in agreements})))
    return cov


def write_table(path, columns, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    os.replace(path + ".tmp", path)
    print(f"{path}: {len(rows)} rows")



def main():
    if len(sys.argv) > 1:
        sys.exit("usage: build_datasets.py (no arguments: it reads datasets/kazakhstan/sources/)")
    sources, out = SOURCES, DATASET
    key = lambda r: (r["channel"], year_key(r), r["event_id"], r["partner"])
    arms = build_arms(sources)
    write(os.path.join(out, "arms.csv"), arms, lambda r: (int(r["year"]), r["partner"]))
    aid, items = build_arms_seed(sources)
    write(os.path.join(out, "arms_aid.csv"), aid, key)
    write(os.path.join(out, "arms_items.csv"), items, key)
    persons, places = build_training(sources)
    write(os.path.join(out, "training.csv"), persons, key)
    write(os.path.join(out, "training_places.csv"), places, key)
    exercises, events = build_exercises(sources, out)
    write(os.path.join(out, "exercises.csv"), exercises, key, EXERCISE_COLUMNS)
    agreements = build_agreements(sources)
    write(os.path.join(out, "agreements.csv"), agreements, key)
    # Not observations: in events/, a folder the loader does not read (it reads only the
    # files directly in datasets/kazakhstan/).
    write_table(os.path.join(out, "events", "exercise_events.csv"), EVENT_COLUMNS, events)
    write_table(os.path.join(out, "events", "coverage.csv"), COVERAGE_COLUMNS,
                build_coverage(arms, exercises, events, persons, places, aid, items, agreements))


if __name__ == "__main__":
    main()
