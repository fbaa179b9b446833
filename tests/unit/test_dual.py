"""Wiring of the live widgets and content of the static versions (widgets/dual.py)."""
import json

import numpy as np
import pytest

from widgets import modes
from widgets import pushpull as pp
from widgets.catalog import VIEWS
from widgets.dual import Control, InteractiveFigure
from widgets.static_figure import book_spec, grid
from support.figure_json import shown

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _trace_data(figure, index, key="y"):
    return np.asarray(figure.data[index][key], dtype=float)


def test_timeline_p_slider_moves_the_live_figure():
    live = pp.timeline_view().widget()
    before = _trace_data(shown(live), 1)
    live.controls["p_warm"].value = 0.2
    expected = pp.simulate_push_pull(p_warm=0.2).hope.to_numpy()
    assert np.allclose(_trace_data(shown(live), 1), expected)
    assert not np.allclose(before, expected)
    assert "0.2" in shown(live).layout.title.text
    warm = pp.simulate_push_pull(p_warm=0.2).warm.to_numpy()
    assert np.allclose(_trace_data(shown(live), 0) > 0.5, warm)


def test_timeline_anxiety_slider_moves_the_live_figure():
    live = pp.timeline_view().widget()
    live.controls["anxiety"].value = 1.0
    expected = pp.simulate_push_pull(p_warm=0.5, anxiety=1.0).hope.to_numpy()
    assert np.allclose(_trace_data(shown(live), 1), expected)
    assert "anxiety 1.00" in shown(live).layout.title.text
    texts = [a.text for a in shown(live).layout.annotations]
    assert any("cold episodes in a row" in t for t in texts)


def test_extinction_anxiety_slider_moves_the_live_figure():
    live = pp.extinction_view().widget()
    live.controls["anxiety"].value = 0.75
    expected = pp.extinction_curve(anxiety=0.75)["median"].to_numpy()
    assert np.allclose(_trace_data(shown(live), 3), expected)


@pytest.mark.parametrize("make_view", list(VIEWS.values()), ids=list(VIEWS))
def test_every_book_control_changes_the_figure(make_view):
    """Each control of the book, moved alone from the defaults, shows different data at each value."""
    view = make_view()
    spec = book_spec(view)
    combinations = grid(view)
    assert len(spec["steps"]) == int(np.prod([len(c.values) for c in view.book_controls]))
    for control in view.book_controls:
        others = {c.name: c.default for c in view.book_controls if c is not control}
        shown = [json.dumps(spec["steps"][combinations.index({**others, control.name: value})])
                 for value in control.values]
        assert len(set(shown)) == len(shown), f"{control.name}: two values show the same figure"


def test_static_html_loads_nothing_from_other_hosts():
    html = pp.timeline_view().static_html()
    assert 'class="course-figure-spec"' in html
    assert "<script src" not in html and "cdn" not in html.lower() and "http" not in html
    assert "In the book" not in html  # both controls work in the book


def test_one_output_carries_live_widget_and_static_html():
    bundle = pp.extinction_view()._repr_mimebundle_()
    assert WIDGET_MIME in bundle and "text/html" in bundle and "text/plain" in bundle
    assert 'class="course-figure-spec"' in bundle["text/html"]


def test_buttons_and_dropdown_controls():
    def build(colour="a", size=1):
        import plotly.graph_objects as go
        return go.Figure(go.Scatter(x=[0, 1], y=[size, size * (2 if colour == "a" else 3)]))
    view = InteractiveFigure(build, [Control("colour", "colour", ("a", "b"), "a", kind="buttons"),
                                     Control("size", "size", (1, 2, 3), 1)])
    live = view.widget()
    live.controls["colour"].value = "b"
    live.controls["size"].value = 2
    assert list(shown(live).data[0].y) == [2, 6]


def test_control_and_view_errors_are_clear():
    with pytest.raises(ValueError, match="default 5 is not one of"):
        Control("p", "p", (1, 2), 5)
    with pytest.raises(ValueError, match="book_fixed: 'q' is not a control"):
        InteractiveFigure(lambda p=1: None, [Control("p", "p", (1, 2), 1)], book_fixed={"q": "why"})
    with pytest.raises(ValueError, match="unknown control"):
        pp.timeline_view().figure(speed=3)


def test_static_html_carries_the_figure_as_tables():
    view = pp.extinction_view()
    page = view.static_html()
    assert '<details class="course-figure-data">' in page and "<caption>median</caption>" in page
    medians = pp.extinction_curve()["median"].to_numpy()
    table = page.split("<caption>median</caption>")[1].split("</table>")[0]
    assert table.count("<tr><td>") == len(medians)
    assert f"<td>{medians[0]:.3g}</td>" in table


def test_toggle_buttons_are_as_wide_as_their_labels():
    live = modes.evocation_view().widget()
    buttons = [c for c in live.controls.values() if type(c).__name__ == "ToggleButtons"]
    assert buttons and all(b.style.button_width == "auto" for b in buttons)
