// The front end of every live figure in JupyterLab (widgets/live_figure.py).
//
// plotly's FigureWidget ships its whole widget script (5 MB) with every figure, and anywidget
// evaluates it anew per figure; anywidget drops all messages to a model whose script takes over
// 2 s to get ready, which left figures empty on slower machines. This loader is small: it imports
// plotly's script once per page from the course's Jupyter server extension (hall_of_mirrors_lab)
// and hands each figure to it. The Python side fills in the placeholders below.

const SCRIPT_PATH = "__SCRIPT_PATH__";
const PLOTLY_VERSION = "__PLOTLY_VERSION__";
const CONTROLS_CLASS = "__CONTROLS_CLASS__";
// Stay well inside anywidget's 2 s; a figure whose script comes later is set up when it arrives.
const WAIT_MS = 1500;

function scriptUrl() {
  const config = document.getElementById("jupyter-config-data");
  const base = config ? JSON.parse(config.textContent).baseUrl || "/" : "/";
  return new URL(`${base}${SCRIPT_PATH}?v=${PLOTLY_VERSION}`, window.location.origin).href;
}

// The same URL is imported by every figure, so the browser fetches and evaluates it once.
function loadPlotlyWidget() {
  return import(scriptUrl()).then((module) => module.default);
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

export default () => {
  let ready;
  return {
    async initialize({ model }) {
      ready = loadPlotlyWidget().then((makeWidget) => {
        const widget = makeWidget();
        widget.initialize({ model });
        return widget;
      });
      // A failure is reported in render, where the learner sees it.
      await Promise.race([ready.catch(() => {}), new Promise((resolve) => setTimeout(resolve, WAIT_MS))]);
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
