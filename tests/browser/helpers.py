"""Shared helpers for the real-browser tests (headless Chromium through selenium)."""
from __future__ import annotations

import json
import os
import subprocess
import time
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

DESKTOP = (1280, 900)
PHONE = (390, 900)
MAX_SHOT_HEIGHT = 7000  # px; a "full-page-ish" screenshot stops there

CHROME_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--lang=vi-VN",
)


def make_driver(performance_log: bool = False) -> webdriver.Chrome:
    """Headless Chromium with the browser console (and optionally the network) logged."""
    opts = webdriver.ChromeOptions()
    for arg in CHROME_ARGS:
        opts.add_argument(arg)
    opts.add_argument(f"--window-size={DESKTOP[0]},{DESKTOP[1]}")
    binary = os.environ.get("CHROME_BINARY", "/usr/bin/chromium")
    if Path(binary).exists():
        opts.binary_location = binary
    prefs = {"browser": "ALL"}
    if performance_log:
        prefs["performance"] = "ALL"
    opts.set_capability("goog:loggingPrefs", prefs)
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=opts)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


def file_url(path: Path, query: str = "") -> str:
    return path.resolve().as_uri() + (("?" + query) if query else "")


def url_to_path(url: str) -> Path:
    parts = urlsplit(url)
    assert parts.scheme == "file", url
    return Path(unquote(parts.path))


def fold(text: str) -> str:
    """The search page's folding: lower case, no diacritics, đ → d."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# --- page state ----------------------------------------------------------------

def wait_ready(driver, timeout: float = 15) -> None:
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def drain_console(driver) -> list:
    """Reads (and so clears) the browser console log."""
    return driver.get_log("browser")


def severe_console(driver) -> list:
    return [e for e in drain_console(driver) if e.get("level") == "SEVERE"]


def h1_text(driver) -> str:
    h1s = driver.find_elements(By.TAG_NAME, "h1")
    assert len(h1s) == 1, f"{driver.current_url}: expected one <h1>, found {len(h1s)}"
    return " ".join(h1s[0].get_attribute("textContent").split())


def load_images(driver, timeout_ms: int = 10000) -> list:
    """Scrolls every <img> shown into view (so loading=lazy ones start), waits until all
    finished, scrolls back to the top; returns [{src, complete, w}]. An image not shown (a
    photo's copy for print, hidden on screen) is never loaded there, and is left out."""
    return driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1], timeout = arguments[0];
        const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        const shown = () => [...document.images].filter(i => i.getClientRects().length);
        (async () => {
          for (const img of shown()) {
            img.scrollIntoView({block: "center", behavior: "instant"});
            await frame();
          }
          const deadline = Date.now() + timeout;
          while (Date.now() < deadline && !shown().every(i => i.complete)) {
            await new Promise(r => setTimeout(r, 50));
          }
          window.scrollTo({top: 0, left: 0, behavior: "instant"});
          done(shown().map(i => ({src: i.currentSrc || i.src, complete: i.complete, w: i.naturalWidth})));
        })().catch(e => done([{src: "script error: " + e, complete: false, w: 0}]));
        """,
        timeout_ms,
    )


def assert_images_loaded(driver) -> int:
    images = load_images(driver)
    broken = [i for i in images if not i["complete"] or i["w"] <= 0]
    assert not broken, f"{driver.current_url}: images not loaded: {broken}"
    return len(images)


def set_size(driver, width: int, height: int) -> None:
    driver.set_window_size(width, height)
    WebDriverWait(driver, 5).until(lambda d: d.execute_script("return window.innerWidth") == width)


def horizontal_overflow(driver) -> dict:
    return driver.execute_script(
        """
        const de = document.documentElement;
        const wide = [...document.querySelectorAll('body *')].filter(el => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && (r.right > de.clientWidth + 0.5 || r.left < -0.5)
                 && getComputedStyle(el).position !== 'absolute';
        }).slice(0, 8).map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
                                  + ' ' + Math.round(el.getBoundingClientRect().left) + '..' + Math.round(el.getBoundingClientRect().right));
        return {scrollWidth: de.scrollWidth, clientWidth: de.clientWidth,
                innerWidth: window.innerWidth, culprits: wide};
        """
    )


def assert_fits_phone(driver) -> None:
    """No horizontal scroll at 390 px. Headless Chromium draws a classic 15 px vertical
    scrollbar, so the layout viewport is clientWidth (375) and innerWidth is 390: the page
    must fit the narrower one, which implies scrollWidth <= innerWidth."""
    set_size(driver, *PHONE)
    info = horizontal_overflow(driver)
    assert info["innerWidth"] == PHONE[0], info
    assert info["scrollWidth"] <= info["clientWidth"] <= info["innerWidth"], (
        f"{driver.current_url}: horizontal scroll at {PHONE[0]} px: {info}"
    )


def screenshot(driver, folder: Path, name: str, width: int) -> Path:
    """A full-page-ish screenshot: the window is made as tall as the page (capped)."""
    set_size(driver, width, DESKTOP[1])
    chrome = driver.execute_script("return window.outerHeight - window.innerHeight") or 0
    height = driver.execute_script("return document.documentElement.scrollHeight")
    set_size(driver, width, min(max(height + chrome, DESKTOP[1]), MAX_SHOT_HEIGHT))
    load_images(driver)
    path = folder / f"{name}.png"
    assert driver.save_screenshot(str(path)), path
    set_size(driver, *DESKTOP)
    return path


def check_page(driver, shots: Path, kind: str, *, h1: str | None = None,
               title: str | None = None, screenshots: bool = True) -> None:
    """The checks every page of the reader's walk gets."""
    wait_ready(driver)
    errors = severe_console(driver)
    assert not errors, f"{driver.current_url}: console errors: {errors}"
    if h1 is not None:
        assert h1_text(driver) == h1, f"{driver.current_url}: <h1> {h1_text(driver)!r} != {h1!r}"
    if title is not None:
        assert driver.title == title, f"{driver.current_url}: <title> {driver.title!r} != {title!r}"
    set_size(driver, *DESKTOP)
    assert_images_loaded(driver)
    if screenshots:
        screenshot(driver, shots, f"{kind}-desktop", DESKTOP[0])
    assert_fits_phone(driver)
    assert_images_loaded(driver)
    if screenshots:
        screenshot(driver, shots, f"{kind}-phone", PHONE[0])
    set_size(driver, *DESKTOP)
    errors = severe_console(driver)
    assert not errors, f"{driver.current_url}: console errors after scrolling: {errors}"


