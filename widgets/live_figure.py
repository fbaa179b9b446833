"""The live figure of JupyterLab: the course's own widget, drawn by plotly.js in the browser.

:class:`CourseFigure` holds a figure as plotly.js JSON: ``base``, the validated figure at the
controls' defaults, set once, and ``changes``, every property that differs from it now (a
:func:`widgets.figspec.differences` list), set on every move of a control. Its front end
(``jupyter-settings/labextension``, installed by requirements.txt) copies ``base``, sets the
changes and redraws with ``Plotly.react``; it loads plotly.js once per page from the course's
Jupyter server extension, which serves the installed plotly's own copy.

Why not plotly's ``FigureWidget``: its front end runs under anywidget, which gives a figure 2 s to
get set up and then drops every later message to it. On a busy machine a chapter's figures drew
but never followed their controls. This widget has no deadline, and since its state is the whole
figure, a figure drawn late (or drawn again when JupyterLab re-renders a cell) is always current.
"""
from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

import ipywidgets as ipw
import numpy as np
import plotly
import plotly.io.json as plotly_json
from traitlets import Unicode

from widgets import figspec

if TYPE_CHECKING:
    from widgets.dual import Control, InteractiveFigure

# The front end: its name and version in jupyter-settings/labextension/package.json.
FRONT_END = "hall-of-mirrors-lab"
FRONT_END_VERSION = "0.3.0"
# Where hall_of_mirrors_lab serves plotly.js, below the server's base URL; the version in the URL
# keeps a browser from reusing a stored copy of another plotly.
PLOTLY_SRC = f"hall-of-mirrors/plotly/plotly.min.js?v={plotly.__version__}"
# The class of the row of controls above each live figure: the front end keeps their keys from
# JupyterLab's shortcuts (a focused dropdown's arrow keys would otherwise select another cell).
CONTROLS_CLASS = "course-controls"


def to_json(value) -> str:
    """``value`` as JSON text the way plotly writes figures (numpy arrays as plotly.js reads them,
    NaN as null)."""
    return plotly_json.to_json_plotly(value)


class CourseFigure(ipw.DOMWidget):
    """A figure in JupyterLab: ``base`` plus ``changes``, both JSON text (parsed once, in the browser).

    Attributes
    ----------
    base : str
        The figure at the controls' defaults: plotly.js JSON (``data``, ``layout``).
    changes : str
        JSON list of ``[trace, path, value]``: what differs from ``base`` now
        (:func:`widgets.figspec.differences`; trace ``-1`` is the layout).
    plotly_src : str
        Where the front end loads plotly.js, below the Jupyter server's base URL.
    """

    _model_name = Unicode("CourseFigureModel").tag(sync=True)
    _model_module = Unicode(FRONT_END).tag(sync=True)
    _model_module_version = Unicode(FRONT_END_VERSION).tag(sync=True)
    _view_name = Unicode("CourseFigureView").tag(sync=True)
    _view_module = Unicode(FRONT_END).tag(sync=True)
    _view_module_version = Unicode(FRONT_END_VERSION).tag(sync=True)
    base = Unicode('{"data": [], "layout": {}}').tag(sync=True)
    changes = Unicode("[]").tag(sync=True)
    plotly_src = Unicode(PLOTLY_SRC).tag(sync=True)

    def figure(self) -> dict:
        """What the front end draws: ``base`` with ``changes`` set (plotly.js JSON)."""
        return figspec.set_differences(json.loads(self.base), json.loads(self.changes))


class LiveFigure:
    """The ipywidgets version: controls above a :class:`CourseFigure` that follows them.

    Attributes
    ----------
    controls : dict
        Control name -> ipywidgets control.
    figure_widget : CourseFigure
        The live figure.
    box : ipywidgets.VBox
        What is displayed.
    """

    def __init__(self, view: "InteractiveFigure"):
        self.view = view
        self.controls = {c.name: _make_control(c) for c in view.controls}
        self.figure_widget = CourseFigure(base=view.figure().to_json())
        self._at_defaults = figspec.flat(self._record(self.values()))
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        caption = ipw.HTML(f'<p class="course-figure-caption">{html.escape(view.caption)}</p>') if view.caption else None
        # "course-controls": their keys go to the controls, not to JupyterLab (see CONTROLS_CLASS).
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
        """Rerun the builder and send what differs from the figure at the defaults."""
        now = figspec.flat(self._record(self.values()))
        self.figure_widget.changes = to_json(figspec.differences(self._at_defaults, now))

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.box._repr_mimebundle_(include=include, exclude=exclude)


def _make_control(control: "Control"):
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
