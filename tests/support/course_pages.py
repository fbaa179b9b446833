"""The pages of the course and the figures on each: shared by the book and JupyterLab tests."""
from __future__ import annotations

import re
from pathlib import Path

from widgets.data import load_chapters

ROOT = Path(__file__).resolve().parents[2]  # the project folder

BOOK_PAGES = ["book/welcome", "book/care", "book/glossary", "book/bibliography"]
CHAPTER_PAGES = [f"chapters/{name}" for name in load_chapters().sort_values("number").notebook]
# Pages with figures: page -> the kinds of the book controls of each figure, in page order
# ("slider", "buttons" or "dropdown"; an empty tuple for a figure that shows everything at once).
FIGURE_PAGES = {
    "chapters/00_introduction": [("dropdown", "buttons")],
    "chapters/01_inner_mechanism": [("slider", "slider"), ("slider", "buttons")],
    "chapters/02_relational_cycle": [("slider", "slider"), ("slider",)],
    "chapters/03_impact_on_partner": [("slider", "slider", "slider"), ("slider", "buttons"), ()],
    "chapters/04_mutual_distortion": [("slider", "slider"), ("buttons",), ()],
    "chapters/05_where_healing_begins": [("slider", "slider"), ("slider", "slider")],
    "chapters/06_love_as_clinical_principle": [("slider", "slider")],
    "chapters/07_ethics_of_maturity": [("slider", "slider", "buttons")],
    "chapters/08_summary": [("slider", "slider", "slider", "slider"), ("dropdown", "buttons")],
}

# What no code cell a learner gets may hold: a check (``assert``) or an answer key (``# Key ...``).
CHECK_OR_KEY = re.compile(r"\bassert\b|#\s*Key\b")
