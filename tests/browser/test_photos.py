"""Photos in a real browser, from file://: on a phone the article with its lead photo stays
light, on a large 2× screen the sharpest variant is chosen, and both are looked at."""
from __future__ import annotations

import base64
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from helpers import file_url, load_images, make_driver, network_requests, screenshot, wait_ready

REPO = Path(__file__).resolve().parents[2]
ARTICLE = "bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html"
PHONE_BUDGET = 250 * 1000  # bytes: HTML, CSS and images of the page at 390 px


@pytest.fixture()
def netlog_driver():
    d = make_driver(performance_log=True)
    yield d
    d.quit()


def emulate(driver, width: int, height: int, scale: float, mobile: bool) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile})


def lead_photo(driver) -> dict:
    return driver.execute_script(
        """
        const img = document.querySelector('.story-figure picture img');
        return img && {current: img.currentSrc, srcset: img.srcset,
                       webp: img.parentElement.querySelector('source[type="image/webp"]').srcset,
                       shown: img.getBoundingClientRect().width, natural: img.naturalWidth,
                       width: img.getAttribute('width'), height: img.getAttribute('height'),
                       loading: img.getAttribute('loading'), priority: img.getAttribute('fetchpriority')};
        """)


def widest(srcset: str) -> tuple[str, int]:
    candidates = [(url, int(w)) for url, w in re.findall(r"(\S+) (\d+)w", srcset)]
    return max(candidates, key=lambda c: c[1])


def test_the_article_with_its_photo_is_light_on_a_phone(netlog_driver, site, shots):
    """Chromium keeps no Resource Timing sizes for file:// loads: what the page loaded is read
    from the DevTools network log, and each file's size from disk."""
    driver = netlog_driver
    emulate(driver, 390, 844, 2, True)
    network_requests(driver)
    driver.get(file_url(site / ARTICLE))
    wait_ready(driver)
    load_images(driver)
    photo = lead_photo(driver)
    assert photo and photo["priority"] == "high" and photo["loading"] is None, photo
    assert photo["current"].endswith(".webp"), f"the WebP is chosen: {photo}"
    assert photo["natural"] < widest(photo["webp"])[1] or photo["natural"] <= 960, f"a phone does not get the widest: {photo}"
    loaded = {url.split("#")[0] for url in network_requests(driver) if url.startswith("file://")}
    sizes = {url: (site / url[len(site.as_uri()) + 1:]).stat().st_size for url in loaded if url.startswith(site.as_uri())}
    total = sum(sizes.values())
    report = "\n".join(f"{size:>8} {url[len(site.as_uri()):]}" for url, size in sorted(sizes.items()))
    print(f"\nloaded at 390 px (2x): {total} bytes\n{report}")
    assert any(u.endswith(".html") for u in sizes) and any(u.endswith(".css") for u in sizes)
    assert any(u.endswith(".webp") for u in sizes), "the photo was loaded"
    assert total <= PHONE_BUDGET, f"{total} bytes loaded at 390 px:\n{report}"
    emulate(driver, 390, 900, 1, True)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    screenshot(driver, shots, "photo-article-phone", 390)


def test_a_large_sharp_screen_gets_the_widest_variant(netlog_driver, site, shots):
    driver = netlog_driver
    emulate(driver, 1280, 900, 2, False)
    driver.get(file_url(site / ARTICLE))
    wait_ready(driver)
    load_images(driver)
    photo = lead_photo(driver)
    url, width = widest(photo["webp"])
    assert photo["current"].endswith(url.split("/")[-1]), f"at 1280 px on a 2x screen the widest variant is chosen: {photo}"
    if width >= 1600:
        assert photo["current"].endswith("-1600.webp"), photo
    assert photo["shown"] * 2 > 960, photo
    assert int(photo["width"]) == width and int(photo["height"]) > 0
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    screenshot(driver, shots, "photo-article-desktop", 1280)


@pytest.mark.parametrize("width,mobile", [(390, True), (1280, False)], ids=["phone", "desktop"])
def test_a_printed_article_has_the_widest_file_from_any_window(site, shots, width, mobile):
    """A browser printing a page keeps the file its <picture> took for the screen (480 px on a
    phone): print shows a copy of the widest file instead, hidden on screen, where it is never
    loaded. A fresh browser each time: its memory cache would keep a file loaded before."""
    driver = make_driver(performance_log=True)
    try:
        emulate(driver, width, 844, 1, mobile)
        network_requests(driver)
        driver.get(file_url(site / ARTICLE))
        wait_ready(driver)
        load_images(driver)
        copy = driver.execute_script(
            """const c = document.querySelector('.story-figure .print-copy');
               return c && {src: c.src, width: +c.getAttribute('width'), height: +c.getAttribute('height'),
                            shown: getComputedStyle(c).display, widest: c.nextElementSibling.querySelector('img').getAttribute('src'),
                            alt: c.alt, photoAlt: c.nextElementSibling.querySelector('img').alt};""")
        assert copy and copy["shown"] == "none", f"a copy for print, hidden on screen: {copy}"
        assert copy["alt"] and copy["alt"] == copy["photoAlt"], f"printed, the photo keeps its alt: {copy}"
        # Hidden by its own style: a theme's older stylesheet (none here) shows it no more.
        unstyled = driver.execute_script(
            "for (const s of document.styleSheets) s.disabled = true;"
            " const d = getComputedStyle(document.querySelector('.print-copy')).display;"
            " for (const s of document.styleSheets) s.disabled = false; return d;")
        assert unstyled == "none", f"without the stylesheet the copy shows: {unstyled}"
        assert copy["src"].endswith(copy["widest"].lstrip("./")), f"the copy is the widest file: {copy}"
        loaded = [u.split("#")[0] for u in network_requests(driver)]
        assert copy["src"] not in loaded, f"the screen at {width} px loaded the widest file for print: {loaded}"
        pdf = shots / f"print-article-{width}.pdf"
        pdf.write_bytes(base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "paperWidth": 8.27, "paperHeight": 11.69})["data"]))
    finally:
        driver.quit()
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert listed, "no photo printed"
    printed = tuple(int(n) for n in listed[0].split()[3:5])
    assert printed == (copy["width"], copy["height"]), f"printed from a {width} px window: {printed}, not the widest {copy}"


