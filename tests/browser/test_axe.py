"""axe-core 4.x (the axe.min.js inside PyPI's axe-playwright-python), run in Chromium on
every page type at desktop width: no serious or critical violation."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from helpers import DESKTOP, PHONE, axe_script, axe_violations, drain_console, file_url, load_images, set_size, severe_console, wait_ready


@pytest.fixture(scope="module")
def axe_source() -> str:
    return axe_script()


def first(site: Path, pattern: str, prefer=None) -> str:
    pages = sorted(site.glob(pattern))
    assert pages, f"no page {pattern}"
    if prefer:
        pages = sorted(pages, key=lambda p: not prefer(p.read_text(encoding="utf-8")))
    return str(pages[0].relative_to(site))


def page_types(site: Path) -> dict[str, str]:
    return {
        "home": "index.html",
        "home-page-2": first(site, "trang/*/index.html"),
        # an article with a photo and a table, if the sample has one
        "article": first(site, "bai-viet/*/index.html",
                         prefer=lambda html: 'class="story-figure"' in html and "<table" in html),
        "article-plain": first(site, "bai-viet/*/index.html",
                               prefer=lambda html: 'class="story-figure"' not in html),
        "directive": first(site, "van-ban/*/index.html"),
        "directives": "van-ban/index.html",
        "theme": first(site, "chuyen-de/*/index.html"),
        "themes": "chuyen-de/index.html",
        "archive": "luu-tru/index.html",
        "month": first(site, "luu-tru/*/*/index.html"),
        # the print edition with the most articles (photos, tables, footnotes)
        "print-edition": first(site, "luu-tru/*/*/ban-in/index.html", prefer=lambda html: html.count('class="issue-article"') > 2),
        "category": first(site, "chuyen-muc/*/index.html"),
        "categories": "chuyen-muc/index.html",
        "place": first(site, "dia-phuong/*/index.html"),
        "places": "dia-phuong/index.html",
        "directive-mentions": first(site, "van-ban/*/index.html", prefer=lambda html: 'class="mentions"' in html),
        "search": "tim-kiem/index.html?q=ket%20luan%2001",
        "404": "404.html",
    }


KINDS = ["home", "home-page-2", "article", "article-plain", "directive", "directives",
         "theme", "themes", "archive", "month", "print-edition", "category", "categories", "place", "places",
         "directive-mentions", "search", "404"]


@pytest.mark.parametrize("kind", KINDS)
def test_axe(driver, site, axe_source, kind):
    assert_axe_passes(driver, site, axe_source, kind, DESKTOP)


@pytest.mark.parametrize("kind", KINDS)
def test_axe_on_a_phone(driver, site, axe_source, kind):
    """At a phone's width too: the menu scrolls sideways there, and nothing may cover part of
    one of its links (axe's target-size, WCAG 2.2)."""
    assert_axe_passes(driver, site, axe_source, kind, PHONE)


def assert_axe_passes(driver, site, axe_source, kind, size):
    rel = page_types(site)[kind]
    path, _, query = rel.partition("?")
    set_size(driver, *size)
    drain_console(driver)
    driver.get(file_url(site / path, query))
    wait_ready(driver)
    if kind == "search":
        WebDriverWait(driver, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results > li"))
    load_images(driver)
    # console first: under file:// axe's own requests log errors of their own
    errors = severe_console(driver)
    assert not errors, f"{rel}: console errors: {errors}"
    bad, minor = axe_violations(driver, axe_source)
    if minor:
        print(f"{rel}: minor axe findings: {minor}")
    assert not bad, f"{rel}: axe violations:\n" + json.dumps(bad, ensure_ascii=False, indent=2)
