"""The search page, opened from disk: full text folded the Vietnamese way, shards loaded
with <script> for the words typed, ?q= links, <mark> highlighting in titles and body
passages, the no-result status, keyboard reach, exact-spelling and phrase ranking."""
from __future__ import annotations

import base64
import re
import time
import shutil
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import quote

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from helpers import (
    DESKTOP, PHONE, assert_fits_phone, click_in_place, drain_console, file_url, fold, h1_text, poll, screenshot, search_records, search_shards,
    set_size, severe_console, wait_ready,
)


@pytest.fixture(scope="module")
def index(site):
    rows = search_records(site)
    assert rows, "empty search index"
    return rows


def open_search(driver, site, query: str = "", broken: str | None = None) -> None:
    """`broken`: an index file cut short on purpose, whose syntax error is the one let pass."""
    drain_console(driver)
    driver.get(file_url(site / "tim-kiem" / "index.html", query))
    wait_ready(driver)
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "search-status").text.strip())
    errors = [e for e in severe_console(driver) if not (broken and broken in e["message"] and "SyntaxError" in e["message"])]
    assert not errors, errors


def results(driver) -> list[dict]:
    """[{title, href, sapo, snippet, marks}] of the listed results, in order."""
    return driver.execute_script(
        """
        return [...document.querySelectorAll('#search-results > li')].map(li => {
          const a = li.querySelector('a');
          const sapo = li.querySelector('.search-sapo');
          const snippet = li.querySelector('.search-snippet');
          return {title: a ? a.textContent : '', href: a ? a.href : '',
                  sapo: sapo ? sapo.textContent : '',
                  snippet: snippet ? snippet.textContent : '',
                  snippet_marks: snippet ? [...snippet.querySelectorAll('mark')].map(m => m.textContent) : [],
                  marks: [...li.querySelectorAll('mark')].map(m => m.textContent)};
        });
        """
    )


def all_results(driver) -> list[dict]:
    """Every result: "Xem thêm kết quả" pressed until it is gone."""
    while True:
        more = driver.find_element(By.ID, "search-more")
        if not more.is_displayed():
            return results(driver)
        count = len(results(driver))
        more.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: len(results(d)) > count)


def type_query(driver, text: str) -> list[dict]:
    box = driver.find_element(By.ID, "search-q")
    click_in_place(driver, box)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    box.send_keys(text)
    assert box.get_attribute("value") == text
    # the script waits 120 ms after the last keystroke, then rewrites the status
    WebDriverWait(driver, 10).until(lambda d: f"“{text}”" in d.find_element(By.ID, "search-status").text)
    assert not read_again(driver), "files of one build taken for two"
    return results(driver)


def read_again(driver) -> bool:
    """Whether the page took the index files it read for files of two builds, and read them again."""
    return bool(driver.execute_script("return document.documentElement.dataset.searchReadAgain"))


def row_for(index, title_part: str):
    rows = [r for r in index if title_part in r[1]]
    assert len(rows) == 1, f"expected one article titled '…{title_part}…' in the sample, found {len(rows)}"
    return rows[0]


def test_no_diacritics_finds_dong_thap(driver, site, index):
    wanted = row_for(index, "Đảng bộ Đồng Tháp")
    open_search(driver, site)
    found = type_query(driver, "dang bo dong thap")
    titles = [r["title"] for r in found]
    assert wanted[1] in titles, titles
    assert found[0]["title"] == wanted[1], "the article matching every word in its title should lead"
    assert found[0]["href"].endswith("/" + wanted[0]), found[0]["href"]
    status = driver.find_element(By.ID, "search-status").text
    assert status.startswith(f"Tìm thấy {len(found)} bài"), status


def test_each_result_dates_its_article_for_machines_too(driver, site):
    """A result's `<time>` says its day as pages do, in the form machines read: `datetime`
    (without it, `14/06/2023` is no valid time, and 03/06 could be read as 6 March)."""
    open_search(driver, site)
    found = type_query(driver, "dang")
    assert found, "no result to look at"
    times = [(t.text, t.get_attribute("datetime")) for t in driver.find_elements(By.CSS_SELECTOR, ".search-result time")]
    assert len(times) == len(found), times
    for shown, machine in times:
        day, month, year = shown.split("/")
        assert machine == f"{year}-{month}-{day}", (shown, machine)


def test_hoc_tap_finds_hoc_tap(driver, site, index):
    # every article whose title or sapo says "học tập" must be found by "hoc tap"
    expected = {r[1] for r in index if "học tập" in (r[1] + " " + r[3]).lower()}
    assert expected, "the sample has no title or sapo with 'học tập'"
    open_search(driver, site)
    found = type_query(driver, "hoc tap")
    titles = {r["title"] for r in found}
    assert expected <= titles, expected - titles
    # and nothing else: every result has both words (folded) in what the index searches
    by_title = {r[1]: r for r in index}
    for r in found:
        row = by_title[r["title"]]
        haystack = fold(row[1] + " " + row[3] + " " + row[4])
        assert "hoc" in haystack and "tap" in haystack, r["title"]
    # and "học"/"tập" are highlighted where they are
    hit = next(r for r in found if r["title"] in expected)
    assert {"hoc", "tap"} <= {fold(m) for m in hit["marks"]}, hit


def test_query_in_url(driver, site, shots):
    open_search(driver, site, "q=ket%20luan%2001")
    assert driver.find_element(By.ID, "search-q").get_attribute("value") == "ket luan 01"
    found = results(driver)
    assert found, "no result for ?q=ket luan 01"
    # the first result says "Kết luận 01" somewhere, and each word is marked
    first = found[0]
    assert "ket luan 01" in fold(first["title"] + " " + first["sapo"]), first
    marked = {fold(m) for m in first["marks"]}
    assert {"ket", "luan", "01"} <= marked, first["marks"]
    assert driver.find_elements(By.CSS_SELECTOR, "#search-results mark"), "no <mark> in the results"
    # the marked text is the original, accented text, not the folded query
    assert any(m != fold(m) for m in first["marks"]), first["marks"]
    assert_fits_phone(driver)
    screenshot(driver, shots, "search-results-desktop", DESKTOP[0])
    screenshot(driver, shots, "search-results-phone", PHONE[0])


def test_a_printed_search_says_what_was_searched(driver, site, shots):
    """On paper, the results come with what was searched and how many were found, and without
    the "Xem thêm kết quả" button, which nobody can press there."""
    open_search(driver, site, "q=dang%20bo")
    status = driver.find_element(By.ID, "search-status").text
    assert driver.find_element(By.ID, "search-more").is_displayed(), "the sample has more results for `dang bo` than one batch"
    pdf = shots / "print-search.pdf"
    pdf.write_bytes(base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "paperWidth": 8.27, "paperHeight": 11.69})["data"]))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert status and status in text, f"the printed results do not say {status!r}: {text[:300]}"
    assert "Xem thêm kết quả" not in text, "the button is printed"


def test_no_match_says_so(driver, site):
    open_search(driver, site)
    found = type_query(driver, "xyzzy quốc tế vũ trụ")
    assert found == []
    status = driver.find_element(By.ID, "search-status")
    assert "Không tìm thấy" in status.text, status.text
    assert status.get_attribute("role") == "status" or status.get_attribute("aria-live") == "polite"


def test_the_status_stays_a_live_region_while_it_is_said_again(driver, site):
    """Enter says the answer again: the status is emptied for a moment, then written. It stays
    shown throughout (a region hidden, then shown with its text, is a new one a screen reader
    may not read)."""
    open_search(driver, site)
    type_query(driver, "chi bộ")
    driver.execute_script("""window.__shown = []; const s = document.getElementById('search-status');
        new MutationObserver(() => window.__shown.push(getComputedStyle(s).display))
          .observe(s, {childList: true, characterData: true, subtree: true});""")
    driver.find_element(By.ID, "search-q").send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: len(d.execute_script("return window.__shown")) >= 2)
    shown = driver.execute_script("return window.__shown")
    assert "none" not in shown, f"the status was hidden while said again: {shown}"


@pytest.mark.parametrize("typed, way", [("ddangr booj ddoongf thaps", "Telex"), ("d9a3ng bo65 d9o6ng2 tha1p", "VNI")])
def test_keys_typed_without_a_vietnamese_keyboard_are_read_as_it_would(driver, site, typed, way):
    """On a computer without a Vietnamese keyboard the keys stay as typed (Telex `ddangr`, VNI
    `d9a3ng`): a query that finds nothing so is read as the keyboard would have, and says so."""
    open_search(driver, site)
    wanted = type_query(driver, "đảng bộ đồng tháp")
    wanted_status = driver.find_element(By.ID, "search-status").text
    assert wanted and "như gõ" not in wanted_status, wanted_status
    found = type_query(driver, typed)
    status = driver.find_element(By.ID, "search-status").text
    assert status == wanted_status[:-1] + f" (đọc “{typed}” như gõ {way}).", status
    assert found == wanted, (found, wanted)
    # Keys that read as nothing either way are told as typed; a reading is taken as spelt, so
    # an English word (`tax`, read `tã`) finds no article that has only words beginning `ta…`.
    for nothing in ["ddzzr", "tax"]:
        assert type_query(driver, nothing) == []
        assert driver.find_element(By.ID, "search-status").text == f"Không tìm thấy bài nào cho “{nothing}”."
    # A word keeps the case it was typed in, and a code's letters are not read (`TW` is no `tư`).
    type_query(driver, "Ddoongf Thaps 01-KL/TW")
    assert "cho “Đồng Tháp 01-KL/TW” (đọc" in driver.find_element(By.ID, "search-status").text


def test_results_reachable_by_keyboard(driver, site):
    open_search(driver, site, "q=chi%20bo")
    first = driver.find_element(By.CSS_SELECTOR, "#search-results > li a")
    expected_href = first.get_attribute("href")
    box = driver.find_element(By.ID, "search-q")
    click_in_place(driver, box)
    reached = None
    for _ in range(4):  # the input, then the "Tìm" button, then the first result
        driver.switch_to.active_element.send_keys(Keys.TAB)
        active = driver.switch_to.active_element
        if active.tag_name == "a" and active.get_attribute("href") == expected_href:
            reached = active
            break
        assert not driver.execute_script(
            "return !!arguments[0].closest('#search-results')", active
        ), "Tab reached another result before the first one"
    assert reached is not None, "Tab from the search box does not reach the first result"
    # with a visible focus ring
    outline = driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", reached)
    assert outline != "none", "the focused result shows no focus ring"
    title = reached.text
    reached.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: d.current_url == expected_href)
    wait_ready(driver)
    assert h1_text(driver) == " ".join(title.split())


def test_exact_spelling_ranks_first(driver, site, index):
    """'Bắc' (Bắc Ninh) and 'Bác' (Uncle Hồ) fold to the same 'bac'. Searching either
    lists both kinds; the articles spelt exactly as typed must come first."""
    bac_ninh = row_for(index, "Bắc Ninh")

    def has(row, word):
        return word in (row[1] + " \n " + row[3] + " \n " + row[4]).lower()

    uncle = [r[1] for r in index if has(r, "bác") and not has(r, "bắc")]
    assert uncle and not has(bac_ninh, "bác"), "sample no longer has the Bắc/Bác pair"

    open_search(driver, site, "q=B%E1%BA%AFc")  # "Bắc"
    titles = [r["title"] for r in all_results(driver)]
    assert len(titles) > 1 and set(uncle) <= set(titles), titles
    assert titles[0] == bac_ninh[1], f"'Bắc' should list Bắc Ninh first: {titles}"

    open_search(driver, site)
    type_query(driver, "Bác")
    titles = [r["title"] for r in all_results(driver)]
    assert bac_ninh[1] in titles, "folded match for 'Bác' is missing"
    exact = [t for t in titles if t in uncle]
    assert titles[:len(exact)] == exact, f"'Bác' should list the exact spellings first: {titles}"


WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def body_only_phrase(index) -> tuple[list[str], str]:
    """An article and three words in a row of a block of its body (a line of the record: words
    of two blocks are not a phrase), found in no other article's title, sapo or body in that
    order, nor in its own title or sapo; each word also in other articles (so only the order
    singles it out). Prefers words that other titles have."""
    def blocks(text: str) -> str:
        return " | ".join(" ".join(words(line)) for line in text.split("\n"))
    texts = [" ".join(words(r[1])) + " | " + " ".join(words(r[3])) + " | " + blocks(r[4]) for r in index]
    titles = " ".join(" ".join(words(r[1])) for r in index)
    best = None
    for i, row in enumerate(index):
        for line in row[4].split("\n"):
            body = words(line)
            for k in range(len(body) - 2):
                phrase = body[k:k + 3]
                if min(len(w) for w in phrase) < 2:
                    continue
                joined = " " + " ".join(phrase) + " "
                if any(joined in " " + t.replace("|", " ") + " " for j, t in enumerate(texts) if j != i):
                    continue
                if joined in " " + " ".join(words(row[1]) + ["|"] + words(row[3])) + " ":
                    continue
                others = [sum(1 for j, t in enumerate(texts) if j != i and w in t.split()) for w in phrase]
                if min(others) == 0:
                    continue
                in_titles = sum(1 for w in phrase if w in titles.split())
                if best is None or in_titles > best[0]:
                    best = (in_titles, row, " ".join(phrase))
    assert best, "the sample has no body-only phrase of common words"
    return best[1], best[2]


