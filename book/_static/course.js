// Course script: draws the book's figures and follows their controls. Nothing is stored or sent.
"use strict";

// -- Pure functions (also run by the tests under Node) -------------------------------------------

// The precomputed figures (widgets/static_figure.py): "base" is the figure at the defaults; each
// step sets the properties that differ anywhere in the grid ("paths", a trace index or -1 for the
// layout, and a dotted plotly.js path) to values from the shared "values" pool.
function courseSetPath(target, path, value) {
  var keys = path.split("."), leaf = keys.pop();
  keys.forEach(function (key) {
    if (typeof target[key] !== "object" || target[key] === null) target[key] = {};
    target = target[key];
  });
  if (value === null || value === undefined) delete target[leaf];
  else target[leaf] = value;
}

// A pool value: a list of numbers stored as integers times 10^q ({q, v}), or any plain value.
function courseValue(stored) {
  if (stored !== null && typeof stored === "object" && !Array.isArray(stored) && "q" in stored) {
    var scale = Math.pow(10, stored.q);
    return stored.v.map(function (v) { return v === null ? null : v / scale; });
  }
  return JSON.parse(JSON.stringify(stored));
}

function courseFigureAt(spec, index) {
  var figure = JSON.parse(JSON.stringify(spec.base)), step = spec.steps[index];
  spec.paths.forEach(function (path, n) {
    var target = path[0] === -1 ? figure.layout : figure.data[path[0]];
    var value = step[n] === null ? null : courseValue(spec.values[step[n]]);
    courseSetPath(target, path[1], value);
  });
  return figure;
}

// Index of a combination of control positions, in itertools.product order (last fastest).
function courseStepIndex(sizes, positions) {
  return sizes.reduce(function (index, size, n) { return index * size + positions[n]; }, 0);
}

var COURSE_NARROW = 600;  // px: below this width the figure takes its phone layout
var COURSE_COLOURS = {light: "#4a4a4a", dark: "#e6e6e6"};

// A label broken into lines of at most `width` characters (plotly's own markup other than line
// breaks is dropped: a small-print part becomes a line of its own size).
function courseWrap(label, width) {
  if (typeof label !== "string") return label;
  var lines = [], line = "";
  label.replace(/<br>/g, " ").replace(/<[^>]*>/g, "").trim().split(/\s+/).forEach(function (word) {
    if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
    else line = line ? line + " " + word : word;
  });
  if (line) lines.push(line);
  return lines.join("<br>");
}

function courseCategories(data, axis) {
  var letter = axis.charAt(0), id = axis.length > 5 ? letter + axis.slice(5) : letter, seen = [];
  data.forEach(function (trace) {
    if ((trace[letter + "axis"] || letter) !== id || !Array.isArray(trace[letter])) return;
    trace[letter].forEach(function (value) { if (typeof value === "string" && seen.indexOf(value) < 0) seen.push(value); });
  });
  return seen;
}

function courseAxes(layout) {
  return Object.keys(layout).filter(function (key) { return /^[xy]axis\d*$/.test(key); });
}

function longestLine(labels) {
  return Math.max.apply(null, [0].concat(labels.map(function (label) {
    return Math.max.apply(null, String(label).split("<br>").map(function (part) { return part.length; }));
  })));
}

function courseLines(labels) {
  return Math.max.apply(null, [1].concat(labels.map(function (label) { return String(label).split("<br>").length; })));
}

// Whether the figure shows a legend (a named trace that is shown in it) above the plot.
function courseLegendOnTop(layout, data) {
  var shown = data.filter(function (trace) { return trace.showlegend !== false && trace.name; });
  return layout.showlegend !== false && shown.length > 1;
}

// Rows of a horizontal legend `width` px wide: each entry about 7 px a character and 40 px more.
function courseLegendRows(data, width) {
  var rows = 1, used = 0;
  data.forEach(function (trace) {
    if (trace.showlegend === false || !trace.name) return;
    var entry = 40 + 7 * String(trace.name).length;
    if (used && used + entry > width) { rows += 1; used = 0; }
    used += entry;
  });
  return rows;
}

