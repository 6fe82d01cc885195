#!/usr/bin/env python3
"""Writes the two notebooks (source cells only); run_notebooks.py executes them.

The notebooks call the multivector binary and read its machine-readable outputs; they
contain no second implementation of any index.
"""
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

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

reproduce = new_notebook(cells=[
    new_markdown_cell("# Reproduce the verdict\n\nThis notebook regenerates the bundled Kazakhstan report with the `multivector` binary, "
                      "loads its machine-readable outputs (`summary.json`, `indices.csv`, `multiverse.csv`) and walks through the "
                      "verdict criterion by criterion. Every number comes from the binary."),
    new_code_cell(FIND_BINARY),
    new_code_cell('out = Path(tempfile.mkdtemp()) / "kazakhstan"\nprint(mv("report", "--out", out))\nsummary = json.loads((out / "summary.json").read_text())\nprint("overall verdict:", summary["overall"]["verdict"], "| decided by:", ", ".join(summary["overall"]["deciding"]))'),
    new_markdown_cell("## Verdict per channel\n\nEach channel gets `T1`, `T2`, `neither` or `inconclusive` from its criteria."),
    new_code_cell('import polars as pl\nrows = [{"channel": c["channel"], "verdict": c["verdict"], "criterion": k["id"], "thesis": k["thesis"], "status": k["status"], "evidence": k["summary"]}\n        for c in summary["channels"] for k in c["criteria"]]\npl.Config.set_tbl_rows(40); pl.Config.set_fmt_str_lengths(140)\npl.DataFrame(rows)'),
    new_markdown_cell("## The claims in plain words (docs/METHODS.md §1)\n\n"
                      "Every claim is judged on its 95 % interval: supported when the whole interval lies on the claim's side of its threshold, "
                      "contradicted when it lies wholly on the other side, inconclusive otherwise.\n\n"
                      "* **C1 – the scope grew** (both theses): late − early difference of active partners per year, or of ENP, above 0 (and the other not below 0).\n"
                      "* **C4 – Russia shares the lead** (Thesis 1): another partner first with P ≥ 0.9, or Russia's dominance interval below 1.5.\n"
                      "* **C5 – no main partner** (Thesis 1): late-period ENP interval ≥ 2.5 and Russia's share interval < 0.5.\n"
                      "* **C6 – the leader depends on the field** (Thesis 1): late-period leaders differ between channels, each first with P ≥ 0.9.\n"
                      "* **D3 – the Russian vector is strongest** (Thesis 2): in every period P(Russia first) ≥ 0.9 and the dominance interval above 1.5.\n"
                      "* **D4 – deepening** (Thesis 2): late − early difference of Russia's average yearly volume above 0.\n\n"
                      "T2 needs C1, D3, D4 supported and C4 or C5 contradicted (neither supported); T1 needs C1 and C4 supported, C5 not "
                      "contradicted and D3 not supported; neither: C1 contradicted, or D3 supported with D4 contradicted."),
    new_code_cell('pl.DataFrame([{"channel": c["channel"], "claim": k["id"], "status": k["status"], "interval_low": k["interval_low"], '
                  '"interval_high": k["interval_high"], "threshold": k["threshold"]} for c in summary["channels"] for k in c["criteria"]])'),
    new_markdown_cell("## How often is the procedure wrong?\n\nThe report's calibration: simulated worlds of known truth shaped like these data."),
    new_code_cell('calibration = summary["calibration"]\npl.DataFrame([{"planted truth": t["truth"], **t["overall"]} for t in calibration["truths"]])'),
    new_markdown_cell("Weaker theses: how often a thesis with a smaller contrast (strength < 1) is still found overall."),
    new_code_cell('pl.DataFrame([{"planted thesis": p["truth"], "strength": p["strength"], "found": p["recovered"] / p["worlds"]} for p in calibration["power"]])'),
    new_code_cell('indices = pl.read_csv(out / "indices.csv")\nindices.filter(pl.col("channel") == "arms").select(["year_start", "total", "richness", "enp", "focal_share", "focal_rank", "cr1_partner"])'),
    new_markdown_cell("## Key charts"),
    new_code_cell('from IPython.display import Image, display\nfor chart in ["shares", "concentration", "focal"]:\n    display(Image(filename=str(out / f"chart_{chart}.png"), width=900))'),
    new_markdown_cell("## The multiverse\n\nThe same verdict over every combination of coding choices: how frameworks are attributed, "
                      "window length, break years, exercise weighting, channel weights and horizon."),
    new_code_cell('mv_table = pl.read_csv(out / "multiverse.csv")\nprint(summary["multiverse"]["specifications"], "specifications")\nprint({k: round(v, 3) for k, v in summary["multiverse"]["shares"].items()})\npl.DataFrame(summary["multiverse"]["flips"])'),
    new_code_cell('mv_table.group_by(["attribution", "verdict"]).len().sort(["attribution", "verdict"])'),
    new_code_cell('display(Image(filename=str(out / "chart_multiverse.png"), width=900))'),
])

