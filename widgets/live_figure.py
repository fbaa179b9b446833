"""The live figure of JupyterLab: plotly's ``FigureWidget`` with a light front end.

plotly's ``FigureWidget`` sends its whole widget script (about 5 MB) with every figure, and
anywidget evaluates it anew for each one. anywidget allows a model 2 s to get set up and drops
every later message to a model that misses that; plotly sends the figure itself in the second
message, so on a busy machine a chapter with several figures showed an empty figure that never
followed its controls. :class:`CourseFigureWidget` sends the figure in its first message, and a
small loader instead of the script (``live_figure.js``); the loader is set up at once and imports
plotly's script once per page from the course's Jupyter server extension
(``jupyter-settings/hall_of_mirrors_lab``), which serves the installed plotly's own copy.
Everything else is plotly's ``FigureWidget``, unchanged.

The loader also keeps the keys of the controls above each figure for the controls: in a notebook,
JupyterLab reads a focused dropdown's arrow keys as "select the next cell", and letters or digits
as cell commands (such as "turn this cell into a heading").
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import plotly
import plotly.graph_objects as go

from widgets import figspec

if TYPE_CHECKING:
    from widgets.dual import Control, InteractiveFigure

# Where hall_of_mirrors_lab serves plotly's widget script, below the server's base URL.
SCRIPT_PATH = "hall-of-mirrors/plotly/widgetbundle.js"
# The class of the row of controls above each live figure (LiveFigure, below).
CONTROLS_CLASS = "course-controls"


def loader_script(script_path: str = SCRIPT_PATH, plotly_version: str = plotly.__version__,
                  controls_class: str = CONTROLS_CLASS) -> str:
    """The loader's JavaScript module, for plotly ``plotly_version`` served at ``script_path``.

    Parameters
    ----------
    script_path : str
        Path of plotly's widget script below the Jupyter server's base URL.
    plotly_version : str
        Added to the URL, so a browser never reuses a stored script of another plotly.
    controls_class : str
        CSS class of the rows of controls whose keys must not reach JupyterLab's shortcuts.

    Returns
    -------
    str
        The module's source.
    """
    source = (Path(__file__).with_name("live_figure.js")).read_text(encoding="utf-8")
    for placeholder, value in (("__SCRIPT_PATH__", script_path), ("__PLOTLY_VERSION__", plotly_version),
                               ("__CONTROLS_CLASS__", controls_class)):
        source = source.replace(placeholder, value)
    return source


class CourseFigureWidget(go.FigureWidget):
    """plotly's ``FigureWidget`` whose front end is the loader of ``live_figure.js``.

    It also opens its connection to the browser only once the figure is built, so the first
    message already carries the figure (plotly's opens it first and sends the figure in a second
    message, which anywidget drops if the page was too busy to set the model up in time).
    """

    _esm = loader_script()

    def __init__(self, *args, **kwargs):
        object.__setattr__(self, "_building", True)
        try:
            super().__init__(*args, **kwargs)
        finally:
            object.__setattr__(self, "_building", False)
        self.open()

    def open(self):
        if not getattr(self, "_building", False):
            super().open()


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

    def __init__(self, view: "InteractiveFigure"):
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
        figspec.apply_changes(self.figure_widget, *figspec.changes(figspec.flat(self._shown), figspec.flat(shown)))
        self._shown = shown

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.box._repr_mimebundle_(include=include, exclude=exclude)


def _make_control(control: "Control"):
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
