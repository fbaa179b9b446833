"""A chapter's reference list, shown at its end in JupyterLab and in the book.

The chapters cite with sphinxcontrib-bibtex's ``{footcite}`` role, and the book lists the cited
works with its ``{footbibliography}`` directive. JupyterLab's MyST renderer knows neither: it shows
the citation keys as plain text and the directive as an "Unknown Directive" error box. So each
chapter ends with ``references.show("chNN")``, whose one output carries both forms:

* ``text/html`` — the works the chapter cites, in the order it first cites them, each with the key
  that appears in the text (chosen by JupyterLab);
* :data:`BOOK_MIME` — the ``{footbibliography}`` directive, which the book's renderer
  (``widgets/book/renderer.py``) parses as MyST in place (chosen by the book, ``_config.yml``).

Entries are formatted by pybtex's "plain" style, as sphinxcontrib-bibtex formats them in the book.
"""
from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path

from widgets.data import PROJECT_DIR, DataError, load_chapters

#: MIME type of the book's form: MyST text that the book's renderer parses in place.
BOOK_MIME = "text/x-course-myst"
BOOK_FORM = "```{footbibliography}\n```"
CITATION = re.compile(r"\{footcite(?::[a-z]+)?\}`([^`]+)`")


def chapter_notebook(chapter: str) -> Path:
    """The notebook of ``chapter`` ("ch00" to "ch08"), from ``data/chapters.csv``."""
    match = re.fullmatch(r"ch0([0-8])", chapter)
    if not match:
        raise ValueError(f"chapter must be 'ch00' to 'ch08'; got {chapter!r}")
    chapters = load_chapters().set_index("number")
    return PROJECT_DIR / "chapters" / f"{chapters.notebook[int(match.group(1))]}.ipynb"


def cited_keys(notebook: Path) -> list[str]:
    """Citation keys of the Markdown cells of ``notebook``, in order of first citation."""
    keys: list[str] = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            for group in CITATION.findall("".join(cell["source"])):
                for key in (part.strip() for part in group.split(",")):
                    if key not in keys:
                        keys.append(key)
    return keys


@functools.cache
def _bibliography():
    from pybtex.database import parse_file

    return parse_file(str(PROJECT_DIR / "references.bib"))


def formatted_entries(keys: list[str]) -> list[tuple[str, str]]:
    """(key, entry as HTML) for each key, formatted by pybtex's "plain" style.

    Raises
    ------
    DataError
        If a key is not in ``references.bib`` (named, with the file).
    """
    from pybtex.plugin import find_plugin

    entries = _bibliography().entries
    missing = [key for key in keys if key not in entries]
    if missing:
        raise DataError(f"{PROJECT_DIR / 'references.bib'}: no entry for the cited key(s) {missing}")
    style = find_plugin("pybtex.style.formatting", "plain")()
    return [(key, style.format_entry(str(n), entries[key]).text.render_as("html"))
            for n, key in enumerate(keys, start=1)]


class ReferenceList:
    """The reference list of one chapter (see the module docstring for its two forms)."""

    def __init__(self, chapter: str):
        self.chapter = chapter
        self.keys = cited_keys(chapter_notebook(chapter))

    def html(self) -> str:
        items = "".join(f'<li><code class="course-citation-key">{html.escape(key)}</code> {entry}</li>'
                        for key, entry in formatted_entries(self.keys))
        return (f'<div class="course-references"><p>Works cited in this chapter, in order of first '
                f'citation; the text cites each by the key shown.</p><ol>{items}</ol></div>')

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), BOOK_MIME: BOOK_FORM,
                "text/plain": f"References of {self.chapter}: " + ", ".join(self.keys)}


def show(chapter: str) -> ReferenceList:
    """The reference list of ``chapter`` ("ch00" to "ch08"), for the last cell of a chapter."""
    return ReferenceList(chapter)
