#!/usr/bin/env python3
"""Checks the CI recipe for users (examples/ci/multivector-batch.yml): its steps are the
documented ones (cached build keyed on the version, batch report, --check against the
committed report, artifact upload also after a failure), and its shell steps, run as the
workflow would run them in a throwaway repository of analysis files (two countries of
datasets/neighbours), pass on a current committed report and fail on drift.

Usage: python3 tests/ci_recipe.py [PATH/TO/multivector]   (needs PyYAML)
"""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "examples" / "ci" / "multivector-batch.yml"


def steps_of(workflow):
    jobs = workflow["jobs"]
    assert len(jobs) == 1, f"one job expected, found {list(jobs)}"
    return next(iter(jobs.values()))["steps"]


def structure(workflow):
    """The steps the README promises, in order, with the right conditions."""
    steps = steps_of(workflow)
    names = [s.get("uses", s.get("name", "")) for s in steps]
    assert steps[0]["uses"].startswith("actions/checkout@"), names
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert "MULTIVECTOR_REV" in cache["with"]["key"] and cache["id"], cache
    build = next(s for s in steps if "cargo" in s.get("run", "") and "install" in s.get("run", ""))
    assert build["if"] == f"steps.{cache['id']}.outputs.cache-hit != 'true'", build
    batch = next(s for s in steps if "report --batch" in s.get("run", ""))
    check = next(s for s in steps if "report --check --batch" in s.get("run", ""))
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert "!cancelled()" in check["if"] and "!cancelled()" in upload["if"], (check, upload)
    assert steps.index(build) < steps.index(batch) < steps.index(check) < steps.index(upload)
    assert upload["with"]["path"] == "${{ runner.temp }}/batch-report", upload
    return batch, check


def once_per_change(workflow, text):
    """Every value to replace is marked, and a pull request from the same repository does
    not run the job a second time (its push already did)."""
    for key in ("MULTIVECTOR_GIT", "MULTIVECTOR_REV", "ANALYSES", "REPORT_DIR"):
        lines = text.splitlines()
        at = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{key}:"))
        assert "REPLACE" in lines[at - 1], f"{key} is not marked # REPLACE"
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as True
    assert "push" in triggers and "pull_request" in triggers, triggers
    job = next(iter(workflow["jobs"].values()))
    condition = job.get("if", "")
    assert "pull_request" in condition and "head.repo.full_name != github.repository" in condition, condition


def run_step(step, env, cwd):
    return subprocess.run(["bash", "-eo", "pipefail", "-c", step["run"]], env=env, cwd=cwd,
                          capture_output=True, text=True)


def main():
    binary = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "target" / "release" / "multivector").resolve()
    assert binary.is_file(), f"no multivector binary at {binary}"
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    batch, check = structure(workflow)
    once_per_change(workflow, WORKFLOW.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        repo, runner_temp = Path(tmp) / "repo", Path(tmp) / "runner"
        (repo / "analyses").mkdir(parents=True)
        runner_temp.mkdir()
        for name in ["mongolia.toml", "tajikistan.toml", "arms.csv", "exercises.csv"]:
            shutil.copy(ROOT / "datasets" / "neighbours" / name, repo / "analyses" / name)
        env = {**os.environ, **{k: str(v) for k, v in workflow["env"].items()}}
        env.update(RUNNER_TEMP=str(runner_temp), PATH=f"{binary.parent}:{os.environ['PATH']}")
        analyses = sorted(str(p.relative_to(repo)) for p in (repo / "analyses").glob("*.toml"))
        # The user's committed batch report.
        subprocess.run([binary, "report", "--batch", env["REPORT_DIR"], *analyses], cwd=repo, check=True, capture_output=True)
        for step in (batch, check):
            done = run_step(step, env, repo)
            assert done.returncode == 0, f"{step['name']}: exit {done.returncode}\n{done.stdout}{done.stderr}"
        artifact = runner_temp / "batch-report"
        assert (artifact / "index.html").is_file() and (artifact / "mongolia" / "report.html").is_file()
        # A data change: the check step fails with exit 1.
        arms = repo / "analyses" / "arms.csv"
        arms.write_text(arms.read_text(encoding="utf-8").replace("Mongolia,arms,Russia,2019,", "Mongolia,arms,Russia,2019,1", 1), encoding="utf-8")
        done = run_step(check, env, repo)
        assert done.returncode == 1 and "mongolia/" in done.stdout, f"drift not caught: exit {done.returncode}\n{done.stdout}{done.stderr}"
    print(f"ci recipe: {WORKFLOW.relative_to(ROOT)}: steps as documented; batch and check steps pass on a current report and fail on drift")


if __name__ == "__main__":
    main()
