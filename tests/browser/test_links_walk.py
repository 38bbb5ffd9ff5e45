"""A reader follows the links between texts, from disk: home → a category (a card's kicker)
→ an article → its place (the byline) → an article there → a directive (a mention in the
body) → an article that only mentions it; then the two new index pages. Every page: the
expected <h1>, every link on it leads to a file of the site, images load, no console error,
no sideways scroll at 390 px; screenshots at 1280 and 390 px of each new kind of page."""
from __future__ import annotations

import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from selenium.webdriver.common.by import By

from helpers import check_page, click, drain_console, file_url, h1_text, hrefs_in, url_to_path, wait_ready


def text_of(element) -> str:
    return " ".join(element.get_attribute("textContent").split())


def target(page: Path, href: str) -> Path:
    """The file a relative link of `page` names (fragment and query dropped)."""
    path = (page.parent / urlsplit(href).path).resolve()
    return path / "index.html" if path.is_dir() else path


def mentions_a_directive(article: Path) -> bool:
    return any("van-ban/" in href for href in hrefs_in(article, "story-body"))


def assert_links_resolve(driver, site: Path) -> None:
    """Every link of the page leads to a file of the built site (or out of it, for http links)."""
    broken = []
    for a in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
        href = a.get_attribute("href")
        if not href.startswith("file:"):
            continue
        path = url_to_path(href.split("#")[0].split("?")[0])
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or site not in path.parents:
            broken.append(href)
    assert not broken, f"{driver.current_url}: broken links {broken}"


def card_leading_to(driver, wanted) -> object:
    """The title link of the first card whose article satisfies `wanted` (else the first card)."""
    links = driver.find_elements(By.CSS_SELECTOR, ".cards .card-title a, .lead-title a")
    assert links, f"{driver.current_url}: no article listed"
    return next((a for a in links if wanted(url_to_path(a.get_attribute("href")))), links[0])


def test_category_article_place_directive_walk(driver, site, shots):
    drain_console(driver)
    driver.get(file_url(site / "index.html"))
    wait_ready(driver)
    site_title = text_of(driver.find_element(By.CSS_SELECTOR, ".site-title a"))

    # → a category, from the kicker of a card whose category lists an article with a mention
    kickers = driver.find_elements(By.CSS_SELECTOR, "main .kicker a")
    assert kickers, "no kicker links to its category"
    def leads_to_mention(kicker) -> bool:
        category = url_to_path(kicker.get_attribute("href"))
        return any(mentions_a_directive(target(category, href)) for href in hrefs_in(category, "card-title"))
    kicker = next((k for k in kickers if leads_to_mention(k)), kickers[0])
    category = text_of(kicker)
    click(driver, kicker)
    assert "/chuyen-muc/" in driver.current_url and driver.current_url.endswith("/index.html")
    check_page(driver, shots, "category", h1=category, title=f"{category} – {site_title}")
    assert_links_resolve(driver, site)

    # → an article of it, one whose body mentions a directive
    link = card_leading_to(driver, mentions_a_directive)
    title = text_of(link)
    click(driver, link)
    check_page(driver, shots, "article-linked", h1=title, screenshots=False)
    assert_links_resolve(driver, site)
    kicker = driver.find_element(By.CSS_SELECTOR, ".story-head .kicker a")
    assert text_of(kicker) == category, "the article's kicker names its category"
    article_url = driver.current_url

    # → its place, from the byline
    place_link = driver.find_element(By.CSS_SELECTOR, ".byline .location a")
    place = text_of(place_link)
    click(driver, place_link)
    assert "/dia-phuong/" in driver.current_url
    check_page(driver, shots, "place", h1=place, title=f"{place} – {site_title}")
    assert_links_resolve(driver, site)

    # → an article there, then the directive its body mentions first
    click(driver, card_leading_to(driver, mentions_a_directive))
    mentions = driver.find_elements(By.CSS_SELECTOR, ".story-body a[href*='/van-ban/']")
    if not mentions:  # the place's only article may lack one: go back to the first article
        driver.get(article_url)
        wait_ready(driver)
        mentions = driver.find_elements(By.CSS_SELECTOR, ".story-body a[href*='/van-ban/']")
    assert mentions, f"{driver.current_url}: no directive mention links"
    code = text_of(mentions[-1])
    click(driver, mentions[-1])
    assert "/van-ban/" in driver.current_url
    check_page(driver, shots, "directive-mentioned", h1=code)
    assert_links_resolve(driver, site)

    # → an article that only mentions a directive, from the first directive page listing one
    pages = sorted(site.glob("van-ban/*/index.html"), key=lambda p: 'class="mentions"' not in p.read_text(encoding="utf-8"))
    drain_console(driver)
    driver.get(file_url(pages[0]))
    wait_ready(driver)
    only = driver.find_elements(By.CSS_SELECTOR, ".mentions .mention-list a")
    assert only, f"{pages[0]}: no article only mentions it (the sample has one)"
    check_page(driver, shots, "directive-mentions", h1=h1_text(driver))
    title = text_of(only[0])
    click(driver, only[0])
    check_page(driver, shots, "article-mentioning", h1=title, screenshots=False)


def test_category_and_place_indexes(driver, site, shots):
    drain_console(driver)
    driver.get(file_url(site / "index.html"))
    wait_ready(driver)
    for label, kind, path, where in (("Chuyên mục", "categories", "chuyen-muc/index.html", ".footer-nav a"),
                                     ("Địa phương", "places", "dia-phuong/index.html", ".site-nav a")):
        link = next(a for a in driver.find_elements(By.CSS_SELECTOR, where) if text_of(a) == label)
        click(driver, link)
        assert url_to_path(driver.current_url) == site / path
        check_page(driver, shots, kind, h1=label)
        assert_links_resolve(driver, site)
        names = [text_of(e) for e in driver.find_elements(By.CSS_SELECTOR, ".term-label")]
        assert names, f"{path}: empty index"
    # the place index is in Vietnamese alphabetical order (Bắc Ninh before Bến Tre, Đ after D)
    assert names == sorted(names, key=vietnamese_key), names


MODIFIERS = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # ă, â ê ô, ơ ư
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def vietnamese_key(name: str) -> tuple[list[int], list[int]]:
    """Vietnamese dictionary order: letters (a ă â b c d đ e ê …) first, then tones."""
    letters, tones = [], []
    for ch in name.lower():
        base, *marks = unicodedata.normalize("NFD", ch)
        weight = ord("d") * 8 + 4 if base == "đ" else ord(base) * 8 + sum(MODIFIERS.get(m, 0) for m in marks)
        letters.append(weight)
        tones.append(sum(TONES.get(m, 0) for m in marks))
    return letters, tones
