"""Jupyter server extension: serves plotly.js for the course's live figures, from the installed plotly.

The live figures' front end (``labextension/static/remoteEntry.*.js``, the JupyterLab extension
this package installs) loads plotly.js once per page from this URL. The installed plotly's own copy
(``plotly/package_data/plotly.min.js``) is served, so the drawing code always matches the plotly.js
version the Python side writes its figures for. The route serves that one file and nothing else.
"""
from __future__ import annotations

from pathlib import Path

# Only this one file name matches the route.
ROUTE = r"hall-of-mirrors/plotly/(plotly\.min\.js)"
URL_PATH = "hall-of-mirrors/plotly/plotly.min.js"


def plotly_script() -> Path:
    """plotly.js as the installed plotly ships it (``plotly/package_data/plotly.min.js``)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _jupyter_server_extension_points():
    return [{"module": "hall_of_mirrors_lab"}]


def _load_jupyter_server_extension(server_app):
    from jupyter_server.utils import url_path_join
    from tornado.web import StaticFileHandler

    script = plotly_script()

    class PlotlyScript(StaticFileHandler):
        def set_extra_headers(self, path):
            # The URL carries plotly's version (?v=), so a stored copy may be kept for a day.
            self.set_header("Cache-Control", "max-age=86400")

    route = url_path_join(server_app.web_app.settings["base_url"], ROUTE)
    server_app.web_app.add_handlers(".*$", [(route, PlotlyScript, {"path": str(script.parent)})])
    server_app.log.info("hall_of_mirrors_lab: plotly.js at /%s", URL_PATH)
