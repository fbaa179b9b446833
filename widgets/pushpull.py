"""Chapter 2 · The push–pull cycle and the partial-reinforcement extinction effect.

A teaching model, not a clinical measurement. Time runs in *episodes* (think: weeks).

* **Fusion** – the first ``n_fusion`` episodes are always warm (idealisation).
* **Push–pull** – for ``n_cycle`` episodes, each episode is warm with probability ``p_warm``,
  otherwise cold (withdrawal, rupture). A warm episode after a cold run is a *renewed pursuit*.
* **After warmth stopped** – warmth never comes again (``n_after`` episodes).

The partner's *hope* is the model's probability that warmth will return. The partner learns how
often warmth comes (Beta–Bernoulli counts of warm and cold episodes) and, during a run of ``m``
cold episodes, compares two explanations: "this is the usual pattern" (likelihood of ``m`` cold
episodes under the learned rate, ``B(a, b + m) / B(a, b)``) against "warmth has ended"
(likelihood 1). After frequent warmth (``p_warm`` near 1) a short cold run is already surprising,
so hope collapses fast; after sparse, unpredictable warmth the same run looks ordinary and hope
persists: the partial-reinforcement extinction effect (Humphreys 1939; Ferster & Skinner 1957),
read as change detection in the spirit of Gallistel & Gibbon (2000).

Attachment anxiety raises the prior odds that the bond will resume, up to ``ANXIETY_ODDS``-fold
at ``anxiety = 1`` (hyperactivating strategies; Mikulincer & Shaver 2007).
"""
from __future__ import annotations

import functools
import math

import numpy as np
import pandas as pd

from .dual import Control, InteractiveFigure
from .theme import PALETTE, new_figure
from .validate import check_number

ANXIETY_ODDS = 10.0
STAGES = ("fusion", "push–pull", "after warmth stopped")
MAX_COLD_RUN = 400  # longest cold run the persistence search looks at
P_GRID = tuple(round(v, 1) for v in np.arange(0.1, 1.01, 0.1))
ANXIETY_GRID = (0.0, 0.25, 0.5, 0.75, 1.0)


def _logit(x: float) -> float:
    return math.log(x / (1.0 - x))


def _check(p_warm, anxiety, n_fusion, n_cycle, n_after, seed, prior_warm, prior_cold,
           base_hope, give_up_below):
    check_number("p_warm", p_warm, 0.0, 1.0)
    check_number("anxiety", anxiety, 0.0, 1.0)
    check_number("n_fusion", n_fusion, 1, 100, integer=True)
    check_number("n_cycle", n_cycle, 1, 500, integer=True)
    check_number("n_after", n_after, 1, 500, integer=True)
    check_number("seed", seed, 0, 2**32 - 1, integer=True)
    check_number("prior_warm", prior_warm, 0.01, 100.0)
    check_number("prior_cold", prior_cold, 0.01, 100.0)
    check_number("base_hope", base_hope, 0.01, 0.99)
    check_number("give_up_below", give_up_below, 0.001, base_hope)


def prior_log_odds(anxiety: float, base_hope: float) -> float:
    """Prior log-odds that warmth will return, raised by attachment anxiety."""
    return _logit(base_hope) + anxiety * math.log(ANXIETY_ODDS)


def cold_run_log_likelihood(warm_count, cold_count, max_run: int = MAX_COLD_RUN) -> np.ndarray:
    """Log-likelihood of cold runs of length 0..max_run under the learned warmth rate.

    Parameters
    ----------
    warm_count, cold_count : float or array
        Beta posterior parameters ``a`` and ``b`` (prior plus confirmed episodes).
    max_run : int
        Longest run computed.

    Returns
    -------
    numpy.ndarray
        ``log B(a, b + m) - log B(a, b)`` for ``m = 0..max_run``; shape ``(..., max_run + 1)``.
    """
    a = np.asarray(warm_count, dtype=float)[..., None]
    b = np.asarray(cold_count, dtype=float)[..., None]
    j = np.arange(max_run)
    steps = np.log((b + j) / (a + b + j))
    zeros = np.zeros(steps.shape[:-1] + (1,))
    return np.concatenate([zeros, np.cumsum(steps, axis=-1)], axis=-1)


def _warm_draws(n_cycle: int, seed: int, n_runs: int = 1) -> np.ndarray:
    """Uniform draws shared by every p_warm (common random numbers: moving p changes little else)."""
    return np.random.default_rng(seed).random((n_runs, n_cycle))


