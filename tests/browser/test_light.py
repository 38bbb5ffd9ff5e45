"""Light pages: nothing leaves the site, the stylesheet is small, and no page but the
search page runs a script (the print edition's button excepted: one `onclick="window.print()"`)."""
from __future__ import annotations

import functools
import http.server
from html.parser import HTMLParser
import threading
from pathlib import Path

import pytest

from selenium.webdriver.support.ui import WebDriverWait

from helpers import Scripts, drain_console, file_url, html_files, load_images, make_driver, network_requests, wait_ready

CSS_LIMIT = 21 * 1000  # bytes: light (about 5 KB compressed), with room for what accessibility asks
SEARCH_PAGE = Path("tim-kiem/index.html")


def test_stylesheet_is_small(site):
    css = site / "assets" / "style.css"
    size = css.stat().st_size
    assert size < CSS_LIMIT, f"{css} is {size} bytes (limit {CSS_LIMIT})"


def test_only_the_search_page_has_scripts(site):
    pages = html_files(site)
    assert SEARCH_PAGE in [p.relative_to(site) for p in pages]
    problems = []
    for page in pages:
        parser = Scripts()
        parser.feed(page.read_text(encoding="utf-8"))
        rel = page.relative_to(site)
        for attrs in parser.scripts:
            if attrs.get("type", "").strip().lower() == "application/ld+json":
                assert "src" not in attrs, f"{rel}: JSON-LD with src"
                continue
            if rel == SEARCH_PAGE and attrs.get("src"):
                src = attrs["src"]
                assert "://" not in src and not src.startswith("//"), f"{rel}: remote script {src}"
                continue
            problems.append(f"{rel}: <script {attrs}>")
    assert not problems, "scripts outside the search page:\n" + "\n".join(problems)
    search = Scripts()
    search.feed((site / SEARCH_PAGE).read_text(encoding="utf-8"))
    assert any(s.get("src") for s in search.scripts), "the search page has no script"


class Handlers(HTMLParser):
    """Collects every inline event handler (`on…` attribute) of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.handlers: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.handlers += [(tag, name, value or "") for name, value in attrs if name.startswith("on")]


def test_only_the_print_button_has_an_inline_script(site):
    problems, buttons = [], 0
    for page in html_files(site):
        parser = Handlers()
        parser.feed(page.read_text(encoding="utf-8"))
        rel = page.relative_to(site)
        for handler in parser.handlers:
            if rel.parent.name == "ban-in" and handler == ("button", "onclick", "window.print()"):
                buttons += 1
            else:
                problems.append(f"{rel}: {handler}")
    assert not problems, "inline scripts:\n" + "\n".join(problems)
    assert buttons == len(list(site.glob("luu-tru/*/*/ban-in/index.html"))) > 0, "one print button per print edition"


@pytest.fixture(scope="module")
def netlog_driver():
    d = make_driver(performance_log=True)
    yield d
    d.quit()


def visit(driver, url: str) -> None:
    driver.get(url)
    wait_ready(driver)
    load_images(driver)  # lazy images too


def test_no_request_leaves_the_site_from_disk(netlog_driver, site):
    """From file://, every request of every page stays inside the site folder. Chromium
    keeps no Resource Timing entries for file:// loads, so the Performance API check here
    is backed by the DevTools network log (and by the loopback test below)."""
    driver = netlog_driver
    root = site.as_uri() + "/"
    problems, seen = [], set()
    for page in html_files(site):
        network_requests(driver)
        drain_console(driver)
        visit(driver, file_url(page))
        entries = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)")
        problems += [f"{page.relative_to(site)}: {u}" for u in entries if not u.startswith("file://")]
        for url in network_requests(driver):
            if url.startswith("data:"):
                continue
            seen.add(url)
            if not url.startswith(root):
                problems.append(f"{page.relative_to(site)}: {url}")
    assert not problems, "requests outside the site:\n" + "\n".join(problems)
    assert root + "assets/style.css" in seen, "the network log saw no stylesheet request"
    assert any(u.endswith(".jpg") for u in seen), "the network log saw no image request"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def loopback(site):
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_performance_api_sees_only_the_site(netlog_driver, site, loopback):
    """Served from 127.0.0.1 (where Chromium does keep Resource Timing entries), every
    resource of every page comes from the site itself."""
    driver = netlog_driver
    problems, count = [], 0
    for page in html_files(site):
        rel = page.relative_to(site).as_posix()
        visit(driver, loopback + rel)
        entries = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)")
        count += len(entries)
        problems += [f"{rel}: {u}" for u in entries if not (u.startswith(loopback) or u.startswith("data:"))]
        assert any(u.endswith("/assets/style.css") for u in entries), f"{rel}: no stylesheet entry: {entries}"
    network_requests(driver)
    assert count > 0
    assert not problems, "resources outside the site:\n" + "\n".join(problems)


def platform_fonts(driver, selector: str) -> dict[str, int]:
    """The fonts Chromium drew the text of the first element matching `selector` with (its own
    text, not its children's), as family name and glyph count."""
    driver.execute_cdp_cmd("DOM.enable", {})
    driver.execute_cdp_cmd("CSS.enable", {})
    root = driver.execute_cdp_cmd("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = driver.execute_cdp_cmd("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no element {selector}"
    fonts = driver.execute_cdp_cmd("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {f["familyName"]: f["glyphCount"] for f in fonts}


def test_vietnamese_words_are_set_in_one_serif(site, driver):
    """A serif without some Vietnamese letters (Liberation Serif, which Linux offers for Times New
    Roman, has no `ế` or `ổ`) makes words of two fonts, a sans-serif letter in a serif word: the
    theme names serifs that have them all first, so each text is drawn with one. (The sans-serif
    texts keep Arial's widths, which a printed table of figures is sized for.)"""
    article = next(p for p in html_files(site) if "bai-viet" in p.parts and "Đảng" in p.read_text(encoding="utf-8"))
    driver.get(file_url(article))
    wait_ready(driver)
    mixed = {}
    for selector in [".site-title a", "h1", ".sapo", ".story-body p"]:
        fonts = platform_fonts(driver, selector)
        assert fonts, f"{article.relative_to(site)}: {selector} drew no text"
        if len(fonts) > 1:
            mixed[selector] = fonts
    assert not mixed, f"{article.relative_to(site)}: text drawn with more than one font: {mixed}"


def test_a_link_to_a_search_moves_nothing_as_its_results_arrive(driver, loopback):
    """A link to a search (`?q=` in the address) over a slow network paints the page before its
    results arrive: they fill room kept for them, and push nothing already shown (the footer)
    about. Layout shifts are summed as Chromium reports them (those after input excepted)."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": False, "latency": 400, "downloadThroughput": 180 * 1024, "uploadThroughput": 80 * 1024})
    script = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        window.__shift = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
          .observe({type: 'layout-shift', buffered: true});
    """})
    try:
        driver.get(loopback + "tim-kiem/index.html?q=sinh%20ho%E1%BA%A1t%20chi%20b%E1%BB%99")
        WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.documentElement.dataset.searchShownAt"))
        assert driver.execute_script("return document.querySelectorAll('#search-results > li').length") > 0
        shift = driver.execute_script("return window.__shift")
        assert shift < 0.05, f"the page shifted by {shift:.3f} as the results arrived"
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
