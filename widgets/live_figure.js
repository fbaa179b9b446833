// The front end of every live figure in JupyterLab (widgets/live_figure.py).
//
// plotly's FigureWidget ships its whole widget script (5 MB) with every figure, and anywidget
// evaluates it anew per figure; anywidget drops all messages to a model that is not initialized
// 2 s after it was created, which left figures empty on slower machines. This loader is small: it
// imports plotly's script once per page from the course's Jupyter server extension
// (hall_of_mirrors_lab) and hands each figure to it. The Python side fills in the placeholders.

const SCRIPT_PATH = "__SCRIPT_PATH__";
const PLOTLY_VERSION = "__PLOTLY_VERSION__";
const CONTROLS_CLASS = "__CONTROLS_CLASS__";
// What the Python side sends to plotly's model; a change that arrives before plotly's script is
// ready is kept and replayed once it is.
const PY2JS = ["_py2js_addTraces", "_py2js_deleteTraces", "_py2js_moveTraces", "_py2js_restyle",
  "_py2js_relayout", "_py2js_update", "_py2js_animate", "_py2js_removeLayoutProps",
  "_py2js_removeTraceProps"];

function scriptUrl() {
  const config = document.getElementById("jupyter-config-data");
  const base = config ? JSON.parse(config.textContent).baseUrl || "/" : "/";
  return new URL(`${base}${SCRIPT_PATH}?v=${PLOTLY_VERSION}`, window.location.origin).href;
}

// Evaluating plotly's script holds the page for a while (seconds on a slow machine). A figure
// whose model is being set up meanwhile would miss anywidget's 2 s, so the script is imported once
// no new figure has turned up for QUIET_MS: after a burst of figures from "Run All", not within it.
// The same URL serves every figure, so the browser fetches and evaluates it once. 1.5 s: since each
// chapter opens with its model and then predictions, figures come further apart in a "Run All"
// than before; at 0.3 s the script was evaluated between them on a slowed machine.
const QUIET_MS = 1500;

function loadPlotlyWidget() {
  let loading = window.coursePlotlyWidget;  // one per page, shared by every figure
  if (!loading) {
    let start;
    const started = new Promise((resolve) => { start = resolve; });
    loading = window.coursePlotlyWidget = {
      start,
      timer: null,
      promise: started.then(() => import(scriptUrl())).then((module) => module.default),
    };
  }
  if (loading.start) {  // not imported yet: (re)start the wait for a quiet moment
    clearTimeout(loading.timer);
    loading.timer = setTimeout(() => { loading.start(); loading.start = null; }, QUIET_MS);
  }
  return loading.promise;
}

function explain(el, error) {
  el.textContent = "This live figure could not start: JupyterLab did not serve plotly's widget "
    + "script. Install the course's requirements (pip install -r requirements.txt) and restart "
    + `JupyterLab. (${error})`;
  el.setAttribute("role", "alert");
}

// JupyterLab reads keys pressed in a notebook as its shortcuts: a focused dropdown's arrow keys
// would select another cell, Enter would edit a cell instead of pressing a button, and letters or
// digits run cell commands. Lumino skips its shortcuts for an element marked
// data-lm-suppress-shortcuts, so the controls' own elements are marked.
const CONTROL_SELECTOR = ["select", ".noUi-handle", "button"].map((part) => `.${CONTROLS_CLASS} ${part}`).join(", ");

function keepKeysForControls(root) {
  const found = [...root.querySelectorAll(CONTROL_SELECTOR)];
  if (root.matches && root.matches(CONTROL_SELECTOR)) found.push(root);
  for (const control of found) control.setAttribute("data-lm-suppress-shortcuts", "true");
}

if (!window.courseControlsObserver) {  // one per page, however many figures
  window.courseControlsObserver = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) keepKeysForControls(node);
      }
    }
  });
  window.courseControlsObserver.observe(document.body, { childList: true, subtree: true });
  keepKeysForControls(document);
}

// anywidget drops every message to a model whose initialize has not finished 2 s after the model
// was created, and a busy page can stall any timer for longer than that. So initialize returns at
// once: plotly's script loads in the background, and changes that come meanwhile are replayed.
export default () => {
  let ready;
  return {
    initialize({ model }) {
      const early = [];
      for (const name of PY2JS) {
        model.on(`change:${name}`, () => {
          const value = model.get(name);
          if (value !== null) early.push([name, value]);
        });
      }
      ready = loadPlotlyWidget().then((makeWidget) => {
        for (const name of PY2JS) model.off(`change:${name}`);
        const widget = makeWidget();
        widget.initialize({ model });
        for (const [name, value] of early) {
          model.set(name, value);
          model.set(name, null);
        }
        return widget;
      });
      ready.catch(() => {});  // reported in render, where the learner sees it
    },
    async render({ model, el }) {
      try {
        const widget = await ready;
        return widget.render({ model, el });
      } catch (error) {
        explain(el, error);
      }
    },
  };
};
