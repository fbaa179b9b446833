"""The book's notebook renderer (``nb_render_plugin: course``, registered in pyproject.toml)."""
from __future__ import annotations

from myst_nb.core.render import NbElementRenderer

from ..references import BOOK_MIME

class StaticWidgetsRenderer(NbElementRenderer):
    """myst-nb renderer (``nb_render_plugin: course``) that leaves out saved ipywidgets state and
    renders the book's form of the course's outputs.

    The book shows every widget's static ``text/html`` version, so the live widgets' state
    (megabytes, with plotly's bundle inside) would only weigh the page down and ask for the
    ipywidgets manager from a CDN.
    """

    def render_nb_finalise(self, metadata: dict) -> None:
        metadata = {key: value for key, value in metadata.items() if key != "widgets"}
        super().render_nb_finalise(metadata)

    def render_mime_type(self, data):
        """The book's form of an output (``text/x-course-myst``, e.g. a chapter's reference list,
        ``widgets/references.py``) is MyST text, parsed in place like the page's own Markdown."""
        if data.mime_type == BOOK_MIME:
            return self._render_markdown_base(data, fmt="myst", inline=False)
        return super().render_mime_type(data)
