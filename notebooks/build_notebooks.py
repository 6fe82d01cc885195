#!/usr/bin/env python3
"""Writes the two notebooks (source cells only) beside this script; run_notebooks.py
executes them (`--write` stores the outputs in the committed notebooks).

The notebooks call the multivector binary and read its machine-readable outputs; they
contain no second implementation of any index or probability.
"""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

FIND_BINARY = '''import json, os, shutil, subprocess, tempfile
from pathlib import Path
ROOT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
BIN = shutil.which("multivector") or str(ROOT / "target" / "release" / "multivector")
assert Path(BIN).exists(), "build first: cargo build --release"
def mv(*args):
    """Runs multivector, returns its standard output (raises on a non-zero exit)."""
    done = subprocess.run([BIN, *map(str, args)], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return done.stdout
print(BIN)'''

# Helpers shared by both notebooks: the three probabilities of a channel or of "overall",
# and the claims as a table. Both read the JSON of `theses` (= the report's summary.json).
HELPERS = '''import polars as pl
pl.Config.set_tbl_rows(60); pl.Config.set_tbl_cols(-1); pl.Config.set_fmt_str_lengths(400); pl.Config.set_tbl_width_chars(220)

def bayes_factor(part):
    bf = part["bayes_factor_t2_t1"]
    return "not estimable" if bf is None else f"{bf:.3g}"

def probabilities(result):
    """P(T1), P(T2), P(neither) with priors, Bayes factor and second prior, per channel and overall."""
    parts = [(c["channel"], c) for c in result["channels"]] + [("overall", result["overall"])]
    return pl.DataFrame([{
        "channel": name, "P(T1)": p["p_t1"], "P(T2)": p["p_t2"], "P(neither)": p["p_neither"],
        "prior P(T1)": p["prior_t1"], "prior P(T2)": p["prior_t2"], "Bayes factor T2:T1": bayes_factor(p),
        "2nd prior P(T1)": p["second_prior"]["p_t1"], "2nd prior P(T2)": p["second_prior"]["p_t2"],
        "2nd prior P(neither)": p["second_prior"]["p_neither"], "draws": p["draws"],
    } for name, p in parts])

def claims(result):
    """Every claim of every channel and overall: its probability, prior, status and evidence."""
    parts = [(c["channel"], c) for c in result["channels"]] + [("overall", result["overall"])]
    return pl.DataFrame([{
        "channel": name, "claim": k["id"], "thesis": k["thesis"], "probability": k["probability"],
        "prior": k["prior"], "informed": k["informed"], "status": k["status"],
        "evidence": k["summary"],  # a claim not informed says why and that it keeps its prior
    } for name, p in parts for k in p["criteria"]])'''

