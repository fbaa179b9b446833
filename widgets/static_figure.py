"""The book's version of an interactive figure: native HTML controls over precomputed steps.

The book has no kernel, so every combination of the controls' values is computed when the book is
built. The same recording that serves live updates in JupyterLab (:mod:`widgets.figspec`) names
what differs between combinations, so the book and JupyterLab share one mechanism:

* ``base`` is the validated figure at the controls' defaults, in plotly.js JSON form;
* ``paths`` lists every property that differs anywhere in the grid (a trace index and a dotted
  plotly.js path, or ``-1`` for the layout);
* ``values`` holds each distinct value once (a list of numbers as ``{"q": d, "v": integers}``,
  the numbers times 10**d: a third shorter than decimals), and ``steps`` gives, for every
  combination (in
  ``itertools.product`` order: the last control varies fastest), the index in ``values`` of each
  path's value (``null`` where the property is absent at that combination).

``book/_static/course.js`` draws the controls' current combination with ``Plotly.react``:
it copies ``base`` and sets each path to its value (:func:`figure_at` is the same rule in Python,
for the tests). The controls are plain, labelled HTML (a range input with its value shown, a
radio group, a select), so they work by touch, mouse, keyboard and screen reader.
"""
from __future__ import annotations

import html
import itertools
import json
import math
import re
from typing import TYPE_CHECKING

import numpy as np

from widgets import figspec

if TYPE_CHECKING:  # pragma: no cover
    from widgets.dual import Control, InteractiveFigure

SIGNIFICANT_DIGITS = 4  # numbers in the book's figures: finer than a pixel, and than hover labels
LAYOUT = figspec.LAYOUT


def compact(value):
    """A JSON-ready copy of ``value``: arrays (numpy's, or plotly's base64 form of them) as lists,
    floats to :data:`SIGNIFICANT_DIGITS` significant digits, NaN and infinities as ``None``
    (plotly.js leaves a gap)."""
    if figspec.is_typed_array(value):
        value = figspec.typed_array(value)
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [compact(v) for v in value]
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items()}
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if not math.isfinite(value):
            return None
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    return value


def quantized(value):
    """A list of numbers as ``{"q": d, "v": [round(x * 10**d), ...]}`` with ``d`` chosen so that the
    largest keeps :data:`SIGNIFICANT_DIGITS` digits (``None`` stays ``None``); anything else as it is.

    The error of every number is at most half a unit of the largest one's last digit."""
    if not isinstance(value, list) or len(value) < 8:  # shorter lists gain less than the wrapper costs
        return value
    numbers = [v for v in value if v is not None]
    if not numbers or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
        return value
    largest = max(abs(v) for v in numbers)
    if largest == 0 or all(isinstance(v, int) for v in numbers):
        return value
    digits = SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(largest))
    if digits <= 0:
        return value
    return {"q": digits, "v": [None if v is None else round(v * 10 ** digits) for v in value]}


def unquantized(value):
    """The list :func:`quantized` stands for (the rule course.js applies)."""
    if isinstance(value, dict) and "q" in value:
        return [None if v is None else v / 10 ** value["q"] for v in value["v"]]
    return value


def base_figure(view: "InteractiveFigure") -> dict:
    """The validated figure at the defaults as plotly.js JSON (``data``, ``layout``)."""
    figure = view.figure().to_plotly_json()  # arrays as rounded lists (shorter than plotly's base64)
    return {"data": compact(figure["data"]), "layout": compact(figure["layout"])}


def _flat_at(view: "InteractiveFigure", combination: dict) -> tuple[list[dict], dict]:
    with figspec.recording():
        return figspec.flat(view.figure(**combination))


def grid(view: "InteractiveFigure") -> list[dict]:
    """Every combination of the values of the controls the book offers, in product order."""
    controls = view.book_controls
    return [dict(zip((c.name for c in controls), values))
            for values in itertools.product(*(c.values for c in controls))]


