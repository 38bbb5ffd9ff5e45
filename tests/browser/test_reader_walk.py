"""A reader walks the site from disk: home → article → directive → another article →
theme → archive → month → search, then 404.html. Every page: the expected <h1> and
<title>, every image loaded, no console errors, no horizontal scroll at 390 px; a
desktop (1280 px) and a phone (390 px) screenshot of each page type."""
from __future__ import annotations

import re

import pytest

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from selenium.common.exceptions import TimeoutException

from helpers import (
    PHONE, assert_fits_phone, assert_images_loaded, check_page, click, drain_console,
    file_url, h1_text, hrefs_in, html_files, set_size, severe_console, url_to_path, wait_ready,
)


def text_of(element) -> str:
    return " ".join(element.get_attribute("textContent").split())


def nav_link(driver, label: str):
    links = [a for a in driver.find_elements(By.CSS_SELECTOR, ".site-nav a") if text_of(a) == label]
    assert links, f"{driver.current_url}: no '{label}' in the site navigation"
    return links[0]


def test_reader_walk(driver, site, shots):
    # Home
    drain_console(driver)
    driver.get(file_url(site / "index.html"))
    wait_ready(driver)
    site_title = text_of(driver.find_element(By.CSS_SELECTOR, ".site-title a"))
    assert site_title, "masthead has no site title"
    assert driver.title == site_title
    assert h1_text(driver), "home page has an empty <h1>"
    check_page(driver, shots, "home", title=site_title)

    # → an article (the lead story, else the first card)
    links = driver.find_elements(By.CSS_SELECTOR, ".lead-title a") or \
        driver.find_elements(By.CSS_SELECTOR, ".card-title a")
    assert links, "home page lists no article"
    first_title, first_href = text_of(links[0]), links[0].get_attribute("href")
    click(driver, links[0])
    assert driver.current_url == first_href
    assert "/bai-viet/" in first_href and first_href.endswith("/index.html")
    check_page(driver, shots, "article", h1=first_title, title=f"{first_title} – {site_title}")
    assert driver.find_elements(By.CSS_SELECTOR, "article.story time[datetime]"), "article has no dateline"

    # → one of its directives
    directive_links = driver.find_elements(By.CSS_SELECTOR, ".terms-box .term-directive a")
    assert directive_links, f"{first_href}: no directive link"
    code = text_of(directive_links[0].find_element(By.CSS_SELECTOR, ".term-code"))
    click(driver, directive_links[0])
    assert "/van-ban/" in driver.current_url
    check_page(driver, shots, "directive", h1=code)
    assert code in driver.title
    directive_url = driver.current_url

    # → another article listed there, one that cites an annual theme
    candidates = []
    for a in driver.find_elements(By.CSS_SELECTOR, ".cards .card-title a"):
        href = a.get_attribute("href")
        if href != first_href and hrefs_in(url_to_path(href), "term-theme"):
            candidates.append(a)
    assert candidates, f"{directive_url}: no other article with a theme link"
    second_title = text_of(candidates[0])
    click(driver, candidates[0])
    check_page(driver, shots, "article2", h1=second_title, title=f"{second_title} – {site_title}",
               screenshots=False)
    # the breadcrumbs lead back home
    crumbs = driver.find_elements(By.CSS_SELECTOR, ".breadcrumbs a")
    assert crumbs and url_to_path(crumbs[0].get_attribute("href")) == site / "index.html"

    # → its theme
    theme_link = driver.find_element(By.CSS_SELECTOR, ".terms-box .term-theme a")
    year = text_of(theme_link.find_element(By.CSS_SELECTOR, ".term-code"))
    assert re.fullmatch(r"\d{4}", year), year
    click(driver, theme_link)
    assert driver.current_url.endswith(f"/chuyen-de/{year}/index.html")
    check_page(driver, shots, "theme", h1=f"Năm {year}")
    assert year in driver.title

    # → archive, from the navigation
    click(driver, nav_link(driver, "Lưu trữ"))
    assert driver.current_url.endswith("/luu-tru/index.html")
    check_page(driver, shots, "archive", h1="Lưu trữ", title=f"Lưu trữ – {site_title}")
    assert nav_link(driver, "Lưu trữ").get_attribute("aria-current") == "page"

    # → a month
    month = driver.find_element(By.CSS_SELECTOR, ".term-list a")
    label = text_of(month.find_element(By.CSS_SELECTOR, ".term-label"))
    m = re.fullmatch(r"Tháng (\d{1,2})/(\d{4})", label)
    assert m, label
    click(driver, month)
    assert driver.current_url.endswith(f"/luu-tru/{m[2]}/{int(m[1]):02d}/index.html")
    check_page(driver, shots, "month", h1=label, title=f"{label} – {site_title}")
    assert driver.find_elements(By.CSS_SELECTOR, ".cards .card-title a"), "month page lists no article"

    # → search, from the navigation
    click(driver, nav_link(driver, "Tìm kiếm"))
    assert driver.current_url.endswith("/tim-kiem/index.html")
    check_page(driver, shots, "search", h1="Tìm kiếm", title=f"Tìm kiếm – {site_title}")
    status = driver.find_element(By.ID, "search-status")
    assert status.text, "the search page says nothing before a query (script did not run?)"

    # 404.html, opened directly
    drain_console(driver)
    driver.get(file_url(site / "404.html"))
    check_page(driver, shots, "404", h1="Không tìm thấy trang", title=f"Không tìm thấy trang – {site_title}")
    home_links = [a for a in driver.find_elements(By.CSS_SELECTOR, "main a")
                  if url_to_path(a.get_attribute("href")) == site / "index.html"]
    assert home_links, "404 page offers no way home"


