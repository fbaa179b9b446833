"""Comparing figures in plotly JSON form: shared by the live-update and the book-step tests."""
from __future__ import annotations

import base64

import numpy as np


def decoded(value):
    """``value`` with plotly's base64 arrays (``{"dtype", "bdata"[, "shape"]}``) as numpy arrays."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return array.reshape([int(n) for n in str(value["shape"]).split(",")]) if "shape" in value else array
    if isinstance(value, dict):
        return {k: decoded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decoded(v) for v in value]
    return value


def assert_same(shown, fresh, where="figure", rtol=1e-5):
    """Recursive comparison of plotly JSON: numbers within ``rtol``, None the same as absent."""
    if isinstance(fresh, dict) or isinstance(shown, dict):
        shown, fresh = shown or {}, fresh or {}
        for key in (shown.keys() | fresh.keys()) - {"uid", "template"}:
            assert_same(shown.get(key), fresh.get(key), f"{where}.{key}", rtol)
    elif isinstance(fresh, (list, tuple, np.ndarray)) or isinstance(shown, (list, tuple, np.ndarray)):
        shown, fresh = list(shown if shown is not None else []), list(fresh if fresh is not None else [])
        assert len(shown) == len(fresh), f"{where}: {len(shown)} values shown, {len(fresh)} rebuilt"
        try:
            numbers = np.asarray(shown, dtype=float), np.asarray(fresh, dtype=float)
        except (TypeError, ValueError):
            for k, (a, b) in enumerate(zip(shown, fresh)):
                assert_same(a, b, f"{where}[{k}]", rtol)
        else:  # lists are compared relative to their largest number
            scale = np.nanmax(np.abs(numbers[1]), initial=0.0) if numbers[1].size else 0.0
            assert np.allclose(*numbers, rtol=rtol, atol=max(1e-9, rtol * scale), equal_nan=True), where
    elif isinstance(fresh, (float, np.floating)) or isinstance(shown, (float, np.floating)):
        assert shown is not None and fresh is not None and np.isclose(shown, fresh, rtol=rtol, atol=1e-9,
                                                                      equal_nan=True), \
            f"{where}: {shown!r} shown, {fresh!r} rebuilt"
    else:
        assert shown == fresh, f"{where}: {shown!r} shown, {fresh!r} rebuilt"


def shown(live):
    """What a live figure (``widgets.live_figure.LiveFigure``) draws now, as a validated ``go.Figure``:
    its widget's base with its changes set, the rule its front end applies."""
    import plotly.graph_objects as go

    return go.Figure(decoded(live.figure_widget.figure()))
