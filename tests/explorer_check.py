#!/usr/bin/env python3
"""Drives the report's multiverse explorer and evidence parts in headless Chromium (selenium
with Debian's chromium-driver), from file://, with name resolution off:

- the explorer's summary line and "choice that moves P(T2) most" match values this script
  recomputes from multiverse.csv (median, range, counts, mean spread within groups), first
  for the whole multiverse, then after a value is clicked off with the mouse and another
  switched off with the keyboard, then after "Select every value";
- opening a claim's evidence shows its distribution (an SVG with the threshold line);
- no request leaves the page (every request in Chromium's network log is file: or data:),
  and the console logs no error;
- axe-core (fetched once into target/, checked against its npm sha512, injected for the
  test only) finds no serious or critical accessibility violation;
- screenshots of the explorer before and after a click, at 1300 and 800 px wide, and of an
  opened claim go to target/browser/.

Usage: python3 tests/explorer_check.py [--report DIR]   (needs chromium, chromium-driver, selenium)
"""
import argparse
import base64
import csv
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "browser"
AXE_URL = "https://registry.npmjs.org/axe-core/-/axe-core-4.14.1.tgz"
AXE_SHA512 = "FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="


def percent(p):
    """As the report writes a probability (Rust's "{:.0}" and Python's both round half to even)."""
    whole = format(p * 100, ".0f")
    return "< 1 %" if whole in ("0", "-0") else "> 99 %" if whole == "100" else f"{whole} %"


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


class Multiverse:
    """multiverse.csv: the choice columns (before p_t1), P(T1), P(T2), and whether a
    specification is judged (some channel has a probability)."""

    def __init__(self, path):
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
        header, self.rows = rows[0], rows[1:]
        self.choices = header[: header.index("p_t1")]
        channel_columns = [i for i, h in enumerate(header) if h.startswith("p_t1_")]
        self.values = [[] for _ in self.choices]  # grid order = first appearance
        for r in self.rows:
            for d in range(len(self.choices)):
                if r[d] not in self.values[d]:
                    self.values[d].append(r[d])
        i1, i2 = header.index("p_t1"), header.index("p_t2")
        self.specs = [
            (tuple(self.values[d].index(r[d]) for d in range(len(self.choices))), float(r[i1]), float(r[i2]),
             any(r[c] != "" for c in channel_columns))
            for r in self.rows
        ]

    def expected(self, off):
        """The summary and effect lines with the (choice, value) pairs in `off` switched off."""
        off_idx = {(self.choices.index(c), self.values[self.choices.index(c)].index(v)) for c, v in off}
        chosen = [s for s in self.specs if not any((d, s[0][d]) in off_idx for d in range(len(self.choices)))]
        judged = [s for s in chosen if s[3]]
        if not chosen:
            return "No specification selected: switch a value back on.", None
        line = f"{len(chosen)} of {len(self.specs)} specifications selected"
        if len(judged) < len(chosen):
            line += f"; {len(chosen) - len(judged)} leave only one period and are left out"

        def spread(values):
            if not values:
                return "–"
            return f"median {percent(median(values))} ({percent(min(values))} to {percent(max(values))})"

        line += f". P(T2): {spread([s[2] for s in judged])}. P(T1): {spread([s[1] for s in judged])}."
        best = None
        for d, name in enumerate(self.choices):
            if len({s[0][d] for s in judged}) < 2:
                continue
            groups = {}
            for s in judged:
                key = tuple(0 if e == d else v for e, v in enumerate(s[0]))
                lo, hi = groups.get(key, (s[2], s[2]))
                groups[key] = (min(lo, s[2]), max(hi, s[2]))
            total = 0.0
            for key in sorted(groups):
                total += groups[key][1] - groups[key][0]
            mean = total / len(groups)
            if best is None or mean > best[1] or (mean == best[1] and name < best[0]):
                best = (name, mean)
        if best is None:
            effect = "Every choice is fixed to one value within the selection: no choice left to compare."
        else:
            effect = (f"The choice that moves P(T2) most within the selection: {best[0]} (P(T2) spreads by "
                      f"{format(100 * best[1], '.0f')} percentage points on average when only it changes).")
        return line, effect