def test_index_pages_via_nav(driver, site, shots):
    """The two index pages the walk skips: directives and themes, reached from the menu."""
    drain_console(driver)
    driver.get(file_url(site / "index.html"))
    wait_ready(driver)
    for label, kind, path in (("Văn bản", "directives", "van-ban/index.html"),
                              ("Chuyên đề", "themes", "chuyen-de/index.html")):
        click(driver, nav_link(driver, label))
        assert url_to_path(driver.current_url) == site / path
        check_page(driver, shots, kind)
        items = driver.find_elements(By.CSS_SELECTOR, ".term-list a")
        assert items, f"{path}: empty index"
        assert nav_link(driver, label).get_attribute("aria-current") == "page"


def test_every_page_fits_a_phone(driver, site):
    """Every HTML page the build wrote: images load, no console error, no sideways scroll."""
    pages = html_files(site)
    assert len(pages) >= 10, pages
    problems = []
    for page in pages:
        drain_console(driver)
        driver.get(file_url(page))
        wait_ready(driver)
        try:
            set_size(driver, *PHONE)
            assert_images_loaded(driver)
            assert_fits_phone(driver)
            if "ban-in" not in page.parts:  # the printed issue has its own cover, no menu
                assert_search_in_view(driver)
            errors = severe_console(driver)
            assert not errors, f"console errors: {errors}"
        except AssertionError as error:
            problems.append(f"{page.relative_to(site)}: {error}")
    assert not problems, "\n".join(problems)


def assert_search_in_view(driver) -> None:
    """The menu's search link is on screen as the page opens, however far its other items run
    (on a phone the menu scrolls sideways, and search, its last item, sits in a place of its own
    at the right), and is big enough to tap (WCAG 2.5.8: 24 px)."""
    driver.execute_script("window.scrollTo({top: 0, left: 0, behavior: 'instant'})")
    box = driver.execute_script(
        """
        const links = [...document.querySelectorAll('.site-nav a')].filter(a => a.textContent.trim() === 'Tìm kiếm');
        if (links.length !== 1) return null;
        const r = links[0].getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height,
                clientWidth: document.documentElement.clientWidth, innerHeight: window.innerHeight,
                onTop: links[0].contains(hit)};
        """)
    assert box, "no single 'Tìm kiếm' link in the menu"
    assert box["left"] >= 0 and box["right"] <= box["clientWidth"], f"search link off screen sideways: {box}"
    assert box["top"] >= 0 and box["bottom"] <= box["innerHeight"], f"search link below the first screen: {box}"
    assert box["width"] >= 24 and box["height"] >= 24, f"search link too small to tap: {box}"
    assert box["onTop"], f"something covers the search link: {box}"


