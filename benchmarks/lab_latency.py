"""What a learner waits for in JupyterLab: from a key press on a slider to the redrawn figure.

Starts a real JupyterLab on 127.0.0.1 (the test suite's set-up), opens a chapter in headless
Chromium, runs all cells, then presses an arrow key on the first slider of each live figure many
times, alternating right and left, and times each press until the figure's data in the page has
changed (the kernel reruns the model, sends the update, plotly.js redraws). Prints the median and
95th percentile per figure and for all presses.

Run: .venv/bin/python benchmarks/lab_latency.py [chapter ...]   (default: chapters 2, 3 and 5)
"""
from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from support.book import CHROMIUM_ARGS, find_chromium  # noqa: E402
from support.course_pages import FIGURE_PAGES  # noqa: E402
from e2e.test_jupyterlab import PLOT_STATE, NOTEBOOK, open_chapter, run_all_cells, running_lab  # noqa: E402

PRESSES = 30
DEFAULT_CHAPTERS = ["chapters/02_relational_cycle", "chapters/03_impact_on_partner",
                    "chapters/05_where_healing_begins"]


def time_presses(tab, plot_index: int) -> list[float]:
    """Milliseconds from each key press on the figure's first slider to its redrawn data."""
    plot_locator = tab.locator(f"{NOTEBOOK} .js-plotly-plot").nth(plot_index)
    plot_locator.scroll_into_view_if_needed()
    plot = plot_locator.element_handle()
    tab.wait_for_function("plot => plot.data && plot.data.length > 0", arg=plot, timeout=60_000)
    box = plot_locator.locator("xpath=ancestor::*[contains(@class, 'widget-vbox')][1]")
    handle = box.locator(".widget-slider .noUi-handle").first
    if handle.count() == 0:
        return []
    times = []
    for n in range(PRESSES):
        key = "ArrowRight" if n % 2 == 0 else "ArrowLeft"
        if handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax"):
            key = "ArrowLeft"
        before = tab.evaluate(PLOT_STATE, plot)
        handle.focus()
        start = tab.evaluate("performance.now()")
        tab.keyboard.press(key)
        tab.wait_for_function(f"([plot, before]) => ({PLOT_STATE})(plot) !== before", arg=[plot, before],
                              timeout=30_000, polling="raf")
        times.append(tab.evaluate("performance.now()") - start)
    return times


def percentile_95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main(chapters: list[str]) -> None:
    everything = []
    with tempfile.TemporaryDirectory() as home, running_lab(Path(home)) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS)
        print(f"{'figure':45s} {'presses':>8s} {'median ms':>10s} {'p95 ms':>8s}")
        for page in chapters:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            open_chapter(tab, base, page)
            run_all_cells(tab)
            expected = len(FIGURE_PAGES.get(page, []))
            tab.wait_for_function(f"() => document.querySelectorAll('{NOTEBOOK} .js-plotly-plot').length >= {expected}",
                                  timeout=120_000)
            for k in range(tab.locator(f"{NOTEBOOK} .js-plotly-plot").count()):
                times = time_presses(tab, k)
                if times:
                    everything += times
                    print(f"{page.split('/')[-1] + f' figure {k + 1}':45s} {len(times):8d} "
                          f"{statistics.median(times):10.0f} {percentile_95(times):8.0f}")
            tab.close()
        browser.close()
    print(f"{'all':45s} {len(everything):8d} {statistics.median(everything):10.0f} {percentile_95(everything):8.0f}")


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT_CHAPTERS)
