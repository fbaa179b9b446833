"""Chapter 0 · The map of ideas: the theorists, concepts and findings of the course on a timeline.

Data: ``data/ideas.csv`` (one row per idea) and ``data/idea_links.csv`` (who built on whom),
read through :mod:`widgets.data`. x is the year of the key publication, y the chapter that
teaches it; lines are links. Selecting a chapter highlights its ideas and their links.
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from .data import load_chapters, load_idea_links, load_ideas
from .dual import Control, InteractiveFigure
from .theme import PALETTE, new_figure
from .validate import check_choice

KINDS = {"theorist": ("Theorist or school", PALETTE["blue"], "circle"),
         "concept": ("Concept", PALETTE["orange"], "diamond"),
         "finding": ("Research finding", PALETTE["green"], "square")}
ALL = "all"
DIM = 0.18


def place_ideas(ideas: pd.DataFrame) -> pd.DataFrame:
    """Add plot positions: ``x`` = year, ``y`` = chapter lane with a small, deterministic spread
    so ideas of the same chapter and similar years do not cover each other."""
    placed = ideas.sort_values(["chapter", "year", "id"]).copy()
    offsets = (-0.28, 0.0, 0.28)
    placed["x"] = placed["year"].astype(float)
    placed["y"] = [chapter + offsets[i % 3] for chapter, i in
                   zip(placed.chapter, placed.groupby("chapter").cumcount())]
    return placed


def select_ideas(ideas: pd.DataFrame, links: pd.DataFrame, chapter=ALL, kind=ALL):
    """Which ideas and links are highlighted.

    Parameters
    ----------
    ideas, links : pandas.DataFrame
        As returned by :func:`widgets.data.load_ideas` and :func:`~widgets.data.load_idea_links`.
    chapter : int or "all"
        Highlight the ideas taught in this chapter (0–8) and the links that touch them.
    kind : str
        "all" or one of the kinds: theorist, concept, finding.

    Returns
    -------
    (pandas.Series, pandas.Series)
        Boolean masks over ``ideas`` and ``links``.
    """
    check_choice("chapter", chapter, [ALL, *range(9)])
    check_choice("kind", kind, [ALL, *KINDS])
    chosen = pd.Series(True, index=ideas.index)
    if chapter != ALL:
        chosen &= ideas.chapter == chapter
    if kind != ALL:
        chosen &= ideas.kind == kind
    chosen_ids = set(ideas.id[chosen])
    link_mask = links.source.isin(chosen_ids) | links.target.isin(chosen_ids)
    return chosen, link_mask


def _segments(placed: pd.DataFrame, links: pd.DataFrame):
    pos = dict(zip(placed.id, zip(placed.x, placed.y)))
    xs, ys = [], []
    for source, target in zip(links.source, links.target):
        xs += [pos[source][0], pos[target][0], None]
        ys += [pos[source][1], pos[target][1], None]
    return xs, ys


@functools.cache
def _course_map():
    """The course's ideas (placed), links and chapters, read once per session."""
    return place_ideas(load_ideas()), load_idea_links(), load_chapters()


def map_figure(chapter=ALL, kind=ALL):
    """The map of ideas with ``chapter`` and ``kind`` highlighted."""
    placed, links, chapters = _course_map()
    chosen, link_mask = select_ideas(placed, links, chapter, kind)
    title = "Map of ideas: all chapters" if chapter == ALL else \
        f"Map of ideas: chapter {chapter}, {chapters.set_index('number').title[chapter]}"
    fig = new_figure(title, height=560)
    for on, name, colour, width in ((False, "Other links", "rgba(127,127,127,0.18)", 1),
                                    (True, "Links of the selection", PALETTE["grey"], 1.6)):
        xs, ys = _segments(placed, links[link_mask == on])
        fig.add_scatter(x=xs, y=ys, mode="lines", name=name, hoverinfo="skip",
                        line=dict(color=colour, width=width), showlegend=False)
    for key, (name, colour, symbol) in KINDS.items():
        of_kind = placed.kind == key
        rows = placed[of_kind]
        lit = chosen[of_kind]
        fig.add_scatter(
            x=rows.x, y=rows.y, mode="markers+text", name=name,
            text=np.where(lit & (chapter != ALL), rows.label, ""), textposition="top center", textfont=dict(size=11),
            marker=dict(color=colour, symbol=symbol, size=np.where(lit, 13, 9),
                        opacity=np.where(lit, 1.0, DIM), line=dict(width=1, color="white")),
            customdata=np.stack([rows.label, rows.summary, rows.essay_label.replace("", "—")], axis=-1),
            hovertemplate="<b>%{customdata[0]}</b> (%{x})<br>%{customdata[1]}"
                          "<br><i>Essay says:</i> %{customdata[2]}<extra></extra>")
    lanes = chapters.sort_values("number")
    fig.update_layout(
        xaxis=dict(title="Year of the key publication", range=[placed.x.min() - 8, placed.x.max() + 8]),
        yaxis=dict(title=None, tickvals=lanes.number,
                   ticktext=[f"{n} · {t.split(':')[0]}" for n, t in zip(lanes.number, lanes.title)],
                   range=[8.6, -0.6]),
        margin=dict(l=190))
    return fig


def map_view() -> InteractiveFigure:
    """The map with a chapter filter (dropdown live, buttons in the book) and a kind filter."""
    chapters = load_chapters().sort_values("number")
    return InteractiveFigure(
        map_figure,
        [Control("chapter", "chapter", (ALL, *chapters.number), ALL, kind="dropdown",
                 value_labels=("All", *[str(n) for n in chapters.number])),
         Control("kind", "show", (ALL, *KINDS), ALL, kind="buttons",
                 value_labels=("everything", *[name for name, _, _ in KINDS.values()]))],
        caption=("Each mark is a theorist, concept or research finding, placed by the year of its "
                 "key publication and the chapter that teaches it; lines show who built on whom. "
                 "Hover a mark for a one-line summary and, where the essay attributes it "
                 "differently, what the essay says."))
