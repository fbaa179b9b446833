"""Learning design, measured on the chapters' sources: something to do within the first 500
words, predictions that reveal only after a choice, folded scholarly notes, self-checks whose
answers are neither the longest option nor in one position, each tied to an objective, honest
reading times, and care messages said where they matter rather than as refrains."""
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from support.course_pages import ROOT
from widgets import data, predict, quiz
from widgets.book.editions import INSTRUCTOR_ADMONITION  # not in the student book

CHAPTERS = {f"ch{int(p.stem[:2]):02d}": p for p in sorted((ROOT / "chapters").glob("*.ipynb"))}
WORDS_PER_MINUTE = 200
FIRST_SCREEN_WORDS = 500
# A code cell that gives the reader something to do: a prediction or a model.
INTERACTIVE = re.compile(r"predict\.ask\(|\w+_view\(")
WORD = re.compile(r"[A-Za-z0-9’'–-]+")


def cells(chapter: str) -> list[dict]:
    return json.loads(CHAPTERS[chapter].read_text(encoding="utf-8"))["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def student_text(markdown: str) -> str:
    """The words a student reads in a markdown cell: no instructor boxes, no MyST role names."""
    text = INSTRUCTOR_ADMONITION.sub("", markdown)
    text = re.sub(r"\{[a-z:-]+\}`([^`<]*)(?:<[^>]*>)?`", r"\1", text)  # {term}`label <target>` -> label
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    return re.sub(r"^:[a-z-]+:.*$", "", text, flags=re.M)  # directive options


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def words_before_first_interaction(chapter: str) -> int:
    words = 0
    for cell in cells(chapter):
        if cell["cell_type"] == "code":
            if INTERACTIVE.search(source(cell)) and "remove-cell" not in cell.get("metadata", {}).get("tags", []):
                return words
            continue
        words += count_words(student_text(source(cell)))
    raise AssertionError(f"{chapter}: no prediction or model in the chapter")


def predictions_of(chapter: str) -> dict:
    path = ROOT / "data" / "predictions" / f"{chapter}.yaml"
    return data.load_predictions(chapter) if path.is_file() else {}


def reading_minutes(chapter: str) -> int:
    """Minutes to read the chapter: its markdown (student edition), its predictions and its
    self-check's questions and options, at 200 words a minute, to the nearest 5 (at least 5)."""
    words = sum(count_words(student_text(source(c))) for c in cells(chapter) if c["cell_type"] == "markdown")
    for prediction in predictions_of(chapter).values():
        words += count_words(" ".join([prediction["prompt"], *prediction["options"], prediction["reveal"]]))
    if (ROOT / "data" / "quizzes" / f"{chapter}.yaml").is_file():
        for question in data.load_quiz(chapter)["questions"]:
            words += count_words(" ".join([question["prompt"], *(o["text"] for o in question["options"])]))
    return max(5, 5 * round(words / WORDS_PER_MINUTE / 5))


def stated_reading_minutes(chapter: str) -> int:
    for cell in cells(chapter):
        match = re.search(r"about (\d+) minutes of reading", source(cell))
        if match:
            return int(match.group(1))
    raise AssertionError(f"{chapter}: no 'Estimated time: ... about N minutes of reading' line")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_reading_time_is_honest(chapter):
    assert stated_reading_minutes(chapter) == reading_minutes(chapter), \
        f"{chapter} states {stated_reading_minutes(chapter)} minutes of reading; its words take {reading_minutes(chapter)}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_something_to_do_within_500_words(chapter):
    words = words_before_first_interaction(chapter)
    assert words <= FIRST_SCREEN_WORDS, f"{chapter}: {words} words before the first prediction or model"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_predictions_are_shown_where_the_chapter_asks_them(chapter):
    asked = {key for cell in cells(chapter) if cell["cell_type"] == "code"
             for key in re.findall(r'predict\.ask\("([^"]+)"\)', source(cell))}
    defined = set(predictions_of(chapter))
    assert asked, f"{chapter}: asks for no prediction"
    assert asked <= defined, f"{chapter}: predictions missing from data/predictions/{chapter}.yaml: {asked - defined}"
    assert defined <= asked, f"{chapter}: predictions defined but never asked: {defined - asked}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_scholarly_notes_fold_with_their_title_visible(chapter):
    notes = re.findall(r"```\{admonition\} Scholarly note[^\n]*\n:class: ([^\n]*)", "\n".join(source(c) for c in cells(chapter)))
    assert all("dropdown" in classes.split() and "scholarly-note" in classes.split() for classes in notes), \
        f"{chapter}: a scholarly note does not fold"


REFRAINS = ["safety comes first", "responsibility lies with the person who"]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_care_messages_are_said_where_they_matter_not_repeated(chapter):
    text = " ".join(student_text(source(c)).lower() for c in cells(chapter) if c["cell_type"] == "markdown")
    for refrain in REFRAINS:
        assert text.count(refrain) <= 1, f"{chapter}: '{refrain}' {text.count(refrain)} times"


# -- self-checks ---------------------------------------------------------------------------------

def objectives(chapter: str) -> list[str]:
    for cell in cells(chapter):
        text = source(cell)
        if "will be able to" in text:
            block = text.split("will be able to", 1)[1].split("\n\n**", 1)[0]
            return [line[2:] for line in block.splitlines() if line.startswith("- ")]
    raise AssertionError(f"{chapter}: no learning objectives")


def correct_is_longest(question: dict) -> bool:
    lengths = sorted((len(o["text"]), o["correct"]) for o in question["options"])
    return lengths[-1][1] and lengths[-1][0] > lengths[-2][0]


def test_the_correct_option_is_rarely_the_longest():
    questions = [q for chapter in CHAPTERS for q in data.load_quiz(chapter)["questions"]]
    share = sum(map(correct_is_longest, questions)) / len(questions)
    assert share <= 0.35, f"the correct option is the longest in {share:.0%} of {len(questions)} items"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_correct_answers_are_spread_over_the_positions(chapter):
    shown = quiz.show(chapter).questions
    positions = Counter(next(k for k, o in enumerate(q["options"]) if o["correct"]) for q in shown)
    assert max(positions.values()) <= 0.5 * len(shown), f"{chapter}: correct positions {dict(positions)}"
    assert [q["options"] for q in quiz.show(chapter).questions] == [q["options"] for q in shown], "order not deterministic"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_question_checks_one_of_the_chapters_objectives(chapter):
    goals = objectives(chapter)
    for question in data.load_quiz(chapter)["questions"]:
        assert 1 <= question["objective"] <= len(goals), \
            f"{question['id']}: objective {question['objective']} is not one of {len(goals)} objectives"


def test_balanced_order_keeps_every_option_and_is_the_same_each_time():
    questions = [{"id": f"q{n}", "prompt": "p", "options": [
        {"text": t, "correct": t == "right", "feedback": "f"} for t in ("right", "a", "b", "c")]} for n in range(8)]
    first, again = quiz.balanced_order("chX", questions), quiz.balanced_order("chX", questions)
    assert first == again
    assert Counter(next(k for k, o in enumerate(q["options"]) if o["correct"]) for q in first) == Counter({0: 2, 1: 2, 2: 2, 3: 2})
    assert all(sorted(o["text"] for o in q["options"]) == ["a", "b", "c", "right"] for q in first)
    assert [o["text"] for o in questions[0]["options"]][0] == "right", "the file's order was changed in place"


# -- predictions -----------------------------------------------------------------------------

PREDICTION_OK = """\
ch02-test:
  prompt: "What will the *model* show?"
  options: ["It rises", "It falls", "It stays"]
  reveal: "It falls, to 0.30."
  shows: 2
"""


@pytest.fixture
def predictions_file(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    (tmp_path / "predictions").mkdir()
    data.load_predictions.cache_clear()
    yield tmp_path / "predictions" / "ch02.yaml"
    data.load_predictions.cache_clear()


def test_a_prediction_reveals_only_after_a_choice(predictions_file):
    predictions_file.write_text(PREDICTION_OK)
    shown = predict.ask("ch02-test")
    page = shown.static_html()
    assert page.count('type="radio"') == 3 and "<em>model</em>" in page
    # The reveal follows the inputs as a sibling, which the CSS shows once one is checked.
    assert page.index('class="course-predict-reveal"') > page.rindex('type="radio"')
    assert "It falls, to 0.30." in page
    live = shown.widget()
    assert live.choice.value is None and live.reveal.value == ""
    live.choice.value = 1
    assert "It falls, to 0.30." in live.reveal.value


@pytest.mark.parametrize("change, message", [
    (("ch02-test:", "ch03-test:"), r"ids start with 'ch02-'"),
    (('  options: ["It rises", "It falls", "It stays"]', '  options: ["Only one"]'), r"field 'options': must list 2 to 5"),
    (("  shows: 2", "  shows: 4"), r"field 'shows': must be an option number from 1 to 3"),
    (("  reveal: \"It falls, to 0.30.\"\n", ""), r"field 'reveal': must be non-empty text"),
    (("  shows: 2", "  answer: 2"), r"unknown field\(s\) \['answer'\]"),
])
def test_bad_prediction_files_are_reported(predictions_file, change, message):
    predictions_file.write_text(PREDICTION_OK.replace(*change))
    with pytest.raises(data.DataError, match=message):
        data.load_predictions("ch02")


def test_asking_for_an_unknown_prediction_names_the_ones_there_are(predictions_file):
    predictions_file.write_text(PREDICTION_OK)
    with pytest.raises(ValueError, match=r"no prediction 'ch02-nope' .*available: \['ch02-test'\]"):
        predict.ask("ch02-nope")
