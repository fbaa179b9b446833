"""The built book: a clean, warning-free build, and every page checked in headless Chromium."""
from __future__ import annotations

import json
from urllib.parse import urlparse

import pytest

from conftest import build_warnings
from course_pages import BOOK_PAGES, CHAPTER_PAGES, FIGURE_PAGES

QUIZ_PAGES = list(FIGURE_PAGES)  # every written chapter has figures and a self-check
DRAWN_MARKS = ".point, path.js-line, .hm image"  # what plotly draws for scatter, line and heatmap data
PAGE_BUDGET_BYTES = 300_000


def test_book_builds_without_warnings(book_build):
    process, html = book_build
    log = process.stdout + process.stderr
    assert process.returncode == 0, log[-5000:]
    warnings = build_warnings(log)
    assert not warnings, "\n---\n".join(warnings)
    for page in BOOK_PAGES + CHAPTER_PAGES:
        assert (html / f"{page}.html").is_file(), page
    assert (html / "_static" / "plotly.min.js").is_file()


def test_build_warnings_skip_only_the_kernel_teardown_race():
    race = ("ERROR:tornado.general:Uncaught exception in ZMQStream callback\nTraceback (most recent call last):\n"
            '  File "zmqstream.py", line 1, in _run_callback\n    f = callback()\n'
            "zmq.error.ZMQError: Socket operation on non-socket")
    other_error = race.replace("Socket operation on non-socket", "Too many open files")
    notice = "[IPKernelApp] WARNING | Kernel is running over TCP"
    sphinx = "/book/chapters/x.ipynb:3: WARNING: undefined label: 'y'"
    assert build_warnings("\n".join(["building...", race, notice, "done"])) == []
    assert build_warnings(other_error)[0].startswith("ERROR:tornado.general")
    assert [w.splitlines()[0] for w in build_warnings("\n".join([race, sphinx]))] == [sphinx]


@pytest.mark.parametrize("page", list(FIGURE_PAGES))
def test_chapter_pages_stay_within_the_weight_budget(book_build, page):
    _, html = book_build
    size = (html / f"{page}.html").stat().st_size
    assert size <= PAGE_BUDGET_BYTES, f"{page}.html is {size} bytes"
    assert "widget-view+json" not in (html / f"{page}.html").read_text()


