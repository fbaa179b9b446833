"""Chapter 4 · The mode-entanglement explorer: two people's schema modes as a Markov chain.

A teaching model. The modes and the evocation weights are data (``data/modes.csv``,
``data/mode_evocations.csv``); the weights are illustrative teaching values, each with a one-line
rationale, not measured probabilities.

Each turn both people respond to the other's current mode. Person ``X`` with Healthy Adult
strength ``h`` answers from the Healthy Adult with probability ``h``; otherwise they stay in
their own current mode with probability ``inertia`` or move to a mode drawn in proportion to the
weights with which the other's current mode evokes it::

    P(x' | x, y) = h·[x' = HA] + (1 − h)·(inertia·[x' = x] + (1 − inertia)·w(y → x') / Σ w(y → ·))

The joint state (mode of A, mode of B) is a Markov chain whose transition probability is the
product of the two people's responses. A joint state is *locked* when neither person is in the
Healthy Adult and their modes evoke each other with weight at least ``LOCK_WEIGHT`` both ways.
"""
from __future__ import annotations

import functools
import html
import re
import textwrap

import numpy as np
import pandas as pd

from .data import load_mode_evocations, load_modes
from .dual import Control, InteractiveFigure
from .theme import PALETTE, new_figure
from .validate import check_choice, check_number

LOCK_WEIGHT = 0.5
INERTIA = 0.3
HA_GRID = (0.0, 0.2, 0.4, 0.6, 0.8)
DIRECTIONS = {"a_to_b": "A's mode → B's response", "b_to_a": "B's mode → A's response"}
ANGER_MODE = "a_angry_impulsive_child"  # reported in the explorer: what limits can set off at first
PERSON_NAMES = {"A": "person A", "B": "person B (the partner)"}


def modes(person: str) -> pd.DataFrame:
    """The modes of ``person`` ("A" or "B") in data order."""
    check_choice("person", person, ("A", "B"))
    return _modes(person).copy()


@functools.cache
def _modes(person: str) -> pd.DataFrame:
    table = load_modes()
    return table[table.person == person].reset_index(drop=True)


@functools.cache
def _healthy(person: str) -> str:
    table = _modes(person)
    return table.loc[table.kind == "healthy", "id"].iloc[0]


def evocation_matrix(direction: str = "a_to_b") -> pd.DataFrame:
    """Evocation weights as a matrix: rows the evoking modes, columns the evoked modes.

    Parameters
    ----------
    direction : {"a_to_b", "b_to_a"}
        Whose modes evoke whose.
    """
    check_choice("direction", direction, DIRECTIONS)
    source, target = ("A", "B") if direction == "a_to_b" else ("B", "A")
    links = load_mode_evocations()
    rows, columns = list(_modes(source).id), list(_modes(target).id)
    row_of, column_of = {m: i for i, m in enumerate(rows)}, {m: j for j, m in enumerate(columns)}
    matrix = np.zeros((len(rows), len(columns)))
    for evoking, evoked, weight in zip(links.from_mode, links.to_mode, links.weight):
        if evoking in row_of and evoked in column_of:  # the other direction's links
            matrix[row_of[evoking], column_of[evoked]] += weight
    return pd.DataFrame(matrix, index=pd.Index(rows, name="from_mode"), columns=pd.Index(columns, name="to_mode"))


def response_matrix(direction: str, healthy_adult: float, inertia: float = INERTIA) -> np.ndarray:
    """``R[x, y, x']``: probability that the responder moves from mode ``x`` to ``x'`` when the
    other is in mode ``y``. ``direction`` names who evokes (``"a_to_b"``: B responds to A)."""
    check_number("healthy_adult", healthy_adult, 0.0, 1.0)
    check_number("inertia", inertia, 0.0, 1.0)
    weights = evocation_matrix(direction).to_numpy()
    evoked = weights / weights.sum(axis=1, keepdims=True)           # [y, x']
    n_self = evoked.shape[1]
    responder = "B" if direction == "a_to_b" else "A"
    healthy = np.zeros(n_self)
    healthy[list(_modes(responder).id).index(_healthy(responder))] = 1.0
    stay = np.eye(n_self)                                            # [x, x']
    mixed = inertia * stay[:, None, :] + (1 - inertia) * evoked[None, :, :]  # [x, y, x']
    return healthy_adult * healthy[None, None, :] + (1 - healthy_adult) * mixed


