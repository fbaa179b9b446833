"""Sphinx extension for the course book (``widgets.book``, listed in ``_config.yml``). It is kept
apart from the learners' modules: nothing in ``widgets`` imports it, and it needs the book tools
(``pip install .[book]``). One concern per module; :func:`setup` wires them up.

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
  web font, which :mod:`widgets.book.icons` cuts down to the glyphs the book shows) and,
  except on the search page, the search index;
* makes two editions from the same sources. The **student book** (default, ``_toc.yml``) has no
  instructor material in its HTML, search index or downloadable notebooks: every admonition with
  the class ``instructor`` is removed. The **instructor book** (``--toc _toc_instructor.yml``, which
  adds ``book/instructor_guide``) keeps them; the edition follows from whether the guide is part
  of the build, so one switch cannot be half-set;
* provides the ``{helplines}`` directive: the care page's emergency numbers or helplines from
  ``data/helplines.yaml``, each with its sources and the date it was checked;
* builds the chapters' in-browser site (JupyterLite, :mod:`widgets.book.lite`) into the book as
  ``lite/`` and puts a "Run this chapter in your browser" link under every chapter's title;
* provides the ``{answer-key}`` directive: the answer key of a self-check or sorting exercise,
  generated from ``data/`` (used in the instructor guide only).
"""
from __future__ import annotations

from . import care, editions, plotly_assets, trim


def setup(app):
    from . import lite  # here, so that `python -m widgets.book.lite` runs it without importing it twice

    app.add_config_value("course_exit_url", "https://www.bbc.co.uk/weather", "html", types=[str])
    # Not deferred, before the theme's scripts: the exit answers Shift from the first moment.
    app.add_js_file("course-exit.js", priority=100)
    app.connect("html-page-context", care.add_privacy_meta)
    app.add_js_file("course.js", priority=210, defer="defer")
    app.connect("html-page-context", plotly_assets.add_bundle)
    app.add_css_file("course.css")
    # Early: html-page-context stops at the first handler that returns a template name.
    app.connect("html-page-context", trim.trim_assets, priority=100)
    app.connect("html-page-context", trim.fix_citation_list_role, priority=100)
    app.connect("builder-inited", plotly_assets.fetch_bundles)
    app.connect("build-finished", plotly_assets.copy_bundles)
    app.connect("build-finished", trim.drop_unused_scripts)
    app.connect("doctree-read", editions.remove_instructor_material)
    app.connect("build-finished", editions.strip_downloads)
    app.add_directive("answer-key", editions.AnswerKey)
    app.add_directive("helplines", care.Helplines)
    app.add_directive("journal-places", care.JournalPlaces)
    app.add_config_value("course_lite", True, "html", types=[bool])
    app.connect("builder-inited", lite.build_for_book)
    app.connect("html-page-context", lite.add_run_link)
    app.connect("build-finished", lite.copy_site)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
