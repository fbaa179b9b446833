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