@functools.cache
def joint_states() -> pd.MultiIndex:
    """All (mode of A, mode of B) pairs, A's modes varying slowest."""
    return pd.MultiIndex.from_product([_modes("A").id, _modes("B").id], names=["mode_a", "mode_b"])


def transition_matrix(ha_a: float = 0.0, ha_b: float = 0.0, inertia: float = INERTIA) -> pd.DataFrame:
    """Transition probabilities between joint states.

    Parameters
    ----------
    ha_a, ha_b : float
        Healthy Adult strength of person A and person B, 0–1.
    inertia : float
        Chance, 0–1, of staying in one's own mode when not answering from the Healthy Adult.

    Returns
    -------
    pandas.DataFrame
        Square matrix indexed by :func:`joint_states` (rows: from, columns: to); rows sum to 1.
    """
    return pd.DataFrame(_transition(ha_a, ha_b, inertia), index=joint_states(), columns=joint_states())


@functools.lru_cache(maxsize=256)
def _transition(ha_a: float, ha_b: float, inertia: float) -> np.ndarray:
    a_responds = response_matrix("b_to_a", ha_a, inertia)   # [a, b, a']
    b_responds = response_matrix("a_to_b", ha_b, inertia)   # [b, a, b']
    # T[a, b, a', b'] = P(a' | a, b) · P(b' | b, a)
    joint = a_responds[:, :, :, None] * np.transpose(b_responds, (1, 0, 2))[:, :, None, :]
    n_a, n_b = a_responds.shape[0], b_responds.shape[0]
    matrix = joint.reshape(n_a * n_b, n_a * n_b)
    matrix.setflags(write=False)
    return matrix


def stationary(ha_a: float = 0.0, ha_b: float = 0.0, inertia: float = INERTIA) -> pd.Series:
    """Long-run share of time in each joint state (stationary distribution of the chain)."""
    matrix = _transition(ha_a, ha_b, inertia)
    n = matrix.shape[0]
    system = np.vstack([matrix.T - np.eye(n), np.ones(n)])
    rhs = np.concatenate([np.zeros(n), [1.0]])
    share = np.linalg.lstsq(system, rhs, rcond=None)[0]
    return pd.Series(np.clip(share, 0.0, None) / np.clip(share, 0.0, None).sum(), index=joint_states())


@functools.cache
def locked_states() -> pd.Series:
    """Boolean Series over joint states: True where the two modes lock each other in."""
    a_to_b, b_to_a = evocation_matrix("a_to_b"), evocation_matrix("b_to_a")
    locked = [a != _healthy("A") and b != _healthy("B")
              and a_to_b.loc[a, b] >= LOCK_WEIGHT and b_to_a.loc[b, a] >= LOCK_WEIGHT
              for a, b in joint_states()]
    return pd.Series(locked, index=joint_states())


def locked_share(ha_a: float = 0.0, ha_b: float = 0.0, inertia: float = INERTIA) -> float:
    """Long-run share of turns spent in locked joint states."""
    return float(stationary(ha_a, ha_b, inertia)[locked_states()].sum())


def mode_shares(person: str, ha_a: float = 0.0, ha_b: float = 0.0, inertia: float = INERTIA) -> pd.Series:
    """Long-run share of turns that ``person`` ("A" or "B") spends in each of their modes."""
    level = "mode_a" if check_choice("person", person, ("A", "B")) == "A" else "mode_b"
    return stationary(ha_a, ha_b, inertia).groupby(level=level, sort=False).sum()