def click_in_place(driver, element) -> None:
    """Scrolls the element to the middle at once (the stylesheet's smooth
    scrolling would still be moving it when the click lands) and clicks it."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def click(driver, element) -> None:
    """Clicks a link as a reader would and waits for the next page."""
    old = driver.current_url
    drain_console(driver)
    click_in_place(driver, element)
    WebDriverWait(driver, 15).until(lambda d: d.current_url != old)
    wait_ready(driver)


def network_requests(driver) -> list[str]:
    """URLs the page asked for, from the DevTools performance log (drains it)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


# --- static HTML ---------------------------------------------------------------

class Scripts(HTMLParser):
    """Collects every <script> start tag's attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


class LinkFinder(HTMLParser):
    """Collects hrefs of <a> inside an element with a given class."""

    def __init__(self, container_class: str):
        super().__init__(convert_charrefs=True)
        self.container_class = container_class
        self.depth = 0  # >0 while inside the container
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            if tag not in ("img", "br", "hr", "input", "meta", "link", "source", "wbr"):
                self.depth += 1
            if tag == "a" and attrs.get("href"):
                self.hrefs.append(attrs["href"])
        elif self.container_class in (attrs.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1


def hrefs_in(path: Path, container_class: str) -> list[str]:
    finder = LinkFinder(container_class)
    finder.feed(path.read_text(encoding="utf-8"))
    return finder.hrefs


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def search_records(site: Path) -> list[list[str]]:
    """The search index's article records, [url, title, date, sapo, body, author place category codes
    and themes, (subtitle, (source))], newest first
    (tim-kiem/chi-muc/bai/<n>.js, numbered oldest first)."""
    folder = site / "tim-kiem" / "chi-muc" / "bai"
    records = {}
    for path in folder.glob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("BANTIN_SEARCH_DOC(") and text.endswith(");\n"), path
        number, record = json.loads("[" + text[len("BANTIN_SEARCH_DOC("):-3] + "]")
        records[number] = record
    return [records[n] for n in sorted(records, reverse=True)]


def search_shards(site: Path) -> dict[str, str]:
    """Shard key → file name, from the index's table of contents (muc-luc.js)."""
    text = (site / "tim-kiem" / "chi-muc" / "muc-luc.js").read_text(encoding="utf-8")
    manifest = json.loads(text[len("BANTIN_SEARCH_INDEX("):-3])
    def name(key: str) -> str:
        return "t-" + "".join(c if c.isascii() and c.isalnum() and not c.isupper() else f"_{ord(c):x}" for c in key) + ".js"
    return {key: name(key) for key in manifest["shards"]}


