"""One displayed object that is live in JupyterLab and interactive in the static book.

Every interactive figure of the course is an :class:`InteractiveFigure`: a figure builder
(parameters in, plain ``go.Figure`` out) plus the controls that feed it. Displaying it in a
notebook yields one output with two representations:

* ``application/vnd.jupyter.widget-view+json`` — ipywidgets controls driving a live
  figure (:mod:`widgets.live_figure`; chosen by JupyterLab when a kernel runs);
* ``text/html`` — the same figure with native HTML controls (a range input, radio buttons, a
  select) that switch between results precomputed for every combination of the controls' values
  (:mod:`widgets.static_figure`; chosen by the book, see ``_config.yml``:
  ``nb_mime_priority_overrides``). It needs no kernel; ``book/_static/course.js`` draws it with
  the plotly.js bundle in the book's own ``_static`` folder.

Both versions change a figure the same way: the builder reruns as a recording
(:mod:`widgets.figspec`) and only the properties that differ are sent (live) or stored (book).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
import plotly.graph_objects as go

from widgets import static_figure


class DualDisplay:
    """Mixin: display the live widget in a kernel and static HTML everywhere else.

    Subclasses implement :meth:`widget` and :meth:`static_html`.
    """

    def widget(self):  # pragma: no cover - interface
        raise NotImplementedError

    def static_html(self) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def _repr_mimebundle_(self, include=None, exclude=None):
        live = self.widget()
        bundle = dict(live._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = self.static_html()
        bundle.setdefault("text/plain", repr(self))
        return bundle


def inline_markdown(text: str, book: bool) -> str:
    """Escape ``text`` and render its few Markdown marks (strong, emphasis, links) as HTML; in the
    book (``book=True``) links to ``.md`` pages point to their ``.html``."""
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    out = re.sub(r"\*(.+?)\*", r"<em>\1</em>", out)

    def link(match):
        target = match.group(2)
        if book:
            target = re.sub(r"\.md(#|$)", r".html\1", target)
        return f'<a href="{html.escape(target)}">{match.group(1)}</a>'
    return re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", link, out)


@dataclass(frozen=True)
class Control:
    """One control of an interactive figure.

    Parameters
    ----------
    name : str
        Keyword argument of the figure builder that this control sets.
    label : str
        Label shown to the learner.
    values : sequence
        Allowed positions, in order. Numbers evenly spaced become a slider; anything else a
        dropdown (or buttons, with ``kind="buttons"``). The static version has one step per value.
    default : object
        Starting value; must be one of ``values``.
    kind : {"slider", "dropdown", "buttons"}
        How the control is drawn.
    value_format : str
        Format for value labels, e.g. ``"{:.1f}"``.
    value_labels : sequence of str, optional
        Labels for the values (dropdowns and buttons).
    """

    name: str
    label: str
    values: tuple
    default: object
    kind: str = "slider"
    value_format: str = "{}"
    value_labels: tuple | None = None

    def __post_init__(self):
        if self.default not in self.values:
            raise ValueError(f"control {self.name!r}: default {self.default!r} is not one of {list(self.values)}")
        if self.kind not in ("slider", "dropdown", "buttons"):
            raise ValueError(f"control {self.name!r}: kind must be slider, dropdown or buttons; got {self.kind!r}")
        if self.value_labels is not None and len(self.value_labels) != len(self.values):
            raise ValueError(f"control {self.name!r}: value_labels needs one label per value")

    def labels(self) -> list[str]:
        if self.value_labels is not None:
            return list(self.value_labels)
        return [self.value_format.format(v) for v in self.values]


class InteractiveFigure(DualDisplay):
    """A figure builder plus its controls, shown live in JupyterLab and static in the book.

    Parameters
    ----------
    build : callable
        ``build(**params) -> go.Figure``. Must return the same number and kinds of traces
        for every combination of control values.
    controls : sequence of Control
        The learner's controls, in display order.
    caption : str
        What the figure shows and what to notice; shown under the figure in both versions.
    fixed : dict, optional
        Extra keyword arguments passed to ``build`` that the learner cannot change.
    book_fixed : dict, optional
        Control name -> the reason it stays at its default in the book. Every other control works
        in the book too, over a grid of every combination of values computed when the book is
        built (:mod:`widgets.static_figure`); fix a control only when that grid would be too
        large for the page, and say so: the page shows the reason.
    """

    def __init__(self, build: Callable[..., go.Figure], controls: Sequence[Control], caption: str = "",
                 fixed: dict | None = None, book_fixed: dict | None = None):
        self.build = build
        self.controls = tuple(controls)
        names = [c.name for c in self.controls]
        if len(set(names)) != len(names):
            raise ValueError(f"control names must be unique; got {names}")
        self.book_fixed = dict(book_fixed or {})
        for name in self.book_fixed:
            if name not in names:
                raise ValueError(f"book_fixed: {name!r} is not a control; controls are {names}")
        self.book_controls = tuple(c for c in self.controls if c.name not in self.book_fixed)
        self.caption = caption
        self.fixed = dict(fixed or {})

    def book_fixed_controls(self) -> list[tuple[Control, str]]:
        """The controls that stay at their defaults in the book, each with its reason."""
        return [(c, self.book_fixed[c.name]) for c in self.controls if c.name in self.book_fixed]

    def __repr__(self):
        return f"InteractiveFigure({getattr(self.build, '__name__', 'build')}, controls={[c.name for c in self.controls]})"

    # -- the model side ------------------------------------------------------------------
    def defaults(self) -> dict:
        return {c.name: c.default for c in self.controls}

    def figure(self, **changes) -> go.Figure:
        """The figure for the default values updated with ``changes``."""
        unknown = set(changes) - {c.name for c in self.controls}
        if unknown:
            raise ValueError(f"unknown control(s) {sorted(unknown)}; valid: {[c.name for c in self.controls]}")
        return self.build(**self.fixed, **{**self.defaults(), **changes})

    # -- live version ----------------------------------------------------------------------
    def widget(self) -> "LiveFigure":
        from widgets.live_figure import LiveFigure

        return LiveFigure(self)

    # -- static version --------------------------------------------------------------------
    def static_html(self) -> str:
        """The book's version: native controls over precomputed steps (:mod:`widgets.static_figure`)."""
        return static_figure.static_html(self, table=data_table(self.figure()))


