#!/usr/bin/env python3
"""Opens the committed HTML pages from disk in headless Chromium with networking off: the
Kazakhstan report (reports/kazakhstan/report.html) and the comparison page of the
neighbours batch (reports/neighbours/index.html). Asserts that every chart image is inline
and decodes, that a page requests nothing external (links only to the batch's own report
pages, which must exist), that it gives the answer as probabilities (the report's headline
says "Thesis 1 is ... (n %)" and "Thesis 2 is ... (n %)" before its first section; the
comparison gives P(T1) / P(T2) per subject) and no longer speaks of verdicts, and saves
screenshots under target/browser/.

Usage: python3 tests/browser_check.py [--report DIR] [--batch DIR]   (needs Debian's chromium)
  --report DIR   a report folder instead of reports/kazakhstan (e.g. one written with
                 `multivector report --out DIR`)
  --batch DIR    a batch folder instead of reports/neighbours (`multivector report --batch DIR ...`)
"""
import argparse
import html as htmllib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "browser"

# A probability as the pages write it: "64 %", "< 1 %", "> 99 %".
PERCENT = r"(?:[<>] )?\d+ %"

# Per page: its file in the folder, the expected charts, the screenshot name, a section to
# screenshot as well (name, id), what the lead (the text before the first section) must
# say, what the whole page must say, and what it must not say (case-insensitive).
REPORT = {
    "file": "report.html", "charts": 7, "first": "first_screen.png",
    "section": ("theses.png", "5--the-theses--probabilities"),
    "lead": [rf"Thesis 1 is [a-z ]+ \({PERCENT}\)", rf"Thesis 2 is [a-z ]+ \({PERCENT}\)"],
    "page": [r"P\(T1\)", r"P\(T2\)", r"P\(neither\)", r"null cell", r"expected calibration error"],
    "absent": ["verdict"],
}
BATCH = {
    "file": "index.html", "charts": 2, "first": "batch_index.png",
    "section": ("batch_reports.png", "reports"),
    "lead": [r"P\(T1\)", r"P\(T2\)", rf"{PERCENT} / {PERCENT}"],
    "page": [],
    "absent": ["verdict"],
}

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND", "--hide-scrollbars",
]


def chromium(*args):
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        sys.exit("browser check: chromium not found (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run([binary, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120)
    return done


def static_checks(page, html, expected):
    """Nothing external: images inline, links in-page or to existing pages beside this one."""
    refs = re.findall(r'(?:src|href)="([^"]*)"', html)
    local = [r for r in refs if not (r.startswith("data:") or r.startswith("#"))]
    external = [r for r in local if re.match(r"^[a-z][a-z0-9+.-]*:", r) or r.startswith("/") or ".." in r]
    assert not external, f"{page}: external references: {external[:5]}"
    missing = [r for r in local if not (page.parent / r).is_file()]
    assert not missing, f"{page}: links to missing files: {missing[:5]}"
    assert not re.findall(r'<img [^>]*src="(?!data:)', html), f"{page}: an image that is not inline"
    # Inline scripts only (the explorers): no script or stylesheet is loaded from anywhere.
    assert not re.findall(r"<script\b[^>]*\bsrc\s*=", html), f"{page}: a script loaded from a file"
    assert "<link" not in html, f"{page}: must not load stylesheets"
    images = html.count("<img ")
    assert images == expected, f"{page}: expected {expected} charts, found {images}"
    return images


def visible_text(markup):
    """The page's text as a reader sees it: no tags, styles or scripts, entities decoded,
    white space collapsed."""
    markup = re.sub(r"(?s)<(style|script)\b[^>]*>.*?</\1>", " ", markup)
    return re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def content_checks(page, html, spec):
    """The answer is given as probabilities, in the lead (before the first section) and on
    the page, and the words of the old verdict rules are gone."""
    lead = visible_text(html.split("<h2", 1)[0])
    text = visible_text(html)
    for pattern in spec["lead"]:
        assert re.search(pattern, lead), f"{page}: the lead does not say /{pattern}/: {lead[:600]}"
    for pattern in spec["page"]:
        assert re.search(pattern, text), f"{page}: the page does not say /{pattern}/"
    for word in spec["absent"]:
        found = re.search(rf".{{0,80}}{re.escape(word)}.{{0,80}}", text, re.IGNORECASE)
        assert not found, f"{page}: still says '{word}': ...{found.group(0)}..."


def decoded_in_browser(page, html, images):
    """Every image decodes (naturalWidth > 0), read back through the title."""
    probe = OUT / f"{page.stem}_probe.html"
    probe.write_text(html.replace("</body>", """<script>
window.addEventListener('load', () => {
  const imgs = [...document.images];
  const ok = imgs.filter(i => i.complete && i.naturalWidth > 0).length;
  document.title = 'IMAGES ' + ok + '/' + imgs.length;
});
</script></body>"""), encoding="utf-8")
    dom = chromium("--virtual-time-budget=10000", "--dump-dom", probe.as_uri()).stdout
    title = re.search(r"<title>(.*?)</title>", dom)
    assert title and title.group(1) == f"IMAGES {images}/{images}", f"{page}: broken images: {title.group(1) if title else dom[:300]}"


def screenshots(page, html, first, section):
    """The first screen, and a copy that starts at `section` (the headless screenshot
    always shows the top of the page)."""
    name, anchor = section
    assert f'id="{anchor}"' in html, f"{page}: no section with id {anchor}"
    scroll = OUT / f"{page.stem}_{anchor}.html"
    scroll.write_text(html.replace("</body>", f"""<script>
window.addEventListener('load', () => {{
  const h = document.getElementById('{anchor}');
  while (h.previousElementSibling) h.previousElementSibling.remove();
}});
</script></body>"""), encoding="utf-8")
    for shot, url in {first: page.as_uri(), name: scroll.as_uri()}.items():
        target = OUT / shot
        target.unlink(missing_ok=True)
        chromium("--window-size=1280,1000", "--virtual-time-budget=5000", f"--screenshot={target}", url)
        assert target.exists() and target.stat().st_size > 20_000, f"no screenshot {target}"


def shown(path):
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report", type=Path, default=ROOT / "reports" / "kazakhstan")
    parser.add_argument("--batch", type=Path, default=ROOT / "reports" / "neighbours")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for folder, spec in [(args.report, REPORT), (args.batch, BATCH)]:
        page = (folder / spec["file"]).resolve()
        html = page.read_text(encoding="utf-8")
        images = static_checks(page, html, spec["charts"])
        content_checks(page, html, spec)
        decoded_in_browser(page, html, images)
        screenshots(page, html, spec["first"], spec["section"])
        print(f"browser check: {shown(page)}: {images}/{images} charts rendered, no external requests, "
              f"the answer given as probabilities")
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main()
