"""Chapter 1 · The inner mechanism: splitting vs integration, and mirror-dependent self-esteem.

Two teaching models of one person's inner world. Their numbers are illustrative, not measurements.

**Splitting vs integration** (after Kernberg 1975). One fixed, mixed history of moments with
another person: kind moments (+1) and hurtful moments (−1), each with a size from 0.3 to 1. The
history is deterministic: moment ``k`` is hurtful when the fractional part of ``k·φ`` (φ the
golden ratio) is among the lowest ``round(p_hurtful·n)`` of the ``n`` moments, which spreads the
hurtful moments evenly but not periodically, and raising ``p_hurtful`` only turns kind moments
into hurtful ones; the size of moment ``k`` is ``0.3 + 0.7·frac(k·√2)``, rounded to 0.1.

The same history is held in mind in two ways, on a scale from −1 (wholly bad) to +1 (wholly good):

* the **integrated** view keeps one whole picture, the size-weighted balance of every moment so
  far, starting from a neutral first impression (value 0, weight ``start_weight``)::

      whole(t) = Σ memory^(t−k)·sign_k·size_k / (memory^t·start_weight + Σ memory^(t−k)·size_k)

  With ``memory = 1`` (the default) this is the balance of the whole history so far, pulled a
  little towards neutral by the first impression: it stays mixed (ambivalent) and steady;
* the **split** view keeps two separate images, all good (+1) and all bad (−1). The latest moment
  activates one of them, at full strength, and the other is unavailable: the other person is felt
  as wholly good or wholly bad, and the felt image flips whenever a kind moment follows a hurtful
  one or the other way round (idealisation and devaluation).

``splitting`` (0–1) mixes the two: ``felt = (1 − splitting)·whole + splitting·active`` where
``active`` is the image (+1 or −1) the latest moment activates. At 0 the felt image is the whole
picture; at 1 it is only ever +1 or −1.

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

EXTREME = 0.8  # |felt image| above this counts as idealised (all good) / devalued (all bad)
SIZE = (0.3, 1.0)  # smallest and largest size of a moment
START_WEIGHT = 1.0  # weight of the neutral first impression: as much as one moment of size 1
MEMORY = 1.0  # 1: every earlier moment keeps its full weight in the whole picture
N_MOMENTS = 40
GRID = tuple(round(v, 1) for v in np.arange(0.0, 1.01, 0.1))
DEPENDENCE_GRID = GRID
SPLITTING_GRID = GRID
HURTFUL_GRID = GRID

PATTERNS = {
    "steady": "steady affirmation",
    "withdraw": "idealise, then withdraw",
    "intermittent": "intermittent",
}
SUPPLY_STOPS = 30  # last week of the "withdraw" pattern with any mirroring


# -- splitting vs integration -------------------------------------------------------------------

_GOLDEN = (np.sqrt(5.0) - 1.0) / 2.0


def mixed_history(p_hurtful: float = 0.3, n_events: int = N_MOMENTS) -> pd.DataFrame:
    """The fixed, mixed history of kind and hurtful moments with the other person.

    Parameters
    ----------
    p_hurtful : float
        Share of hurtful moments, 0–1: exactly ``round(p_hurtful·n_events)`` of them are hurtful.
    n_events : int
        Number of moments, 1–1000.

    Returns
    -------
    pandas.DataFrame
        One row per moment: ``event`` (1…n), ``kind`` (+1 kind, −1 hurtful), ``size`` (0.3–1, in
        steps of 0.1) and ``signed`` (kind × size). The same ``n_events`` always gives the same
        sizes, and a larger ``p_hurtful`` only turns kind moments into hurtful ones.
    """
    check_number("p_hurtful", p_hurtful, 0.0, 1.0)
    n_events = check_number("n_events", n_events, 1, 1000, integer=True)
    k = np.arange(1, n_events + 1)
    rank = np.argsort(np.argsort((k * _GOLDEN) % 1.0, kind="stable"), kind="stable")
    kind = np.where(rank < round(p_hurtful * n_events), -1, 1)
    size = np.round(SIZE[0] + (SIZE[1] - SIZE[0]) * ((k * np.sqrt(2.0)) % 1.0), 1)
    return pd.DataFrame({"event": k, "kind": kind, "size": size, "signed": kind * size})


def whole_picture(signed, size, memory: float = MEMORY, start_weight: float = START_WEIGHT) -> np.ndarray:
    """The integrated view: the size-weighted balance of all moments so far (−1 … +1).

    Parameters
    ----------
    signed, size : array-like
        Each moment's kind × size and its size (as in :func:`mixed_history`).
    memory : float
        0.5–1: how much of its weight each earlier moment keeps per later moment (1: all of it).
    start_weight : float
        0–10: weight of the neutral first impression (value 0) the picture starts from.

    Returns
    -------
    numpy.ndarray
        The whole picture after each moment, strictly between −1 and +1 when ``start_weight > 0``.
    """
    check_number("memory", memory, 0.5, 1.0)
    check_number("start_weight", start_weight, 0.0, 10.0)
    signed, size = np.asarray(signed, dtype=float), np.asarray(size, dtype=float)
    if size.shape != signed.shape or size.ndim != 1 or not (size > 0).all() or not (np.abs(signed) <= size).all():
        raise ValueError("size must hold one positive number per moment, and each |signed| must be at most "
                         f"its size; got {len(size)} sizes for {len(signed)} moments")
    balance, weight, out = 0.0, start_weight, np.empty(len(signed))
    for i, (s, w) in enumerate(zip(signed, size)):
        balance, weight = memory * balance + s, memory * weight + w
        out[i] = balance / weight if weight > 0 else 0.0
    return out


def simulate_valuation(splitting: float = 1.0, p_hurtful: float = 0.3, n_events: int = N_MOMENTS,
                       memory: float = MEMORY, start_weight: float = START_WEIGHT) -> pd.DataFrame:
    """How the other is felt after each moment of one mixed history, split or integrated.

    Parameters
    ----------
    splitting : float
        0 (integrated: the felt image is the whole picture) to 1 (fully split: the felt image is
        the all-good or the all-bad image, whichever the latest moment activates).
    p_hurtful : float
        Share of hurtful moments, 0–1 (see :func:`mixed_history`).
    n_events : int
        Number of moments, 1–1000.
    memory, start_weight : float
        How the whole picture weighs earlier moments and the neutral first impression (see
        :func:`whole_picture`).

    Returns
    -------
    pandas.DataFrame
        The history's columns (``event``, ``kind``, ``size``, ``signed``) plus ``integrated`` (the
        whole picture), ``active`` (+1: the all-good image, −1: the all-bad image, activated by
        this moment) and ``felt`` (the felt image of the other at this ``splitting``, −1…+1).
    """
    check_number("splitting", splitting, 0.0, 1.0)
    run = mixed_history(p_hurtful, n_events)
    run["integrated"] = whole_picture(run.signed, run["size"], memory, start_weight)
    run["active"] = run.kind.astype(float)
    run["felt"] = (1.0 - splitting) * run.integrated + splitting * run.active
    return run


def true_mix(run: pd.DataFrame) -> float:
    """Balance of the whole history: (kind sizes − hurtful sizes) / all sizes, −1 … +1."""
    return float(run.signed.sum() / run["size"].sum())


def flips(values) -> int:
    """How often a sequence goes from the all-good band (> ``EXTREME``) to the all-bad band
    (< −``EXTREME``) or back, whatever lies in between."""
    values = np.asarray(values, dtype=float)
    band = np.sign(values) * (np.abs(values) > EXTREME)
    band = band[band != 0]
    return int(np.sum(band[1:] != band[:-1]))


def valuation_summary(run: pd.DataFrame) -> dict:
    """What the felt image did over one history.

    Returns
    -------
    dict
        ``flips`` (between all good and all bad, see :func:`flips`), ``share_extreme`` (share of
        moments after which |felt| > ``EXTREME``), ``max_swing`` (largest change after one moment,
        counting the first from the neutral start 0), ``distance`` (mean |felt − whole picture|),
        ``integrated_end`` (the whole picture after the last moment) and ``mix``
        (:func:`true_mix`).
    """
    felt = run.felt.to_numpy()
    return {"flips": flips(felt),
            "share_extreme": float(np.mean(np.abs(felt) > EXTREME)),
            "max_swing": float(np.abs(np.diff(np.concatenate([[0.0], felt]))).max()),
            "distance": float(np.mean(np.abs(felt - run.integrated.to_numpy()))),
            "integrated_end": float(run.integrated.iloc[-1]),
            "mix": true_mix(run)}


def _splitting_kind(splitting: float) -> str:
    return "integrated" if splitting == 0 else "fully split" if splitting == 1 else "partly split"


def valuation_figure(splitting: float = 1.0, p_hurtful: float = 0.3, n_events: int = N_MOMENTS):
    """Moments as bars, the felt image of the other as a line, the whole picture as a reference.

    Parameters
    ----------
    splitting, p_hurtful, n_events
        As in :func:`simulate_valuation` (validated there).

    Returns
    -------
    plotly.graph_objects.Figure
        Three traces (moments, whole picture, the other as felt), the all-good and all-bad bands,
        and a note with the flips, the share of moments at an extreme and the whole picture's end.
    """
    run = simulate_valuation(splitting, p_hurtful, n_events)
    summary = valuation_summary(run)
    fig = new_figure(f"Splitting {splitting:.1f} ({_splitting_kind(splitting)}): the other as felt",
                     height=460)
    fig.add_bar(x=run.event, y=run.signed, name="Moment (up: kind, down: hurtful)",
                marker=dict(color=np.where(run.kind > 0, PALETTE["sky"], PALETTE["orange"]).tolist(),
                            opacity=0.55),
                hovertemplate="Moment %{x}: %{y:+.1f}<extra></extra>")
    fig.add_scatter(x=run.event, y=run.integrated, name="Whole picture (integrated)", mode="lines",
                    line=dict(color=PALETTE["grey"], dash="dash", width=2),
                    hovertemplate="Moment %{x}: %{y:+.2f}<extra>whole picture</extra>")
    fig.add_scatter(x=run.event, y=run.felt, name="The other as felt", mode="lines+markers",
                    line=dict(color=PALETTE["blue"], width=3), marker=dict(size=5),
                    hovertemplate="Moment %{x}: %{y:+.2f}<extra>felt</extra>")
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
                 text=(f"<b>Flips: {summary['flips']}</b> · at an extreme: {summary['share_extreme']:.0%}"
                       f" · whole picture ends at {summary['integrated_end']:+.2f}"))],
        xaxis=dict(title="Moment", range=[0.5, n_events + 0.5]),
        yaxis=dict(title="The other as felt (−1 … +1)", range=[-1.45, 1.1], zeroline=True),
        bargap=0.25)
    return fig


def valuation_view(**fixed) -> InteractiveFigure:
    """Splitting vs integration: the splitting and share-of-hurtful-moments sliders, live in
    JupyterLab and precomputed for every combination in the book.

    Parameters
    ----------
    **fixed
        Further keyword arguments of :func:`valuation_figure` that the learner cannot change.

    Returns
    -------
    widgets.dual.InteractiveFigure
    """
    return InteractiveFigure(
        valuation_figure,
        [Control("splitting", "splitting", SPLITTING_GRID, 1.0, value_format="{:.1f}"),
         Control("p_hurtful", "share of hurtful moments", HURTFUL_GRID, 0.3,
                 value_format="{:.1f}")], fixed=fixed,
        caption=("Bars are moments with the other person: up for kind, down for hurtful. The dashed "
                 "line is the whole picture, which weighs every moment so far. The blue line is how "
                 "the other is felt: at splitting 1 it is all good or all bad, whichever the latest "
                 "moment calls up; at 0 it is the whole picture."))


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
        [Control("dependence", "dependence on mirroring", DEPENDENCE_GRID, 0.5, value_format="{:.1f}"),
         Control("pattern", "supply of mirroring", tuple(PATTERNS), "withdraw", kind="buttons",
                 value_labels=tuple(PATTERNS.values()))], fixed=fixed,
        caption=("Orange bars are the mirroring received each week; the blue line is self-esteem and "
                 "the dashed red line the pressure to get more affirmation. Notice that dependence "
                 "hardly shows while affirmation flows: it shows when the supply stops."))
