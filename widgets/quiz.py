"""Self-check questions with feedback on every answer, live in JupyterLab and in the book.

Questions live in ``data/quizzes/<chapter>.yaml``. The live version uses ipywidgets radio
buttons; the book version is plain HTML radio buttons whose feedback is revealed by CSS
(``book/_static/course.css``), so it works with no kernel and no script, by mouse or keyboard.
Nothing the learner chooses is sent anywhere. The live version keeps progress in the learner's
journal only after they tick "Keep my progress in my journal" (off by default; the choice is
remembered in the journal, and unticking it forgets the progress kept).
"""
from __future__ import annotations

import html
import random

from .data import load_quiz, load_sorter
from .dual import DualDisplay
from .journal import Journal, JournalError, escape

INTRO = ("Choose an answer to see feedback on it. You can try every option. Nothing is sent "
         "anywhere, and nothing you choose is saved unless you turn on keeping your progress "
         "(only where the chapter runs live).")
KEEP_LABEL = "Keep my progress in my journal"


def balanced_order(chapter: str, questions: list[dict]) -> list[dict]:
    """The questions with their options reordered, the same way every time (book and JupyterLab
    alike): the correct option's position spreads evenly over the positions across the chapter,
    in an order seeded by the chapter, and the other options are shuffled by a seed from the
    question's id. The file's order stays the authors' order (the answer key uses it)."""
    rng = random.Random(f"positions-{chapter}")
    used = [0] * max(len(q["options"]) for q in questions)
    ordered = []
    for question in questions:
        options = question["options"]
        fewest = min(used[:len(options)])
        position = rng.choice([k for k in range(len(options)) if used[k] == fewest])
        used[position] += 1
        others = [o for o in options if not o["correct"]]
        random.Random(f"options-{question['id']}").shuffle(others)
        others.insert(position, next(o for o in options if o["correct"]))
        ordered.append({**question, "options": others})
    return ordered


def verdict(option: dict) -> str:
    return "Correct." if option["correct"] else "Not quite."


class Quiz(DualDisplay):
    """The self-check of one chapter.

    Parameters
    ----------
    chapter : str
        Quiz name, e.g. ``"ch02"`` for ``data/quizzes/ch02.yaml``.
    """

    intro = INTRO

    def __init__(self, chapter: str):
        self.chapter = chapter
        self.questions = balanced_order(chapter, load_quiz(chapter)["questions"])

    def __repr__(self):
        return f"Quiz({self.chapter!r}, {len(self.questions)} questions)"

    def static_html(self) -> str:
        parts = [f'<div class="course-quiz" id="quiz-{html.escape(self.chapter)}">',
                 f'<p class="course-quiz-intro">{html.escape(self.intro)}</p>']
        for n, question in enumerate(self.questions, start=1):
            qid = html.escape(question["id"])
            parts.append(f'<fieldset class="course-quiz-question"><legend>'
                         f'<span class="course-quiz-number">{n}.</span> {html.escape(question["prompt"])}</legend>')
            for k, option in enumerate(question["options"], start=1):
                oid = f"{qid}-{k}"
                css = "correct" if option["correct"] else "incorrect"
                parts.append(
                    f'<div class="course-quiz-option"><input type="radio" name="{qid}" id="{oid}" value="{k}">'
                    f'<label for="{oid}">{html.escape(option["text"])}</label>'
                    f'<p class="course-quiz-feedback {css}"><strong>{verdict(option)}</strong> '
                    f'{html.escape(option["feedback"])}</p></div>')
            parts.append("</fieldset>")
        parts.append("</div>")
        return "".join(parts)

    def widget(self) -> "LiveQuiz":
        return LiveQuiz(self)