def test_a_phrase_only_one_body_has_finds_it_first(driver, site, index):
    row, phrase = body_only_phrase(index)
    open_search(driver, site)
    found = type_query(driver, phrase)
    assert len(found) >= 1
    assert found[0]["title"] == row[1], f"'{phrase}' should find '{row[1]}' first: {[r['title'] for r in found]}"
    # its passage of the body holds the phrase, each word marked
    assert phrase in " ".join(words(found[0]["snippet"])), found[0]["snippet"]
    assert set(phrase.split()) <= {fold(m) for m in found[0]["snippet_marks"]}, found[0]["snippet_marks"]
    assert any(m != fold(m) for m in found[0]["snippet_marks"]) or fold(found[0]["snippet"]) == found[0]["snippet"]


def test_d_folds_to_d_both_ways(driver, site, index):
    open_search(driver, site)
    type_query(driver, "dang vien")
    plain = [r["title"] for r in all_results(driver)]
    type_query(driver, "đảng viên")
    marked = [r["title"] for r in all_results(driver)]
    assert plain and set(marked) == set(plain), (plain, marked)
    expected = {r[1] for r in index if "dang vien" in " ".join(words(r[1] + " " + r[3] + " " + r[4]))}
    assert expected <= set(plain), expected - set(plain)
    # the marks are the article's own spelling, with its đ
    hit = type_query(driver, "dang")[0]
    assert any("đ" in m.lower() for m in hit["marks"] + hit["snippet_marks"]), hit


def test_a_query_typed_in_nfd_gives_the_same_results(driver, site):
    open_search(driver, site)
    nfc = unicodedata.normalize("NFC", "Đảng bộ Đồng Tháp")
    first = type_query(driver, nfc)
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    box = driver.find_element(By.ID, "search-q")
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", box, nfd)
    WebDriverWait(driver, 10).until(lambda d: f"“{nfd}”" in d.find_element(By.ID, "search-status").text)
    assert first and results(driver) == first


def loaded_index_files(driver) -> list[str]:
    """The index scripts the page added (Chromium keeps no resource timing for file://)."""
    return driver.execute_script(
        """return [...document.querySelectorAll('script[src]')].map(s => s.src)
             .filter(n => n.includes('/tim-kiem/chi-muc/')).map(n => n.split('/tim-kiem/chi-muc/')[1].split('?')[0]);""")


def test_a_query_loads_only_the_shards_of_its_words(driver, site):
    shards = search_shards(site)
    open_search(driver, site, "q=ket%20luan")
    loaded = loaded_index_files(driver)
    assert "muc-luc.js" in loaded
    wanted = {name for key, name in shards.items() if any(w.startswith(key) or key.startswith(w) for w in ["ket", "luan"])}
    got = {f for f in loaded if f.startswith("t-")}
    assert got == wanted, (got, wanted)
    records = [f for f in loaded if f.startswith("bai/")]
    assert 0 < len(records) <= 30, records
    # a query for other words adds only their shards
    type_query(driver, "ket luan tinh")
    added = {f for f in loaded_index_files(driver) if f.startswith("t-")} - got
    assert added == {name for key, name in shards.items() if "tinh".startswith(key) or key.startswith("tinh")} - got, added


def test_more_results_on_demand(driver, site, index):
    common = "dang"
    expected = [r for r in index if "dang" in words(r[1] + " " + r[3] + " " + r[4])]
    if len(expected) <= 10:
        pytest.fail(f"the sample has only {len(expected)} articles with 'dang'; the test needs more than 10")
    open_search(driver, site, "q=" + common)
    assert len(results(driver)) == 10
    more = driver.find_element(By.ID, "search-more")
    assert more.is_displayed() and more.tag_name == "button"
    more.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: len(results(d)) > 10)
    shown = results(driver)
    assert len({r["href"] for r in shown}) == len(shown), "a result shown twice"
    status = driver.find_element(By.ID, "search-status").text
    total = int(re.search(r"Tìm thấy ([\d.]+) bài", status).group(1).replace(".", ""))
    assert len(shown) == min(total, 20)
    if total <= 20:
        assert not driver.find_element(By.ID, "search-more").is_displayed()


PLACES = ["Tân Phú", "Hòa Bình", "An Khánh", "Phú Lộc", "Tân Lập", "Bình Minh", "Hưng Đạo", "Quang Trung",
          "Đông Hòa", "Thanh Sơn", "Vĩnh Hưng", "Long Hải", "Mỹ Phước", "Tân Thạnh", "Hòa Lợi", "Phước Long",
          "An Bình", "Tam Hiệp", "Đức Thắng", "Hiệp Phước", "Tây Sơn", "Nam Thành", "Bắc Sơn", "Trung Lương",
          "Tân Hiệp", "Lộc Ninh", "Hòa An", "Thạnh Mỹ", "Phú Hòa", "Yên Thế", "Kim Sơn", "Gia Lộc",
          "Cẩm Phả", "Ninh Hòa", "Sơn Trà", "Đại Lộc", "Hội An", "Quế Sơn", "Tiên Phước", "Duy Xuyên"]


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory, bantin_bin) -> Path:
    """A bulletin where 40 newer articles have the words of `hop tac xa` in their titles, but
    not in that order, and one older article has the phrase in its body alone: by words, it
    comes after the 30 best results the page reads whole. The same for a name made of two
    common pairs: the 40 have "Nguyễn Văn" and "Văn An" in their bodies, the older one
    "Nguyễn Văn An"."""
    root = tmp_path_factory.mktemp("dong-bai")
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    (root / "content" / "site.yml").write_text(
        'title: "Bản tin thử"\nlanguage: vi\ntimezone: Asia/Ho_Chi_Minh\nper_page: 10\n', encoding="utf-8")
    for n, place in enumerate(PLACES):
        (articles / f"xa-{n}.md").write_text(
            f'---\ntitle: "Xã {place} hợp sức làm đường, tác phong cán bộ đổi mới"\n'
            f'date: 2024-03-{1 + n % 28:02d}T{8 + n // 28:02d}:00:00+07:00\n---\n'
            f"Cán bộ xã {place} cùng người dân hợp sức làm đường liên thôn; tác phong làm việc đổi mới.\n\n"
            "Ông Nguyễn Văn Bình và ông Trần Văn An dự buổi ra quân.\n",
            encoding="utf-8")
    (articles / "kinh-te-tap-the.md").write_text(
        '---\ntitle: "Kinh tế tập thể ở vùng ven biển"\ndate: 2020-01-15T08:00:00+07:00\n---\n'
        "Nhiều nơi ven biển phát triển hợp tác xã nuôi trồng thủy sản, chia sẻ kinh nghiệm với bà con.\n\n"
        "Giám đốc hợp tác xã, ông Nguyễn Văn An, kể lại những mùa tôm thất bát.\n",
        encoding="utf-8")
    templates = Path(__file__).resolve().parents[2] / "templates"
    subprocess.run([str(bantin_bin), "build", "--content", str(root / "content"), "--templates", str(templates),
                    "--output", str(root / "public")], check=True, capture_output=True)
    return root / "public"


def test_a_phrase_is_found_first_among_many_articles_with_its_words_apart(driver, crowded_site):
    open_search(driver, crowded_site)
    found = type_query(driver, "hop tac xa")
    assert len(found) >= 10 and "Tìm thấy 41 bài" in driver.find_element(By.ID, "search-status").text
    assert found[0]["title"] == "Kinh tế tập thể ở vùng ven biển", [r["title"] for r in found]
    assert "hợp tác xã" in found[0]["snippet"], found[0]["snippet"]
    # The words alone, in another order, do not make a phrase: the title matches come after.
    found = type_query(driver, "xa hop tac")
    assert found[0]["title"] != "Kinh tế tập thể ở vùng ven biển"


@pytest.mark.parametrize("query", ['"hop tac xa"', "“nguyễn văn an”"])
def test_a_phrase_in_quotes_finds_only_the_articles_with_it(driver, crowded_site, query):
    """In quotes, a query asks for its words in that order: of the 41 articles with the words,
    only the one with the phrase is shown, and the status names the phrase."""
    open_search(driver, crowded_site)
    box = driver.find_element(By.ID, "search-q")
    box.send_keys(query)
    phrase = query[1:-1]
    WebDriverWait(driver, 10).until(lambda d: f"“{phrase}”" in d.find_element(By.ID, "search-status").text)
    assert driver.find_element(By.ID, "search-status").text == f"Tìm thấy 1 bài có cụm “{phrase}”."
    found = results(driver)
    assert [r["title"] for r in found] == ["Kinh tế tập thể ở vùng ven biển"], found
    assert not driver.find_element(By.ID, "search-more").is_displayed()
    # Words in another order make no phrase.
    box.send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
    box.send_keys('"xa hop tac"')
    WebDriverWait(driver, 10).until(lambda d: "“xa hop tac”" in d.find_element(By.ID, "search-status").text)
    assert driver.find_element(By.ID, "search-status").text == "Không tìm thấy bài nào có cụm “xa hop tac”."


def test_a_name_of_two_common_pairs_is_found_first(driver, crowded_site):
    """Every article has "nguyễn văn" and "văn an"; only the oldest has "Nguyễn Văn An": the runs
    of three words the index keeps put it first."""
    open_search(driver, crowded_site)
    found = type_query(driver, "nguyen van an")
    assert "Tìm thấy 41 bài" in driver.find_element(By.ID, "search-status").text
    assert found[0]["title"] == "Kinh tế tập thể ở vùng ven biển", [r["title"] for r in found]
    assert "Nguyễn Văn An" in found[0]["snippet"], found[0]["snippet"]


def test_a_footnote_is_searched_like_the_body(driver, site):
    # "25/10/2021" is written only in a footnote of the question-and-answer article
    open_search(driver, site, "q=25/10/2021")
    found = results(driver)
    assert found, "a footnote's text is not searched"
    assert "Hỏi" in found[0]["title"], found[0]
    assert {"25", "10", "2021"} <= set(found[0]["snippet_marks"]), found[0]


def test_of_two_query_words_starting_at_one_place_the_longer_is_marked(driver, site):
    open_search(driver, site, "q=dan%20dang")
    assert results(driver)
    cut = driver.execute_script(
        """
        const fold = s => s.toLowerCase().normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/đ/g, 'd');
        return [...document.querySelectorAll('#search-results mark')]
          .filter(m => fold(m.textContent) === 'dan' && m.nextSibling && fold(m.nextSibling.textContent).startsWith('g'))
          .map(m => m.textContent + m.nextSibling.textContent.slice(0, 3));
        """
    )
    assert cut == [], f"'dang' marked as 'dan' + 'g': {cut}"


def test_a_word_found_only_in_the_byline_is_shown_with_it(driver, site):
    open_search(driver, site, "q=L%C3%AA%20%C4%90%C3%ACnh%20Kh%C3%B4i")
    found = driver.execute_script(
        "return [...document.querySelectorAll('#search-results > li')].map(li => {"
        " const about = li.querySelector('.search-about');"
        " return about ? [...about.querySelectorAll('mark')].map(m => m.textContent) : null; });"
    )
    assert found and found[0] is not None, "the byline that matched is not shown"
    assert {"lê", "đình", "khôi"} <= {m.lower() for m in found[0]}, found[0]


def test_enter_answers_in_place_without_a_second_history_entry(driver, site):
    open_search(driver, site)
    before = driver.execute_script("return history.length")
    type_query(driver, "làm theo Bác")
    box = driver.find_element(By.ID, "search-q")
    box.send_keys(Keys.ENTER)
    poll(lambda: "l%C3%A0m%20theo%20B%C3%A1c" in driver.current_url)
    wait_ready(driver)
    assert driver.execute_script("return history.length") == before
    assert results(driver), "no results after Enter"


def test_enter_on_the_query_answered_says_its_answer_again(driver, site):
    """Enter on a query already answered is not met with silence: the status, a live region,
    is said again (emptied, then its text put back), and the results stay."""
    open_search(driver, site)
    type_query(driver, "làm theo Bác")
    told = driver.find_element(By.ID, "search-status").text
    count = len(results(driver))
    driver.execute_script(
        """
        const status = document.getElementById('search-status');
        window.statusTexts = [];
        new MutationObserver(() => window.statusTexts.push(status.textContent)).observe(status, {childList: true, characterData: true, subtree: true});
        """)
    driver.find_element(By.ID, "search-q").send_keys(Keys.ENTER)
    poll(lambda: driver.execute_script("return window.statusTexts.length") >= 2)
    assert driver.execute_script("return window.statusTexts") == ["", told]
    assert len(results(driver)) == count


