// Course script. Nothing is stored or sent anywhere.
// The theme reads the reader's light/dark choice from localStorage and reports an error when
// none was ever made: start from "auto" (follow the system) instead.
if (!document.documentElement.dataset.mode) {
  document.documentElement.dataset.mode = "auto";
}
// Keep plotly figures sized to their column once the page has its final layout.
window.addEventListener("load", function () {
  if (!window.Plotly) return;
  document.querySelectorAll(".course-figure .js-plotly-plot").forEach(function (plot) {
    window.Plotly.Plots.resize(plot);
  });
});
// Figures with several sliders (widgets.dual: InteractiveFigure._combined_sliders): every
// combination of slider positions was precomputed; show the one the sliders now point to.
window.addEventListener("load", function () {
  if (!window.Plotly) return;
  document.querySelectorAll(".course-figure .js-plotly-plot").forEach(function (plot) {
    var meta = plot.layout && plot.layout.meta;
    if (!meta || !meta.course_combos) return;
    var combos = meta.course_combos;
    plot.on("plotly_sliderchange", function () {
      var index = 0;
      plot.layout.sliders.forEach(function (slider, n) {
        index = index * combos.sizes[n] + slider.active;
      });
      var step = combos.steps[index];
      window.Plotly.update(plot, step[0], step[1]);
    });
  });
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
function courseThemeColours() {
  return document.documentElement.dataset.theme === "dark" ? COURSE_FIGURE_COLOURS.dark : COURSE_FIGURE_COLOURS.light;
}
function courseApplyTheme(plot) {
  var c = courseThemeColours(), layout = plot.layout || {}, update = {"font.color": c.text};
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
  var dark = document.documentElement.dataset.theme === "dark", faded = [];
  (plot.data || []).forEach(function (trace, n) {
    var scale = trace.colorscale;
    if (trace.type === "heatmap" && Array.isArray(scale) && String(scale[0][1]).indexOf("rgba") === 0) faded.push(n);
  });
  if (faded.length) window.Plotly.restyle(plot, {"textfont.color": dark ? c.text : null}, faded);
  plot.dataset.courseTheme = dark ? "dark" : "light";
  return window.Plotly.relayout(plot, update);
}
function courseApplyThemeToAll() {
  if (!window.Plotly) return;
  document.querySelectorAll(".course-figure .js-plotly-plot").forEach(courseApplyTheme);
}
document.addEventListener("DOMContentLoaded", function () {
  courseApplyThemeToAll();
  new MutationObserver(courseApplyThemeToAll).observe(document.documentElement,
    {attributes: true, attributeFilter: ["data-theme"]});
});