def axe_source():
    """axe.min.js from the npm tarball, downloaded once into target/ and checked by sha512."""
    cached = ROOT / "target" / "axe-core-4.14.1.tgz"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(AXE_URL, timeout=60) as response:
            cached.write_bytes(response.read())
    data = cached.read_bytes()
    digest = base64.b64encode(hashlib.sha512(data).digest()).decode()
    assert digest == AXE_SHA512, f"{cached}: sha512 {digest} is not axe-core 4.14.1's"
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return tar.extractfile("package/axe.min.js").read().decode()


def browser(width, script=True):
    options = webdriver.ChromeOptions()
    if not script:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND", f"--window-size={width},2400", "--hide-scrollbars"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def lines(driver):
    return (driver.find_element(By.ID, "mv-summary").text, driver.find_element(By.ID, "mv-effect").text)


def checkbox(driver, choice, value):
    return driver.find_element(By.CSS_SELECTOR, f'input[data-choice-name="{choice}"][data-value-name="{value}"]')


def shoot(driver, element_id, name):
    element = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", element)
    element.screenshot(str(OUT / name))
    print(f"  screenshot {OUT / name}")


def check_explorer(driver, multiverse, width, tag):
    summary, effect = lines(driver)
    assert (summary, effect) == multiverse.expected([]), f"whole multiverse: page says {summary!r} / {effect!r}, CSV gives {multiverse.expected([])}"
    print(f"  {width} px, all: {summary}\n    {effect}")
    shoot(driver, "mv-explorer", f"explorer_{tag}_{width}_before.png")
    # Click off the first value of the choice that moves P(T2) most (the page names it).
    moving = effect.split(": ", 1)[1].split(" (")[0]
    first = multiverse.values[multiverse.choices.index(moving)][0]
    box = checkbox(driver, moving, first)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    off = [(moving, first)]
    after = lines(driver)
    assert after != (summary, effect), "clicking a value off changed nothing"
    assert after == multiverse.expected(off), f"after {off}: page says {after}, CSV gives {multiverse.expected(off)}"
    shown_off = driver.find_element(By.ID, "mv-off").text
    assert shown_off == f"Values switched off: {moving} = {first}.", f"the page does not say what is off: {shown_off!r}"
    # Beside each value: the specifications it adds to the other choices' selection.
    d_moving = multiverse.choices.index(moving)
    for d, name in enumerate(multiverse.choices):
        for v, value in enumerate(multiverse.values[d]):
            labels = driver.find_elements(By.ID, f"mv-count-{d}-{v}")
            if not labels:
                continue
            expected = sum(1 for s in multiverse.specs if s[0][d] == v and (d == d_moving or s[0][d_moving] != 0))
            assert labels[0].text == f"({expected})", f"{name} = {value}: page says {labels[0].text}, CSV gives {expected}"
    print(f"  {width} px, {moving} = {first} off: {after[0]}\n    {after[1]}")
    shoot(driver, "mv-explorer", f"explorer_{tag}_{width}_after.png")
    # The keyboard: focus another choice's last value and press space.
    other = next(c for c in multiverse.choices if c != moving and len(multiverse.values[multiverse.choices.index(c)]) > 1)
    last = multiverse.values[multiverse.choices.index(other)][-1]
    checkbox(driver, other, last).send_keys(Keys.SPACE)
    off.append((other, last))
    keyed = lines(driver)
    assert keyed == multiverse.expected(off), f"after {off} (keyboard): page says {keyed}, CSV gives {multiverse.expected(off)}"
    print(f"  {width} px, {other} = {last} off by keyboard: {keyed[0]}")
    driver.find_element(By.ID, "mv-all").click()
    assert lines(driver) == (summary, effect), "'Select every value' did not restore the whole multiverse"
    # Every value of one choice off: nothing selected, and the page says so.
    values = multiverse.values[d_moving]
    for value in values:
        checkbox(driver, moving, value).click()
    empty = [(moving, v) for v in values]
    assert lines(driver)[0] == multiverse.expected(empty)[0], f"all of {moving} off: page says {lines(driver)[0]!r}"
    driver.find_element(By.ID, "mv-all").click()
    # The curve ordered by P(T1): same selection, same lines, the drawing says its order.
    driver.find_element(By.CSS_SELECTOR, 'input[name="mv-order"][value="t1"]').click()
    assert lines(driver) == (summary, effect), "ordering the curve changed the selection"
    texts = [t.get_attribute("textContent") for t in driver.find_elements(By.CSS_SELECTOR, "#mv-curve svg text")]
    legend = next((t for t in texts if t.startswith("Bars:")), "")
    assert legend.startswith("Bars: P(T1)"), f"the curve does not say it is ordered by P(T1): {legend!r}"
    driver.find_element(By.CSS_SELECTOR, 'input[name="mv-order"][value="t2"]').click()