def test_what_fails_to_load_is_told_and_asked_for_again(driver, site, tmp_path):
    """A shard or record that does not load (a connection that dropped, a file copied late), or
    loads but does not run (cut short while it was copied, a host's error page sent as it), is
    not "nothing found": the page says so, and the same query asked again (Enter) loads it. So
    for the index's table."""
    copy = tmp_path / "public"
    shutil.copytree(site, copy)
    folder = copy / "tim-kiem" / "chi-muc"
    query = "ket luan"
    open_search(driver, copy, "q=ket%20luan")
    expected = results(driver)
    assert 0 < len(expected) <= 10, f"the test needs a query with one page of results: {len(expected)}"
    loaded = loaded_index_files(driver)
    shard = next(f for f in loaded if f.startswith("t-"))
    # The record of the first result shown (others are read to rank them, and then missed otherwise).
    record = next(f for f in loaded if f.startswith("bai/")
                  and expected[0]["href"].endswith("/" + (folder / f).read_text(encoding="utf-8").split('"')[1]))

    def status() -> str:
        return driver.find_element(By.ID, "search-status").text

    def ask_again() -> None:
        driver.find_element(By.ID, "search-q").send_keys(Keys.ENTER)

    # A record missed while the results are ranked, or while they are shown.
    for missing, told, cut in [(shard, ["Không tải được chỉ mục tìm kiếm cho “ket luan”"], False),
                               (record, ["Không tải được 1 kết quả", "Không tải được hết các kết quả để xếp thứ tự"], False),
                               (shard, ["Không tải được chỉ mục tìm kiếm cho “ket luan”"], True),
                               (record, ["Không tải được 1 kết quả", "Không tải được hết các kết quả để xếp thứ tự"], True),
                               ("muc-luc.js", ["Không tải được chỉ mục tìm kiếm"], True)]:
        whole = (folder / missing).read_bytes()
        if cut:
            (folder / missing).write_bytes(whole[: len(whole) // 2])
        else:
            (folder / missing).rename(folder / (missing + ".away"))
        open_search(driver, copy, broken=missing.split("/")[-1] if cut else None)
        # Typed, not waited for as `type_query` does: without the table, the status names no query.
        driver.find_element(By.ID, "search-q").send_keys(query)
        assert poll(lambda: any(t in status() for t in told)), (missing, cut, status())
        assert "Không tìm thấy" not in status(), status()
        hrefs = [r["href"] for r in results(driver)]
        assert hrefs == [] if missing != record else expected[0]["href"] not in hrefs and len(hrefs) >= len(expected) - 1, (missing, hrefs)
        if cut:
            (folder / missing).write_bytes(whole)
        else:
            (folder / (missing + ".away")).rename(folder / missing)
        ask_again()
        assert poll(lambda: results(driver) == expected and "Không tải được" not in status()), (missing, cut, status(), results(driver))


def test_a_bare_percent_in_the_address_stays_in_the_query(driver, site):
    open_search(driver, site, "q=100%")
    assert driver.find_element(By.ID, "search-q").get_attribute("value") == "100%"
    assert "“100%”" in driver.find_element(By.ID, "search-status").text


def test_more_results_move_the_focus_to_the_first_new_one(driver, site):
    open_search(driver, site, "q=dang")
    assert len(results(driver)) == 10
    driver.find_element(By.ID, "search-more").send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: len(results(d)) > 10)
    focused = driver.execute_script(
        "const a = document.activeElement, items = [...document.querySelectorAll('#search-results > li')];"
        " return a && a.tagName === 'A' ? items.indexOf(a.closest('li')) : -1;"
    )
    assert focused == 10, f"focus is on result {focused}, not the first new one"


def test_back_from_a_result_shows_as_many_results_where_the_reader_was(driver, site):
    """Opened from disk, a browser loads the search page again on Back: the results shown
    ("Xem thêm kết quả" pressed) and the place scrolled to come back with it."""
    set_size(driver, PHONE[0], 700)
    try:
        back_from_a_result(driver, site)
    finally:
        set_size(driver, *DESKTOP)


def back_from_a_result(driver, site):
    open_search(driver, site, "q=dang")
    driver.find_element(By.ID, "search-more").send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: len(results(d)) > 10)
    shown = results(driver)
    link = driver.find_elements(By.CSS_SELECTOR, "#search-results > li a")[len(shown) - 2]
    # Near the window's top, not its middle: where bringing it into view would not put it.
    driver.execute_script("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'}); window.scrollBy({top: -80, behavior: 'instant'})", link)
    y = driver.execute_script("return window.scrollY")
    assert y > 200, "the page is too short to tell a place in it"
    title = link.text
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top", link)
    link.click()
    WebDriverWait(driver, 10).until(lambda d: "tim-kiem" not in d.current_url)
    driver.back()
    wait_ready(driver)
    WebDriverWait(driver, 10).until(lambda d: len(results(d)) == len(shown))

    # Where it was when the page was left, as the reader sees it: the result opened at about the
    # same height of the window (a click may have moved it a little; passages filled in above it
    # after the scroll move the page with them, which the browser's scroll anchoring keeps still).
    def opened_top(d):
        link = next((a for a in d.find_elements(By.CSS_SELECTOR, "#search-results > li a") if a.text == title), None)
        return None if link is None else d.execute_script("return arguments[0].getBoundingClientRect().top", link)

    try:
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.scrollY") > 200 and (lambda t: t is not None and abs(t - top) < 100)(opened_top(d)))
    except Exception:
        pytest.fail(f"the result opened is at {opened_top(driver)} px from the window's top, not about {top} as before "
                    f"(scrolled to {driver.execute_script('return window.scrollY')}, {y} before)")
    assert [r["href"] for r in results(driver)] == [r["href"] for r in shown]
    assert driver.find_element(By.ID, "search-q").get_attribute("value") == "dang"
    # Where the reader was: the result they opened is in view.
    assert driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;",
        next(a for a in driver.find_elements(By.CSS_SELECTOR, "#search-results > li a") if a.text == title))
    # And with the keyboard's focus, as the page was left.
    assert driver.execute_script("return document.activeElement.textContent") == title
    # Going to a place on the page (the skip link's) changes nothing listed, nor does Back from it.
    driver.execute_script("window.location.hash = 'main_content'")
    time.sleep(0.3)
    driver.back()
    time.sleep(0.3)
    assert len(results(driver)) == len(shown)
    # A new query starts at its first results.
    type_query(driver, "chi bo")
    assert len(results(driver)) <= 10


def build_site(root: Path, bantin_bin, articles: dict[str, str], others: dict[str, str] | None = None) -> Path:
    """A bulletin of `articles` (file name → Markdown) and `others` (path in content/ → text)
    built into root/public."""
    folder = root / "content" / "articles"
    folder.mkdir(parents=True)
    (root / "content" / "site.yml").write_text(
        'title: "Bản tin thử"\nlanguage: vi\ntimezone: Asia/Ho_Chi_Minh\nper_page: 10\n', encoding="utf-8")
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, text in (others or {}).items():
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / name).write_text(text, encoding="utf-8")
    templates = Path(__file__).resolve().parents[2] / "templates"
    subprocess.run([str(bantin_bin), "build", "--content", str(root / "content"), "--templates", str(templates),
                    "--output", str(root / "public")], check=True, capture_output=True)
    return root / "public"


def article_md(title: str, date: str, body: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: {date}\n{extra}---\n{body}\n'


def two_places_site(root: Path, bantin_bin, body: str) -> Path:
    """80 articles a day apart, oldest first: even ones about Đồng Tháp, odd ones about Tây Ninh."""
    return build_site(root, bantin_bin, {
        f"bai-{i}.md": article_md(f"Đồng Tháp sơ kết sinh hoạt chi bộ (bài {i})" if i % 2 == 0 else f"Tây Ninh đẩy mạnh dân vận (bài {i})",
                                  f"2023-{1 + i // 28:02d}-{1 + i % 28:02d}T08:00:00+07:00", body)
        for i in range(80)})


def build_again_without_the_oldest(root: Path, bantin_bin, site: Path) -> None:
    """`two_places_site` built again into its folder, its oldest article deleted: the others numbered anew."""
    (root / "content" / "articles" / "bai-0.md").unlink()
    subprocess.run([str(bantin_bin), "build", "--content", str(root / "content"), "--templates",
                    str(Path(__file__).resolve().parents[2] / "templates"), "--output", str(site)], check=True, capture_output=True)


def test_files_of_two_builds_are_read_again(driver, tmp_path, bantin_bin):
    """A page opened before the site was built again (or a browser's cache keeping files of the
    build before) reads index files of two builds: the articles are numbered anew when one is
    deleted, so records name other articles (past the 30 the page reads at once). Found so, the
    page reads everything again and shows only the articles with the words, as they are now."""
    site = two_places_site(tmp_path, bantin_bin, "Tin từ cơ sở.")
    open_search(driver, site, "q=dong%20thap")
    assert driver.find_element(By.ID, "search-status").text == "Tìm thấy 40 bài cho “dong thap”."
    assert len(results(driver)) == 10
    # Built again, the oldest article deleted, while the page is open.
    build_again_without_the_oldest(tmp_path, bantin_bin, site)
    more = driver.find_element(By.ID, "search-more")

    def press_more() -> None:
        shown_at = driver.execute_script("return document.documentElement.dataset.searchShownAt")
        more.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.documentElement.dataset.searchShownAt") != shown_at)
    # The 30 records read at first are the earlier build's; the next ten are not.
    press_more()
    press_more()
    assert len(results(driver)) == 30 and not read_again(driver)
    press_more()
    assert read_again(driver)
    titles = [r["title"] for r in results(driver)]
    assert sorted(titles) == sorted(f"Đồng Tháp sơ kết sinh hoạt chi bộ (bài {i})" for i in range(2, 80, 2)), titles
    assert driver.find_element(By.ID, "search-status").text == "Tìm thấy 39 bài cho “dong thap”."
    # Where the reader was: as many results as asked for, the first new one focused.
    focused = driver.execute_script(
        "const a = document.activeElement, items = [...document.querySelectorAll('#search-results > li')];"
        " return a && a.tagName === 'A' ? items.indexOf(a.closest('li')) : -1;")
    assert focused == 30, focused
    assert not more.is_displayed()
    assert not severe_console(driver)


def test_a_page_open_while_the_site_is_built_again_asks_its_table_again(driver, tmp_path, bantin_bin):
    """A while after the index's table was read, "Xem thêm" or a new query asks for it again (past
    any cache): the site built again meanwhile (an article deleted: the others numbered anew), the
    page drops what it read and answers from the new index, though the records of the old
    numbers would still have the words."""
    site = two_places_site(tmp_path, bantin_bin, "Tin gửi từ Đồng Tháp.")
    open_search(driver, site, "q=dong")
    assert driver.find_element(By.ID, "search-status").text == "Tìm thấy 80 bài cho “dong”."
    build_again_without_the_oldest(tmp_path, bantin_bin, site)
    # A minute later, as the page's clock tells it.
    driver.execute_script("const now = Date.now; Date.now = () => now() + 60000;")
    shown_at = driver.execute_script("return document.documentElement.dataset.searchShownAt")
    driver.find_element(By.ID, "search-more").send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.documentElement.dataset.searchShownAt") != shown_at
                                    and len(results(d)) == 20)
    titles = [r["title"] for r in results(driver)]
    assert not any("(bài 0)" in t for t in titles) and len(set(titles)) == 20, titles
    assert driver.find_element(By.ID, "search-status").text == "Tìm thấy 79 bài cho “dong”."
    # A new query is answered from the new index too.
    type_query(driver, "dong thap")
    assert driver.find_element(By.ID, "search-status").text == "Tìm thấy 79 bài cho “dong thap”."
    assert not severe_console(driver)


def test_words_with_marks_of_other_scripts_are_read_as_the_index_reads_them(driver, tmp_path, bantin_bin):
    """The page folds and parts words as the index does: a keycap's `2️⃣` is the word `2`, an
    Arabic word is found without its vowel marks, a Khmer word as written; none is taken for a
    record of another build."""
    site = build_site(tmp_path, bantin_bin, {
        "a.md": article_md("Hướng dẫn họp chi bộ", "2024-01-02T08:00:00+07:00", "Các bước: 1️⃣ chuẩn bị, 2️⃣ họp chi bộ."),
        "b.md": article_md("Giao lưu với bạn bè quốc tế", "2024-01-03T08:00:00+07:00", "Đoàn có anh مُحَمَّد và chị សួស្តីឆ្នាំថ្មី ខេត្ត ở Sóc Trăng."),
    })
    for query, title in [("bước 2", "Hướng dẫn họp chi bộ"), ("2", "Hướng dẫn họp chi bộ"), ("محمد", "Giao lưu với bạn bè quốc tế"),
                         ("ខេត្ត", "Giao lưu với bạn bè quốc tế")]:
        status, titles = asked(driver, site, query)
        assert titles == [title], (query, status, titles)


def test_a_script_written_without_spaces_is_found_by_any_part_of_a_run(driver, tmp_path, bantin_bin):
    """Chinese, Thai, Lao, Khmer are written without spaces between words: a paragraph is one run
    of letters, which the index skipped (longer than any word) and a shorter run was found only
    by its start. Each letter is a word now, in the index and on the page: a part from the middle
    of a run is found, the article with its letters in order first, and a letter typed alone
    answers at once."""
    site = build_site(tmp_path, bantin_bin, {
        "a.md": article_md("Lễ hội Chôl Chnăm Thmây ở Sóc Trăng", "2024-01-02T08:00:00+07:00",
                           "Bản tiếng Khmer:\n\nពិធីបុណ្យចូលឆ្នាំថ្មីប្រពៃណីជាតិខ្មែរនៅខេត្តសុកត្រាំងត្រូវបានប្រារព្ធយ៉ាងអធិកអធម។\n\n"
                           "中国共产党代表团访问越南双方就党的建设和干部培训工作交换了意见。"),
        "b.md": article_md("Đoàn Trung Quốc thăm Hà Nội", "2024-01-03T08:00:00+07:00",
                           "Hai bên cùng bàn: 共同发展, 生产合作, 政党交流。"),
        "c.md": article_md("Hội nghị với tỉnh bạn Thái Lan", "2024-01-04T08:00:00+07:00", "Tin tiếng Thái: การประชุมสรุปผลงาน"),
        "d.md": article_md("Tin ngắn từ Thái Lan", "2024-01-05T08:00:00+07:00", "Tin tiếng Thái: ข่าวประ ชุมชนท้องถิ่น"),
    })
    status, titles = asked(driver, site, "共产党")
    assert titles == ["Lễ hội Chôl Chnăm Thmây ở Sóc Trăng", "Đoàn Trung Quốc thăm Hà Nội"], (status, titles)
    assert "共产党" in results(driver)[0]["snippet"], results(driver)[0]
    for query in ["ខេត្តសុកត្រាំង", "ពិធីបុណ្យ", "干部培训"]:
        status, titles = asked(driver, site, query)
        assert titles == ["Lễ hội Chôl Chnăm Thmây ở Sóc Trăng"], (query, status, titles)
    type_query(driver, "政")
    assert [r["title"] for r in results(driver)] == ["Đoàn Trung Quốc thăm Hà Nội"]
    # In quotes, letters of such a script are a phrase only side by side: a space parts Thai phrases.
    status, titles = asked(driver, site, '"ประชุม"')
    assert titles == ["Hội nghị với tỉnh bạn Thái Lan"], (status, titles)
    # Unquoted, both are found, and the letters are marked only where they stand together:
    # each alone is met all over a text (ร in การ and สรุป), which marks nothing of what was asked.
    status, titles = asked(driver, site, "ประชุม")
    assert titles == ["Hội nghị với tỉnh bạn Thái Lan", "Tin ngắn từ Thái Lan"], (status, titles)
    shown = results(driver)
    assert "".join(shown[0]["snippet_marks"]) == "ประชุม", shown[0]
    assert shown[1]["marks"] == [], shown[1]


