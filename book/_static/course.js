// Course script: nothing is stored or sent. Keeps plotly figures sized to their column.
window.addEventListener("load", function () {
  if (!window.Plotly) return;
  document.querySelectorAll(".course-figure .js-plotly-plot").forEach(function (plot) {
    window.Plotly.Plots.resize(plot);
  });
});
