"""What no page uses is left out of the written pages: sphinx-thebe's assets, the theme's
``fontawesome.js``, the search index except on the search page, and assets of features a page
does not have; plus one fix of the theme's markup for screen readers."""
from __future__ import annotations

import re
from pathlib import Path

from . import icons

FONTAWESOME_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js\?digest=\w+"></script>')
# The theme loads Sphinx's search tools and the whole search index (120 KB) on every page for a
# "search as you type" dialog that is off (its default); the search page loads its own.
SEARCH_SCRIPTS = re.compile(r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|'
                            r'searchindex\.js)"></script>')


def drop_unused_scripts(app, exception):
    """Leave out scripts no page uses (they are written by the theme's templates, so they are
    removed from the written pages):

    * ``fontawesome.js`` (1.4 MB) draws the theme's icons as SVG; the theme's stylesheet already
      draws every ``fa-*`` icon with the Font Awesome web font, which the admonitions load anyway;
    * the search tools and index on every page but the search page.
    """
    if exception is not None or app.builder.format != "html":
        return
    pages = []
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        trimmed = FONTAWESOME_SCRIPT.sub("", text)
        if page.name != "search.html":
            trimmed = SEARCH_SCRIPTS.sub("", trimmed)
        if trimmed != text:
            page.write_text(trimmed, encoding="utf-8")
        pages.append(trimmed)
    icons.write_subset(Path(app.outdir) / "_static", pages)


def fix_citation_list_role(app, pagename, templatename, context, doctree):
    """docutils marks the bibliography ``role="list"`` but its entries ``role="doc-biblioentry"``,
    which is not a list item: screen readers announce an empty list (axe-core:
    aria-required-children, critical). Without the role the entries read as plain content."""
    body = context.get("body")
    if body and 'class="citation-list"' in body:
        context["body"] = body.replace('<div role="list" class="citation-list">', '<div class="citation-list">')


# Assets a page loads only when it uses them: (file names, what the page's body must contain).
# Code blocks have copy buttons; sphinx-design's tabs need their script.
ASSETS_ONLY_WHEN_USED = ((("clipboard.min.js", "copybutton.js", "copybutton.css"), "<pre"),
                         (("design-tabs.js",), "sd-tab-set"))


def unused_asset(filename: str | None, page_body: str, inline: str = "") -> bool:
    """sphinx-thebe's script, stylesheet and configuration (nothing in the book runs code), and
    assets of features the page does not have."""
    name = (filename or "").rsplit("/", 1)[-1]
    if "sphinx-thebe" in name or "THEBE_JS_URL" in inline:
        return True
    return any(name in names and marker not in page_body for names, marker in ASSETS_ONLY_WHEN_USED)


def trim_assets(app, pagename, templatename, context, doctree):
    """Leave out the assets a page does not use (sphinx-thebe's also registered their
    configuration script twice, throwing "Identifier ... has already been declared")."""
    body = context.get("body", "")
    scripts = context.get("script_files")
    if scripts:
        scripts[:] = [s for s in scripts if not unused_asset(s.filename, body, s.attributes.get("body", ""))]
    styles = context.get("css_files")
    if styles:
        styles[:] = [s for s in styles if not unused_asset(s.filename, body)]