// The figure as drawn in a container `width` px wide, in the light or dark theme. Returns the
// title (shown as HTML above the plot, where it wraps and nothing covers it) and the figure.
function courseFit(figure, width, dark) {
  var layout = figure.layout, data = figure.data, narrow = width < COURSE_NARROW;
  var title = (layout.title && layout.title.text) || "";
  layout.title = {text: ""};
  layout.font = Object.assign({}, layout.font, {color: dark ? COURSE_COLOURS.dark : COURSE_COLOURS.light});
  var margin = layout.margin = Object.assign({}, layout.margin);
  // The title is above the plot. Axes and legends make room for themselves (automargin), but each
  // time they do plotly draws the figure again: the margins below are estimates that leave
  // enough room at the first drawing, so it usually draws once.
  var topAxis = courseAxes(layout).some(function (axis) { return axis.charAt(0) === "x" && layout[axis].side === "top"; });
  if (!topAxis) margin.t = 16 + (courseLegendOnTop(layout, data) ? 26 * courseLegendRows(data, width) : 0);
  data.forEach(function (trace) {
    var scale = trace.colorscale;
    // Labels of a heatmap that fades to transparent: plotly judges them against the faded colour,
    // not the page behind it; in dark mode they take the text colour.
    if (trace.type === "heatmap" && Array.isArray(scale) && String(scale[0][1]).indexOf("rgba") === 0 && dark) {
      trace.textfont = Object.assign({}, trace.textfont, {color: COURSE_COLOURS.dark});
    }
  });
  if (!narrow) return {title: title, figure: figure};
  layout.font.size = 12;
  layout.dragmode = false;  // a finger on the plot scrolls the page instead of zooming
  margin.l = 8; margin.r = 16; margin.b = 8; margin.t = 16;
  var legendRows = courseLegendOnTop(layout, data) ? courseLegendRows(data, width) : 0;
  layout.legend = Object.assign({}, layout.legend, {orientation: "h", x: 0, xanchor: "left",
                                                     yref: "container", y: 0, yanchor: "bottom"});
  courseAxes(layout).forEach(function (axis) {
    var settings = layout[axis] = Object.assign({}, layout[axis]);
    settings.automargin = true;
    settings.tickfont = Object.assign({}, settings.tickfont, {size: 10});
    if (settings.title && typeof settings.title === "object") {
      settings.title = Object.assign({}, settings.title, {text: courseWrap(settings.title.text, 30),
        font: Object.assign({}, settings.title.font, {size: 12})});
    }
    var categories = courseCategories(data, axis);
    var wrapped = categories.map(function (label) { return courseWrap(label, 14); });
    // Across: when the longest line would not fit its column (about 6 px a character), the labels
    // turn upright, one line each.
    if (axis.charAt(0) === "x" && categories.length && longestLine(wrapped) * 6 > 0.6 * width / categories.length) {
      settings.tickangle = -90;
      wrapped = categories.map(function (label) { return courseWrap(label, 1000); });
    }
    if (categories.length && wrapped.some(function (label, n) { return label !== categories[n]; })) {
      settings.tickmode = "array"; settings.tickvals = categories; settings.ticktext = wrapped;
    } else if (Array.isArray(settings.ticktext)) {  // the builder's own labels (e.g. chapter names)
      settings.ticktext = settings.ticktext.map(function (label) { return courseWrap(label, 14); });
      categories = wrapped = settings.ticktext;
    }
    // Room for the tick labels (about 6 px a character at 10 px) and the title (16 px a line).
    var labelChars = categories.length ? longestLine(settings.tickangle === -90 ? categories : wrapped) : 5;
    var titleLines = settings.title && settings.title.text ? String(settings.title.text).split("<br>").length : 0;
    if (settings.showticklabels === false) labelChars = 0;
    if (axis.charAt(0) === "y" && settings.side !== "right") {
      margin.l = Math.max(margin.l, 12 + 6 * labelChars + 16 * titleLines);
    } else if (axis.charAt(0) === "x") {
      var across = settings.tickangle === -90 ? 6 * labelChars : 16 * courseLines(wrapped);
      var room = 12 + across + 16 * titleLines;
      if (settings.side === "top") margin.t = Math.max(margin.t, room);
      else margin.b = Math.max(margin.b, room);
    }
  });
  margin.b += 24 * legendRows;
  data.forEach(function (trace) {
    if (trace.type === "heatmap") {
      if (trace.texttemplate) trace.showscale = false;  // the cells carry their values
      trace.textfont = Object.assign({}, trace.textfont, {size: 10});
    }
  });
  return {title: title, figure: figure};
}

if (typeof module !== "undefined") {
  module.exports = {courseFigureAt: courseFigureAt, courseStepIndex: courseStepIndex, courseFit: courseFit};
}