reproduce = new_notebook(cells=[
    new_markdown_cell(
        "# Reproduce the answer\n\n"
        "This notebook regenerates the bundled Kazakhstan report with the `multivector` binary, loads its "
        "machine-readable outputs (`summary.json`, `indices.csv`, `multiverse.csv`) and walks through the answer: "
        "the probabilities of Thesis 1, Thesis 2 and neither, and every claim behind them. Every number comes from "
        "the binary; `summary.json` is the same document as `multivector theses --format json`."),
    new_code_cell(FIND_BINARY),
    new_code_cell('out = Path(tempfile.mkdtemp()) / "kazakhstan"\nprint(mv("report", "--out", out).replace(str(out.parent), "<temporary folder>"))\n'
                  'summary = json.loads((out / "summary.json").read_text())\n'
                  'for sentence in summary["overall"]["headline"]:\n    print("*", sentence)'),
    new_markdown_cell(
        "## The answer: three probabilities\n\n"
        "The model draws every partner's yearly rate of cooperation per channel and period jointly from the data's "
        "units of evidence (exercises, arms deals, blocks of years, period totals; docs/METHODS.md §1.4). In each "
        "draw every claim either holds or not, and a thesis holds when all of its claims hold *in the same draw*: "
        "T1 = C1 ∧ C4 ∧ C5 ∧ C7, T2 = C1 ∧ D3 ∧ D4. A draw in which neither conjunction holds, or both do (possible "
        "where a claim enters with its prior draw, and in the overall pool), counts as *neither*, so "
        "P(T1) + P(T2) + P(neither) = 1 per channel and overall.\n\n"
        "* **prior P(T1), P(T2)**: the same conjunctions on draws from the prior alone, i.e. what the procedure says "
        "with no data;\n"
        "* **Bayes factor T2:T1**: how much the data change the odds of T2 against T1 — "
        "[P(T2)/P(T1)] / [prior P(T2)/prior P(T1)]; not estimable when one of the four counts of draws is 0;\n"
        "* **second prior**: the main specification again with a₀ = `[prior] sensitivity_units` pseudo-units per "
        "period instead of `units`, to show how much the prior matters.\n\n"
        "Overall, each claim is pooled over the channels per draw: it holds when the channels in which it holds "
        "carry at least `overall_majority` of the weight of the channels that inform it."),
    new_code_cell(HELPERS + '\n\nprobabilities(summary)'),
    new_markdown_cell(
        "## The claims, each a probability (docs/METHODS.md §1.2)\n\n"
        "Each claim's probability is the share of the joint posterior draws in which it holds; its prior is the "
        "same share on draws from the prior alone. *Early* is the first period with data, *late* the last.\n\n"
        "* **C1 – the scope grew** (both theses): more expected active partners per year late than early.\n"
        "* **C4 – Russia shares the lead** (Thesis 1): late, Russia's rate is below `dominance_min` (1.5) times the "
        "largest other partner's.\n"
        "* **C5 – no main partner** (Thesis 1): late, ENP ≥ `enp_min` (2.5) and Russia's share < `focal_share_max` (0.5).\n"
        "* **C7 – the lead narrowed** (Thesis 1, \"nun teilen\"): Russia's dominance fell from early to late.\n"
        "* **C6 – the leader depends on the field** (Thesis 1, overall only): the channels' late leaders differ; it "
        "enters T1 only under the multiverse's reading \"full\".\n"
        "* **D3 – the Russian vector is strongest** (Thesis 2): in every period Russia's rate is at least "
        "`dominance_min` times the largest other's.\n"
        "* **D4 – deepening** (Thesis 2): Russia's rate grows by at least `growth_min` (1.25) from early to late; "
        "**D4c** reads deepening as continuous, every period to the next (the multiverse's deepening choice).\n\n"
        "T1 = C1 ∧ C4 ∧ C5 ∧ C7 and T2 = C1 ∧ D3 ∧ D4, evaluated in the same posterior draw, so a thesis is never "
        "more probable than its weakest claim (the headline's *deciding component*). C4 and D3 exclude each other "
        "within a draw.\n\n"
        "**Status** is only a coarsening of the probability for tables: *supported* when P ≥ 0.975, *contradicted* "
        "when P ≤ 0.025, *inconclusive* otherwise. A claim the data cannot inform (Russia's single 1996-2012 "
        "training total says nothing about deepening) is *not informed*: it keeps its prior probability, enters the "
        "theses with its prior draw and does not count in the overall pool."),
    new_code_cell('claims(summary)'),
    new_markdown_cell("The quantity behind each claim, with its central 95 % credible interval over the posterior "
                      "draws (none when fewer than 95 % of the draws define it) and the threshold it is compared with:"),
    new_code_cell('pl.DataFrame([{"channel": c["channel"], "claim": k["id"], "probability": k["probability"], '
                  '"point": k["numbers"].get("point"), "interval_low": k["interval_low"], "interval_high": k["interval_high"], '
                  '"threshold": k["threshold"], "not informed because": k["not_informed_because"]} '
                  'for c in summary["channels"] for k in c["criteria"]])'),
    new_markdown_cell(
        "## What can these data detect?\n\n"
        "The report's calibration in three views (docs/METHODS.md §1.5). *Self-consistency*: worlds drawn from the "
        "model's own prior, with these data's structure; each stated probability is checked against how often the "
        "statement truly holds (expected calibration error, ECE, beside the ECE a perfectly calibrated forecaster "
        "would show with as many statements). *The power surface*: worlds shaped like these data with Russia's late "
        "dominance and growth planted on a grid declared in the analysis file; each cell counts the worlds in which "
        "a thesis is very likely (P ≥ 0.9), with its 95 % Clopper-Pearson interval."),
    new_code_cell('calibration = summary["calibration"]\nfor finding in calibration["findings"]:\n    print("*", finding)\n'
                  'pl.DataFrame([{"prior a0": e["prior_units"], "statement": e["statement"], "scope": e["scope"], "n": e["n"], '
                  '"ECE": e["value"], "ECE, calibrated 95th percentile": e["calibrated_95"]} for e in calibration["ece"]])'),
    new_markdown_cell("The power surface overall: per cell, the share of worlds in which Thesis 2 (and Thesis 1) is very "
                      "likely, with the interval; the null cell has both claims at their thresholds."),
    new_code_cell('details = json.loads((out / calibration["details"]).read_text())["calibration"]  # the whole calibration\n'
                  'pl.DataFrame([{"dominance": c["dominance"], "growth": c["growth"], "null": c["null"], '
                  '"T2 very likely": s["t2_very_likely"]["rate"], "low": s["t2_very_likely"]["low"], "high": s["t2_very_likely"]["high"], '
                  '"T1 very likely": s["t1_very_likely"]["rate"], "mean P(T2)": s["mean_p_t2"]} '
                  'for c in details["power"]["cells"] for s in c["scopes"] if s["scope"] == "overall"])'),
    new_markdown_cell("## The indices behind the claims\n\nThe descriptive index suite per channel and year (arms shown)."),
    new_code_cell('indices = pl.read_csv(out / "indices.csv")\nindices.filter(pl.col("channel") == "arms").select(["year_start", "total", "richness", "enp", "focal_share", "focal_rank", "cr1_partner"])'),
    new_markdown_cell("## Key charts"),
    new_code_cell('from IPython.display import Image, display\nfor chart in ["shares", "concentration", "focal"]:\n    display(Image(filename=str(out / f"chart_{chart}.png"), width=900))'),
    new_markdown_cell(
        "## The multiverse\n\n"
        "The same probabilities over every combination of coding choices: how multilateral frameworks are attributed, "
        "window length, break years, exercise weighting, channel weights, horizon, vintage, coverage, first year, the "
        "reading of the theses and of deepening. `summary.json` holds the distribution of P(T1) and P(T2) over the "
        "specifications (median, smallest, largest) and the share in which each is very likely (P ≥ 0.9); "
        "`multiverse.csv` holds every specification."),
    new_code_cell('multiverse = summary["multiverse"]\nprint(multiverse["count"], "specifications;", multiverse["specifications_file"], "holds each of them")\n'
                  'print(pl.DataFrame([{"choice": d["choice"], "values": ", ".join(d["values"])} for d in multiverse["dimensions"]]))\n'
                  'pl.DataFrame([{"thesis": t, **multiverse[f"p_{t.lower()}"], "very likely (share of specifications)": multiverse[f"very_likely_{t.lower()}"]} '
                  'for t in ["T1", "T2"]])'),
    new_markdown_cell("Which choice moves the answer most: the specifications are grouped so that those in a group differ "
                      "only in one choice; `mean_spread_t2` is the mean range of P(T2) within the groups, `max_spread_t2` "
                      "the largest, `mean_spread_t1` the mean range of P(T1). The effect is a range, so a choice with more "
                      "values tends to move more."),
    new_code_cell('pl.DataFrame(multiverse["effects"]).select(["choice", "groups", "mean_spread_t2", "max_spread_t2", "mean_spread_t1"])'),
    new_markdown_cell("From `multiverse.csv` (one row per specification, a column per choice): P(T2) and P(T1) by "
                      "attribution, and by the choice that moves P(T2) most."),
    new_code_cell('mv_table = pl.read_csv(out / "multiverse.csv", infer_schema_length=None)  # every row: a column may start with 0 and hold 0.002 later\n'
                  'def by_choice(column):\n'
                  '    return (mv_table.group_by(column).agg(pl.len().alias("specifications"),\n'
                  '            pl.col("p_t2").median().alias("median P(T2)"), pl.col("p_t2").min().alias("min P(T2)"),\n'
                  '            pl.col("p_t2").max().alias("max P(T2)"), pl.col("p_t1").median().alias("median P(T1)"))\n'
                  '            .sort(["median P(T2)", column], descending=[True, False]))  # ties by name: the same order every run\n'
                  'by_choice("attribution")'),
    new_code_cell('top = multiverse["effects"][0]["choice"].replace("-", " ")  # CSV columns name the choices with spaces\nprint("moves P(T2) most:", top)\nby_choice(top)'),
    new_code_cell('display(Image(filename=str(out / "chart_multiverse.png"), width=900))'),
])

