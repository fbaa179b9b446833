"""Chapter 1 · The inner mechanism: splitting vs integration, and mirror-dependent self-esteem.

Two teaching models of one person's inner world. Their numbers are illustrative, not measurements.

**Splitting vs integration.** A sequence of gratifying (+) and frustrating (−) events. The other
person's value in the mind of the one who lives the events runs from −1 (all bad) to +1 (all good)
and is updated after each event ``e`` (signed intensity)::

    value ← (1 − α)·value + α·e,     α = 1 − integration·(1 − ALPHA_MIN)

With ``integration = 0`` the value is the last event only: a *split* representation that jumps
between idealisation and devaluation (Kernberg 1975). With ``integration = 1`` each event moves
the value by at most ``ALPHA_MIN`` of the way: an *integrated* representation that holds good and
bad together (ambivalence) and never swings to an extreme on one event.

**Mirror-dependent self-esteem.** Self-esteem ``S`` moves each week toward a target that mixes a
core held inside with the mirroring received from the other::

    S ← S + rate·(target − S),     target = (1 − d)·core + d·mirroring(week)

``d`` is the dependence on mirroring (Kohut 1971: the other as *selfobject*). *Pressure for supply*
``d·max(0, core − S)/core`` is how hard the person pushes the other for affirmation when self-esteem
falls below the inner baseline.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .dual import Control, InteractiveFigure
from .theme import PALETTE, new_figure
from .validate import check_choice, check_number

ALPHA_MIN = 0.15
EXTREME = 0.8  # |value| above this counts as idealised / devalued
INTENSITY = (0.4, 1.0)
INTEGRATION_GRID = tuple(round(v, 1) for v in np.arange(0.0, 1.01, 0.1))
FRUSTRATING_GRID = tuple(round(v, 1) for v in np.arange(0.2, 0.81, 0.1))

PATTERNS = {
    "steady": "steady affirmation",
    "withdraw": "idealise, then withdraw",
    "intermittent": "intermittent",
}
SUPPLY_STOPS = 30  # last week of the "withdraw" pattern with any mirroring


# -- splitting vs integration -------------------------------------------------------------------

def simulate_valuation(integration: float = 0.0, p_frustrating: float = 0.3, n_events: int = 40,
                       seed: int = 3) -> pd.DataFrame:
    """How the other is valued after each event, by a split or an integrated representation.

    Parameters
    ----------
    integration : float
        0 (split: the value is the last event) to 1 (integrated: each event moves the value by at
        most ``ALPHA_MIN`` of the way).
    p_frustrating : float
        Share of frustrating events, 0–1.
    n_events : int
        Number of events, 1–1000.
    seed : int
        Seed of the event sequence; the same seed gives the same events for every ``integration``.

    Returns
    -------
    pandas.DataFrame
        One row per event: ``event`` (1…n), ``valence`` (+1 gratifying, −1 frustrating),
        ``intensity`` (0.4–1), ``signed`` (valence × intensity), ``value`` (the other's value at
        this ``integration``, −1…1) and ``integrated`` (the value for ``integration = 1``).
    """
    check_number("integration", integration, 0.0, 1.0)
    check_number("p_frustrating", p_frustrating, 0.0, 1.0)
    n_events = check_number("n_events", n_events, 1, 1000, integer=True)
    check_number("seed", seed, 0, 2**32 - 1, integer=True)
    rng = np.random.default_rng(seed)
    draws, strength = rng.random(n_events), rng.random(n_events)
    valence = np.where(draws < p_frustrating, -1, 1)
    intensity = INTENSITY[0] + (INTENSITY[1] - INTENSITY[0]) * strength
    signed = valence * intensity
    return pd.DataFrame({"event": np.arange(1, n_events + 1), "valence": valence,
                         "intensity": intensity, "signed": signed,
                         "value": _running_value(signed, integration),
                         "integrated": _running_value(signed, 1.0)})


def _running_value(signed: np.ndarray, integration: float) -> np.ndarray:
    alpha = 1.0 - integration * (1.0 - ALPHA_MIN)
    value, out = 0.0, np.empty_like(signed)
    for i, event in enumerate(signed):
        value = (1.0 - alpha) * value + alpha * event
        out[i] = value
    return out


def swing_summary(run: pd.DataFrame) -> dict:
    """Largest change of the value after one event, and share of events at the extremes.

    Returns
    -------
    dict
        ``max_swing`` (largest |Δvalue|, counting the first event from the neutral start 0) and
        ``share_extreme`` (share of events after which |value| > ``EXTREME``).
    """
    value = run["value"].to_numpy()
    swings = np.abs(np.diff(np.concatenate([[0.0], value])))
    return {"max_swing": float(swings.max()), "share_extreme": float(np.mean(np.abs(value) > EXTREME))}


def valuation_figure(integration: float = 0.0, p_frustrating: float = 0.3, n_events: int = 40,
                     seed: int = 3):
    """Events as bars and the other's value as a line, with the integrated reference."""
    run = simulate_valuation(integration, p_frustrating, n_events, seed)
    summary = swing_summary(run)
    kind = "split" if integration == 0 else "integrated" if integration == 1 else "partly integrated"
    fig = new_figure(f"How the other is valued: integration {integration:.1f} ({kind})", height=460)
    fig.add_bar(x=run.event, y=run.signed, name="Event (up: gratifying, down: frustrating)",
                marker=dict(color=np.where(run.valence > 0, PALETTE["sky"], PALETTE["orange"]).tolist(),
                            opacity=0.55),
                hovertemplate="Event %{x}: %{y:+.2f}<extra></extra>")
    fig.add_scatter(x=run.event, y=run.integrated, name="Fully integrated (reference)", mode="lines",
                    line=dict(color=PALETTE["grey"], dash="dash", width=2),
                    hovertemplate="Event %{x}: %{y:+.2f}<extra>integrated</extra>")
    fig.add_scatter(x=run.event, y=run.value, name="Value of the other", mode="lines+markers",
                    line=dict(color=PALETTE["blue"], width=3), marker=dict(size=5),
                    hovertemplate="Event %{x}: %{y:+.2f}<extra>value</extra>")
    band = dict(type="rect", xref="paper", x0=0, x1=1, fillcolor=PALETTE["grey"], opacity=0.10,
                line_width=0, layer="below")
    fig.update_layout(
        shapes=[dict(band, y0=EXTREME, y1=1.05), dict(band, y0=-1.05, y1=-EXTREME)],
        annotations=[
            dict(x=1, xref="paper", xanchor="right", y=1.0, text="all good (idealised)", showarrow=False,
                 font=dict(size=12)),
            dict(x=1, xref="paper", xanchor="right", y=-1.0, text="all bad (devalued)", showarrow=False,
                 font=dict(size=12)),
            dict(x=0, xref="paper", xanchor="left", y=-1.32, yref="y", showarrow=False,
                 text=(f"<b>Largest swing after one event: {summary['max_swing']:.2f}</b> · "
                       f"time at the extremes: {summary['share_extreme']:.0%}"))],
        xaxis=dict(title="Event", range=[0.5, n_events + 0.5]),
        yaxis=dict(title="Value of the other (−1 … +1)", range=[-1.45, 1.1], zeroline=True),
        bargap=0.25)
    return fig