// -- The page -----------------------------------------------------------------------------------

if (typeof document !== "undefined") {
  // The theme reads the reader's light/dark choice from localStorage and reports an error when
  // none was ever made: start from "auto" (follow the system) instead.
  if (!document.documentElement.dataset.mode) document.documentElement.dataset.mode = "auto";

  var courseConfig = {displayModeBar: false, responsive: false, displaylogo: false};

  var courseDark = function () { return document.documentElement.dataset.theme === "dark"; };

  var coursePositions = function (box) {
    return Array.prototype.map.call(box.querySelectorAll(".course-control"), function (control) {
      var chosen = control.querySelector("input[type=range], select, input[type=radio]:checked");
      return Number(chosen.value);
    });
  };

  var courseDraw = function (box) {
    var state = box.courseState, plot = box.querySelector(".course-plot");
    if (state.drawing) { state.again = true; return; }
    state.drawing = true;
    var width = plot.clientWidth || box.clientWidth;
    var index = courseStepIndex(state.spec.sizes, coursePositions(box));
    var fitted = courseFit(courseFigureAt(state.spec, index), width, courseDark());
    var title = box.querySelector(".course-figure-title");
    if (title.innerHTML !== fitted.title) {
      title.innerHTML = fitted.title;
      plot.setAttribute("aria-label", title.textContent);
    }
    (plot.data || []).forEach(function (shown, n) {  // a trace hidden from the legend stays hidden
      var trace = fitted.figure.data[n];
      if (trace && shown.visible === "legendonly" && trace.visible === undefined) trace.visible = "legendonly";
    });
    state.width = width;
    state.theme = courseDark() ? "dark" : "light";
    fitted.figure.layout.width = width;  // react keeps the first autosized width: set it each time
    window.Plotly.react(plot, fitted.figure.data, fitted.figure.layout, courseConfig).then(function () {
      plot.dataset.courseTheme = courseDark() ? "dark" : "light";
      plot.dataset.courseStep = String(index);
      state.drawing = false;
      if (state.again) { state.again = false; courseDraw(box); }
    });
  };

  var courseShowValue = function (range) {
    var labels = JSON.parse(range.dataset.labels), label = labels[Number(range.value)];
    range.setAttribute("aria-valuetext", label);
    range.parentNode.querySelector("output").textContent = label;
  };

  var courseSetUp = function (box) {
    var source = box.querySelector("script.course-figure-spec");
    box.courseState = {spec: JSON.parse(source.textContent), drawing: false, again: false, width: 0};
    box.querySelectorAll(".course-control input, .course-control select").forEach(function (input) {
      input.addEventListener(input.type === "range" ? "input" : "change", function () {
        if (input.type === "range") courseShowValue(input);
        courseDraw(box);
      });
    });
    courseDraw(box);
    // A new width (rotation, a resized window): fit the figure to it.
    if (window.ResizeObserver) {
      var plot = box.querySelector(".course-plot"), pending = null;
      new ResizeObserver(function () {
        if (Math.abs((plot.clientWidth || 0) - box.courseState.width) < 2) return;
        clearTimeout(pending);
        pending = setTimeout(function () { courseDraw(box); }, 120);
      }).observe(plot);
    }
  };

  var courseStart = function () {
    if (!window.Plotly) return;
    var boxes = document.querySelectorAll(".course-figure");
    boxes.forEach(courseSetUp);
    // The theme switched: redraw the figures drawn in the other one (the theme's script also sets
    // the same theme again at start-up: that costs nothing).
    new MutationObserver(function () {
      var theme = courseDark() ? "dark" : "light";
      boxes.forEach(function (box) {
        if (box.courseState.theme !== theme) courseDraw(box);
      });
    }).observe(document.documentElement, {attributes: true, attributeFilter: ["data-theme"]});
  };
  // Printing (the browser's Print, and the PDFs of widgets/book/pdf.py): the figures' data tables
  // print open, and are folded again afterwards (the theme opens folded notes itself).
  var coursePrintOpened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (block) {
      block.open = true;
      coursePrintOpened.push(block);
    });
  });
  window.addEventListener("afterprint", function () {
    coursePrintOpened.forEach(function (block) { block.open = false; });
    coursePrintOpened = [];
  });

  // This script is deferred: the page is parsed when it runs. Drawing now, not at
  // DOMContentLoaded, spares the figures the wait for the theme's own deferred scripts.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", courseStart);
  else courseStart();
}
