"""First visit of a chapter page on a mid-range phone: two built books side by side.

Each run opens a page in a new browser context (empty cache) at 390x844 CSS px, device scale 2,
mobile with touch, the CPU slowed 4x (DevTools' throttling, set before navigating), and measures:

- the time from navigation start until every figure is drawn: every ``.course-figure`` holds a
  ``.js-plotly-plot`` with a bar or scatter point, a line or a heatmap image in it. An init script
  records ``performance.now()`` in the page at the first frame where that holds; it never
  scrolls. After ``load`` the benchmark scrolls down one screen every 100 ms to the end, so that
  figures drawn only when scrolled into view get drawn too. A run that has not drawn every figure
  60 s after navigation start is reported and left out of the medians;
- the bytes fetched (Chromium's ``encodedDataLength`` of every response): raw, as the test
  server sends them (uncompressed), and gzipped (level 6) file by file, as a web host that
  compresses would send them; a URL counts once per run, and a response that is not a file of
  the served folder (a data: URL, say) counts 0 in the gzip figure.

Runs alternate between the builds (reference, current, reference, ...) so that machine load
affects both alike, after one uncounted warm-up visit of each build. Prints, per page and overall (sums of the pages' medians), the median time
and KB of each build and the ratio current/reference, and the five largest resources of each
build's first run of a page.

A reference book of an older commit (PYTHONPATH makes that commit's ``widgets`` package win over
the editable install of this one):

    git worktree add /tmp/ref 4d636ec
    cd /tmp/ref && PYTHONPATH=/tmp/ref /work/main/.venv/bin/jupyter-book build -W -n --keep-going .

Run: .venv/bin/python benchmarks/first_visit.py --reference /tmp/ref/_build/html
     [--current _build/html] [--pages chapters/02_relational_cycle ...] [--runs 5]
     [--chromium /usr/bin/chromium]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import statistics
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["chapters/02_relational_cycle", "chapters/04_mutual_distortion", "chapters/08_summary"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
VIEWPORT = {"width": 390, "height": 844}
DEVICE_SCALE = 2
CPU_SLOWDOWN = 4
LIMIT_S = 60
IDLE_WAIT_MS = 10_000

# Runs in the page before its own scripts: at the first frame after a change to the document
# where every figure shows plotly's marks, record the time since navigation start.
ALL_DRAWN_SCRIPT = """
(() => {
  const MARKS = ".js-plotly-plot .point, .js-plotly-plot path.js-line, .js-plotly-plot .hm image";
  let pending = false;
  const check = () => {
    pending = false;
    const boxes = document.querySelectorAll(".course-figure");
    if (boxes.length > 0 && Array.prototype.every.call(boxes, (box) => box.querySelector(MARKS))) {
      window.__allDrawn = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(() => {
    if (!pending && window.__allDrawn === undefined) {
      pending = true;
      requestAnimationFrame(check);
    }
  });
  observer.observe(document, {childList: true, subtree: true, attributes: true,
                              attributeFilter: ["class"]});
})();
"""

# Scroll to the end of the page one screen every 100 ms, as a reader skimming it would.
SCROLL_TO_END = """
async () => {
  let before = -1;
  while (window.scrollY !== before
         && window.scrollY + innerHeight < document.documentElement.scrollHeight) {
    before = window.scrollY;
    window.scrollBy(0, innerHeight);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, format, *args):
        pass


@dataclass
class Build:
    """A built book's HTML folder, served on ``origin``."""

    name: str
    folder: Path
    origin: str = ""


@dataclass
class Visit:
    """One first visit: time to all figures drawn (None: not within the limit) and bytes."""

    drawn_ms: float | None
    raw_bytes: int
    gzip_sizes: dict[str, int] = field(default_factory=dict)  # per URL fetched

    @property
    def gzip_bytes(self) -> int:
        return sum(self.gzip_sizes.values())


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) from a thread; return the server and origin."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@functools.cache
def gzip_size(path: Path) -> int:
    """Size of the file gzipped at level 6."""
    return len(gzip.compress(path.read_bytes(), 6))


def gzip_size_of_url(url: str, build: Build) -> int:
    """Gzip size of the file of ``build`` that ``url`` names; 0 for anything else."""
    if not url.startswith(build.origin + "/"):
        return 0
    path = build.folder / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return gzip_size(path) if path.is_file() else 0


def visit(browser, build: Build, page: str) -> Visit:
    """Open ``page`` of ``build`` as a first-time reader on a phone; see the module docstring."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=DEVICE_SCALE,
                                  is_mobile=True, has_touch=True)
    try:
        context.add_init_script(ALL_DRAWN_SCRIPT)
        tab = context.new_page()
        cdp = context.new_cdp_session(tab)
        urls, finished = {}, []
        cdp.on("Network.responseReceived",
               lambda event: urls.__setitem__(event["requestId"], event["response"]["url"]))
        cdp.on("Network.loadingFinished",
               lambda event: finished.append((event["requestId"], event["encodedDataLength"])))
        cdp.send("Network.enable")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        deadline = time.monotonic() + LIMIT_S
        drawn_ms = None
        try:
            tab.goto(f"{build.origin}/{page}.html", timeout=LIMIT_S * 1000)
            tab.evaluate(SCROLL_TO_END)
            remaining_ms = max(deadline - time.monotonic(), 0.001) * 1000
            tab.wait_for_function("window.__allDrawn !== undefined", timeout=remaining_ms)
            drawn_ms = tab.evaluate("window.__allDrawn")
            tab.wait_for_load_state("networkidle", timeout=IDLE_WAIT_MS)
        except PlaywrightTimeout:
            pass
        tab.evaluate("0")  # lets the last network events of the CDP session arrive
        gzip_sizes = {}
        for request_id, _ in finished:
            url = urls.get(request_id, "")
            gzip_sizes[url] = gzip_size_of_url(url, build)
        return Visit(drawn_ms, sum(size for _, size in finished), gzip_sizes)
    finally:
        context.close()


def report_run(browser, build: Build, page: str, run: int) -> Visit:
    """Visit the page once and print the run's line; a failed run counts as not drawn."""
    try:
        result = visit(browser, build, page)
        drawn = (f"{result.drawn_ms:7.0f} ms" if result.drawn_ms is not None
                 else f"NOT ALL FIGURES DRAWN within {LIMIT_S} s")
    except PlaywrightError as error:  # the page crashed, say: no figures drawn
        result = Visit(None, 0)
        drawn = f"FAILED ({error.message.splitlines()[0]})"
    print(f"  run {run} {build.name:10} {drawn}  {result.gzip_bytes / 1000:8.1f} KB gzip"
          f"  {result.raw_bytes / 1000:8.1f} KB raw")
    return result


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def ratio(current: float | None, reference: float | None) -> str:
    if current is None or not reference:
        return "n/a"
    return f"{current / reference:.2f}"


def number(value: float | None, digits: int) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def summarise(label: str, visits: dict[str, list[Visit]], builds: list[Build]) -> dict:
    """Print the medians of the drawn runs of each build and the ratios; return the medians."""
    medians = {}
    print(f"  {label:22} {'drawn ms':>9} {'gzip KB':>9} {'raw KB':>9}  runs drawn")
    for build in builds:
        drawn = [v for v in visits[build.name] if v.drawn_ms is not None]
        medians[build.name] = {
            "ms": median([v.drawn_ms for v in drawn]),
            "gzip": median([v.gzip_bytes / 1000 for v in drawn]),
            "raw": median([v.raw_bytes / 1000 for v in drawn])}
        m = medians[build.name]
        excluded = len(visits[build.name]) - len(drawn)
        note = f" ({excluded} not drawn in {LIMIT_S} s: excluded)" if excluded else ""
        print(f"  {build.name:22} {number(m['ms'], 0):>9} {number(m['gzip'], 1):>9} "
              f"{number(m['raw'], 1):>9}  {len(drawn)}/{len(visits[build.name])}{note}")
    reference, current = (medians[build.name] for build in builds)
    print(f"  {'current/reference':22} " + " ".join(
        f"{ratio(current[key], reference[key]):>9}" for key in ("ms", "gzip", "raw")))
    return medians


def print_largest(visit_: Visit, build: Build, count: int = 5):
    """The ``count`` largest resources of one visit by gzip size."""
    print(f"  largest resources, {build.name}, first run (gzip KB):")
    for url, size in sorted(visit_.gzip_sizes.items(), key=lambda item: -item[1])[:count]:
        print(f"    {size / 1000:8.1f}  {url.removeprefix(build.origin + '/') or url}")


def overall(per_page: list[dict], builds: list[Build]):
    """Print the sums of the pages' medians (n/a when a page has no drawn run) and the ratios."""
    print("overall (sums of the pages' medians)")
    print(f"  {'':22} {'drawn ms':>9} {'gzip KB':>9} {'raw KB':>9}")
    sums = {}
    for build in builds:
        values = [[page[build.name][key] for page in per_page] for key in ("ms", "gzip", "raw")]
        sums[build.name] = [None if None in column else sum(column) for column in values]
        print(f"  {build.name:22} {number(sums[build.name][0], 0):>9} "
              f"{number(sums[build.name][1], 1):>9} {number(sums[build.name][2], 1):>9}")
    reference, current = (sums[build.name] for build in builds)
    print(f"  {'current/reference':22} " + " ".join(
        f"{ratio(c, r):>9}" for c, r in zip(current, reference)))


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reference", type=Path, required=True,
                        help="HTML folder of the reference build")
    parser.add_argument("--current", type=Path, default=ROOT / "_build" / "html",
                        help="HTML folder of the current build (default: _build/html)")
    parser.add_argument("--pages", nargs="+", default=PAGES,
                        help="pages to visit, without .html")
    parser.add_argument("--runs", type=int, default=5, help="visits per page and build")
    parser.add_argument("--chromium",
                        default=os.environ.get("CHROMIUM") or shutil.which("chromium"),
                        help="Chromium executable (default: $CHROMIUM or chromium on the PATH)")
    arguments = parser.parse_args()
    if not arguments.chromium:
        parser.error("no Chromium found: pass --chromium or set CHROMIUM")
    for folder in (arguments.reference, arguments.current):
        for page in arguments.pages:
            if not (folder / f"{page}.html").is_file():
                parser.error(f"{folder / page}.html does not exist (build the book first)")
    return arguments


def main():
    arguments = parse_arguments()
    builds = [Build("reference", arguments.reference.resolve()),
              Build("current", arguments.current.resolve())]
    servers = []
    for build in builds:
        server, build.origin = serve(build.folder)
        servers.append(server)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=arguments.chromium, headless=True,
                                                 args=CHROMIUM_ARGS)
            print(f"First visit of a chapter page, {date.today()}, Chromium {browser.version}")
            print(f"viewport {VIEWPORT['width']}x{VIEWPORT['height']} at scale {DEVICE_SCALE}, "
                  f"mobile with touch, CPU slowed {CPU_SLOWDOWN}x, empty cache, "
                  f"runs per page and build: {arguments.runs} (alternating), limit {LIMIT_S} s")
            for build in builds:
                print(f"{build.name}: {build.folder}")
            for build in builds:  # warm-up: the machine's first visit is slower (file caches)
                visit(browser, build, arguments.pages[0])
            per_page = []
            for page in arguments.pages:
                print(f"\n{page}")
                visits = {build.name: [] for build in builds}
                for run in range(1, arguments.runs + 1):
                    for build in builds:
                        visits[build.name].append(report_run(browser, build, page, run))
                per_page.append(summarise("median", visits, builds))
                for build in builds:
                    print_largest(visits[build.name][0], build)
            print()
            overall(per_page, builds)
            browser.close()
    finally:
        for server in servers:
            server.shutdown()


if __name__ == "__main__":
    main()