def healthy_share(person: str, ha_a: float = 0.0, ha_b: float = 0.0, inertia: float = INERTIA) -> float:
    """Long-run share of turns in which ``person`` is in their Healthy Adult."""
    return float(mode_shares(person, ha_a, ha_b, inertia)[_healthy(person)])


def simulate_modes(ha_a: float = 0.0, ha_b: float = 0.0, n_turns: int = 60, seed: int = 4,
                   inertia: float = INERTIA, start: tuple | None = None) -> pd.DataFrame:
    """One simulated sequence of joint states.

    Parameters
    ----------
    ha_a, ha_b : float
        Healthy Adult strengths, 0–1.
    n_turns : int
        Number of turns, 1–10000.
    seed : int
        Seed of the random draws; the same seed gives the same sequence.
    inertia : float
        See :func:`transition_matrix`.
    start : tuple of str, optional
        Starting (mode of A, mode of B); default both in the Healthy Adult.

    Returns
    -------
    pandas.DataFrame
        ``turn`` (1…n), ``mode_a``, ``mode_b`` (mode ids) and ``locked`` (bool).
    """
    n_turns = check_number("n_turns", n_turns, 1, 10000, integer=True)
    check_number("seed", seed, 0, 2**32 - 1, integer=True)
    states = list(joint_states())
    start = start or (_healthy("A"), _healthy("B"))
    check_choice("start", tuple(start), states)
    matrix = _transition(ha_a, ha_b, inertia)
    cumulative = np.cumsum(matrix, axis=1)
    draws = np.random.default_rng(seed).random(n_turns)
    index, visited = states.index(tuple(start)), []
    for draw in draws:
        index = min(int(np.searchsorted(cumulative[index], draw, side="right")), len(states) - 1)
        visited.append(index)
    frame = pd.DataFrame([states[i] for i in visited], columns=["mode_a", "mode_b"])
    frame.insert(0, "turn", np.arange(1, n_turns + 1))
    frame["locked"] = locked_states().to_numpy()[visited]
    return frame


# -- views --------------------------------------------------------------------------------------

def percent(share: float) -> str:
    """A share as a whole percentage; shares between 0 and 0.5 % show as "<1%", never as "0%"."""
    return "<1%" if 0 < share < 0.005 else f"{share:.0%}"


@functools.cache
def short_names() -> dict:
    """Mode id -> standard name without its parenthetical note, for axis labels."""
    table = load_modes()
    return {mode: re.sub(r"\s*\([^)]*\)$", "", name) for mode, name in zip(table.id, table.standard_name)}


def _wrap(name: str, width: int = 10) -> str:
    """Break a mode name into short lines for a crowded axis."""
    return "<br>".join(textwrap.wrap(name, width, break_long_words=False))


def _names(person: str) -> list[str]:
    return [short_names()[mode] for mode in _modes(person).id]


def evocation_figure(direction: str = "a_to_b"):
    """Heatmap of the evocation weights, with the rationale on hover."""
    matrix = evocation_matrix(direction)
    source, target = ("A", "B") if direction == "a_to_b" else ("B", "A")
    links = load_mode_evocations().set_index(["from_mode", "to_mode"]).rationale
    names = short_names()
    why = [[links.get((row, col), "No tendency in the teaching data.") for col in matrix.columns]
           for row in matrix.index]
    fig = new_figure(f"Which mode evokes which: {DIRECTIONS[direction]}", height=480)
    fig.add_heatmap(
        z=matrix.to_numpy(), x=[_wrap(names[c]) for c in matrix.columns], y=[names[r] for r in matrix.index],
        zmin=0, zmax=1, colorscale=[[0, "rgba(0,114,178,0.03)"], [1, PALETTE["blue"]]],
        text=[[f"{v:.1f}" if v else "" for v in row] for row in matrix.to_numpy()],
        texttemplate="%{text}", customdata=why, xgap=2, ygap=2,
        colorbar=dict(title=dict(text="weight"), thickness=12),
        hovertemplate="%{y} → %{x}: weight %{z:.1f}<br>%{customdata}<extra></extra>")
    fig.update_layout(
        xaxis=dict(title=f"Response of {PERSON_NAMES[target]}", tickangle=0, side="top",
                   tickfont=dict(size=11)),
        yaxis=dict(title=f"Mode of {PERSON_NAMES[source]}", autorange="reversed"),
        margin=dict(l=200, t=170))
    return fig


