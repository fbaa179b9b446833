"""Sphinx extension for the course book (listed in ``_config.yml``).

* serves plotly.js from the book's own ``_static`` folder: the registry packages
  ``plotly.js-basic-dist-min`` and, for pages with a heatmap, ``plotly.js-cartesian-dist-min``
  (a quarter and a third of the full bundle), at the plotly.js version of the installed plotly
  package, checked against their pinned sha512 and kept with their licence
  (:func:`plotly_bundle`, :func:`bundle_for`);
* adds the course stylesheet and script (``book/_static``);
* puts the quick exit on every page: the "Leave this page" link in the sticky bar at the top
  (``book/_templates/course-exit.html``, to the neutral site ``course_exit_url``) and its script
  ``course-exit.js`` (Shift three times, no history entry); every page also asks the browser to
  send no referrer and to look up no other host before a link is used (:func:`_add_privacy_meta`);
* leaves out what no page uses: sphinx-thebe's scripts (nothing runs code in the book), the
  theme's 1.4 MB ``fontawesome.js`` (the theme's stylesheet already draws every icon with its
  web font, which :mod:`widgets.book_icons` cuts down to the glyphs the book shows) and,
  except on the search page, the search index;
* makes two editions from the same sources. The **student book** (default, ``_toc.yml``) has no
  instructor material in its HTML, search index or downloadable notebooks: every admonition with
  the class ``instructor`` is removed. The **instructor book** (``--toc _toc_instructor.yml``, which
  adds ``book/instructor_guide``) keeps them; the edition follows from whether the guide is part
  of the build, so one switch cannot be half-set;
* provides the ``{helplines}`` directive: the care page's emergency numbers or helplines from
  ``data/helplines.yaml``, each with its sources and the date it was checked;
* provides the ``{answer-key}`` directive: the answer key of a self-check or sorting exercise,
  generated from ``data/`` (used in the instructor guide only).
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import tarfile
import urllib.request
from pathlib import Path

from plotly.offline import get_plotlyjs_version
from docutils import nodes
from myst_nb.core.render import NbElementRenderer
from sphinx.util.docutils import SphinxDirective

from . import book_icons
from .data import DATA_DIR, load_helplines, load_quiz, load_sorter, tel_link
from .references import BOOK_MIME

# The book's plotly.js: partial bundles from the npm registry, the smallest with the traces a page
# draws: "basic" (scatter, bar, pie) on most pages, "cartesian" (also heatmap) where a figure is a
# heatmap; pages without figures load none. Their version must equal the plotly.js of the
# installed plotly package (the figures' JSON is written for that version).
PLOTLY_BUNDLES = {
    "basic": {
        "package": "plotly.js-basic-dist-min",
        "version": "4.1.1",
        "integrity": "sha512-1oNF8PeQx2hv/y7tqEVWKD3JGwn/MGEMQ8mL9HUwsaqG9FGy/OU5FHUHvzqbqxN4mnwZGI9abTiE775C4kkjMQ==",
        "script": "plotly-basic.min.js",
        "traces": ("scatter", "bar", "pie"),
    },
    "cartesian": {
        "package": "plotly.js-cartesian-dist-min",
        "version": "4.1.1",
        "integrity": "sha512-o8GrFeusncwBIxbBynRJpY4pkgVB6caM+JLpwrLYbbsO7dZ8FJ+SVN2Fr+L7kiG/Z6w4P5O0Jus/Qr5EefHVeg==",
        "script": "plotly-cartesian.min.js",
        "traces": ("scatter", "bar", "heatmap", "box", "violin", "histogram", "histogram2d",
                   "histogram2dcontour", "contour", "image", "pie", "scatterternary"),
    },
}
PLOTLY_BUNDLE = PLOTLY_BUNDLES["cartesian"]
FIGURE_SPEC = re.compile(r'<script type="application/json" class="course-figure-spec">(.*?)</script>', re.S)


def bundle_for(page_body: str) -> str | None:
    """The name of the smallest bundle that draws every figure of a page, or None without figures."""
    specs = [json.loads(text) for text in FIGURE_SPEC.findall(page_body)]
    if not specs:
        return None
    traces = {trace.get("type", "scatter") for spec in specs for trace in spec["base"]["data"]}
    for name, bundle in PLOTLY_BUNDLES.items():
        if traces <= set(bundle["traces"]):
            return name
    raise ValueError(f"no plotly.js bundle draws the trace types {sorted(traces)}: add one to PLOTLY_BUNDLES")


# V8's explicit compile hint (Chromium 136+): compile the whole file at once, off the main thread,
# instead of each function when it first runs. A comment line before the package's unchanged
# bytes; on a 4x slowed phone it brought the figures about 0.8 s sooner.
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"


def _registry_url(bundle: dict) -> str:
    name = bundle["package"]
    return f"https://registry.npmjs.org/{name}/-/{name}-{bundle['version']}.tgz"


def plotly_bundle(cache: Path, bundle: dict = PLOTLY_BUNDLE) -> dict[str, bytes]:
    """The bundle's script and licence (``{"script": ..., "licence": ...}``), from the npm registry.

    The tarball is kept in ``cache`` after its first download and accepted only when its sha512
    equals the pinned integrity; anything else stops the build with the reason.
    """
    if bundle["version"] != get_plotlyjs_version():
        raise RuntimeError(f"{bundle['package']} {bundle['version']} does not match the installed plotly's "
                           f"plotly.js {get_plotlyjs_version()}: update PLOTLY_BUNDLE in {__file__}")
    url = _registry_url(bundle)
    tarball = cache / url.rsplit("/", 1)[1]
    if not tarball.is_file():
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                data = response.read()
        except OSError as error:
            raise RuntimeError(f"could not download {url} ({error}); place that file in {cache}/ to build "
                               "offline") from error
        cache.mkdir(parents=True, exist_ok=True)
        tarball.write_bytes(data)
    data = tarball.read_bytes()
    algorithm, expected = bundle["integrity"].split("-", 1)
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise RuntimeError(f"{tarball}: {algorithm} is {actual}, expected {expected} (from {url}); "
                           "delete the file to download it again")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        return {"script": archive.extractfile(f"package/{bundle['script']}").read(),
                "licence": archive.extractfile("package/LICENSE").read()}


def _fetch_plotly(app):
    """Early, so that a missing or altered bundle stops the build before the notebooks run."""
    if app.builder.format == "html":
        cache = Path(app.srcdir) / ".cache" / "npm"
        app.course_plotly = {name: plotly_bundle(cache, bundle) for name, bundle in PLOTLY_BUNDLES.items()}


def _copy_plotly(app, exception):
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        for name, files in app.course_plotly.items():
            script = PLOTLY_BUNDLES[name]["script"]
            (static / script).write_bytes(COMPILE_HINT + files["script"])
            (static / f"{script}.LICENSE.txt").write_bytes(files["licence"])


def _add_plotly(app, pagename, templatename, context, doctree):
    """Each page with figures loads the smallest bundle that draws them, deferred (the text shows
    first; course.js, deferred after it, draws the figures)."""
    name = bundle_for(context.get("body", ""))
    if name is not None:
        app.add_js_file(PLOTLY_BUNDLES[name]["script"], priority=200, defer="defer")


FONTAWESOME_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js\?digest=\w+"></script>')
# The theme loads Sphinx's search tools and the whole search index (120 KB) on every page for a
# "search as you type" dialog that is off (its default); the search page loads its own.
SEARCH_SCRIPTS = re.compile(r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js|'
                            r'searchindex\.js)"></script>')


def _drop_unused_scripts(app, exception):
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
    book_icons.write_subset(Path(app.outdir) / "_static", pages)


def _fix_citation_list_role(app, pagename, templatename, context, doctree):
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


def _unused_asset(filename: str | None, page_body: str, inline: str = "") -> bool:
    """sphinx-thebe's script, stylesheet and configuration (nothing in the book runs code), and
    assets of features the page does not have."""
    name = (filename or "").rsplit("/", 1)[-1]
    if "sphinx-thebe" in name or "THEBE_JS_URL" in inline:
        return True
    return any(name in names and marker not in page_body for names, marker in ASSETS_ONLY_WHEN_USED)


def _trim_assets(app, pagename, templatename, context, doctree):
    """Leave out the assets a page does not use (sphinx-thebe's also registered their
    configuration script twice, throwing "Identifier ... has already been declared")."""
    body = context.get("body", "")
    scripts = context.get("script_files")
    if scripts:
        scripts[:] = [s for s in scripts if not _unused_asset(s.filename, body, s.attributes.get("body", ""))]
    styles = context.get("css_files")
    if styles:
        styles[:] = [s for s in styles if not _unused_asset(s.filename, body)]


GUIDE = "book/instructor_guide"
INSTRUCTOR_CLASS = "instructor"


PRIVACY_META = ('<meta name="referrer" content="no-referrer">\n'
                '<meta http-equiv="x-dns-prefetch-control" content="off">\n')


def _add_privacy_meta(app, pagename, templatename, context, doctree):
    """Every page: no referrer to other sites (not even the book's address), no DNS look-ups of
    linked hosts before a link is used, and the quick exit's destination for its template."""
    context["metatags"] = context.get("metatags", "") + PRIVACY_META
    context["course_exit_url"] = app.config.course_exit_url


def edition(app) -> str:
    """"instructor" when the instructor guide is part of the build, else "student"."""
    return "instructor" if GUIDE in app.env.found_docs else "student"


def _remove_instructor_material(app, doctree):
    if edition(app) == "instructor":
        return
    for node in list(doctree.findall(lambda n: isinstance(n, nodes.Element)
                                     and INSTRUCTOR_CLASS in n.get("classes", []))):
        node.parent.remove(node)


INSTRUCTOR_ADMONITION = re.compile(r"```\{admonition\}[^\n]*\n(?::[^\n]*\n)*?:class:[^\n]*\binstructor\b.*?\n```\n?", re.S)


def _strip_downloads(app, exception):
    """Student edition: the downloadable notebooks lose their instructor admonitions too."""
    if exception is not None or app.builder.format != "html" or edition(app) == "instructor":
        return
    for source in (Path(app.outdir) / "_sources").rglob("*.ipynb"):
        notebook = json.loads(source.read_text(encoding="utf-8"))
        for cell in notebook.get("cells", []):
            if cell.get("cell_type") == "markdown":
                text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                cell["source"] = INSTRUCTOR_ADMONITION.sub("", text)
        source.write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")


class AnswerKey(SphinxDirective):
    """``{answer-key} ch03`` (a self-check) or ``{answer-key} core_conditions`` (a sorting
    exercise): a table of every item and its answer, generated from ``data/``."""

    required_arguments = 1

    def run(self):
        name = self.arguments[0]
        if edition(self.env.app) != "instructor":
            raise self.error("the answer-key directive belongs in the instructor edition only")
        if (DATA_DIR / "quizzes" / f"{name}.yaml").is_file():
            rows = [(q["prompt"] + (f" *(objective {q['objective']})*" if "objective" in q else ""),
                     next(o["text"] for o in q["options"] if o["correct"]))
                    for q in load_quiz(name)["questions"]]
            header = ("Question (learning objective it checks)", "Correct answer")
        elif (DATA_DIR / "sorters" / f"{name}.yaml").is_file():
            sorter = load_sorter(name)
            labels = {c["id"]: c["label"] for c in sorter["categories"]}
            rows = [(item["text"], labels[item["answer"]]) for item in sorter["items"]]
            header = ("Item", "Best answer")
        else:
            raise self.error(f"no self-check or sorting exercise named {name!r} in data/quizzes or data/sorters")
        cell = lambda text: text.replace("|", "\\|").replace("\n", " ")
        lines = [f"| # | {header[0]} | {header[1]} |", "|---|---|---|"]
        lines += [f"| {n} | {cell(item)} | {cell(answer)} |" for n, (item, answer) in enumerate(rows, start=1)]
        container = nodes.container(classes=["course-answer-key", INSTRUCTOR_CLASS])
        container += self.parse_text_to_nodes("\n".join(lines))
        return [container]


def _host(url: str) -> str:
    """``https://www.example.org/a/b`` -> ``example.org`` (a source's short name)."""
    host = url.split("://", 1)[1].split("/", 1)[0]
    return host[4:] if host.startswith("www.") else host


def _checked(entry: dict) -> str:
    sources = ", ".join(f"[{_host(url)}]({url})" for url in entry["sources"])
    day = entry["checked"]
    return f"Checked {day.day} {day:%B %Y} against {sources}."


def helplines_markdown(section: str) -> str:
    """MyST text of the care page's ``emergency`` numbers or ``helplines`` (data/helplines.yaml)."""
    entries = load_helplines()[section]
    if section == "emergency":
        lines = []
        for e in entries:
            note = f" {e['note']}" if "note" in e else ""
            lines.append(f"- **[{e['number']}]({tel_link(e['number'])})** ({e['region']}).{note} "
                         f"*{_checked(e)}*")
        return "\n".join(lines)
    blocks = []
    for e in entries:
        rows = [f"**{e['service']}** ({e['country']})", "",
                f"- **Call** [{e['phone']}]({tel_link(e['phone'])})" + (f". {e['hours']}" if "hours" in e else "")]
        rows += [f"- **{label}** {e[key]}" for key, label in (("text", "Text"), ("chat", "Online")) if key in e]
        rows.append(f"- **For** {e['for'][0].lower()}{e['for'][1:]}")
        if "website" in e:
            rows.append(f"- **Website** [{_host(e['website'])}]({e['website']})")
        rows.append(f"- *{_checked(e)}*")
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks)


