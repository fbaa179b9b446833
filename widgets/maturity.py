"""Chapter 7 · The ethics of maturity: two people on a closeness–differentiation plane.

A stylised teaching model of Bowen's theory (Bowen 1978; Kerr & Bowen 1988). Its numbers are
illustrative, not measurements. It describes a relationship without abuse or coercive control;
where there is either, it does not apply.

Two partners, 1 and 2, each have their own differentiation of self (0–1: how far a person can stay
themselves while close). Each partner's *basic* level grows at that partner's own speed; what they
can do on a given day, their *functional* level, falls when they are anxious, as Bowen held that
it does under stress. A **hard stretch** from outside the relationship (an illness, a job lost, a
bereavement) raises each partner's anxiety, more for the less differentiated; a more
differentiated person also calms down faster. With ``t`` in months, for each partner::

    basic(t)      = D0 + (D_MAX − D0)·(1 − exp(−growth·t / TAU))
    anxiety'(t)   = STRAIN_RATE·stress(t)·(1 − basic)·(1 − anxiety) − (CALM + CALM_GAIN·basic)·anxiety
    functional(t) = basic·(1 − anxiety)

The push–pull cycle swings *closeness* (0–1) with period ``PERIOD`` months. The swings are driven
mostly by the less differentiated partner (weight ``LEAD``); the steadier partner damps them only
in part (weight ``1 − LEAD``), and the centre of the swings moves closer only as far as the less
differentiated partner can bear::

    low, high     = the lower and the higher functional level of the two
    swing(t)      = SWING·(LEAD·(1 − low) + (1 − LEAD)·(1 − high))
    closeness(t)  = 0.5 + 0.3·clip((low − D0) / (D_MAX − D0), 0, 1) + swing·sin(2πt / PERIOD)

The pair's zone is read at (closeness, low): mature love needs *both* people to stay themselves
while close. With both growth speeds 0 and no hard stretch, the pair swings between fusion and
distance for ever, exactly as the single-slider model of earlier versions did.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .dual import Control, InteractiveFigure
from .theme import PALETTE, new_figure
from .validate import check_number

D0, D_MAX, TAU, PERIOD = 0.2, 0.85, 12.0, 3.0
CLOSE, FAR, DIFFERENTIATED, FUSED = 0.65, 0.35, 0.6, 0.5
SWING, LEAD = 0.5, 0.7
STRAIN_RATE, CALM, CALM_GAIN = 1.5, 0.1, 0.6
HARD_MONTHS = 3
STRAIN_MONTH = 30
N_MONTHS = 48
ZONES = ("fusion", "distance", "mature love", "in between")
GROWTH_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
STRAIN_GRID = (0.0, 1.0)
STEPS_PER_MONTH = 10
PLOT_EVERY = 2  # the figure draws every second step (five points a month)


def zone(closeness, differentiation) -> np.ndarray:
    """The zone of each point (see ``ZONES``).

    Parameters
    ----------
    closeness, differentiation : array_like
        Coordinates on the plane (0–1). For a pair, ``differentiation`` is the lower of the two
        partners' functional levels.

    Returns
    -------
    numpy.ndarray
        One zone name per point.
    """
    closeness, differentiation = np.asarray(closeness), np.asarray(differentiation)
    return np.select(
        [closeness < FAR, (closeness >= CLOSE) & (differentiation >= DIFFERENTIATED),
         (closeness >= CLOSE) & (differentiation < FUSED)],
        ["distance", "mature love", "fusion"], "in between")


def simulate_relationship(growth_1: float = 0.5, growth_2: float = 0.5, strain: float = 0.0,
                          strain_month: int = STRAIN_MONTH, n_months: int = N_MONTHS) -> pd.DataFrame:
    """The path of a relationship between two partners on the closeness–differentiation plane.

    Parameters
    ----------
    growth_1, growth_2 : float
        0–1: how fast each partner's own basic differentiation grows (0: not at all).
    strain : float
        0–1: strength of a hard stretch from outside the relationship (0: none).
    strain_month : int
        Month in which the hard stretch begins (it lasts ``HARD_MONTHS`` months), 0 to ``n_months``.
    n_months : int
        Length of the path in months, 1–240.

    Returns
    -------
    pandas.DataFrame
        One row per tenth of a month: ``month``; ``stress`` (the hard stretch's strength while it
        lasts, else 0); for each partner ``basic_1``/``basic_2``, ``anxiety_1``/``anxiety_2`` and
        the functional level ``differentiation_1``/``differentiation_2``; ``differentiation`` (the
        lower functional level, which sets the pair's zone); ``swing`` (half the width of the
        push–pull swing); ``closeness``; and ``zone``. Every number lies between 0 and 1.
    """
    growth_1 = check_number("growth_1", growth_1, 0.0, 1.0)
    growth_2 = check_number("growth_2", growth_2, 0.0, 1.0)
    strain = check_number("strain", strain, 0.0, 1.0)
    n_months = check_number("n_months", n_months, 1, 240, integer=True)
    strain_month = check_number("strain_month", strain_month, 0, n_months, integer=True)
    month = np.arange(n_months * STEPS_PER_MONTH + 1) / STEPS_PER_MONTH
    stress = np.where((month >= strain_month) & (month < strain_month + HARD_MONTHS), strain, 0.0)
    columns = {"month": month, "stress": stress}
    for person, growth in (("1", growth_1), ("2", growth_2)):
        basic = D0 + (D_MAX - D0) * (1.0 - np.exp(-growth * month / TAU))
        anxiety = np.zeros_like(month)
        level = 0.0
        for step in range(int(np.argmax(stress > 0)) if strain > 0 else len(month), len(month)):
            anxiety[step] = level  # zero until the hard stretch begins
            rise = STRAIN_RATE * stress[step] * (1.0 - basic[step]) * (1.0 - level)
            level += (rise - (CALM + CALM_GAIN * basic[step]) * level) / STEPS_PER_MONTH
        columns.update({f"basic_{person}": basic, f"anxiety_{person}": anxiety,
                        f"differentiation_{person}": basic * (1.0 - anxiety)})
    low = np.minimum(columns["differentiation_1"], columns["differentiation_2"])
    high = np.maximum(columns["differentiation_1"], columns["differentiation_2"])
    swing = SWING * (LEAD * (1.0 - low) + (1.0 - LEAD) * (1.0 - high))
    centre = 0.5 + 0.3 * np.clip((low - D0) / (D_MAX - D0), 0.0, 1.0)
    closeness = centre + swing * np.sin(2 * np.pi * month / PERIOD)
    columns.update({"differentiation": low, "swing": swing, "closeness": closeness,
                    "zone": zone(closeness, low)})
    return pd.DataFrame(columns)


def time_in_zones(run: pd.DataFrame) -> dict:
    """Share of the path spent in each zone, and the first month in mature love (or ``None``).

    Parameters
    ----------
    run : pandas.DataFrame
        A path from :func:`simulate_relationship`.

    Returns
    -------
    dict
        ``shares`` (zone -> share of the steps, 0–1) and ``first_mature`` (month or ``None``).
    """
    shares = {name: float((run.zone == name).mean()) for name in ZONES}
    mature = run.loc[run.zone == "mature love", "month"]
    return {"shares": shares, "first_mature": float(mature.iloc[0]) if len(mature) else None}


def after_strain(run: pd.DataFrame) -> dict | None:
    """What the hard stretch did to the pair (``None`` if the path has none).

    Parameters
    ----------
    run : pandas.DataFrame
        A path from :func:`simulate_relationship`.

    Returns
    -------
    dict or None
        ``start`` and ``end`` (months of the hard stretch); ``low_point`` (the lowest functional
        level of the less differentiated partner from its start on); ``mature_before`` (whether the
        pair was ever in mature love before it); ``back`` (the first month from its end on in which
        the pair is in mature love again, or ``None``).
    """
    hard = run.month[run.stress > 0]
    if hard.empty:
        return None
    start, end = float(hard.iloc[0]), float(hard.iloc[-1]) + 1.0 / STEPS_PER_MONTH
    mature = run.zone == "mature love"
    back = run.month[mature & (run.month >= end)]
    return {"start": start, "end": end,
            "low_point": float(run.differentiation[run.month >= start].min()),
            "mature_before": bool(mature[run.month < start].any()),
            "back": float(back.iloc[0]) if len(back) else None}


def swing_range(run: pd.DataFrame, months: float = PERIOD) -> tuple[float, float]:
    """The lowest and highest closeness over the last ``months`` months of the path."""
    tail = run.closeness[run.month >= run.month.iloc[-1] - months]
    return float(tail.min()), float(tail.max())


def _title(growth_1: float, growth_2: float, run: pd.DataFrame) -> str:
    summary = time_in_zones(run)
    shares, first, months = summary["shares"], summary["first_mature"], int(round(run.month.iloc[-1]))
    line = (f"Growth {growth_1:.2f} and {growth_2:.2f}: mature love {shares['mature love']:.0%} of "
            f"{months} months")
    detail = (f"first in month {first:.0f}" if first is not None else "never reached")
    hard = after_strain(run)
    if hard is not None:
        if not hard["mature_before"]:
            detail += f"; hard stretch from month {hard['start']:.0f}"
        elif hard["back"] is None:
            detail += f"; after the hard stretch not back by month {months}"
        else:
            detail += f"; after the hard stretch back in month {hard['back']:.0f}"
    return f"{line}<br><span style='font-size:12px'>{detail}</span>"


def plane_figure(growth_1: float = 0.5, growth_2: float = 0.5, strain: float = 0.0,
                 strain_month: int = STRAIN_MONTH, n_months: int = N_MONTHS):
    """The plane with its zones and both partners' paths, and their differentiation month by month.

    Parameters
    ----------
    growth_1, growth_2, strain, strain_month, n_months
        As in :func:`simulate_relationship`.

    Returns
    -------
    plotly.graph_objects.Figure
        Top: the plane (the no-growth cycle for reference, then partner 1 and partner 2, each at
        the pair's closeness and their own functional differentiation). Bottom: both partners'
        functional differentiation over the months, the months the pair spends in mature love,
        and the hard stretch shaded.
    """
    run = simulate_relationship(growth_1, growth_2, strain, strain_month, n_months)
    cycle = simulate_relationship(0.0, 0.0, 0.0, 0, n_months)
    shares = time_in_zones(run)["shares"]
    shown, loop = run.iloc[::PLOT_EVERY], cycle[cycle.month <= PERIOD]
    fig = new_figure(_title(growth_1, growth_2, run), height=680)
    fig.add_scatter(x=loop.closeness, y=loop.differentiation, mode="lines", name="Push–pull cycle (no growth)",
                    line=dict(color=PALETTE["grey"], dash="dash", width=2),
                    hovertemplate="closeness %{x:.2f}, differentiation %{y:.2f}<extra>no growth</extra>")
    for person, color, dash in (("1", "blue", "solid"), ("2", "orange", "dash")):
        fig.add_scatter(x=shown.closeness, y=shown[f"differentiation_{person}"], mode="lines",
                        name=f"Partner {person}", legendgroup=person,
                        line=dict(color=PALETTE[color], width=1.5, dash=dash), customdata=shown.month,
                        hovertemplate=(f"Partner {person}, month %{{customdata:.1f}}: closeness %{{x:.2f}}, "
                                       f"differentiation %{{y:.2f}}<extra></extra>"))
    for person, color, dash in (("1", "blue", "solid"), ("2", "orange", "dash")):
        fig.add_scatter(x=shown.month, y=shown[f"differentiation_{person}"], mode="lines", xaxis="x2", yaxis="y2",
                        name=f"Partner {person}", legendgroup=person, showlegend=False,
                        line=dict(color=PALETTE[color], width=2.5, dash=dash),
                        hovertemplate=f"Month %{{x:.1f}}: %{{y:.2f}}<extra>partner {person}</extra>")
    mature = shown[shown.zone == "mature love"]
    fig.add_scatter(x=mature.month, y=np.full(len(mature), 0.97), mode="markers", xaxis="x2", yaxis="y2",
                    name="Pair in mature love", marker=dict(color=PALETTE["green"], symbol="line-ns-open", size=8,
                                                            line=dict(width=2, color=PALETTE["green"])),
                    hovertemplate="Month %{x:.1f}: the pair in mature love<extra></extra>")
    zone_style = dict(type="rect", line_width=0, layer="below", opacity=0.14, xref="x", yref="y")
    shapes = [dict(zone_style, x0=CLOSE, x1=1, y0=0, y1=FUSED, fillcolor=PALETTE["vermillion"]),
              dict(zone_style, x0=0, x1=FAR, y0=0, y1=1, fillcolor=PALETTE["sky"]),
              dict(zone_style, x0=CLOSE, x1=1, y0=DIFFERENTIATED, y1=1, fillcolor=PALETTE["green"]),
              dict(type="line", xref="x2", yref="y2", x0=0, x1=n_months, y0=DIFFERENTIATED, y1=DIFFERENTIATED,
                   line=dict(color=PALETTE["green"], width=1.5, dash="dot"), layer="below")]
    hard = after_strain(run)
    # Drawn at every setting (width 0 without a hard stretch) so every setting has the same shapes.
    start = hard["start"] if hard else strain_month
    shapes.append(dict(type="rect", xref="x2", yref="y2", x0=start, x1=hard["end"] if hard else start,
                       y0=0, y1=1, fillcolor=PALETTE["purple"], opacity=0.25 if hard else 0.0,
                       line_width=0, layer="below"))
    fig.update_layout(
        shapes=shapes,
        annotations=[dict(x=(CLOSE + 1) / 2, y=0.04, xref="x", yref="y", showarrow=False,
                          text=f"<b>fusion</b> ({shares['fusion']:.0%})"),
                     dict(x=FAR / 2, y=0.96, xref="x", yref="y", showarrow=False,
                          text=f"<b>distance</b> ({shares['distance']:.0%})"),
                     dict(x=(CLOSE + 1) / 2, y=0.96, xref="x", yref="y", showarrow=False,
                          text=f"<b>mature love</b> ({shares['mature love']:.0%})")],
        xaxis=dict(title="Closeness (apart … together)", range=[0, 1], domain=[0, 1], anchor="y"),
        yaxis=dict(title="Differentiation", range=[0, 1], domain=[0.44, 1.0]),
        xaxis2=dict(title="Month", range=[0, n_months], anchor="y2"),
        yaxis2=dict(title="Differentiation", range=[0, 1], domain=[0.0, 0.28], anchor="x2"),
        margin=dict(t=120))
    return fig


def plane_view(**fixed) -> InteractiveFigure:
    """The two-partner plane: each partner's growth and a hard stretch, live and in the book."""
    return InteractiveFigure(
        plane_figure,
        [Control("growth_1", "partner 1's growth", GROWTH_GRID, 0.5, value_format="{:.2f}"),
         Control("growth_2", "partner 2's growth", GROWTH_GRID, 0.5, value_format="{:.2f}"),
         Control("strain", "hard stretch", STRAIN_GRID, 0.0, kind="buttons",
                 value_labels=("none", f"months {STRAIN_MONTH}–{STRAIN_MONTH + HARD_MONTHS}"))],
        fixed=fixed,
        caption=("A stylised picture of Bowen's theory, not a measurement, for a relationship "
                 "without abuse. Top: each line is one partner, at the pair's closeness and their own "
                 "differentiation (with equal growth the two lines lie on top of each other); the "
                 "dashed grey loop is the push–pull cycle with no growth. The pair is in mature love "
                 "only when both lines are in the green zone. Bottom: each partner's differentiation "
                 "month by month; green ticks mark the months in mature love, purple shading a hard "
                 "stretch from outside. Each slider is one person's own growth: no one can grow for "
                 "the other."))
