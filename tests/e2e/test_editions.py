"""Two books from one source: the student book has no instructor material at all; the
instructor book has it, with answer keys generated from data/."""
import json
import re

import pytest

from support.book import ROOT, build_warnings
from support.course_pages import CHECK_OR_KEY
from widgets.book.editions import INSTRUCTOR_ADMONITION
from widgets.data import DATA_DIR

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))


def instructor_snippets():
    """A distinctive phrase from every instructor box of every chapter (plain words only)."""
    snippets = []
    for notebook in CHAPTERS:
        for cell in json.loads(notebook.read_text())["cells"]:
            source = "".join(cell["source"])
            for body in (m.group("body") for m in INSTRUCTOR_ADMONITION.finditer(source)):
                words = re.findall(r"[A-Za-z]{4,}", body)
                snippets.append((notebook.stem, " ".join(words[3:8])))
    return snippets


def test_every_written_chapter_has_instructor_notes():
    chapters = {name for name, _ in instructor_snippets()}
    assert chapters == {notebook.stem for notebook in CHAPTERS}


def page_texts(html):
    return {path: path.read_text(encoding="utf-8") for path in html.rglob("*.html")}


def visible_words(text):
    return " ".join(re.findall(r"[A-Za-z]{4,}", re.sub(r"<[^>]+>", " ", text)))


def test_student_book_has_no_instructor_material_anywhere(book_build):
    process, html = book_build
    assert process.returncode == 0, process.stdout[-3000:]
    assert not (html / "book" / "instructor_guide.html").exists()
    pages = page_texts(html)
    searchable = (html / "searchindex.js").read_text(encoding="utf-8")
    downloads = {p: p.read_text(encoding="utf-8") for p in (html / "_sources").rglob("*.ipynb")}
    assert len(downloads) == len(CHAPTERS)
    for path, text in pages.items():
        assert "course-answer-key" not in text and 'instructor"' not in text, path
        assert "instructor_guide" not in text, path
    for chapter, snippet in instructor_snippets():
        page = visible_words(pages[html / "chapters" / f"{chapter}.html"])
        assert snippet not in page, (chapter, snippet)
        assert snippet not in visible_words(downloads[html / "_sources" / "chapters" / f"{chapter}.ipynb"])
    assert "dropdown instructor" not in " ".join(downloads.values())
    for word in ("instructor_guide", "Answer key"):
        assert word not in searchable
    # The downloads carry no answer key: no code cell checks or states one (tests/unit/claims do).
    for path, text in downloads.items():
        for cell in json.loads(text)["cells"]:
            code = "".join(cell["source"]) if cell["cell_type"] == "code" else ""
            assert not CHECK_OR_KEY.search(code), f"{path.name}: {code[:200]!r}"



def test_instructor_book_has_the_guide_the_keys_and_the_notes(instructor_build):
    process, html = instructor_build
    assert process.returncode == 0, process.stdout[-3000:]
    warnings = build_warnings(process.stdout + process.stderr)
    assert not warnings, "\n---\n".join(warnings)
    guide = (html / "book" / "instructor_guide.html").read_text(encoding="utf-8")
    keys = re.findall(r"\{answer-key\} (\w+)", (ROOT / "book" / "instructor_guide.md").read_text())
    quizzes = sorted(p.stem for p in (DATA_DIR / "quizzes").glob("*.yaml"))
    sorters = sorted(p.stem for p in (DATA_DIR / "sorters").glob("*.yaml"))
    assert sorted(keys) == sorted(quizzes + sorters), "every self-check and sorter has a key in the guide"
    assert guide.count("course-answer-key") == len(keys)
    assert "Running the course on JupyterHub" in guide and "git-pull?repo=" in guide
    for chapter, snippet in instructor_snippets():
        page = visible_words((html / "chapters" / f"{chapter}.html").read_text(encoding="utf-8"))
        assert snippet in page, (chapter, snippet)


@pytest.mark.parametrize("notebook", [p.stem for p in CHAPTERS])
def test_every_chapter_page_offers_its_notebook_for_download(book_build, notebook):
    _, html = book_build
    page = (html / "chapters" / f"{notebook}.html").read_text(encoding="utf-8")
    assert f"_sources/chapters/{notebook}.ipynb" in page
    downloaded = json.loads((html / "_sources" / "chapters" / f"{notebook}.ipynb").read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in downloaded["cells"] if c["cell_type"] == "code"]
    assert any(s.startswith("from widgets import") for s in sources), "the download runs after the README set-up"