def simulate_push_pull(p_warm: float = 0.5, anxiety: float = 0.0, n_fusion: int = 5,
                       n_cycle: int = 30, n_after: int = 30, seed: int = 7,
                       prior_warm: float = 1.0, prior_cold: float = 1.0,
                       base_hope: float = 0.9, give_up_below: float = 0.1) -> pd.DataFrame:
    """Simulate one relationship's episodes and the partner's hope.

    Parameters
    ----------
    p_warm : float
        Probability that an episode of the push–pull stage is warm, in [0, 1].
    anxiety : float
        Attachment anxiety in [0, 1]; raises the prior odds that warmth returns.
    n_fusion, n_cycle, n_after : int
        Lengths of the fusion stage (1–100), push–pull stage (1–500) and the stage after
        warmth stopped for good (1–500), in episodes.
    seed : int
        Seed of the random warm/cold sequence (0 to 2**32 - 1).
    prior_warm, prior_cold : float
        Beta prior counts for warm and cold episodes (0.01–100).
    base_hope : float
        Prior probability that warmth returns, before anxiety (0.01–0.99).
    give_up_below : float
        The partner gives up when hope falls below this (0.001 to ``base_hope``).

    Returns
    -------
    pandas.DataFrame
        One row per episode: ``episode`` (1-based), ``stage``, ``warm`` (bool), ``event``
        (fusion, closeness, renewed pursuit, rupture, withdrawal, no warmth), ``cold_run``
        (cold episodes in a row so far) and ``hope`` in [0, 1].
    """
    _check(p_warm, anxiety, n_fusion, n_cycle, n_after, seed, prior_warm, prior_cold,
           base_hope, give_up_below)
    cycle = _warm_draws(n_cycle, seed)[0] < p_warm
    warm = np.concatenate([np.ones(n_fusion, bool), cycle, np.zeros(n_after, bool)])
    stage = np.repeat(STAGES, [n_fusion, n_cycle, n_after])
    prior = prior_log_odds(anxiety, base_hope)

    a, b, run = prior_warm, prior_cold, 0
    hope, runs, events = [], [], []
    for t, is_warm in enumerate(warm):
        if is_warm:
            events.append("fusion" if stage[t] == STAGES[0] else ("renewed pursuit" if run else "closeness"))
            a, b, run = a + 1, b + run, 0  # the cold run turned out to be part of the pattern
            log_lik = 0.0
        else:
            events.append("no warmth" if stage[t] == STAGES[2] else ("rupture" if run == 0 else "withdrawal"))
            log_lik = math.lgamma(b + run + 1) - math.lgamma(a + b + run + 1) \
                - math.lgamma(b) + math.lgamma(a + b)
            run += 1
        hope.append(1.0 / (1.0 + math.exp(-(prior + log_lik))))
        runs.append(run)
    return pd.DataFrame({"episode": np.arange(1, warm.size + 1), "stage": stage, "warm": warm,
                         "event": events, "cold_run": runs, "hope": hope})


def persistence(warm_count, cold_count, anxiety: float = 0.0, base_hope: float = 0.9,
                give_up_below: float = 0.1, max_run: int = MAX_COLD_RUN) -> np.ndarray:
    """Cold episodes in a row until hope falls below ``give_up_below``.

    Parameters
    ----------
    warm_count, cold_count : float or array
        Beta posterior counts at the last warm episode.
    anxiety, base_hope, give_up_below : float
        As in :func:`simulate_push_pull`.
    max_run : int
        Runs longer than this are reported as ``max_run + 1`` (still hoping).

    Returns
    -------
    numpy.ndarray of int
    """
    check_number("anxiety", anxiety, 0.0, 1.0)
    check_number("base_hope", base_hope, 0.01, 0.99)
    check_number("give_up_below", give_up_below, 0.001, base_hope)
    log_odds = prior_log_odds(anxiety, base_hope) + cold_run_log_likelihood(warm_count, cold_count, max_run)
    below = log_odds < _logit(give_up_below)
    return np.where(below.any(axis=-1), below.argmax(axis=-1), max_run + 1)


def extinction_curve(p_values=P_GRID, anxiety: float = 0.0, n_runs: int = 200,
                     n_fusion: int = 5, n_cycle: int = 30, seed: int = 7,
                     prior_warm: float = 1.0, prior_cold: float = 1.0,
                     base_hope: float = 0.9, give_up_below: float = 0.1) -> pd.DataFrame:
    """How long hope lasts after warmth stops, for each warmth probability.

    Parameters
    ----------
    p_values : sequence of float
        Warmth probabilities of the push–pull stage, each in [0, 1].
    anxiety : float
        Attachment anxiety in [0, 1].
    n_runs : int
        Simulated relationships per probability (1–10,000); the same seeded draws are reused
        for every probability.
    n_fusion, n_cycle, seed, prior_warm, prior_cold, base_hope, give_up_below
        As in :func:`simulate_push_pull`.

    Returns
    -------
    pandas.DataFrame
        One row per ``p_warm``: ``median``, ``q25``, ``q75`` and ``mean`` of the number of cold
        episodes in a row until the partner gives up.
    """
    _check(0.5, anxiety, n_fusion, n_cycle, 1, seed, prior_warm, prior_cold, base_hope, give_up_below)
    check_number("n_runs", n_runs, 1, 10_000, integer=True)
    p_values = tuple(check_number("p_values", p, 0.0, 1.0) for p in p_values)
    return _extinction_curve(p_values, anxiety, n_runs, n_fusion, n_cycle, seed, prior_warm,
                             prior_cold, base_hope, give_up_below).copy()


