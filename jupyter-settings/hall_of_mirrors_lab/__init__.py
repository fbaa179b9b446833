"""Jupyter server extension: serves plotly's widget script once, from the installed plotly.

Why: every ``go.FigureWidget`` carries plotly's whole widget script (5 MB) in its ``_esm`` trait,
and anywidget evaluates that script anew for every figure. anywidget gives each widget model 2 s
to load its script; a slower machine misses that on a chapter with several figures, and from then
on anywidget drops every message to that model, so the figure stays empty and never follows its
controls (seen in CI: "live figure 0 has no data"). The course's figures (``widgets.live_figure``)
instead carry a small loader that imports the script from this URL: the browser fetches and
evaluates it once per page, and the loader answers anywidget at once.

The route serves that one file and nothing else; the installed plotly's own copy is served, so the
script always matches the Python side.
"""
from __future__ import annotations

from pathlib import Path

# Only this one file name matches the route.
ROUTE = r"hall-of-mirrors/plotly/(widgetbundle\.js)"
URL_PATH = "hall-of-mirrors/plotly/widgetbundle.js"


def plotly_widget_script() -> Path:
    """The widget script of the installed plotly (``plotly/package_data/widgetbundle.js``)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "widgetbundle.js"


def _jupyter_server_extension_points():
    return [{"module": "hall_of_mirrors_lab"}]


def _load_jupyter_server_extension(server_app):
    from jupyter_server.utils import url_path_join
    from tornado.web import StaticFileHandler

    script = plotly_widget_script()

    class PlotlyWidgetScript(StaticFileHandler):
        def set_extra_headers(self, path):
            # The URL carries plotly's version (?v=), so a stored copy may be kept for a day.
            self.set_header("Cache-Control", "max-age=86400")

    route = url_path_join(server_app.web_app.settings["base_url"], ROUTE)
    server_app.web_app.add_handlers(".*$", [(route, PlotlyWidgetScript, {"path": str(script.parent)})])
    server_app.log.info("hall_of_mirrors_lab: plotly's widget script at /%s", URL_PATH)
