"""Shared helpers of the claim tests: what a chapter's predictions state, how numbers are written
there, and which stated numbers no check covers. Each ``test_chNN_predictions.py`` computes the
numbers from its chapter's model; this module only reads and compares text."""
from __future__ import annotations

import re

from widgets.book.editions import INSTRUCTOR_ADMONITION
from widgets.data import load_predictions

# A number as the predictions write it: an optional sign (also the typographic minus), digits,
# decimals and a per cent sign; not part of a word or of a longer number, nor a chapter's number.
NUMBER = re.compile(r"(?<![\w.])(?<!hapter )[+\u2212-]?\d+(?:\.\d+)?%?")


def g(value: float) -> str:
    """A number in its shortest form (0.5, 12)."""
    return f"{value:g}"


def two(value: float) -> str:
    """A number with two decimals (0.50)."""
    return f"{value:.2f}"


def pct(share: float) -> str:
    """A share as a whole per cent (0.291 -> 29%)."""
    return f"{share:.0%}"


def stated(chapter: str, key: str, field: str) -> str:
    """A field of a prediction as text (options joined with " | ")."""
    value = load_predictions(chapter)[key][field]
    return " | ".join(value) if isinstance(value, list) else value


def text_of(chapter: str, key: str) -> str:
    """Everything a prediction states: prompt, options and reveal."""
    prediction = load_predictions(chapter)[key]
    return " ".join([prediction["prompt"], *prediction["options"], prediction["reveal"]])


def unchecked_numbers(text: str, passages: list[str]) -> list[str]:
    """The numbers in ``text`` that lie outside every one of the checked ``passages``."""
    covered = [False] * len(text)
    for passage in passages:
        start = text.find(passage)
        while start >= 0:
            covered[start:start + len(passage)] = [True] * len(passage)
            start = text.find(passage, start + 1)
    return [m.group() for m in NUMBER.finditer(text) if not all(covered[m.start():m.end()])]


def notebook_text(chapter: str, student: bool = True) -> str:
    """The markdown a chapter's page shows (``chapter`` like "ch03"), cells joined by blank lines;
    with ``student`` (the default) without the instructor boxes the student book leaves out."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    path = next((root / "chapters").glob(f"{chapter[2:]}_*.ipynb"))
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    if student:
        text = INSTRUCTOR_ADMONITION.sub("", text)
    return text


def quiz_text(chapter: str, question: str) -> str:
    """Everything one self-check question states: prompt, options and their feedback."""
    from widgets.data import load_quiz

    (item,) = [q for q in load_quiz(chapter)["questions"] if q["id"] == question]
    return " ".join([item["prompt"], *(part for option in item["options"] for part in (option["text"], option["feedback"]))])