@functools.lru_cache(maxsize=64)
def _extinction_curve(p_values, anxiety, n_runs, n_fusion, n_cycle, seed, prior_warm, prior_cold,
                      base_hope, give_up_below) -> pd.DataFrame:
    """Cached body of :func:`extinction_curve` (a pure function of its validated arguments)."""
    draws = _warm_draws(n_cycle, seed, n_runs)
    index = np.arange(n_cycle)
    rows = []
    for p in p_values:
        warm = draws < p
        last = np.where(warm.any(axis=1), n_cycle - 1 - np.argmax(warm[:, ::-1], axis=1), -1)
        colds_before_last = (index[None, :] <= last[:, None]).sum(axis=1) - warm.sum(axis=1)
        a = prior_warm + n_fusion + warm.sum(axis=1)
        b = prior_cold + colds_before_last
        m = persistence(a, b, anxiety, base_hope, give_up_below)
        q25, median, q75 = np.percentile(m, [25, 50, 75])
        rows.append({"p_warm": p, "median": median, "q25": q25, "q75": q75, "mean": m.mean()})
    return pd.DataFrame(rows)


# -- figures ---------------------------------------------------------------------------------

def give_up_episode(run: pd.DataFrame, give_up_below: float = 0.1):
    """First episode after the last warm one at which hope is below the threshold (or None)."""
    last_warm = run.loc[run.warm, "episode"].max()
    after = run[(run.episode > last_warm) & (run.hope < give_up_below)]
    return None if after.empty else int(after.episode.iloc[0])


def cold_run_until_giving_up(run: pd.DataFrame, give_up_below: float = 0.1):
    """Cold episodes in a row, after the last warm one, until hope fell below the threshold.

    ``None`` if hope never fell below it within the simulated episodes.
    """
    gave_up = give_up_episode(run, give_up_below)
    return None if gave_up is None else gave_up - int(run.loc[run.warm, "episode"].max())


def timeline_figure(p_warm: float = 0.5, anxiety: float = 0.0, seed: int = 7,
                    n_fusion: int = 5, n_cycle: int = 30, n_after: int = 30,
                    give_up_below: float = 0.1):
    """Warm episodes as bars and the partner's hope as a line, with the stages shaded."""
    run = simulate_push_pull(p_warm=p_warm, anxiety=anxiety, n_fusion=n_fusion, n_cycle=n_cycle,
                             n_after=n_after, seed=seed, give_up_below=give_up_below)
    fig = new_figure(f"Push–pull: warmth with probability {p_warm:.1f}, attachment anxiety {anxiety:.2f}")
    fig.add_bar(x=run.episode, y=run.warm.astype(float) * 0.999, name="Warm episode",
                marker=dict(color=PALETTE["orange"], opacity=0.45), customdata=run.event,
                hovertemplate="Episode %{x}: %{customdata}<extra></extra>")
    fig.add_scatter(x=run.episode, y=run.hope, name="Partner's hope", mode="lines+markers",
                    line=dict(color=PALETTE["blue"], width=3), marker=dict(size=5),
                    hovertemplate="Episode %{x}: hope %{y:.2f}<extra></extra>")
    gave_up = give_up_episode(run, give_up_below)
    fig.add_scatter(x=[gave_up], y=[run.hope.iloc[gave_up - 1] if gave_up else None],
                    name="Gives up", mode="markers",
                    marker=dict(color=PALETTE["vermillion"], size=14, symbol="x"),
                    hovertemplate="Gives up at episode %{x}<extra></extra>")
    stop = n_fusion + n_cycle
    last_warm = int(run.loc[run.warm, "episode"].max())
    if gave_up:
        text = f"Gives up after {gave_up - last_warm} cold episodes in a row"
    else:
        text = f"Still hoping after {len(run) - last_warm} cold episodes in a row"
    fig.update_layout(
        shapes=[dict(type="rect", xref="x", yref="paper", x0=0.5, x1=n_fusion + 0.5, y0=0, y1=1,
                     fillcolor=PALETTE["green"], opacity=0.10, line_width=0, layer="below"),
                dict(type="rect", xref="x", yref="paper", x0=stop + 0.5, x1=len(run) + 0.5, y0=0, y1=1,
                     fillcolor=PALETTE["grey"], opacity=0.14, line_width=0, layer="below"),
                dict(type="line", xref="paper", x0=0, x1=1, y0=give_up_below, y1=give_up_below,
                     line=dict(color=PALETTE["vermillion"], dash="dot", width=1.5))],
        annotations=[dict(x=(n_fusion + 1) / 2, y=1.0, yref="paper", text="fusion", showarrow=False, yanchor="bottom"),
                     dict(x=n_fusion + n_cycle / 2 + 0.5, y=1.0, yref="paper", text="push–pull", showarrow=False, yanchor="bottom"),
                     dict(x=stop + n_after / 2 + 0.5, y=1.0, yref="paper", text="warmth has stopped", showarrow=False, yanchor="bottom"),
                     dict(x=1, xref="paper", xanchor="right", y=give_up_below, yanchor="bottom",
                          text=f"gives up below {give_up_below:.1f}", showarrow=False, font=dict(size=12)),
                     dict(x=stop + n_after / 2 + 0.5, y=0.62, text=f"<b>{text}</b>", showarrow=False)],
        xaxis=dict(title="Episode (e.g. week)", range=[0.5, len(run) + 0.5]),
        yaxis=dict(title="Hope that warmth returns", range=[0, 1.05]),
        bargap=0.15, height=480)
    return fig


