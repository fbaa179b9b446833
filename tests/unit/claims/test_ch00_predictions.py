"""Chapter 0: every number a prediction states (data/predictions/ch00.yaml) is the map's own.

The map of ideas draws ``data/ideas.csv`` and ``data/idea_links.csv`` (widgets.data, widgets.ideas_map).
Each row names a prediction, the field, and a passage of it with ``{}`` where numbers stand; the
numbers are computed here from the data the map draws, and the passage, so filled in, must appear
word for word. A last test checks that no number in a reveal is left unchecked.
"""
from __future__ import annotations

import pytest

from widgets import ideas_map
from widgets.data import load_idea_links, load_ideas, load_predictions

from support.stated import stated, unchecked_numbers

IDEAS = load_ideas()
LINKS = load_idea_links()
YEAR = IDEAS.set_index("id").year
FINDINGS = IDEAS[IDEAS.kind == "finding"]
CHAPTER4 = IDEAS[IDEAS.chapter == 4]


def count(kind: str) -> int:
    return int((IDEAS.kind == kind).sum())


def findings_from(year: int) -> int:
    return int((FINDINGS.year >= year).sum())


def target_of(finding: str) -> str:
    """The idea a finding applies or tests, by the map's own link."""
    rows = LINKS[(LINKS.source == finding) & LINKS.relation.isin(["tests empirically", "applies to relationships"])]
    assert len(rows) == 1, finding
    return rows.target.iloc[0]


def relabelled_in_chapter_4() -> int:
    return int((CHAPTER4.essay_label.fillna("") != "").sum())


# (prediction, field, passage with {} for numbers, the numbers computed from the data)
ROWS = [
    ("ch00-start", "prompt", "Of the {} ideas on the map", lambda: [len(IDEAS)]),
    ("ch00-start", "reveal", "{} of the {} ideas are research findings, beside {} theorists or schools and {} concepts.",
     lambda: [count("finding"), len(IDEAS), count("theorist"), count("concept")]),
    ("ch00-findings-late", "reveal", "{} of the {} findings date from {} or later, and only the conditioning experiment of {} is earlier.",
     lambda: [findings_from(1978), len(FINDINGS), int(FINDINGS[FINDINGS.year >= 1978].year.min()), int(FINDINGS.year.min())]),
    ("ch00-findings-late", "reveal", "Bowlby's attachment theory ({}), then the finding that adult romantic love works like attachment ({});",
     lambda: [YEAR[target_of("adult_romantic_attachment")], YEAR["adult_romantic_attachment"]]),
    ("ch00-findings-late", "reveal", "Dutton and Painter's traumatic bonding ({}), then their test of it ({}).",
     lambda: [YEAR[target_of("traumatic_bonding_test")], YEAR["traumatic_bonding_test"]]),
    ("ch00-corrections", "prompt", "Choose chapter {} and hover", lambda: [4]),
    ("ch00-corrections", "reveal", "{} of the {} ideas of chapter {} carry a different label in the essay.",
     lambda: [relabelled_in_chapter_4(), len(CHAPTER4), 4]),
]


@pytest.mark.parametrize("key, field, passage, compute", ROWS,
                         ids=[f"{key}-{field}-{n}" for n, (key, field, _, _) in enumerate(ROWS, start=1)])
def test_each_stated_number_is_the_maps(key, field, passage, compute):
    expected = passage.format(*compute())
    assert expected in stated("ch00", key, field), f"{key} {field} should say: {expected!r}"


def test_what_the_reveals_say_in_words_holds():
    predictions = load_predictions("ch00")
    # ch00-start: fewer than one in five are findings (option 4)
    assert count("finding") / len(IDEAS) < 1 / 5 and predictions["ch00-start"]["shows"] == 4
    # ch00-findings-late: mostly late (option 3); the links named are the map's
    assert findings_from(1978) > len(FINDINGS) / 2 and predictions["ch00-findings-late"]["shows"] == 3
    assert target_of("adult_romantic_attachment") == "bowlby_attachment" and target_of("traumatic_bonding_test") == "traumatic_bonding"
    assert FINDINGS.set_index("id").loc["pree"].year == FINDINGS.year.min()   # the 1939 finding is the conditioning experiment
    # ch00-corrections: all but one (option 3); only schema therapy keeps its name
    unlabelled = CHAPTER4[CHAPTER4.essay_label.fillna("") == ""]
    assert list(unlabelled.id) == ["schema_therapy"] and predictions["ch00-corrections"]["shows"] == 3
    labels = CHAPTER4.set_index("id").essay_label
    assert "complementary transference" in labels.complementary_identification and "Kernberg" in labels.complementary_identification
    assert "projective circulation" in labels.couple_collusion and "McWilliams" in labels.couple_collusion
    # the map offers what the prompts ask for: chapter 4 and the findings alone
    view = ideas_map.map_view()
    values = {control.name: control.values for control in view.controls}
    assert 4 in values["chapter"] and "finding" in values["kind"]


@pytest.mark.parametrize("key", sorted(load_predictions("ch00")))
def test_no_number_in_a_reveal_is_left_unchecked(key):
    """Every number in a reveal is inside a passage a row above checks."""
    checked = [passage.format(*compute()) for k, field, passage, compute in ROWS if k == key and field == "reveal"]
    assert not unchecked_numbers(stated("ch00", key, "reveal"), checked), f"{key}: numbers in the reveal not checked"