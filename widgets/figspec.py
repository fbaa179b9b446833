"""Fast live updates: record what a figure builder draws as plain data, send only what changed.

Building a full ``go.Figure`` validates every property of every trace: about three quarters of the
time a live control change used to take. The live version therefore runs the *same* builder
inside :func:`recording`, where :func:`widgets.theme.new_figure` returns a :class:`FigureSpec`
that records the builder's calls (``add_scatter``, ``add_bar``, ``add_heatmap``,
``update_layout``) as plain dicts. :func:`differences` compares two recordings; the live
figure (:mod:`widgets.live_figure`) sends what differs from the figure at the controls' defaults.

Validation is not lost: the first live figure, every static (book) figure and every test build
the real ``go.Figure`` from the same builder code, and ``tests/unit/test_figspec.py`` checks that a
live figure updated this way equals a freshly built, validated one for every control position.
"""
from __future__ import annotations

import base64
import contextlib
import contextvars
from dataclasses import dataclass, field

import numpy as np
import plotly.graph_objects as go

_RECORDING = contextvars.ContextVar("course_figure_recording", default=False)
TRACE_CLASSES = {"scatter": go.Scatter, "bar": go.Bar, "heatmap": go.Heatmap}


@contextlib.contextmanager
def recording():
    """Within this block, :func:`widgets.theme.new_figure` returns a :class:`FigureSpec`."""
    token = _RECORDING.set(True)
    try:
        yield
    finally:
        _RECORDING.reset(token)


def is_recording() -> bool:
    return _RECORDING.get()


@dataclass
class FigureSpec:
    """The figure-building calls of a course builder, kept as plain data (no validation).

    Supports exactly the calls the course's builders make; anything else raises
    ``AttributeError`` (and the equivalence test fails), so a builder cannot silently drift.
    """

    layout: dict
    traces: list = field(default_factory=list)
    _flat: tuple | None = field(default=None, repr=False, compare=False)

    def _add(self, kind: str, properties: dict) -> "FigureSpec":
        self.traces.append((kind, properties))
        return self

    def add_scatter(self, **properties) -> "FigureSpec":
        return self._add("scatter", properties)

    def add_bar(self, **properties) -> "FigureSpec":
        return self._add("bar", properties)

    def add_heatmap(self, **properties) -> "FigureSpec":
        return self._add("heatmap", properties)

    def update_layout(self, layout: dict | None = None, **properties) -> "FigureSpec":
        _merge(self.layout, {**(layout or {}), **properties})
        return self

    def flat(self) -> tuple[list[dict], dict]:
        """Every trace and the layout as ``{"dotted.path": value}`` (plotly.js names).

        Computed once: a recording is not changed after its builder has returned."""
        if self._flat is None:
            traces = [_flatten(props, TRACE_CLASSES[kind]._valid_props) for kind, props in self.traces]
            self._flat = traces, _flatten(self.layout, go.Layout._valid_props)
        return self._flat


def _merge(target: dict, update: dict) -> None:
    """Merge ``update`` into ``target`` recursively, as ``go.Figure.update_layout`` does."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            target[key] = dict(target[key])
            _merge(target[key], value)
        else:
            target[key] = value


def typed_array(value: dict) -> np.ndarray:
    """plotly's base64 form of a numpy array (``{"dtype", "bdata"[, "shape"]}``) as the array."""
    array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
    shape = value.get("shape")
    return array.reshape([int(n) for n in str(shape).split(",")]) if shape else array


def is_typed_array(value) -> bool:
    return isinstance(value, dict) and "bdata" in value and "dtype" in value


def _plain(value):
    """Arrays and Series as lists; dicts and lists of dicts in plotly.js form (no magic underscores)."""
    if is_typed_array(value):  # a full go.Figure's JSON form keeps numpy arrays as base64
        value = typed_array(value)
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return value.tolist()
    if isinstance(value, dict):
        return _nest(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _nest(props: dict) -> dict:
    """``{"line_width": 0}`` -> ``{"line": {"width": 0}}``, recursively (annotations, shapes)."""
    out: dict = {}
    for key, value in props.items():
        *parents, leaf = key.split("_")
        target = out
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = _plain(value)
    return out


def _flatten(props: dict, valid: frozenset | set = frozenset(), prefix: str = "") -> dict:
    out = {}
    for key, value in props.items():
        path = key if key in valid else key.replace("_", ".")
        if isinstance(value, dict) and not is_typed_array(value):
            out.update(_flatten(value, frozenset(), f"{prefix}{path}."))
        elif path.endswith("title") and isinstance(value, str):
            out[f"{prefix}{path}.text"] = value  # plotly.py's shorthand; plotly.js wants title.text
        else:
            out[f"{prefix}{path}"] = _plain(value)
    return out


def flat(figure) -> tuple[list[dict], dict]:
    """The ``{"dotted.path": value}`` form of a recording or of a full ``go.Figure`` (plotly.js names).

    A builder drawing with :func:`widgets.theme.new_figure` gives a recording inside
    :func:`recording`; any other builder gives a ``go.Figure``, flattened from its JSON form."""
    if isinstance(figure, FigureSpec):
        return figure.flat()
    data = figure.to_plotly_json()
    return [_flatten(trace) for trace in data["data"]], _flatten(data["layout"])


def same(a, b) -> bool:
    """Whether two flat values are equal (number lists compared as numbers, NaN equal to NaN)."""
    if a is b:
        return True
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return False
        try:
            return bool(np.array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_nan=True))
        except (TypeError, ValueError):
            return a == b
    return a == b


LAYOUT = -1  # the "trace index" of a layout path


def differences(old: tuple[list[dict], dict], new: tuple[list[dict], dict]) -> list[list]:
    """What differs between two :meth:`FigureSpec.flat` recordings, as ``[trace, path, value]``.

    ``trace`` is a trace index, or :data:`LAYOUT` for the layout; ``path`` a dotted plotly.js path;
    ``value`` the new value, or ``None`` where the property disappeared (plotly's "back to the
    default"). :func:`set_differences` applies them; so do the live figures' front end
    (``jupyter-settings/labextension``) and the book's ``course.js``.
    """
    old_traces, old_layout = old
    new_traces, new_layout = new
    if len(old_traces) != len(new_traces):
        raise ValueError(f"a builder must always draw the same traces; got {len(old_traces)} then {len(new_traces)}")
    found = []
    for index, (before, after) in enumerate(zip(old_traces, new_traces)):
        found += [[index, path, after.get(path)] for path in sorted(before.keys() | after.keys())
                  if not same(before.get(path), after.get(path))]
    found += [[LAYOUT, path, new_layout.get(path)] for path in sorted(old_layout.keys() | new_layout.keys())
              if not same(old_layout.get(path), new_layout.get(path))]
    return found


def set_path(target: dict, path: str, value) -> None:
    """Set the dotted plotly.js ``path`` of ``target`` to ``value``; ``None`` removes it."""
    *parents, leaf = path.split(".")
    for key in parents:
        if not isinstance(target.get(key), dict):
            target[key] = {}
        target = target[key]
    if value is None:
        target.pop(leaf, None)
    else:
        target[leaf] = value


def set_differences(figure: dict, found: list[list]) -> dict:
    """``figure`` (plotly.js JSON: ``data``, ``layout``) with :func:`differences` set, in place."""
    for trace, path, value in found:
        set_path(figure["layout"] if trace == LAYOUT else figure["data"][trace], path, value)
    return figure