class Helplines(SphinxDirective):
    """``{helplines} emergency`` or ``{helplines} helplines``: the entries of that list in
    ``data/helplines.yaml``, each with where it was checked and when."""

    required_arguments = 1

    def run(self):
        section = self.arguments[0]
        if section not in ("emergency", "helplines"):
            raise self.error(f"the helplines directive takes 'emergency' or 'helplines'; got {section!r}")
        self.env.note_dependency(str(DATA_DIR / "helplines.yaml"))
        container = nodes.container(classes=["course-helplines", f"course-helplines-{section}"])
        container += self.parse_text_to_nodes(helplines_markdown(section))
        return [container]


class JournalPlaces(SphinxDirective):
    """``{journal-places}``: where the journal is kept in each place the course runs, and who
    else can read it there, in the same words the live chapters use (:data:`journal.WHERE_KEPT`)."""

    def run(self):
        from .journal import FILE_NAME, WHERE_KEPT, where_kept

        path = f"`<Jupyter data folder>/hall-of-mirrors/{FILE_NAME}`"
        titles = {"computer": "Your own computer", "hub": "A course server (JupyterHub)",
                  "browser": "Inside your browser"}
        text = "\n".join(f"- **{titles[place]}.** {where_kept(place, path)}" for place in WHERE_KEPT)
        container = nodes.container(classes=["course-journal-places"])
        container += self.parse_text_to_nodes(text)
        return [container]


def setup(app):
    app.add_config_value("course_exit_url", "https://www.bbc.co.uk/weather", "html", types=[str])
    # Not deferred, before the theme's scripts: the exit answers Shift from the first moment.
    app.add_js_file("course-exit.js", priority=100)
    app.connect("html-page-context", _add_privacy_meta)
    app.add_js_file("course.js", priority=210, defer="defer")
    app.connect("html-page-context", _add_plotly)
    app.add_css_file("course.css")
    # Early: html-page-context stops at the first handler that returns a template name.
    app.connect("html-page-context", _trim_assets, priority=100)
    app.connect("html-page-context", _fix_citation_list_role, priority=100)
    app.connect("builder-inited", _fetch_plotly)
    app.connect("build-finished", _copy_plotly)
    app.connect("build-finished", _drop_unused_scripts)
    app.connect("doctree-read", _remove_instructor_material)
    app.connect("build-finished", _strip_downloads)
    app.add_directive("answer-key", AnswerKey)
    app.add_directive("helplines", Helplines)
    app.add_directive("journal-places", JournalPlaces)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


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
