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
