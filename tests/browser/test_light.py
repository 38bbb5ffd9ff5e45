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


def test_letters_with_two_marks_are_whole_in_the_search_box(site, driver):
    """A box draws its text in one line's height and cuts what rises above it: the line must
    hold a capital's two marks (`ĐỒNG THÁP` read `ĐÔNG THÁP` in a line of the font's own height).
    The ink of `ẪỖỄỒỔỂ`, measured in the box's font, against the room above the baseline."""
    driver.get(file_url(site / SEARCH_PAGE))
    wait_ready(driver)
    fit = driver.execute_script("""
        const box = document.getElementById('search-q'), cs = getComputedStyle(box);
        const c = document.createElement('canvas').getContext('2d');
        c.font = cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
        const m = c.measureText('ẪỖỄỒỔỂ'), line = box.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom);
        const height = Math.min(line, cs.lineHeight === 'normal' ? line : parseFloat(cs.lineHeight));
        return {ink: m.actualBoundingBoxAscent, room: (height - m.fontBoundingBoxAscent - m.fontBoundingBoxDescent) / 2 + m.fontBoundingBoxAscent};""")
    assert fit["ink"] <= fit["room"] + 0.5, f"the marks rise {fit['ink']:.1f} px above the baseline, the box shows {fit['room']:.1f}"


@pytest.mark.parametrize("width, title", [
    (320, "Bản tin Học tập Lý luận Chính trị Đảng bộ Huyện Mỹ Lộc"),
    (390, "Bản tin Học tập Lý luận Chính trị Đảng bộ Huyện Mỹ Lộc"),
    (768, "Bản tin Nội bộ Đảng ủy Xã Ngọc Hồi"),
])
def test_the_bulletins_name_keeps_the_marks_of_its_lines_apart(site, driver, width, title):
    """The bulletin's name, in capitals over several lines: the dot below a letter (Ộ, Ọ) of one
    line stays clear of the marks above the letter under it (Ồ, Ả) on the next. Each letter's ink,
    measured in the title's font, around its line's baseline; letters of two lines that stand
    one above the other must not reach each other."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 800})
    try:
        driver.get(file_url(site / "index.html"))
        wait_ready(driver)
        found = driver.execute_script(r"""
            const a = document.querySelector('.site-title a');
            const node = [...a.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
            node.textContent = arguments[0];
            const cs = getComputedStyle(a), c = document.createElement('canvas').getContext('2d');
            c.font = cs.fontWeight + ' ' + cs.fontSize + ' ' + cs.fontFamily;
            const range = document.createRange(), letters = [];
            for (const {segment, index} of new Intl.Segmenter('vi', {granularity: 'grapheme'}).segment(node.textContent)) {
              if (!segment.trim()) continue;
              range.setStart(node, index); range.setEnd(node, index + segment.length);
              const b = range.getBoundingClientRect(), m = c.measureText(segment.toLocaleUpperCase('vi'));
              const baseline = b.top + (b.height - m.fontBoundingBoxAscent - m.fontBoundingBoxDescent) / 2 + m.fontBoundingBoxAscent;
              letters.push({left: b.left, right: b.right, top: Math.round(b.top), inkTop: baseline - m.actualBoundingBoxAscent, inkBottom: baseline + m.actualBoundingBoxDescent, text: segment});
            }
            const lines = [...new Set(letters.map(l => l.top))].sort((x, y) => x - y);
            let worst = {by: -Infinity};
            for (const upper of letters) for (const lower of letters) {
              if (lines.indexOf(lower.top) !== lines.indexOf(upper.top) + 1 || upper.right <= lower.left || lower.right <= upper.left) continue;
              const by = upper.inkBottom - lower.inkTop;
              if (by > worst.by) worst = {by, upper: upper.text, lower: lower.text};
            }
            return {lines: lines.length, worst};""", title)
        assert found["lines"] >= 2, f"{title!r} takes one line at {width} px: nothing to check"
        worst = found["worst"]
        assert worst["by"] <= 0, f"at {width} px, {worst['upper']!r} reaches {worst['by']:.1f} px into {worst['lower']!r} on the line under it"
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_without_scripts_the_search_page_says_so_under_its_form(site, driver):
    """Without JavaScript the search page says search needs it, right under its form, on a
    phone's first screen: not below the room kept for results."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        driver.get(file_url(site / SEARCH_PAGE))
        where = driver.execute_script("""
            const form = document.querySelector('main form').getBoundingClientRect();
            const notice = [...document.querySelectorAll('.notice-box')].find(p => p.getBoundingClientRect().height > 0);
            return notice ? {form: form.bottom, notice: notice.getBoundingClientRect().top, screen: innerHeight} : null;""")
        assert where, "no notice shown without JavaScript"
        assert where["notice"] - where["form"] < 100 and where["notice"] < where["screen"], f"the notice starts at {where['notice']:.0f} px, the form ends at {where['form']:.0f} px"
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
