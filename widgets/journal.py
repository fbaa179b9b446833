"""The learner's private journal: reflection answers and, only when the learner turns it on,
self-check progress.

Nothing here is sent anywhere by the course. Answers live in one JSON file in the Jupyter data
folder of whoever runs the kernel (``jupyter --data-dir``, subfolder ``hall-of-mirrors``; set
``COURSE_JOURNAL_DIR`` to use another folder). Where that is, and who else can read it, depends on
where the chapter runs (:func:`current_place`, :data:`WHERE_KEPT`): the learner's own computer, a
JupyterHub server, or the browser's storage. The folder is made readable by its owner only and
the file is never lost or exposed:

* **atomic writes** – a new version is written to a temporary file in the same folder, flushed to
  disk and moved over the old one in one step, so a crash leaves the old or the new version;
* **no lost updates** – every change re-reads the file under an exclusive lock, so two notebooks
  saving at the same moment both keep their answers;
* **corrupt files are kept aside** – a journal that cannot be parsed is reported when shown and
  renamed (never overwritten) before the next save; a journal that cannot be *read*
  (permissions) stops every write;
* **text is escaped** wherever it is shown back as HTML.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import os
import sys
import tempfile
from pathlib import Path

from .data import load_chapters, load_reflections
from .dual import DualDisplay, inline_markdown

FILE_NAME = "journal.json"
VERSION = 1


class JournalError(RuntimeError):
    """The journal cannot be read or written; the message says what happened and where."""


# In the reader's browser (JupyterLite), what the kernel writes below /drive is kept in the
# browser's storage for the course's site; anything written elsewhere is gone when the tab closes.
BROWSER_DRIVE = Path("/drive")


def journal_dir() -> Path:
    """Folder of the journal: ``COURSE_JOURNAL_DIR``; in the browser ``/drive/.hall-of-mirrors``
    (the site's storage); else ``<jupyter data dir>/hall-of-mirrors``."""
    override = os.environ.get("COURSE_JOURNAL_DIR")
    if override:
        return Path(override)
    if current_place() == "browser":
        return BROWSER_DRIVE / ".hall-of-mirrors"
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "hall-of-mirrors"


def current_place() -> str:
    """Where this kernel runs: ``"browser"`` (Pyodide, e.g. JupyterLite), ``"hub"`` (a JupyterHub
    server sets ``JUPYTERHUB_USER``) or ``"computer"`` (the learner's own Jupyter)."""
    if sys.platform == "emscripten":
        return "browser"
    if os.environ.get("JUPYTERHUB_USER"):
        return "hub"
    return "computer"


# Where the journal is kept in each place the course runs, and who else can read it there.
WHERE_KEPT = {
    "computer": ("On your own computer, the journal is a plain-text file in your Jupyter data folder "
                 "({path}). It is not encrypted: anyone who can use your account on this computer, "
                 "or who manages the computer, can open it."),
    "hub": ("On a course server (JupyterHub), the journal is a file in your folder on that server "
            "({path}), not on your own device. The people who run the server can read it, and it "
            "stays there until you delete it."),
    "browser": ("When a chapter runs inside your web browser, the journal is kept in this browser's "
                "storage for the course's site. Anyone who uses this browser profile can open it; "
                "clearing the site's data in the browser deletes it."),
}
PAPER = "Paper kept somewhere private is the safest choice: nothing is saved anywhere."
FORGET = "“Delete everything” under “My journal” in the introduction removes all of it in one step."


def where_kept(place: str | None = None, path: Path | str | None = None) -> str:
    """One sentence on where the journal is kept in ``place`` (default :func:`current_place`)
    and who else can read it there; ``path`` is the journal file (default: the usual one)."""
    place = place or current_place()
    if place not in WHERE_KEPT:
        raise ValueError(f"place must be one of {list(WHERE_KEPT)}; got {place!r}")
    return WHERE_KEPT[place].format(path=path or Path(journal_dir()) / FILE_NAME)


def _empty() -> dict:
    return {"version": VERSION, "reflections": {}, "self_checks": {}, "settings": {}}


def _valid(data) -> bool:
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return False
    reflections, checks = data.get("reflections"), data.get("self_checks")
    if not isinstance(reflections, dict) or not isinstance(checks, dict):
        return False
    settings = data.get("settings", {})  # journals written before settings existed have none
    if not isinstance(settings, dict) or not all(isinstance(v, bool) for v in settings.values()):
        return False
    for answers in reflections.values():
        if not isinstance(answers, dict) or not all(
                isinstance(a, dict) and isinstance(a.get("text"), str) for a in answers.values()):
            return False
    return all(isinstance(c, dict) and all(isinstance(c.get(k), int) for k in ("answered", "correct", "total"))
               for c in checks.values())


@contextlib.contextmanager
def _exclusive(folder: Path):
    """Hold an exclusive lock on ``folder/journal.lock`` (blocks until other writers are done).
    A folder made here is readable by its owner only (the journal file itself is, too)."""
    if not folder.exists():
        # The browser's storage has no owners; JupyterLite keeps a folder made with a mode
        # (0700) as a file and loses what is written in it, so there it gets the default.
        folder.mkdir(parents=True, **({} if current_place() == "browser" else {"mode": 0o700}))
    with open(folder / "journal.lock", "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            if not hasattr(fcntl, "flock"):  # the browser (Pyodide) has no file locks, and a kernel
                yield                        # of its own in each tab: nothing to wait for
                return
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class Journal:
    """The journal file in ``folder`` (default :func:`journal_dir`).

    Attributes
    ----------
    notice : str
        A message for the learner about the last load, e.g. that a corrupt file was kept aside;
        empty when all is well.
    """

    def __init__(self, folder: Path | str | None = None):
        self.folder = Path(folder) if folder is not None else journal_dir()
        self.path = self.folder / FILE_NAME
        self.notice = ""

    # -- reading and writing --------------------------------------------------------------------
    def _read(self, repair: bool = False) -> dict:
        """The current contents (call with the lock held). A file that cannot be parsed is
        reported in :attr:`notice`; with ``repair`` it is also moved aside so a new one can start."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return _empty()
        except OSError as error:
            raise JournalError(f"The journal {self.path} cannot be read ({error.strerror}). Nothing was "
                               "changed; check the file's permissions.") from error
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = None
        if not _valid(data):
            if not repair:
                self.notice = (f"Your journal file {self.path} could not be read. It will be kept aside "
                               "(not deleted) and a new journal started when you next save.")
                return _empty()
            aside = self._keep_aside()
            self.notice = (f"Your journal file could not be read, so it was kept aside as {aside} "
                           "(nothing in it was deleted) and a new journal was started.")
            return _empty()
        data.setdefault("settings", {})
        return data

    def _keep_aside(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = self.path.with_name(f"journal.unreadable-{stamp}.json")
        os.replace(self.path, aside)
        return aside

    def _write(self, data: dict) -> None:
        descriptor, temporary = tempfile.mkstemp(dir=self.folder, prefix=".journal-", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    def _update(self, change) -> dict:
        with _exclusive(self.folder):
            data = self._read(repair=True)
            change(data)
            self._write(data)
        return data

    def load(self) -> dict:
        """Everything in the journal (a fresh copy)."""
        if not self.path.exists():
            return _empty()
        with _exclusive(self.folder):
            return self._read()

    # -- the learner's actions -----------------------------------------------------------------
    def save_answer(self, chapter: str, prompt_id: str, text: str) -> None:
        """Keep ``text`` as the answer to ``prompt_id`` of ``chapter`` (an empty text removes it)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a string; got {type(text).__name__}")
        stamp = dt.datetime.now().isoformat(timespec="seconds")

        def change(data):
            answers = data["reflections"].setdefault(chapter, {})
            if text.strip():
                answers[prompt_id] = {"text": text, "saved": stamp}
            else:
                answers.pop(prompt_id, None)
        self._update(change)

    def answer(self, chapter: str, prompt_id: str) -> str:
        """The saved answer to a prompt, or ``""``."""
        return self.load()["reflections"].get(chapter, {}).get(prompt_id, {}).get("text", "")

    def keeps_progress(self) -> bool:
        """Whether the learner has asked to keep self-check progress (off until they turn it on)."""
        return bool(self.load()["settings"].get("keep_progress", False))

    def set_keep_progress(self, keep: bool) -> None:
        """Turn keeping self-check progress on or off; turning it off also forgets what was kept."""
        if not isinstance(keep, bool):
            raise TypeError(f"keep must be True or False; got {keep!r}")
        if not keep and not self.path.exists():
            return  # nothing kept, nothing to write

        def change(data):
            data["settings"]["keep_progress"] = keep
            if not keep:
                data["self_checks"].clear()
        self._update(change)

    def record_self_check(self, chapter: str, answered: int, correct: int, total: int) -> None:
        """Keep how far the learner got with a chapter's self-check (callers check
        :meth:`keeps_progress` first: progress is kept only when the learner has asked)."""
        def change(data):
            data["self_checks"][chapter] = {"answered": int(answered), "correct": int(correct), "total": int(total)}
        self._update(change)

    def progress(self, chapters) -> list[dict]:
        """For each ``(chapter, n_prompts)``: reflections answered and the self-check record."""
        data = self.load()
        rows = []
        for chapter, n_prompts in chapters:
            check = data["self_checks"].get(chapter)
            rows.append({"chapter": chapter, "reflections": len(data["reflections"].get(chapter, {})),
                         "prompts": n_prompts, "self_check": check})
        return rows

    def export_markdown(self, prompts: dict, target: Path | str | None = None) -> Path:
        """Write every answer to one Markdown file and return its path.

        Parameters
        ----------
        prompts : dict
            Chapter -> list of ``{"id", "text"}`` prompts, used to print each question.
        target : path, optional
            Where to write; default ``journal-export.md`` in the journal folder.
        """
        data = self.load()
        lines = ["# My journal: Leaving the Hall of Mirrors", "",
                 f"Exported {dt.datetime.now():%Y-%m-%d %H:%M}. This file is plain text, kept next to "
                 "the journal; delete it when you no longer need it.", ""]
        for chapter, answers in sorted(data["reflections"].items()):
            texts = {p["id"]: p["text"] for p in prompts.get(chapter, [])}
            lines += [f"## {chapter}", ""]
            for prompt_id, entry in answers.items():
                lines += [f"**{texts.get(prompt_id, prompt_id)}**", "", entry["text"], "",
                          f"*Saved {entry['saved']}*" if entry.get("saved") else "", ""]
        target = Path(target) if target is not None else self.folder / "journal-export.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        # Readable by its owner only, like the journal.
        with open(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines))
        return target

    def delete_everything(self) -> list[Path]:
        """Delete the journal, its exports and any files kept aside; return what was deleted."""
        removed = []
        with _exclusive(self.folder):
            for path in sorted(self.folder.glob("journal*")):
                if path.name == "journal.lock":
                    continue
                path.unlink()
                removed.append(path)
        return removed


def escape(text: str) -> str:
    """Text typed by the learner, safe to show inside HTML (line breaks kept)."""
    return html.escape(text).replace("\n", "<br>")


# -- displays: prompts with private answer boxes, and the journal overview ----------------------

OPTIONAL = "These prompts are private and optional; skip any that don't feel right today."
PRIVACY_BOOK = (f"{OPTIONAL} In the book, nothing you think or write here is saved. {PAPER} When a "
                "chapter runs live, you can also save answers in a journal; where that is kept, and "
                "who else can read it there, is on the [care page](../book/care.md#your-journal).")


def privacy_live(path: Path | str | None = None) -> str:
    """The reflection prompts' privacy note where the chapter runs now."""
    return (f"{OPTIONAL} Save keeps an answer in your journal. {where_kept(path=path)} "
            f"Nothing is sent anywhere by the course. {PAPER} {FORGET}")


class Reflections(DualDisplay):
    """Reflection prompts of one chapter: answer boxes in JupyterLab, a list in the book.

    Parameters
    ----------
    chapter : str
        Chapter key in ``data/reflections.yaml``, e.g. ``"ch03"``.
    sets : sequence of str
        Prompt sets to show, by id (default: ``"main"``).
    journal : Journal, optional
        Where answers are kept (default: the learner's journal).
    """

    def __init__(self, chapter: str, sets=("main",), journal: Journal | None = None):
        available = {s["id"]: s for s in load_reflections().get(chapter, [])}
        missing = [s for s in sets if s not in available]
        if missing:
            raise ValueError(f"no reflection set {missing} for {chapter!r}; available: {sorted(available)}")
        self.chapter = chapter
        self.sets = [available[s] for s in sets]
        self.journal = journal

    def __repr__(self):
        return f"Reflections({self.chapter!r}, {[s['id'] for s in self.sets]})"

    def static_html(self) -> str:
        parts = []
        for prompt_set in self.sets:
            items = "".join(f"<li>{inline_markdown(p['text'], book=True)}</li>" for p in prompt_set["prompts"])
            closing = f"<p>{inline_markdown(prompt_set['closing'], book=True)}</p>" if prompt_set.get("closing") else ""
            parts.append(f'<div class="admonition reflection course-reflection">'
                         f'<p class="admonition-title">{html.escape(prompt_set["title"])}</p>'
                         f"<p>{inline_markdown(PRIVACY_BOOK, book=True)}</p><ul>{items}</ul>{closing}</div>")
        return "".join(parts)

    def widget(self) -> "LiveReflections":
        return LiveReflections(self)


class LiveReflections:
    """ipywidgets version: ``boxes[prompt_id]`` is the answer's text area, ``save(prompt_id)``
    keeps it, ``status[prompt_id]`` reports the result."""

    def __init__(self, view: Reflections):
        import ipywidgets as ipw

        self.view = view
        self.journal = view.journal or Journal()
        saved = self.journal.load()["reflections"].get(view.chapter, {})
        self.boxes, self.status = {}, {}
        rows = []
        if self.journal.notice:
            rows.append(ipw.HTML(f'<p class="course-journal-notice">{escape(self.journal.notice)}</p>'))
        for prompt_set in view.sets:
            rows.append(ipw.HTML(f"<p><strong>{html.escape(prompt_set['title'])}</strong></p>"
                                 f"<p><em>{html.escape(privacy_live(self.journal.path))}</em></p>"))
            for prompt in prompt_set["prompts"]:
                box = ipw.Textarea(value=saved.get(prompt["id"], {}).get("text", ""),
                                   placeholder="Your private answer (optional)",
                                   layout=ipw.Layout(width="100%", height="5em"))
                button = ipw.Button(description="Save", tooltip="Keep this answer in your private journal")
                status = ipw.HTML()
                button.on_click(lambda _button, key=prompt["id"]: self.save(key))
                self.boxes[prompt["id"]], self.status[prompt["id"]] = box, status
                rows += [ipw.HTML(f"<p>{inline_markdown(prompt['text'], book=False)}</p>"), box,
                         ipw.HBox([button, status])]
            if prompt_set.get("closing"):
                rows.append(ipw.HTML(f"<p>{inline_markdown(prompt_set['closing'], book=False)}</p>"))
        self.box = ipw.VBox(rows)

    def save(self, prompt_id: str) -> None:
        try:
            self.journal.save_answer(self.view.chapter, prompt_id, self.boxes[prompt_id].value)
        except (JournalError, OSError) as error:
            self.status[prompt_id].value = f'<span class="course-journal-error">Not saved: {escape(str(error))}</span>'
            return
        note = f" {escape(self.journal.notice)}" if self.journal.notice else ""
        self.status[prompt_id].value = f"<span>Saved {dt.datetime.now():%H:%M:%S} in your journal.{note}</span>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.box._repr_mimebundle_(include=include, exclude=exclude)


def prompts(chapter: str, *sets: str) -> Reflections:
    """The reflection prompts of ``chapter`` (sets by id; default ``"main"``)."""
    return Reflections(chapter, sets or ("main",))


def chapter_keys() -> list[tuple[str, int]]:
    """(chapter key, number of reflection prompts) for every chapter of the course."""
    reflections = load_reflections()
    return [(f"ch{n:02d}", sum(len(s["prompts"]) for s in reflections.get(f"ch{n:02d}", [])))
            for n in load_chapters().number]


class Overview(DualDisplay):
    """“My journal”: what is done, export to Markdown, delete everything (JupyterLab only)."""

    def __init__(self, journal: Journal | None = None):
        self.journal = journal

    def __repr__(self):
        return "Overview()"

    def static_html(self) -> str:
        return ('<div class="admonition note course-journal"><p class="admonition-title">My journal</p>'
                "<p>When a chapter runs live, this box shows which chapters' reflections and "
                "self-checks you have done, and lets you export all your answers to one Markdown "
                "file or delete them all in one step. This book keeps nothing. Where a journal is "
                'kept in each place the course runs, and who else can read it there, is on the '
                '<a href="../book/care.html#your-journal">care page</a>.</p></div>')

    def widget(self) -> "LiveOverview":
        return LiveOverview(self)


class LiveOverview:
    """ipywidgets version: ``table`` (progress), ``export()``, ``delete()`` (needs ``confirm``)."""

    def __init__(self, view: Overview):
        import ipywidgets as ipw

        self.journal = view.journal or Journal()
        self.table, self.message = ipw.HTML(), ipw.HTML()
        self.export_button = ipw.Button(description="Export to Markdown")
        self.confirm = ipw.Checkbox(value=False, description="Yes, delete all my answers", indent=False)
        self.delete_button = ipw.Button(description="Delete everything", button_style="danger")
        self.export_button.on_click(lambda _b: self.export())
        self.delete_button.on_click(lambda _b: self.delete())
        self.refresh()
        self.box = ipw.VBox([ipw.HTML(f"<p>{escape(where_kept(path=self.journal.path))} {escape(PAPER)}</p>"), self.table,
                             ipw.HBox([self.export_button, self.confirm, self.delete_button]), self.message])

    def refresh(self) -> None:
        rows = []
        for row in self.journal.progress(chapter_keys()):
            check = row["self_check"]
            done = (f"{check['answered']} of {check['total']} answered, {check['correct']} correct"
                    if check else "not started")
            rows.append(f"<tr><th scope=\"row\">{escape(row['chapter'])}</th>"
                        f"<td>{row['reflections']} of {row['prompts']}</td><td>{escape(done)}</td></tr>")
        notice = f'<p class="course-journal-notice">{escape(self.journal.notice)}</p>' if self.journal.notice else ""
        self.table.value = (notice + '<table class="course-table"><thead><tr><th scope="col">Chapter</th>'
                            '<th scope="col">Reflections answered</th><th scope="col">Self-check</th></tr>'
                            "</thead><tbody>" + "".join(rows) + "</tbody></table>")

    def export(self) -> Path | None:
        prompts_by_chapter = {ch: [p for s in sets for p in s["prompts"]] for ch, sets in load_reflections().items()}
        try:
            target = self.journal.export_markdown(prompts_by_chapter)
        except (JournalError, OSError) as error:
            self.message.value = f"<p>Export failed: {escape(str(error))}</p>"
            return None
        self.message.value = f"<p>Exported to <code>{escape(str(target))}</code>.</p>"
        return target

    def delete(self) -> list[Path]:
        if not self.confirm.value:
            self.message.value = "<p>Tick “Yes, delete all my answers” first.</p>"
            return []
        removed = self.journal.delete_everything()
        self.confirm.value = False
        self.message.value = f"<p>Deleted {len(removed)} file(s). Your journal is empty.</p>"
        self.refresh()
        return removed

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.box._repr_mimebundle_(include=include, exclude=exclude)


def overview() -> Overview:
    """The “My journal” view."""
    return Overview()
