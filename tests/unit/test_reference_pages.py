"""The glossary holds every chapter's key terms; the bibliography holds full, well-formed entries."""
import json
import re

import pytest

from support.course_pages import ROOT
from widgets import references

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
TERM = re.compile(r"\{term\}`([^`<]+?)(?:\s*<([^>]+)>)?`")


def glossary_terms() -> set[str]:
    text = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
    body = text.split(":sorted:", 1)[1]
    return {line.strip() for line in body.splitlines() if line and not line.startswith((" ", "`"))}


def key_terms(notebook) -> list[str]:
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        match = re.search(r"\*\*Key terms:?\*\*:?(.*)", source)
        if match:
            return [target or label for label, target in TERM.findall(match.group(1))]
    return []


@pytest.mark.parametrize("notebook", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_key_term_of_a_chapter_is_in_the_glossary(notebook):
    terms = key_terms(notebook)
    assert len(terms) >= 3, f"{notebook.name}: no 'Key terms' line with at least three {{term}} links"
    missing = [t.strip() for t in terms if t.strip() not in glossary_terms()]
    assert not missing, f"{notebook.name}: key terms missing from book/glossary.md: {missing}"


def test_every_term_linked_anywhere_is_defined():
    defined = glossary_terms()
    for notebook in CHAPTERS:
        for label, target in TERM.findall(notebook.read_text(encoding="utf-8")):
            assert (target or label).strip() in defined, f"{notebook.name}: {(target or label)!r}"


ENTRY = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", re.S)
FIELD = re.compile(r"(\w+)\s*=\s*\{(.*?)\}\s*,?\s*$", re.M | re.S)


def bib_entries():
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    for kind, key, body in ENTRY.findall(text):
        fields = {name.lower(): value for name, value in re.findall(r"^\s*(\w+)\s*=\s*\{(.*?)\},?\s*$", body, re.M | re.S)}
        yield kind.lower(), key, fields


def test_bibliography_entries_are_complete():
    entries = list(bib_entries())
    assert len(entries) > 100
    keys = [key for _, key, _ in entries]
    assert len(keys) == len(set(keys)), "duplicate keys"
    for kind, key, fields in entries:
        assert fields.get("author") or fields.get("editor"), f"{key}: no author or editor"
        assert fields.get("title"), f"{key}: no title"
        assert re.fullmatch(r"1[89]\d\d|20[0-2]\d", fields.get("year", "")), f"{key}: year {fields.get('year')!r}"
        if kind == "article":
            assert fields.get("journal"), f"{key}: article without journal"
            assert fields.get("volume") or fields.get("doi"), f"{key}: article without volume or DOI"
        elif kind in ("book", "inbook"):
            assert fields.get("publisher"), f"{key}: book without publisher"
        elif kind == "incollection":
            assert fields.get("booktitle") and fields.get("publisher"), f"{key}: chapter without book or publisher"
        if "doi" in fields:
            assert re.fullmatch(r"10\.\d{4,9}/\S+", fields["doi"]), f"{key}: malformed DOI {fields['doi']!r}"


def test_every_citation_has_an_entry():
    keys = {key for _, key, _ in bib_entries()}
    cited = {key for notebook in CHAPTERS for key in references.cited_keys(notebook)}
    assert cited and not cited - keys, sorted(cited - keys)