@pytest.fixture(scope="module")
def colliding_site(tmp_path_factory, bantin_bin) -> Path:
    """35 articles with "an ninh" in their bodies, and 5 newer ones with "an" and "ninh" apart
    in their titles and "ấp Xuân" in their bodies: the pair (ap, xuan) falls in the same bucket
    of PhrasePairs as (an, ninh), so the index takes them for articles with the phrase."""
    articles = {}
    for n in range(35):
        articles[f"that-{n}.md"] = article_md(
            f"Tin số {n + 1}: giữ gìn trật tự thôn xóm", f"2024-01-{1 + n % 28:02d}T{8 + n // 28:02d}:00:00+07:00",
            "Người dân thôn cùng lực lượng công an giữ vững an ninh trật tự.")
    for n in range(5):
        articles[f"trung-bam-{n}.md"] = article_md(
            f"Ninh Bình giữ vững an toàn giao thông, đợt {n + 1}", f"2024-03-0{1 + n}T08:00:00+07:00",
            "Người dân ấp Xuân Hòa góp công làm đường.")
    # One more in the bucket only, with the words in its body alone (it ranks below the others),
    # and two with the words apart in their titles and nothing in the bucket.
    articles["trung-bam-than-bai.md"] = article_md(
        "Đê điều vững vàng mùa lũ", "2024-05-01T08:00:00+07:00", "Người dân ấp Xuân Lộc lo an toàn đê điều ở Ninh Thuận.")
    for n in range(2):
        articles[f"tach-roi-{n}.md"] = article_md(
            f"An toàn giao thông ở Ninh Thuận, đợt {n + 1}", f"2023-0{1 + n}-05T08:00:00+07:00", "Người dân góp công làm đường.")
    return build_site(tmp_path_factory.mktemp("trung-bam"), bantin_bin, articles)


def test_strays_among_the_best_cost_as_many_more_records_not_a_window(driver, colliding_site):
    """Six articles share the phrase's bucket without the phrase, all among the thirty read
    first (five with its words in the title, one the newest): the page reads six more records
    to have thirty with the phrase, not thirty more."""
    open_search(driver, colliding_site, "q=an ninh")
    records = [f for f in loaded_index_files(driver) if f.startswith("bai/")]
    assert len(records) == 36, records


def test_every_article_with_the_phrase_comes_before_those_whose_pairs_only_share_its_bucket(driver, colliding_site):
    """The articles there only because other words share the phrase's bucket go after every
    article with the phrase, and back among those without it where their words rank them: the
    one with the words in its body alone comes last, after older ones with them in the title."""
    open_search(driver, colliding_site, "q=an ninh")
    shown = all_results(driver)
    assert len(shown) == 43, [r["title"] for r in shown]
    kinds = ["phrase" if r["title"].startswith("Tin số") else "apart" for r in shown]
    assert kinds == ["phrase"] * 35 + ["apart"] * 8, kinds
    assert shown[-1]["title"] == "Đê điều vững vàng mùa lũ", [r["title"] for r in shown[35:]]
    assert len({r["href"] for r in shown}) == 43, "a result shown twice"


@pytest.fixture(scope="module")
def sapo_phrase_site(tmp_path_factory, bantin_bin) -> Path:
    """35 articles with "an ninh" in the body (and "an" in the title), and an older one with it
    in the sapo: all of them score alike by their words, so the older comes after the thirty
    whose records are read first, unless the records are read in the order of where the
    phrase can stand."""
    articles = {"sapo.md": article_md("Tổng kết năm ở cơ sở", "2023-01-05T08:00:00+07:00", "Nội dung tổng kết.",
                                      'summary: "Giữ vững an ninh ở cơ sở là việc của mọi người."\n')}
    for n in range(35):
        articles[f"than-bai-{n}.md"] = article_md(
            f"An toàn thôn xóm, tin số {n + 1}", f"2024-01-{1 + n % 28:02d}T{8 + n // 28:02d}:00:00+07:00",
            "Lực lượng dân phòng giữ vững an ninh trật tự.")
    return build_site(tmp_path_factory.mktemp("sapo-cum-tu"), bantin_bin, articles)


def test_a_phrase_in_the_sapo_comes_before_phrases_in_bodies_read_first_by_their_words(driver, sapo_phrase_site):
    open_search(driver, sapo_phrase_site, "q=an ninh")
    shown = results(driver)
    assert shown[0]["title"] == "Tổng kết năm ở cơ sở", [r["title"] for r in shown]


@pytest.fixture(scope="module")
def begun_word_site(tmp_path_factory, bantin_bin) -> Path:
    """An article titled "Đảng bộ Đồng Tháp…", ten newer "Đảng bộ Đồng Nai … tham nhũng" (the
    words of `dang bo dong th` all in their titles, not in that order) and an older one with
    "đảng bộ đồng thả" in its body alone."""
    articles = {
        "dong-thap.md": article_md("Đảng bộ Đồng Tháp phát huy dân chủ ở cơ sở", "2022-01-10T08:00:00+07:00", "Nội dung."),
        "tha-ca.md": article_md("Mùa nước nổi ở vùng trũng", "2021-01-10T08:00:00+07:00",
                                "Cả đảng bộ đồng thả cá giống xuống ruộng."),
    }
    for n in range(10):
        articles[f"dong-nai-{n}.md"] = article_md(
            f"Đảng bộ Đồng Nai phòng, chống tham nhũng (kỳ {n + 1})", f"2023-01-{1 + n:02d}T08:00:00+07:00", "Nội dung.")
    return build_site(tmp_path_factory.mktemp("tu-dang-go"), bantin_bin, articles)


@pytest.mark.parametrize("query, first", [
    ("dang bo dong th", ["Đảng bộ Đồng Tháp phát huy dân chủ ở cơ sở", "Mùa nước nổi ở vùng trũng"]),
    ("dang bo dong tha", ["Mùa nước nổi ở vùng trũng", "Đảng bộ Đồng Tháp phát huy dân chủ ở cơ sở"]),
])
def test_the_words_in_order_come_first_when_the_last_only_begins_a_word(driver, begun_word_site, query, first):
    """The pair lists know whole words only: `dong th` is no pair of `Đồng Tháp`. The articles
    with the words in order ending in a word the last begins are read and come first, after
    those where it is the whole word (`thả`), before the newer ones with the words apart."""
    open_search(driver, begun_word_site, "q=" + query)
    shown = [r["title"] for r in results(driver)]
    assert "Tìm thấy 12 bài" in driver.find_element(By.ID, "search-status").text
    assert shown[:2] == first, shown


@pytest.fixture(scope="module")
def i_or_y_site(tmp_path_factory, bantin_bin) -> Path:
    """Syllables spelt with `i` and with `y` (`lí`/`lý`, `Qui`/`quy`, `Kĩ`/`kỹ`), a word `lí`
    begins (`Liên`) and a `túi` that `tuy` is not."""
    return build_site(tmp_path_factory.mktemp("i-y"), bantin_bin, {
        "li.md": article_md("Bồi dưỡng lí luận chính trị cho đảng viên trẻ", "2023-03-14T08:00:00+07:00", "Lớp học kéo dài hai tuần."),
        "ly.md": article_md("Lý luận và thực tiễn ở cơ sở", "2023-03-10T08:00:00+07:00", "Anh Kĩ học thêm kĩ thuật hàn."),
        "qui.md": article_md("Học tập Qui định 144 ở chi bộ khu phố", "2023-03-15T08:00:00+07:00", "Chi bộ học tập."),
        "lien.md": article_md("Liên kết sản xuất ở xã", "2023-03-16T08:00:00+07:00", "Túi quà cho hộ nghèo."),
    })


@pytest.mark.parametrize("query, first", [
    ("ly luan chinh tri", "Bồi dưỡng lí luận chính trị cho đảng viên trẻ"),
    ("lý luận", "Lý luận và thực tiễn ở cơ sở"),
    ("lí luận", "Bồi dưỡng lí luận chính trị cho đảng viên trẻ"),
    ("quy định 144", "Học tập Qui định 144 ở chi bộ khu phố"),
    ("kỹ thuật", "Lý luận và thực tiễn ở cơ sở"),
])
def test_a_syllable_spelt_with_i_or_y_is_one_word(driver, i_or_y_site, query, first):
    """`lý` and `lí`, `quy` and `qui`, `kỹ` and `kĩ` are one word, spelt either way: found and
    marked, the spelling typed first; `ly` begins no `Liên`."""
    open_search(driver, i_or_y_site, "q=" + query)
    shown = results(driver)
    assert shown and shown[0]["title"] == first, [r["title"] for r in shown]
    assert not any(r["title"].startswith("Liên") for r in shown), [r["title"] for r in shown]
    assert {fold(m) for m in shown[0]["marks"]} & {"li", "ly", "qui", "quy", "ki", "ky"}, shown[0]["marks"]
    if query.startswith("l"):
        assert len(shown) == 2 - ("chinh" in query), [r["title"] for r in shown]


def test_only_a_whole_syllable_reads_its_y_as_i(driver, i_or_y_site):
    open_search(driver, i_or_y_site, "q=tuy")
    assert driver.find_element(By.ID, "search-status").text == "Không tìm thấy bài nào cho “tuy”."


@pytest.mark.parametrize("query", ["dong thap", "đồng tháp", "Đồng Th\u00adáp", "my hiep"])
def test_a_soft_hyphen_inside_a_word_parts_nothing(driver, tmp_path, bantin_bin, query):
    """A soft hyphen (pasted from a page that hyphenates, or `&shy;`) or a word joiner inside a
    word shows as nothing: the word is found whole, typed or pasted with it or not, and its
    visible letters are marked."""
    site = build_site(tmp_path, bantin_bin, {"a.md": article_md(
        "Đường làng mới ở vùng lũ", "2023-01-02T08:00:00+07:00",
        "Đảng bộ tỉnh Đồng Th\u00adáp hỗ trợ vật liệu làm đường.\n\nChi bộ ấp Mỹ Hi&shy;ệp góp ngày công, Ngh\u2060iên cứu.")})
    open_search(driver, site, "q=" + quote(query))
    shown = results(driver)
    assert [r["title"] for r in shown] == ["Đường làng mới ở vùng lũ"], driver.find_element(By.ID, "search-status").text
    marks = [m.replace("\u00ad", "") for m in shown[0]["snippet_marks"]]
    assert marks in (["Đồng", "Tháp"], ["Mỹ", "Hiệp"]), shown[0]["snippet_marks"]


@pytest.mark.parametrize("body, query", [("甲\u00ad乙 丙丁", "乙"), ("戊\u2060己 庚辛", "己"), ("สวัสดี\u00adครับ", "ครับ")])
def test_a_character_that_shows_as_nothing_between_letters_that_stand_alone_parts_them_still(driver, tmp_path, bantin_bin, body, query):
    """A soft hyphen or word joiner between Chinese or Thai letters (each a word of its own) is
    passed over where the page parts them too: the letter after it is found, in a passage, marked."""
    site = build_site(tmp_path, bantin_bin, {"a.md": article_md("Bài thử chữ", "2023-01-02T08:00:00+07:00", body)})
    open_search(driver, site, "q=" + quote(query))
    shown = results(driver)
    assert [r["title"] for r in shown] == ["Bài thử chữ"], driver.find_element(By.ID, "search-status").text
    assert "".join(shown[0]["snippet_marks"]) == query, shown[0]


