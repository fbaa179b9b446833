"""The private journal never loses or exposes what the learner wrote."""
import json
import multiprocessing
import os
from pathlib import Path

import pytest

from widgets import journal
from widgets.journal import Journal, JournalError


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_JOURNAL_DIR", str(tmp_path / "journal"))
    return tmp_path / "journal"


def test_answers_survive_a_new_session(folder):
    Journal().save_answer("ch01", "p1", "First thoughts.\nSecond line.")
    Journal().record_self_check("ch01", answered=5, correct=4, total=8)
    later = Journal()                       # as after a kernel restart or reopening the course
    assert later.answer("ch01", "p1") == "First thoughts.\nSecond line."
    assert later.progress([("ch01", 3), ("ch02", 2)]) == [
        {"chapter": "ch01", "reflections": 1, "prompts": 3,
         "self_check": {"answered": 5, "correct": 4, "total": 8}},
        {"chapter": "ch02", "reflections": 0, "prompts": 2, "self_check": None}]
    Journal().save_answer("ch01", "p1", "   ")   # an empty answer removes it
    assert Journal().answer("ch01", "p1") == ""


def test_a_crash_while_writing_keeps_the_previous_version(folder, monkeypatch):
    Journal().save_answer("ch02", "p1", "kept")
    before = (folder / "journal.json").read_bytes()

    def crash(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr(journal.json, "dump", crash)
    with pytest.raises(OSError, match="disk full"):
        Journal().save_answer("ch02", "p2", "lost in the crash")
    assert (folder / "journal.json").read_bytes() == before
    assert [p.name for p in folder.iterdir() if p.suffix == ".tmp"] == []


@pytest.mark.parametrize("garbage", [b"{not json", b"\xff\xfe\x00", b'{"version": 99}', b"[]",
                                     b'{"version": 1, "reflections": {"ch01": {"p": "bare"}}, "self_checks": {}}'])
def test_a_corrupt_journal_is_kept_aside_and_reported_never_overwritten(folder, garbage):
    folder.mkdir(parents=True)
    (folder / "journal.json").write_bytes(garbage)
    book = Journal()
    book.save_answer("ch03", "p1", "new answer")
    aside = list(folder.glob("journal.unreadable-*.json"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    assert "kept aside" in book.notice and aside[0].name in book.notice
    assert Journal().answer("ch03", "p1") == "new answer"


def test_an_unreadable_journal_stops_every_write(folder, monkeypatch):
    Journal().save_answer("ch04", "p1", "private")
    before = (folder / "journal.json").read_bytes()
    real = Path.read_bytes

    def refuse(self):
        if self.name == "journal.json":
            raise PermissionError(13, "Permission denied")
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(JournalError, match="cannot be read .*Nothing was changed"):
        Journal().save_answer("ch04", "p2", "must not replace the journal")
    monkeypatch.undo()
    assert (folder / "journal.json").read_bytes() == before


def test_text_shown_back_is_escaped():
    assert journal.escape('<script>alert("x")</script>\nok') == \
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>ok"


def _save_many(folder, chapter, n):
    os.environ["COURSE_JOURNAL_DIR"] = folder
    for k in range(n):
        Journal().save_answer(chapter, f"p{k}", f"{chapter} answer {k}")


def test_two_notebooks_saving_at_once_lose_nothing(folder):
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_save_many, args=(str(folder), chapter, 25)) for chapter in ("ch05", "ch06")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    data = json.loads((folder / "journal.json").read_text())
    for chapter in ("ch05", "ch06"):
        assert len(data["reflections"][chapter]) == 25
        assert data["reflections"][chapter]["p24"]["text"] == f"{chapter} answer 24"


def test_export_and_delete_everything(folder, tmp_path):
    book = Journal()
    book.save_answer("ch07", "p1", "An answer with <b>markup</b>.")
    exported = book.export_markdown({"ch07": [{"id": "p1", "text": "What did you notice?"}]})
    text = exported.read_text()
    assert "**What did you notice?**" in text and "An answer with <b>markup</b>." in text
    elsewhere = book.export_markdown({}, tmp_path / "copy.md")
    assert elsewhere.exists()
    removed = book.delete_everything()
    assert {p.name for p in removed} == {"journal.json", "journal-export.md"}
    assert Journal().load()["reflections"] == {}


def test_showing_a_corrupt_journal_reports_it_without_touching_it(folder):
    folder.mkdir(parents=True)
    (folder / "journal.json").write_bytes(b"{broken")
    book = Journal()
    assert book.load()["reflections"] == {}
    assert "could not be read" in book.notice
    assert (folder / "journal.json").read_bytes() == b"{broken"
    assert not list(folder.glob("journal.unreadable-*"))


# -- the displays ------------------------------------------------------------------------------

from widgets import data, quiz  # noqa: E402


def test_book_shows_prompts_as_prompts_with_a_privacy_note():
    html = journal.prompts("ch05", "stage1", "stage2", "stage3").static_html()
    assert html.count('class="admonition reflection course-reflection"') == 3
    assert "nothing you think or write here is saved" in html and "Paper kept somewhere private" in html
    assert 'href="../book/care.html#your-journal"' in html and "<textarea" not in html
    with pytest.raises(ValueError, match="no reflection set \\['stage9'\\]"):
        journal.prompts("ch05", "stage9")


def test_answers_typed_in_jupyterlab_are_saved_and_come_back(folder):
    first = journal.prompts("ch03").widget()
    prompt_id = data.load_reflections()["ch03"][0]["prompts"][1]["id"]
    first.boxes[prompt_id].value = "<script>alert('x')</script> my answer"
    first.save(prompt_id)
    assert "Saved" in first.status[prompt_id].value
    again = journal.prompts("ch03").widget()          # a new session shows the saved answer
    assert again.boxes[prompt_id].value == "<script>alert('x')</script> my answer"
    overview = journal.overview().widget()
    assert "<script" not in overview.table.value and "1 of 4" in overview.table.value


def test_a_corrupt_journal_is_reported_in_the_view_and_kept_aside_on_save(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "journal.json").write_text("<script>not json")
    live = journal.prompts("ch01").widget()
    assert "could not be read" in live.box.children[0].value
    prompt_id = next(iter(live.boxes))
    live.boxes[prompt_id].value = "new"
    live.save(prompt_id)
    assert "kept aside" in live.status[prompt_id].value
    assert [p.read_text() for p in folder.glob("journal.unreadable-*.json")] == ["<script>not json"]


def test_self_check_progress_is_kept_only_after_the_learner_turns_it_on(folder):
    live = quiz.show("ch02").widget()
    question = live.quiz.questions[0]
    assert live.keep.value is False
    live.choices[0].value = next(o["text"] for o in question["options"] if o["correct"])
    assert not (folder / "journal.json").exists()
    live.keep.value = True
    record = Journal().load()["self_checks"]["ch02"]
    assert record == {"answered": 1, "correct": 1, "total": len(live.choices)}
    overview = journal.overview().widget()
    assert f"1 of {len(live.choices)} answered, 1 correct" in overview.table.value
    # The choice is remembered by the next self-check; turning it off forgets the progress.
    other = quiz.show("ch03").widget()
    assert other.keep.value is True
    other.keep.value = False
    assert Journal().load()["self_checks"] == {} and not Journal().keeps_progress()
    other.choices[0].value = other.quiz.questions[0]["options"][0]["text"]
    assert Journal().load()["self_checks"] == {}


def test_an_older_journal_without_settings_still_loads(folder):
    folder.mkdir()
    (folder / "journal.json").write_text('{"version": 1, "reflections": {"ch01": {"p1": {"text": "kept"}}}, '
                                         '"self_checks": {}}')
    assert Journal().answer("ch01", "p1") == "kept" and not Journal().keeps_progress()
    with pytest.raises(TypeError, match="keep must be True or False"):
        Journal().set_keep_progress("yes")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_journal_folder_file_and_export_are_readable_by_their_owner_only(folder):
    Journal().save_answer("ch01", "p1", "private")
    target = Journal().export_markdown({})
    for path in (folder, folder / "journal.json", target):
        assert path.stat().st_mode & 0o077 == 0, f"{path} is readable by others: {oct(path.stat().st_mode)}"


@pytest.mark.parametrize("place, env, words", [
    ("computer", {}, ["your own computer", "not encrypted", "manages the computer"]),
    ("hub", {"JUPYTERHUB_USER": "student1"}, ["course server", "not on your own device", "run the server can read it"]),
])
def test_the_live_privacy_note_says_where_the_journal_is_and_who_can_read_it(folder, monkeypatch, place, env, words):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert journal.current_place() == place
    live = journal.prompts("ch01").widget()
    note = live.box.children[0].value
    for word in words + [str(folder / "journal.json"), "Paper kept somewhere private", "Delete everything"]:
        assert word in note, word
    overview = journal.overview().widget()
    assert words[0] in overview.box.children[0].value


def test_every_place_the_course_runs_has_a_privacy_sentence():
    assert set(journal.WHERE_KEPT) == {"computer", "hub", "browser"}
    assert "browser's storage" in journal.where_kept("browser")
    with pytest.raises(ValueError, match="place must be one of"):
        journal.where_kept("cloud")


def test_overview_exports_and_deletes_only_when_confirmed(folder):
    Journal().save_answer("ch08", "ch08-main-1", "to export")
    overview = journal.overview().widget()
    target = overview.export()
    assert "to export" in target.read_text() and "Exported to" in overview.message.value
    assert overview.delete() == [] and "Tick" in overview.message.value
    overview.confirm.value = True
    removed = overview.delete()
    assert {p.name for p in removed} == {"journal.json", "journal-export.md"}
    assert Journal().answer("ch08", "ch08-main-1") == ""
    assert "not started" in overview.table.value


def test_in_the_browser_the_journal_is_kept_in_the_sites_storage(monkeypatch):
    """JupyterLite keeps what the kernel writes below /drive in the browser's storage for the site;
    anywhere else is lost when the tab closes (tests/e2e/test_lite.py reloads the page to check)."""
    monkeypatch.delenv("COURSE_JOURNAL_DIR", raising=False)
    monkeypatch.setattr(journal.sys, "platform", "emscripten")
    assert journal.current_place() == "browser"
    assert journal.journal_dir() == journal.BROWSER_DRIVE / ".hall-of-mirrors"


@pytest.mark.parametrize("place, mode", [("computer", 0o700), ("browser", None)])
def test_a_new_journal_folder_is_the_owners_only_except_in_the_browser(tmp_path, monkeypatch, place, mode):
    """The browser's storage has no owners, and JupyterLite keeps a folder made with a mode as a
    file (what is written in it is lost): there the folder gets the default."""
    monkeypatch.setattr(journal, "current_place", lambda: place)
    made = []
    real_mkdir = type(tmp_path).mkdir
    monkeypatch.setattr(type(tmp_path), "mkdir", lambda self, *a, **k: (made.append(k.get("mode")), real_mkdir(self, *a, **k))[1])
    with journal._exclusive(tmp_path / "journal-folder"):
        pass
    assert made == [mode]
