"""Shared fixtures: a clean build of the book, and headless Chromium (helpers: ``support``)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from support.book import CHROMIUM_ARGS, ROOT, build_book, find_chromium
from widgets.book.local_site import serving


@pytest.fixture(autouse=True, scope="session")
def private_journal(tmp_path_factory):
    """Tests never touch the learner's real journal: every test writes to a throwaway folder."""
    folder = tmp_path_factory.mktemp("journal")
    previous = os.environ.get("COURSE_JOURNAL_DIR")
    os.environ["COURSE_JOURNAL_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("COURSE_JOURNAL_DIR", None)
    else:
        os.environ["COURSE_JOURNAL_DIR"] = previous


@pytest.fixture(scope="session")
def book_build(tmp_path_factory):
    """Build the student book into a fresh folder, as CI does: every notebook is executed.

    Returns the completed process (``stdout`` holds the build log) and the HTML folder.
    """
    return build_book(tmp_path_factory.mktemp("book"))


@pytest.fixture(scope="session")
def instructor_build(tmp_path_factory, book_build):
    """Build the instructor edition (the README's documented command) into a fresh folder.

    It starts from the notebook outputs the student build has just executed in this session
    (its jupyter-cache, keyed on each notebook's code), so the chapters run once, not twice: the
    two editions differ in their pages, not in their outputs.
    """
    out = tmp_path_factory.mktemp("instructor")
    student_cache = book_build[1].parent / ".jupyter_cache"
    if student_cache.is_dir():
        shutil.copytree(student_cache, out / "_build" / ".jupyter_cache")
    return build_book(out, "--toc", str(ROOT / "_toc_instructor.yml"))


@pytest.fixture(scope="session")
def chromium():
    path = find_chromium()
    if path is None:
        reason = ("NO CHROMIUM FOUND: the browser tests of the book did not run. Install Debian's "
                  "'chromium' package (or set CHROMIUM=/path/to/chrome).")
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def served_book(request):
    """Serve the built HTML on 127.0.0.1 (a real origin, as a reader's web host would).

    For quick work on the browser tests, ``COURSE_BOOK_HTML=_build/html`` serves an existing
    build instead of building afresh (CI never sets it).
    """
    existing = os.environ.get("COURSE_BOOK_HTML")
    if existing and not os.environ.get("CI"):
        html = Path(existing).resolve()
    else:
        process, html = request.getfixturevalue("book_build")
        if not html.is_dir():
            pytest.fail(f"the book did not build:\n{process.stdout[-3000:]}\n{process.stderr[-3000:]}")
    with serving(html) as origin:
        yield origin
