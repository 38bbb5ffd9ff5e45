"""What editors write that the sample bulletin does not have, read on a narrow phone and with
axe: a category name of 86 characters (in the breadcrumbs of its second page), a table wider
than the screen, a long code line, a task list, footnotes. The page never scrolls sideways,
the crumb of the current page stays readable, and axe finds nothing serious."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from helpers import axe_script, axe_violations, file_url, horizontal_overflow, set_size, wait_ready

CATEGORY = "Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trên mạng"
WIDTHS = [320, 360, 390]


@pytest.fixture(scope="module")
def awkward_site(tmp_path_factory, bantin_bin) -> Path:
    root = tmp_path_factory.mktemp("kho")
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    (root / "content" / "site.yml").write_text('title: "Bản tin thử"\nper_page: 10\n', encoding="utf-8")
    for n in range(12):
        (articles / f"bai-{n}.md").write_text(
            f'---\ntitle: "Bài số {n} về bảo vệ nền tảng tư tưởng"\ndate: 2024-03-{n + 1:02d}T08:00:00+07:00\n'
            f'category: "{CATEGORY}"\nlocation: "Thành phố Hồ Chí Minh"\n---\nNội dung bài {n}.\n',
            encoding="utf-8")
    columns = ["Đơn vị", "Số đảng viên", "Kết nạp mới", "Chuyển sinh hoạt", "Khen thưởng", "Kỷ luật", "Ghi chú thêm"]
    table = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns) + "\n" + \
        "".join(f"| Chi bộ khu phố {k} | {100 + k} | {k} | {k + 1} | {k * 2} | 0 | Hoàn thành tốt nhiệm vụ |\n" for k in range(3))
    body = ("Mở đầu có chú thích.[^1]\n\n" + table + "\n```\nbantin build --content noi-dung --output " + "thu-muc/" * 12 + "ket-qua\n```\n\n"
            "- [x] Gửi báo cáo quý\n- [ ] Họp chi bộ tháng sau\n\n[^1]: Theo báo cáo của Thành ủy.\n")
    (articles / "bai-0.md").write_text(
        f'---\ntitle: "Bài có bảng rộng"\ndate: 2024-03-20T08:00:00+07:00\ncategory: "{CATEGORY}"\n---\n{body}',
        encoding="utf-8")
    templates = Path(__file__).resolve().parents[2] / "templates"
    subprocess.run([str(bantin_bin), "build", "--content", str(root / "content"), "--templates", str(templates),
                    "--output", str(root / "public")], check=True, capture_output=True)
    return root / "public"


def pages(site: Path) -> dict[str, Path]:
    category = next(site.glob("chuyen-muc/*/trang/2/index.html"))
    return {"category-page-2": category, "article": site / "bai-viet" / "bai-co-bang-rong" / "index.html"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["category-page-2", "article"])
def test_awkward_content_fits_a_narrow_phone(driver, awkward_site, kind, width):
    set_size(driver, width, 800)
    driver.get(file_url(pages(awkward_site)[kind]))
    wait_ready(driver)
    info = horizontal_overflow(driver)
    assert info["scrollWidth"] <= info["clientWidth"], f"{kind} scrolls sideways at {width} px: {info}"
    current = driver.find_element(By.CSS_SELECTOR, ".breadcrumbs [aria-current='page']")
    assert current.size["width"] >= 20, f"{kind}: the current page's crumb is {current.size['width']} px wide at {width} px"


@pytest.mark.parametrize("kind", ["category-page-2", "article"])
def test_awkward_content_passes_axe(driver, awkward_site, kind):
    set_size(driver, 390, 844)
    driver.get(file_url(pages(awkward_site)[kind]))
    wait_ready(driver)
    bad, _ = axe_violations(driver, axe_script())
    assert not bad, f"{kind}: axe violations:\n" + json.dumps(bad, ensure_ascii=False, indent=2)


def test_the_archives_print_links_are_big_enough_to_tap(driver, awkward_site):
    """WCAG 2.5.8: a link standing alone is at least 24 px tall (the month's box around it is
    itself a link, so a near miss opens the other page)."""
    set_size(driver, 390, 844)
    driver.get(file_url(awkward_site / "luu-tru" / "index.html"))
    wait_ready(driver)
    heights = driver.execute_script("return [...document.querySelectorAll('.term-print')].map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 24, heights


@pytest.mark.parametrize("width", [390, 1280])
def test_a_focused_crumbs_ring_is_whole_even_when_its_text_is_cut(driver, awkward_site, width):
    """The long category's crumb is cut short on a phone; the keyboard's focus ring around its
    link, and every other crumb's, is not cut with it (no ancestor hides any of it)."""
    set_size(driver, width, 800)
    driver.get(file_url(pages(awkward_site)["category-page-2"]))
    wait_ready(driver)
    links = driver.find_elements(By.CSS_SELECTOR, ".breadcrumbs a")
    assert len(links) == 3, [a.text for a in links]
    for link in links:
        driver.execute_script("arguments[0].focus({focusVisible: true})", link)
        clipped = driver.execute_script(
            """
            const a = arguments[0], s = getComputedStyle(a);
            const out = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset), r = a.getBoundingClientRect();
            if (s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2) return 'no ring: ' + s.outlineStyle + ' ' + s.outlineWidth;
            const ring = [r.left - out, r.top - out, r.right + out, r.bottom + out];
            for (let e = a.parentElement; e; e = e.parentElement) {
              const c = getComputedStyle(e);
              if (c.overflowX === 'visible' && c.overflowY === 'visible') continue;
              const b = e.getBoundingClientRect();
              if (ring[0] < b.left || ring[1] < b.top || ring[2] > b.right || ring[3] > b.bottom)
                return e.tagName + '.' + e.className + ' (overflow ' + c.overflow + ') cuts the ring ' + ring.map(Math.round) + ' at ' + [b.left, b.top, b.right, b.bottom].map(Math.round);
            }
            return null;
            """, link)
        assert clipped is None, f"{link.text[:30]!r} at {width} px: {clipped}"
