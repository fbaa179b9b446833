"""The built book: a clean, warning-free build, and every page checked in headless Chromium."""
from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest

from support.book import build_warnings
from widgets.book import icons as book_icons
from widgets.book.plotly_assets import COMPILE_HINT, PLOTLY_BUNDLES, plotly_bundle
from support.course_pages import BOOK_PAGES, CHAPTER_PAGES, FIGURE_PAGES, ROOT

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
    for name, bundle in PLOTLY_BUNDLES.items():  # each the package's own bytes after the compile hint
        script = (html / "_static" / bundle["script"]).read_bytes()
        assert script.startswith(COMPILE_HINT + b"/**\n* plotly.js (" + name.encode() + b" - minified) v4.1.1")
        assert script[len(COMPILE_HINT):] == plotly_bundle(ROOT / ".cache" / "npm", bundle)["script"]
        assert "MIT" in (html / "_static" / f"{bundle['script']}.LICENSE.txt").read_text(encoding="utf-8")
    for page in BOOK_PAGES + CHAPTER_PAGES:  # nothing a page does not use
        text = (html / f"{page}.html").read_text(encoding="utf-8")
        loaded = [bundle["script"] for bundle in PLOTLY_BUNDLES.values() if bundle["script"] in text]
        expected = [] if page not in FIGURE_PAGES else (
            ["plotly-cartesian.min.js"] if page == "chapters/04_mutual_distortion" else ["plotly-basic.min.js"])
        assert loaded == expected and "plotly.min.js" not in text, (page, loaded)
        assert "fontawesome.js" not in text and "sphinx-thebe.js" not in text and "THEBE_JS_URL" not in text, page
        assert "searchindex.js" not in text, page
    assert "searchindex.js" in (html / "search.html").read_text(encoding="utf-8")
    check_icon_font(html)


