"""One look for every figure of the course.

The palette is Okabe & Ito's colour-blind-safe set. Figures are drawn on a transparent
background with mid-grey text; in the book's dark mode ``book/_static/course.js`` recolours
their text, buttons and sliders (and follows the reader's theme switch).
"""
from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from widgets import figspec

#: Okabe–Ito colours, named by role so chapters stay consistent.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#7F7F7F",
}
COLORWAY = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "grey")]

TEXT_COLOR = "#4a4a4a"
GRID_COLOR = "rgba(127,127,127,0.25)"
TEMPLATE_NAME = "course"


def _template() -> go.layout.Template:
    axis = dict(gridcolor=GRID_COLOR, zerolinecolor=GRID_COLOR, linecolor=GRID_COLOR,
                title=dict(standoff=8), automargin=True)
    return go.layout.Template(layout=go.Layout(
        colorway=COLORWAY,
        font=dict(family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
                  size=14, color=TEXT_COLOR),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        xaxis=axis,
        yaxis=axis,
        margin=dict(l=60, r=20, t=100, b=50),
        legend=dict(orientation="h", yanchor="bottom", y=1.06, x=0, bgcolor="rgba(0,0,0,0)"),
        hoverlabel=dict(font=dict(size=13)),
        title=dict(x=0, xanchor="left", y=0.98, yanchor="top", yref="container", font=dict(size=16)),
    ))


pio.templates[TEMPLATE_NAME] = _template()


def new_figure(title: str, height: int = 420) -> go.Figure | figspec.FigureSpec:
    """Return an empty figure in the course style.

    Parameters
    ----------
    title : str
        Figure title (also the accessible name of the plot in the book).
    height : int
        Height in pixels.

    Returns
    -------
    plotly.graph_objects.Figure or figspec.FigureSpec
        A ``go.Figure``; while a live figure records its builder (:func:`figspec.recording`), a
        ``FigureSpec`` that records the same calls without plotly's validation. Builders use
        only the methods both have.
    """
    layout = dict(template=pio.templates[TEMPLATE_NAME], title=dict(text=title), height=height)
    if figspec.is_recording():  # a live update: record the builder's calls, skip validation
        return figspec.FigureSpec(layout)
    return go.Figure(layout=layout)