def test_search_is_one_tap_away_on_a_phone(driver, site, shots):
    """On a phone the menu is wider than the screen: search stays in view with a shade on its
    left while the other items scroll beside it, focus leaves no item wholly out of view, the
    search link's focus ring shows whole, and one tap on search opens the search page."""
    article = next(p for p in html_files(site) if "/bai-viet/" in p.as_posix())
    driver.get(file_url(article))
    wait_ready(driver)
    set_size(driver, *PHONE)
    assert_search_in_view(driver)
    menu = driver.execute_script(
        """
        const ul = document.querySelector('.site-nav ul'), items = [...ul.querySelectorAll('li')];
        const last = items[items.length - 1];
        const result = {scrolls: ul.scrollWidth > ul.clientWidth, shadow: getComputedStyle(last).boxShadow, hidden: []};
        for (const li of items.slice(0, -1)) {
          li.querySelector('a').focus();  // as a keyboard moves along the menu
          const r = li.getBoundingClientRect(), pin = last.getBoundingClientRect();
          // WCAG 2.4.11: focus may leave an item partly hidden (Chromium scrolls only an item wholly
          // out of view), never wholly: the pin sits outside the part that scrolls, not over it.
          if (Math.min(r.right, pin.left) - Math.max(r.left, 0) < 1) result.hidden.push(li.textContent.trim());
        }
        ul.scrollLeft = 0;
        return result;
        """)
    assert menu["scrolls"], f"the menu fits a phone: nothing to test ({menu})"
    assert menu["shadow"] not in ("", "none"), menu
    assert not menu["hidden"], f"menu items that focus leaves wholly out of view: {menu}"
    driver.execute_script("window.scrollTo({top: 0, left: 0, behavior: 'instant'})")
    link = nav_link(driver, "Tìm kiếm")
    assert_focus_ring_whole(driver, link)
    click(driver, link)
    assert url_to_path(driver.current_url) == site / "tim-kiem" / "index.html"
    check_page(driver, shots, "search-from-phone", h1="Tìm kiếm")


def assert_current_menu_item_in_view(driver, page) -> bool:
    """The menu's marked item (`aria-current`: the page itself, or the section it is in) is on
    screen, uncovered by the search pin. Whether the menu is wider than the screen."""
    box = driver.execute_script(
        """
        const ul = document.querySelector('.site-nav ul'), current = ul.querySelector('[aria-current]');
        if (!current) return null;
        const r = current.getBoundingClientRect(), items = ul.querySelectorAll('li');
        const pin = items[items.length - 1].getBoundingClientRect();
        const inPin = items[items.length - 1].contains(current);
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {text: current.textContent.trim(), left: r.left, right: r.right, pinLeft: pin.left, inPin: inPin,
                onTop: current.contains(hit), scrolls: ul.scrollWidth > ul.clientWidth,
                clientWidth: document.documentElement.clientWidth};
        """)
    assert box, f"{page}: no menu item is marked aria-current"
    limit = box["clientWidth"] if box["inPin"] else box["pinLeft"] + 1
    assert box["left"] >= -1 and box["right"] <= limit, f"{page}: its menu item is out of view: {box}"
    assert box["onTop"], f"{page}: something covers its menu item: {box}"
    return box["scrolls"]


