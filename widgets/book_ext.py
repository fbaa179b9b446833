"""Sphinx extension for the course book (listed in ``_config.yml``).

* serves ``plotly.min.js`` once, from the book's own ``_static`` folder, copied from the
  installed plotly package at build time (so it always matches the Python side and is never
  committed); the static figures (``include_plotlyjs=False``) use it;
* adds the course stylesheet and script (``book/_static``);
* removes duplicated inline scripts from pages (sphinx-thebe registers its configuration
  script twice under Jupyter Book 1, which throws "Identifier ... has already been declared");
* makes two editions from the same sources. The **student book** (default, ``_toc.yml``) has no
  instructor material in its HTML, search index or downloadable notebooks: every admonition with
  the class ``instructor`` is removed. The **instructor book** (``--toc _toc_instructor.yml``, which
  adds ``book/instructor_guide``) keeps them; the edition follows from whether the guide is part
  of the build, so one switch cannot be half-set;
* provides the ``{answer-key}`` directive: the answer key of a self-check or sorting exercise,
  generated from ``data/`` (used in the instructor guide only).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import plotly
from docutils import nodes
from myst_nb.core.render import NbElementRenderer
from sphinx.util.docutils import SphinxDirective

from .data import DATA_DIR, load_quiz, load_sorter
from .references import BOOK_MIME

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _copy_plotly(app, exception):
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir) / "_static" / "plotly.min.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PLOTLY_JS, target)


def _fix_citation_list_role(app, pagename, templatename, context, doctree):
    """docutils marks the bibliography ``role="list"`` but its entries ``role="doc-biblioentry"``,
    which is not a list item: screen readers announce an empty list (axe-core:
    aria-required-children, critical). Without the role the entries read as plain content."""
    body = context.get("body")
    if body and 'class="citation-list"' in body:
        context["body"] = body.replace('<div role="list" class="citation-list">', '<div class="citation-list">')


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


GUIDE = "book/instructor_guide"
INSTRUCTOR_CLASS = "instructor"


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
            rows = [(q["prompt"], next(o["text"] for o in q["options"] if o["correct"]))
                    for q in load_quiz(name)["questions"]]
            header = ("Question", "Correct answer")
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


def setup(app):
    if not PLOTLY_JS.is_file():
        raise FileNotFoundError(f"{PLOTLY_JS}: plotly.min.js not found in the installed plotly package")
    app.add_js_file("plotly.min.js", priority=200)
    app.add_js_file("course.js", priority=210)
    app.add_css_file("course.css")
    # Early: html-page-context stops at the first handler that returns a template name.
    app.connect("html-page-context", _dedupe_scripts, priority=100)
    app.connect("html-page-context", _fix_citation_list_role, priority=100)
    app.connect("build-finished", _copy_plotly)
    app.connect("doctree-read", _remove_instructor_material)
    app.connect("build-finished", _strip_downloads)
    app.add_directive("answer-key", AnswerKey)
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
