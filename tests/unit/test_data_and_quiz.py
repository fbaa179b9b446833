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


def test_every_quiz_and_sorter_a_chapter_shows_exists():
    shown = {"show": set(), "sort": set()}
    for notebook in sorted((data.DATA_DIR.parent / "chapters").glob("*.ipynb")):
        for kind, name in re.findall(r'quiz\.(show|sort)\(\\?"(\w+)\\?"\)', notebook.read_text()):
            shown[kind].add(name)
    assert shown["show"] and shown["show"] <= set(COURSE_QUIZZES)
    assert shown["sort"] <= {path.stem for path in (data.DATA_DIR / "sorters").glob("*.yaml")}


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


SORTER_OK = """instructions: Sort each reply.
categories:
  - {id: a, label: Alpha}
  - {id: b, label: Beta}
items:
  - {id: i1, text: One, answer: a, feedback: {a: Yes., b: No.}}
  - {id: i2, text: Two, answer: b, feedback: {a: No., b: Yes.}}
  - {id: i3, text: "<b>Three</b>", answer: a, feedback: {a: Yes., b: No.}}
"""


@pytest.mark.parametrize("body, message", [
    (SORTER_OK.replace("instructions: Sort each reply.", "instructions: ''"), "field 'instructions': must be non-empty"),
    (SORTER_OK.replace("  - {id: b, label: Beta}\n", ""), "field 'categories': must list 2 to 6"),
    (SORTER_OK.replace("{id: b, label: Beta}", "{id: a, label: Beta}"), r"category 2, field 'id': 'a' is used twice"),
    (SORTER_OK.replace("answer: b", "answer: c"), r"item 2 \(i2\), field 'answer': must be one of the category ids \['a', 'b'\]; got 'c'"),
    (SORTER_OK.replace("{a: No., b: Yes.}", "{a: No.}"), r"item 2 \(i2\), field 'feedback.b': must be non-empty"),
    (SORTER_OK.replace("{a: No., b: Yes.}", "{a: No., b: Yes., c: Maybe.}"), r"item 2 \(i2\), field 'feedback': \['c'\] are not category ids"),
    (SORTER_OK.replace("id: i2", "id: i1"), r"item 2 \(i1\), field 'id': 'i1' is used twice"),
    (SORTER_OK.split("  - {id: i2")[0], "field 'items': must list at least 3"),
])
def test_bad_sorter_files_are_reported(data_dir, body, message):
    (data_dir / "sorters").mkdir()
    (data_dir / "sorters" / "bad.yaml").write_text(body)
    with pytest.raises(DataError, match=message):
        data.load_sorter("bad")


def test_sorter_gives_feedback_on_every_category_live_and_static(data_dir):
    (data_dir / "sorters").mkdir()
    (data_dir / "sorters" / "s.yaml").write_text(SORTER_OK)
    sorter = quiz.sort("s")
    html = sorter.static_html()
    assert html.count('type="radio"') == 6 and html.count("course-quiz-feedback") == 6
    assert "Sort each reply." in html and "&lt;b&gt;Three&lt;/b&gt;" in html
    live = sorter.widget()
    live.choices[1].value = "Alpha"
    assert "Not quite." in live.feedback[1].value and "No." in live.feedback[1].value
    live.choices[1].value = "Beta"
    assert "Correct." in live.feedback[1].value and "1 of 3" in live.score.value


COURSE_SORTERS = sorted(path.stem for path in (data.DATA_DIR / "sorters").glob("*.yaml"))


@pytest.mark.parametrize("name", COURSE_SORTERS)
def test_course_sorters_have_enough_items(name):
    sorter = data.load_sorter(name)
    assert len(sorter["items"]) >= 6
    answers = {item["answer"] for item in sorter["items"]}
    assert answers == {c["id"] for c in sorter["categories"]}, "every category is the answer to some item"


REFLECTIONS_OK = """\
ch01:
- id: main
  title: Reflection
  prompts:
  - {id: ch01-main-1, text: First prompt.}
  - {id: ch01-main-2, text: Second prompt.}
ch02:
- id: main
  title: Reflection
  closing: A closing line.
  prompts:
  - {id: ch02-main-1, text: Third prompt.}
"""


@pytest.fixture
def reflections_file(data_dir):
    """Where a test writes reflections.yaml; the loader's cache is cleared around the test."""
    data.load_reflections.cache_clear()
    yield data_dir / "reflections.yaml"
    data.load_reflections.cache_clear()