class LiveQuiz:
    """ipywidgets version. ``choices[i]`` is the radio group of question ``i``; ``feedback[i]``
    shows the feedback of the chosen option; ``score`` counts correct answers."""

    def __init__(self, quiz: Quiz):
        import ipywidgets as ipw

        self.quiz = quiz
        self.choices, self.feedback = [], []
        rows = [ipw.HTML(f"<p><em>{html.escape(quiz.intro)}</em></p>")]
        for n, question in enumerate(quiz.questions, start=1):
            choice = ipw.RadioButtons(options=[o["text"] for o in question["options"]], value=None,
                                      layout=ipw.Layout(width="auto"))
            feedback = ipw.HTML()
            choice.observe(self._on_choice, names="value")
            self.choices.append(choice)
            self.feedback.append(feedback)
            rows += [ipw.HTML(f"<p><strong>{n}.</strong> {html.escape(question['prompt'])}</p>"), choice, feedback]
        self.score = ipw.HTML()
        self._update_score()
        self.journal = Journal()
        try:
            keeping = self.journal.keeps_progress()
        except (JournalError, OSError):
            keeping = False
        self.keep = ipw.Checkbox(value=keeping, description=KEEP_LABEL, indent=False,
                                 tooltip="Off: nothing about this self-check is saved. Unticking forgets what was kept.")
        self.keep.observe(self._on_keep, names="value")
        self.box = ipw.VBox(rows + [self.score, self.keep])

    def _on_choice(self, change):
        index = self.choices.index(change["owner"])
        options = self.quiz.questions[index]["options"]
        chosen = next(o for o in options if o["text"] == change["new"])
        css = "correct" if chosen["correct"] else "incorrect"
        self.feedback[index].value = (f'<p class="course-quiz-feedback-live {css}"><strong>{verdict(chosen)}</strong> '
                                      f'{html.escape(chosen["feedback"])}</p>')
        self._update_score()
        self._record()

    def correct_count(self) -> int:
        total = 0
        for choice, question in zip(self.choices, self.quiz.questions):
            total += any(o["correct"] and o["text"] == choice.value for o in question["options"])
        return total

    def _update_score(self):
        self.score.value = f"<p>Answered correctly: {self.correct_count()} of {len(self.choices)}</p>"

    def _on_keep(self, change):
        try:
            self.journal.set_keep_progress(change["new"])
        except (JournalError, OSError) as error:
            self.score.value += f'<p class="course-journal-error">Setting not saved: {escape(str(error))}</p>'
            return
        self._record()

    def _record(self):
        """Keep the learner's progress in their journal, only if they have turned that on."""
        if not self.keep.value:
            return
        answered = sum(choice.value is not None for choice in self.choices)
        try:
            self.journal.record_self_check(self.quiz.chapter, answered, self.correct_count(), len(self.choices))
        except (JournalError, OSError) as error:
            self.score.value += f'<p class="course-journal-error">Progress not saved: {escape(str(error))}</p>'

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.box._repr_mimebundle_(include=include, exclude=exclude)


class Sorter(Quiz):
    """A sorting exercise: sort each item into one of a fixed set of categories, with feedback on
    every choice. Items live in ``data/sorters/<name>.yaml`` (see ``data/README.md``); each item
    becomes a question whose options are the categories.

    Parameters
    ----------
    name : str
        Sorter name, e.g. ``"core_conditions"``.
    """

    def __init__(self, name: str):
        sorter = load_sorter(name)
        self.chapter = name
        self.intro = sorter["instructions"] + " " + INTRO
        self.questions = [
            {"id": item["id"], "prompt": item["text"],
             "options": [{"text": category["label"], "correct": category["id"] == item["answer"],
                          "feedback": item["feedback"][category["id"]]}
                         for category in sorter["categories"]]}
            for item in sorter["items"]]

    def __repr__(self):
        return f"Sorter({self.chapter!r}, {len(self.questions)} items)"


def sort(name: str) -> Sorter:
    """The sorting exercise ``name`` (displayed when it is a cell's last expression)."""
    return Sorter(name)


def show(chapter: str) -> Quiz:
    """The self-check of ``chapter`` (displayed when it is a cell's last expression)."""
    return Quiz(chapter)
