"""What a printed page must not lose or repeat, and a body photo a screen must show whole: a
table of figures wider than the paper prints every column (the article and the month's print
edition), an address written as its own link prints once, and a portrait photo in the body is
no taller than 80 % of the screen, as the article's own photo."""
from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import file_url, load_images, set_size, wait_ready

REPO = Path(__file__).resolve().parents[2]
PDF_OPTIONS = {"printBackground": False, "preferCSSPageSize": True, "paperWidth": 8.27, "paperHeight": 11.69}
MONTHS = ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "T10", "T11", "T12"]
TOTAL = "16.990.000"
ADDRESS = "https://dangcongsan.vn/tu-lieu/ket-luan-01"


@pytest.fixture(scope="module")
def print_site(tmp_path_factory, bantin_bin) -> Path:
    root = tmp_path_factory.mktemp("in")
    articles = root / "content" / "articles" / "2024" / "06"
    articles.mkdir(parents=True)
    media = root / "content" / "media"
    media.mkdir()
    # Stored on its side with an EXIF orientation: upright it is a portrait (3 × 4).
    shutil.copy(REPO / "content" / "media" / "2022" / "dong-thap-dam-sen.jpg", media / "sen.jpg")
    (root / "content" / "site.yml").write_text('title: "Bản tin thử"\n', encoding="utf-8")
    row = " | ".join(["1.250.000"] * 12)
    table = ("| Chi bộ | " + " | ".join(MONTHS) + " | Cả năm |\n|" + "---|" * 14 + "\n"
             + "".join(f"| Chi bộ {k} | {row} | {TOTAL} |\n" for k in (1, 2, 3)))
    body = (f"Số liệu thu đảng phí theo tháng (đồng):\n\n{table}\n"
            f"Toàn văn đăng tại {ADDRESS} và [trang tư liệu](https://tulieuvankien.dangcongsan.vn/).\n\n"
            "![Đầm sen của xã](../../../media/sen.jpg)\n")
    (articles / "dang-phi.md").write_text(
        f'---\ntitle: "Kết quả thu nộp đảng phí"\ndate: 2024-06-10T08:00:00+07:00\n---\n{body}', encoding="utf-8")
    subprocess.run([str(bantin_bin), "build", "--content", str(root / "content"), "--templates", str(REPO / "templates"),
                    "--output", str(root / "public")], check=True, capture_output=True)
    return root / "public"


PAGES = {"article": "bai-viet/ket-qua-thu-nop-dang-phi/index.html", "print-edition": "luu-tru/2024/06/ban-in/index.html"}


def printed_text(driver, page: Path, pdf: Path) -> str:
    driver.get(file_url(page))
    wait_ready(driver)
    load_images(driver)
    pdf.write_bytes(base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", PDF_OPTIONS)["data"]))
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("kind", list(PAGES))
def test_a_wide_table_of_figures_prints_every_column(driver, print_site, shots, kind):
    text = printed_text(driver, print_site / PAGES[kind], shots / f"print-wide-table-{kind}.pdf")
    header = next((line.split() for line in text.splitlines() if "T12" in line), [])
    assert all(month in header for month in MONTHS) and "Cả" in header, f"{kind}: the header printed {header}"
    rows = [line for line in text.splitlines() if "1.250.000" in line]
    assert len(rows) == 3, f"{kind}: each party cell's row prints on one line, figures unbroken:\n{text}"
    assert all(TOTAL in row and row.count("1.250.000") == 12 for row in rows), f"{kind}: a column is cut:\n{text}"


@pytest.mark.parametrize("kind", list(PAGES))
def test_an_address_shown_as_its_link_prints_once(driver, print_site, shots, kind):
    # Without spaces: where a line ends depends on the fonts the machine has.
    text = "".join(printed_text(driver, print_site / PAGES[kind], shots / f"print-address-{kind}.pdf").split())
    assert text.count(ADDRESS) == 1, f"{kind}: {ADDRESS} printed {text.count(ADDRESS)} times"
    assert "trangtưliệu(https://tulieuvankien.dangcongsan.vn/)" in text, f"{kind}: a link's address follows its text"


@pytest.mark.parametrize("width,height", [(1280, 800), (390, 844)])
def test_a_portrait_photo_in_the_body_shows_whole(driver, print_site, width, height):
    set_size(driver, width, height)
    driver.get(file_url(print_site / PAGES["article"]))
    wait_ready(driver)
    load_images(driver)
    box = driver.execute_script(
        """
        const img = document.querySelector('.prose picture img'), r = img.getBoundingClientRect();
        // The photo as drawn in its box: shrunk to fit it whole (object-fit: contain), or filling it.
        const fit = getComputedStyle(img).objectFit;
        const scale = fit === 'contain' ? Math.min(r.width / img.naturalWidth, r.height / img.naturalHeight) : null;
        return {width: r.width, height: r.height, fit: fit, ratio: img.naturalHeight / img.naturalWidth, viewport: window.innerHeight,
                drawnWidth: scale ? img.naturalWidth * scale : r.width, drawnHeight: scale ? img.naturalHeight * scale : r.height};
        """)
    assert box["ratio"] > 1.2, f"the test photo is a portrait: {box}"
    assert box["height"] <= 0.8 * box["viewport"] + 1, f"taller than 80 % of the screen: {box}"
    assert abs(box["drawnHeight"] / box["drawnWidth"] - box["ratio"]) < 0.02, f"the photo keeps its shape: {box}"
    assert box["drawnWidth"] >= box["width"] - 1 or box["drawnHeight"] >= box["height"] - 1, f"the photo fills its box one way: {box}"
