"""Chapter 0: every number the page states about the map of ideas is the map's own.

The map draws ``data/ideas.csv`` and ``data/idea_links.csv`` (widgets.data, widgets.ideas_map).
The chapter's text (chapters/00_introduction.ipynb) states how many ideas it holds, where the
timeline starts, which chapters its controls offer and the years of ideas it names; its
instructor box answers the predictions; its self-check names years and a sample the map's hover
text also gives (data/quizzes/ch00.yaml). Each row names a claim, a passage as the text has it
with ``{}`` where numbers stand, and a function that computes those numbers from the data the map
draws; the passage, so filled in, must appear word for word. What the text says in words ("a
century later", the corrections the map shows) is checked by the test functions below the rows.
The predictions' own numbers are checked by ``test_ch00_predictions.py``.
"""
from __future__ import annotations

import re

import pytest

from widgets import ideas_map
from widgets.data import load_chapters, load_idea_links, load_ideas

from support.stated import notebook_text, quiz_text, unchecked_numbers

IDEAS = load_ideas()
LINKS = load_idea_links()
CHAPTERS = load_chapters().sort_values("number")
BY_ID = IDEAS.set_index("id")
YEAR = BY_ID.year
FINDINGS = IDEAS[IDEAS.kind == "finding"]
WORDS = {9: "Nine"}

# The five corrections the chapter's scholarly note lists: the map's idea and who the essay credits.
CORRECTIONS = {"projective_identification": "Freud", "repetition_compulsion": "Kernberg",
               "corrective_emotional_experience": "Winnicott", "complementary_identification": "Kernberg",
               "traumatic_bonding": "Carnes and Judith Herman"}


def count(kind: str) -> int:
    return int((IDEAS.kind == kind).sum())


def late_findings() -> tuple[int, int, int]:
    """(findings from the second-earliest finding's year on, all findings, that year): all but the earliest."""
    since = int(sorted(FINDINGS.year)[1])
    return int((FINDINGS.year >= since).sum()), len(FINDINGS), since


def target_of(finding: str) -> str:
    """The idea a finding applies or tests, by the map's own link."""
    rows = LINKS[(LINKS.source == finding) & LINKS.relation.isin(["tests empirically", "applies to relationships"])]
    assert len(rows) == 1, finding
    return rows.target.iloc[0]


def relabelled(chapter: int) -> int:
    """Ideas of a chapter that carry a different label in the essay."""
    return int((IDEAS[IDEAS.chapter == chapter].essay_label.fillna("") != "").sum())


def chapters_by_corrections() -> list[int]:
    """Chapters with relabelled ideas, most relabelled first (ties by chapter number)."""
    counts = {chapter: relabelled(chapter) for chapter in CHAPTERS.number if relabelled(chapter)}
    return sorted(counts, key=lambda chapter: (-counts[chapter], chapter))


def chapter_choices() -> list[int]:
    """The chapters the map's drop-down list offers besides "All"."""
    (control,) = [c for c in ideas_map.map_view().controls if c.name == "chapter"]
    return [value for value in control.values if value != ideas_map.ALL]


def from_summary(idea: str, pattern: str) -> int:
    """A number the map's hover text (the idea's summary) gives."""
    return int(re.search(pattern, BY_ID.summary[idea]).group(1))


# (claim, passage as the student edition has it with {} for numbers, the numbers from the map's data)
ROWS = [
    ("start-map", "The map below places {} of those ideas on a timeline, from Freud in {} to studies published a century later.",
     lambda: [len(IDEAS), int(IDEAS.year.min())]),
    ("reading-chapters", "A drop-down list under the map chooses the chapter to highlight (**All**, or **{}** to **{}**)",
     lambda: [min(chapter_choices()), max(chapter_choices())]),
    ("try-corrections", "Choose chapter {} and hover over its points, reading the essay's label under each summary. "
                        "Then try chapters {} and {}.",
     lambda: chapters_by_corrections()[:3]),
    ("try-traumatic-bonding", "Choose chapter {} and follow the lines from *Traumatic bonding*",
     lambda: [int(BY_ID.chapter["traumatic_bonding"])]),
    ("leaves-out-kohlberg", "Kohlberg's stages, for instance, began in a {} dissertation",
     lambda: [from_summary("kohlberg_stages", r"his (\d{4}) dissertation")]),
    ("freud", "Freud's {} paper *On Narcissism*", lambda: [int(YEAR["freud_narcissism"])]),
    ("corrections-klein", "Melanie Klein introduced the term in {}", lambda: [int(YEAR["projective_identification"])]),
    ("evidence-finding", "among {} women who had recently left abusive relationships",
     lambda: [from_summary("traumatic_bonding_test", r"In (\d+) women")]),
    ("course-chapters", "**Chapters.** {} chapters follow the essay's sections in order: {} this introduction, {} the inner "
                        "mechanism, {} the relational cycle, {} the impact on the partner, {} the mutual distortion, {} where "
                        "healing begins, {} love as a clinical principle, {} the ethics of maturity, and {} the summary.",
     lambda: [WORDS[len(CHAPTERS)], *CHAPTERS.number]),
]