byod = new_notebook(cells=[
    new_markdown_cell("# Bring your own data\n\nA CSV in the observation schema (`example_data.csv` ships beside this notebook: invented "
                      "exercises of Uzbekistan) goes through the same steps as the bundled data: validate, indices, trend, and the "
                      "probabilities of the two theses. Then change a threshold and see what moves."),
    new_code_cell(FIND_BINARY),
    new_code_cell('data = ROOT / "notebooks" / "example_data.csv"\nprint(mv("validate", data))'),
    new_markdown_cell("Malformed input is rejected with file, line and column:"),
    new_code_cell('bad = Path(tempfile.mkdtemp()) / "bad.csv"\nbad.write_text("subject,channel,partner,year,value\\nUzbekistan,exercises,Russia,2015,-1\\n")\ntry:\n    mv("validate", bad)\nexcept RuntimeError as e:\n    print(e)'),
    new_markdown_cell("## Indices per year, under two attributions of multilateral frameworks"),
    new_code_cell('import io, polars as pl\nfor mode in ["framework", "members"]:\n    table = pl.read_csv(io.StringIO(mv("indices", data, "--attribution", mode, "--format", "csv")))\n    print(mode)\n    print(table.select(["year_start", "richness", "enp", "focal_share", "cr1_partner", "flags"]))'),
    new_code_cell('print(mv("indices", data, "--window", "3", "--format", "table"))'),
    new_markdown_cell("## Trend of Russia's share"),
    new_code_cell('print(mv("trend", data, "--metric", "focal_share", "--breaks", "2018", "--boot", "500", "--format", "table"))'),
    new_markdown_cell(
        "## The theses with your own analysis file\n\n"
        "Thresholds, periods, attribution, priors and the multiverse grid all live in the TOML file. The answer is three "
        "probabilities, P(T1) + P(T2) + P(neither) = 1: each claim's probability is the share of joint posterior draws "
        "(`[bootstrap] replicates`) in which it holds, and T1 = C1 ∧ C4 ∧ C5 ∧ C7, T2 = C1 ∧ D3 ∧ D4 hold when all their "
        "claims hold in the same draw. The status column only coarsens the probability (supported ≥ 0.975, "
        "contradicted ≤ 0.025, else inconclusive); a claim the data cannot inform is \"not informed\" and keeps its prior."),
    new_code_cell('work = Path(tempfile.mkdtemp())\nshutil.copy(data, work / "data.csv")\nanalysis = """\n[data]\npaths = ["."]\nsubject = "Uzbekistan"\nfirst_year = 2015\nlast_year = 2020\n\n[channels]\nexercises = { weight = 1.0 }\n\n[periods]\nbreaks = [2018]\n\n[attribution]\nmode = "members"\n\n[bootstrap]\nreplicates = 1000   # joint posterior draws\nseed = 7\n\n[prior]\nunits = 1.0              # a0: pseudo-units of evidence per period\nsensitivity_units = 10.0 # a0 of the second prior\n\n[thresholds]\nenp_min = 2.5\nfocal_share_max = 0.5\ndominance_min = 1.5\ngrowth_min = 1.25\nalpha = 0.05\noverall_majority = 0.66\n\n[multiverse]\nattribution = ["framework", "lead", "members"]\nwindows = [1, 2]\nbreak_sets = [[2017], [2018]]\nsplit_events = [false, true]\nlast_years = [2020]\nreadings = ["core"]      # "full" adds C6, which needs two channels\nreplicates = 500         # posterior draws per specification\nchannel_weights = {}\n"""\n(work / "analysis.toml").write_text(analysis)\nprint(mv("theses", work / "analysis.toml"))'),
    new_markdown_cell("The same result as JSON, read into tables (the report's `summary.json` has the same shape):"),
    new_code_cell(HELPERS + '\n\nresult = json.loads(mv("theses", work / "analysis.toml", "--format", "json"))\nfor sentence in result["overall"]["headline"]:\n    print("*", sentence)\nprobabilities(result)'),
    new_code_cell('claims(result).filter(pl.col("channel") != "overall")'),
    new_code_cell('multiverse = result["multiverse"]\nprint(multiverse["count"], "specifications")\n'
                  'print(pl.DataFrame([{"thesis": t, **multiverse[f"p_{t.lower()}"], "very likely (share)": multiverse[f"very_likely_{t.lower()}"]} for t in ["T1", "T2"]]))\n'
                  'pl.DataFrame(multiverse["effects"]).select(["choice", "mean_spread_t2", "max_spread_t2", "mean_spread_t1"])'),
    new_markdown_cell("A stricter reading of 'no main partner' (ENP ≥ 4) — only the threshold changes, and with it C5's "
                      "probability and everything that contains C5 (T1):"),
    new_code_cell('(work / "analysis.toml").write_text(analysis.replace("enp_min = 2.5", "enp_min = 4.0"))\n'
                  'stricter = json.loads(mv("theses", work / "analysis.toml", "--format", "json"))\n'
                  'def c5(r):\n    return next(k["probability"] for k in r["overall"]["criteria"] if k["id"] == "C5")\n'
                  'pl.DataFrame([{"enp_min": enp, "P(C5)": c5(r), "P(T1)": r["overall"]["p_t1"], "P(T2)": r["overall"]["p_t2"], '
                  '"P(neither)": r["overall"]["p_neither"]} for enp, r in [(2.5, result), (4.0, stricter)]])'),
])

for name, nb in [("reproduce_the_answer.ipynb", reproduce), ("bring_your_own_data.ipynb", byod)]:
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for k, cell in enumerate(nb.cells):
        cell.id = f"cell-{k:02d}"  # stable ids: rebuilding the notebooks changes nothing
    nbformat.write(nb, HERE / name)
    print("wrote", name)
