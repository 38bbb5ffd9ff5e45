"""The monthly print edition (luu-tru/<yyyy>/<mm>/ban-in/) printed to PDF by headless Chromium
on A4, the way an editor prints the month's issue for the party cells, and read back with
poppler (pdfinfo, pdftotext -layout): the cover with the issue number on page 1, every
article of the month in the table of contents and in the body in the same order, each
article starting on a new page, page numbers in the margin, no navigation. Two editions are
printed: the month with the most articles (it has a long article that spans pages) and the
newest month. Each PDF and its pages as PNG (pdftoppm -r 60) are saved to BANTIN_SCREENSHOTS;
so are screenshots of the edition on screen at 1280 and 390 px."""
from __future__ import annotations

import base64
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from helpers import (DESKTOP, PHONE, assert_fits_phone, assert_images_loaded, drain_console, file_url,
                     screenshot, set_size, severe_console, wait_ready)

PDF_OPTIONS = {"printBackground": True, "preferCSSPageSize": True, "paperWidth": 8.27, "paperHeight": 11.69}
A4_POINTS = (595, 842)
# What a reader's page shows around its content and a printed issue must not.
NAVIGATION = ("Trang chủ", "Tìm kiếm", "Chuyển đến nội dung chính", "Xem thêm", "In bản tin", "Về trang", "Nhận tin")


@pytest.fixture(scope="module", autouse=True)
def poppler():
    missing = [tool for tool in ("pdfinfo", "pdftotext", "pdftoppm") if not shutil.which(tool)]
    assert not missing, f"{missing} not found: apt-get install poppler-utils (scripts/setup --test does)"