@pytest.fixture(scope="module")
def spelling_site(tmp_path_factory, bantin_bin) -> Path:
    """Tone marks placed the old way and the new, a query typed partly without diacritics, a
    word only in a subtitle, and a phrase whose words also stand apart earlier in the body."""
    return build_site(tmp_path_factory.mktemp("chinh-ta"), bantin_bin, {
        "thanh-hoa.md": article_md("Thanh Hóa đẩy mạnh chuyển đổi số", "2023-01-05T08:00:00+07:00", "Tỉnh đặt mục tiêu mới."),
        "sinh-hoat.md": article_md("Sinh hoạt chi bộ ở Hòa Bình", "2024-01-05T08:00:00+07:00", "Chi bộ họp định kỳ, hoạt động đều đặn."),
        "quy-hoach.md": article_md("Quy hoạch vùng ven đô", "2024-02-05T08:00:00+07:00", "Hoàn thành quy hoạch chung."),
        "dang-bo.md": article_md("Xã Tân Lập tổng kết năm", "2023-03-05T08:00:00+07:00", "Đảng bộ xã tổ chức hội nghị tổng kết."),
        "dang-bo-sung.md": article_md("Đang bổ sung quy hoạch cán bộ cấp xã", "2024-03-05T08:00:00+07:00", "Danh sách sẽ công bố sau."),
        "co-to.md": article_md("Những người giữ đảo", "2023-04-05T08:00:00+07:00", "Chuyến đi dài ngày trên biển.",
                               'subtitle: "Ghi chép từ huyện đảo Cô Tô"\n'),
        "bac-ninh.md": article_md("Bắc Ninh có tốc độ tăng trưởng cao", "2024-04-05T08:00:00+07:00", "Kinh tế phát triển."),
        "chi-thi-liet-ke.md": article_md("Học tập ở xã Tân Lập", "2023-06-05T08:00:00+07:00", "Chi bộ triển khai học tập.",
                                         'directives: ["05-CT/TW"]\n'),
        "chi-thi-nhac.md": article_md("Tin vắn tháng sáu", "2024-06-05T08:00:00+07:00", "Có nhắc Chỉ thị 05-CT/TW trong phần kết."),
        "hmong.md": article_md("Đồng bào H\u02bcMông giữ rừng", "2023-07-05T08:00:00+07:00", "Bà con ở bản Sủng Là trồng thêm rừng."),
        "khuyen-hoc.md": article_md(
            "Khuyến học ở vùng cao", "2023-05-05T08:00:00+07:00",
            "Xã lập quỹ hỗ trợ khuyến nông và học tập cho bà con. " + "Mỗi thôn cử người theo dõi, báo cáo định kỳ. " * 8
            + "\n\nCuối năm, quỹ khuyến học trao 50 suất học bổng."),
    })


@pytest.mark.parametrize("query", ["hóa", "hoá", "Thanh Hoá", "thanh hóa"])
def test_a_tone_mark_placed_the_old_or_new_way_is_one_spelling(driver, spelling_site, query):
    open_search(driver, spelling_site, "q=" + query)
    found = results(driver)
    assert found[0]["title"] == "Thanh Hóa đẩy mạnh chuyển đổi số", [r["title"] for r in found]


@pytest.mark.parametrize("query", ["H\u02bcMông", "Mông", "H'Mông", "h\u2019mông", "H\u02bbmong"])
def test_a_word_with_a_letter_for_its_apostrophe_is_found_as_with_an_apostrophe(driver, spelling_site, query):
    open_search(driver, spelling_site, "q=" + quote(query))
    found = results(driver)
    assert [r["title"] for r in found] == ["Đồng bào H\u02bcMông giữ rừng"], [r["title"] for r in found]
    title = driver.find_element(By.CSS_SELECTOR, "#search-results > li a")
    assert [m.text for m in title.find_elements(By.TAG_NAME, "mark")] == (["Mông"] if query == "Mông" else ["H", "Mông"])


def test_keys_typed_with_a_letter_for_an_apostrophe_are_read_as_a_keyboard_would(driver, spelling_site):
    open_search(driver, spelling_site, "q=" + quote("H\u02bcmoong"))
    found = results(driver)
    assert [r["title"] for r in found] == ["Đồng bào H\u02bcMông giữ rừng"], [r["title"] for r in found]
    assert "như gõ Telex" in driver.find_element(By.ID, "search-status").text


def test_a_keyboards_reading_marks_only_the_word_it_reads(driver, spelling_site):
    """`hoaf` is read `hòa`, which matches only as spelt: the `hoạ` that begins `hoạt` beside it
    is neither a match nor marked."""
    open_search(driver, spelling_site, "q=hoaf")
    found = results(driver)
    assert found[0]["title"] == "Sinh hoạt chi bộ ở Hòa Bình", [r["title"] for r in found]
    assert found[0]["marks"] == ["Hòa"], found[0]["marks"]


def test_words_typed_without_diacritics_do_not_spoil_the_phrase_spelt_as_typed(driver, spelling_site):
    open_search(driver, spelling_site, "q=Đảng bo")
    found = results(driver)
    assert found[0]["title"] == "Xã Tân Lập tổng kết năm", [r["title"] for r in found]


def test_a_word_of_the_subtitle_is_shown_marked_and_ranks_as_the_title(driver, spelling_site):
    open_search(driver, spelling_site, "q=co to")
    found = results(driver)
    assert found[0]["title"] == "Những người giữ đảo", [r["title"] for r in found]
    subtitle = driver.find_element(By.CSS_SELECTOR, "#search-results > li .search-subtitle")
    assert subtitle.text == "Ghi chép từ huyện đảo Cô Tô"
    assert [m.text for m in subtitle.find_elements(By.TAG_NAME, "mark")] == ["Cô", "Tô"]


def test_the_passage_shown_is_where_the_words_stand_in_order(driver, spelling_site):
    open_search(driver, spelling_site, "q=quy khuyen hoc")
    found = results(driver)
    assert found[0]["title"] == "Khuyến học ở vùng cao"
    assert "quỹ khuyến học trao" in found[0]["snippet"], found[0]["snippet"]


def test_an_article_listing_the_directive_comes_before_one_that_mentions_it(driver, spelling_site):
    open_search(driver, spelling_site, "q=05-CT/TW")
    found = results(driver)
    assert [r["title"] for r in found[:2]] == ["Học tập ở xã Tân Lập", "Tin vắn tháng sáu"], [r["title"] for r in found]


@pytest.fixture(scope="module")
def page_text_site(tmp_path_factory, bantin_bin) -> Path:
    """Words in a title and in a body spelt alike, with the title's article older; and bodies
    whose HTML, comments, entities and look-alike markup a reader does or does not see."""
    return build_site(tmp_path_factory.mktemp("chu-tren-trang"), bantin_bin, {
        "cho-ca.md": article_md("Chợ cá ven sông", "2023-01-10T08:00:00+07:00", "Người dân họp chợ sớm."),
        "ca-khuc.md": article_md("Ca khúc mới của xã", "2023-06-10T08:00:00+07:00", "Người dân bắt được con cá lớn."),
        "ruong-dong.md": article_md("Ruộng đồng lúa chín", "2023-01-11T08:00:00+07:00", "Mùa gặt đã tới."),
        "dong-song.md": article_md("Dòng sông quê", "2023-06-11T08:00:00+07:00", "Bà con ra đồng từ sớm."),
        "ghi-chu.md": article_md("Bài có ghi chú", "2023-02-01T08:00:00+07:00",
                                 "Mở đầu công khai.\n\n<!--\nGhi chú nội bộ: nguồn tin kíntiêng chưa xác minh.\n-->\n\n"
                                 "<div>\nKhối HTML bỏhẳn không đăng.\n</div>\n\n"
                                 "[Cập nhật]: Sở Nội vụ đã công bố kếtquảthi tuyển.\n\n"
                                 "Dấu ba chấm&hellip; bản quyền &copy; 2023 và tỷ lệ x<y và bêntrong>z."),
        "ket-luan.md": article_md("Tin năm", "2023-03-01T08:00:00+07:00", "Thân bài.", 'directives: ["01-KL/TW"]\n'),
    }, {"directives/01-kl-tw.md": '---\ncode: "01-KL/TW"\nkind: "Kết luận"\ntitle: "Về tiếp tục thực hiện Chỉ thị 05"\nissued: 2021-05-18\n---\nNội dung.\n'})


@pytest.mark.parametrize("query, title", [("cá", "Chợ cá ven sông"), ("đồng", "Ruộng đồng lúa chín")])
def test_one_word_spelt_so_in_a_title_comes_before_it_spelt_so_in_a_body(driver, page_text_site, query, title):
    """The newer article has the word's folded form in its title (`Ca`, `Dòng`) and the word as
    typed in its body: the older one, with it as typed in its title, comes first."""
    open_search(driver, page_text_site, "q=" + query)
    found = results(driver)
    assert [r["title"] for r in found][:1] == [title], [r["title"] for r in found]


@pytest.mark.parametrize("query, found", [
    ("kintieng", False), ("bohan", False), ("hellip", False), ("copy", False),
    ("ketquathi", True), ("Cập nhật", True), ("bentrong", True),
])
def test_search_reads_a_body_as_its_page_shows_it(driver, page_text_site, query, found):
    """A comment and an HTML block the site does not publish are not searched; a paragraph that
    only looks like a link reference definition, and text between a `<` and a `>` that make no
    tag, are; an entity is the character it shows, also in the passage."""
    open_search(driver, page_text_site, "q=" + quote(query))
    titles = [r["title"] for r in results(driver)]
    assert ("Bài có ghi chú" in titles) == found, titles
    if found:
        snippet = results(driver)[0]["snippet"]
        assert "<!--" not in snippet and "&" not in snippet, snippet
    if query == "bentrong":
        assert "Dấu ba chấm… bản quyền © 2023 và tỷ lệ x<y và bêntrong>z." in results(driver)[0]["snippet"], results(driver)[0]["snippet"]


def first_about(driver) -> list | None:
    """The first result's line of what else was found (byline, source, kind): its text and marks."""
    return driver.execute_script(
        "const li = document.querySelector('#search-results > li'); const about = li && li.querySelector('.search-about');"
        " return about ? [about.textContent, [...about.querySelectorAll('mark')].map(m => m.textContent)] : null;")


def test_a_result_found_by_its_directives_kind_shows_why(driver, page_text_site):
    open_search(driver, page_text_site, "q=ket luan")
    about = first_about(driver)
    assert about and "Kết luận 01-KL/TW" in about[0] and about[1] == ["Kết", "luận"], about


@pytest.fixture(scope="module")
def quotes_site(tmp_path_factory, bantin_bin) -> Path:
    """Phrases asked for beside other words, and words in quotes that other words begin: "Đồng
    Tháp" in three titles and "đồng … tháp" apart in another, "hợp tác xã" in two and its words
    apart in a third, "an" whole (and folded from "ấn") beside "anh", "Bác" beside "Bắc" and
    "Bạch", and "đồng thấp" in the newest. Each article is a day newer than the one before."""
    titles = [
        "Đảng bộ Đồng Tháp tổng kết công tác năm", "Đảng bộ xã đồng lòng xây tháp nước",
        "Nông dân Đồng Tháp trúng mùa lúa", "Hợp tác xã ở Đồng Tháp được kiểm tra", "Kiểm tra hợp tác xã nuôi cá",
        "Xã viên hợp sức, tác phong kiểm tra mới", "Anh hùng lao động ở vùng cao", "Bảo đảm an toàn giao thông",
        "Ấn tượng lễ hội mùa xuân", "Anh em dân phòng giữ an ninh", "Làm theo lời Bác",
        "Bắc Ninh phát triển công nghiệp", "Bạch Long Vĩ đón khách", "Lúa vùng đồng thấp bị ngập",
    ]
    return build_site(tmp_path_factory.mktemp("ngoac-kep"), bantin_bin, {
        f"bai-{n}.md": article_md(title, f"2023-01-{1 + n:02d}T08:00:00+07:00", "Tin từ cơ sở.")
        for n, title in enumerate(titles)})


def asked(driver, site, query: str) -> tuple[str, list[str]]:
    """The status and the titles of every result of the search page opened at `query`."""
    open_search(driver, site, "q=" + quote(query))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.documentElement.dataset.searchShownAt"))
    assert not severe_console(driver)
    titles = [r["title"] for r in all_results(driver)]
    assert not read_again(driver), "files of one build taken for two"
    return driver.find_element(By.ID, "search-status").text, titles


@pytest.mark.parametrize("query, status, titles", [
    ('đảng bộ "đồng tháp"', "Tìm thấy 1 bài cho “đảng bộ” có cụm “đồng tháp”.", ["Đảng bộ Đồng Tháp tổng kết công tác năm"]),
    ('"hợp tác xã" kiểm tra', "Tìm thấy 2 bài cho “kiểm tra” có cụm “hợp tác xã”.",
     ["Kiểm tra hợp tác xã nuôi cá", "Hợp tác xã ở Đồng Tháp được kiểm tra"]),
    ("“hop tac xa” kiem tr", "Tìm thấy 2 bài cho “kiem tr” có cụm “hop tac xa”.",
     ["Kiểm tra hợp tác xã nuôi cá", "Hợp tác xã ở Đồng Tháp được kiểm tra"]),
    ('"hợp tác xã" "đồng tháp"', "Tìm thấy 1 bài có cụm “hợp tác xã” và cụm “đồng tháp”.",
     ["Hợp tác xã ở Đồng Tháp được kiểm tra"]),
    ('nông "đồng tháp" "hợp tác xã"', "Không tìm thấy bài nào cho “nông” có cụm “đồng tháp” và cụm “hợp tác xã”.", []),
])
def test_a_phrase_in_quotes_beside_other_words_must_be_there_as_a_phrase(driver, quotes_site, query, status, titles):
    """Each part in quotes is a phrase every result has (words in order in one block); the words
    outside quotes are found anywhere, by their beginning, as without quotes."""
    assert asked(driver, quotes_site, query) == (status, titles)


