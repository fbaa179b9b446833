"""Each chapter's reference list: listed in JupyterLab, the footbibliography in the book
(widgets/references.py)."""
from __future__ import annotations

import json
import re

import pytest

from widgets import references
from widgets.data import DataError

CHAPTERS = [f"ch0{n}" for n in range(9)]


def cells(chapter):
    return json.loads(references.chapter_notebook(chapter).read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_ends_with_its_reference_list(chapter):
    last = cells(chapter)[-1]
    assert last["cell_type"] == "code" and "".join(last["source"]) == f'references.show("{chapter}")'
    assert "remove-input" in last["metadata"]["tags"]
    assert "".join(cells(chapter)[-2]["source"]).rstrip().endswith("## References")
    # JupyterLab's MyST renderer shows this directive as an error box; the output gives it to the book.
    assert not any("{footbibliography}" in "".join(cell["source"]) for cell in cells(chapter))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_list_has_every_cited_work_once_in_order_of_first_citation(chapter):
    listing = references.show(chapter)
    text = "\n".join("".join(c["source"]) for c in cells(chapter) if c["cell_type"] == "markdown")
    cited = [key.strip() for group in re.findall(r"\{footcite(?::[a-z]+)?\}`([^`]+)`", text)
             for key in group.split(",")]
    assert cited, f"{chapter} cites nothing"
    assert listing.keys == list(dict.fromkeys(cited))
    page = listing._repr_mimebundle_()["text/html"]
    assert page.count("<li>") == len(listing.keys)
    positions = [page.index(f">{key}</code>") for key in listing.keys]
    assert positions == sorted(positions)


def test_each_entry_is_formatted_from_references_bib():
    (key, entry), = references.formatted_entries(["dutton1993battered"])
    assert key == "dutton1993battered"
    assert "Dutton" in entry and "Painter" in entry and "1993" in entry
    assert "<em>American Journal of Orthopsychiatry</em>" in entry


def test_the_book_gets_the_footbibliography_and_jupyterlab_the_list():
    bundle = references.show("ch02")._repr_mimebundle_()
    assert bundle[references.BOOK_MIME] == "```{footbibliography}\n```"
    assert bundle["text/html"].startswith('<div class="course-references">')
    assert "dutton1993battered" in bundle["text/plain"]


def test_bad_chapter_or_key_is_named():
    with pytest.raises(ValueError, match=r"chapter must be 'ch00' to 'ch08'; got 'ch9'"):
        references.show("ch9")
    with pytest.raises(DataError, match=r"references.bib: no entry for the cited key\(s\) \['nobody2099'\]"):
        references.formatted_entries(["dutton1993battered", "nobody2099"])


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_cell_ids_are_unique(chapter):
    # nbformat silently renames a repeated id, and links to the cell would then break.
    ids = [cell["id"] for cell in cells(chapter)]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