MAX_TABLE_ROWS = 200


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (float, np.floating)):
        return f"{value:.3g}"
    return html.escape(re.sub(r"<[^>]+>", " ", str(value)))


def data_table(fig: go.Figure) -> str:
    """The data of ``fig`` (as first shown) as HTML tables in a folded block: an accessible
    alternative to the plot for screen readers and for anyone who wants the numbers."""
    tables = []
    for trace in fig.data:
        name = _cell(trace.name or trace.type)
        z = getattr(trace, "z", None)
        if z is not None:
            rows, columns = list(trace.y or range(len(z))), list(trace.x or range(len(z[0])))
            head = "".join(f'<th scope="col">{_cell(c)}</th>' for c in columns)
            body = "".join(f'<tr><th scope="row">{_cell(r)}</th>' + "".join(f"<td>{_cell(v)}</td>" for v in row)
                           + "</tr>" for r, row in zip(rows, z))
            tables.append(f'<table class="course-table"><caption>{name}</caption><thead><tr><td></td>{head}'
                          f"</tr></thead><tbody>{body}</tbody></table>")
            continue
        x, y = getattr(trace, "x", None), getattr(trace, "y", None)
        if x is None or y is None or len(x) == 0 or len(x) > MAX_TABLE_ROWS:
            continue
        body = "".join(f"<tr><td>{_cell(a)}</td><td>{_cell(b)}</td></tr>" for a, b in zip(x, y))
        xtitle = _cell(fig.layout.xaxis.title.text or "x")  # the value column is named by the trace
        tables.append(f'<table class="course-table"><caption>{name}</caption><thead><tr><th scope="col">'
                      f'{xtitle}</th><th scope="col">{name}</th></tr></thead><tbody>{body}</tbody></table>')
    if not tables:
        return ""
    return ('<details class="course-figure-data"><summary>The figure as tables (starting settings)</summary>'
            + "".join(tables) + "</details>")
