"""Safety in the course's sources: safety planning wherever leaving or limits come up, links into
the care page that reach their section, and privacy sentences that claim no more than is true.
(The quick exit and the built care page: tests/e2e/test_safety_book.py.)"""
import json
import re

import pytest

from support.course_pages import ROOT


def markdown_cells(chapter: str) -> list[str]:
    notebook = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown"]


# -- safety planning where the course speaks of leaving or limits ------------------------------

# The passages the safety review named, and others like them: each needs, in the same cell, a
# pointer to the care page's safety-planning section.
LEAVING_PASSAGES = [
    ("01_inner_mechanism", "setting a limit is never the mistake"),
    ("01_inner_mechanism", "setting a limit or leaving are not acts of cruelty"),
    ("02_relational_cycle", "cannot leave safely"),
    ("02_relational_cycle", "harder* to leave"),
    ("04_mutual_distortion", "Breaking the loop"),
    ("05_where_healing_begins", "Nobody has to stay"),
    ("06_love_as_clinical_principle", "the right to say no, and to leave"),
    ("07_ethics_of_maturity", "the most mature choice open to a person is to leave"),
    ("07_ethics_of_maturity", "leaving can be the mature choice"),
    ("08_summary", "whether to stay or leave"),
]
POINTER = "../book/care.md#safety-planning"


@pytest.mark.parametrize("chapter, passage", LEAVING_PASSAGES)
def test_each_passage_on_leaving_or_limits_points_to_safety_planning(chapter, passage):
    cells = [cell for cell in markdown_cells(chapter) if passage in cell]
    assert cells, f"{chapter}: passage {passage!r} not found (reworded? update this list)"
    assert all(POINTER in cell for cell in cells), f"{chapter}: no safety-planning pointer next to {passage!r}"


def test_safety_pointers_are_written_for_their_place_not_pasted():
    sentences = []
    for chapter in sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb")):
        for cell in markdown_cells(chapter):
            sentences += [s for s in re.split(r"(?<=[.!?])\s+", cell) if POINTER in s]
    assert len(sentences) >= len(LEAVING_PASSAGES)
    assert len(set(sentences)) == len(sentences), "the same safety pointer is pasted in two places"


def care_anchors() -> set[str]:
    """The heading anchors of book/care.md (myst_heading_anchors: lower case, spaces to '-')."""
    text = (ROOT / "book" / "care.md").read_text(encoding="utf-8")
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
            for h in re.findall(r"^##\s+(.+)$", text, flags=re.M)}


def test_every_link_into_the_care_page_reaches_a_section():
    anchors = care_anchors()
    assert {"safety-planning", "your-journal", "leaving-this-page-quickly", "helplines"} <= anchors
    for path in [*(ROOT / "chapters").glob("*.ipynb"), *(ROOT / "book").glob("*.md"), *(ROOT / "widgets").glob("*.py")]:
        for anchor in re.findall(r"care\.(?:md|html)#([\w-]+)", path.read_text(encoding="utf-8")):
            assert anchor in anchors, f"{path.name}: care page has no section #{anchor}"


# -- privacy sentences --------------------------------------------------------------------------

OVERCLAIMS = ["only on your own computer", "on this computer only", "only in a file on your own computer",
              "kept on this computer", "stays on your computer", "on their own machine"]


def test_no_privacy_sentence_claims_the_journal_never_leaves_the_readers_computer():
    places = [*(ROOT / "chapters").glob("*.ipynb"), *(ROOT / "book").glob("*.md"), *(ROOT / "widgets").glob("*.py"),
              ROOT / "README.md", *(ROOT / "data").glob("**/*.yaml")]
    for path in places:
        text = path.read_text(encoding="utf-8")
        found = [claim for claim in OVERCLAIMS if claim in text]
        assert not found, f"{path.relative_to(ROOT)} claims {found}: not true on a JupyterHub or in the browser"
