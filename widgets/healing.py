"""Chapter 5 · Where healing begins: mentalizing through a disagreement, and Herman's stages as a path.

Two teaching models; their numbers are illustrative, not measurements.

**The switch model** (after Luyten & Fonagy's biobehavioural switch model, a theory). As arousal
rises, *controlled* mentalizing (slow, reflective thinking about one's own and others' minds) gives
way to *automatic* mentalizing (fast, reflexive, prone to errors) around a switch point::

    target(a) = 1 / (1 + exp((a − switch) / WIDTH))
    switch    = SWITCH_INSECURE + security · (SWITCH_SECURE − SWITCH_INSECURE)

Attachment security (0–1) moves the switch point to higher arousal, and (as the theory also
proposes) lets reflection come back sooner once arousal falls.

The model follows one person through a disagreement, minute by minute. The disagreement has
fixed *flash points* (``CONVERSATION``: remarks that sting, an old grievance raised), the same in
every setting. Each minute arousal first settles towards ``REST`` and then a flash point fills
part of the room left below 1::

    a ← a − settle · (a − REST),   settle = SETTLE_ALONE + calming · SETTLE_CALMING
    a ← a + flash · (1 − a)

``calming`` (0–1) is how much the other person helps arousal settle between flash points (slowing
down, naming the feeling): co-regulation. Controlled mentalizing drops at once to ``target(a)``
when arousal rises, but comes back only part of the way each minute::

    controlled ← target            if target ≤ controlled
    controlled ← controlled + recovery · (target − controlled)   otherwise
    recovery   = RECOVERY_INSECURE + security · (RECOVERY_SECURE − RECOVERY_INSECURE)

A minute is *past the switch* when arousal is above the switch point, and *without reflection*
when controlled mentalizing is below one half (past the switch, or still recovering).

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
CALMING_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
REST = 0.2                                   # arousal when nothing stings
SETTLE_ALONE, SETTLE_CALMING = 0.10, 0.30    # share of the arousal above REST that fades each minute
RECOVERY_INSECURE, RECOVERY_SECURE = 0.15, 0.60  # share of the lost reflection regained each minute
REFLECTIVE = 0.5                             # controlled mentalizing at or above this: reflection available
#: The disagreement, minute by minute (40 minutes): how hard each minute's flash point stings, 0–1
#: (0: nothing new is said that stings). The same in every setting of the model.
CONVERSATION = tuple({3: 0.20, 8: 0.30, 9: 0.10, 13: 0.30, 14: 0.15, 18: 0.35, 19: 0.20, 23: 0.45,
                      24: 0.30}.get(minute, 0.0) for minute in range(1, 41))


def _by_security(security: float, insecure: float, secure: float) -> float:
    """The value between ``insecure`` (security 0) and ``secure`` (security 1), linearly."""
    check_number("security", security, 0.0, 1.0)
    return insecure + security * (secure - insecure)


def switch_point(security: float) -> float:
    """Arousal (0–1) at which controlled and automatic mentalizing are equal: from
    ``SWITCH_INSECURE`` at attachment security 0 to ``SWITCH_SECURE`` at security 1.

    Parameters
    ----------
    security : float
        Attachment security, 0 (insecure) to 1 (secure).
    """
    return _by_security(security, SWITCH_INSECURE, SWITCH_SECURE)


def recovery_rate(security: float) -> float:
    """Share of the lost controlled mentalizing that comes back each minute once arousal falls:
    from ``RECOVERY_INSECURE`` at attachment security 0 to ``RECOVERY_SECURE`` at security 1.

    Parameters
    ----------
    security : float
        Attachment security, 0 (insecure) to 1 (secure).
    """
    return _by_security(security, RECOVERY_INSECURE, RECOVERY_SECURE)


def mentalizing(arousal, security: float = 0.5) -> pd.DataFrame:
    """Controlled and automatic mentalizing at each arousal level, with no time to recover.

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