def extinction_figure(anxiety: float = 0.0, n_runs: int = 200, seed: int = 7):
    """Median cold run until giving up, by warmth probability, with an interquartile band."""
    curve = extinction_curve(anxiety=anxiety, n_runs=n_runs, seed=seed)
    calm = extinction_curve(anxiety=0.0, n_runs=n_runs, seed=seed)
    fig = new_figure(f"How long hope lasts after warmth stops (attachment anxiety {anxiety:.2f})")
    fig.add_scatter(x=curve.p_warm, y=curve.q75, mode="lines", line=dict(width=0), showlegend=False,
                    hoverinfo="skip", name="75th percentile")
    fig.add_scatter(x=curve.p_warm, y=curve.q25, mode="lines", line=dict(width=0), fill="tonexty",
                    fillcolor="rgba(0,114,178,0.18)", name="middle half of runs", hoverinfo="skip")
    fig.add_scatter(x=calm.p_warm, y=calm["median"], mode="lines", name="median, anxiety 0",
                    line=dict(color=PALETTE["grey"], dash="dash", width=2),
                    hovertemplate="p = %{x:.1f}: %{y:.0f} cold episodes<extra>anxiety 0</extra>")
    fig.add_scatter(x=curve.p_warm, y=curve["median"], mode="lines+markers", name="median",
                    line=dict(color=PALETTE["blue"], width=3), marker=dict(size=8),
                    hovertemplate="p = %{x:.1f}: %{y:.0f} cold episodes<extra>median</extra>")
    low, high = curve["median"].iloc[0], curve["median"].iloc[-1]
    fig.update_layout(
        annotations=[dict(x=curve.p_warm.iloc[-1], y=high, text=f"always warm: gives up after {high:.0f}",
                          ax=-80, ay=-60, showarrow=True, arrowhead=2),
                     dict(x=curve.p_warm.iloc[0], y=low, text=f"rare warmth: {low:.0f} cold episodes",
                          ax=90, ay=-10, showarrow=True, arrowhead=2, xanchor="left")],
        xaxis=dict(title="Warmth probability p during the push–pull stage", dtick=0.1),
        yaxis=dict(title="Cold episodes in a row until giving up", rangemode="tozero"),
        height=440)
    return fig


def timeline_view(**fixed) -> InteractiveFigure:
    """The push–pull timeline: live p and anxiety sliders; the book varies p."""
    return InteractiveFigure(
        timeline_figure,
        [Control("p_warm", "warmth probability p", P_GRID, 0.5, value_format="{:.1f}"),
         Control("anxiety", "attachment anxiety", ANXIETY_GRID, 0.0, value_format="{:.2f}")], fixed=fixed,
        caption=("Orange bars are warm episodes; the blue line is the partner's hope that warmth "
                 "will return. Notice how hope dips in cold runs and jumps back with each renewed "
                 "pursuit, and how long it lasts once warmth stops for good (grey area)."))


def extinction_view(**fixed) -> InteractiveFigure:
    """The extinction comparison: attachment anxiety slider, live and in the book."""
    return InteractiveFigure(
        extinction_figure,
        [Control("anxiety", "attachment anxiety", ANXIETY_GRID, 0.0, value_format="{:.2f}")], fixed=fixed,
        caption=("Each point is the median over 200 simulated relationships; the band holds the "
                 "middle half. The rarer and less predictable the warmth was, the longer hope "
                 "outlasts its end: the partial-reinforcement extinction effect."))
