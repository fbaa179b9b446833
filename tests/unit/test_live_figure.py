"""The live figure's front end in JupyterLab (widgets/live_figure.py, widgets/live_figure.js) and
the server extension that serves plotly's widget script to it (jupyter-settings/hall_of_mirrors_lab).

The browser side is tested in tests/test_jupyterlab.py (every chapter, and a slowed-down browser).
"""
from __future__ import annotations

import re

import plotly
import plotly.graph_objects as go

import hall_of_mirrors_lab
from widgets import pushpull
from widgets.live_figure import CONTROLS_CLASS, SCRIPT_PATH, CourseFigureWidget, loader_script


def test_each_live_figure_sends_the_small_loader_not_plotlys_5_mb_script():
    live = pushpull.timeline_view().widget()
    state = live.figure_widget.get_state()
    assert isinstance(live.figure_widget, go.FigureWidget)
    assert state["_esm"] == loader_script()
    assert len(state["_esm"]) < 10_000 < hall_of_mirrors_lab.plotly_widget_script().stat().st_size


def test_loader_names_the_route_the_server_extension_serves_and_plotlys_version():
    source = loader_script()
    assert not re.search(r"__[A-Z_]+__", source), "a placeholder was left unfilled"
    assert f'"{SCRIPT_PATH}"' in source and f'"{plotly.__version__}"' in source
    assert hall_of_mirrors_lab.URL_PATH == SCRIPT_PATH
    assert re.fullmatch(hall_of_mirrors_lab.ROUTE, SCRIPT_PATH)


def test_the_served_script_is_exactly_what_plotlys_own_figure_widget_would_send():
    script = hall_of_mirrors_lab.plotly_widget_script()
    assert go.FigureWidget().get_state()["_esm"] == script.read_text(encoding="utf-8")


def test_the_row_of_controls_is_marked_for_its_keys():
    live = pushpull.timeline_view().widget()
    row = live.box.children[0]
    assert CONTROLS_CLASS in row._dom_classes
    assert set(row.children) == set(live.controls.values())
    assert f'"{CONTROLS_CLASS}"' in loader_script()


def test_the_figure_widget_is_plotlys_otherwise():
    figure = CourseFigureWidget(go.Figure(go.Scatter(y=[1, 2, 3])))
    figure.data[0].y = [3, 2, 1]
    assert list(figure.data[0].y) == [3, 2, 1]
    assert figure.get_state()["_widget_data"][0]["y"] == [1, 2, 3]  # as first sent to the browser


def test_the_first_message_to_the_browser_already_carries_the_figure(monkeypatch):
    import ipywidgets.widgets.widget as widget_module

    opened = []

    class Comm:
        def __init__(self, **kwargs):
            opened.append(kwargs["data"]["state"])
            self.comm_id = f"test-{len(opened)}"
            self.kernel = None

        def on_msg(self, callback):
            pass

        def send(self, *args, **kwargs):
            raise AssertionError("a second message was sent while building the figure")

        def close(self, *args, **kwargs):
            pass

    monkeypatch.setattr(widget_module.comm, "create_comm", lambda **kwargs: Comm(**kwargs))
    CourseFigureWidget(go.Figure(go.Scatter(y=[1, 2, 3]), layout={"title": {"text": "T"}}))
    assert len(opened) == 1
    assert opened[0]["_widget_data"][0]["y"] == [1, 2, 3]
    assert opened[0]["_widget_layout"]["title"]["text"] == "T"
