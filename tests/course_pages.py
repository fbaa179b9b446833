"""The pages of the course and the figures on each: shared by the book and JupyterLab tests."""
from __future__ import annotations

from pathlib import Path

from widgets.data import load_chapters

ROOT = Path(__file__).resolve().parent.parent  # the project folder

BOOK_PAGES = ["book/welcome", "book/care", "book/glossary", "book/bibliography"]
CHAPTER_PAGES = [f"chapters/{name}" for name in load_chapters().sort_values("number").notebook]
# Pages with figures: page -> the book control of each plotly figure, in page order
# ("slider", "buttons", "dropdown", "sliders" for several combined sliders, or None for a figure
# that shows everything at once).
FIGURE_PAGES = {
    "chapters/00_introduction": ["buttons"],
    "chapters/01_inner_mechanism": ["slider", "slider"],
    "chapters/02_relational_cycle": ["slider", "slider"],
    "chapters/03_impact_on_partner": ["slider", "slider", None],
    "chapters/04_mutual_distortion": ["buttons", "sliders", None],
    "chapters/05_where_healing_begins": ["slider", "slider"],
    "chapters/06_love_as_clinical_principle": ["slider"],
    "chapters/07_ethics_of_maturity": ["slider"],
    "chapters/08_summary": ["sliders", "buttons"],
}
