"""Chapter 7 · The ethics of maturity: relationships on a closeness–differentiation plane.

A teaching model; its numbers are illustrative, not measurements. A relationship's state is a
point on two axes: *closeness* (0–1: how near and involved the two people are) and
*differentiation* (0–1: how far each can stay themselves while close — Bowen's differentiation
of self). Zones: **fusion** (close but poorly differentiated), **distance** (far apart) and
**mature love** (close and well differentiated); the rest is in between.

Over ``n_months`` the push–pull cycle swings closeness with period ``PERIOD`` months. With
``growth`` above 0, differentiation grows toward ``D_MAX``; as it grows the swings shrink and
their centre moves closer::

    d(t) = D0 + (D_MAX − D0)·(1 − exp(−growth·t / TAU)),   k = (d − D0) / (D_MAX − D0)
    c(t) = 0.5 + 0.3·k + 0.4·(1 − k)·sin(2πt / PERIOD)

With ``growth = 0`` the relationship swings between fusion and distance for ever.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .dual import Control, InteractiveFigure
from .theme import PALETTE, new_figure
from .validate import check_number

D0, D_MAX, TAU, PERIOD = 0.2, 0.85, 12.0, 3.0
CLOSE, FAR, DIFFERENTIATED, FUSED = 0.65, 0.35, 0.6, 0.5
ZONES = ("fusion", "distance", "mature love", "in between")
GROWTH_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
STEPS_PER_MONTH = 4


def zone(closeness, differentiation) -> np.ndarray:
    """The zone of each point (see ``ZONES``)."""
    closeness, differentiation = np.asarray(closeness), np.asarray(differentiation)
    return np.select(
        [closeness < FAR, (closeness >= CLOSE) & (differentiation >= DIFFERENTIATED),
         (closeness >= CLOSE) & (differentiation < FUSED)],
        ["distance", "mature love", "fusion"], "in between")


def simulate_relationship(growth: float = 0.5, n_months: int = 36) -> pd.DataFrame:
    """The path of a relationship on the closeness–differentiation plane.

    Parameters
    ----------
    growth : float
        0–1: how fast each partner's differentiation of self grows (0: not at all).
    n_months : int
        Length of the path in months, 1–240.

    Returns
    -------
    pandas.DataFrame
        ``month`` (0…n in quarter-month steps), ``closeness``, ``differentiation`` (0–1) and ``zone``.
    """
    check_number("growth", growth, 0.0, 1.0)
    n_months = check_number("n_months", n_months, 1, 240, integer=True)
    month = np.arange(n_months * STEPS_PER_MONTH + 1) / STEPS_PER_MONTH
    differentiation = D0 + (D_MAX - D0) * (1.0 - np.exp(-growth * month / TAU))
    k = (differentiation - D0) / (D_MAX - D0)
    closeness = 0.5 + 0.3 * k + 0.4 * (1.0 - k) * np.sin(2 * np.pi * month / PERIOD)
    return pd.DataFrame({"month": month, "closeness": closeness, "differentiation": differentiation,
                         "zone": zone(closeness, differentiation)})


def time_in_zones(run: pd.DataFrame) -> dict:
    """Share of the path spent in each zone, and the first month in mature love (or ``None``)."""
    shares = {name: float((run.zone == name).mean()) for name in ZONES}
    mature = run.loc[run.zone == "mature love", "month"]
    return {"shares": shares, "first_mature": float(mature.iloc[0]) if len(mature) else None}


def plane_figure(growth: float = 0.5, n_months: int = 36):
    """The plane with its zones, the path for ``growth`` and the no-growth cycle for reference."""
    run = simulate_relationship(growth, n_months)
    cycle = simulate_relationship(0.0, n_months)
    summary = time_in_zones(run)
    shares = summary["shares"]
    first = (f"mature love from month {summary['first_mature']:.0f}" if summary["first_mature"] is not None
             else "never reaches mature love")
    fig = new_figure(f"Growth {growth:.2f}: {first}<br><span style='font-size:12px'>Share of the "
                     f"{n_months} months in each zone in brackets; in between: {shares['in between']:.0%}</span>",
                     height=560)
    fig.add_scatter(x=cycle.closeness, y=cycle.differentiation, mode="lines", name="Push–pull cycle (no growth)",
                    line=dict(color=PALETTE["grey"], dash="dash", width=2),
                    hovertemplate="closeness %{x:.2f}, differentiation %{y:.2f}<extra>no growth</extra>")
    fig.add_scatter(x=run.closeness, y=run.differentiation, mode="lines+markers", name="This relationship",
                    line=dict(color=PALETTE["blue"], width=1),
                    marker=dict(size=4, color=run.month, colorscale="Viridis", showscale=True,
                                colorbar=dict(title=dict(text="month"), thickness=12)),
                    customdata=run.month,
                    hovertemplate="month %{customdata:.1f}: closeness %{x:.2f}, differentiation %{y:.2f}<extra></extra>")
    zone_style = dict(type="rect", line_width=0, layer="below", opacity=0.14)
    fig.update_layout(
        shapes=[dict(zone_style, x0=CLOSE, x1=1, y0=0, y1=FUSED, fillcolor=PALETTE["vermillion"]),
                dict(zone_style, x0=0, x1=FAR, y0=0, y1=1, fillcolor=PALETTE["sky"]),
                dict(zone_style, x0=CLOSE, x1=1, y0=DIFFERENTIATED, y1=1, fillcolor=PALETTE["green"])],
        annotations=[dict(x=(CLOSE + 1) / 2, y=0.04, text=f"<b>fusion</b> ({shares['fusion']:.0%})", showarrow=False),
                     dict(x=FAR / 2, y=0.96, text=f"<b>distance</b> ({shares['distance']:.0%})", showarrow=False),
                     dict(x=(CLOSE + 1) / 2, y=0.96, text=f"<b>mature love</b> ({shares['mature love']:.0%})",
                          showarrow=False)],
        xaxis=dict(title="Closeness (apart … together)", range=[0, 1]),
        yaxis=dict(title="Differentiation of self (fused … differentiated)", range=[0, 1]),
        margin=dict(t=110))
    return fig


def plane_view(**fixed) -> InteractiveFigure:
    """The closeness–differentiation plane: the growth slider, live and in the book."""
    return InteractiveFigure(
        plane_figure,
        [Control("growth", "growth of differentiation", GROWTH_GRID, 0.5, value_format="{:.2f}")], fixed=fixed,
        caption=("Each point is the relationship at one moment; colour shows time. The dashed grey "
                 "loop is the push–pull cycle with no growth: it swings between fusion (red zone) "
                 "and distance (blue zone) for ever. With enough growth the swings narrow and the "
                 "path settles into mature love (green zone): close, and still two people. The "
                 "slider stands for both partners' own growth: one partner cannot grow for the other."))