PORTRAIT_ARTICLE = "bai-viet/dang-bo-dong-thap-gan-chuyen-de-nam-2022-voi-nang-chat-doi-ngu-can-bo/index.html"


@pytest.mark.parametrize("width,height", [(1280, 800), (1440, 700), (390, 844)])
def test_a_portrait_photo_shows_whole_with_its_caption(driver, site, width, height):
    """The lotus pond is a portrait photo (3 × 4): on a desktop screen it is no taller than
    80 % of the screen, undistorted and centred, so that it and its caption fit together; on a
    phone it keeps the column's width."""
    emulate(driver, width, height, 1, width < 500)
    driver.get(file_url(site / PORTRAIT_ARTICLE))
    wait_ready(driver)
    load_images(driver)
    box = driver.execute_script(
        """
        const img = document.querySelector('.story-figure picture img'), r = img.getBoundingClientRect();
        const figure = document.querySelector('.story-figure').getBoundingClientRect();
        const caption = document.querySelector('.story-figure figcaption').getBoundingClientRect();
        return {width: r.width, height: r.height, left: r.left - figure.left, right: figure.right - r.right,
                column: figure.width, captionHeight: caption.height, ratio: img.naturalHeight / img.naturalWidth,
                viewport: window.innerHeight};
        """)
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert box["ratio"] > 1.2, f"the test photo is a portrait: {box}"
    assert box["height"] <= 0.8 * box["viewport"] + 1, box
    assert abs(box["height"] / box["width"] - box["ratio"]) < 0.02, f"the photo keeps its shape: {box}"
    assert abs(box["left"] - box["right"]) <= 1, f"centred: {box}"
    assert box["height"] + box["captionHeight"] <= box["viewport"], f"photo and caption fit on the screen: {box}"
    if width < 500:
        assert box["width"] >= box["column"] - 1 or box["height"] >= 0.8 * box["viewport"] - 1, f"a phone fills the column: {box}"


def solid_png(width: int, height: int) -> bytes:
    """A PNG of one colour, written here (no image library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\xb0\x20\x20" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def small_photo_site(tmp_path_factory, bantin_bin) -> Path:
    root = tmp_path_factory.mktemp("anh-nho")
    content = root / "content"
    files = {"site.yml": 'title: "Bản tin thử"\n'.encode(), "media/anh-cu.png": solid_png(400, 300),
             "articles/anh-cu.md": ('---\ntitle: "Ảnh cũ từ kho lưu trữ"\ndate: 2024-05-10T08:00:00+07:00\n'
                                    'image: media/anh-cu.png\nimage_alt: "Ảnh cũ"\n---\nNội dung.\n').encode()}
    for name, data in files.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_bytes(data)
    subprocess.run([str(bantin_bin), "build", "--content", str(content), "--templates", str(REPO / "templates"),
                    "--output", str(root / "public")], check=True, capture_output=True)
    return root / "public"


@pytest.mark.parametrize("width,scale", [(1280, 1), (1280, 2), (390, 2)])
def test_an_articles_photo_smaller_than_the_column_is_never_enlarged(driver, small_photo_site, width, scale):
    """A 400 px archive photo as an article's photo is shown 400 px wide on a desktop (not
    stretched to the 704 px column, blurred), and within the column on a phone."""
    emulate(driver, width, 900, scale, width < 500)
    driver.get(file_url(small_photo_site / "bai-viet/anh-cu-tu-kho-luu-tru/index.html"))
    wait_ready(driver)
    load_images(driver)
    photo = lead_photo(driver)
    column = driver.execute_script("return document.querySelector('.story-figure').getBoundingClientRect().width")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert photo["width"] == "400", photo
    assert photo["shown"] <= min(400, column) + 0.5, f"the photo is shown wider than it is: {photo}, column {column}"
    assert photo["shown"] >= min(400, column) - 0.5, f"the photo is shown at its size, or the column's: {photo}, column {column}"
