"""Chapter 3 · The impact on the partner: the inner compass and the window of tolerance.

Two teaching models; their numbers are illustrative, not measurements.

**The inner compass** is a *source-reliability update*. The partner keeps soft counts of how often
their own perception turned out right and wrong; confidence ``c`` is right / (right + wrong).
When the other person contradicts them, one of the two must be wrong, and they blame their own
perception with probability ``t(1 − c) / (t(1 − c) + c(1 − t))`` (``t``: trust in the other's
word). Because that probability grows as ``c`` falls, doubt feeds on itself. Confirmations from
other people (support) add "right" counts; isolation shrinks support week by week. Old counts
fade by ``MEMORY`` each week, so recent weeks weigh more.

**The window of tolerance** (Siegel 1999). Each day the other person's mood is calm, tense or
angry, drawn with fixed shares. With probability ``predictability`` the partner can see the day's
mood coming (a regular pattern, a clear signal); otherwise it takes them by surprise. The *same*
moods are drawn for every predictability (same seed), so only foreknowledge differs. Each day's
strain adds the mood's impact, the surprise (−ln of the mood's predicted probability) and a
standing vigilance (the uncertainty about tomorrow). Arousal recovers toward a resting level and
new strain fills part of the room left below 1.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .dual import Control, InteractiveFigure
from .theme import PALETTE, new_figure
from .validate import check_choice, check_number

# -- the inner compass --------------------------------------------------------------------------

MEMORY = 0.97            # weekly fading of old counts
START_RIGHT, START_WRONG = 8.0, 2.0
ISOLATION_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)


def blame_self(confidence, trust: float):
    """Probability that, when the other contradicts them, the partner decides they were wrong.

    Parameters
    ----------
    confidence : float or ndarray
        Current confidence in one's own perception, 0–1.
    trust : float
        Trust in the other's word, 0–1.
    """
    doubt = trust * (1.0 - confidence)
    return doubt / (doubt + confidence * (1.0 - trust))


def simulate_compass(contradictions: int = 2, support: float = 1.5, isolation: float = 0.5,
                     trust: float = 0.8, n_weeks: int = 52) -> pd.DataFrame:
    """Confidence in one's own perception under repeated contradiction, week by week.

    Parameters
    ----------
    contradictions : int
        Times per week, 0–20, that the other contradicts the partner's perception.
    support : float
        Confirmations per week from other people at the start, 0–10.
    isolation : float
        0–1: how fast support shrinks; support in week ``w`` is ``support·exp(−isolation·w/10)``.
    trust : float
        Trust in the other's word, 0.01–0.99.
    n_weeks : int
        Number of weeks, 1–520.

    Returns
    -------
    pandas.DataFrame
        ``week`` (0…n; week 0 is the start), ``support`` (confirmations that week) and
        ``confidence`` (0–1).
    """
    contradictions = check_number("contradictions", contradictions, 0, 20, integer=True)
    check_number("support", support, 0.0, 10.0)
    check_number("isolation", isolation, 0.0, 1.0)
    check_number("trust", trust, 0.01, 0.99)
    n_weeks = check_number("n_weeks", n_weeks, 1, 520, integer=True)
    right, wrong = START_RIGHT, START_WRONG
    weeks = np.arange(n_weeks + 1)
    supply = support * np.exp(-isolation * weeks / 10.0)
    supply[0] = 0.0
    confidence = np.empty(n_weeks + 1)
    confidence[0] = right / (right + wrong)
    for week in weeks[1:]:
        right, wrong = MEMORY * right, MEMORY * wrong
        for _ in range(contradictions):
            self_wrong = blame_self(right / (right + wrong), trust)
            wrong += self_wrong
            right += 1.0 - self_wrong
        right += supply[week]
        confidence[week] = right / (right + wrong)
    return pd.DataFrame({"week": weeks, "support": supply, "confidence": confidence})


def compass_figure(contradictions: int = 2, support: float = 1.5, isolation: float = 0.5,
                   trust: float = 0.8, n_weeks: int = 52):
    """Confidence over the weeks, with the support-kept and no-contradiction references."""
    run = simulate_compass(contradictions, support, isolation, trust, n_weeks)
    kept = simulate_compass(contradictions, support, 0.0, trust, n_weeks)
    quiet = simulate_compass(0, support, isolation, trust, n_weeks)
    fig = new_figure(f"The inner compass: {contradictions} contradictions a week, support {support:.1f}, "
                     f"isolation {isolation:.2f}", height=460)
    fig.add_bar(x=run.week, y=run.support / 3.0, name="Support that week (confirmations ÷ 3)",
                marker=dict(color=PALETTE["orange"], opacity=0.35), customdata=run.support,
                hovertemplate="Week %{x}: %{customdata:.2f} confirmations<extra></extra>")
    fig.add_scatter(x=quiet.week, y=quiet.confidence, name="No contradictions", mode="lines",
                    line=dict(color=PALETTE["green"], dash="dot", width=2),
                    hovertemplate="Week %{x}: %{y:.2f}<extra>no contradictions</extra>")
    fig.add_scatter(x=kept.week, y=kept.confidence, name="Support kept (no isolation)", mode="lines",
                    line=dict(color=PALETTE["grey"], dash="dash", width=2),
                    hovertemplate="Week %{x}: %{y:.2f}<extra>support kept</extra>")
    fig.add_scatter(x=run.week, y=run.confidence, name="Confidence in own perception", mode="lines",
                    line=dict(color=PALETTE["blue"], width=3),
                    hovertemplate="Week %{x}: %{y:.2f}<extra>confidence</extra>")
    end = run.confidence.iloc[-1]
    fig.update_layout(
        annotations=[dict(x=run.week.iloc[-1], y=end, text=f"<b>week {n_weeks}: {end:.2f}</b>",
                          showarrow=True, arrowhead=2, ax=-60, ay=-30 if end < 0.5 else 30)],
        xaxis=dict(title="Week", range=[-0.5, n_weeks + 0.5]),
        yaxis=dict(title="Confidence (0 … 1)", range=[0, 1.02]),
        bargap=0.1)
    return fig


def compass_view(**fixed) -> InteractiveFigure:
    """The inner compass: contradictions, support and isolation live; the book varies isolation."""
    return InteractiveFigure(
        compass_figure,
        [Control("contradictions", "contradictions per week", tuple(range(6)), 2),
         Control("support", "support at the start", (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0), 1.5,
                 value_format="{:.1f}"),
         Control("isolation", "isolation", ISOLATION_GRID, 0.5, value_format="{:.2f}")], fixed=fixed,
        caption=("The blue line is confidence in one's own perception. Orange bars are confirmations "
                 "from other people, shrinking with isolation. The dashed grey line keeps all support; "
                 "the dotted green line has no contradictions at all and never falls."))


# -- the window of tolerance --------------------------------------------------------------------

MOODS = ("calm", "tense", "angry")
MOOD_SHARES = (0.6, 0.25, 0.15)
MOOD_IMPACT = {"calm": 0.0, "tense": 0.12, "angry": 0.30}
SURPRISE_WEIGHT = 0.08
VIGILANCE_WEIGHT = 0.10
REST, RECOVERY = 0.35, 0.35
WINDOWS = {"narrow": (0.30, 0.60), "typical": (0.25, 0.65), "wide": (0.20, 0.70)}
PREDICTABILITY_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)


def _check_shares(mood_shares) -> np.ndarray:
    shares = np.asarray(mood_shares, dtype=float)
    if shares.shape != (len(MOODS),) or np.any(~np.isfinite(shares)) or np.any(shares < 0) \
            or not np.isclose(shares.sum(), 1.0):
        raise ValueError(f"mood_shares must be three non-negative numbers (calm, tense, angry) "
                         f"summing to 1; got {mood_shares!r}")
    return shares


def simulate_arousal(predictability: float = 0.5, window: str = "typical", n_days: int = 120,
                     seed: int = 11, mood_shares=MOOD_SHARES) -> pd.DataFrame:
    """Daily arousal of the partner and whether it leaves the window of tolerance.

    Parameters
    ----------
    predictability : float
        0–1: chance that the partner can see a day's mood coming.
    window : {"narrow", "typical", "wide"}
        Width of the window of tolerance (see ``WINDOWS``).
    n_days : int
        Number of days, 1–5000.
    seed : int
        Seed of the moods and of which days are foreseen.
    mood_shares : sequence of 3 floats
        Shares of calm, tense and angry days; non-negative, summing to 1.

    Returns
    -------
    pandas.DataFrame
        ``day`` (1…n), ``mood``, ``foreseen`` (bool), ``strain``, ``arousal`` (0–1) and ``above``
        (arousal above the window: hyperarousal).
    """
    check_number("predictability", predictability, 0.0, 1.0)
    check_choice("window", window, WINDOWS)
    n_days = check_number("n_days", n_days, 1, 5000, integer=True)
    check_number("seed", seed, 0, 2**32 - 1, integer=True)
    shares = _check_shares(mood_shares)
    rng = np.random.default_rng(seed)
    mood_draw, foresight_draw = rng.random(n_days), rng.random(n_days)
    mood = np.minimum(np.searchsorted(np.cumsum(shares), mood_draw, side="right"), len(MOODS) - 1)
    foreseen = foresight_draw < predictability
    present = shares > 0
    entropy = -np.sum(shares[present] * np.log(shares[present]))
    surprise = np.where(foreseen, 0.0, -np.log(shares[mood]))
    impact = np.array([MOOD_IMPACT[m] for m in MOODS])[mood]
    strain = impact + SURPRISE_WEIGHT * surprise + VIGILANCE_WEIGHT * (1.0 - predictability) * entropy
    strain = np.minimum(strain, 1.0 - RECOVERY)  # saturation keeps the update monotone
    arousal, level = np.empty(n_days), REST
    for day, load in enumerate(strain):
        level = level + RECOVERY * (REST - level) + (1.0 - level) * load
        arousal[day] = level
    low, high = WINDOWS[window]
    return pd.DataFrame({"day": np.arange(1, n_days + 1), "mood": np.array(MOODS)[mood],
                         "foreseen": foreseen, "strain": strain, "arousal": arousal,
                         "above": arousal > high})


def share_above(predictability: float = 0.5, window: str = "typical", n_runs: int = 50,
                n_days: int = 120, seed: int = 11) -> float:
    """Mean share of days above the window over ``n_runs`` simulated relationships."""
    n_runs = check_number("n_runs", n_runs, 1, 1000, integer=True)
    return float(np.mean([simulate_arousal(predictability, window, n_days, seed + run).above.mean()
                          for run in range(n_runs)]))


def window_figure(predictability: float = 0.5, window: str = "typical", n_days: int = 120, seed: int = 11):
    """Arousal day by day inside and above the window of tolerance."""
    run = simulate_arousal(predictability, window, n_days, seed)
    low, high = WINDOWS[window]
    fig = new_figure(f"Predictability {predictability:.2f}: {run.above.mean():.0%} of days above the "
                     f"window ({window} window)", height=460)
    colors = {"calm": PALETTE["green"], "tense": PALETTE["orange"], "angry": PALETTE["vermillion"]}
    symbols = {"calm": "circle", "tense": "diamond", "angry": "square"}
    for mood in MOODS:
        days = run[run.mood == mood]
        fig.add_scatter(x=days.day, y=np.full(len(days), 0.05), mode="markers", name=f"{mood} day",
                        marker=dict(color=colors[mood], size=8, line=dict(width=1.5, color=colors[mood]),
                                    symbol=[symbols[mood] + ("-open" if seen else "") for seen in days.foreseen]),
                        customdata=np.where(days.foreseen, "seen coming", "a surprise"),
                        hovertemplate="Day %{x}: " + mood + " (%{customdata})<extra></extra>")
    fig.add_scatter(x=run.day, y=run.arousal, name="Arousal", mode="lines",
                    line=dict(color=PALETTE["blue"], width=2.5),
                    hovertemplate="Day %{x}: arousal %{y:.2f}<extra></extra>")
    fig.update_layout(
        shapes=[dict(type="rect", xref="paper", x0=0, x1=1, y0=low, y1=high, fillcolor=PALETTE["green"],
                     opacity=0.12, line_width=0, layer="below"),
                dict(type="line", xref="paper", x0=0, x1=1, y0=high, y1=high,
                     line=dict(color=PALETTE["vermillion"], dash="dot", width=1.5))],
        annotations=[dict(x=1, xref="paper", xanchor="right", y=(low + high) / 2, showarrow=False,
                          text="window of tolerance", font=dict(size=12)),
                     dict(x=1, xref="paper", xanchor="right", y=high, yanchor="bottom", showarrow=False,
                          text="hyperarousal above", font=dict(size=12))],
        xaxis=dict(title="Day", range=[0.5, n_days + 0.5]),
        yaxis=dict(title="Arousal (0 … 1)", range=[0, 1]))
    return fig


def window_view(**fixed) -> InteractiveFigure:
    """The window of tolerance: predictability and window width live; the book varies predictability."""
    return InteractiveFigure(
        window_figure,
        [Control("predictability", "predictability", PREDICTABILITY_GRID, 0.5, value_format="{:.2f}"),
         Control("window", "window", tuple(WINDOWS), "typical", kind="buttons")], fixed=fixed,
        caption=("The blue line is arousal; the green band is the window of tolerance. Markers along "
                 "the bottom show the other's mood each day. The moods are the same at every "
                 "predictability: only whether they can be seen coming changes (open markers: seen coming; filled: a surprise)."))


def window_share_figure(n_runs: int = 50):
    """Share of days above the window against predictability, one line per window width."""
    fig = new_figure("Days above the window, by predictability (mean of 50 simulated relationships)")
    styles = {"narrow": ("vermillion", "dot"), "typical": ("blue", "solid"), "wide": ("green", "dash")}
    for window, (color, dash) in styles.items():
        shares = [share_above(p, window, n_runs) for p in PREDICTABILITY_GRID]
        fig.add_scatter(x=PREDICTABILITY_GRID, y=shares, name=f"{window} window", mode="lines+markers",
                        line=dict(color=PALETTE[color], dash=dash, width=3), marker=dict(size=8),
                        hovertemplate="predictability %{x:.2f}: %{y:.0%} of days<extra>" + window + "</extra>")
    fig.update_layout(xaxis=dict(title="Predictability of the other's moods", dtick=0.25),
                      yaxis=dict(title="Share of days above the window", tickformat=".0%", rangemode="tozero"))
    return fig


def window_share_view() -> InteractiveFigure:
    """The summary curve: no controls (all three window widths are drawn)."""
    return InteractiveFigure(
        window_share_figure, [],
        caption=("Each point averages 50 simulated relationships with the same mix of moods. The less "
                 "predictable the moods, the more days above the window; a wider window, which safety "
                 "and support can build, keeps more days inside."))