# (claim, passage of the instructor box, the numbers from the map's data)
INSTRUCTOR_ROWS = [
    ("key-findings", "*Findings*: {} of the {} ideas are research findings ({} theorists or schools, {} concepts).",
     lambda: [count("finding"), len(IDEAS), count("theorist"), count("concept")]),
    ("key-late-findings", "*Late findings*: {} of the {} date from {} or later;", lambda: list(late_findings())),
    ("key-late-findings", "Bowlby {} → Hazan and Shaver {}, Dutton and Painter {} → their test {}.",
     lambda: [int(YEAR[target_of("adult_romantic_attachment")]), int(YEAR["adult_romantic_attachment"]),
              int(YEAR[target_of("traumatic_bonding_test")]), int(YEAR["traumatic_bonding_test"])]),
    ("key-corrections", "*Corrections*: {} of chapter {}'s {} ideas carry a different label in the essay.",
     lambda: [relabelled(4), 4, int((IDEAS.chapter == 4).sum())]),
]

# (question of data/quizzes/ch00.yaml, passage of its prompt, options or feedback, the numbers from the map's data)
QUIZ_ROWS = [
    ("ch00-q2", "According to Pincus and Lukowitsky ({})", lambda: [int(YEAR["grandiose_vulnerable"])]),
    ("ch00-q4", "names Melanie Klein ({}) as its source", lambda: [int(YEAR["projective_identification"])]),
    ("ch00-q5", "'Among {} women who had recently left abusive relationships",
     lambda: [from_summary("traumatic_bonding_test", r"In (\d+) women")]),
    ("ch00-q5", "(Dutton and Painter, {})", lambda: [int(YEAR["traumatic_bonding_test"])]),
]


@pytest.mark.parametrize("claim, passage, compute", ROWS, ids=[f"{claim}-{n}" for n, (claim, _, _) in enumerate(ROWS, 1)])
def test_each_number_the_page_states_is_the_maps(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch00"), f"{claim}: the chapter should say {expected!r}"


@pytest.mark.parametrize("claim, passage, compute", INSTRUCTOR_ROWS,
                         ids=[f"{claim}-{n}" for n, (claim, _, _) in enumerate(INSTRUCTOR_ROWS, 1)])
def test_each_number_the_instructor_box_states_is_the_maps(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch00", student=False), f"{claim}: the instructor box should say {expected!r}"


@pytest.mark.parametrize("question, passage, compute", QUIZ_ROWS,
                         ids=[f"{question}-{n}" for n, (question, _, _) in enumerate(QUIZ_ROWS, 1)])
def test_each_number_the_self_check_states_is_the_maps(question, passage, compute):
    expected = passage.format(*compute())
    assert expected in quiz_text("ch00", question), f"{question} should say {expected!r}"


def test_no_number_in_the_answers_to_the_maps_predictions_is_left_unchecked():
    (key,) = [line for line in notebook_text("ch00", student=False).split("\n")
              if line.startswith("- **The map's predictions.**")]
    checked = [passage.format(*compute()) for _, passage, compute in INSTRUCTOR_ROWS]
    assert not unchecked_numbers(key, checked)


def test_the_timeline_runs_from_freud_to_studies_a_century_later():
    """"from Freud in 1914 to studies published a century later": Freud's paper is the earliest
    idea, and the latest findings came at least a hundred years after it."""
    assert YEAR["freud_narcissism"] == IDEAS.year.min()
    assert FINDINGS.year.max() - YEAR["freud_narcissism"] >= 100


def test_every_chapter_has_ideas_on_the_map():
    """The drop-down list offers chapters 0 to 8 (the map's lanes), and every one of them highlights ideas."""
    assert chapter_choices() == list(CHAPTERS.number) == list(range(9))
    for chapter in chapter_choices():
        chosen, _ = ideas_map.select_ideas(IDEAS, LINKS, chapter=chapter)
        assert chosen.any(), chapter


def test_the_course_names_each_chapter_as_the_map_does():
    """The chapters "How to use this course" lists are the map's lanes, in order (1 to 7 by their titles)."""
    text = notebook_text("ch00")
    for number, title in zip(CHAPTERS.number, CHAPTERS.title):
        if 1 <= number <= 7:
            assert f"{number} {title[0].lower()}{title[1:]}" in text, title


def test_traumatic_bonding_carries_older_ideas():
    """Choosing chapter 2 highlights *Traumatic bonding* (and *Repetition compulsion*), and its lines
    lead back to older ideas."""
    chosen, link_mask = ideas_map.select_ideas(IDEAS, LINKS, chapter=2)
    assert {"repetition_compulsion", "traumatic_bonding"} <= set(IDEAS.id[chosen])
    older = LINKS[link_mask & (LINKS.source == "traumatic_bonding")].target
    assert len(older) >= 2 and all(YEAR[idea] < YEAR["traumatic_bonding"] for idea in older)


def test_kohlbergs_point_marks_a_later_publication_than_the_first():
    """"Each point marks one key publication, not always the first (Kohlberg's stages ... 1958)"."""
    assert YEAR["kohlberg_stages"] > from_summary("kohlberg_stages", r"his (\d{4}) dissertation")


def test_the_map_shows_the_essays_label_for_each_correction_the_chapter_lists():
    """The scholarly note's five corrections are on the map, each with the essay's own label."""
    labels = BY_ID.essay_label.fillna("")
    for idea, credited in CORRECTIONS.items():
        assert credited in labels[idea], idea
