"""Chapter 8 · Summary: the capstone simulator, built from the earlier chapters' models.

Four levers, five outcomes. Every outcome is computed by an earlier chapter's model, called
with the levers as stated here (nothing is re-implemented). The mapping is a teaching choice:

=======================  ======================================================================
lever                    where it enters
=======================  ======================================================================
predictability (0–1)     chapter 3 window of tolerance: chance the other's moods can be foreseen
social support (0–3)     chapter 3 inner compass: confirmations a week at the start;
                         chapter 5 recovery path: support = social support / 3
Healthy Adult (0–0.8)    chapter 4 mode chain: the partner's (B's) Healthy Adult, the other's
                         (A's) fixed at 0, because no one can set another person's;
                         chapter 5 switch model: attachment security
boundaries and safety    chapter 3: window width (narrow below 1/3, typical, wide from 2/3) and
(0–1)                    isolation = 1 − safety; chapter 5: weekly stressor chance 0.2·(1 − safety)
=======================  ======================================================================

Outcomes (all 0–1, higher is better): days inside the window of tolerance; confidence in one's own
perception at week 52 (2 contradictions a week); turns not locked in a mode cycle (long run);
controlled mentalizing at the average arousal; share of two years spent in reconnection (mean of
``RECOVERY_RUNS`` simulated paths).
"""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from . import healing, modes, partner_impact
from .dual import Control, InteractiveFigure
from .theme import PALETTE, new_figure
from .validate import check_number

OUTCOMES = ("Days inside the window of tolerance", "Confidence in own perception (week 52)",
            "Turns not locked in a mode cycle", "Controlled mentalizing on an average day",
            "Time in reconnection over two years")
SOURCES = ("chapter 3", "chapter 3", "chapter 4", "chapter 5", "chapter 5")
CONTRADICTIONS = 2
WINDOW_RUNS, RECOVERY_RUNS = 20, 40
FIRST_SEED = 11  # chapter 3's default seed; the k-th simulated relationship uses FIRST_SEED + k
PREDICTABILITY_GRID = partner_impact.PREDICTABILITY_GRID
SUPPORT_GRID = (0.0, 0.75, 1.5, 2.25, 3.0)
HEALTHY_ADULT_GRID = modes.HA_GRID
SAFETY_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)
LOW = dict(predictability=0.0, support=0.0, healthy_adult=0.0, safety=0.0)
STRESSOR_CHANCE = 0.2  # chapter 5's weekly chance of a stressor when safety is 0


def window_for(safety: float) -> str:
    """Width of the window of tolerance for a level of boundaries and safety."""
    return "narrow" if safety < 1 / 3 else "typical" if safety < 2 / 3 else "wide"


@functools.lru_cache(maxsize=512)
def arousal_under(predictability: float, window: str) -> tuple[float, float]:
    """Chapter 3's window of tolerance over ``WINDOW_RUNS`` simulated relationships.

    Parameters
    ----------
    predictability : float
        0–1: how foreseeable the other person's moods are.
    window : str
        Width of the window of tolerance: "narrow", "typical" or "wide" (see :func:`window_for`).

    Returns
    -------
    tuple of float
        The share of days inside the window (1 − share of days above it) and the average arousal,
        each the mean of the ``WINDOW_RUNS`` relationships (seeds ``FIRST_SEED``, ``FIRST_SEED`` + 1, …).
    """
    runs = [partner_impact.simulate_arousal(predictability, window, seed=FIRST_SEED + k)
            for k in range(WINDOW_RUNS)]
    inside = 1.0 - float(np.mean([run.above.mean() for run in runs]))
    return inside, float(np.mean([run.arousal.mean() for run in runs]))


@functools.lru_cache(maxsize=512)
def reconnection_under(support: float, stress: float) -> float:
    """Chapter 5's recovery path: the share of its 104 weeks spent in reconnection, the third stage.

    Parameters
    ----------
    support : float
        0–1: support on the recovery path (the capstone passes social support / 3).
    stress : float
        0–1: weekly chance of a stressor (the capstone passes ``STRESSOR_CHANCE`` · (1 − safety)).

    Returns
    -------
    float
        The share of weeks in reconnection, the mean of ``RECOVERY_RUNS`` simulated paths.
    """
    return float(np.mean([(healing.simulate_recovery(support, stress, seed=12 + k).stage == 3).mean()
                          for k in range(RECOVERY_RUNS)]))


