"""The live figure in JupyterLab: its widget (widgets/live_figure.py), its front end (the JupyterLab
extension in jupyter-settings/labextension, run here under Node.js) and the server extension that
serves plotly.js to it (jupyter-settings/hall_of_mirrors_lab).

The front end in a real browser is tested in tests/e2e/test_jupyterlab.py (every chapter, and a
slowed-down browser on a busy machine).
"""
from __future__ import annotations

import json
import re
import tomllib

import plotly
import pytest
from plotly.offline import get_plotlyjs_version

import hall_of_mirrors_lab
from widgets import pushpull
from widgets.live_figure import CONTROLS_CLASS, FRONT_END, FRONT_END_VERSION, PLOTLY_SRC, CourseFigure

from support.course_pages import ROOT
from support.figure_json import assert_same, decoded
from support.node import run_node

SETTINGS = ROOT / "jupyter-settings"
PACKAGE = json.loads((SETTINGS / "labextension" / "package.json").read_text(encoding="utf-8"))
FRONT_END_JS = SETTINGS / "labextension" / PACKAGE["jupyterlab"]["_build"]["load"]


def test_python_and_the_front_end_agree_on_name_version_and_controls_class():
    assert (PACKAGE["name"], PACKAGE["version"]) == (FRONT_END, FRONT_END_VERSION)
    source = FRONT_END_JS.read_text(encoding="utf-8")
    assert f'const NAME = "{FRONT_END}";' in source
    assert f'const VERSION = "{FRONT_END_VERSION}";' in source
    assert f'const CONTROLS_CLASS = "{CONTROLS_CLASS}";' in source
    # The version is in the file name too, so a browser never runs a stored copy of an older one.
    assert FRONT_END_VERSION in FRONT_END_JS.name
    state = CourseFigure().get_state()
    assert (state["_model_module"], state["_model_module_version"]) == (FRONT_END, FRONT_END_VERSION)


