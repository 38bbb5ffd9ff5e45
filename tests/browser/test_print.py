"""Print: with print media emulated, an article and a month page drop the navigation
and footer; the article keeps its photo and caption and spells out external links;
a PDF of each is saved to BANTIN_SCREENSHOTS."""
from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from helpers import drain_console, file_url, first_ink_row, load_images, page_margin_top_mm, severe_console, wait_ready

PDF_OPTIONS = {"printBackground": False, "preferCSSPageSize": True, "paperWidth": 8.27, "paperHeight": 11.69}


def pick_article(site: Path) -> Path:
    """An article with a photo and, if the sample has one, an external link in its body."""
    pages = sorted(site.glob("bai-viet/*/index.html"))
    with_photo = [p for p in pages if 'class="story-figure"' in p.read_text(encoding="utf-8")]
    assert with_photo, "no article with a photo in the sample"

    def external(p):
        html = p.read_text(encoding="utf-8")
        body = html.split('class="story-body', 1)[1].split("</div>", 1)[0]
        return re.search(r'<a href="https?://', body) is not None

    return next((p for p in with_photo if external(p)), with_photo[0])


def open_print(driver, page: Path) -> None:
    drain_console(driver)
    driver.get(file_url(page))
    wait_ready(driver)
    load_images(driver)
    assert not severe_console(driver)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert driver.execute_script("return matchMedia('print').matches"), "print media not emulated"


def display(driver, selector: str) -> list[str]:
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => getComputedStyle(e).display)", selector)


def save_pdf(driver, path: Path) -> bytes:
    data = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", PDF_OPTIONS)["data"])
    assert data.startswith(b"%PDF"), data[:20]
    path.write_bytes(data)
    return data


@pytest.fixture(autouse=True)
def screen_media_after(driver):
    yield
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def assert_no_chrome(driver):
    for selector in (".site-nav", ".site-footer", ".skip-link", ".breadcrumbs"):
        shown = display(driver, selector)
        assert shown and all(d == "none" for d in shown), f"{selector} printed: {shown}"


def test_print_article(driver, site, shots):
    page = pick_article(site)
    open_print(driver, page)
    assert_no_chrome(driver)
    assert display(driver, ".story-title") == ["block"]
    for selector in (".story-figure", ".story-figure .print-copy", ".story-figure figcaption"):
        shown = display(driver, selector)
        assert shown and "none" not in shown, f"{selector} not printed: {shown}"
    # The screen's choice of file is not printed: the widest file's copy is, loaded now.
    assert display(driver, ".story-figure picture") == ["none"]
    img = driver.find_element(By.CSS_SELECTOR, ".story-figure .print-copy")
    assert img.size["width"] > 0 and img.size["height"] > 0
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img) > 0)
    assert display(driver, ".related") in ([], ["none"]), "Xem thêm printed"
    links = driver.find_elements(By.CSS_SELECTOR, ".story-body a[href^='http']")
    if links:
        for a in links:
            href = a.get_attribute("href")
            after = driver.execute_script("return getComputedStyle(arguments[0], '::after').content", a)
            assert href.rstrip("/") in after, f"external link {href} prints without its address: {after!r}"
    else:
        print(f"{page}: no external link in the body; ::after check not exercised")
    # internal links do not print "(../../…)" noise
    for a in driver.find_elements(By.CSS_SELECTOR, ".story-body a:not([href^='http'])"):
        after = driver.execute_script("return getComputedStyle(arguments[0], '::after').content", a)
        assert after in ("none", "normal", '""'), after
    data = save_pdf(driver, shots / "print-article.pdf")
    assert data.count(b"/Type /Page") >= 1


def test_print_month(driver, site, shots):
    months = sorted(site.glob("luu-tru/*/*/index.html"), key=lambda p: -p.read_text(encoding="utf-8").count('class="card'))
    assert months, "no month page"
    open_print(driver, months[0])
    assert_no_chrome(driver)
    titles = driver.find_elements(By.CSS_SELECTOR, ".cards .card-title")
    assert titles and all(t.is_displayed() for t in titles), "month prints no article titles"
    assert display(driver, "h1") == ["block"]
    save_pdf(driver, shots / "print-month.pdf")


def test_a_printed_list_says_it_goes_on(driver, site, shots):
    """A list of several pages printed (a directive's, to study it) says which page it is of
    how many: its page links are not printed, its "Trang 1/2" is."""
    paged = [p for p in sorted(site.glob("van-ban/*/index.html")) if 'class="pagination-label"' in p.read_text(encoding="utf-8")]
    assert paged, "no directive's list runs over two pages in the sample"
    open_print(driver, paged[0])
    assert display(driver, ".pagination ul") == ["none"], "page links printed"
    label = driver.find_element(By.CSS_SELECTOR, ".pagination-label")
    assert label.is_displayed() and re.fullmatch(r"Trang 1/\d+", label.text), label.text


def test_a_printed_search_keeps_no_room_for_results(driver, site, shots):
    """On screen the results have room kept for them (nothing moves as they arrive); printed,
    a search with a few results is one sheet, not one followed by a blank one."""
    drain_console(driver)
    driver.get(file_url(site / "tim-kiem" / "index.html", "q=" + quote("bắc ninh")))
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.documentElement.dataset.searchShownAt"))
    count = len(driver.find_elements(By.CSS_SELECTOR, "#search-results > li"))
    assert 0 < count <= 4, f"{count} results: the test wants a search of a few"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert driver.execute_script("return getComputedStyle(document.getElementById('search-results')).minHeight") == "0px"
    data = save_pdf(driver, shots / "print-search.pdf")
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    assert pages == 1, f"{count} results printed on {pages} pages"


@pytest.mark.parametrize("kind", ["home", "article", "print-edition"])
def test_the_first_line_prints_whole(driver, site, shots, kind):
    """The first line of a printed page (the bulletin's name, in capitals: BẢN … ĐẢNG) has its
    marks whole. Chromium cuts what rises above the page's top margin, and an Ả cut to its
    lower stroke prints as Á (BÁN: "sell")."""
    page = {"home": site / "index.html", "article": pick_article(site),
            "print-edition": sorted(site.glob("luu-tru/*/*/ban-in/index.html"))[-1]}[kind]
    sheets = [site / "assets" / "style.css"] + ([site / "assets" / "print.css"] if kind == "print-edition" else [])
    open_print(driver, page)
    pdf = shots / f"first-line-{kind}.pdf"
    save_pdf(driver, pdf)
    margin = page_margin_top_mm(*sheets) / 25.4 * 150
    ink = first_ink_row(pdf, dpi=150)
    # Cut at the margin, the marks start on its row; whole, a few rows below it.
    assert ink > margin + 2, f"{page.relative_to(site)}: ink from row {ink}, the margin ends at {margin:.1f}"