def poll(predicate, timeout: float = 5.0, interval: float = 0.05):
    deadline = time.time() + timeout
    while True:
        value = predicate()
        if value or time.time() > deadline:
            return value
        time.sleep(interval)


def axe_script() -> str:
    """axe-core 4.x: the axe.min.js inside PyPI's axe-playwright-python."""
    import importlib.util
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec and spec.origin, "pip install --no-deps axe-playwright-python"
    source = (Path(spec.origin).parent / "axe.min.js").read_text(encoding="utf-8")
    assert "axe v4." in source[:200], source[:200]
    return source


def axe_violations(driver, source: str) -> tuple[list, list]:
    """axe run on the page loaded: its serious or critical violations, and the ids of the others."""
    driver.execute_script(source)
    result = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        // A link wholly scrolled out of its box (the phone's menu scrolls sideways) cannot be
        // tapped; axe's target-size does not look at what its box clips, and counts the part of
        // such a link that is off the screen as "not obscured".
        const seen = el => {
          let box = el.getBoundingClientRect(), left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
          for (let up = el.parentElement; up; up = up.parentElement) {
            if (getComputedStyle(up).overflowX === "visible") continue;
            const clip = up.getBoundingClientRect();
            left = Math.max(left, clip.left); right = Math.min(right, clip.right);
          }
          return right - left >= 1;
        };
        const tappable = (v, n) => v.id !== "target-size" || n.target.length !== 1 || seen(document.querySelector(n.target[0]));
        // target-size (WCAG 2.2's minimum target size) is not among the rules axe runs by default.
        axe.run(document, {resultTypes: ["violations"], rules: {"target-size": {enabled: true}}})
           .then(r => done({violations: r.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.filter(n => tappable(v, n)).map(n => ({target: n.target, html: n.html, summary: n.failureSummary}))}))
             .filter(v => v.nodes.length > 0)}))
           .catch(e => done({error: String(e)}));
        """
    )
    assert "error" not in result, result
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    minor = [f'{v["id"]} ({v["impact"]})' for v in result["violations"] if v not in bad]
    return bad, minor


def first_ink_row(pdf: Path, dpi: int = 150) -> int:
    """The first row of page 1 of `pdf` (rendered at `dpi`, in grey) with any dark pixel."""
    out = pdf.with_name(pdf.stem + "-ink")
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(out)], check=True)
    data = out.with_suffix(".pgm").read_bytes()
    # Binary PGM: "P5", width, height, maximum, each after white space, then the pixels.
    fields, at = [], 0
    while len(fields) < 4:
        while data[at:at + 1].isspace():
            at += 1
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    width, height = int(fields[1]), int(fields[2])
    pixels = data[at + 1:]
    for row in range(height):
        if min(pixels[row * width:(row + 1) * width]) < 128:
            return row
    return height


def page_margin_top_mm(*stylesheets: Path) -> float:
    """The top margin (mm) that the last `@page` rule of `stylesheets`, in the order a page
    links them, gives every page."""
    import re
    found = []
    for sheet in stylesheets:
        found += re.findall(r"@page\s*\{[^}]*?margin:\s*([\d.]+)mm", sheet.read_text(encoding="utf-8"))
    assert found, f"no @page margin in mm in {stylesheets}"
    return float(found[-1])