class Edition(HTMLParser):
    """What the edition's HTML says it holds: the issue label and the articles' titles, in the
    order of the table of contents and of the body."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.capture: str | None = None
        self.text = ""
        self.found: dict[str, list[str]] = {"toc-title": [], "issue-article-title": [], "cover-issue": [],
                                            "cover-month": [], "cover-masthead": []}
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        for name in self.found:
            if name in classes:
                self.capture, self.text = name, ""

    def handle_data(self, data):
        if self.capture:
            self.text += data

    def handle_endtag(self, tag):
        if self.capture:
            self.found[self.capture].append(" ".join(self.text.split()))
            self.capture = None


def editions(site: Path) -> list[Path]:
    """The edition with the most articles, and the newest other one."""
    pages = sorted(site.glob("luu-tru/*/*/ban-in/index.html"))
    assert pages, "no print edition in the sample"
    largest = max(pages, key=lambda p: len(Edition(p).found["issue-article-title"]))
    newest = next(p for p in reversed(pages) if p != largest)
    return [largest, newest]


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def print_pdf(driver, page: Path, pdf: Path) -> list[str]:
    """Prints `page` to `pdf` (A4 from its @page rule) and returns the text of each PDF page."""
    drain_console(driver)
    driver.get(file_url(page))
    wait_ready(driver)
    assert_images_loaded(driver)
    assert not severe_console(driver)
    data = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", PDF_OPTIONS)["data"])
    assert data.startswith(b"%PDF"), data[:20]
    pdf.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == A4_POINTS, f"not A4 portrait: {info}"
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    texts = unicodedata.normalize("NFC", text).split("\f")[:pages]
    assert len(texts) == pages, (len(texts), pages)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(pdf.with_suffix(""))], check=True)
    return texts


@pytest.mark.parametrize("which", [0, 1], ids=["largest-month", "newest-month"])
def test_print_edition_pdf(driver, site, shots, which):
    page = editions(site)[which]
    edition = Edition(page).found
    titles = edition["issue-article-title"]
    assert titles and edition["toc-title"] == titles, "the contents list the articles in the body's order"
    month = page.parent.parent
    name = f"print-edition-{month.parent.name}-{month.name}"
    texts = print_pdf(driver, page, shots / f"{name}.pdf")
    pages = len(texts)
    print(f"{page.relative_to(site)}: {pages} pages, {len(titles)} articles")

    # Page 1: the cover (bulletin, issue number, month) and the contents.
    cover = flat(texts[0]).casefold()
    for label in edition["cover-masthead"] + edition["cover-issue"] + edition["cover-month"]:
        assert label.casefold() in cover, f"{label!r} not on page 1: {texts[0][:400]}"
    assert edition["cover-issue"] and re.fullmatch(r"Số \d+", edition["cover-issue"][0]), edition["cover-issue"]

    # Each article starts a page with its kicker "Bài k/N" and its title, in the contents' order.
    starts = []
    for number, title in enumerate(titles, start=1):
        kicker = f"BÀI {number}/{len(titles)}"
        found = [i for i, t in enumerate(texts) if kicker in t]
        assert len(found) == 1, f"{kicker} printed on pages {found}"
        body = [line.strip() for line in texts[found[0]].splitlines() if line.strip()]
        assert body[1].startswith(kicker), f"page {found[0] + 1} does not begin with article {number}: {body[:3]}"
        assert flat(title) in flat(texts[found[0]]), f"{title!r} not on its first page {found[0] + 1}"
        starts.append(found[0])
    assert starts == sorted(starts) and starts[0] >= 1, f"articles start on pages {[s + 1 for s in starts]}"
    contents = flat(" ".join(texts[:starts[0]]))
    positions = [contents.find(flat(title)) for title in titles]
    assert -1 not in positions and positions == sorted(positions), f"contents order {positions}"

    # Running head and page numbers in the margins of every page but the cover.
    for number, text in enumerate(texts[1:], start=2):
        assert f"Trang {number} / {pages}" in text, f"page {number} has no page number"
        head = next(line for line in text.splitlines() if line.strip())
        assert edition["cover-masthead"][0] in head, f"page {number} has no running head: {head!r}"
    all_text = flat(" ".join(texts))
    for word in NAVIGATION:
        assert word not in all_text, f"navigation text {word!r} printed"

    if which == 0:
        spans = [b - a for a, b in zip(starts, starts[1:] + [pages])]
        assert max(spans) >= 2, f"no article of the largest month spans more than one page: {spans}"


def test_print_edition_on_screen(driver, site, shots):
    page = editions(site)[0]
    drain_console(driver)
    driver.get(file_url(page))
    wait_ready(driver)
    set_size(driver, *DESKTOP)
    assert_images_loaded(driver)
    button = driver.find_element(By.CSS_SELECTOR, ".issue-print-button")
    assert button.is_displayed() and button.text == "In bản tin"
    assert button.get_attribute("onclick") == "window.print()"
    back = driver.find_element(By.CSS_SELECTOR, ".issue-back")
    assert back.get_attribute("href").endswith("/index.html") and "ban-in" not in back.get_attribute("href")
    # The contents link to each article on the page.
    for link in driver.find_elements(By.CSS_SELECTOR, ".toc-title"):
        target = link.get_attribute("href").split("#")[1]
        assert driver.find_elements(By.ID, target), target
    screenshot(driver, shots, "print-edition-desktop", DESKTOP[0])
    assert_fits_phone(driver)
    screenshot(driver, shots, "print-edition-phone", PHONE[0])
    set_size(driver, *DESKTOP)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = driver.execute_script("return getComputedStyle(document.querySelector('.issue-toolbar')).display")
        assert shown == "none", "the print button is printed"
        external = driver.find_elements(By.CSS_SELECTOR, ".issue-body a[href^='http']")
        for a in external:
            after = driver.execute_script("return getComputedStyle(arguments[0], '::after').content", a)
            assert a.get_attribute("href").rstrip("/") in after, after
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert not severe_console(driver)


def striped_png(width: int, height: int) -> bytes:
    """A grey PNG of dark and light bands, 60 px each, written here (no imaging library)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + bytes([30 if (y // 60) % 2 else 230]) * width for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def test_a_portrait_cover_photo_shows_whole_with_its_caption(driver, site, shots):
    """On screen the cover's photo is no taller than 80 % of the window, as an article's is."""
    portrait = [p for p in sorted(site.glob("luu-tru/*/*/ban-in/index.html"))
                if (m := re.search(r'<figure class="cover-figure">\s*<img [^>]*width="(\d+)" height="(\d+)"', p.read_text(encoding="utf-8")))
                and int(m[2]) > int(m[1])]
    assert portrait, "no print edition of the sample has a portrait cover photo"
    driver.get(file_url(portrait[0]))
    wait_ready(driver)
    for size in (DESKTOP, (768, 1024)):
        set_size(driver, *size)
        assert_images_loaded(driver)
        box = driver.execute_script(
            """const i = document.querySelector('.cover-figure img'), c = document.querySelector('.cover-figure figcaption');
               return {height: i.getBoundingClientRect().height, width: i.getBoundingClientRect().width,
                       ratio: i.naturalHeight / i.naturalWidth, window: innerHeight};""")
        assert box["height"] <= 0.8 * box["window"] + 1, f"at {size} the cover photo is {box['height']} px tall in a {box['window']} px window"
        assert abs(box["height"] / box["width"] - box["ratio"]) < 0.02, f"the photo keeps its shape: {box}"
    set_size(driver, *DESKTOP)
    screenshot(driver, shots, "print-edition-portrait-cover", DESKTOP[0])


@pytest.fixture(scope="module")
def awkward_month(tmp_path_factory, bantin_bin) -> Path:
    """A month whose one article has what paper handles badly: a portrait photo taller than a
    page's width allows, a code line longer than the page is wide, and addresses written out
    as the links' own text (in the body and in a footnote)."""
    root = tmp_path_factory.mktemp("ban-in-kho")
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    (content / "media").mkdir()
    (content / "media" / "anh-doc.png").write_bytes(striped_png(1080, 1920))
    (content / "site.yml").write_text('title: "Bản tin thử"\n', encoding="utf-8")
    code = "lệnh " + "-" * 160 + " HẾT"
    (content / "articles" / "anh-doc.md").write_text(
        '---\ntitle: "Ảnh dọc trong bài"\ndate: 2024-07-02\n---\n'
        "Đoạn mở đầu.\n\n![Ảnh chụp dọc bằng điện thoại](../media/anh-doc.png)\n\n"
        f"Đoạn sau ảnh.\n\n```\n{code}\n```\n\n"
        "Văn kiện đăng tại https://tulieuvankien.dangcongsan.vn/van-kien/mot-hai và được chú thích.[^1]\n\n"
        "[^1]: Xem thêm https://example.org/a/b/c.\n\nBài trên https://vi.wikipedia.org/wiki/Hà_Nội về thủ đô.\n\n"
        # Addresses as Word's autocorrect and other tools write them: each printed too.
        + "".join(f"Xem [{text}]({href}). " for text, href in OTHER_SITES) + "\n\nVề [bài trước](truoc.md), theo văn bản[^QĐ//2023].\n\n"
        "[^QĐ//2023]: Quyết định năm 2023.\n",
        encoding="utf-8")
    (content / "articles" / "truoc.md").write_text('---\ntitle: "Bài trước"\ndate: 2024-07-01\n---\nChữ.\n', encoding="utf-8")
    templates = Path(__file__).resolve().parents[2] / "templates"
    subprocess.run([str(bantin_bin), "build", "--content", str(content), "--templates", str(templates),
                    "--output", str(root / "public")], check=True, capture_output=True)
    return root / "public" / "luu-tru" / "2024" / "07" / "ban-in" / "index.html"


OTHER_SITES = [("cổng", "Http://dangcongsan.vn/cong"), ("văn bản", "HTTPS://example.org/VB"),
               ("tệp", "ftp://example.org/tep.pdf"), ("tài liệu", "//example.net/tl")]


def test_print_edition_keeps_photos_code_and_addresses_whole(driver, shots, awkward_month):
    pdf = shots / "print-edition-awkward.pdf"
    texts = print_pdf(driver, awkward_month, pdf)
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    # page num type width height …: the portrait photo (the only image taller than wide) on one page.
    portrait = [line.split() for line in listed.splitlines()[2:] if int(line.split()[4]) > int(line.split()[3])]
    assert len(portrait) == 1, f"the portrait photo is cut across pages: {listed}"
    text = flat(" ".join(texts))
    assert "HẾT" in text, "the end of the long code line is cut off on paper"
    for address in ("https://tulieuvankien.dangcongsan.vn/van-kien/mot-hai", "https://example.org/a/b/c", "https://vi.wikipedia.org/wiki/Hà_Nội"):
        assert text.count(address) == 1, f"{address} printed {text.count(address)} times: the link's text is the address"
    for _, href in OTHER_SITES:
        assert f"({href})" in text, f"the link to another site {href} prints no address"
    assert "truoc" not in text and "#bai-" not in text and "(#" not in text, "a link inside the edition prints its address"
