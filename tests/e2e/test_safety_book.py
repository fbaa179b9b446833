"""Safety in the built book: the quick exit on every page (in Chromium) and the care page's
helplines with their sources."""
import html as html_lib
from urllib.parse import urlparse

import pytest

from support.course_pages import BOOK_PAGES, CHAPTER_PAGES
from widgets import data

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"
# Every page a reader can reach, including the search page and the index.
ALL_PAGES = BOOK_PAGES + CHAPTER_PAGES + ["search", "genindex"]


# -- the care page in the built book -------------------------------------------------------------

def test_the_care_page_lists_every_verified_helpline_with_its_sources(book_build):
    process, html_dir = book_build
    # (Sphinx turns straight apostrophes into typographic ones in the text.)
    page = html_lib.unescape((html_dir / "book" / "care.html").read_text(encoding="utf-8")).replace("’", "'")
    data.load_helplines.cache_clear()
    lines = data.load_helplines()
    for entry in lines["helplines"] + lines["emergency"]:
        number = entry.get("phone", entry.get("number"))
        assert f'href="{data.tel_link(number)}"' in page and f">{number}<" in page, number
        for source in entry["sources"]:
            assert f'href="{source}"' in page, source
        assert f"Checked {entry['checked'].day} {entry['checked']:%B %Y}" in page
    for entry in lines["helplines"]:
        assert entry["service"] in page
    assert "Numbers and hours change" in page
    assert 'id="safety-planning"' in page and 'id="your-journal"' in page


# -- the quick exit, in Chromium ---------------------------------------------------------------

def exit_box(tab) -> dict:
    """Where the exit button is, whether it is the element drawn at its centre, and the viewport."""
    return tab.evaluate("""() => {
        const link = document.querySelector('a[data-course-exit]');
        if (!link) return null;
        const r = link.getBoundingClientRect();
        const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return {x: r.x, y: r.y, w: r.width, h: r.height, text: link.textContent.trim(),
                uncovered: link === top || link.contains(top), vw: innerWidth, vh: innerHeight};
    }""")


def assert_in_view(box, where):
    assert box, f"{where}: no exit button"
    assert box["text"] == "Leave this page", where
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["w"] <= box["vw"] and box["y"] + box["h"] <= box["vh"], \
        f"{where}: exit button outside the screen: {box}"
    assert box["h"] >= 24 and box["w"] >= 44, f"{where}: exit button too small to tap: {box}"
    assert box["uncovered"], f"{where}: something covers the exit button"


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(1280, 720), (360, 640)])
def test_the_exit_is_in_the_first_screen_of_every_page_and_stays_there(chromium, served_book, width, height):
    phone = width < 600
    context = chromium.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
    tab = context.new_page()
    host = urlparse(served_book).netloc
    foreign = []
    tab.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).netloc not in (host, "") and
           urlparse(r.url).scheme in ("http", "https") else None)
    try:
        for page in ALL_PAGES:
            tab.goto(f"{served_book}/{page}.html", wait_until="load")
            assert_in_view(exit_box(tab), f"{page} at {width} px")
            tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            tab.wait_for_timeout(150)
            assert_in_view(exit_box(tab), f"{page} at {width} px, scrolled to the end")
            assert tab.get_attribute("a[data-course-exit]", "href") == NEUTRAL_SITE
            assert tab.get_attribute('meta[name="referrer"]', "content") == "no-referrer"
        assert foreign == [], f"requests to other hosts before the exit was used: {foreign}"
    finally:
        context.close()


def leave(tab, how: str) -> None:
    if how == "button":
        tab.click("a[data-course-exit]")
    elif how == "keyboard":
        tab.focus("a[data-course-exit]")
        tab.keyboard.press("Enter")
    else:  # Shift three times
        for _ in range(3):
            tab.keyboard.press("Shift")


@pytest.mark.browser
@pytest.mark.parametrize("how", ["button", "keyboard", "shift"])
def test_the_exit_leaves_at_once_clears_storage_and_back_does_not_return(chromium, served_book, how):
    context = chromium.new_context()
    tab = context.new_page()
    host = urlparse(served_book).netloc
    requests = []
    tab.on("request", lambda r: requests.append(r.url) if urlparse(r.url).netloc != host else None)
    context.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>Weather</title><p>Sunny spells.</p>"))
    try:
        tab.goto(f"{served_book}/chapters/01_inner_mechanism.html", wait_until="load")
        tab.goto(f"{served_book}/chapters/02_relational_cycle.html", wait_until="load")
        tab.evaluate("localStorage.setItem('sphinx_highlight_terms', 'coercive control');"
                     "localStorage.setItem('mode', 'dark'); sessionStorage.setItem('sidebar-scroll-top', '40')")
        length = tab.evaluate("history.length")
        assert requests == [], f"requests to other hosts before the exit was used: {requests}"
        leave(tab, how)
        tab.wait_for_url(f"{NEUTRAL_SITE}*", timeout=5000)
        assert tab.title() == "Weather"
        assert tab.evaluate("history.length") == length, "the exit added a history entry instead of replacing one"
        tab.go_back(wait_until="load")
        assert tab.url.endswith("/chapters/01_inner_mechanism.html"), f"Back returned to {tab.url}"
        # (The page just loaded may store its theme again; what the reader left behind is gone.)
        assert tab.evaluate("localStorage.getItem('sphinx_highlight_terms')") is None, "the last search was kept"
        assert tab.evaluate("localStorage.getItem('mode')") != "dark", "the book's storage was not cleared"
        assert tab.evaluate("sessionStorage.getItem('sidebar-scroll-top')") != "40"
    finally:
        context.close()


@pytest.mark.browser
def test_shift_while_typing_does_not_leave(chromium, served_book):
    context = chromium.new_context()
    tab = context.new_page()
    try:
        tab.goto(f"{served_book}/search.html", wait_until="load")
        tab.locator("input[name=q] >> visible=true").first.focus()
        # Capital letters are typed with Shift: Shift, Shift+A, Shift is one press, a typed letter
        # and a press, and a typed letter between presses starts the count again.
        tab.keyboard.press("Shift")
        tab.keyboard.press("Shift+KeyA")
        tab.keyboard.press("Shift")
        tab.keyboard.type("b")
        tab.keyboard.press("Shift")
        tab.wait_for_timeout(300)
        assert tab.url.startswith(served_book), f"left the page while typing: {tab.url}"
        status = tab.text_content(".course-exit-status")
        assert "press 2 more times" in status
    finally:
        context.close()
