"""Chapter 5 · Where healing begins: mentalizing under arousal, and Herman's stages as a path.

Two teaching models; their numbers are illustrative, not measurements.

**The switch model** (after Luyten & Fonagy's biobehavioural switch model). As arousal rises,
*controlled* mentalizing (slow, reflective thinking about one's own and others' minds) gives way
to *automatic* mentalizing (fast, reflexive, prone to errors) around a switch point::

    controlled(a) = 1 / (1 + exp((a − switch) / WIDTH)),   automatic(a) = 1 − controlled(a)
    switch = SWITCH_INSECURE + security · (SWITCH_SECURE − SWITCH_INSECURE)

Attachment security (0–1) moves the switch point to higher arousal: secure people keep thinking
about minds under more stress.

**Herman's stages as a non-linear path** (Herman 1992): safety and stabilisation; remembrance
and mourning; reconnection. Each week a person in stage 1 or 2 moves on with a chance that grows
with support; each week a stressor strikes with a chance set by ``stress``, and a stressor sends a
person in stage 2 or 3 back to stage 1 with a chance that support lowers. Ground covered once is
regained ``REGAIN`` times faster, so a return to safety is not a new start. Recovery loops back
before going on, as Herman describes: the stages are emphases, not a ladder.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .dual import Control, InteractiveFigure
from .theme import PALETTE, new_figure
from .validate import check_number

# -- the switch model ---------------------------------------------------------------------------

SWITCH_INSECURE, SWITCH_SECURE = 0.40, 0.75
WIDTH = 0.06
SECURITY_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
AROUSAL_GRID = tuple(round(v, 1) for v in np.arange(0.0, 1.01, 0.1))


def switch_point(security: float) -> float:
    """Arousal (0–1) at which controlled and automatic mentalizing are equal.

    Parameters
    ----------
    security : float
        Attachment security, 0 (insecure) to 1 (secure).
    """
    check_number("security", security, 0.0, 1.0)
    return SWITCH_INSECURE + security * (SWITCH_SECURE - SWITCH_INSECURE)


def mentalizing(arousal, security: float = 0.5) -> pd.DataFrame:
    """Controlled and automatic mentalizing at each arousal level.

    Parameters
    ----------
    arousal : float or sequence of float
        Arousal levels, each 0–1.
    security : float
        Attachment security, 0–1.

    Returns
    -------
    pandas.DataFrame
        ``arousal``, ``controlled`` and ``automatic`` (each 0–1; they sum to 1).
    """
    levels = np.atleast_1d(np.asarray(arousal, dtype=float))
    if levels.size == 0 or np.any(~np.isfinite(levels)) or levels.min() < 0 or levels.max() > 1:
        raise ValueError(f"arousal must be numbers between 0 and 1; got {arousal!r}")
    controlled = 1.0 / (1.0 + np.exp((levels - switch_point(security)) / WIDTH))
    return pd.DataFrame({"arousal": levels, "controlled": controlled, "automatic": 1.0 - controlled})


def switch_figure(security: float = 0.5, arousal: float = 0.6):
    """Controlled and automatic mentalizing against arousal, with the switch point marked."""
    curve = mentalizing(np.linspace(0, 1, 101), security)
    insecure = mentalizing(np.linspace(0, 1, 101), 0.0)
    now = mentalizing(arousal, security).iloc[0]
    switch = switch_point(security)
    fig = new_figure(f"Attachment security {security:.2f}: the switch comes at arousal {switch:.2f}",
                     height=440)
    fig.add_scatter(x=insecure.arousal, y=insecure.controlled, mode="lines",
                    name="Controlled, security 0 (reference)",
                    line=dict(color=PALETTE["grey"], dash="dash", width=2),
                    hovertemplate="arousal %{x:.2f}: %{y:.2f}<extra>security 0</extra>")
    fig.add_scatter(x=curve.arousal, y=curve.automatic, mode="lines", name="Automatic mentalizing",
                    line=dict(color=PALETTE["orange"], width=3),
                    hovertemplate="arousal %{x:.2f}: %{y:.2f}<extra>automatic</extra>")
    fig.add_scatter(x=curve.arousal, y=curve.controlled, mode="lines", name="Controlled mentalizing",
                    line=dict(color=PALETTE["blue"], width=3),
                    hovertemplate="arousal %{x:.2f}: %{y:.2f}<extra>controlled</extra>")
    fig.add_scatter(x=[arousal], y=[now.controlled], mode="markers", name="Arousal now",
                    marker=dict(color=PALETTE["vermillion"], size=14, symbol="diamond"),
                    hovertemplate="arousal %{x:.2f}: controlled %{y:.2f}<extra>now</extra>")
    fig.update_layout(
        shapes=[dict(type="line", x0=switch, x1=switch, yref="paper", y0=0, y1=1,
                     line=dict(color=PALETTE["vermillion"], dash="dot", width=2))],
        annotations=[dict(x=switch, y=0.02, yref="paper", yanchor="bottom", xanchor="left",
                          xshift=4, showarrow=False, text="switch point"),
                     dict(x=arousal, y=now.controlled, ax=40, ay=-40, showarrow=True, arrowhead=2,
                          text=f"controlled {now.controlled:.2f}")],
        xaxis=dict(title="Arousal (calm … overwhelmed)", range=[0, 1]),
        yaxis=dict(title="Share of mentalizing (0 … 1)", range=[0, 1.05]))
    return fig


def switch_view(**fixed) -> InteractiveFigure:
    """The switch model: live security and arousal; the book varies security."""
    return InteractiveFigure(
        switch_figure,
        [Control("security", "attachment security", SECURITY_GRID, 0.5, value_format="{:.2f}"),
         Control("arousal", "arousal now", AROUSAL_GRID, 0.6, value_format="{:.1f}")], fixed=fixed,
        caption=("The blue curve is controlled, reflective mentalizing; the orange curve the fast, "
                 "automatic kind. Past the switch point (dotted line) reflection gives way to reflex. "
                 "More security moves the switch to higher arousal; the dashed grey curve is the "
                 "least secure setting for comparison."))


# -- Herman's stages as a non-linear path -------------------------------------------------------

STAGES = ("safety and stabilisation", "remembrance and mourning", "reconnection")
SUPPORT_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
BASE_FORWARD, SUPPORT_FORWARD = 0.03, 0.12   # weekly chance of moving on: base + support·extra
REGAIN = 3.0          # ground already covered once is regained this many times faster
SETBACK_BASE, SETBACK_PROTECTION = 0.5, 0.7  # chance a stressor sends one back: base·(1 − protection·support)


def simulate_recovery(support: float = 0.5, stress: float = 0.05, n_weeks: int = 104,
                      seed: int = 12) -> pd.DataFrame:
    """A simulated path through Herman's three stages, week by week.

    Parameters
    ----------
    support : float
        Safety and support around the person, 0–1: raises the chance of moving on and lowers
        the chance that a stressor sends them back.
    stress : float
        Weekly chance, 0–1, that a stressor strikes (a threat, an anniversary, contact with the
        person who harmed).
    n_weeks : int
        Number of weeks, 1–1040.
    seed : int
        Seed of the random draws (the same draws are used for every setting).

    Returns
    -------
    pandas.DataFrame
        ``week`` (1…n), ``stage`` (1, 2 or 3), ``stressor`` (bool) and ``setback`` (bool: sent
        back to stage 1 that week).
    """
    check_number("support", support, 0.0, 1.0)
    check_number("stress", stress, 0.0, 1.0)
    n_weeks = check_number("n_weeks", n_weeks, 1, 1040, integer=True)
    check_number("seed", seed, 0, 2**32 - 1, integer=True)
    rng = np.random.default_rng(seed)
    move, strike, fall = rng.random(n_weeks), rng.random(n_weeks), rng.random(n_weeks)
    forward = BASE_FORWARD + support * SUPPORT_FORWARD
    back = SETBACK_BASE * (1.0 - SETBACK_PROTECTION * support)
    stage, reached, stages, stressors, setbacks = 1, 1, [], [], []
    for week in range(n_weeks):
        stressor = strike[week] < stress
        setback = stressor and stage > 1 and fall[week] < back
        chance = min(1.0, forward * REGAIN) if stage < reached else forward
        if setback:
            stage = 1
        elif stage < 3 and move[week] < chance:
            stage += 1
            reached = max(reached, stage)
        stages.append(stage)
        stressors.append(stressor)
        setbacks.append(setback)
    return pd.DataFrame({"week": np.arange(1, n_weeks + 1), "stage": stages,
                         "stressor": stressors, "setback": setbacks})


def recovery_summary(run: pd.DataFrame) -> dict:
    """Weeks spent in each stage, the number of returns to safety, and the first week in stage 3."""
    reached = run.loc[run.stage == 3, "week"]
    return {"weeks": {n: int((run.stage == n).sum()) for n in (1, 2, 3)},
            "setbacks": int(run.setback.sum()),
            "first_reconnection": int(reached.iloc[0]) if len(reached) else None}


def recovery_figure(support: float = 0.5, stress: float = 0.05, n_weeks: int = 104, seed: int = 12):
    """The stage week by week, with stressors and returns to safety marked."""
    run = simulate_recovery(support, stress, n_weeks, seed)
    summary = recovery_summary(run)
    first = (f"first reconnection in week {summary['first_reconnection']}"
             if summary["first_reconnection"] else "reconnection not reached in two years")
    fig = new_figure(f"Support {support:.2f}, stress {stress:.2f}: {summary['setbacks']} returns to "
                     f"safety; {first}", height=420)
    fig.add_scatter(x=run.week, y=run.stage, mode="lines", name="Stage", line=dict(
        shape="hv", color=PALETTE["blue"], width=3),
        hovertemplate="Week %{x}: stage %{y}<extra></extra>")
    hits = run[run.stressor]
    fig.add_scatter(x=hits.week, y=np.full(len(hits), 0.6), mode="markers", name="Stressor",
                    marker=dict(color=PALETTE["orange"], symbol="triangle-up", size=9),
                    hovertemplate="Week %{x}: a stressor<extra></extra>")
    back = run[run.setback]
    fig.add_scatter(x=back.week, y=np.ones(len(back)), mode="markers", name="Back to safety",
                    marker=dict(color=PALETTE["vermillion"], symbol="x", size=11),
                    hovertemplate="Week %{x}: back to safety and stabilisation<extra></extra>")
    fig.update_layout(
        xaxis=dict(title="Week", range=[0.5, n_weeks + 0.5]),
        yaxis=dict(title="Stage", range=[0.4, 3.4], tickvals=[1, 2, 3],
                   ticktext=["1 · safety", "2 · remembrance", "3 · reconnection"]))
    return fig


def recovery_view(**fixed) -> InteractiveFigure:
    """Herman's stages: live support and stress; the book varies support."""
    return InteractiveFigure(
        recovery_figure,
        [Control("support", "safety and support", SUPPORT_GRID, 0.5, value_format="{:.2f}"),
         Control("stress", "stressors (weekly chance)", (0.0, 0.05, 0.1, 0.2, 0.3), 0.05,
                 value_format="{:.2f}")], fixed=fixed,
        caption=("The blue line steps between Herman's three stages over two years. Orange triangles "
                 "are stressors; red crosses mark a return to the first stage, safety. Notice that "
                 "the path loops back: going back to safety is part of recovery, not a failure."))
