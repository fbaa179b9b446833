"""The chapters in the reader's browser (JupyterLite inside the built book: widgets/book/lite.py).

From the book served on 127.0.0.1, headless Chromium follows the "Run this chapter in your browser"
link of chapters 2, 4 and 8, runs every cell, checks that nothing failed, that the live figures are
drawn and that a slider moved by keyboard changes its figure. Any request to another host fails
the test (it is also refused, so a site that needed the network would not work here either). In
the browser the course must compute what it computes on the desktop, and the journal must survive
a reload of the page.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError, TimeoutError as PlaywrightTimeout

from support.course_pages import CHAPTER_PAGES, FIGURE_PAGES
from e2e.test_jupyterlab import NOTEBOOK, press_control, run_all_cells
from widgets.book.editions import INSTRUCTOR_ADMONITION

# Every figure the course draws, at every combination of its book controls: one digest.
FINGERPRINT = ("import hashlib, json; from widgets.catalog import VIEWS; from widgets.static_figure import book_spec; "
               "print('RESULT', hashlib.sha256(json.dumps([book_spec(VIEWS[k]()) for k in sorted(VIEWS)], "
               "sort_keys=True).encode()).hexdigest())")
SAVE = ("from widgets import journal; journal.Journal().save_answer('ch02', 'browser-test', 'kept'); "
        "print('RESULT', journal.journal_dir())")
READ = "from widgets import journal; print('RESULT', journal.Journal().answer('ch02', 'browser-test'))"


def fingerprint() -> str:
    namespace: dict = {}
    exec(FINGERPRINT.replace("print('RESULT', ", "result = ("), namespace)  # the same code here
    return namespace["result"]


@pytest.fixture
def browser_tab(chromium):
    """A tab whose requests to any host but 127.0.0.1 are refused and recorded."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    foreign = []

    def only_this_machine(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", only_this_machine)
    tab = context.new_page()
    tab.course_foreign = foreign
    tab.course_errors = []
    tab.on("pageerror", lambda error: tab.course_errors.append(f"{error}\n{(error.stack or '')[:3000]}"))
    yield tab
    context.close()
    assert not foreign, f"requests to other hosts: {foreign[:5]}"


def open_in_browser_python(tab, served_book: str, page: str) -> None:
    """Open ``page`` of the book, follow its run link to the chapter's notebook and wait until its
    kernel is ready (the toolbar's kernel status turns to "success")."""
    tab.goto(f"{served_book}/{page}.html")
    link = tab.locator("a.course-run-lite-link")
    assert link.count() == 1, f"{page}: no 'Run this chapter in your browser' link"
    link.click()
    tab.wait_for_selector(f"{NOTEBOOK} .jp-Cell", timeout=120_000)
    tab.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-KernelStatus-success", timeout=180_000)


def run_typed_cell(tab, code: str) -> str:
    """Type ``code`` into a new cell below the first one, run it, return its output after RESULT."""
    first = tab.locator(f"{NOTEBOOK} .jp-Cell .jp-InputPrompt").first
    for _attempt in range(3):  # JupyterLab may draw the notebook again just after it opened
        try:
            first.click(timeout=30_000)
            break
        except PlaywrightError:
            tab.wait_for_timeout(1000)
    else:
        pytest.fail("the notebook's first cell could not be selected")
    tab.keyboard.press("Escape")
    tab.keyboard.press("b")
    tab.keyboard.press("Enter")
    tab.wait_for_timeout(300)
    tab.keyboard.type(code)
    tab.keyboard.press("Shift+Enter")
    output = tab.locator(f"{NOTEBOOK} .jp-OutputArea-output", has_text="RESULT").first
    try:
        output.wait_for(timeout=180_000)
    except PlaywrightTimeout:
        errors = tab.locator(f"{NOTEBOOK} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
        pytest.fail(f"the typed cell gave no result; errors: {errors.all_inner_texts()[:2]}")
    text = output.inner_text().split("RESULT", 1)[1].strip()
    output.evaluate("element => { element.textContent = ''; }")  # the next typed cell's RESULT is found alone
    return text


def test_every_chapter_page_links_to_its_notebook_in_the_site(book_build):
    _, html = book_build
    for page in CHAPTER_PAGES:
        body = (html / f"{page}.html").read_text(encoding="utf-8")
        links = re.findall(r'class="course-run-lite-link" href="([^"]+)"', body)
        assert links == [f"../lite/notebooks/index.html?path={page}.ipynb"], page
        notebook = json.loads((html / "lite" / "files" / f"{page}.ipynb").read_text(encoding="utf-8"))
        text = "".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
        assert not INSTRUCTOR_ADMONITION.search(text), f"{page}: the in-browser notebook has instructor material"
    config = json.loads((html / "lite" / "jupyter-lite.json").read_text(encoding="utf-8"))["jupyter-config-data"]
    kernel = config["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True and kernel["pyodideUrl"].startswith("./static/pyodide/")
    assert "hall-of-mirrors-lab" in {e["name"] for e in config["federated_extensions"]}


@pytest.mark.browser
@pytest.mark.parametrize("page", ["chapters/02_relational_cycle", "chapters/04_mutual_distortion",
                                  "chapters/08_summary"])
def test_chapter_runs_in_the_readers_browser(served_book, browser_tab, page):
    tab = browser_tab
    open_in_browser_python(tab, served_book, page)
    assert tab.locator("a[data-course-exit]").is_visible(), "no quick exit on the in-browser page"
    run_all_cells(tab)
    tab.wait_for_timeout(1000)
    errors = tab.locator(f"{NOTEBOOK} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error'], "
                         f"{NOTEBOOK} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, f"{page}: error output:\n" + "\n---\n".join(errors.all_inner_texts())[:3000]
    text = tab.locator(NOTEBOOK).inner_text()
    for placeholder in ("Error displaying widget", "Failed to load model class", "Unknown Directive"):
        assert placeholder not in text, f"{page}: {placeholder!r}"
    assert tab.locator(f"{NOTEBOOK} .jp-MarkdownCell .myst-admonition").count() > 0, f"{page}: MyST is not rendered"
    expected = len(FIGURE_PAGES.get(page, []))
    tab.wait_for_function(f"() => document.querySelectorAll('{NOTEBOOK} .js-plotly-plot').length >= {expected}",
                          timeout=120_000)
    plots = tab.locator(f"{NOTEBOOK} .js-plotly-plot")
    moved = False
    for k in range(plots.count()):
        # JupyterLab does not lay out cells out of view: bring the figure's cell into view first.
        plots.nth(k).locator("xpath=ancestor::*[contains(@class, 'jp-Cell ')][1]").scroll_into_view_if_needed()
        box = plots.nth(k).locator("xpath=ancestor::*[contains(@class, 'widget-vbox')][1]")
        slider = box.locator(".widget-slider .noUi-handle").first
        if slider.count():
            plot = plots.nth(k).element_handle()
            tab.wait_for_function("plot => plot.data && plot.data.length > 0", arg=plot, timeout=60_000)
            at_end = slider.get_attribute("aria-valuenow") == slider.get_attribute("aria-valuemax")
            press_control(tab, slider, "ArrowLeft" if at_end else "ArrowRight", plot)
            moved = True
            break
    assert moved, f"{page}: no slider moved a figure"
    assert not tab.course_errors, tab.course_errors


@pytest.mark.browser
def test_the_browser_computes_what_the_desktop_computes(served_book, browser_tab):
    """Python 3.12, numpy 2.0 and 32-bit default integers in the browser: every figure of the
    course, at every combination of its controls, must come out the same as here."""
    open_in_browser_python(browser_tab, served_book, "chapters/02_relational_cycle")
    assert run_typed_cell(browser_tab, FINGERPRINT) == fingerprint()


@pytest.mark.browser
def test_the_journal_survives_a_reload_in_the_browser(served_book, browser_tab):
    """What the journal keeps in the browser is in the site's storage, not in memory."""
    open_in_browser_python(browser_tab, served_book, "chapters/02_relational_cycle")
    assert run_typed_cell(browser_tab, SAVE).startswith("/drive/")
    open_in_browser_python(browser_tab, served_book, "chapters/02_relational_cycle")
    assert run_typed_cell(browser_tab, READ) == "kept"