def _check_flashes(flashes) -> np.ndarray:
    try:
        values = np.asarray(flashes, dtype=float)
    except (TypeError, ValueError):
        values = np.array([np.nan])
    if values.ndim != 1 or not 1 <= values.size <= 600 or np.any(~np.isfinite(values)) \
            or values.min() < 0 or values.max() > 1:
        raise ValueError("flashes must be a sequence of 1 to 600 numbers between 0 and 1 (one a minute); "
                         f"got {flashes!r}")
    return values


def simulate_conversation(security: float = 0.5, calming: float = 0.0,
                          flashes=CONVERSATION) -> pd.DataFrame:
    """Arousal and mentalizing through a disagreement, minute by minute.

    Parameters
    ----------
    security : float
        Attachment security of the person followed, 0–1: moves the switch point to higher arousal
        and speeds the return of reflection once arousal falls.
    calming : float
        How much the other person helps arousal settle between flash points, 0–1 (co-regulation).
    flashes : sequence of float
        How hard each minute's flash point stings, 0–1, one number a minute (1 to 600 minutes).
        The default is the course's 40-minute disagreement, ``CONVERSATION``.

    Returns
    -------
    pandas.DataFrame
        One row a minute: ``minute`` (1…n), ``flash`` (0–1), ``arousal`` (``REST``–1),
        ``switch`` (the switch point), ``past_switch`` (bool: arousal above the switch point),
        ``controlled`` (controlled mentalizing available, 0–1) and ``reflective`` (bool:
        controlled at least ``REFLECTIVE``).

    Raises
    ------
    ValueError
        If a parameter is out of range; the message names it.
    """
    check_number("security", security, 0.0, 1.0)
    check_number("calming", calming, 0.0, 1.0)
    flash = _check_flashes(flashes)
    switch, recovery = switch_point(security), recovery_rate(security)
    settle = SETTLE_ALONE + calming * SETTLE_CALMING
    arousal = np.empty(flash.size)
    level = REST
    for minute, sting in enumerate(flash):
        level -= settle * (level - REST)
        level += sting * (1.0 - level)
        arousal[minute] = level
    target = 1.0 / (1.0 + np.exp((arousal - switch) / WIDTH))
    controlled = np.empty(flash.size)
    now = 1.0 / (1.0 + np.exp((REST - switch) / WIDTH))   # the person starts calm
    for minute, aim in enumerate(target):
        now = aim if aim <= now else now + recovery * (aim - now)
        controlled[minute] = now
    return pd.DataFrame({"minute": np.arange(1, flash.size + 1), "flash": flash, "arousal": arousal,
                         "switch": switch, "past_switch": arousal > switch, "controlled": controlled,
                         "reflective": controlled >= REFLECTIVE})


def conversation_summary(run: pd.DataFrame) -> dict:
    """Minutes past the switch and without reflection, the peak, and when reflection came back.

    Parameters
    ----------
    run : pandas.DataFrame
        A result of :func:`simulate_conversation`.

    Returns
    -------
    dict
        ``minutes`` (length), ``past_switch`` and ``without_reflection`` (minutes), ``peak``
        (highest arousal), ``last_past`` (last minute past the switch, or None) and
        ``reflection_back`` (first minute after ``last_past`` with reflection available again, or
        None if it never comes back, or if the switch was never passed).
    """
    past = run.minute[run.past_switch]
    last_past = int(past.iloc[-1]) if len(past) else None
    back = run.minute[(run.minute > (last_past or 0)) & run.reflective] if last_past else run.minute[[]]
    return {"minutes": len(run), "past_switch": int(run.past_switch.sum()),
            "without_reflection": int((~run.reflective).sum()), "peak": float(run.arousal.max()),
            "last_past": last_past, "reflection_back": int(back.iloc[0]) if len(back) else None}


def minutes_past_switch(security: float = 0.5, calming: float = 0.0, flashes=CONVERSATION) -> int:
    """Minutes of the disagreement spent past the switch point.

    Parameters
    ----------
    security, calming, flashes
        As for :func:`simulate_conversation`.

    Returns
    -------
    int
        Number of minutes with arousal above the switch point.
    """
    return int(simulate_conversation(security, calming, flashes).past_switch.sum())


