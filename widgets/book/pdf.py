"""Printable chapters: one PDF per chapter and one for the whole course, from the built book.

Each page is opened in headless Chromium (the browser the tests use; Jupyter Book's ``pdfhtml``
builder downloads a browser of its own, which fails offline) at a width where its figures fit an
A4 page, its figures are drawn at their default settings, every folded block is opened
(scholarly notes, the figures' data tables), and Chromium prints it with the book's print styles
(``book/_static/course.css``: no controls, exit button or navigation). Page footers carry the
page's title and page number; links stay links. ``course.pdf`` joins the welcome page, the care
page (first, as a handout should have it), the nine chapters, the glossary and the bibliography
(and, in the instructor edition, the instructor guide after the chapters, as in its contents).

Run (after building the book, with ``requirements-print.txt`` installed):
``.venv/bin/python -m widgets.book.pdf`` writes ``_build/pdf/``
from ``_build/html/``; ``--html <instructor build>/_build/html --out _build/pdf-instructor``
prints the instructor edition.
"""
from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

from .chromium import CHROMIUM_ARGS, find_chromium
from .local_site import serving

ROOT = Path(__file__).resolve().parents[2]
# The book's pages in its order (_toc.yml): the course PDF joins them; each chapter is also alone.
COURSE_PAGES = ["book/welcome", "book/care", *[f"chapters/{p.stem}" for p in sorted((ROOT / "chapters").glob("*.ipynb"))],
                "book/glossary", "book/bibliography"]
# Wide enough for the book's desktop layout of a figure, narrow enough to fit A4 with its margins.
PRINT_WIDTH = 700
GUIDE = "book/instructor_guide"
FOOTER = ('<div style="width: 100%; font: 8px sans-serif; color: #555; padding: 0 12mm; display: flex; '
          'justify-content: space-between;"><span class="title"></span>'
          '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')


class PdfError(RuntimeError):
    """The PDFs could not be written; the message says which page and why."""


def print_page(tab, url: str, target: Path) -> None:
    """Open ``url``, draw its figures, open its folded blocks, and print it to ``target``."""
    tab.goto(url)
    tab.wait_for_load_state("load")
    # course.js marks each figure once drawn (data-course-step); every figure of the page first.
    tab.wait_for_function("""() => [...document.querySelectorAll('.course-plot')]
        .every(plot => plot.dataset.courseStep !== undefined)""", timeout=120_000)
    tab.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # course.js opens folded blocks
    tab.emulate_media(media="print")
    tab.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
            header_template="<span></span>", footer_template=FOOTER,
            margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})


def write_pdfs(html: Path, out: Path, browser=None) -> list[Path]:
    """Every chapter's PDF and ``course.pdf`` from the built book in ``html``; returns their paths.

    ``browser``: a Playwright Chromium already running (the tests share theirs); by default one is
    started and stopped here."""
    from pypdf import PdfWriter

    missing = [page for page in COURSE_PAGES if not (html / f"{page}.html").is_file()]
    if missing:
        raise PdfError(f"{html} is not a built book: no {missing[0]}.html (build the book first)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    # The instructor edition's guide follows the chapters (as in _toc_instructor.yml).
    last_chapter = max(n for n, page in enumerate(COURSE_PAGES) if page.startswith("chapters/"))
    pages = (COURSE_PAGES[:last_chapter + 1] + [GUIDE] * (html / f"{GUIDE}.html").is_file()
             + COURSE_PAGES[last_chapter + 1:])
    with serving(html) as base, _chromium(browser) as running:
        tab = running.new_page(viewport={"width": PRINT_WIDTH, "height": 1000})
        for page in pages:
            target = out / f"{Path(page).name}.pdf"
            print_page(tab, f"{base}/{page}.html", target)
            written.append(target)
        tab.close()
    course = PdfWriter()
    for path in written:
        course.append(str(path), outline_item=None)
    course_path = out / "course.pdf"
    with open(course_path, "wb") as handle:
        course.write(handle)
    chapters = [path for path in written if path.stem[:2].isdigit()]
    for path in written:  # only the chapters stay as files of their own
        if path not in chapters:
            path.unlink()
    return chapters + [course_path]


@contextlib.contextmanager
def _chromium(browser=None):
    """``browser`` if given, else a headless Chromium started for the PDFs and stopped after."""
    if browser is not None:
        yield browser
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = find_chromium()
        if path is None:
            raise PdfError("no Chromium found: install Debian's 'chromium' package or set CHROMIUM=/path/to/chrome")
        started = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield started
        finally:
            started.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Print the built book's chapters and the whole course to PDF.")
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html", help="the built book (default: _build/html)")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf", help="where to write (default: _build/pdf)")
    arguments = parser.parse_args(argv)
    for path in write_pdfs(arguments.html.resolve(), arguments.out.resolve()):
        print(path)


if __name__ == "__main__":
    main()