def book_spec(view: "InteractiveFigure") -> dict:
    """Everything the book needs to draw ``view`` at every combination of its book controls."""
    combinations = grid(view)
    flats = [_flat_at(view, combination) for combination in combinations]
    n_traces = len(flats[0][0])
    if any(len(traces) != n_traces for traces, _ in flats):
        raise ValueError(f"{view!r}: a builder must always draw the same traces")
    paths = []
    for trace in range(n_traces):
        keys = sorted(set().union(*(traces[trace].keys() for traces, _ in flats)))
        paths += [(trace, key) for key in keys if _varies([traces[trace].get(key) for traces, _ in flats])]
    keys = sorted(set().union(*(layout.keys() for _, layout in flats)) - {"template"})
    paths += [(LAYOUT, key) for key in keys if _varies([layout.get(key) for _, layout in flats])]
    pool: dict[str, int] = {}
    values: list = []
    steps = []
    for traces, layout in flats:
        step = []
        for trace, key in paths:
            value = (layout if trace == LAYOUT else traces[trace]).get(key)
            if value is None:
                step.append(None)
                continue
            value = quantized(compact(value))
            text = json.dumps(value, sort_keys=True)
            if text not in pool:
                pool[text] = len(values)
                values.append(value)
            step.append(pool[text])
        steps.append(step)
    return {"base": base_figure(view), "paths": [list(p) for p in paths], "values": values, "steps": steps}


def _varies(values: list) -> bool:
    first = values[0]
    return any(not figspec.same(first, value) for value in values[1:])


def figure_at(spec: dict, index: int) -> dict:
    """The figure the book draws for combination ``index`` (the rule course.js applies)."""
    figure = json.loads(json.dumps(spec["base"]))
    for (trace, path), value in zip(spec["paths"], spec["steps"][index]):
        figspec.set_path(figure["layout"] if trace == LAYOUT else figure["data"][trace], path,
                         None if value is None else unquantized(spec["values"][value]))
    return figure


# -- HTML -----------------------------------------------------------------------------------------

_ids = itertools.count(1)


def _control_html(control: "Control", figure_id: str) -> str:
    """One native, labelled control; its value is an index into ``control.values``."""
    name = f"{figure_id}-{control.name}"
    labels = control.labels()
    active = list(control.values).index(control.default)
    label = html.escape(control.label)
    if control.kind == "slider":
        return (f'<div class="course-control course-control-range">'
                f'<label for="{name}">{label}</label>'
                f'<input type="range" id="{name}" name="{control.name}" min="0" max="{len(labels) - 1}" '
                f'step="1" value="{active}" aria-valuetext="{html.escape(labels[active])}" '
                f'data-labels="{html.escape(json.dumps(labels))}">'
                f'<output for="{name}">{html.escape(labels[active])}</output></div>')
    if control.kind == "buttons":
        options = "".join(
            f'<label><input type="radio" name="{name}" value="{k}"{" checked" if k == active else ""}>'
            f"<span>{html.escape(text)}</span></label>" for k, text in enumerate(labels))
        return (f'<fieldset class="course-control course-control-choice" data-control="{control.name}">'
                f"<legend>{label}</legend>{options}</fieldset>")
    options = "".join(f'<option value="{k}"{" selected" if k == active else ""}>{html.escape(text)}</option>'
                      for k, text in enumerate(labels))
    return (f'<div class="course-control course-control-select"><label for="{name}">{label}</label>'
            f'<select id="{name}" name="{control.name}">{options}</select></div>')


def _script_json(value) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    return json.dumps(value, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")


def static_html(view: "InteractiveFigure", table: str = "") -> str:
    """The book's figure: an HTML title, the plot, its native controls, caption, notes, tables."""
    figure_id = f"course-figure-{next(_ids)}"
    spec = book_spec(view)  # a figure without controls: one combination, no paths
    title = ((spec["base"]["layout"].get("title") or {}).get("text")) or ""
    spec["sizes"] = [len(c.values) for c in view.book_controls]
    controls = "".join(_control_html(c, figure_id) for c in view.book_controls)
    controls = f'<form class="course-controls" aria-label="Controls of the figure">{controls}</form>' if controls else ""
    caption = f'<p class="course-figure-caption">{html.escape(view.caption)}</p>' if view.caption else ""
    notes = "".join(f'<p class="course-figure-note">In the book, {html.escape(c.label)} stays at '
                    f'{html.escape(c.labels()[list(c.values).index(c.default)])}: {html.escape(reason)}</p>'
                    for c, reason in view.book_fixed_controls())
    return (f'<div class="course-figure" id="{figure_id}">'
            f'<p class="course-figure-title" aria-live="polite">{title}</p>'
            f'<div class="course-plot" role="img" aria-label="{html.escape(_plain_text(title))}"></div>'
            f"{controls}"
            f'<script type="application/json" class="course-figure-spec">{_script_json(spec)}</script>'
            f"{caption}{notes}{table}</div>")


def _plain_text(markup: str) -> str:
    """Title markup (plotly's ``<br>``, ``<span>``) as plain text, for an accessible name."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
