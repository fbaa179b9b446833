"""The map of ideas (chapter 0): data consistency, selection and wiring."""
import json

import numpy as np
import pytest

from support.course_pages import ROOT
from widgets import ideas_map
from widgets.static_figure import book_spec, figure_at
from widgets.data import load_chapters, load_idea_links, load_ideas
from support.figure_json import shown


def test_every_chapter_has_ideas_and_every_link_is_known():
    ideas, links = load_ideas(), load_idea_links()
    assert set(ideas.chapter) == set(load_chapters().number)
    assert set(links.source) | set(links.target) <= set(ideas.id)


def test_every_idea_cites_a_work_in_the_bibliography():
    from pathlib import Path
    bib = (ROOT / "references.bib").read_text()
    missing = [key for key in load_ideas().bibkey if f"{{{key}," not in bib]
    assert not missing


@pytest.mark.parametrize("chapter", range(9))
def test_selecting_a_chapter_highlights_exactly_its_ideas(chapter):
    ideas, links = load_ideas(), load_idea_links()
    chosen, link_mask = ideas_map.select_ideas(ideas, links, chapter=chapter)
    assert (ideas.chapter[chosen] == chapter).all() and chosen.sum() == (ideas.chapter == chapter).sum()
    ids = set(ideas.id[chosen])
    assert all((s in ids or t in ids) == m for s, t, m in zip(links.source, links.target, link_mask))


def test_invalid_filters_are_rejected():
    with pytest.raises(ValueError, match="chapter must be one of"):
        ideas_map.map_figure(chapter=9)
    with pytest.raises(ValueError, match="kind must be one of"):
        ideas_map.map_figure(kind="person")


def test_map_controls_change_the_live_figure():
    live = ideas_map.map_view().widget()
    before = [np.asarray(t.marker.opacity).tolist() for t in shown(live).data[2:]]
    live.controls["chapter"].value = 4
    after = [np.asarray(t.marker.opacity).tolist() for t in shown(live).data[2:]]
    assert before != after
    assert "chapter 4" in shown(live).layout.title.text
    labels = [text for t in shown(live).data[2:] for text in t.text if text]
    assert sorted(labels) == sorted(load_ideas().query("chapter == 4").label)
    live.controls["kind"].value = "finding"
    lit = [np.asarray(t.marker.opacity) == 1.0 for t in shown(live).data[2:]]
    assert not lit[0].any() and not lit[1].any()  # theorists and concepts dimmed


def test_static_map_offers_every_chapter_and_kind_with_different_highlights():
    view = ideas_map.map_view()
    spec = book_spec(view)
    page = view.static_html()
    assert page.count("<option ") == 10 and ">All</option>" in page
    opacities = {json.dumps([trace.get("marker", {}).get("opacity") for trace in figure_at(spec, k)["data"]])
                 for k in range(len(spec["steps"]))}
    assert len(opacities) > 10  # chapters and kinds each change what is highlighted