def open_page(browser, base, page, theme: str | None = None):
    """Open ``page``; return it with the page errors, console errors, failed and foreign requests.

    ``theme`` "dark" or "light" opens it as a reader who chose that mode (the theme keeps the
    choice in localStorage) on a system that prefers it.
    """
    context = browser.new_context(color_scheme=theme or "light")
    if theme:
        context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    tab = context.new_page()
    problems = {"pageerror": [], "console": [], "foreign": [], "failed": []}
    host = urlparse(base).netloc

    def record_foreign(request):  # recorded, not intercepted: interception slows every request
        if urlparse(request.url).scheme in ("http", "https", "ws", "wss") and urlparse(request.url).netloc != host:
            problems["foreign"].append(request.url)

    tab.on("request", record_foreign)
    tab.on("pageerror", lambda error: problems["pageerror"].append(str(error)))
    tab.on("console", lambda msg: problems["console"].append(msg.text) if msg.type in ("error", "warning") else None)
    tab.on("response", lambda r: problems["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    tab.goto(f"{base}/{page}.html", wait_until="load")
    tab.wait_for_timeout(300)
    return tab, problems


@pytest.mark.browser
@pytest.mark.parametrize("page", BOOK_PAGES + CHAPTER_PAGES)
def test_page_in_the_browser(chromium, served_book, page):
    """Everything a reader meets on one page, in one visit (each visit costs seconds here):

    1. it loads cleanly: no page or console error, no failed or foreign request, no widget
       placeholder; axe-core finds no serious or critical violation;
    2. every figure is drawn and every static slider, button or dropdown changes it, by mouse
       and by keyboard alone;
    3. the self-check gives feedback by keyboard alone;
    4. after switching the theme to dark with its button, the figures follow, every figure text
       reads at 4.5:1 or more, and axe-core's colour-contrast rule is clean;
    and no error appeared along the way.
    """
    tab, problems = open_page(chromium, served_book, page)
    clean = {"pageerror": [], "console": [], "foreign": [], "failed": []}
    try:
        assert problems == clean
        assert tab.locator("article h1").count() == 1
        assert tab.locator(".jupyter-widgets, .widget-placeholder").count() == 0
        serious = axe_violations(tab)
        assert not serious, "\n".join(serious)
        if page in FIGURE_PAGES:
            check_figures_and_controls(tab, FIGURE_PAGES[page])
        if page in QUIZ_PAGES:
            check_self_check_by_keyboard(tab)
        switch_to_dark(tab)
        assert tab.evaluate(FIGURE_TEXT_CONTRAST) == [], "figure text too faint in dark mode"
        serious = axe_violations(tab, ["color-contrast"])
        assert not serious, "dark mode:\n" + "\n".join(serious)
        assert problems == clean
    finally:
        tab.context.close()


def figure_state(tab):
    return tab.evaluate("""() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(
        el => JSON.stringify(el.data.map(t => [t.x, t.y, t.text, t.marker && t.marker.opacity])))""")


def check_figures_and_controls(tab, controls):
    """Every figure drawn; each one's static controls (FIGURE_PAGES) change it."""
    plots = tab.locator(".js-plotly-plot")
    assert plots.count() == len(controls)
    for i in range(plots.count()):
        assert plots.nth(i).locator(DRAWN_MARKS).count() > 0, f"figure {i} has no data drawn"
        assert plots.nth(i).locator("svg.main-svg").count() >= 1
    for i, control in enumerate(controls):
        plot = plots.nth(i)
        plot.scroll_into_view_if_needed()
        before = figure_state(tab)[i]
        if control is None:
            assert plot.locator(".slider-tick-rect, .updatemenu-button, .updatemenu-header").count() == 0
            continue
        if control in ("slider", "sliders"):
            groups = plot.locator(".slider-group")
            assert groups.count() == 1 or control == "sliders", f"figure {i}: expected one slider"
            for g in range(groups.count()):  # every slider of the figure must change it
                state = figure_state(tab)[i]
                rail = groups.nth(g).locator(".slider-rail-rect").first.bounding_box()
                ticks = groups.nth(g).locator(".slider-tick-rect")
                tick = ticks.nth(ticks.count() - 1).bounding_box()
                tab.mouse.click(tick["x"] + tick["width"] / 2, rail["y"] + rail["height"] / 2)
                tab.wait_for_timeout(400)
                assert figure_state(tab)[i] != state, f"figure {i}: slider {g} did not change it"
        else:
            if control == "dropdown":
                plot.locator(".updatemenu-header").first.click()
                tab.wait_for_timeout(200)
                items = plot.locator(".updatemenu-dropdown-button")
                assert items.count() > 1, f"figure {i}: the dropdown opened no list"
                items.nth(1).click()  # the first entry is the default; long lists scroll
            else:
                buttons = plot.locator(".updatemenu-button")
                assert buttons.count() > 1, f"figure {i} has no buttons to choose from"
                buttons.nth(buttons.count() - 1).click()
        tab.wait_for_timeout(400)
        assert figure_state(tab)[i] != before, f"figure {i} did not change when its {control} was used"
        check_controls_by_keyboard(tab, plot, i)


def check_controls_by_keyboard(tab, plot, i):
    """course.js makes plotly's SVG sliders focusable ARIA sliders and its buttons focusable
    buttons: each one, operated by keyboard alone, must change the figure."""
    for group in plot.locator(".slider-group").all():
        assert group.get_attribute("role") == "slider" and group.get_attribute("aria-label"), \
            f"figure {i}: a slider has no keyboard role or name"
        group.focus()
        tab.keyboard.press("Home")
        tab.wait_for_timeout(300)
        at_first = figure_state(tab)[i]
        tab.keyboard.press("End")
        tab.wait_for_timeout(300)
        focused = tab.evaluate("() => [document.activeElement.getAttribute('role'), document.activeElement.getAttribute('aria-valuenow')]")
        assert focused == ["slider", group.get_attribute("aria-valuemax")], f"figure {i}: focus or value lost: {focused}"
        assert figure_state(tab)[i] != at_first, f"figure {i}: the slider's first and last positions (Home, End) look the same"
    buttons = plot.locator(".updatemenu-button")
    if buttons.count() > 1:
        state = figure_state(tab)[i]
        first = buttons.first
        assert first.get_attribute("role") == "button" and first.get_attribute("aria-label")
        first.focus()
        tab.keyboard.press("Enter")
        tab.wait_for_timeout(400)
        assert figure_state(tab)[i] != state, f"figure {i}: Enter on a button did not change it"


def check_self_check_by_keyboard(tab):
    """The first self-check question: no feedback at first, then the chosen option's, by keyboard."""
    first = tab.locator(".course-quiz-question").first
    feedback = first.locator(".course-quiz-feedback")
    assert all(not feedback.nth(k).is_visible() for k in range(feedback.count()))
    first.locator("input[type=radio]").first.focus()
    tab.keyboard.press("Space")
    assert feedback.first.is_visible()
    tab.keyboard.press("ArrowDown")
    assert feedback.nth(1).is_visible() and not feedback.first.is_visible()


def axe_violations(tab, rules: list[str] | None = None) -> list[str]:
    """Run axe-core (shipped by axe-playwright-python, injected: nothing is fetched) on the page;
    return its serious and critical violations, optionally for the given rules only."""
    from pathlib import Path

    import axe_playwright_python

    tab.evaluate((Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8"))
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    results = tab.evaluate("options => axe.run(document, options)", options)
    return [f"{v['id']} ({v['impact']}): {len(v['nodes'])}× e.g. {v['nodes'][0]['target']}"
            for v in results["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.browser
@pytest.mark.parametrize("query, page", [("gaslighting", "chapters/03_impact_on_partner"),
                                         ("Self-Aggrandizer", "chapters/04_mutual_distortion"),
                                         ("mentalizing", "chapters/05_where_healing_begins"),
                                         ("differentiation", "chapters/07_ethics_of_maturity")])
def test_search_finds_chapter_content(chromium, served_book, query, page):
    tab, problems = open_page(chromium, served_book, "search")
    try:
        tab.goto(f"{served_book}/search.html?q={query}", wait_until="load")
        tab.wait_for_selector("#search-results a", timeout=15000)
        links = tab.eval_on_selector_all("#search-results a", "els => els.map(e => e.getAttribute('href'))")
        assert any(link.split("#")[0].split("?")[0] == f"{page}.html" for link in links), links[:10]
        assert problems["pageerror"] == [] and problems["foreign"] == []
    finally:
        tab.context.close()


# Contrast of every text plotly draws against what is behind it: the page, or for a button its own
# fill. Heatmap cell labels are left out (plotly picks their colour against each cell).
FIGURE_TEXT_CONTRAST = """() => {
    const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const page = getComputedStyle(document.body).backgroundColor;
    const low = [];
    document.querySelectorAll('.course-figure .main-svg text').forEach(text => {
        if (!text.textContent.trim() || text.closest('.heatmaplayer')) return;
        const button = text.closest('.updatemenu-button');
        const behind = button ? getComputedStyle(button.querySelector('rect')).fill : page;
        const r = ratio(getComputedStyle(text).fill, behind);
        if (r < 4.5) low.push(`${text.textContent.trim().slice(0, 30)}: ${r.toFixed(2)}`);
    });
    return low;
}"""


def switch_to_dark(tab):
    """Switch the theme to dark with its own button, as a reader does; wait for the figures."""
    for _ in range(3):
        if tab.evaluate("document.documentElement.dataset.theme") == "dark":
            break
        tab.locator(".theme-switch-button").first.click()
    assert tab.evaluate("document.documentElement.dataset.theme") == "dark"
    tab.wait_for_function("""() => [...document.querySelectorAll('.course-figure .js-plotly-plot')]
                             .every(p => p.dataset.courseTheme === 'dark')""")
    # The theme fades some colours (CSS transitions): judge contrast only once they have settled.
    tab.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


@pytest.mark.browser
def test_a_reader_who_chose_dark_mode_gets_dark_figures(chromium, served_book):
    """Opening a page with dark mode already chosen: the figures start dark (no switch needed)."""
    tab, problems = open_page(chromium, served_book, "chapters/04_mutual_distortion", theme="dark")
    try:
        assert tab.evaluate("document.documentElement.dataset.theme") == "dark"
        plots = tab.locator(".course-figure .js-plotly-plot")
        assert plots.count() == len(FIGURE_PAGES["chapters/04_mutual_distortion"])
        for k in range(plots.count()):
            assert plots.nth(k).get_attribute("data-course-theme") == "dark", f"figure {k} is not dark"
            assert tab.evaluate("p => p._fullLayout.font.color", plots.nth(k).element_handle()) == "#e6e6e6"
        assert tab.evaluate(FIGURE_TEXT_CONTRAST) == []
        assert problems == {"pageerror": [], "console": [], "foreign": [], "failed": []}
    finally:
        tab.context.close()