def test_current_menu_item_in_view_on_a_phone(driver, site):
    """On a phone the menu scrolls sideways: the page's own item is on screen as the page
    opens, wherever it sits in the menu (else a reader on `Lưu trữ` sees no item marked), and
    so is the section of a page under one (an article's category): it comes first, over nothing
    (a link it covered in part was a target too small to tap, WCAG 2.5.8); with the keyboard in
    the menu it is back in its place."""
    driver.get(file_url(site / "index.html"))
    wait_ready(driver)
    set_size(driver, *PHONE)
    targets = [url_to_path(a.get_attribute("href")) for a in driver.find_elements(By.CSS_SELECTOR, ".site-nav a")]
    assert len(targets) >= 6, targets
    overflowing = []
    for target in targets:
        driver.get(file_url(target))
        wait_ready(driver)
        overflowing.append(assert_current_menu_item_in_view(driver, target))
    assert any(overflowing), "the menu fits a phone: nothing to test"
    # An article of each menu category, opened from that category's page: the category is marked.
    for category in [t for t in targets if "/chuyen-muc/" in t.as_posix()]:
        driver.get(file_url(category))
        wait_ready(driver)
        label = driver.execute_script("return document.querySelector('.site-nav [aria-current]').textContent.trim()")
        article = url_to_path(driver.find_element(By.CSS_SELECTOR, ".card-title a, .lead-title a").get_attribute("href"))
        driver.get(file_url(article))
        wait_ready(driver)
        marked = driver.execute_script(
            "return [...document.querySelectorAll('.site-nav [aria-current]')].map(a => [a.textContent.trim(), a.getAttribute('aria-current')])")
        assert marked == [[label, "true"]], f"{article}: menu marks {marked}, not its category {label} as the section"
        assert_current_menu_item_in_view(driver, article)
    # Keyboard focus in the menu: the current item goes back to its place, so that Tab moves
    # along the menu in the order it is seen.
    driver.get(file_url(targets[-2]))
    wait_ready(driver)
    orders = driver.execute_script(
        """
        const ul = document.querySelector('.site-nav ul'), item = ul.querySelector('[aria-current]').parentElement;
        const first = () => ul.querySelector('li').getBoundingClientRect().left > item.getBoundingClientRect().left;
        const before = [first(), getComputedStyle(item).order];
        ul.querySelector('a').focus();
        const after = [first(), getComputedStyle(item).order];
        document.activeElement.blur();
        return [before, after];
        """)
    assert orders == [[True, "-1"], [False, "0"]], \
        f"the current item first as the page opens, in its place with focus in the menu: {orders}"


def test_a_menu_link_pressed_on_a_phone_opens_its_page(driver, site):
    """A press on a menu link a phone shows opens its page, on every kind of page. Chromium
    focuses a link as it is pressed: a menu that moved as focus came into it (its page's item
    put back in its place) had the release land on another link, and the click on none."""
    article = next(p for p in html_files(site) if "/bai-viet/" in p.as_posix())
    pages = [article, site / "luu-tru" / "index.html", site / "van-ban" / "index.html", site / "dia-phuong" / "index.html"]
    lost, pressed = [], 0
    for page in pages:
        driver.get(file_url(page))
        wait_ready(driver)
        set_size(driver, *PHONE)
        count = len(driver.find_elements(By.CSS_SELECTOR, ".site-nav a"))
        for k in range(count):
            driver.get(file_url(page))
            wait_ready(driver)
            link = driver.find_elements(By.CSS_SELECTOR, ".site-nav a")[k]
            # Only a link the phone shows whole: the menu scrolls sideways, under the search pin.
            shown = driver.execute_script(
                """
                const a = arguments[0], r = a.getBoundingClientRect(), ul = a.closest('ul').getBoundingClientRect();
                const pinned = a.parentElement === a.closest('ul').lastElementChild;
                return pinned || (r.left >= ul.left - 1 && r.right <= ul.right + 1);
                """, link)
            if not shown:
                continue
            target = url_to_path(link.get_attribute("href"))
            pressed += 1
            ActionChains(driver).move_to_element(link).click().perform()
            try:
                WebDriverWait(driver, 3).until(lambda d: url_to_path(d.current_url) == target)
            except TimeoutException:
                lost.append(f"{page.relative_to(site)}: {link.text!r}")
    assert pressed >= 8, f"only {pressed} menu links shown: nothing to test"
    assert not lost, f"pressed, but their page did not open: {lost}"


def test_every_menu_link_the_keyboard_reaches_is_whole_on_a_phone(driver, site):
    """On a phone the menu scrolls sideways, and Chromium scrolls a focused link into view only
    when none of it shows: a link half under the search pin stayed so. With the keyboard in the
    menu, the menu shows all its links on as many lines as they take, so each link Tab reaches is
    whole on screen and under nothing (WCAG 2.4.11)."""
    driver.get(file_url(site / "chuyen-muc" / "index.html"))
    wait_ready(driver)
    set_size(driver, *PHONE)
    links = driver.find_elements(By.CSS_SELECTOR, ".site-nav a")
    assert driver.execute_script("const ul = document.querySelector('.site-nav ul'); return ul.scrollWidth > ul.clientWidth"), \
        "the menu fits a phone: nothing to test"
    reached = []
    for _ in range(60):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        link = driver.switch_to.active_element
        if link not in links:
            if reached:
                break
            continue
        reached.append(link.text)
        hidden = driver.execute_script(
            """
            const a = arguments[0], r = a.getBoundingClientRect(), y = r.top + r.height / 2;
            return [r.left + 1, r.left + r.width / 2, r.right - 1]
              .filter(x => x < 0 || x > innerWidth || !a.contains(document.elementFromPoint(x, y)));
            """, link)
        assert hidden == [], f"{link.text!r} focused, but not seen whole: at x = {hidden} it is off screen or under something"
    assert len(reached) == len(links), f"Tab reached {reached} of {len(links)} menu links"
    # Once the keyboard leaves the menu, it is one line again.
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.execute_script("const ul = document.querySelector('.site-nav ul'); return ul.scrollWidth > ul.clientWidth")