def check_without_script(folder, multiverse):
    """With JavaScript off the page still reads: the summary and effect lines written into
    it are the whole multiverse's, and the controls that would do nothing are hidden."""
    options_driver = browser(1300, script=False)
    try:
        options_driver.get((folder / "report.html").as_uri())
        assert lines(options_driver) == multiverse.expected([]), f"static lines: {lines(options_driver)}"
        controls = options_driver.find_element(By.CSS_SELECTOR, ".mv-controls")
        assert not controls.is_displayed(), "without a script the explorer's controls still show"
        assert not options_driver.find_elements(By.CSS_SELECTOR, "#mv-curve svg"), "without a script a drawing shows"
        print("  without JavaScript: the static lines are the whole multiverse's; controls hidden")
    finally:
        options_driver.quit()


def check_evidence(driver):
    details = driver.find_elements(By.CSS_SELECTOR, "details")
    assert details, "no claim can be opened (no <details> in the page)"
    opened = next((d for d in details if d.find_elements(By.CSS_SELECTOR, "svg")), None)
    assert opened is not None, "no claim's evidence holds a distribution"
    assert not opened.find_element(By.CSS_SELECTOR, "svg").is_displayed(), "the distribution shows before the claim is opened"
    summary = opened.find_element(By.TAG_NAME, "summary")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", summary)
    summary.click()
    svg = opened.find_element(By.CSS_SELECTOR, "svg")
    assert opened.get_attribute("open") is not None and svg.is_displayed(), "opening a claim did not show its distribution"
    assert svg.size["width"] > 200 and svg.size["height"] > 80, f"the distribution is drawn too small: {svg.size}"
    assert svg.find_elements(By.CSS_SELECTOR, "line[stroke-dasharray]"), "the distribution has no threshold line"
    opened.screenshot(str(OUT / f"evidence_opened_{Path(driver.current_url).parent.name}.png"))
    print(f"  opened {summary.text[:90]!r}: distribution {svg.size['width']}x{svg.size['height']} px")


def check_quiet(driver, page):
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    leaving = [u for u in urls if not (u.startswith("file:") or u.startswith("data:"))]
    assert urls and not leaving, f"requests that leave the page: {leaving[:5]}"
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, f"{page}: console errors: {errors[:3]}"
    print(f"  {len(urls)} requests, all file: or data:; no console error")


def check_accessibility(driver, axe):
    driver.execute_script(axe)
    driver.set_script_timeout(300)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help})))).catch(e => done([{id: 'axe failed', impact: 'critical', help: String(e)}]));"
    )
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not serious, f"accessibility: {serious}"
    print(f"  axe-core: no serious violation ({len(result)} minor or moderate: {[v['id'] for v in result]})")


