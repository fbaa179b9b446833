"""Sphinx extension for the course book (listed in ``_config.yml``).

* serves ``plotly.min.js`` once, from the book's own ``_static`` folder, copied from the
  installed plotly package at build time (so it always matches the Python side and is never
  committed); the static figures (``include_plotlyjs=False``) use it;
* adds the course stylesheet and script (``book/_static``);
* removes duplicated inline scripts from pages (sphinx-thebe registers its configuration
  script twice under Jupyter Book 1, which throws "Identifier ... has already been declared").
"""
from __future__ import annotations

import shutil
from pathlib import Path

import plotly
from myst_nb.core.render import NbElementRenderer

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _copy_plotly(app, exception):
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir) / "_static" / "plotly.min.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PLOTLY_JS, target)


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    """Drop inline scripts that reach a page twice (registered once with filename None, once with "")."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        key = (script.filename or "", repr(sorted(script.attributes.items())))  # None == ""
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def setup(app):
    if not PLOTLY_JS.is_file():
        raise FileNotFoundError(f"{PLOTLY_JS}: plotly.min.js not found in the installed plotly package")
    app.add_js_file("plotly.min.js", priority=200)
    app.add_js_file("course.js", priority=210)
    app.add_css_file("course.css")
    # Early: html-page-context stops at the first handler that returns a template name.
    app.connect("html-page-context", _dedupe_scripts, priority=100)
    app.connect("build-finished", _copy_plotly)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


class StaticWidgetsRenderer(NbElementRenderer):
    """myst-nb renderer (``nb_render_plugin: course``) that leaves out saved ipywidgets state.

    The book shows every widget's static ``text/html`` version, so the live widgets' state
    (megabytes, with plotly's bundle inside) would only weigh the page down and ask for the
    ipywidgets manager from a CDN.
    """

    def render_nb_finalise(self, metadata: dict) -> None:
        metadata = {key: value for key, value in metadata.items() if key != "widgets"}
        super().render_nb_finalise(metadata)
