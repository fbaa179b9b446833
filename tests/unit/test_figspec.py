"""Fast live updates (widgets/figspec.py) give exactly the figure a full, validated rebuild gives."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import numpy as np
import pytest

import widgets
from widgets import figspec
from widgets.catalog import VIEWS, live_views
from widgets.dual import InteractiveFigure

from support.figure_json import assert_same, decoded

MAX_POSITIONS = 6  # per control: the ends and evenly spaced positions between


def _positions(values):
    picks = np.unique(np.linspace(0, len(values) - 1, min(MAX_POSITIONS, len(values))).round().astype(int))
    return [values[i] for i in picks]


@pytest.mark.parametrize("label", list(live_views()))
def test_live_updates_equal_a_full_rebuild_at_every_position(label):
    """What the live figure's front end draws (its base with its changes set) equals a full,
    validated rebuild at every control position."""
    view = VIEWS[label]()
    live = view.widget()
    for spec in view.controls:
        for value in _positions(list(spec.values)) + [spec.default]:
            live.controls[spec.name].value = value
            drawn = decoded(live.figure_widget.figure())
            fresh = decoded(view.figure(**live.values()).to_plotly_json())
            where = f"{label} {spec.name}={value}"
            assert len(drawn["data"]) == len(fresh["data"]), where
            for k, (shown_trace, rebuilt) in enumerate(zip(drawn["data"], fresh["data"])):
                assert_same(shown_trace, rebuilt, f"{where} trace {k}")
            assert_same(drawn["layout"], fresh["layout"], f"{where} layout")


def test_every_view_of_the_course_is_in_the_catalog():
    found = set()
    for module in pkgutil.iter_modules(widgets.__path__):
        loaded = importlib.import_module(f"widgets.{module.name}")
        for name, function in inspect.getmembers(loaded, inspect.isfunction):
            if name.endswith("_view") and function.__module__ == loaded.__name__:
                found.add(function)
    assert found == set(VIEWS.values())
    for make in VIEWS.values():
        assert isinstance(make(), InteractiveFigure)


def test_recording_only_inside_the_block():
    from widgets.theme import new_figure

    with figspec.recording():
        assert isinstance(new_figure("t"), figspec.FigureSpec)
    assert not isinstance(new_figure("t"), figspec.FigureSpec)


def test_spec_refuses_calls_it_cannot_record():
    spec = figspec.FigureSpec({})
    with pytest.raises(AttributeError):
        spec.add_pie(values=[1, 2])


def test_differences_name_only_what_differs_in_plotly_js_form():
    old = figspec.FigureSpec({"title": {"text": "a"}, "showlegend": True})
    old.add_scatter(x=np.arange(3), y=[1, 2, 3], line_width=2, name="one").add_bar(x=[1], y=[1])
    new = figspec.FigureSpec({"title": {"text": "b"}})
    new.add_scatter(x=np.arange(3), y=[1, 2, 4], line_width=3, name="one").add_bar(x=[1], y=[1])
    new.update_layout(shapes=[dict(type="line", line_width=0)], xaxis=dict(title="time"))
    assert figspec.differences(old.flat(), new.flat()) == [
        [0, "line.width", 3], [0, "y", [1, 2, 4]],
        [figspec.LAYOUT, "shapes", [{"type": "line", "line": {"width": 0}}]],
        [figspec.LAYOUT, "showlegend", None],  # gone: back to plotly's default
        [figspec.LAYOUT, "title.text", "b"], [figspec.LAYOUT, "xaxis.title.text", "time"]]
    assert figspec.differences(new.flat(), new.flat()) == []


def test_set_differences_turns_one_figure_into_the_other():
    old = {"data": [{"type": "scatter", "y": [1, 2, 3], "line": {"width": 2}}],
           "layout": {"title": {"text": "a"}, "showlegend": True}}
    found = [[0, "line.width", 3], [0, "marker.color", "red"], [figspec.LAYOUT, "showlegend", None],
             [figspec.LAYOUT, "title.text", "b"]]
    assert figspec.set_differences(old, found) == {
        "data": [{"type": "scatter", "y": [1, 2, 3], "line": {"width": 3}, "marker": {"color": "red"}}],
        "layout": {"title": {"text": "b"}}}


def test_differences_refuse_a_different_number_of_traces():
    one = figspec.FigureSpec({}).add_scatter(x=[1])
    two = figspec.FigureSpec({}).add_scatter(x=[1]).add_scatter(x=[2])
    with pytest.raises(ValueError, match="same traces"):
        figspec.differences(one.flat(), two.flat())


def test_a_full_figure_flattens_like_a_recording_with_arrays_as_lists():
    """Builders that return a go.Figure (not a recording): plotly keeps their numpy arrays as
    base64 in JSON form; the flat form has them as plain lists, as a recording does."""
    import plotly.graph_objects as go

    traces, layout = figspec.flat(go.Figure(go.Scatter(x=np.arange(3), y=np.array([1.0, 2.5, 3.0])),
                                            layout=dict(title=dict(text="t"))))
    assert traces == [{"x": [0, 1, 2], "y": [1.0, 2.5, 3.0], "type": "scatter"}]
    assert {k: v for k, v in layout.items() if not k.startswith("template.")} == {"title.text": "t"}