def test_words_in_quotes_are_whole_words_folded_and_spelt_as_typed_first(driver, quotes_site):
    # `"an"` is the word "an" (in "an toàn", "an ninh", and "ấn" folded), not the start of "anh".
    status, titles = asked(driver, quotes_site, '"an"')
    assert status == "Tìm thấy 3 bài có từ “an”.", status
    assert set(titles) == {"Bảo đảm an toàn giao thông", "Ấn tượng lễ hội mùa xuân", "Anh em dân phòng giữ an ninh"}, titles
    assert "Anh hùng lao động ở vùng cao" in asked(driver, quotes_site, "an")[1]
    open_search(driver, quotes_site, "q=" + quote('"an"'))
    marks = {r["title"]: r["marks"] for r in results(driver)}
    assert marks["Anh em dân phòng giữ an ninh"] == ["an"], marks
    # Folded inside quotes, but as typed first: "Bác" before the newer "Bắc", and no "Bạch".
    assert asked(driver, quotes_site, "“Bác”")[1] == ["Làm theo lời Bác", "Bắc Ninh phát triển công nghiệp"]
    assert "Bạch Long Vĩ đón khách" in asked(driver, quotes_site, "Bác")[1]
    dong_thap = {"Đảng bộ Đồng Tháp tổng kết công tác năm", "Nông dân Đồng Tháp trúng mùa lúa",
                 "Hợp tác xã ở Đồng Tháp được kiểm tra", "Lúa vùng đồng thấp bị ngập"}
    status, titles = asked(driver, quotes_site, '"dong thap"')
    assert status == "Tìm thấy 4 bài có cụm “dong thap”." and set(titles) == dong_thap, (status, titles)
    titles = asked(driver, quotes_site, '"đồng tháp"')[1]
    assert set(titles) == dong_thap and titles[-1] == "Lúa vùng đồng thấp bị ngập", titles


@pytest.mark.parametrize("query, closed, status", [
    ('"đồng tháp', '"đồng tháp"', "Tìm thấy 4 bài có cụm “đồng tháp”."),
    ("“đồng th", "“đồng tháp”", "Tìm thấy 4 bài có cụm “đồng th”."),
    ('đảng bộ "đồng tháp', 'đảng bộ "đồng tháp"', "Tìm thấy 1 bài cho “đảng bộ” có cụm “đồng tháp”."),
    ('"hợp tác xã" "kiểm', '"hợp tác xã" "kiểm tra"', "Tìm thấy 2 bài có cụm “hợp tác xã” và từ “kiểm”."),
])
def test_a_quote_left_open_runs_to_the_end_of_the_query(driver, quotes_site, query, closed, status):
    """A quote not closed (yet) is read as closed at the end; its last word, maybe still being
    typed, is the start of a word meanwhile: the articles are those the closed quote finds."""
    told, titles = asked(driver, quotes_site, query)
    assert told == status, told
    closed_titles = asked(driver, quotes_site, closed)[1]
    assert closed_titles and sorted(titles) == sorted(closed_titles), (titles, closed_titles)


@pytest.fixture(scope="module")
def open_quote_site(tmp_path_factory, bantin_bin) -> Path:
    """40 articles with the phrase "an toàn" and 40 with its words apart: a quote left open
    (`"an toàn`, its last word still typed) gives the pair lists no whole pair to tell them apart."""
    root = tmp_path_factory.mktemp("ngoac-mo")
    articles = root / "content" / "articles"
    articles.mkdir(parents=True)
    (root / "content" / "site.yml").write_text('title: "Bản tin thử"\nlanguage: vi\ntimezone: Asia/Ho_Chi_Minh\n', encoding="utf-8")
    for n in range(80):
        body = f"Bài {n} nói về an toàn lao động." if n < 40 else f"Người dân an cư. Họ toàn tâm làm việc, bài {n}."
        (articles / f"bai-{n}.md").write_text(
            f'---\ntitle: "Bài thử số {n}"\ndate: 2024-01-{1 + n % 28:02d}T{8 + n // 28:02d}:00:00+07:00\n---\n{body}\n', encoding="utf-8")
    templates = Path(__file__).resolve().parents[2] / "templates"
    subprocess.run([str(bantin_bin), "build", "--content", str(root / "content"), "--templates", str(templates),
                    "--output", str(root / "public")], check=True, capture_output=True)
    return root / "public"


def test_a_quote_left_open_counts_only_the_articles_read_to_have_the_phrase(driver, open_quote_site):
    """Where the pair lists cannot tell which articles have the phrase, the status says how many
    were found so far ("at least"), never more than are listed in the end; once every article
    is read, the count is exact, and the closed quote's."""
    open_search(driver, open_quote_site, "q=" + quote('"an toàn'))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.documentElement.dataset.searchShownAt"))
    first = driver.find_element(By.ID, "search-status").text
    assert first == "Tìm thấy ít nhất 30 bài có cụm “an toàn”.", first
    found = all_results(driver)
    assert len(found) == 40 and all("an toàn" in r["snippet"] for r in found), [r["snippet"] for r in found]
    assert driver.find_element(By.ID, "search-status").text == "Tìm thấy 40 bài có cụm “an toàn”."
    closed = asked(driver, open_quote_site, '"an toàn"')
    assert closed[0] == "Tìm thấy 40 bài có cụm “an toàn”." and len(closed[1]) == 40, closed[0]


def test_a_query_without_words_asks_for_some_and_messages_quote_no_quotes(driver, quotes_site):
    """Quote marks or signs alone are no query: the reader is asked for words, not told that
    nothing has them. A query in quotes typed without a Vietnamese keyboard is told read, its
    keys quoted once (not `“"ddoongf thaps"”`)."""
    # A quote opened or left empty after words is not quoted with them.
    for open_quote in ['đồng tháp "', "đồng tháp “", 'đồng tháp ""']:
        assert asked(driver, quotes_site, open_quote)[0].endswith(" cho “đồng tháp”."), open_quote
    for nothing in ['"', "“”", "?"]:
        open_search(driver, quotes_site, "q=" + quote(nothing))
        WebDriverWait(driver, 10).until(lambda d: "Nhập từ khóa" in d.find_element(By.ID, "search-status").text)
        assert driver.find_element(By.ID, "search-status").text == "Nhập từ khóa để tìm trong 14 bài viết."
        assert results(driver) == []
    # A keyboard's reading is taken as spelt: "đồng thấp" is not "đồng tháp".
    status, titles = asked(driver, quotes_site, '"ddoongf thaps"')
    assert status == "Tìm thấy 3 bài có cụm “đồng tháp” (đọc “ddoongf thaps” như gõ Telex).", status
    assert set(titles) == set(asked(driver, quotes_site, '"đồng tháp"')[1]) - {"Lúa vùng đồng thấp bị ngập"}, titles


def test_tapping_more_twice_while_it_loads_adds_each_result_once(driver, crowded_site):
    """A reader who taps "Xem thêm kết quả" again before the next results have loaded gets them
    once: paged to the end, every article with the word is listed, none twice."""
    open_search(driver, crowded_site, "q=xa")
    assert "Tìm thấy 41 bài" in driver.find_element(By.ID, "search-status").text
    more = driver.find_element(By.ID, "search-more")
    for shown in (20, 30):
        more.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: len(results(d)) >= shown)
    # The next ten are the first whose records are not read yet: both taps come before they load.
    driver.execute_script("const b = document.getElementById('search-more'); b.click(); b.click();")
    WebDriverWait(driver, 10).until(lambda d: len(results(d)) >= 40)
    found = all_results(driver)
    hrefs = [r["href"] for r in found]
    assert len(hrefs) == 41 and len(set(hrefs)) == 41, f"{len(hrefs)} shown, {len(set(hrefs))} different"


def test_what_is_typed_while_the_index_loads_is_kept(driver, site):
    """On a slow connection a reader may type before the index's table has arrived: what they
    typed stays in the box and is what is searched, not replaced by the address's query."""
    hold = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
        const append = Node.prototype.appendChild;
        Node.prototype.appendChild = function (node) {
          if (node.tagName === 'SCRIPT' && String(node.src).includes('muc-luc.js')) {
            setTimeout(() => append.call(this, node), 600);
            return node;
          }
          return append.call(this, node);
        };"""})
    try:
        driver.get(file_url(site / "tim-kiem" / "index.html", "q=vinh+long"))
        wait_ready(driver)
        box = driver.find_element(By.ID, "search-q")
        typed = "dong thap tinh uy kiem tra"
        # A key every 40 ms, so no pause of the 120 ms the page waits for runs until the table has come.
        for key in typed:
            box.send_keys(key)
            time.sleep(0.04)
        WebDriverWait(driver, 10).until(lambda d: f"“{typed}”" in d.find_element(By.ID, "search-status").text)
        assert box.get_attribute("value") == typed
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": hold["identifier"]})


# An engine without Unicode's classes in patterns (`\p{L}`, ES2018: Chrome before 64, the
# WebViews of old Android phones, KaiOS 2.5): a pattern using one throws, as a RegExp there would.
WITHOUT_UNICODE_CLASSES = r"""
(function () {
  var Native = RegExp;
  var Old = function (source, flags) {
    var text = source instanceof Native ? source.source : String(source);
    if (/\\p\{/.test(text)) throw new SyntaxError("Invalid regular expression: /" + text + "/: Invalid escape");
    return flags === undefined ? new Native(source) : new Native(source, flags);
  };
  Old.prototype = Native.prototype;
  Object.getOwnPropertyNames(Native).forEach(function (name) {
    if (!(name in Old)) { try { Old[name] = Native[name]; } catch (err) {} }
  });
  window.RegExp = Old;
})();
"""


def test_every_script_of_the_site_parses_as_es2017(site):
    """A script an engine cannot read does nothing at all, and says nothing: every script the
    site publishes is read by an ES2017 parser (no `/\\p{L}/u` literal, no `?.`, no `??`)."""
    import esprima
    scripts = sorted(site.rglob("*.js"))
    assert any(s.name == "search.js" for s in scripts), scripts
    for script in scripts:
        if "chi-muc" in script.parts:
            continue  # the index's data (one call each), checked by the search tests
        esprima.parseScript(script.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def foreign_words_site(tmp_path_factory, bantin_bin) -> Path:
    """Articles quoting names and words in other scripts, as a bulletin's foreign news does."""
    return build_site(tmp_path_factory.mktemp("foreign"), bantin_bin, {
        "a.md": article_md("Đoàn công tác thăm Nhật Bản", "2024-03-01", "Gặp võ sĩ マイク・タイソン tại Tokyo và đọc tài liệu mã ＡＢＣ１２３."),
        "b.md": article_md("Tư liệu Hán Nôm", "2024-03-02", "Bản chép tay có chữ 𠀀字 hiếm gặp."),
        "c.md": article_md("Hợp tác với Liên bang Nga", "2024-03-03", "Đoàn làm việc tại Москва về giáo dục."),
    })


@pytest.fixture(scope="module")
def stroked_letters_site(tmp_path_factory, bantin_bin) -> Path:
    """Names with letters that Unicode does not decompose into a letter and a mark: the Ê Đê
    `Ƀuôn Kơ`, foreign `Søren`, `Łukasz`, `Straße`; and a `Buôn` of plain letters."""
    return build_site(tmp_path_factory.mktemp("stroked"), bantin_bin, {
        "a.md": article_md("Ƀuôn Kơ đón đoàn Đan Mạch", "2024-03-01", "Ông Søren, ông Łukasz và bà Straße đến thăm buôn.", 'location: "Ƀuôn Kơ"\n'),
        "b.md": article_md("Buôn Đôn vào mùa lễ hội", "2024-03-02", "Bà con chuẩn bị lễ hội."),
        "c.md": article_md("Hợp tác điện gió với Ǿrsted", "2024-03-03", "Đoàn thăm vùng 葛󠄀飾 của Tokyo."),
    })


@pytest.mark.parametrize("query, marks", [
    ("buon ko", ["Ƀuôn", "Kơ"]), ("Ƀuôn kơ", ["Ƀuôn", "Kơ"]), ("soren", ["Søren"]), ("SØREN", ["Søren"]), ("lukasz", ["Łukasz"]),
    ("strasse", ["Straße"]), ("straße", ["Straße"]),
])
def test_a_letter_without_decomposition_is_found_as_its_base_letters(driver, stroked_letters_site, query, marks):
    """The page folds `ƀ`, `ø`, `ł`, `ß` to the letters the index folds them to (`b`, `o`, `l`,
    `ss`), a query and the records alike, and marks the words as written."""
    open_search(driver, stroked_letters_site, "q=" + quote(query))
    found = results(driver)
    assert [r["title"] for r in found] == ["Ƀuôn Kơ đón đoàn Đan Mạch"], (query, found)
    assert set(marks) <= set(found[0]["marks"]), (query, found[0]["marks"])


@pytest.mark.parametrize("query, marks", [("Ǿrsted", ["Ǿrsted"]), ("orsted", ["Ǿrsted"]), ("葛\U000E0100", ["葛\U000E0100"]), ("葛", ["葛\U000E0100"])])
def test_a_letter_folded_whole_reads_as_the_index_reads_it(driver, stroked_letters_site, query, marks):
    """A letter that breaks into one without a decomposition and a mark (`Ǿ` is `Ø` and an
    accent) folds as the index folds it, and an ideograph's variation selector (U+E0100, past
    U+FFFF) is a mark folding drops: the page found nothing for `Ǿrsted` typed as written (it
    looked `ø` up before breaking the letter), and marked no `葛` where the text has its selector."""
    open_search(driver, stroked_letters_site, "q=" + quote(query))
    found = results(driver)
    assert [r["title"] for r in found] == ["Hợp tác điện gió với Ǿrsted"], (query, found)
    assert set(marks) <= set(found[0]["marks"]), (query, found[0]["marks"])


def answers_with_and_without_unicode_classes(driver, site, query) -> tuple[list[dict], list[dict]]:
    """The results and marks of `query`, then the same where patterns know no Unicode classes."""
    open_search(driver, site)
    now = type_query(driver, query)
    added = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WITHOUT_UNICODE_CLASSES})
    try:
        open_search(driver, site)
        assert driver.execute_script("try { new RegExp('\\\\p{L}', 'u'); return false; } catch (e) { return true; }")
        older = type_query(driver, query)
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": added["identifier"]})
    return now, older