def assert_focus_ring_whole(driver, link) -> None:
    """Reached with the Tab key, the link shows its focus ring on all four sides: the menu,
    which scrolls sideways on a phone, clips anything drawn outside it."""
    for _ in range(40):
        if driver.switch_to.active_element == link:
            break
        ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.switch_to.active_element == link, "Tab never reached the menu's search link"
    # The link's own screenshot, read back through a canvas: gold pixels along each edge.
    sides = driver.execute_async_script(
        """
        const [png, done] = arguments;
        const image = new Image();
        image.onload = () => {
          const canvas = document.createElement('canvas');
          canvas.width = image.width;
          canvas.height = image.height;
          const context = canvas.getContext('2d');
          context.drawImage(image, 0, 0);
          const data = context.getImageData(0, 0, image.width, image.height).data;
          const gold = (x, y) => { const i = 4 * (y * image.width + x); return data[i] > 200 && data[i + 1] > 150 && data[i + 2] < 90; };
          const share = (points) => points.filter(([x, y]) => gold(x, y)).length / points.length;
          const w = image.width, h = image.height, xs = [...Array(w).keys()], ys = [...Array(h).keys()];
          done({top: share(xs.map(x => [x, 1])), bottom: share(xs.map(x => [x, h - 2])),
                left: share(ys.map(y => [1, y])), right: share(ys.map(y => [w - 2, y])), width: w, height: h});
        };
        image.src = 'data:image/png;base64,' + png;
        """, link.screenshot_as_base64)
    missing = [side for side in ("top", "bottom", "left", "right") if sides[side] < 0.8]
    assert not missing, f"focus ring cut off on the {missing} side(s) of the menu's search link: {sides}"


def test_no_card_links_to_the_page_it_is_on(driver, site):
    """A category's or place's page does not show, on each card, a link back to itself."""
    pages = sorted(site.glob("chuyen-muc/*/index.html")) + sorted(site.glob("dia-phuong/*/index.html"))
    assert pages, "no category or place pages"
    for page in pages:
        driver.get(file_url(page))
        wait_ready(driver)
        itself = driver.execute_script(
            """
            const here = location.href.split('#')[0];
            return [...document.querySelectorAll('.cards a')]
              .filter(a => a.href.split('#')[0] === here && a.getClientRects().length > 0)
              .map(a => a.textContent);
            """)
        assert itself == [], f"{page}: cards link to the page itself: {itself}"


@pytest.mark.parametrize("forced", [False, True], ids=["colours", "forced-colours"])
def test_only_the_marked_menu_item_is_underlined(driver, site, forced):
    """The menu marks its current item with a line under it. In forced colours (Windows high
    contrast) every border is drawn in the system's colour, a transparent one too: only the
    marked item may have one, or each item looks current. All items stay the same height."""
    driver.get(file_url(site / "index.html"))
    wait_ready(driver)
    if forced:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "forced-colors", "value": "active"}]})
    try:
        assert driver.execute_script("return matchMedia('(forced-colors: active)').matches") == forced
        items = driver.execute_script("""
            return [...document.querySelectorAll('.site-nav a')].map(a => {
              const s = getComputedStyle(a);
              return [a.textContent.trim(), a.hasAttribute('aria-current'),
                      s.borderBottomStyle !== 'none' && parseFloat(s.borderBottomWidth) > 0, a.getBoundingClientRect().height];
            });""")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert any(marked for _, marked, _, _ in items), "no menu item is marked on the home page"
    lined = [(label, marked) for label, marked, line, _ in items if line != marked]
    assert not lined, f"underlined or not against their mark: {lined}"
    heights = {round(height, 1) for *_, height in items}
    assert len(heights) == 1, f"menu items of different heights: {items}"
