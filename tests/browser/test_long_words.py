"""What a long word does to a page: the bulletin's name, description and publisher written as
one run (a domain, an e-mail address), a source that is a web address, a place name with no space,
a category written with underscores (on the index of categories and places too), lists nested twelve deep, in the byline of an article, on the home page's lead and in the print edition's contents; a
table of ten columns, a table with a long address in a cell, and nested lists in a body; a
directive's issuer written as one run; photos in a body printed on paper. Nothing
makes a page wider than the screen or the paper (a phone or a printer would shrink all of it),
a photo keeps its shape on paper, and the links on cards are big enough to tap."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from selenium.webdriver.support.ui import WebDriverWait

from helpers import assert_images_loaded, file_url, horizontal_overflow, set_size, wait_ready

REPO = Path(__file__).resolve().parents[2]
SOURCE = "https://www.xaydungdang.org.vn/Uploads/Files/TaiLieuHocTap/2023/KetLuan21KLTWHoiNghiTrungUong4.pdf"
PLACE = "Xã" + "Đồngbằngsôngcửulong" * 6
CATEGORY = "Ban_Tuyên_giáo_Đảng_ủy_Khối_các_cơ_quan_Trung_ương"
DOCUMENT = ("https://xaydungdang.org.vn/Uploads/Files/TaiLieuHocTap/2024/"
            "HuongDanThucHienKetLuan01KLTWVeHocTapVaLamTheoTuTuongDaoDucPhongCachHoChiMinh_BanChinhThuc.pdf")
ISSUER = "BanchấphànhTrungươngĐảngCộngsảnViệtNam"


@pytest.fixture(scope="module")
def long_site(tmp_path_factory, bantin_bin) -> Path:
    root = tmp_path_factory.mktemp("dai")
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    (content / "media").mkdir()
    shutil.copy(REPO / "content" / "media" / "2022" / "quang-ninh-binh-minh.jpg", content / "media" / "anh.jpg")
    # The bulletin named with its domain, an e-mail address in its description, a publisher
    # written as one run: in the masthead and footer of every page.
    (content / "site.yml").write_text(
        'title: "Bản tin thử XayDungDang.DongThap.gov.vn"\nunsafe_html: true\n'
        'description: "Liên hệ: bantuyengiao.tinhuydongthap@dongthap.gov.vn"\n'
        'params:\n  publisher: "BanTuyêngiáoTỉnhủyĐồngThápXayDungDang"\n', encoding="utf-8")
    (content / "directives").mkdir()
    (content / "directives" / "99-kl-tw.md").write_text(
        f'---\ncode: "99-KL/TW"\nkind: "Kết luận"\ntitle: "Kết luận thử"\nissuer: "{ISSUER}"\nissued: 2024-01-05\n---\nNội dung.\n',
        encoding="utf-8")
    table = "| " + " | ".join("ABCDEFGHIJ") + " |\n|" + "---|" * 10 + "\n| " + " | ".join(["năm sáu"] * 10) + " |\n"
    # Lists nested twelve deep, as a long plan of work may be.
    deep = "".join("  " * level + f"- cấp {level} đảng bộ xã phường thị trấn\n" for level in range(12))
    # A bare address to a document in a cell: it wraps on paper rather than widen every page.
    addresses = f"| Tài liệu | Đường dẫn | Người gửi |\n| --- | --- | --- |\n| Hướng dẫn | {DOCUMENT} | Văn phòng Tỉnh ủy |\n"
    fold = "<details><summary>Xem toàn văn</summary>\n\nNội dung trong khung gập cũng được in.\n\n</details>\n"
    body = ("Mở đầu.\n\n- Mục một\n  - Cấp hai mục một\n  - Cấp hai mục hai\n- Mục hai\n\n" + deep + "\n" + table
            + "\n" + addresses + "\n" + fold + "\n![Ảnh ngang trong thân bài](../media/anh.jpg)\n")
    (content / "articles" / "dai.md").write_text(
        f'---\ntitle: "Bài có nguồn là đường dẫn dài"\ndate: 2024-06-20T08:00:00+07:00\ncategory: "{CATEGORY}"\n'
        f'author: "Nguyễn Văn An"\nsource: "{SOURCE}"\nlocation: "{PLACE}"\ndirectives: ["99-KL/TW"]\n---\n{body}', encoding="utf-8")
    (content / "articles" / "khac.md").write_text(
        '---\ntitle: "Bài thứ hai"\ndate: 2024-06-10T08:00:00+07:00\ncategory: "Xây dựng Đảng"\nlocation: "Huế"\n---\nNội dung.\n',
        encoding="utf-8")
    subprocess.run([str(bantin_bin), "build", "--content", str(content), "--templates", str(REPO / "templates"),
                    "--output", str(root / "public")], check=True, capture_output=True)
    return root / "public"


PAGES = {"article": "bai-viet/bai-co-nguon-la-duong-dan-dai/index.html", "home": "index.html",
         "print edition": "luu-tru/2024/06/ban-in/index.html", "category index": "chuyen-muc/index.html",
         "place index": "dia-phuong/index.html", "directive": "van-ban/99-kl-tw/index.html"}


@pytest.mark.parametrize("width", [320, 360, 390, 768])
@pytest.mark.parametrize("kind", list(PAGES))
def test_a_long_word_never_widens_the_page(driver, long_site, kind, width):
    set_size(driver, width, 800)
    driver.get(file_url(long_site / PAGES[kind]))
    wait_ready(driver)
    info = horizontal_overflow(driver)
    assert info["scrollWidth"] <= info["clientWidth"], f"{kind} is wider than {width} px: {info}"


@pytest.mark.parametrize("kind", ["article", "print edition"])
def test_on_paper_nothing_is_wider_than_the_page_and_photos_keep_their_shape(driver, long_site, kind):
    # A4 less the print edition's margins, at 96 px to the inch: Chromium shrinks a page wider than that.
    set_size(driver, 666, 900)
    driver.get(file_url(long_site / PAGES[kind]))
    wait_ready(driver)
    # Photos loaded (a lazy one has no natural size until then; paper loads every one).
    assert_images_loaded(driver)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        info = horizontal_overflow(driver)
        assert info["scrollWidth"] <= info["clientWidth"], f"{kind} is wider than the paper: {info}"
        # The photos printed (an article's page prints a copy of the widest file, loaded now).
        printed = "[...document.querySelectorAll('.prose img')].filter(i => i.getClientRects().length)"
        WebDriverWait(driver, 10).until(lambda d: d.execute_script(f"return {printed}.every(i => i.complete && i.naturalWidth)"))
        shapes = driver.execute_script(
            f"""return {printed}.map(i => {{
                 const r = i.getBoundingClientRect();
                 return [r.width / r.height, i.naturalWidth / i.naturalHeight]; }})""")
        assert shapes, f"{kind}: no photo in the body"
        for shown, natural in shapes:
            assert abs(shown / natural - 1) < 0.02, f"{kind}: a photo of shape {natural:.3f} prints as {shown:.3f}"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


@pytest.mark.parametrize("kind", ["article", "print edition"])
def test_on_paper_a_fold_prints_open(driver, long_site, kind):
    driver.get(file_url(long_site / PAGES[kind]))
    wait_ready(driver)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = driver.execute_script(
            """return [...document.querySelectorAll('details p')].map(p => [p.textContent,
                 p.checkVisibility() && p.closest('details').getBoundingClientRect().bottom >= p.getBoundingClientRect().bottom])""")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert shown == [["Nội dung trong khung gập cũng được in.", True]], f"{kind}: the text in a closed <details> prints: {shown}"


def test_the_links_on_cards_are_big_enough_to_tap(driver, long_site):
    set_size(driver, 390, 800)
    driver.get(file_url(long_site / "index.html"))
    wait_ready(driver)
    sizes = driver.execute_script(
        """return [...document.querySelectorAll('.card .kicker a, .card .place a, .lead .kicker a, .lead .place a')]
             .map(a => [a.textContent.slice(0, 20), a.getBoundingClientRect().height])""")
    assert sizes, "no category or place link on the cards"
    small = [(text, height) for text, height in sizes if height < 24]
    assert not small, f"links under 24 px tall (WCAG 2.5.8): {small}"


@pytest.mark.parametrize("width", [768, 1280])
def test_a_table_whose_words_fit_keeps_them_whole(driver, site, width):
    """Text breaks anywhere it must on a narrow screen, but a table's short words that fit its
    columns stay whole: the sample's header `Quý` is not shown `Qu` over `ý` on a wide screen."""
    set_size(driver, width, 900)
    driver.get(file_url(site / "bai-viet/hoi-dap-dua-ket-luan-01-kl-tw-vao-sinh-hoat-chi-bo/index.html"))
    wait_ready(driver)
    split = driver.execute_script("""
        const out = [];
        for (const cell of document.querySelectorAll('.prose th, .prose td')) {
          const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT); let node;
          while ((node = walk.nextNode())) {
            const word = /[^\\s\\/-]{2,}/gu; let m;
            while ((m = word.exec(node.data))) {
              const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
              const lines = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
              if (lines.size > 1) out.push(m[0]);
            } } }
        return out;""")
    assert split == [], f"words split in a table at {width} px: {split}"
