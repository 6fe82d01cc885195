#!/usr/bin/env python3
"""Opens reports/kazakhstan/report.html from disk in headless Chromium with networking off,
asserts that every chart image decodes and that the page requests nothing external, and
saves screenshots of the first screen and of the verdict section under target/browser/.

Usage: python3 tests/browser_check.py   (needs Debian's chromium)
"""
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "reports" / "kazakhstan" / "report.html"
OUT = ROOT / "target" / "browser"

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


def main():
    html = REPORT.read_text(encoding="utf-8")
    # 1. Nothing external: every src/href is inline data or an in-page anchor.
    refs = re.findall(r'(?:src|href)="([^"]*)"', html)
    external = [r for r in refs if not (r.startswith("data:") or r.startswith("#"))]
    assert not external, f"external references: {external[:5]}"
    assert "<script" not in html and "<link" not in html, "the report must not load scripts or stylesheets"
    images = html.count("<img ")
    assert images == 5, f"expected 5 charts, found {images}"

    # 2. In the browser: every image decodes (naturalWidth > 0), read back through the title.
    OUT.mkdir(parents=True, exist_ok=True)
    probe = OUT / "report_probe.html"
    probe.write_text(html.replace("</body>", """<script>
window.addEventListener('load', () => {
  const imgs = [...document.images];
  const ok = imgs.filter(i => i.complete && i.naturalWidth > 0).length;
  document.title = 'IMAGES ' + ok + '/' + imgs.length;
});
</script></body>"""), encoding="utf-8")
    dom = chromium("--virtual-time-budget=10000", "--dump-dom", probe.as_uri()).stdout
    title = re.search(r"<title>(.*?)</title>", dom)
    assert title and title.group(1) == f"IMAGES {images}/{images}", f"broken images: {title.group(1) if title else dom[:300]}"

    # 3. Screenshots of the first screen and of the verdict section.
    # The verdict section: a copy that drops what precedes its heading once loaded (the
    # headless screenshot always shows the top of the page).
    scroll = OUT / "report_verdict.html"
    scroll.write_text(html.replace("</body>", """<script>
window.addEventListener('load', () => {
  const h = document.getElementById('5--verdict');
  while (h.previousElementSibling) h.previousElementSibling.remove();
});
</script></body>"""), encoding="utf-8")
    shots = {"first_screen.png": REPORT.as_uri(), "verdict.png": scroll.as_uri()}
    for name, url in shots.items():
        target = OUT / name
        target.unlink(missing_ok=True)
        chromium("--window-size=1280,1000", "--virtual-time-budget=5000", f"--screenshot={target}", url)
        assert target.exists() and target.stat().st_size > 20_000, f"no screenshot {target}"
    print(f"browser check: {images}/{images} charts rendered, no external requests; screenshots in {OUT}")


if __name__ == "__main__":
    main()
