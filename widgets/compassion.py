"""Chapter 6 · Love as a clinical principle: Gilbert's three emotion-regulation systems, stylised.

A *stylised* teaching model of Paul Gilbert's three-systems idea (threat, drive, soothing; Gilbert
2009). It is not a physiological model and its numbers are not measurements: it shows one
proposed relationship, that a stronger soothing system helps the threat system settle.

Each day a stressor (criticism, a cold silence) may strike, with chance ``stress_rate``. With
``s`` the soothing capacity (0–1)::

    soothing(t) = s · (0.5 + 0.5·threat(t))                       (answers need, if the capacity is there)
    threat(t+1) = threat + STRESS_GAIN·stressor·(1 − threat) − (CALM + SOOTHE·soothing)·threat
    drive(t)    = DRIVE_BASE + DRIVE_GAIN·threat·(1 − soothing)    (unsoothed threat turned into striving)

All three stay between 0 and 1, and with these constants a stronger soothing capacity never leaves
threat higher on any day.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .dual import Control, InteractiveFigure
from .theme import PALETTE, new_figure
from .validate import check_number

STRESS_GAIN = 0.4
CALM = 0.08
SOOTHE = 0.3
DRIVE_BASE, DRIVE_GAIN = 0.25, 0.6
SOOTHING_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
STRESS_GRID = (0.0, 0.1, 0.2, 0.3, 0.4)


def simulate_systems(soothing: float = 0.25, stress_rate: float = 0.2, n_days: int = 60,
                     seed: int = 6) -> pd.DataFrame:
    """Daily activation of the threat, drive and soothing systems (stylised).

    Parameters
    ----------
    soothing : float
        Capacity of the soothing system, 0–1 (e.g. built by warmth from others or self-compassion).
    stress_rate : float
        Daily chance of a stressor, 0–1.
    n_days : int
        Number of days, 1–3650.
    seed : int
        Seed of the stressor days (the same days for every ``soothing``).

    Returns
    -------
    pandas.DataFrame
        ``day`` (1…n), ``stressor`` (bool), ``threat``, ``drive`` and ``soothing`` (each 0–1).
    """
    check_number("soothing", soothing, 0.0, 1.0)
    check_number("stress_rate", stress_rate, 0.0, 1.0)
    n_days = check_number("n_days", n_days, 1, 3650, integer=True)
    check_number("seed", seed, 0, 2**32 - 1, integer=True)
    stressor = np.random.default_rng(seed).random(n_days) < stress_rate
    threat = np.zeros(n_days)
    calm = np.zeros(n_days)
    level = 0.0
    for day in range(n_days):
        calm[day] = soothing * (0.5 + 0.5 * level)
        level = level + STRESS_GAIN * stressor[day] * (1.0 - level) - (CALM + SOOTHE * calm[day]) * level
        threat[day] = level
    drive = DRIVE_BASE + DRIVE_GAIN * threat * (1.0 - calm)
    return pd.DataFrame({"day": np.arange(1, n_days + 1), "stressor": stressor, "threat": threat,
                         "drive": drive, "soothing": calm})


HIGH_THREAT = 0.5


def systems_summary(run: pd.DataFrame) -> dict:
    """Mean and peak threat, mean drive, and the share of days with threat above ``HIGH_THREAT``."""
    return {"mean_threat": float(run.threat.mean()), "peak_threat": float(run.threat.max()),
            "mean_drive": float(run.drive.mean()), "high_threat": float((run.threat > HIGH_THREAT).mean())}


def systems_figure(soothing: float = 0.25, stress_rate: float = 0.2, n_days: int = 60, seed: int = 6):
    """The three systems day by day, with stressor days marked."""
    run = simulate_systems(soothing, stress_rate, n_days, seed)
    summary = systems_summary(run)
    fig = new_figure(f"Soothing capacity {soothing:.2f}: mean threat {summary['mean_threat']:.2f}, "
                     f"threat above {HIGH_THREAT} on {summary['high_threat']:.0%} of days", height=440)
    for column, color, dash, name in (("threat", "vermillion", "solid", "Threat (protection)"),
                                      ("drive", "blue", "dash", "Drive (threat-driven striving)"),
                                      ("soothing", "green", "dot", "Soothing (safeness)")):
        fig.add_scatter(x=run.day, y=run[column], mode="lines", name=name,
                        line=dict(color=PALETTE[color], dash=dash, width=3),
                        hovertemplate="Day %{x}: %{y:.2f}<extra>" + column + "</extra>")
    hits = run[run.stressor]
    fig.add_scatter(x=hits.day, y=np.full(len(hits), 0.02), mode="markers", name="Stressor",
                    marker=dict(color=PALETTE["orange"], symbol="triangle-up", size=9),
                    hovertemplate="Day %{x}: a stressor<extra></extra>")
    fig.update_layout(xaxis=dict(title="Day", range=[0.5, n_days + 0.5]),
                      yaxis=dict(title="Activation (stylised, 0 … 1)", range=[0, 1]))
    return fig


def systems_view(**fixed) -> InteractiveFigure:
    """The three systems: live soothing and stress sliders; the book varies soothing."""
    return InteractiveFigure(
        systems_figure,
        [Control("soothing", "soothing capacity", SOOTHING_GRID, 0.25, value_format="{:.2f}"),
         Control("stress_rate", "stressors (daily chance)", STRESS_GRID, 0.2, value_format="{:.1f}")], fixed=fixed,
        caption=("A stylised picture, not a measurement. The red line is the threat system, the "
                 "dashed blue line drive, the dotted green line soothing; orange triangles are "
                 "stressors. The stressors are the same at every setting: notice how a stronger "
                 "soothing system lets threat settle sooner and leaves less of it to be turned "
                 "into striving."))
