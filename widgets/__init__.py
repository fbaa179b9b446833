"""Models, figures and widgets for the course."""
import sys

# Start-up time: plotly's widget imports nbformat, which imports jsonschema, which (when the
# optional ``rfc3987-syntax`` package is installed, as JupyterLab's dependencies do) compiles a
# grammar for validating IRIs: about 3 s in every kernel, for a check the course never uses.
# Marking the module as absent makes jsonschema skip that one format checker (it catches the
# ImportError); nothing else changes. Measured here: `import plotly.basewidget` 4.6 s -> 1.1 s.
sys.modules.setdefault("rfc3987_syntax", None)