def switch_figure(security: float = 0.5, calming: float = 0.0, flashes=CONVERSATION):
    """The disagreement minute by minute: arousal against the switch point, and reflection left.

    Parameters
    ----------
    security, calming, flashes
        As for :func:`simulate_conversation`.

    Returns
    -------
    plotly.graph_objects.Figure
        Five traces, always in this order: arousal with no calming (grey reference), arousal,
        controlled mentalizing, the minutes past the switch (markers) and the flash points; the
        switch point is a dotted line, and the title counts the minutes past it and without
        reflection.
    """
    run = simulate_conversation(security, calming, flashes)
    alone = simulate_conversation(security, 0.0, flashes)
    summary = conversation_summary(run)
    switch = switch_point(security)
    n = summary["minutes"]
    fig = new_figure(f"{summary['past_switch']} of {n} minutes past the switch, "
                     f"{summary['without_reflection']} without reflection", height=460)
    fig.add_scatter(x=alone.minute, y=alone.arousal, mode="lines", name="Arousal with no calming",
                    line=dict(color=PALETTE["grey"], dash="dash", width=2),
                    hovertemplate="Minute %{x}: arousal %{y:.2f}<extra>no calming</extra>")
    fig.add_scatter(x=run.minute, y=run.arousal, mode="lines", name="Arousal",
                    line=dict(color=PALETTE["orange"], width=3),
                    hovertemplate="Minute %{x}: arousal %{y:.2f}<extra></extra>")
    fig.add_scatter(x=run.minute, y=run.controlled, mode="lines", name="Controlled mentalizing",
                    line=dict(color=PALETTE["blue"], width=3),
                    hovertemplate="Minute %{x}: controlled mentalizing %{y:.2f}<extra></extra>")
    past = run[run.past_switch]
    fig.add_scatter(x=past.minute, y=past.arousal, mode="markers", name="Past the switch",
                    marker=dict(color=PALETTE["vermillion"], symbol="x", size=9),
                    hovertemplate="Minute %{x}: past the switch<extra></extra>")
    stings = run[run.flash > 0]
    fig.add_scatter(x=stings.minute, y=np.full(len(stings), 0.04), mode="markers", name="Flash point",
                    marker=dict(color=PALETTE["purple"], symbol="triangle-up", size=9),
                    customdata=stings.flash,
                    hovertemplate="Minute %{x}: a flash point (sting %{customdata:.2f})<extra></extra>")
    fig.update_layout(
        shapes=[dict(type="line", xref="paper", x0=0, x1=1, y0=switch, y1=switch,
                     line=dict(color=PALETTE["vermillion"], dash="dot", width=2))],
        annotations=[dict(x=1, xref="paper", xanchor="right", y=switch, yanchor="bottom", showarrow=False,
                          text=f"switch point {switch:.2f}", font=dict(size=12))],
        xaxis=dict(title="Minute of the disagreement", range=[0.5, n + 0.5]),
        yaxis=dict(title="Arousal · controlled mentalizing (0 … 1)", range=[0, 1.02]))
    return fig


def switch_view(**fixed) -> InteractiveFigure:
    """The switch model through a disagreement: security and calming, live and in the book.

    Parameters
    ----------
    **fixed
        Keyword arguments of :func:`switch_figure` that the learner cannot change (e.g. ``flashes``).

    Returns
    -------
    widgets.dual.InteractiveFigure
        Two sliders, each over five values, so the book precomputes 25 figures.
    """
    return InteractiveFigure(
        switch_figure,
        [Control("security", "attachment security", SECURITY_GRID, 0.5, value_format="{:.2f}"),
         Control("calming", "calming from the other person", CALMING_GRID, 0.0, value_format="{:.2f}")],
        fixed=fixed,
        caption=("The orange line is arousal through a 40-minute disagreement; purple triangles are its "
                 "flash points, the same in every setting. Above the dotted switch point (red crosses) "
                 "automatic mentalizing takes over. The blue line is the controlled, reflective "
                 "mentalizing left. The dashed grey line is arousal with no calming, for comparison."))


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
