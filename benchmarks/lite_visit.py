"""What running a chapter in the browser costs a reader: download and time, first and second visit.

Serves a built book on 127.0.0.1, opens a chapter's in-browser site in headless Chromium with an
empty cache, and measures the time until the kernel is ready and until Run All has drawn every
live figure, and the files the server sent (this test server does not compress, so the gzip size
a web host would send is estimated from the same files). Then the
same browser opens the chapter again (second visit: what the browser kept is reused; the files
the server still had to send, status 200, are counted; a revalidated copy, 304, is not).

Run: .venv/bin/python benchmarks/lite_visit.py [HTML folder]   (default: _build/html)
"""
from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from support.book import CHROMIUM_ARGS, find_chromium  # noqa: E402
from support.course_pages import FIGURE_PAGES  # noqa: E402
from widgets.book.local_site import serving  # noqa: E402
from e2e.test_jupyterlab import NOTEBOOK, run_all_cells  # noqa: E402

CHAPTER = "chapters/02_relational_cycle"
# JupyterLab's status bar names the kernel and its state (the Notebook interface has no status bar).
KERNEL_IDLE = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
    .some(e => /Pyodide.*\\| Idle$/.test(e.textContent.trim()))"""


def visit(tab, base: str, html: Path) -> dict:
    """Open the chapter, wait for the kernel, Run All, wait for the figures; what it cost."""
    fetched = []  # what the server sent (status 200), from the page and its kernel's worker
    tab.context.on("response", lambda response: fetched.append(response.url) if response.status == 200 else None)
    start = time.perf_counter()
    tab.goto(f"{base}/lite/lab/index.html?path={CHAPTER}.ipynb")
    tab.wait_for_function(KERNEL_IDLE, timeout=300_000)
    kernel = time.perf_counter() - start
    run_all_cells(tab)
    figures = len(FIGURE_PAGES.get(CHAPTER, []))
    tab.wait_for_function(f"() => [...document.querySelectorAll('{NOTEBOOK} .js-plotly-plot')]"
                          f".filter(p => p.data && p.data.length).length >= {figures}", timeout=300_000)
    drawn = time.perf_counter() - start
    sent = gzipped = 0
    for url in set(fetched):
        path = html / unquote(urlparse(url).path).lstrip("/")
        if path.is_file():
            data = path.read_bytes()
            sent += len(data)
            gzipped += len(gzip.compress(data, compresslevel=6))
    return {"kernel_s": kernel, "figures_s": drawn, "sent_MB": sent / 1e6, "gzip_MB": gzipped / 1e6,
            "files": len(set(fetched))}


def main(html: Path) -> None:
    with serving(html) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        print(f"{'visit':8s} {'kernel ready s':>15s} {'figures drawn s':>16s} {'files sent':>11s} "
              f"{'MB sent':>8s} {'MB as gzip':>11s}")
        for name in ("first", "second"):
            tab = context.new_page()
            result = visit(tab, base, html)
            print(f"{name:8s} {result['kernel_s']:15.1f} {result['figures_s']:16.1f} {result['files']:11d} "
                  f"{result['sent_MB']:8.1f} {result['gzip_MB']:11.1f}")
            tab.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html").resolve())
