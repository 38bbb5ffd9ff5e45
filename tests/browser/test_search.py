"""The search page, opened from disk: diacritic-insensitive matching, ?q= links,
<mark> highlighting, the no-result status, keyboard reach, exact-spelling ranking."""
from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from helpers import (
    DESKTOP, PHONE, assert_fits_phone, drain_console, file_url, fold, h1_text, screenshot, search_index,
    severe_console, wait_ready,
)


@pytest.fixture(scope="module")
def index(site):
    rows = search_index(site)
    assert rows, "empty search index"
    return rows


def open_search(driver, site, query: str = "") -> None:
    drain_console(driver)
    driver.get(file_url(site / "tim-kiem" / "index.html", query))
    wait_ready(driver)
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "search-status").text.strip())
    errors = severe_console(driver)
    assert not errors, errors


def results(driver) -> list[dict]:
    """[{title, href, sapo, marks}] of the listed results, in order."""
    return driver.execute_script(
        """
        return [...document.querySelectorAll('#search-results > li')].map(li => {
          const a = li.querySelector('a');
          const sapo = li.querySelector('.search-sapo');
          return {title: a ? a.textContent : '', href: a ? a.href : '',
                  sapo: sapo ? sapo.textContent : '',
                  marks: [...li.querySelectorAll('mark')].map(m => m.textContent)};
        });
        """
    )


def type_query(driver, text: str) -> list[dict]:
    box = driver.find_element(By.ID, "search-q")
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    box.send_keys(text)
    assert box.get_attribute("value") == text
    # the script waits 120 ms after the last keystroke, then rewrites the status
    WebDriverWait(driver, 10).until(lambda d: f"“{text}”" in d.find_element(By.ID, "search-status").text)
    return results(driver)


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


def test_no_match_says_so(driver, site):
    open_search(driver, site)
    found = type_query(driver, "xyzzy quốc tế vũ trụ")
    assert found == []
    status = driver.find_element(By.ID, "search-status")
    assert "Không tìm thấy" in status.text, status.text
    assert status.get_attribute("role") == "status" or status.get_attribute("aria-live") == "polite"


def test_results_reachable_by_keyboard(driver, site):
    open_search(driver, site, "q=chi%20bo")
    first = driver.find_element(By.CSS_SELECTOR, "#search-results > li a")
    expected_href = first.get_attribute("href")
    box = driver.find_element(By.ID, "search-q")
    box.click()
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
    titles = [r["title"] for r in results(driver)]
    assert len(titles) > 1 and set(uncle) <= set(titles), titles
    assert titles[0] == bac_ninh[1], f"'Bắc' should list Bắc Ninh first: {titles}"

    open_search(driver, site)
    titles = [r["title"] for r in type_query(driver, "Bác")]
    assert bac_ninh[1] in titles, "folded match for 'Bác' is missing"
    exact = [t for t in titles if t in uncle]
    assert titles[:len(exact)] == exact, f"'Bác' should list the exact spellings first: {titles}"
