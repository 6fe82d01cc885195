#!/usr/bin/env python3
"""Opens the committed HTML pages from disk in headless Chromium with networking off: the
Kazakhstan report (reports/kazakhstan/report.html) and the comparison page of the
neighbours batch (reports/neighbours/index.html). Asserts that every chart image is inline
and decodes, that a page requests nothing external (links only to the batch's own report
pages, which must exist), and saves screenshots under target/browser/.

Usage: python3 tests/browser_check.py   (needs Debian's chromium)
"""
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "browser"

# (page, expected charts, screenshot name, id of a section to screenshot as well or None)
PAGES = [
    (ROOT / "reports" / "kazakhstan" / "report.html", 5, "first_screen.png", ("verdict.png", "5--verdict")),
    (ROOT / "reports" / "neighbours" / "index.html", 2, "batch_index.png", ("batch_reports.png", "reports")),
]

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
    assert "<script" not in html and "<link" not in html, f"{page}: must not load scripts or stylesheets"
    images = html.count("<img ")
    assert images == expected, f"{page}: expected {expected} charts, found {images}"
    return images


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


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for page, expected, first, section in PAGES:
        html = page.read_text(encoding="utf-8")
        images = static_checks(page, html, expected)
        decoded_in_browser(page, html, images)
        screenshots(page, html, first, section)
        print(f"browser check: {page.relative_to(ROOT)}: {images}/{images} charts rendered, no external requests")
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main()