def outcomes(predictability: float = 0.5, support: float = 1.5, healthy_adult: float = 0.4,
             safety: float = 0.5) -> pd.Series:
    """The five outcomes for one setting of the levers.

    Parameters
    ----------
    predictability : float
        0–1: how foreseeable the other person's moods are.
    support : float
        0–3: confirmations a week from other people at the start.
    healthy_adult : float
        0–1: strength of the partner's own Healthy Adult (also read as attachment security).
    safety : float
        0–1: boundaries and safety (a wider window, less isolation, fewer stressors).

    Returns
    -------
    pandas.Series
        One value (0–1, higher is better) per name in ``OUTCOMES``.
    """
    check_number("predictability", predictability, 0.0, 1.0)
    check_number("support", support, 0.0, 3.0)
    check_number("healthy_adult", healthy_adult, 0.0, 1.0)
    check_number("safety", safety, 0.0, 1.0)
    inside, mean_arousal = arousal_under(float(predictability), window_for(safety))
    confidence = partner_impact.simulate_compass(CONTRADICTIONS, support, 1.0 - safety).confidence.iloc[-1]
    unlocked = 1.0 - modes.locked_share(0.0, healthy_adult)
    controlled = healing.mentalizing(mean_arousal, security=healthy_adult).controlled.iloc[0]
    reconnection = reconnection_under(round(support / 3.0, 6), round(STRESSOR_CHANCE * (1.0 - safety), 6))
    return pd.Series([inside, float(confidence), unlocked, float(controlled), reconnection], index=OUTCOMES)


def dashboard_figure(predictability: float = 0.5, support: float = 1.5, healthy_adult: float = 0.4,
                     safety: float = 0.5):
    """The five outcomes as bars, with every lever at its lowest as a reference."""
    now, low = outcomes(predictability, support, healthy_adult, safety), outcomes(**LOW)
    labels = [f"{name}<br><span style='font-size:11px'>({source})</span>" for name, source in zip(OUTCOMES, SOURCES)]
    # The title names no settings: the controls show them, and a title per combination made the
    # book's capstone page 44 KB heavier (625 combinations).
    fig = new_figure("Five outcomes for the settings chosen", height=480)
    fig.add_bar(y=labels, x=now.to_numpy(), orientation="h", name="These settings",
                marker=dict(color=PALETTE["blue"]), texttemplate="%{x:.2f}", textposition="outside",
                hovertemplate="%{y}: %{x:.2f}<extra>these settings</extra>")
    fig.add_scatter(y=labels, x=low.to_numpy(), mode="markers", name="Every lever at its lowest",
                    marker=dict(color=PALETTE["vermillion"], symbol="line-ns-open", size=22,
                                line=dict(width=3, color=PALETTE["vermillion"])),
                    hovertemplate="%{y}: %{x:.2f}<extra>every lever lowest</extra>")
    fig.update_layout(xaxis=dict(title="Outcome (0 … 1, higher is better)", range=[0, 1.12]),
                      yaxis=dict(autorange="reversed"), margin=dict(l=300), bargap=0.35)
    return fig


def dashboard_view(**fixed) -> InteractiveFigure:
    """The capstone: four levers live; the book offers every combination of safety and Healthy Adult."""
    return InteractiveFigure(
        dashboard_figure,
        [Control("predictability", "predictability", PREDICTABILITY_GRID, 0.5, value_format="{:.2f}"),
         Control("support", "social support", SUPPORT_GRID, 1.5, value_format="{:.2f}"),
         Control("healthy_adult", "own Healthy Adult", HEALTHY_ADULT_GRID, 0.4, value_format="{:.1f}"),
         Control("safety", "boundaries and safety", SAFETY_GRID, 0.5, value_format="{:.2f}")], fixed=fixed,
        caption=("Blue bars are the five outcomes for the settings chosen (at first: predictability "
                 "0.50, support 1.50, Healthy Adult 0.4, safety 0.50), each computed by the chapter "
                 "named under it; red marks show every lever at its lowest. Predictability describes "
                 "the other person's moods; the other levers are the partner's own and their "
                 "surroundings'. Notice what no lever reaches: the other person's Healthy Adult stays "
                 "at 0 throughout."))