@pytest.mark.parametrize("body, message", [
    ("ch01: [", "reflections.yaml: not valid YAML"),
    ("[]", "expected a mapping from chapter"),
    (REFLECTIONS_OK.replace("ch02:", "ch09:"), "chapter 'ch09': chapter keys must be ch00 to ch08"),
    (REFLECTIONS_OK.replace("  title: Reflection\n  closing", "  closing"), r"chapter 'ch02', set 1, field 'title': must be non-empty text"),
    (REFLECTIONS_OK.replace("closing: A closing line.", "closing: [a, list]"), r"set 1, field 'closing': must be text"),
    (REFLECTIONS_OK.replace("- {id: ch01-main-2, text: Second prompt.}", "- just text"), r"set 1, prompt 2: expected a mapping with id, text"),
    (REFLECTIONS_OK.replace("text: Second prompt.", "text: ' '"), r"prompt 2, field 'text': must be non-empty text"),
    (REFLECTIONS_OK.replace("id: ch02-main-1", "id: ch01-main-1"), r"chapter 'ch02', set 1, prompt 1, field 'id': 'ch01-main-1' is used twice in the file"),
    (REFLECTIONS_OK.replace("ch02:\n- id: main", "ch02:\n- id: main\n  title: Again\n  prompts: [{id: x, text: y}]\n- id: main"),
     r"chapter 'ch02', set 2, field 'id': 'main' is used twice in this chapter"),
])
def test_bad_reflection_files_are_reported(reflections_file, body, message):
    reflections_file.write_text(body)
    with pytest.raises(DataError, match=message):
        data.load_reflections()


def test_a_good_reflections_file_loads(reflections_file):
    reflections_file.write_text(REFLECTIONS_OK)
    loaded = data.load_reflections()
    assert [p["id"] for p in loaded["ch01"][0]["prompts"]] == ["ch01-main-1", "ch01-main-2"]
    assert loaded["ch02"][0]["closing"] == "A closing line."


# -- helplines (the care page) ----------------------------------------------------------------

def test_every_course_helpline_is_complete_and_sourced():
    data.load_helplines.cache_clear()
    lines = data.load_helplines()
    countries = {entry["country"] for entry in lines["helplines"]}
    # The essay comes from a Dutch practice; most readers are likely in these countries.
    assert {"Netherlands", "United Kingdom", "United States", "Australia"} <= countries
    for entry in lines["helplines"]:
        assert entry["service"] and entry["for"] and entry["sources"] and entry["checked"]
        assert data.tel_link(entry["phone"])[4:].lstrip("+").isdigit()
    assert "112" in {entry["number"] for entry in lines["emergency"]}


HELPLINES_OK = """\
emergency:
- {region: Somewhere, number: "112", sources: ["https://example.org/112"], checked: 2026-01-02}
helplines:
- country: Somewhere
  service: A line
  for: Anyone.
  phone: 0800 123
  sources: ["https://example.org/line"]
  checked: 2026-01-02
"""


@pytest.fixture
def helplines_file(data_dir):
    data.load_helplines.cache_clear()
    yield data_dir / "helplines.yaml"
    data.load_helplines.cache_clear()


@pytest.mark.parametrize("change, message", [
    (("emergency:", "urgent:"), r"expected a mapping with exactly the lists \['emergency', 'helplines'\]"),
    (("  service: A line\n", ""), r"helplines entry 1, field 'service': must be non-empty text"),
    (("phone: 0800 123", "phone: call us"), r"helplines entry 1 \(Somewhere\): 'call us' is not a phone number"),
    (("  checked: 2026-01-02", "  checked: 2099-01-02"), r"helplines entry 1 \(Somewhere\), field 'checked': must be the date of the check.*not after today"),
    (("  checked: 2026-01-02", "  checked: last week"), r"field 'checked': must be the date of the check"),
    (('sources: ["https://example.org/line"]', "sources: []"), r"field 'sources': list the web page"),
    (('sources: ["https://example.org/line"]', 'sources: ["example.org"]'), r"field 'sources', item 1: 'example.org' is not a web address"),
    (('sources: ["https://example.org/line"]', 'sources: ["https://example.org/a?b=1&c=2"]'), r"no '&': MyST breaks such links"),
    (("  phone: 0800 123", "  phone: 0800 123\n  hourz: always"), r"unknown field\(s\) \['hourz'\]"),
    (("  phone: 0800 123", "  phone: 0800 123\n  hours: ''"), r"field 'hours': must be non-empty text when given"),
    (("  phone: 0800 123", "  phone: 0800 123\n  website: www.example.org"), r"field 'website': 'www.example.org' is not a web address"),
])
def test_bad_helpline_files_are_reported(helplines_file, change, message):
    assert change[0] in HELPLINES_OK
    helplines_file.write_text(HELPLINES_OK.replace(*change))
    with pytest.raises(DataError, match=message):
        data.load_helplines()


def test_a_good_helplines_file_loads(helplines_file):
    helplines_file.write_text(HELPLINES_OK)
    assert data.load_helplines()["helplines"][0]["service"] == "A line"
    assert data.tel_link("+1 800-799-7233") == "tel:+18007997233"