def check_icon_font(html):
    """Every icon a page names has its rule in the theme's stylesheet and its glyph in the subset
    font (widgets/book/icons.py); the rules of unused icons are gone."""
    from fontTools.ttLib import TTFont

    glyphs = set(TTFont(html / "_static" / book_icons.SUBSET_NAME).getBestCmap())
    css = (html / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    named = set()
    for page in BOOK_PAGES + CHAPTER_PAGES:
        named |= set(book_icons.ICON_CLASS.findall((html / f"{page}.html").read_text(encoding="utf-8")))
    rule_of = lambda name: re.search(rf"\.fa-{name}:{{1,2}}before[^{{}}]*\{{content:\"(?:\\([0-9a-f]+)|(.))\"", css)
    shown = {name for name in named if rule_of(name)}
    assert {"sun", "moon", "bars", "magnifying-glass"} <= shown
    for name in shown:
        rule = rule_of(name)
        point = int(rule.group(1), 16) if rule.group(1) else ord(rule.group(2))
        assert point in glyphs, f"fa-{name}: no glyph {point:x} in the subset font"
    assert ".fa-sun-plant-wilt:before" not in css and len(glyphs) < 60


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
    3. the self-check gives feedback by keyboard alone, and every prediction keeps its answer
       hidden until an option is chosen (by keyboard);
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
        if page in CHAPTER_PAGES:
            check_predictions_by_keyboard(tab)
        switch_to_dark(tab)
        assert tab.evaluate(FIGURE_TEXT_CONTRAST) == [], "figure text too faint in dark mode"
        serious = axe_violations(tab, ["color-contrast"])
        assert not serious, "dark mode:\n" + "\n".join(serious)
        assert problems == clean
    finally:
        tab.context.close()


def figure_state(tab):
    return tab.evaluate("""() => Array.from(document.querySelectorAll('.course-figure .js-plotly-plot')).map(
        el => JSON.stringify([el.data.map(t => [t.x, t.y, t.z, t.text, t.marker && t.marker.opacity]),
                              el.layout.xaxis && el.layout.xaxis.title, el.layout.yaxis && el.layout.yaxis.title,
                              el.closest('.course-figure').querySelector('.course-figure-title').textContent]))""")


def changed(tab, i, before, what):
    """Wait until figure ``i`` differs from ``before`` (course.js redraws asynchronously)."""
    for _ in range(40):
        if figure_state(tab)[i] != before:
            return
        tab.wait_for_timeout(100)
    raise AssertionError(f"figure {i}: {what} did not change it")


CONTROL_SELECTORS = {"slider": "input[type=range]", "buttons": "fieldset.course-control-choice",
                     "dropdown": "select"}


def check_figures_and_controls(tab, figures):
    """Every figure drawn; each of its native controls (FIGURE_PAGES) changes it, by pointer and by
    keyboard alone, and says what it is to a screen reader."""
    boxes = tab.locator(".course-figure")
    assert boxes.count() == len(figures)
    for i, kinds in enumerate(figures):
        box = boxes.nth(i)
        box.scroll_into_view_if_needed()
        plot = box.locator(".js-plotly-plot")
        assert plot.locator(DRAWN_MARKS).count() > 0, f"figure {i} has no data drawn"
        controls = box.locator(".course-control")
        assert controls.count() == len(kinds), f"figure {i}: {controls.count()} controls, expected {len(kinds)}"
        for k, kind in enumerate(kinds):
            control = controls.nth(k)
            assert control.locator(CONTROL_SELECTORS[kind]).count() == 1 or kind == "buttons", \
                f"figure {i} control {k} is not a {kind}"
            check_one_control(tab, i, control, kind)


def check_one_control(tab, i, control, kind):
    if kind == "slider":
        slider = control.locator("input[type=range]")
        label = control.locator("label").inner_text()
        assert label and tab.evaluate("el => el.labels.length", slider.element_handle()) == 1
        before = figure_state(tab)[i]
        # By pointer: a click at the far end (the left end if the slider starts at its maximum).
        at_max = slider.input_value() == slider.get_attribute("max")
        far, near = ("min", "max") if at_max else ("max", "min")
        box = slider.bounding_box()
        tab.mouse.click(box["x"] + (3 if at_max else box["width"] - 3), box["y"] + box["height"] / 2)
        assert slider.input_value() == slider.get_attribute(far), f"figure {i}: a click did not move {label}"
        changed(tab, i, before, f"the slider '{label}' (pointer)")
        shown = control.locator("output").inner_text()
        assert shown and slider.get_attribute("aria-valuetext") == shown
        before = figure_state(tab)[i]
        slider.focus()  # by keyboard: Home or End, back to the other end
        tab.keyboard.press("End" if at_max else "Home")
        changed(tab, i, before, f"the slider '{label}' ({'End' if at_max else 'Home'} key)")
        assert slider.input_value() == slider.get_attribute(near)
    elif kind == "buttons":
        radios = control.locator("input[type=radio]")
        assert radios.count() > 1 and control.locator("legend").inner_text()
        before = figure_state(tab)[i]
        control.locator("label").nth(radios.count() - 1).click()  # by pointer: the last choice
        changed(tab, i, before, "the last button")
        before = figure_state(tab)[i]
        radios.nth(radios.count() - 1).focus()  # by keyboard: the arrow key moves the choice
        tab.keyboard.press("ArrowLeft")
        changed(tab, i, before, "a button chosen by the arrow key")
        assert radios.nth(radios.count() - 2).is_checked()
    else:
        select = control.locator("select")
        assert tab.evaluate("el => el.labels.length", select.element_handle()) == 1
        before = figure_state(tab)[i]
        select.select_option(index=2)  # by pointer
        changed(tab, i, before, "the drop-down list")
        before = figure_state(tab)[i]
        select.focus()  # by keyboard
        tab.keyboard.press("ArrowUp")
        changed(tab, i, before, "the drop-down list (arrow key)")


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


def check_predictions_by_keyboard(tab):
    """Every prediction hides its answer until the reader commits to an option (keyboard alone)."""
    predictions = tab.locator(".course-predict")
    assert predictions.count() >= 1, "no prediction on the page"
    for k in range(predictions.count()):
        prediction = predictions.nth(k)
        reveal = prediction.locator(".course-predict-reveal")
        assert not reveal.is_visible(), f"prediction {k + 1} shows its answer before a choice"
        prediction.locator("input[type=radio]").first.focus()
        tab.keyboard.press("Space")
        assert reveal.is_visible(), f"prediction {k + 1} does not reveal its answer after a choice"


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


# Contrast of every text plotly draws against the page behind it. Heatmap cell labels are left out (plotly picks their colour against each cell).
FIGURE_TEXT_CONTRAST = """() => {
    const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const page = getComputedStyle(document.body).backgroundColor;
    const low = [];
    document.querySelectorAll('.course-figure .main-svg text').forEach(text => {
        if (!text.textContent.trim() || text.closest('.heatmaplayer')) return;
        const r = ratio(getComputedStyle(text).fill, page);
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
        tab.wait_for_function("""() => [...document.querySelectorAll('.course-figure .course-plot')]
                                 .every(p => p.dataset.courseTheme === 'dark')""")
        plots = tab.locator(".course-figure .js-plotly-plot")
        assert plots.count() == len(FIGURE_PAGES["chapters/04_mutual_distortion"])
        for k in range(plots.count()):
            assert plots.nth(k).get_attribute("data-course-theme") == "dark", f"figure {k} is not dark"
            assert tab.evaluate("p => p._fullLayout.font.color", plots.nth(k).element_handle()) == "#e6e6e6"
        assert tab.evaluate(FIGURE_TEXT_CONTRAST) == []
        assert problems == {"pageerror": [], "console": [], "foreign": [], "failed": []}
    finally:
        tab.context.close()


PHONE_WIDTHS = (360, 414)


# Everything the phone budget asks of each figure, measured in the page (CSS pixels).
PHONE_FIGURE_PROBLEMS = """box => {
    const problems = [], width = innerWidth, plot = box.querySelector('.js-plotly-plot');
    const inside = r => r.left >= -0.5 && r.right <= width + 0.5;
    const name = (box.querySelector('.course-figure-title').textContent || '').slice(0, 40);
    if (!inside(box.getBoundingClientRect())) problems.push('the figure is wider than the screen');
    const full = plot._fullLayout;
    if (full.width > box.clientWidth + 1) problems.push(`plot ${full.width} px in a ${box.clientWidth} px box`);
    if (full._size.w < 0.45 * full.width) problems.push(`plot area ${Math.round(full._size.w)} of ${full.width} px`);
    const title = box.querySelector('.course-figure-title');
    title.scrollIntoView({block: 'center'});  // below the page's sticky header
    const t = title.getBoundingClientRect();
    if (!title.textContent.trim()) problems.push('no title');
    if (title.scrollWidth > title.clientWidth + 1 || !inside(t)) problems.push('the title is cut off');
    for (const [fx, fy] of [[0.05, 0.5], [0.5, 0.5], [0.95, 0.5]]) {
        const hit = document.elementFromPoint(t.left + fx * t.width, t.top + fy * t.height);
        if (hit && !title.contains(hit)) problems.push(`the title is covered by ${hit.className || hit.tagName}`);
    }
    box.querySelectorAll('.course-control input[type=range], .course-control select, .course-control-choice span')
        .forEach(el => {
            const r = el.getBoundingClientRect();
            if (!inside(r)) problems.push(`a control is off screen: ${el.textContent || el.name}`);
            if (r.width < 24 || r.height < 24) problems.push(`a control is ${Math.round(r.width)}x${Math.round(r.height)} px`);
        });
    box.querySelectorAll('svg text, .course-figure-title, .course-controls *, .course-figure-caption').forEach(el => {
        if (!el.textContent.trim()) return;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < 9) problems.push(`text at ${size} px: ${el.textContent.slice(0, 30)}`);
    });
    return problems.map(p => `${name}: ${p}`);
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", PHONE_WIDTHS)
@pytest.mark.parametrize("page", list(FIGURE_PAGES))
def test_figures_on_a_phone(chromium, served_book, page, width):
    """At phone width (touch, device pixel ratio 2) every figure fits, keeps a plot area of at least
    45% of its width, shows its whole title uncovered, has every control on screen with targets of
    24 px or more and no text under 9 px, and the page does not scroll sideways. Turned to
    landscape, every figure is redrawn at its new width."""
    context = chromium.new_context(viewport={"width": width, "height": 800}, device_scale_factor=2,
                                   is_mobile=True, has_touch=True)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto(f"{served_book}/{page}.html", wait_until="load")
        boxes = tab.locator(".course-figure")
        assert boxes.count() == len(FIGURE_PAGES[page])
        problems = []
        for i in range(boxes.count()):
            boxes.nth(i).scroll_into_view_if_needed()
            tab.wait_for_function("box => box.querySelector('.js-plotly-plot') !== null",
                                  arg=boxes.nth(i).element_handle())
            problems += tab.evaluate(PHONE_FIGURE_PROBLEMS, boxes.nth(i).element_handle())
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
        assert not problems, "\n".join(problems)
        tab.set_viewport_size({"width": 800, "height": width})  # turned to landscape
        tab.wait_for_function("""() => [...document.querySelectorAll('.course-figure')].every(box =>
            Math.abs(box.querySelector('.js-plotly-plot')._fullLayout.width - box.clientWidth) <= 1)""")
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_a_trace_hidden_from_the_legend_stays_hidden_when_a_control_moves(chromium, served_book):
    """Chapter 0's text says a kind of idea can be hidden by clicking it in the legend: choosing
    another chapter redraws the map and must keep it hidden."""
    tab, problems = open_page(chromium, served_book, "chapters/00_introduction")
    try:
        box = tab.locator(".course-figure").first
        box.scroll_into_view_if_needed()
        plot = box.locator(".js-plotly-plot").element_handle()
        visible = lambda: tab.evaluate("el => el.data.map(d => d.visible || true)", plot)
        box.locator(".legendtoggle").first.click()
        tab.wait_for_function("el => el.data.some(d => d.visible === 'legendonly')", arg=plot, timeout=5000)
        hidden = visible()
        before = figure_state(tab)[0]
        box.locator("select").select_option(index=3)
        changed(tab, 0, before, "the chapter list")
        assert visible() == hidden
        assert problems["pageerror"] == []
    finally:
        tab.context.close()