byod = new_notebook(cells=[
    new_markdown_cell("# Bring your own data\n\nA CSV in the observation schema (`example_data.csv` ships beside this notebook: invented "
                      "exercises of Uzbekistan) goes through the same steps as the bundled data: validate, indices, trend, verdict. "
                      "Then change the attribution, the windows and the thresholds and see what moves."),
    new_code_cell(FIND_BINARY),
    new_code_cell('data = ROOT / "notebooks" / "example_data.csv"\nprint(mv("validate", data))'),
    new_markdown_cell("Malformed input is rejected with file, line and column:"),
    new_code_cell('bad = Path(tempfile.mkdtemp()) / "bad.csv"\nbad.write_text("subject,channel,partner,year,value\\nUzbekistan,exercises,Russia,2015,-1\\n")\ntry:\n    mv("validate", bad)\nexcept RuntimeError as e:\n    print(e)'),
    new_markdown_cell("## Indices per year, under two attributions of multilateral frameworks"),
    new_code_cell('import io, polars as pl\nfor mode in ["framework", "members"]:\n    table = pl.read_csv(io.StringIO(mv("indices", data, "--attribution", mode, "--format", "csv")))\n    print(mode)\n    print(table.select(["year_start", "richness", "enp", "focal_share", "cr1_partner", "flags"]))'),
    new_code_cell('print(mv("indices", data, "--window", "3", "--format", "table"))'),
    new_markdown_cell("## Trend of Russia's share"),
    new_code_cell('print(mv("trend", data, "--metric", "focal_share", "--breaks", "2018", "--boot", "500", "--format", "table"))'),
    new_markdown_cell("## The verdict with your own analysis file\n\nThresholds, periods, attribution and the multiverse grid all live in the TOML file."),
    new_code_cell('work = Path(tempfile.mkdtemp())\nshutil.copy(data, work / "data.csv")\nanalysis = """\n[data]\npaths = ["."]\nsubject = "Uzbekistan"\nfirst_year = 2015\nlast_year = 2020\n\n[channels]\nexercises = { weight = 1.0 }\n\n[periods]\nbreaks = [2018]\n\n[attribution]\nmode = "members"\n\n[bootstrap]\nreplicates = 500\nseed = 7\n\n[thresholds]\nenp_min = 2.5\nfocal_share_max = 0.5\np_rank1_min = 0.9\ndominance_min = 1.5\nalpha = 0.05\noverall_majority = 0.66\n\n[multiverse]\nattribution = ["framework", "lead", "members"]\nwindows = [1, 2]\nbreak_sets = [[2017], [2018]]\nsplit_events = [false, true]\nlast_years = [2020]\nreplicates = 200\nchannel_weights = {}\n"""\n(work / "analysis.toml").write_text(analysis)\nprint(mv("theses", work / "analysis.toml"))'),
    new_markdown_cell("A stricter reading of 'no main partner' (ENP ≥ 4) — only the threshold changes:"),
    new_code_cell('(work / "analysis.toml").write_text(analysis.replace("enp_min = 2.5", "enp_min = 4.0"))\nresult = json.loads(mv("theses", work / "analysis.toml", "--format", "json"))\nprint(result["overall"]["verdict"], [(c["channel"], c["verdict"]) for c in result["channels"]])\n[(k["id"], k["status"], k["summary"]) for k in result["channels"][0]["criteria"]]'),
])

for name, nb in [("reproduce_the_verdict.ipynb", reproduce), ("bring_your_own_data.ipynb", byod)]:
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, name)
    print("wrote", name)
