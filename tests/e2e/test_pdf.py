"""Printable chapters (widgets/book/pdf.py): every chapter's PDF and the course PDF, printed from
the built book in headless Chromium, for the student and the instructor edition."""
from __future__ import annotations

import html as html_escape
import json
import os
import re
import shutil
import subprocess
import unicodedata

import pytest

from support.course_pages import CHAPTER_PAGES, ROOT
from widgets.book.editions import INSTRUCTOR_ADMONITION
from widgets.book.plotly_assets import FIGURE_SPEC
from widgets.data import load_quiz

pytestmark = pytest.mark.browser


def words(text: str) -> str:
    """Text with its white space (and PDF line breaks) as single spaces, ligatures (ﬁ) as letters."""
    text = html_escape.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


# An A4 page in points, and the part above its footer (the footer sits in the 16 mm margin).
A4_WIDTH, ABOVE_FOOTER = 595, 790


def pdf_pages(path, above_footer: bool = False) -> list[str]:
    """The text of each page (only above its footer if ``above_footer``), by poppler's pdftotext
    (pypdf leaves out the figures' turned axis titles); .ci/run installs poppler-utils."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        reason = "NO PDFTOTEXT FOUND: the PDFs' text could not be read (install Debian's poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    crop = ["-x", "0", "-y", "0", "-W", str(A4_WIDTH), "-H", str(ABOVE_FOOTER)] if above_footer else []
    done = subprocess.run([pdftotext, "-enc", "UTF-8", *crop, str(path), "-"], capture_output=True, text=True,
                          check=True)
    return [words(page) for page in done.stdout.split("\f")[:-1]]


@pytest.fixture(scope="session")
def student_pdfs(book_build, chromium, tmp_path_factory):
    from widgets.book.pdf import write_pdfs

    _, html = book_build
    out = tmp_path_factory.mktemp("pdf")
    return html, {path.name: path for path in write_pdfs(html, out, chromium)}


@pytest.fixture(scope="session")
def instructor_pdfs(instructor_build, chromium, tmp_path_factory):
    from widgets.book.pdf import write_pdfs

    _, html = instructor_build
    out = tmp_path_factory.mktemp("pdf-instructor")
    return html, {path.name: path for path in write_pdfs(html, out, chromium)}


def test_nine_chapter_pdfs_named_by_number_and_the_course_pdf(student_pdfs):
    _, pdfs = student_pdfs
    assert sorted(pdfs) == sorted([f"{page.split('/')[1]}.pdf" for page in CHAPTER_PAGES] + ["course.pdf"])


@pytest.mark.parametrize("page", CHAPTER_PAGES)
def test_each_chapter_pdf_has_its_title_figures_and_self_check(student_pdfs, page):
    html, pdfs = student_pdfs
    body = (html / f"{page}.html").read_text(encoding="utf-8")
    pages = pdf_pages(pdfs[f"{page.split('/')[1]}.pdf"])
    text = " ".join(pages)
    title = words(re.sub(r'<a class="headerlink".*?</a>', "", re.search(r"<h1>(.*?)</h1>", body, re.S).group(1)))
    assert title in pages[0], f"{page}: the title is not on the first page"
    for spec in (json.loads(s) for s in FIGURE_SPEC.findall(body)):
        layout = spec["base"]["layout"]
        for axis in ("xaxis", "yaxis"):
            axis_title = words(str(layout.get(axis, {}).get("title", {}).get("text", "")))
            if axis_title:
                assert axis_title in text, f"{page}: axis title {axis_title!r} not printed"
    for caption in re.findall(r'<p class="course-figure-caption">(.*?)</p>', body, re.S):
        assert " ".join(words(caption).split()[:8]) in text, f"{page}: a figure caption is not printed"
    assert "Check your understanding" in text
    question = words(load_quiz(f"ch{page.split('/')[1][:2]}")["questions"][0]["prompt"])
    assert " ".join(question.split()[:6]) in text, f"{page}: the self-check's first question is not printed"
    # Nothing that only works on screen.
    for screen_only in ("Leave this page", "Run this chapter in your browser"):
        assert screen_only not in text, f"{page}: {screen_only!r} printed"


@pytest.mark.parametrize("name", [f"{page.split('/')[1]}.pdf" for page in CHAPTER_PAGES] + ["course.pdf"])
def test_no_page_is_blank_and_every_page_is_numbered(student_pdfs, name):
    _, pdfs = student_pdfs
    pages, bodies = pdf_pages(pdfs[name]), pdf_pages(pdfs[name], above_footer=True)
    assert len(pages) == len(bodies) > 0
    for number, (text, body) in enumerate(zip(pages, bodies), start=1):
        numbered = rf"\b{number} ?/ ?{len(pages)}$" if name != "course.pdf" else r"\b\d+ ?/ ?\d+$"
        assert re.search(numbered, text), f"{name} page {number}: no page number in the footer: {text[-80:]!r}"
        assert len(body) > 40, f"{name} page {number} is blank above its footer: {body!r}"


def test_links_stay_links(student_pdfs):
    from pypdf import PdfReader

    _, pdfs = student_pdfs
    uris = [annotation.get_object().get("/A", {}).get("/URI")
            for page in PdfReader(str(pdfs["02_relational_cycle.pdf"])).pages
            for annotation in page.get("/Annots") or []]
    assert any(uri and uri.endswith("book/care.html") for uri in uris), uris[:10]


def test_the_student_pdf_has_no_instructor_material_and_the_instructors_has(student_pdfs, instructor_pdfs):
    notebook = json.loads((ROOT / "chapters" / "03_impact_on_partner.ipynb").read_text(encoding="utf-8"))
    boxes = [m.group("body") for cell in notebook["cells"] if cell["cell_type"] == "markdown"
             for m in INSTRUCTOR_ADMONITION.finditer("".join(cell["source"]))]
    assert boxes, "chapter 3 has instructor notes to look for"
    fragment = " ".join(words(re.sub(r"[*_`{}\[\]]", "", boxes[0])).split()[:6])
    student = " ".join(pdf_pages(student_pdfs[1]["03_impact_on_partner.pdf"]))
    instructor = " ".join(pdf_pages(instructor_pdfs[1]["03_impact_on_partner.pdf"]))
    assert fragment in instructor, f"instructor notes not printed: {fragment!r}"
    assert fragment not in student, "the student PDF has instructor notes"
    assert "Instructor guide" in " ".join(pdf_pages(instructor_pdfs[1]["course.pdf"]))