def test_the_settings_package_installs_the_front_end_where_jupyterlab_finds_it():
    data_files = tomllib.loads((SETTINGS / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["data-files"]
    installed = {f"{folder}/{source.rsplit('/', 1)[-1]}" for folder, sources in data_files.items() for source in sources}
    where = f"share/jupyter/labextensions/{FRONT_END}"
    assert f"{where}/package.json" in installed
    assert f"{where}/{PACKAGE['jupyterlab']['_build']['load']}" in installed


def test_plotly_js_comes_from_the_server_extension_and_matches_the_python_side():
    path, _, query = PLOTLY_SRC.partition("?")
    assert path == hall_of_mirrors_lab.URL_PATH and re.fullmatch(hall_of_mirrors_lab.ROUTE, path)
    assert query == f"v={plotly.__version__}"
    with open(hall_of_mirrors_lab.plotly_script(), encoding="utf-8") as script:
        assert f"plotly.js v{get_plotlyjs_version()}" in script.read(200)


def test_the_row_of_controls_is_marked_for_its_keys():
    live = pushpull.timeline_view().widget()
    row = live.box.children[0]
    assert CONTROLS_CLASS in row._dom_classes
    assert set(row.children) == set(live.controls.values())


def test_the_widget_starts_with_the_validated_figure_and_no_changes():
    view = pushpull.timeline_view()
    live = view.widget()
    assert json.loads(live.figure_widget.base) == json.loads(view.figure().to_json())
    assert live.figure_widget.changes == "[]"


def test_a_move_sends_only_the_changes_and_a_move_back_sends_none(monkeypatch):
    live = pushpull.timeline_view().widget()
    sent = []
    monkeypatch.setattr(live.figure_widget, "send_state", lambda key=None: sent.append(key))
    slider = live.controls["p_warm"]
    default = slider.value
    slider.value = max(v for v in live.view.controls[0].values if v != default)
    assert sent == ["changes"]
    changes = json.loads(live.figure_widget.changes)
    assert changes and all(len(change) == 3 for change in changes)
    assert [-1, "title.text", live.view.figure(**live.values()).layout.title.text] in changes
    slider.value = default
    assert live.figure_widget.changes == "[]"


# The front end under Node: a stand-in page, JupyterLab's shared modules (three copies of
# @jupyter-widgets/base, one already loaded), a registry, a model and plotly.js that records what
# it is asked to draw.
FRONT_END_HARNESS = """
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const drawn = [];
const element = () => ({ classList: { add() {} }, children: [], appendChild(c) { this.children.push(c); },
  setAttribute() {}, querySelectorAll: () => [] });
globalThis.window = globalThis;
globalThis.Node = { ELEMENT_NODE: 1 };
globalThis.MutationObserver = class { observe() {} };
globalThis.document = {
  body: element(), getElementById: () => null, querySelectorAll: () => [],
  createElement: () => element(),
  head: { appendChild(script) {
    window.Plotly = { react: (el, data, layout) => { drawn.push({ data, layout }); el.data = data; return Promise.resolve(el); },
                      Plots: { resize() {} }, purge() {} };
    input.scripts.push(script.src);
    setTimeout(() => script.onload(), 0);
  } },
};
globalThis.location = { origin: 'http://127.0.0.1:8888' };
const base = (copy) => ({
  copy, IJupyterWidgetRegistry: { token: copy },
  DOMWidgetModel: class { defaults() { return { inherited: true }; } },
  DOMWidgetView: class {
    constructor(model) { this.model = model; this.el = element(); }
    listenTo(model, events, callback) { model.listeners.push([events, callback]); }
    processLuminoMessage() {}
    remove() {}
  },
});
const shared = { '@jupyter-widgets/base': {
  '6.0.2': { get: () => Promise.resolve(() => base('6.0.2')) },
  '6.0.11': { loaded: 1, get: () => Promise.resolve(() => base('6.0.11')) },
  '7.0.0-alpha.1': { get: () => Promise.resolve(() => base('7.0.0')) },
} };
require(input.script);
(async () => {
  const container = window._JUPYTERLAB[input.name];
  container.init(shared);
  const module = (await container.get('./extension'))();
  const plugin = module.default;
  let registered;
  plugin.activate({}, { registerWidget: (w) => { registered = w; } });
  const { CourseFigureModel, CourseFigureView } = registered.exports;
  const state = { ...input.states[0] };
  const model = { listeners: [], get: (key) => state[key] };
  const view = new CourseFigureView(model);
  view.render();
  await new Promise((resolve) => setTimeout(resolve, 10));
  for (const next of input.states.slice(1)) {
    Object.assign(state, next);
    model.listeners.forEach(([events, callback]) => events.split(' ').includes('change:changes') && callback());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  process.stdout.write(JSON.stringify({
    esModule: module.__esModule, plugin: { id: plugin.id, requires: plugin.requires.map((t) => t.token), autoStart: plugin.autoStart },
    registered: { name: registered.name, version: registered.version },
    defaults: new CourseFigureModel().defaults(), drawn, scripts: input.scripts,
  }));
})();
"""


@pytest.fixture(scope="module")
def front_end_run():
    """The front end drawing the chapter 2 timeline at its defaults, then after two moves."""
    live = pushpull.timeline_view().widget()
    states = [{"base": live.figure_widget.base, "changes": live.figure_widget.changes,
               "plotly_src": live.figure_widget.plotly_src}]
    expected = [live.figure_widget.figure()]
    for name, value in (("p_warm", 0.2), ("anxiety", 1.0)):
        live.controls[name].value = value
        states.append({"changes": live.figure_widget.changes})
        expected.append(live.figure_widget.figure())
    result = run_node(FRONT_END_HARNESS, {"script": str(FRONT_END_JS), "name": FRONT_END, "states": states,
                                          "scripts": []}, "the live figures' front end")
    return result, expected, live


def test_front_end_is_a_container_jupyterlab_can_load(front_end_run):
    result, _, _ = front_end_run
    assert result["esModule"] is True
    assert result["plugin"] == {"id": f"{FRONT_END}:live-figures", "requires": ["6.0.11"], "autoStart": True}
    assert result["registered"] == {"name": FRONT_END, "version": FRONT_END_VERSION}
    defaults = result["defaults"]
    assert defaults["inherited"] is True
    assert (defaults["_model_name"], defaults["_view_name"]) == ("CourseFigureModel", "CourseFigureView")


def test_front_end_loads_plotly_once_from_the_server_extension(front_end_run):
    result, _, _ = front_end_run
    assert result["scripts"] == [f"http://127.0.0.1:8888/{PLOTLY_SRC}"]


def test_front_end_draws_what_the_python_side_describes(front_end_run):
    """Each state the kernel sends is drawn as the widget's own rule gives it, and that equals a
    full, validated rebuild at those control values."""
    result, expected, live = front_end_run
    assert len(result["drawn"]) == len(expected) == 3
    for drawn, figure in zip(result["drawn"], expected):
        assert drawn == {"data": figure["data"], "layout": figure["layout"]}
    fresh = decoded(live.view.figure(**live.values()).to_plotly_json())
    for k, (drawn, rebuilt) in enumerate(zip(decoded(result["drawn"][-1]["data"]), fresh["data"])):
        assert_same(drawn, rebuilt, f"trace {k}")
    assert_same(decoded(result["drawn"][-1]["layout"]), fresh["layout"], "layout")
    assert len({json.dumps(d, sort_keys=True) for d in result["drawn"]}) == 3, "a move did not change the figure"
