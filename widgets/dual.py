"""One displayed object that is live in JupyterLab and interactive in the static book.

Every interactive figure of the course is an :class:`InteractiveFigure`: a figure builder
(parameters in, plain ``go.Figure`` out) plus the controls that feed it. Displaying it in a
notebook yields one output with two representations:

* ``application/vnd.jupyter.widget-view+json`` — ipywidgets controls driving a live
  ``go.FigureWidget`` (:mod:`widgets.live_figure`; chosen by JupyterLab when a kernel runs);
* ``text/html`` — a plain plotly figure whose own slider or buttons switch between results
  precomputed for every position of one control (chosen by the book, see ``_config.yml``:
  ``nb_mime_priority_overrides``). It needs no kernel and loads ``plotly.min.js`` from the
  book's own ``_static`` folder.
"""
from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np
import plotly.graph_objects as go

from widgets import figspec
from widgets.live_figure import CONTROLS_CLASS, CourseFigureWidget

# Trace attributes that may differ between precomputed steps of the static version.
RESTYLE_KEYS = ("x", "y", "z", "text", "customdata", "hovertext", "visible", "opacity",
                "marker.color", "marker.size", "marker.symbol", "marker.opacity", "marker.line.width",
                "line.color", "line.width", "fillcolor")
# Layout attributes that may differ between steps.
RELAYOUT_KEYS = ("title.text", "annotations", "shapes", "xaxis.range", "yaxis.range")


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


