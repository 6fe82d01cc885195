#!/usr/bin/env python3
"""Executes every notebook headless and fails on any error.

Usage: run_notebooks.py [--write]   (--write stores the outputs in the committed notebooks)
"""
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

here = Path(__file__).resolve().parent
failed = False
for path in sorted(here.glob("*.ipynb")):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(here)}})
    try:
        client.execute()
        print(f"ok   {path.name}")
    except Exception as error:  # report and go on, so every notebook is tried
        failed = True
        print(f"FAIL {path.name}: {error}")
        continue
    if "--write" in sys.argv:
        for cell in nb.cells:
            cell.get("metadata", {}).pop("execution", None)
        nbformat.write(nb, path)
sys.exit(1 if failed else 0)
