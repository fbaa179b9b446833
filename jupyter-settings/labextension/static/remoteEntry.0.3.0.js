// The live figures' front end in JupyterLab (the Python side: widgets/live_figure.py).
//
// An ipywidgets model and view: the kernel sets `base` (the figure at the controls' defaults, as
// plotly.js JSON text) once and `changes` (each property that differs from it now) on every move
// of a control; the view copies `base`, sets the changes, and draws with Plotly.react. plotly.js
// is loaded once per page from the course's Jupyter server extension (hall_of_mirrors_lab), which
// serves the installed plotly's own copy. Nothing here has a deadline: on a slow machine a figure
// draws late, never not at all (anywidget, used before, gave up on a figure after 2 s).
//
// A JupyterLab extension is a webpack "module federation" container: a script that puts
// {init(sharedModules), get(module)} at window._JUPYTERLAB[name]. JupyterLab calls init with the
// modules it shares, then get("./extension") for the plugin. This one needs only the shared
// @jupyter-widgets/base, so it is written by hand and needs no bundler (README: live figures).
"use strict";
(function () {
  const NAME = "hall-of-mirrors-lab";
  const VERSION = "0.3.0";
  const CONTROLS_CLASS = "course-controls";  // widgets/live_figure.py: CONTROLS_CLASS
  const LAYOUT = -1;  // the "trace index" of a layout change (as in the book: widgets/static_figure.py)
  const CONFIG = { displaylogo: false, responsive: true };
  let sharedModules = null;

  // -- Sharing: the module JupyterLab shares as `name`, chosen as webpack chooses a singleton ------
  function compareVersions(a, b) {
    const pa = a.split(/[.+-]/).map(Number), pb = b.split(/[.+-]/).map(Number);
    for (let n = 0; n < Math.max(pa.length, pb.length); n += 1) {
      const d = (pa[n] || 0) - (pb[n] || 0);
      if (d) return d;
    }
    return 0;
  }

  async function sharedModule(name) {
    const versions = sharedModules && sharedModules[name];
    if (!versions || !Object.keys(versions).length) throw new Error(`${NAME}: JupyterLab shares no ${name}`);
    const keys = Object.keys(versions).sort(compareVersions);
    const loaded = keys.filter((key) => versions[key].loaded);  // already in use: the same copy
    const chosen = (loaded.length ? loaded : keys).pop();
    const factory = await versions[chosen].get();
    return factory();
  }

  // -- The figure: base + changes, the rule the book's course.js applies ---------------------------
  function setPath(target, path, value) {
    const keys = path.split("."), leaf = keys.pop();
    for (const key of keys) {
      if (typeof target[key] !== "object" || target[key] === null) target[key] = {};
      target = target[key];
    }
    if (value === null || value === undefined) delete target[leaf];
    else target[leaf] = value;
  }

  function figureOf(model) {
    const figure = JSON.parse(model.get("base"));
    for (const [trace, path, value] of JSON.parse(model.get("changes"))) {
      setPath(trace === LAYOUT ? figure.layout : figure.data[trace], path, value);
    }
    return figure;
  }

  // -- plotly.js: one copy per page, from the server extension -------------------------------------
  let plotlyLoading = null;

  function plotlyUrl(src) {
    const config = document.getElementById("jupyter-config-data");
    const base = config ? JSON.parse(config.textContent).baseUrl || "/" : "/";
    return new URL(`${base}${src}`, window.location.origin).href;
  }

  function loadPlotly(src) {
    if (!plotlyLoading) {
      plotlyLoading = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = plotlyUrl(src);
        script.onload = () => (window.Plotly ? resolve(window.Plotly)
          : reject(new Error(`${script.src} did not define Plotly`)));
        script.onerror = () => reject(new Error(`could not load ${script.src}`));
        document.head.appendChild(script);
      });
      plotlyLoading.catch(() => { plotlyLoading = null; });  // the next figure tries again
    }
    return plotlyLoading;
  }

  function explain(el, error) {
    el.textContent = "This live figure could not start: JupyterLab did not serve plotly.js. Install "
      + "the course's requirements (pip install -r requirements.txt) and restart JupyterLab. "
      + `(${error.message || error})`;
    el.setAttribute("role", "alert");
  }

  // -- The controls' keys ---------------------------------------------------------------------------
  // JupyterLab reads keys pressed in a notebook as its shortcuts: a focused dropdown's arrow keys
  // would select another cell, Enter would edit a cell instead of pressing a button, and letters or
  // digits run cell commands. Lumino skips its shortcuts for an element marked
  // data-lm-suppress-shortcuts, so the course's controls are marked as they appear.
  const CONTROL_SELECTOR = ["select", ".noUi-handle", "button"].map((part) => `.${CONTROLS_CLASS} ${part}`).join(", ");

  function keepKeysForControls(root) {
    const found = [...root.querySelectorAll(CONTROL_SELECTOR)];
    if (root.matches && root.matches(CONTROL_SELECTOR)) found.push(root);
    for (const control of found) control.setAttribute("data-lm-suppress-shortcuts", "true");
  }

  function watchControls() {
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType === Node.ELEMENT_NODE) keepKeysForControls(node);
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
    keepKeysForControls(document);
  }

  // -- The plugin -----------------------------------------------------------------------------------
  function createPlugin(base) {
    class CourseFigureModel extends base.DOMWidgetModel {
      defaults() {
        return {
          ...super.defaults(),
          _model_name: "CourseFigureModel", _model_module: NAME, _model_module_version: VERSION,
          _view_name: "CourseFigureView", _view_module: NAME, _view_module_version: VERSION,
          base: '{"data": [], "layout": {}}', changes: "[]", plotly_src: "",
        };
      }
    }

    class CourseFigureView extends base.DOMWidgetView {
      render() {
        this.el.classList.add("course-live-figure");
        this.plot = document.createElement("div");
        this.el.appendChild(this.plot);
        this.drawing = false;
        this.again = false;
        this.listenTo(this.model, "change:base change:changes", () => this.draw());
        loadPlotly(this.model.get("plotly_src")).then((plotly) => {
          this.plotly = plotly;
          this.draw();
        }, (error) => explain(this.el, error));
      }

      // One drawing at a time; changes that come meanwhile are drawn together once it is done.
      draw() {
        if (!this.plotly) return;
        if (this.drawing) {
          this.again = true;
          return;
        }
        this.drawing = true;
        const figure = figureOf(this.model);
        Promise.resolve(this.plotly.react(this.plot, figure.data, figure.layout, CONFIG))
          .catch((error) => console.error(`${NAME}: a figure could not be drawn`, error))
          .finally(() => {
            this.drawing = false;
            if (this.again) {
              this.again = false;
              this.draw();
            }
          });
      }

      processLuminoMessage(message) {
        super.processLuminoMessage(message);
        // Drawn while the notebook was laid out, or the notebook got wider or narrower: refit.
        if ((message.type === "after-attach" || message.type === "resize") && this.plotly && this.plot.data) {
          this.plotly.Plots.resize(this.plot);
        }
      }

      remove() {
        if (this.plotly) this.plotly.purge(this.plot);
        return super.remove();
      }
    }

    return {
      id: `${NAME}:live-figures`,
      description: "The course's live figures and the keys of their controls",
      requires: [base.IJupyterWidgetRegistry],
      autoStart: true,
      activate(app, registry) {
        registry.registerWidget({ name: NAME, version: VERSION, exports: { CourseFigureModel, CourseFigureView } });
        watchControls();
      },
    };
  }

  // -- The container JupyterLab loads ---------------------------------------------------------------
  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init(scope) {
      sharedModules = scope;
    },
    async get(module) {
      if (module !== "./extension") throw new Error(`${NAME} has no module ${module}`);
      const plugin = createPlugin(await sharedModule("@jupyter-widgets/base"));
      return () => ({ __esModule: true, default: plugin });
    },
  };
})();