def check_batch(driver, folder):
    """The batch page: a subject switched off leaves the table and both charts; a header
    button sorts the table by that column (numbers by value), a second press reverses."""
    with open(folder / "comparison.csv", newline="") as f:
        subjects = sorted({row["subject"] for row in csv.DictReader(f) if row["status"] == "ok"})
    status = driver.find_element(By.ID, "cmp-status")
    assert status.text == f"Showing {len(subjects)} of {len(subjects)} subjects.", status.text
    table = driver.find_element(By.CSS_SELECTOR, "main table")

    def visible_subjects():
        return [tr.find_element(By.TAG_NAME, "td").text for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr") if tr.is_displayed()]

    def chart_text(holder):
        return driver.find_element(By.ID, holder).get_attribute("textContent")

    assert sorted(set(visible_subjects())) == subjects, visible_subjects()
    gone = subjects[0]
    assert gone in chart_text("cmp-late") and gone in chart_text("cmp-yearly"), "a subject missing from the charts"
    shoot(driver, "cmp-explorer", "batch_explorer_before.png")
    box = driver.find_element(By.CSS_SELECTOR, f'input[data-subject-name="{gone}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    assert status.text == f"Showing {len(subjects) - 1} of {len(subjects)} subjects.", status.text
    assert gone not in visible_subjects() and sorted(set(visible_subjects())) == subjects[1:], visible_subjects()
    assert gone not in chart_text("cmp-late") and gone not in chart_text("cmp-yearly"), f"{gone} still drawn"
    shoot(driver, "cmp-explorer", "batch_explorer_after.png")
    driver.find_element(By.ID, "cmp-all").click()
    headers = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    column = next(k for k, h in enumerate(headers) if h.startswith("overall P(T1)"))
    button = table.find_elements(By.CSS_SELECTOR, "thead th button")[column]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)

    def p_t1_column():
        cells = [tr.find_elements(By.TAG_NAME, "td")[column].text for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
        return [float(c.split(" / ")[0].replace("< 1", "0.5").replace("> 99", "99.5").rstrip(" %")) for c in cells]

    button.click()
    ascending = p_t1_column()
    assert ascending == sorted(ascending), f"not sorted ascending: {ascending}"
    button.click()
    assert p_t1_column() == sorted(ascending, reverse=True), "a second press did not reverse the order"
    subject_button = table.find_elements(By.CSS_SELECTOR, "thead th button")[0]
    subject_button.click()
    names = [tr.find_element(By.TAG_NAME, "td").text for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert names == sorted(names), f"not sorted by subject: {names}"
    print(f"  batch: {gone} switched off and back; table sorted by overall P(T1) both ways and by subject")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--report", action="append",
                        help="a report folder (repeatable; default: reports/kazakhstan at 1300 and 800 px, and the "
                             "neighbours batch's Turkmenistan report, a small multiverse, at 1300 px)")
    parser.add_argument("--batch", default=str(ROOT / "reports" / "neighbours"))
    args = parser.parse_args()
    runs = [(Path(r), (1300, 800)) for r in args.report] if args.report else [
        (ROOT / "reports" / "kazakhstan", (1300, 800)), (ROOT / "reports" / "neighbours" / "turkmenistan", (1300,))]
    OUT.mkdir(parents=True, exist_ok=True)
    axe = axe_source()
    for folder, widths in runs:
        folder = folder.resolve()
        multiverse = Multiverse(folder / "multiverse.csv")
        print(f"{folder}: {len(multiverse.specs)} specifications")
        for width in widths:
            driver = browser(width)
            try:
                driver.get((folder / "report.html").as_uri())
                check_explorer(driver, multiverse, width, folder.name)
                if width == 1300:
                    check_evidence(driver)
                    check_accessibility(driver, axe)
                check_quiet(driver, folder / "report.html")
            finally:
                driver.quit()
        check_without_script(folder, multiverse)
    batch = Path(args.batch).resolve()
    driver = browser(1300)
    try:
        driver.get((batch / "index.html").as_uri())
        check_batch(driver, batch)
        check_accessibility(driver, axe)
        check_quiet(driver, batch / "index.html")
    finally:
        driver.quit()
    print("explorer check: ok")


if __name__ == "__main__":
    sys.exit(main())
