// Course script. Nothing is stored or sent anywhere.
// The theme reads the reader's light/dark choice from localStorage and reports an error when
// none was ever made: start from "auto" (follow the system) instead.
if (!document.documentElement.dataset.mode) {
  document.documentElement.dataset.mode = "auto";
}
function courseFigures(action) {
  if (!window.Plotly) return;
  document.querySelectorAll(".course-figure .js-plotly-plot").forEach(action);
}
// Figures with several sliders (widgets.dual: InteractiveFigure._combined_sliders): every
// combination of slider positions was precomputed; show the one the sliders now point to.
function courseApplyCombo(plot) {
  var meta = plot.layout && plot.layout.meta;
  if (!meta || !meta.course_combos) return Promise.resolve();
  var combos = meta.course_combos, index = 0;
  plot.layout.sliders.forEach(function (slider, n) {
    index = index * combos.sizes[n] + (slider.active || 0);
  });
  var step = combos.steps[index];
  return window.Plotly.update(plot, step[0], step[1]);
}

// Keyboard: plotly draws its sliders and buttons in SVG with no keyboard support. Each slider
// becomes a focusable ARIA slider (arrow keys, Home, End, Page Up/Down) and each button a
// focusable button (Enter, Space), with names a screen reader can read.
function courseLabelControls(plot) {
  var sliders = (plot.layout && plot.layout.sliders) || [];
  plot.querySelectorAll(".slider-group").forEach(function (group, n) {
    var slider = sliders[n];
    if (!slider) return;
    var active = slider.active || 0, prefix = (slider.currentvalue && slider.currentvalue.prefix) || "";
    group.setAttribute("tabindex", "0");
    group.setAttribute("role", "slider");
    group.setAttribute("aria-label", prefix.replace(/:\s*$/, "") || "figure slider");
    group.setAttribute("aria-valuemin", "0");
    group.setAttribute("aria-valuemax", String(slider.steps.length - 1));
    group.setAttribute("aria-valuenow", String(active));
    group.setAttribute("aria-valuetext", slider.steps[active].label);
    group.dataset.courseSlider = String(n);
  });
  plot.querySelectorAll(".updatemenu-button").forEach(function (button) {
    button.setAttribute("tabindex", "0");
    button.setAttribute("role", "button");
    var text = button.querySelector("text");
    if (text) button.setAttribute("aria-label", text.textContent);
  });
}
function courseMoveSlider(plot, n, position) {
  var slider = plot.layout.sliders[n], step = slider.steps[position], update = {};
  update["sliders[" + n + "].active"] = position;
  var shown = step.method === "update" ? window.Plotly.update(plot, step.args[0] || {}, step.args[1] || {})
                                       : Promise.resolve();
  return shown.then(function () { return window.Plotly.relayout(plot, update); })
    .then(function () { return courseApplyCombo(plot); })
    .then(function () {
      courseLabelControls(plot);
      var group = plot.querySelector('.slider-group[data-course-slider="' + n + '"]');
      if (group) group.focus();
    });
}
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (!target || !target.closest || !window.Plotly) return;
  var plot = target.closest(".js-plotly-plot");
  if (!plot) return;
  if (target.classList.contains("updatemenu-button") && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();
    target.dispatchEvent(new MouseEvent("click", {bubbles: true}));
    setTimeout(function () { courseLabelControls(plot); }, 0);
    return;
  }
  if (target.dataset.courseSlider === undefined) return;
  var n = Number(target.dataset.courseSlider), slider = plot.layout.sliders[n];
  var last = slider.steps.length - 1, now = slider.active || 0, next = now;
  var page = Math.max(1, Math.round(last / 5));
  if (event.key === "ArrowRight" || event.key === "ArrowUp") next = Math.min(last, now + 1);
  else if (event.key === "ArrowLeft" || event.key === "ArrowDown") next = Math.max(0, now - 1);
  else if (event.key === "PageUp") next = Math.min(last, now + page);
  else if (event.key === "PageDown") next = Math.max(0, now - page);
  else if (event.key === "Home") next = 0;
  else if (event.key === "End") next = last;
  else return;
  event.preventDefault();
  if (next !== now) courseMoveSlider(plot, n, next);
});
// Figures follow the theme: when the page is (or turns) dark, plotly's text, buttons and sliders
// get colours that read on a dark page, and light ones again when it turns light (the chosen
// button's colour is fixed in plotly.js: course.css sets it). Cell labels of a heatmap that fades
// to transparent take the text colour in dark mode (plotly would judge them against the faded
// colour, not the dark page under it) and plotly's own contrast choice in light mode.
var COURSE_FIGURE_COLOURS = {
  light: {text: "#4a4a4a", button: "#f7f8fa", border: "#8a8f98", rail: "#e8ebef", handle: "#c9dcf0",
          tick: "#4a4a4a"},
  dark: {text: "#e6e6e6", button: "#2b3038", border: "#8a8f98", rail: "#3a3f47", handle: "#5d7fa8",
         tick: "#c8c8c8"}
};
function courseApplyTheme(plot) {
  var dark = document.documentElement.dataset.theme === "dark";
  var c = dark ? COURSE_FIGURE_COLOURS.dark : COURSE_FIGURE_COLOURS.light;
  var layout = plot.layout || {}, update = {"font.color": c.text}, faded = [];
  (layout.updatemenus || []).forEach(function (menu, n) {
    update["updatemenus[" + n + "].bgcolor"] = c.button;
    update["updatemenus[" + n + "].bordercolor"] = c.border;
    update["updatemenus[" + n + "].font.color"] = c.text;
  });
  (layout.sliders || []).forEach(function (slider, n) {
    update["sliders[" + n + "].bgcolor"] = c.rail;
    update["sliders[" + n + "].activebgcolor"] = c.handle;
    update["sliders[" + n + "].bordercolor"] = c.border;
    update["sliders[" + n + "].tickcolor"] = c.tick;
    update["sliders[" + n + "].font.color"] = c.text;
    update["sliders[" + n + "].currentvalue.font.color"] = c.text;
  });
  (plot.data || []).forEach(function (trace, n) {
    var scale = trace.colorscale;
    if (trace.type === "heatmap" && Array.isArray(scale) && String(scale[0][1]).indexOf("rgba") === 0) faded.push(n);
  });
  if (faded.length) window.Plotly.restyle(plot, {"textfont.color": dark ? c.text : null}, faded);
  plot.dataset.courseTheme = dark ? "dark" : "light";
  return window.Plotly.relayout(plot, update);
}

// Once the figures exist: keyboard names and themes now; sizes and combined sliders once the
// page has its final layout.
document.addEventListener("DOMContentLoaded", function () {
  courseFigures(function (plot) {
    courseLabelControls(plot);
    plot.on("plotly_afterplot", function () { courseLabelControls(plot); });
    courseApplyTheme(plot);
  });
  new MutationObserver(function () { courseFigures(courseApplyTheme); }).observe(
    document.documentElement, {attributes: true, attributeFilter: ["data-theme"]});
});
window.addEventListener("load", function () {
  courseFigures(function (plot) {
    window.Plotly.Plots.resize(plot);
    var meta = plot.layout && plot.layout.meta;
    if (meta && meta.course_combos) plot.on("plotly_sliderchange", function () { courseApplyCombo(plot); });
  });
});