def evocation_view() -> InteractiveFigure:
    """The evocation heatmap, with buttons for the two directions (live and in the book)."""
    return InteractiveFigure(
        evocation_figure,
        [Control("direction", "direction", tuple(DIRECTIONS), "a_to_b", kind="buttons",
                 value_labels=tuple(DIRECTIONS.values()))],
        caption=("Person A is the one whose narcissistic patterns the essay describes; person B is the "
                 "partner. Each cell is an illustrative teaching weight: how strongly a mode of one "
                 "person tends to call up a mode of the other (the model uses each row's weights "
                 "relative to each other). Hover over a cell for its rationale. Pairs dark in both "
                 "directions keep each other going. A response belongs to the responder: a weight "
                 "never says who is responsible for harm."))


def sequence_figure(ha_a: float = 0.0, ha_b: float = 0.0, n_turns: int = 60, seed: int = 4):
    """A simulated sequence of both people's modes with locked turns shaded."""
    run = simulate_modes(ha_a, ha_b, n_turns, seed)
    share, this_run = locked_share(ha_a, ha_b), float(run.locked.mean())
    shares_a = mode_shares("A", ha_a, ha_b)
    names = short_names()
    fig = new_figure(f"Healthy Adult A {ha_a:.1f}, B {ha_b:.1f}: long-run share of locked turns "
                     f"{percent(share)}<br><span style='font-size:12px'>Long run: A in the Healthy Adult "
                     f"{percent(shares_a[_healthy('A')])}, angry or impulsive {percent(shares_a[ANGER_MODE])}"
                     f" · this run: {percent(this_run)} locked (shaded)</span>",
                     height=600)
    for person, column, axis, color in (("A", "mode_a", "y", PALETTE["vermillion"]),
                                        ("B", "mode_b", "y2", PALETTE["blue"])):
        fig.add_scatter(x=run.turn, y=[names[m] for m in run[column]], name=PERSON_NAMES[person],
                        mode="lines+markers", line=dict(shape="hv", color=color, width=2.5),
                        marker=dict(size=6), yaxis=axis,
                        hovertemplate="Turn %{x}: %{y}<extra>" + f"person {person}</extra>")
    spans, start = [], None
    for turn, locked in zip(run.turn, list(run.locked) + [False]):
        if locked and start is None:
            start = turn
        if not locked and start is not None:
            spans.append((start, turn - 1))
            start = None
    if start is not None:
        spans.append((start, int(run.turn.iloc[-1])))
    fig.update_layout(
        shapes=[dict(type="rect", xref="x", yref="paper", x0=a - 0.5, x1=b + 0.5, y0=0, y1=1,
                     fillcolor=PALETTE["orange"], opacity=0.18, line_width=0, layer="below")
                for a, b in spans],
        xaxis=dict(title="Turn", range=[0.5, n_turns + 0.5], anchor="y2"),
        showlegend=False,  # the axis titles name each person's line
        yaxis=dict(domain=[0.55, 1.0], categoryorder="array", categoryarray=_names("A")[::-1],
                   type="category", title=dict(text="Person A")),
        yaxis2=dict(domain=[0.0, 0.45], categoryorder="array", categoryarray=_names("B")[::-1],
                    type="category", title=dict(text="Person B"), anchor="x"),
        margin=dict(l=230, t=105, b=60))
    return fig


