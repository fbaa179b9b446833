"""The data loader validates every file; quizzes give feedback on every answer."""
import re

import pytest

from widgets import data, quiz
from widgets.data import DataError


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    (tmp_path / "quizzes").mkdir()
    return tmp_path


def test_bad_cell_names_file_line_and_column(data_dir):
    (data_dir / "chapters.csv").write_text(
        "number,title,notebook,essay_section\n0,Intro,00_intro,opening\n12,Too far,x,y\n")
    with pytest.raises(DataError, match=r"chapters.csv, line 3, column 'number': must be between 0 and 8; got 12"):
        data.read_table("chapters.csv", {"number": data._integer(0, 8), "title": data._text,
                                         "notebook": data._text, "essay_section": data._text})


def test_missing_column_and_duplicate_key(data_dir):
    (data_dir / "t.csv").write_text("id,label\na,A\na,B\n")
    with pytest.raises(DataError, match=r"t.csv, line 3, column 'id': 'a' already used on line 2"):
        data.read_table("t.csv", {"id": data._slug, "label": data._text}, unique="id")
    with pytest.raises(DataError, match=r"t.csv, line 1 \(header\): missing column\(s\) \['kind'\]"):
        data.read_table("t.csv", {"id": data._slug, "kind": data._text})
    with pytest.raises(DataError, match="nope.csv: data file not found"):
        data.read_table("nope.csv", {})


@pytest.mark.parametrize("body, message", [
    ("questions: []", "non-empty list 'questions'"),
    ("questions:\n  - id: q1\n    prompt: P\n    options:\n      - {text: A, correct: true, feedback: F}\n",
     "question 1 \\(q1\\), field 'options': must list 2 to 6"),
    ("questions:\n  - id: q1\n    prompt: P\n    options:\n      - {text: A, correct: true, feedback: F}\n"
     "      - {text: B, correct: true, feedback: G}\n", "exactly one option must be correct"),
    ("questions:\n  - id: q1\n    prompt: P\n    options:\n      - {text: A, correct: true, feedback: F}\n"
     "      - {text: B, correct: false}\n", "option 2, field 'feedback'"),
    ("questions:\n  - id: q1\n    prompt: P\n    options:\n      - {text: A, correct: yes please, feedback: F}\n"
     "      - {text: B, correct: false, feedback: G}\n", "option 1, field 'correct'"),
    ("questions: [", "not valid YAML"),
])
def test_bad_quiz_files_are_reported(data_dir, body, message):
    (data_dir / "quizzes" / "bad.yaml").write_text(body)
    with pytest.raises(DataError, match=message):
        data.load_quiz("bad")


COURSE_QUIZZES = sorted(path.stem for path in (data.DATA_DIR / "quizzes").glob("*.yaml"))


def test_every_quiz_a_chapter_shows_exists():
    shown = set()
    for notebook in sorted((data.DATA_DIR.parent / "chapters").glob("*.ipynb")):
        shown |= set(re.findall(r'quiz\.show\(\\?"(\w+)\\?"\)', notebook.read_text()))
    assert shown and shown <= set(COURSE_QUIZZES)


@pytest.mark.parametrize("chapter", COURSE_QUIZZES)
def test_course_quizzes_have_feedback_everywhere(chapter):
    questions = data.load_quiz(chapter)["questions"]
    assert len(questions) >= 5
    html = quiz.show(chapter).static_html()
    options = sum(len(q["options"]) for q in questions)
    assert html.count('type="radio"') == options
    assert html.count("course-quiz-feedback") == options
    assert html.count("<fieldset") == len(questions)


def test_live_quiz_gives_feedback_on_each_choice_and_counts(data_dir):
    (data_dir / "quizzes" / "t.yaml").write_text(
        "questions:\n  - id: q1\n    prompt: Two plus two?\n    options:\n"
        "      - {text: '4', correct: true, feedback: Arithmetic.}\n"
        "      - {text: '<script>5</script>', correct: false, feedback: Off by one.}\n")
    live = quiz.show("t").widget()
    assert "0 of 1" in live.score.value
    live.choices[0].value = "<script>5</script>"
    assert "Not quite." in live.feedback[0].value and "Off by one." in live.feedback[0].value
    live.choices[0].value = "4"
    assert "Correct." in live.feedback[0].value and "1 of 1" in live.score.value
    assert "&lt;script&gt;" in quiz.show("t").static_html()
