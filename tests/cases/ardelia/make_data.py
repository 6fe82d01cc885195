#!/usr/bin/env python3
"""Writes the invented case's arms.csv, exercises.csv and training.csv (deterministic; run from this folder).

Ardelia is an invented country for tests/second_case.rs: Borovia (the focal partner) leads
early and is overtaken by Calonia, so the data plant Thesis 1 in every channel.
"""
import csv

YEARS = range(2000, 2012)


def lerp(a, b, year):
    return a + (b - a) * (year - YEARS[0]) / (YEARS[-1] - YEARS[0])


def write(name, header, rows):
    with open(name, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header.split(","))
        w.writerows(rows)


def arms():
    rows = []
    for year in YEARS:
        for partner, (a, b) in {"Borovia": (10, 4), "Calonia": (1, 12), "Dravia": (1, 3), "Estmark": (0, 2)}.items():
            rows.append(["Ardelia", "arms", partner, year, round(lerp(a, b, year), 1), "TIV_mn", "bilateral", "invented", f"arms {partner} {year}"])
    write("arms.csv", "subject,channel,partner,year,value,unit,framework,source,locator", rows)


def exercises():
    early = [["Borovia"], ["Borovia", "Dravia"], ["Northern Pact"]]
    middle = [["Borovia"], ["Calonia"], ["Calonia", "Estmark"], ["Northern Pact"]]
    late = [["Calonia"], ["Calonia", "Estmark"], ["Fjordland"], ["Borovia"], ["Dravia", "Calonia"]]
    rows, k = [], 0
    for year in YEARS:
        for parts in early if year < 2004 else middle if year < 2008 else late:
            k += 1
            framework = "Northern Pact" if parts == ["Northern Pact"] else "multilateral-other" if len(parts) > 1 else "bilateral"
            rows += [["Ardelia", "exercises", p, year, 1, "exercises", framework, f"ex{k:03d}", "invented", f"exercise ex{k:03d}"] for p in parts]
    write("exercises.csv", "subject,channel,partner,year,value,unit,framework,event_id,source,locator", rows)


def training():
    rows = [
        ["Ardelia", "training", "Borovia", 2000, 2011, 600, 550, 650],
        ["Ardelia", "training", "Calonia", 2004, 2011, 640, "", ""],
        ["Ardelia", "training", "Estmark", 2006, 2011, 120, "", ""],
    ]
    rows = [r + ["persons", "bilateral", "invented", f"training total {i + 1}"] for i, r in enumerate(rows)]
    write("training.csv", "subject,channel,partner,period_start,period_end,value,value_low,value_high,unit,framework,source,locator", rows)


if __name__ == "__main__":
    arms()
    exercises()
    training()