def sequence_view(**fixed) -> InteractiveFigure:
    """The explorer: Healthy Adult sliders for both people; the book lists every combination."""
    return InteractiveFigure(
        sequence_figure,
        [Control("ha_a", "Healthy Adult of A", HA_GRID, 0.0, value_format="{:.1f}"),
         Control("ha_b", "Healthy Adult of B", HA_GRID, 0.0, value_format="{:.1f}")], fixed=fixed,
        caption=("Each line steps through one person's modes, turn by turn; shaded turns are locked "
                 "states, where each person's mode keeps calling up the other's. The title gives the "
                 "long-run share of locked turns for these Healthy Adult strengths."))


def locked_map_figure():
    """Heatmap of the long-run locked share over both people's Healthy Adult strengths."""
    grid = np.array([[locked_share(a, b) for b in HA_GRID] for a in HA_GRID])
    healthy_a = [[healthy_share("A", a, b) for b in HA_GRID] for a in HA_GRID]
    fig = new_figure("Long-run share of locked turns", height=440)
    labels = [f"{v:.1f}" for v in HA_GRID]
    fig.add_heatmap(z=grid, x=labels, y=labels, zmin=0, colorscale="Oranges", xgap=2, ygap=2,
                    text=[[percent(v) for v in row] for row in grid], texttemplate="%{text}",
                    customdata=[[percent(v) for v in row] for row in healthy_a],
                    colorbar=dict(title=dict(text="locked"), thickness=12, tickformat=".0%"),
                    hovertemplate=("Healthy Adult A %{y}, B %{x}: %{text} of turns locked; "
                                   "A in the Healthy Adult %{customdata}<extra></extra>"))
    fig.update_layout(xaxis=dict(title="Healthy Adult strength of B (the partner)", type="category"),
                      yaxis=dict(title="Healthy Adult strength of A", type="category"))
    return fig


def locked_map_view() -> InteractiveFigure:
    """The locked-share map: no controls (it shows every combination at once)."""
    return InteractiveFigure(
        locked_map_figure, [],
        caption=("Each cell is the long-run share of locked turns for one pair of Healthy Adult "
                 "strengths; hover for how often person A is in their own Healthy Adult. Moving along "
                 "the bottom row (only the partner's Healthy Adult grows) lowers the locked share, "
                 "mostly because the partner is less often in a locked mode: person A's own modes "
                 "change little, and A's anger at limits grows."))


class ModeTable:
    """The modes of both people as an accessible HTML table (the same in JupyterLab and the book)."""

    def _repr_html_(self) -> str:
        rows = []
        for _, mode in load_modes().iterrows():
            essay = html.escape(mode.essay_label) if mode.essay_label else "<em>not named in the essay</em>"
            rows.append(f"<tr><td>{mode.person}</td><th scope=\"row\">{html.escape(mode.standard_name)}</th>"
                        f"<td>{essay}</td><td>{html.escape(mode.description)}</td>"
                        f"<td>{html.escape(mode.research_basis)}</td></tr>")
        return ('<div class="course-table-wrap"><table class="course-table">'
                "<caption>The schema modes in the model: standard names, the essay's labels, what each "
                "mode looks like and what it rests on</caption><thead><tr><th scope=\"col\">Person</th>"
                "<th scope=\"col\">Standard name</th><th scope=\"col\">Essay's label</th>"
                "<th scope=\"col\">What it looks like</th><th scope=\"col\">Basis</th></tr></thead><tbody>"
                + "".join(rows) + "</tbody></table></div>")

    def __repr__(self):
        return "ModeTable(" + ", ".join(load_modes().standard_name) + ")"


def mode_table() -> ModeTable:
    """Table of the modes of both people, from ``data/modes.csv``."""
    return ModeTable()
