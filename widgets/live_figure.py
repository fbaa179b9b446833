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

from pathlib import Path

import plotly
import plotly.graph_objects as go

# Where hall_of_mirrors_lab serves plotly's widget script, below the server's base URL.
SCRIPT_PATH = "hall-of-mirrors/plotly/widgetbundle.js"
# The class of the row of controls above each live figure (widgets.dual.LiveFigure).
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