def valuation_view(**fixed) -> InteractiveFigure:
    """Splitting vs integration: live integration and share sliders; the book varies integration."""
    return InteractiveFigure(
        valuation_figure,
        [Control("integration", "integration", INTEGRATION_GRID, 0.0, value_format="{:.1f}"),
         Control("p_frustrating", "share of frustrating events", FRUSTRATING_GRID, 0.3,
                 value_format="{:.1f}")], fixed=fixed,
        caption=("Bars are events: up for gratifying, down for frustrating. The blue line is how the "
                 "other is valued after each event. At integration 0 it jumps between the shaded "
                 "extremes with every event; towards 1 it follows the dashed integrated line, which "
                 "holds good and bad together."))


# -- mirror-dependent self-esteem ---------------------------------------------------------------

def mirroring_supply(pattern: str = "withdraw", n_weeks: int = 60, seed: int = 5) -> np.ndarray:
    """Weekly mirroring (affirmation from the other, 0–1) for one of the ``PATTERNS``.

    ``steady``: 0.7 every week. ``withdraw``: 1.0 in weeks 1–15, 0.5 in weeks 16–30, then 0.
    ``intermittent``: 1.0 or 0 with equal chance each week (seeded).
    """
    check_choice("pattern", pattern, PATTERNS)
    n_weeks = check_number("n_weeks", n_weeks, 1, 1000, integer=True)
    check_number("seed", seed, 0, 2**32 - 1, integer=True)
    week = np.arange(1, n_weeks + 1)
    if pattern == "steady":
        return np.full(n_weeks, 0.7)
    if pattern == "withdraw":
        return np.select([week <= SUPPLY_STOPS // 2, week <= SUPPLY_STOPS], [1.0, 0.5], 0.0)
    return (np.random.default_rng(seed).random(n_weeks) < 0.5).astype(float)


def simulate_self_esteem(dependence: float = 0.5, pattern: str = "withdraw", n_weeks: int = 60,
                         core: float = 0.6, rate: float = 0.3, seed: int = 5) -> pd.DataFrame:
    """Self-esteem regulated from inside and through the other's mirroring.

    Parameters
    ----------
    dependence : float
        0 (self-esteem rests on the inner core) to 1 (it rests only on the other's mirroring).
    pattern : {"steady", "withdraw", "intermittent"}
        The supply of mirroring over time (see :func:`mirroring_supply`).
    n_weeks : int
        Number of weeks, 1–1000.
    core : float
        Self-worth held inside, 0.05–1; self-esteem starts there.
    rate : float
        Share of the gap to the target closed each week, 0.01–1.
    seed : int
        Seed of the intermittent pattern.

    Returns
    -------
    pandas.DataFrame
        ``week``, ``mirroring``, ``self_esteem`` (0–1) and ``pressure`` (0–1: how hard the person
        pushes the other for affirmation).
    """
    check_number("dependence", dependence, 0.0, 1.0)
    check_number("core", core, 0.05, 1.0)
    check_number("rate", rate, 0.01, 1.0)
    mirroring = mirroring_supply(pattern, n_weeks, seed)
    esteem, level = np.empty(n_weeks), core
    for i, mirror in enumerate(mirroring):
        target = (1.0 - dependence) * core + dependence * mirror
        level += rate * (target - level)
        esteem[i] = level
    pressure = dependence * np.maximum(0.0, core - esteem) / core
    return pd.DataFrame({"week": np.arange(1, n_weeks + 1), "mirroring": mirroring,
                         "self_esteem": esteem, "pressure": pressure})


def self_esteem_summary(run: pd.DataFrame) -> dict:
    """Lowest and highest self-esteem and the peak pressure for supply of one run.

    Returns
    -------
    dict
        ``lowest`` and ``highest`` self-esteem, ``swing`` (their difference) and ``peak_pressure``.
    """
    lowest, highest = float(run.self_esteem.min()), float(run.self_esteem.max())
    return {"lowest": lowest, "highest": highest, "swing": highest - lowest,
            "peak_pressure": float(run.pressure.max())}


def self_esteem_figure(dependence: float = 0.5, pattern: str = "withdraw", n_weeks: int = 60,
                       core: float = 0.6, seed: int = 5):
    """Self-esteem, mirroring and pressure for supply over the weeks."""
    run = simulate_self_esteem(dependence, pattern, n_weeks, core=core, seed=seed)
    summary = self_esteem_summary(run)
    fig = new_figure(f"Self-esteem with dependence on mirroring {dependence:.1f} ({PATTERNS[pattern]})",
                     height=460)
    fig.add_bar(x=run.week, y=run.mirroring, name="Mirroring received",
                marker=dict(color=PALETTE["orange"], opacity=0.35),
                hovertemplate="Week %{x}: mirroring %{y:.1f}<extra></extra>")
    fig.add_scatter(x=run.week, y=run.self_esteem, name="Self-esteem", mode="lines",
                    line=dict(color=PALETTE["blue"], width=3),
                    hovertemplate="Week %{x}: self-esteem %{y:.2f}<extra></extra>")
    fig.add_scatter(x=run.week, y=run.pressure, name="Pressure for supply", mode="lines",
                    line=dict(color=PALETTE["vermillion"], width=2, dash="dash"),
                    hovertemplate="Week %{x}: pressure %{y:.2f}<extra></extra>")
    fig.update_layout(
        shapes=[dict(type="line", xref="paper", x0=0, x1=1, y0=core, y1=core,
                     line=dict(color=PALETTE["green"], dash="dot", width=2))],
        annotations=[dict(x=1, xref="paper", xanchor="right", y=core, yanchor="bottom", showarrow=False,
                          text="inner core", font=dict(size=12)),
                     dict(x=0, xref="paper", xanchor="left", y=-0.3, showarrow=False,
                          text=(f"<b>Self-esteem ranges {summary['lowest']:.2f} – {summary['highest']:.2f}</b>"
                                f" · peak pressure for supply {summary['peak_pressure']:.2f}"))],
        xaxis=dict(title="Week", range=[0.5, n_weeks + 0.5]),
        yaxis=dict(title="Level (0 … 1)", range=[-0.4, 1.08]),
        bargap=0.1)
    return fig


def self_esteem_view(**fixed) -> InteractiveFigure:
    """Mirror-dependent self-esteem: live dependence and pattern; the book varies dependence."""
    return InteractiveFigure(
        self_esteem_figure,
        [Control("dependence", "dependence on mirroring", INTEGRATION_GRID, 0.5, value_format="{:.1f}"),
         Control("pattern", "supply of mirroring", tuple(PATTERNS), "withdraw", kind="buttons",
                 value_labels=tuple(PATTERNS.values()))], fixed=fixed,
        caption=("Orange bars are the mirroring received each week; the blue line is self-esteem and "
                 "the dashed red line the pressure to get more affirmation. Notice that dependence "
                 "hardly shows while affirmation flows: it shows when the supply stops."))