@pytest.mark.parametrize("query", ["dang bo dong thap", "Đảng bộ Đồng Tháp", "học tập", "làm theo Bác"])
def test_search_answers_alike_where_unicode_classes_are_unknown(driver, site, query):
    now, older = answers_with_and_without_unicode_classes(driver, site, query)
    assert now and older == now, query


@pytest.mark.parametrize("query", ["タイソン", "ＡＢＣ１２３", "𠀀字", "Москва"])
def test_words_of_other_scripts_are_found_alike_where_unicode_classes_are_unknown(driver, foreign_words_site, query):
    now, older = answers_with_and_without_unicode_classes(driver, foreign_words_site, query)
    assert now and any(now[0]["marks"] + now[0]["snippet_marks"]), now
    assert older == now, query


@pytest.fixture(scope="module")
def numbers_site(tmp_path_factory, bantin_bin) -> Path:
    """Ten tables of a thousand numbers starting with 5 (the index splits their shards by their
    second digit), a meeting "ngày 5" and another whose only 5 starts a number."""
    articles = {
        f"so-lieu-{k}.md": article_md(f"Bảng số liệu {k}", f"2023-04-{k + 10:02d}T09:00:00+07:00",
                                      "Các mã hộ: " + " ".join(str(5000 + 100 * k + j) for j in range(100)) + ".")
        for k in range(10)
    }
    articles["ngay-5.md"] = article_md("Hội nghị ngày 5", "2023-05-20T09:00:00+07:00", "Chi bộ họp ngày 5 tháng 6 tại nhà văn hóa xã.")
    articles["ngay-9.md"] = article_md("Hội nghị ngày 9", "2023-05-21T09:00:00+07:00", "Chi bộ họp ngày 9, có 5123 hộ dự.")
    return build_site(tmp_path_factory.mktemp("numbers"), bantin_bin, articles)


@pytest.mark.parametrize("query", ["ngay 5", "ngày 5", "5 ngay"])
def test_a_word_of_one_letter_or_digit_matches_only_itself(driver, numbers_site, query):
    shards = search_shards(numbers_site)
    below = [key for key in shards if key.startswith("5") and key != "5"]
    assert len(below) >= 5, f"the numbers' shards should be split under 5: {sorted(shards)}"
    open_search(driver, numbers_site, "q=" + quote(query))
    loaded = {f for f in loaded_index_files(driver) if f.startswith("t-")}
    # Not the shards of every number starting with 5.
    assert loaded == {name for key, name in shards.items() if "ngay".startswith(key) or key.startswith("ngay") or "5".startswith(key)}, loaded
    assert [r["title"] for r in all_results(driver)] == ["Hội nghị ngày 5"]


def statuses_while_typing(driver, text: str) -> list[str]:
    """The status after each key of `text`, typed with a pause the page answers (more than its
    120 ms) after every key."""
    box = driver.find_element(By.ID, "search-q")
    click_in_place(driver, box)
    seen = []
    for k, key in enumerate(text):
        box.send_keys(key)
        typed = text[:k + 1].strip()
        WebDriverWait(driver, 10).until(lambda d: any(
            sign in d.find_element(By.ID, "search-status").text for sign in [f"“{typed}”", "nhấn Enter để tìm cả", "Nhập từ khóa"]))
        time.sleep(0.2)
        seen.append(driver.find_element(By.ID, "search-status").text)
    return seen


def test_a_letter_typed_after_a_space_waits_for_the_next_key(driver, numbers_site):
    """While typing, the one letter or digit just typed is the start of a word: not "no article"
    (only the word itself), nor every shard under it; Enter answers it as itself."""
    shards = search_shards(numbers_site)
    open_search(driver, numbers_site)
    seen = statuses_while_typing(driver, "ngay 5")
    assert not any("Không tìm thấy" in s for s in seen), seen
    # What was looked for, and the digit that waits.
    assert seen[-1] == "Tìm thấy 2 bài cho “ngay”; nhấn Enter để tìm cả “5”.", seen
    loaded = {f for f in loaded_index_files(driver) if f.startswith("t-")}
    assert not any(name in loaded for key, name in shards.items() if key.startswith("5") and key != "5"), loaded
    driver.find_element(By.ID, "search-q").send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: "Tìm thấy 1 bài" in d.find_element(By.ID, "search-status").text)
    assert [r["title"] for r in results(driver)] == ["Hội nghị ngày 5"]


def test_typing_a_query_never_says_nothing_is_found_on_the_way(driver, site):
    open_search(driver, site)
    seen = statuses_while_typing(driver, "đảng bộ tỉnh")
    assert not any("Không tìm thấy" in s for s in seen), seen


def test_a_quote_left_open_keeps_its_last_letter_a_prefix(driver, site):
    open_search(driver, site, "q=" + quote('"đồng th'))
    WebDriverWait(driver, 10).until(lambda d: "Tìm thấy" in d.find_element(By.ID, "search-status").text)
    with_two = len(all_results(driver))
    open_search(driver, site, "q=" + quote('"đồng t'))
    WebDriverWait(driver, 10).until(lambda d: "Tìm thấy" in d.find_element(By.ID, "search-status").text)
    assert len(all_results(driver)) >= with_two > 0


def test_a_letter_finished_by_a_space_or_pasted_is_answered_as_itself(driver, numbers_site):
    """A space after the digit ends its word; a query pasted whole has no key to wait for."""
    open_search(driver, numbers_site)
    seen = statuses_while_typing(driver, "ngay 5 ")
    assert seen[-1] == "Tìm thấy 1 bài cho “ngay 5”.", seen
    open_search(driver, numbers_site)
    driver.execute_script("""const box = document.getElementById('search-q'); box.value = 'ngay 5';
        box.dispatchEvent(new InputEvent('input', {inputType: 'insertFromPaste', data: 'ngay 5', bubbles: true}));""")
    WebDriverWait(driver, 10).until(lambda d: "“ngay 5”" in d.find_element(By.ID, "search-status").text)
    assert [r["title"] for r in results(driver)] == ["Hội nghị ngày 5"]


def test_a_keyboards_reading_keeps_its_last_word_of_one_letter(driver, site):
    """`owr` is three keys read as `ở`: a whole word, not a letter still being typed."""
    open_search(driver, site, "q=" + quote("chi booj owr"))
    WebDriverWait(driver, 10).until(lambda d: "như gõ Telex" in d.find_element(By.ID, "search-status").text)
    entered = driver.find_element(By.ID, "search-status").text
    open_search(driver, site)
    seen = statuses_while_typing(driver, "chi booj owr")
    assert seen[-1] == entered, (seen[-1], entered)
    assert "nhấn Enter" not in seen[-1]


@pytest.fixture(scope="module")
def syllable_site(tmp_path_factory, bantin_bin) -> Path:
    """Words that share their letters without their marks (`tổ`, `Tôn`, `tốt`), and syllables that
    begin longer words (`thi`, `Thiếu`): the newer article of each pair is the one a reader
    asking for the word itself would not expect first."""
    return build_site(tmp_path_factory.mktemp("am-tiet"), bantin_bin, {
        "moi.md": article_md("Bản tin trong tuần", "2024-06-05T08:00:00+07:00", "Phường tổ chức gặp mặt người cao tuổi.",
                             'summary: "Tin của phường."\n'),
        "ton-vinh.md": article_md("Tôn vinh người tốt", "2024-01-05T08:00:00+07:00", "Phường tổ chức gặp mặt người cao tuổi.",
                                  'summary: "Mừng thọ các cụ."\n'),
        "hoa-giai-moi.md": article_md("Tô đẹp phố phường", "2024-06-07T08:00:00+07:00", "Buổi sinh hoạt của tổ dân phố."),
        "hoa-giai-cu.md": article_md("Phố phường yên vui", "2024-01-07T08:00:00+07:00", "Buổi sinh hoạt của tổ dân phố."),
        "hoi-thi.md": article_md("Hội thi dân vận khéo", "2023-01-05T08:00:00+07:00", "Các mô hình hay được biểu dương."),
        "thieu-nhi.md": article_md("Thiếu nhi vui hè", "2023-06-05T08:00:00+07:00", "Các em vui chơi ở nhà văn hóa."),
        "sau-rieng.md": article_md("Nông dân trồng sầu riêng", "2022-01-05T08:00:00+07:00", "Vườn cây cho thu nhập khá."),
        "gia-ca.md": article_md("Tin thị trường", "2022-06-05T08:00:00+07:00", "Thương lái về tận vườn.",
                                'summary: "Giá sầu riêng tăng cao."\n'),
        "canh-quan.md": article_md("Phường giữ gìn cảnh quan", "2022-02-05T08:00:00+07:00", "Bà con dọn vệ sinh đường phố.",
                                   'location: "Huế"\nauthor: "Lê Quang Khải"\n'),
        "tin-van.md": article_md("Tin vắn tổng hợp", "2022-07-05T08:00:00+07:00", "Đoàn công tác từ Huế về thăm, anh Khải phát biểu."),
        "kiem-tra.md": article_md("Chi bộ khu phố họp mặt", "2021-01-05T08:00:00+07:00", "Nội dung buổi họp mặt.",
                                  'summary: "Công tác kiểm tra ở chi bộ được chú trọng."\nsource: "Tạp chí Kiểm tra"\n'),
        "chi-nguon.md": article_md("Hội nông dân ra quân làm đường", "2021-06-05T08:00:00+07:00", "Bà con góp công.",
                                   'source: "Tạp chí Kiểm tra"\n'),
        "dai.md": article_md("Chuyện ở khu dân cư", "2023-02-05T08:00:00+07:00",
                             "Người dân nói về việc to lớn, toàn diện, tốt đẹp của khu phố. " * 5
                             + "\n\nCuối năm, tổ tự quản được khen thưởng."),
    })


@pytest.mark.parametrize("query, first", [
    ("tổ chức", "Bản tin trong tuần"),
    ("tổ", "Tô đẹp phố phường"),
    ("thi", "Hội thi dân vận khéo"),
    ("hội thi", "Hội thi dân vận khéo"),
    ("rieng", "Nông dân trồng sầu riêng"),
    ("sầu riêng", "Nông dân trồng sầu riêng"),
    ("hue", "Phường giữ gìn cảnh quan"),
    ("khai", "Phường giữ gìn cảnh quan"),
    ("kiểm tra", "Chi bộ khu phố họp mặt"),
    ("kiem", "Chi bộ khu phố họp mặt"),
])
def test_a_word_ranks_by_where_it_stands_as_typed_not_by_words_sharing_its_letters(driver, syllable_site, query, first):
    """`Tôn` in an older title earns it no place before a newer article: both have `tổ chức` in
    the body only; of two with `tổ` in the body, the newer comes first though its title has
    `Tô`; `thi` in a title comes before `Thiếu` in a newer one; a word in an older title before
    the same word in a newer sapo; a place or author, typed without marks, before a newer body
    that names them; a sapo before a newer article whose source (an outlet's name, which many
    articles share) has the words."""
    open_search(driver, syllable_site, "q=" + quote(query))
    found = [r["title"] for r in results(driver)]
    assert found[:1] == [first], found


def test_a_word_typed_with_marks_is_marked_where_it_is_so_spelt(driver, syllable_site):
    """The passage shown is where `tổ` stands, and `to`, `toàn`, `tốt` around it, or `Tôn` in a
    title, are not marked; an article without `tổ` spelt so is marked where its letters are."""
    open_search(driver, syllable_site, "q=" + quote("tổ"))
    shown = {r["title"]: r for r in all_results(driver)}
    long = shown["Chuyện ở khu dân cư"]
    assert long["snippet_marks"] == ["tổ"], long
    assert long["snippet"].startswith("… Cuối năm"), long["snippet"]
    assert shown["Tôn vinh người tốt"]["marks"] == ["tổ"], shown["Tôn vinh người tốt"]
    open_search(driver, syllable_site, "q=" + quote("tôn"))
    assert [r["marks"] for r in results(driver)][:1] == [["Tôn"]]


@pytest.fixture(scope="module")
def window_site(tmp_path_factory, bantin_bin) -> Path:
    """More articles than the page reads records of at once (30), each with `Tôn` in its title
    and `tổ` in its body, and a newer one with `tổ` in its sapo."""
    articles = {f"ton-vinh-{n}.md": article_md(f"Tôn vinh gương sáng, tin số {n + 1}", f"2022-01-{1 + n % 28:02d}T{8 + n // 28:02d}:00:00+07:00",
                                                 "Xã tổ chức lễ biểu dương.", 'summary: "Tin của xã."\n') for n in range(32)}
    articles["hoa-giai.md"] = article_md("Tin ngắn trong tuần", "2023-06-05T08:00:00+07:00", "Bà con phấn khởi.",
                                         'summary: "Hội nghị của tổ hòa giải ở khu phố."\n')
    return build_site(tmp_path_factory.mktemp("cua-so"), bantin_bin, articles)