def _plain(value):
    """Convert numpy arrays and scalars to JSON-friendly lists, rounding floats for size."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return round(float(value), 4)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _layout_value(layout, key):
    value = layout[key]
    if key in ("annotations", "shapes"):
        return [item.to_plotly_json() for item in value]
    return value


def step_arguments(fig: go.Figure) -> list[dict]:
    """The ``update`` arguments that turn any precomputed figure of a view into ``fig``."""
    restyle = {}
    for key in RESTYLE_KEYS:
        values = [trace[key] if _has(trace, key) else None for trace in fig.data]
        if any(v is not None for v in values):
            restyle[key] = [_plain(v) for v in values]
    relayout = {key: _plain(_layout_value(fig.layout, key)) for key in RELAYOUT_KEYS}
    return [restyle, relayout]


def _has(trace, key) -> bool:
    try:
        return trace[key] is not None
    except (KeyError, ValueError):
        return False


def _drop_unchanging(arguments: list[list[dict]]) -> None:
    """Remove from every step the attributes that are the same in all steps (the base figure
    already has them): keeps the static version small."""
    for part in (0, 1):
        for key in list(arguments[0][part]):
            first = arguments[0][part][key]
            if all(args[part].get(key) == first for args in arguments[1:]):
                for args in arguments:
                    args[part].pop(key, None)


class InteractiveFigure(DualDisplay):
    """A figure builder plus its controls, shown live in JupyterLab and static in the book.

    Parameters
    ----------
    build : callable
        ``build(**params) -> go.Figure``. Must return the same number and kinds of traces
        for every combination of control values.
    controls : sequence of Control
        The learner's controls, in display order.
    book_control : str or sequence of str, optional
        Name of the control that the static version varies (one precomputed step per value), or
        several names: the static version then has one slider per control and precomputes every
        combination of their values (the book's script combines them). The other controls stay at
        their defaults in the book; a note says so.
    caption : str
        What the figure shows and what to notice; shown under the figure in both versions.
    fixed : dict, optional
        Extra keyword arguments passed to ``build`` that the learner cannot change.
    """

    def __init__(self, build: Callable[..., go.Figure], controls: Sequence[Control],
                 book_control: str | Sequence[str] | None = None, caption: str = "",
                 fixed: dict | None = None):
        self.build = build
        self.controls = tuple(controls)
        names = [c.name for c in self.controls]
        if len(set(names)) != len(names):
            raise ValueError(f"control names must be unique; got {names}")
        chosen = () if book_control is None else (book_control,) if isinstance(book_control, str) else tuple(book_control)
        for name in chosen:
            if name not in names:
                raise ValueError(f"book_control must be one of {names}; got {name!r}")
        self.book_controls = tuple(c for c in self.controls if c.name in chosen)
        self.caption = caption
        self.fixed = dict(fixed or {})

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
        return LiveFigure(self)

    # -- static version --------------------------------------------------------------------
    def static_figure(self) -> go.Figure:
        """A plain figure whose own slider, buttons or dropdown switch between precomputed results."""
        fig = self.figure()
        if not self.book_controls:
            return fig
        combos = list(itertools.product(*(c.values for c in self.book_controls)))
        arguments = [step_arguments(self.figure(**{c.name: v for c, v in zip(self.book_controls, combo)}))
                     for combo in combos]
        _drop_unchanging(arguments)
        active = combos.index(tuple(c.default for c in self.book_controls))
        if len(self.book_controls) > 1:
            return self._combined_sliders(fig, arguments)
        control = self.book_controls[0]
        steps = [dict(label=label, method="update", args=args)
                 for args, label in zip(arguments, control.labels())]
        if control.kind == "slider":
            fig.update_layout(
                sliders=[dict(active=active, steps=steps, pad=dict(t=55, b=10), len=1.0, x=0,
                              currentvalue=dict(prefix=f"{control.label}: ", font=dict(size=14)))],
                margin=dict(b=110))
        else:
            fig.update_layout(updatemenus=[dict(
                type="buttons", direction="right", active=active, buttons=steps, showactive=True,
                x=0, xanchor="left", y=-0.18, yanchor="top", pad=dict(t=4, r=4))],
                margin=dict(b=110))
        return fig

    def _combined_sliders(self, fig: go.Figure, arguments: list) -> go.Figure:
        """One plotly slider per book control; ``book/_static/course.js`` applies the precomputed
        result for the combination of their positions (``layout.meta.course_combos``, in
        ``itertools.product`` order: the last control varies fastest)."""
        gap = 80
        sliders = []
        for n, control in enumerate(self.book_controls):
            steps = [dict(label=label, method="skip", args=[], value=str(k))
                     for k, label in enumerate(control.labels())]
            sliders.append(dict(active=list(control.values).index(control.default), steps=steps,
                                pad=dict(t=55 + n * gap, b=10), len=1.0, x=0, name=control.name,
                                currentvalue=dict(prefix=f"{control.label}: ", font=dict(size=14))))
        fig.update_layout(
            sliders=sliders, margin=dict(b=110 + gap * (len(sliders) - 1)),
            height=(fig.layout.height or 450) + gap * (len(sliders) - 1),
            meta=dict(course_combos=dict(sizes=[len(c.values) for c in self.book_controls],
                                         steps=arguments)))
        return fig

    def static_html(self) -> str:
        fig = self.static_figure()
        plot = fig.to_html(full_html=False, include_plotlyjs=False,
                           config={"displaylogo": False, "responsive": True,
                                   "modeBarButtonsToRemove": ["select2d", "lasso2d"]})
        fixed = [c for c in self.controls if c not in self.book_controls]
        note = ""
        if fixed:
            settings = ", ".join(f"{c.label} = {c.labels()[list(c.values).index(c.default)]}" for c in fixed)
            note = (f'<p class="course-figure-note">In the book: {html.escape(settings)}. '
                    "Run the chapter in JupyterLab to change every control.</p>")
        caption = f'<p class="course-figure-caption">{html.escape(self.caption)}</p>' if self.caption else ""
        return f'<div class="course-figure">{plot}{caption}{note}{data_table(self.figure())}</div>'


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


class LiveFigure:
    """The ipywidgets version: controls above a ``go.FigureWidget`` that follows them.

    Attributes
    ----------
    controls : dict
        Control name -> ipywidgets control.
    figure_widget : plotly.graph_objects.FigureWidget
        The live figure.
    box : ipywidgets.VBox
        What is displayed.
    """

    def __init__(self, view: InteractiveFigure):
        import ipywidgets as ipw

        self.view = view
        self.controls = {c.name: _make_control(c) for c in view.controls}
        self.figure_widget = CourseFigureWidget(view.figure())
        self._shown = self._record(self.values())
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        caption = ipw.HTML(f'<p class="course-figure-caption">{html.escape(view.caption)}</p>') if view.caption else None
        # "course-controls": their keys go to the controls, not to JupyterLab (live_figure.js).
        parts = [ipw.HBox(list(self.controls.values()), layout=ipw.Layout(flex_flow="row wrap"),
                          _dom_classes=[CONTROLS_CLASS]),
                 self.figure_widget]
        self.box = ipw.VBox(parts + ([caption] if caption else []))

    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def _record(self, values: dict):
        """The builder's figure as a light recording (a builder that does not draw with
        ``theme.new_figure`` returns a full ``go.Figure`` instead)."""
        with figspec.recording():
            return self.view.figure(**values)

    def _on_change(self, _change=None):
        """Rerun the builder and send only what changed to the live figure."""
        shown = self._record(self.values())
        if isinstance(shown, figspec.FigureSpec):
            figspec.apply_changes(self.figure_widget, *figspec.changes(self._shown.flat(), shown.flat()))
        else:
            update_figure(self.figure_widget, shown)
        self._shown = shown

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.box._repr_mimebundle_(include=include, exclude=exclude)


def update_figure(target: go.FigureWidget, source: go.Figure) -> None:
    """Copy the data and changing layout of ``source`` into the live ``target`` in one batch."""
    with target.batch_update():
        for old, new in zip(target.data, source.data):
            props = new.to_plotly_json()
            props.pop("type", None)
            props.pop("uid", None)
            old.update(props, overwrite=True)
        for key in RELAYOUT_KEYS:
            target.layout[key] = source.layout[key]


def _make_control(control: Control):
    import ipywidgets as ipw

    style = {"description_width": "initial"}
    values = list(control.values)
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
    if control.kind == "slider" and numeric and len(values) > 1:
        steps = np.diff(values)
        if np.allclose(steps, steps[0]):
            kind = ipw.IntSlider if all(isinstance(v, int) for v in values) else ipw.FloatSlider
            extra = {} if kind is ipw.IntSlider else {"readout_format": ".2f"}
            return kind(value=control.default, min=values[0], max=values[-1], step=steps[0].item(),
                        description=control.label, style=style, continuous_update=True,
                        layout=ipw.Layout(width="360px"), **extra)
    options = list(zip(control.labels(), values))
    if control.kind == "buttons":
        # "auto": each button as wide as its label (the default width cuts longer labels short).
        return ipw.ToggleButtons(options=options, value=control.default, description=control.label,
                                 style={**style, "button_width": "auto"})
    return ipw.Dropdown(options=options, value=control.default, description=control.label, style=style)
