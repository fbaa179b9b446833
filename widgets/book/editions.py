"""Two editions from the same sources. The **student book** (default, ``_toc.yml``) has no
instructor material in its HTML, search index or downloadable notebooks: every admonition with the
class ``instructor`` is removed. The **instructor book** (``--toc _toc_instructor.yml``, which adds
``book/instructor_guide``) keeps them, with the ``{answer-key}`` tables generated from ``data/``.
The edition follows from whether the guide is part of the build, so one switch cannot be half-set.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..data import DATA_DIR, load_quiz, load_sorter

GUIDE = "book/instructor_guide"
INSTRUCTOR_CLASS = "instructor"


def edition(app) -> str:
    """"instructor" when the instructor guide is part of the build, else "student"."""
    return "instructor" if GUIDE in app.env.found_docs else "student"


def remove_instructor_material(app, doctree):
    if edition(app) == "instructor":
        return
    for node in list(doctree.findall(lambda n: isinstance(n, nodes.Element)
                                     and INSTRUCTOR_CLASS in n.get("classes", []))):
        node.parent.remove(node)


# An instructor box in a chapter's MyST source (its text is the group "body"): the one pattern the
# build and the tests use.
INSTRUCTOR_ADMONITION = re.compile(r"```\{admonition\}[^\n]*\n(?::[^\n]*\n)*?:class:[^\n]*\binstructor\b[^\n]*\n"
                                   r"(?P<body>.*?)\n```\n?", re.S)


def strip_downloads(app, exception):
    """Student edition: the downloadable notebooks lose their instructor admonitions too."""
    if exception is not None or app.builder.format != "html" or edition(app) == "instructor":
        return
    for source in (Path(app.outdir) / "_sources").rglob("*.ipynb"):
        source.write_text(student_notebook(source.read_text(encoding="utf-8")), encoding="utf-8")


def student_notebook(text: str) -> str:
    """A notebook's JSON text without its instructor admonitions (the student edition's form)."""
    notebook = json.loads(text)
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = INSTRUCTOR_ADMONITION.sub("", source)
    return json.dumps(notebook, indent=1, ensure_ascii=False)


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