def test_the_records_read_first_are_those_the_word_as_typed_can_rank_first(driver, window_site):
    """The shards tell `Tôn` in a title from `tổ` only by its letters: the word as typed can stand
    only in those bodies, so the sapo with `tổ` is read, and shown, first."""
    open_search(driver, window_site, "q=" + quote("tổ"))
    found = [r["title"] for r in results(driver)]
    assert found[:1] == ["Tin ngắn trong tuần"], found


def test_an_index_of_another_format_is_said_so_not_taken_for_no_match(driver, site, tmp_path):
    """A search page whose script reads another format of the index than the site's (its
    templates copied from an earlier bantin) says it cannot read it."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    script = copy / "assets" / "search.js"
    text = script.read_text(encoding="utf-8")
    assert "var INDEX_FORMAT = " in text
    # Older than the index, and newer (a site rebuilt by an older bantin under a newer theme).
    for format in (1, 99):
        script.write_text(re.sub(r"var INDEX_FORMAT = \d+;", f"var INDEX_FORMAT = {format};", text), encoding="utf-8")
        open_search(driver, copy, "q=" + quote("đảng bộ"))
        status = WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "search-status").text if "Đang" not in d.find_element(By.ID, "search-status").text else None)
        assert status.startswith("Không đọc được chỉ mục tìm kiếm"), f"format {format}: {status}"
        assert results(driver) == []


@pytest.fixture(scope="module")
def thousands_site(tmp_path_factory, bantin_bin) -> Path:
    """Numbers written the Vietnamese way, with dots between thousands, and without them."""
    return build_site(tmp_path_factory.mktemp("so"), bantin_bin, {
        "giam-ngheo.md": article_md("Kết quả giảm nghèo ở huyện vùng cao", "2023-01-05T08:00:00+07:00",
                                    "Năm nay huyện có 1.250 hộ thoát nghèo và thu 3.700.000 tấn lúa."),
        "ket-nap.md": article_md("Kết nạp đảng viên mới", "2023-02-05T08:00:00+07:00", "Toàn tỉnh kết nạp 1250 đảng viên trong năm."),
        "so-thap-phan.md": article_md("Tăng trưởng kinh tế quý I", "2023-03-05T08:00:00+07:00", "Tốc độ tăng 3.14 phần trăm, 250 doanh nghiệp mới."),
        "gia-thoc.md": article_md("Giá thóc đầu vụ", "2023-04-05T08:00:00+07:00", "Thóc khô 125.000 đồng một tạ, rơm 12.500 đồng, 10.000 người bán."),
        "von.md": article_md("Vốn cho hợp tác xã", "2023-05-05T08:00:00+07:00", "Tỉnh cho vay 1.250.000 đồng mỗi hộ."),
        "rung.md": article_md("Trồng rừng phòng hộ", "2023-06-05T08:00:00+07:00", "Diện tích trồng mới đạt 3.1415 héc-ta."),
    })


@pytest.mark.parametrize("query", ["1250", "1.250"])
def test_a_number_is_found_with_or_without_its_thousands_dots(driver, thousands_site, query):
    """`1250` finds `1.250 hộ` (as Vietnamese writes thousands) and `1250 đảng viên`, and so
    does `1.250`, the number marked whole; and `1.250.000`, which goes on by a group of three,
    marked as typed; not `125.000` or `12.500`, whose size differs. `250` finds the `250` that
    stands alone, `1.000` no `10.000`."""
    open_search(driver, thousands_site, "q=" + query)
    found = results(driver)
    assert sorted(r["title"] for r in found) == ["Kết nạp đảng viên mới", "Kết quả giảm nghèo ở huyện vùng cao", "Vốn cho hợp tác xã"], found
    assert next(r for r in found if r["title"] == "Vốn cho hợp tác xã")["snippet_marks"] == ["1.250"]
    dotted = next(r for r in found if r["title"].startswith("Kết quả giảm nghèo"))
    assert dotted["snippet_marks"] == ["1.250"], dotted
    plain = next(r for r in found if r["title"].startswith("Kết nạp"))
    assert plain["snippet_marks"] == ["1250"], plain
    open_search(driver, thousands_site, "q=250")
    assert [r["title"] for r in results(driver)] == ["Tăng trưởng kinh tế quý I"]
    open_search(driver, thousands_site, "q=1.000")
    assert [r["title"] for r in results(driver)] == []
    open_search(driver, thousands_site, "q=" + quote("3.700.000 tấn"))
    found = results(driver)
    assert [r["title"] for r in found] == ["Kết quả giảm nghèo ở huyện vùng cao"] and found[0]["snippet_marks"] == ["3.700.000", "tấn"], found
    # Four digits after a dot are no thousands: a decimal, its parts as written.
    open_search(driver, thousands_site, "q=3.1415")
    found = results(driver)
    assert [r["title"] for r in found] == ["Trồng rừng phòng hộ"] and found[0]["snippet_marks"] == ["3", "1415"], found


@pytest.fixture(scope="module")
def passage_site(tmp_path_factory, bantin_bin) -> Path:
    """A body where the words typed first begin longer words ("ăn cướp") and, far below, stand
    whole ("an cư"); an article whose only match is its source."""
    filler = "Xã tổ chức nhiều buổi họp dân để bàn việc làm đường, dựng nhà văn hóa và giữ gìn vệ sinh thôn xóm. " * 8
    body = f"Trước kia vùng này có nạn ăn cướp hoành hành ban đêm.\n\n{filler}\n\nNay người dân an cư lạc nghiệp, yên tâm làm ăn.\n"
    return build_site(tmp_path_factory.mktemp("passage"), bantin_bin, {
        "yen-binh.md": article_md("Thôn xóm bình yên", "2024-05-01T08:00:00+07:00", body),
        "nguon.md": article_md("Bộ đội giúp dân gặt lúa", "2024-05-02T08:00:00+07:00", "Các chiến sĩ xuống đồng cùng bà con.\n",
                               extra="source: Báo Quân khu\n"),
    })


def test_the_snippet_is_the_passage_with_the_words_whole(driver, passage_site):
    open_search(driver, passage_site, "q=an%20cu")
    found = results(driver)
    assert found and found[0]["title"] == "Thôn xóm bình yên", found
    assert [m.lower() for m in found[0]["snippet_marks"]][:2] == ["an", "cư"], found[0]


# Bodies without spaces, where the passage is cut by its count of characters: 70 UTF-16 units
# before the word falls between the halves of a Hán-Nôm ideograph of Extension B (`𠀀`, two
# units) or before a Khmer sign (the coeng of `ប្រ`), and 230 after it on the other.
KHMER = "ប្រពៃណី"
UNSPACED_BODIES = {
    "中国": "𠀀" * 50 + "，中国，" + "កក" + KHMER * 40,
    "日本": "ក" + KHMER * 20 + "，日本，" + "𠀀" * 150,
}


@pytest.fixture(scope="module")
def unspaced_site(tmp_path_factory, bantin_bin) -> Path:
    return build_site(tmp_path_factory.mktemp("unspaced"), bantin_bin, {
        f"bai-{k}.md": article_md(f"Văn bản số {k}", f"2024-05-0{k + 1}T08:00:00+07:00", body) for k, body in enumerate(UNSPACED_BODIES.values())
    })


@pytest.mark.parametrize("query", list(UNSPACED_BODIES))
def test_a_passage_of_text_without_spaces_is_cut_between_characters(driver, unspaced_site, query):
    """Neither cut of the passage parts a character: no half of a surrogate pair (shown as �),
    no combining sign left at its start without its letter or cut off the letter at its end."""
    open_search(driver, unspaced_site, "q=" + quote(query))
    cut = driver.execute_script(r"""
      const body = arguments[0], snippet = document.querySelector('.search-snippet');
      if (!snippet) return null;
      const text = snippet.textContent.replace(/^… /, '').replace(/ …$/, ''), at = body.indexOf(text);
      const mark = new RegExp('^\\p{M}', 'u');
      return {at, length: text.length, half: /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text),
              markFirst: mark.test(text), markAfter: mark.test(body.slice(at + text.length, at + text.length + 2))};""",
                                UNSPACED_BODIES[query])
    assert cut and cut["at"] > 0 and cut["at"] + cut["length"] < len(UNSPACED_BODIES[query].encode("utf-16-le")) // 2, cut
    assert not cut["half"] and not cut["markFirst"] and not cut["markAfter"], cut


@pytest.fixture(scope="module")
def final_mark_site(tmp_path_factory, bantin_bin) -> Path:
    """Words that end in a combining mark with no precomposed letter, which folding drops: the
    Ê Đê `kơ̆` (`ơ` and a breve) beside `kơ` and `ko`; the Khmer `ប្រពៃណី` (its last sign U+17B8)."""
    return build_site(tmp_path_factory.mktemp("final-mark"), bantin_bin, {
        "ede.md": article_md("Klei k\u01a1\u0306 hlăm buôn", "2024-05-01T08:00:00+07:00", "Mnuih k\u01a1\u0306 mơ̆ng buôn, kơ ko."),
        "km.md": article_md(f"Lễ hội {KHMER} Khmer", "2024-05-02T08:00:00+07:00", f"បុណ្យ {KHMER} ជាតិ."),
    })


@pytest.mark.parametrize("query", ["k\u01a1\u0306", "ko\u031b\u0306", KHMER])
def test_a_word_ending_in_a_mark_that_folding_drops_is_marked_whole_where_spelt_so(driver, final_mark_site, query):
    """The word is marked with its last mark, and is spelt as typed there, so only it is marked,
    not the `kơ` or `ko` beside it."""
    open_search(driver, final_mark_site, "q=" + quote(query))
    marks = [unicodedata.normalize("NFC", m) for r in results(driver) for m in r["marks"]]
    assert marks and set(marks) == {unicodedata.normalize("NFC", query)}, marks


def test_a_result_found_by_its_source_shows_it(driver, passage_site):
    open_search(driver, passage_site, "q=quan%20khu")
    about = first_about(driver)
    assert about and "Báo Quân khu" in about[0] and about[1] == ["Quân", "khu"], about


@pytest.fixture(scope="module")
def spelt_site(tmp_path_factory, bantin_bin) -> Path:
    """`tổ` in two sapos, one article also with `Tô` in its title (older); and 35 titles with
    `thiếu` beside an older article whose body has the word `thi` itself."""
    articles = {
        "to-diem.md": article_md("Tô điểm phố phường", "2024-01-02T08:00:00+07:00", "Nội dung.", extra='summary: "Các tổ dân phố ra quân."\n'),
        "ra-quan.md": article_md("Ra quân làm sạch đường làng", "2024-01-03T08:00:00+07:00", "Nội dung.", extra='summary: "Mỗi tổ nhận một đoạn đường."\n'),
        "ky-thi.md": article_md("Học sinh vùng cao vượt khó", "2023-01-01T08:00:00+07:00", "Các em chuẩn bị cho kỳ thi tốt nghiệp."),
    }
    for n in range(35):
        articles[f"thieu-{n}.md"] = article_md(f"Thiếu nước sạch ở thôn số {n + 1}", f"2024-02-{1 + n % 28:02d}T{8 + n // 28:02d}:00:00+07:00", "Bà con chờ dự án.")
    return build_site(tmp_path_factory.mktemp("spelt"), bantin_bin, articles)


def test_a_word_typed_with_marks_ranks_by_where_it_is_so_spelt(driver, spelt_site):
    """The title's `Tô` is not the `tổ` of the sapos: the two articles rank by their sapos, the
    newer first."""
    open_search(driver, spelt_site, "q=" + quote("tổ"))
    assert [r["title"] for r in results(driver)][:2] == ["Ra quân làm sạch đường làng", "Tô điểm phố phường"]


def test_a_word_itself_comes_before_many_titles_with_longer_words_it_begins(driver, spelt_site):
    """More than thirty titles begin with `thi` (`thiếu`): the body with the word `thi` itself is
    read among the first records all the same, and comes first."""
    open_search(driver, spelt_site, "q=thi")
    found = results(driver)
    assert len(found) == 10 and found[0]["title"] == "Học sinh vùng cao vượt khó", [r["title"] for r in found]


@pytest.fixture(scope="module")
def apart_site(tmp_path_factory, bantin_bin) -> Path:
    """35 newer titles with words that begin `thi` and `học` apart (`Thiết bị dạy học`), each
    body with `thi học`; an older article with `thi học` in its sapo."""
    articles = {
        "hsg.md": article_md("Tuyên dương học sinh giỏi cấp tỉnh", "2023-01-01T08:00:00+07:00", "Lễ trao thưởng diễn ra tại hội trường.",
                             extra='summary: "Kỳ thi học sinh giỏi năm nay có bốn trăm em dự."\n'),
    }
    for n in range(35):
        articles[f"thiet-bi-{n}.md"] = article_md(f"Thiết bị dạy học mới cho trường số {n + 1}", f"2024-03-{1 + n % 28:02d}T{8 + n // 28:02d}:00:00+07:00",
                                                  "Trường chuẩn bị cho kỳ thi học kỳ một.")
    return build_site(tmp_path_factory.mktemp("apart"), bantin_bin, articles)


def test_a_phrase_of_whole_words_in_a_sapo_comes_before_many_titles_with_its_words_apart(driver, apart_site):
    """More than thirty titles have words that begin both query words, and their bodies the
    phrase: the older sapo with the phrase itself is read among the first records, and comes
    first (the words whole in a sapo over the body)."""
    open_search(driver, apart_site, "q=thi+hoc")
    found = results(driver)
    assert len(found) == 10 and found[0]["title"] == "Tuyên dương học sinh giỏi cấp tỉnh", [r["title"] for r in found]
