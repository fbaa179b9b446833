"""Care and safety in the book: every page's privacy meta tags and the quick exit's destination,
and the care page's directives: ``{helplines}`` (emergency numbers and helplines from
``data/helplines.yaml``, each with its sources and check date) and ``{journal-places}`` (where the
journal is kept in each place the course runs, in the live chapters' own words)."""
from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..data import DATA_DIR, load_helplines, tel_link

PRIVACY_META = ('<meta name="referrer" content="no-referrer">\n'
                '<meta http-equiv="x-dns-prefetch-control" content="off">\n')


def add_privacy_meta(app, pagename, templatename, context, doctree):
    """Every page: no referrer to other sites (not even the book's address), no DNS look-ups of
    linked hosts before a link is used, and the quick exit's destination for its template."""
    context["metatags"] = context.get("metatags", "") + PRIVACY_META
    context["course_exit_url"] = app.config.course_exit_url


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
        from ..journal import FILE_NAME, WHERE_KEPT, where_kept

        path = f"`<Jupyter data folder>/hall-of-mirrors/{FILE_NAME}`"
        titles = {"computer": "Your own computer", "hub": "A course server (JupyterHub)",
                  "browser": "Inside your browser"}
        text = "\n".join(f"- **{titles[place]}.** {where_kept(place, path)}" for place in WHERE_KEPT)
        container = nodes.container(classes=["course-journal-places"])
        container += self.parse_text_to_nodes(text)
        return [container]
