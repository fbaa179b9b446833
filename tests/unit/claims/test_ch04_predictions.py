"""Chapter 4: every number that a prediction states (data/predictions/ch04.yaml) comes from the
mode-entanglement model of widgets/modes.py.

Each row is (prediction, text computed from the model); the text must appear in the prediction's
prompt, options or reveal. A second test checks that every number written in a prediction is
covered by the computed texts of that prediction, so no number goes unchecked.
"""
from __future__ import annotations

import pytest

from widgets import modes as m
from widgets.data import load_predictions

from support.stated import text_of, unchecked_numbers

PREDICTIONS = load_predictions("ch04")
AB, BA = m.evocation_matrix("a_to_b"), m.evocation_matrix("b_to_a")
LOW, MID, HIGH = m.HA_GRID[0], m.HA_GRID[2], m.HA_GRID[-1]     # 0, 0.4 and 0.8


def pct(share: float) -> str:
    return f"{round(100 * share)}%"


def locked(a, b) -> str:
    return pct(m.locked_share(a, b))


def outside(a, b) -> str:
    return pct(1 - m.healthy_share("A", a, b))


def share(person, mode, a, b) -> str:
    return pct(m.mode_shares(person, a, b)[mode])


def w(direction, source, target) -> str:
    return f"{(AB if direction == 'ab' else BA).loc[source, target]:g}"


RUN00, RUN08 = m.simulate_modes(LOW, LOW), m.simulate_modes(LOW, HIGH)
AIC, VC_B = "a_angry_impulsive_child", "b_vulnerable_child"
STATIONARY = m.stationary(LOW, LOW)
TOP_LOCKED = STATIONARY[m.locked_states()].idxmax()
LIMIT_ROW = BA.loc["b_healthy_adult"]

ROWS = [
    # ch04-start: only B's Healthy Adult at 0.8
    ("ch04-start", f"B's Healthy Adult strength goes to {HIGH:g}, while A's stays at {LOW:g}"),
    ("ch04-start", f"Locked turns fall from {locked(LOW, LOW)} to {locked(LOW, HIGH)} of the long run"),
    ("ch04-start", f"outside the Healthy Adult {outside(LOW, HIGH)} of the time"),
    ("ch04-start", f"rises from {share('A', AIC, LOW, LOW)} to {share('A', AIC, LOW, HIGH)} of turns"),
    ("ch04-start", f"here {int((RUN08.mode_a == AIC).sum())} of the {len(RUN08)} turns, against "
                   f"{int((RUN00.mode_a == AIC).sum())} with both at {LOW:g}"),
    # ch04-drift: both at 0
    ("ch04-drift", f"both Healthy Adult strengths at {LOW:g}, where the figure starts"),
    ("ch04-drift", f"{locked(LOW, LOW)}: more than half"),
    ("ch04-drift", f"the first locked turn comes at turn {int(RUN00.query('locked').turn.min())}, and "
                   f"{int(RUN00.locked.sum())} of the {len(RUN00)} turns are locked"),
    ("ch04-drift", "is the Self-Aggrandizer with the Compliant Surrenderer, "
                   f"{pct(STATIONARY[TOP_LOCKED])} of all turns" if TOP_LOCKED == ("a_self_aggrandizer", "b_compliant_surrenderer")
                   else "the most frequent locked pair has changed"),
    # ch04-swap: only A at 0.8
    ("ch04-swap", f"A's Healthy Adult at {HIGH:g}, B's at {LOW:g}. With both at {LOW:g}, B spends "
                  f"{share('B', VC_B, LOW, LOW)} of turns"),
    ("ch04-swap", f"About as often: {share('B', VC_B, HIGH, LOW)} of turns, although locked turns fall to {locked(HIGH, LOW)}"),
    ("ch04-swap", f"with a weight of {w('ab', 'a_healthy_adult', VC_B)}"),
    # ch04-who: only A or only B at 0.4
    ("ch04-who", f"from both at {LOW:g}"),
    ("ch04-who", f"Healthy Adult to {MID:g}"),
    ("ch04-who", f"falls from {locked(LOW, LOW)} to {locked(MID, LOW)}, against {locked(LOW, MID)} when only B's"),
    ("ch04-who", f"With both at {MID:g} it is {locked(MID, MID)}"),
    # ch04-loops: the heatmap
    ("ch04-loops", f"a weight of at least {m.LOCK_WEIGHT:g}"),
    ("ch04-loops", f"calls up B's hurt ({w('ab', 'a_detached_self_soother', VC_B)}), and B's hurt calls up A's "
                   f"withdrawal ({w('ba', VC_B, 'a_detached_self_soother')})"),
    ("ch04-loops", f"Compliant Surrenderer strongly ({w('ab', AIC, 'b_compliant_surrenderer')}), but not the other way "
                   f"round ({w('ba', 'b_compliant_surrenderer', AIC)})"),
    ("ch04-loops", f"only weakly ({w('ba', VC_B, AIC)})"),
    ("ch04-loops", f"Self-Aggrandizer with the Compliant Surrenderer ({w('ab', 'a_self_aggrandizer', 'b_compliant_surrenderer')} "
                   f"and {w('ba', 'b_compliant_surrenderer', 'a_self_aggrandizer')}) and with the inner critic "
                   f"({w('ab', 'a_self_aggrandizer', 'b_punitive_parent')} and {w('ba', 'b_punitive_parent', 'a_self_aggrandizer')})"),
    ("ch04-loops", f"Attention/Approval Seeker with the Compliant Surrenderer ({w('ab', 'a_attention_seeker', 'b_compliant_surrenderer')} "
                   f"and {w('ba', 'b_compliant_surrenderer', 'a_attention_seeker')})"),
    # ch04-limit: B's Healthy Adult row
    ("ch04-limit", f"A's Angry/Impulsive Child ({LIMIT_ROW.max():g})"),
    ("ch04-limit", f"Self-Aggrandizer get {LIMIT_ROW['a_healthy_adult']:g} each"),
    ("ch04-limit", f"so {LIMIT_ROW.drop('a_healthy_adult').sum():.1f} of the row's {LIMIT_ROW.sum():.1f} goes"),
    # ch04-share: the map
    ("ch04-share", f"both people at {MID:g}, or one person at {HIGH:g} and the other at {LOW:g}"),
    ("ch04-share", f"Both at {MID:g}"),
    ("ch04-share", f"One at {HIGH:g} and the other at {LOW:g}"),
    ("ch04-share", f"One at {HIGH:g}: {locked(HIGH, LOW)} locked with A at {HIGH:g} and {locked(LOW, HIGH)} with B at "
                   f"{HIGH:g}, against {locked(MID, MID)} with both at {MID:g}"),
    ("ch04-share", f"With B at {HIGH:g} and A at {LOW:g}, A is outside the Healthy Adult {outside(LOW, HIGH)} of the time; "
                   f"with both at {MID:g}, {outside(MID, MID)}"),
]


@pytest.mark.parametrize("key, expected", ROWS, ids=[f"{k}-{n}" for n, (k, _) in enumerate(ROWS)])
def test_the_prediction_states_what_the_model_computes(key, expected):
    assert expected in text_of("ch04", key), f"{key}: expected the model's text {expected!r}"


@pytest.mark.parametrize("key", sorted(PREDICTIONS))
def test_every_number_of_the_prediction_is_checked(key):
    unchecked = unchecked_numbers(text_of("ch04", key), [text for k, text in ROWS if k == key])
    assert not unchecked, f"{key}: numbers not checked against the model: {unchecked}"


def test_the_model_bears_out_the_option_marked():
    assert PREDICTIONS["ch04-start"]["shows"] == 2 and m.locked_share(LOW, HIGH) < 0.05 < 0.75 < 1 - m.healthy_share("A", LOW, HIGH)
    assert PREDICTIONS["ch04-drift"]["shows"] == 3 and 0.5 < m.locked_share(LOW, LOW) < 0.8
    before, after = m.mode_shares("B", LOW, LOW)[VC_B], m.mode_shares("B", HIGH, LOW)[VC_B]
    assert PREDICTIONS["ch04-swap"]["shows"] == 2 and abs(after - before) < 0.05 and after > 0
    assert PREDICTIONS["ch04-who"]["shows"] == 1 and m.locked_share(MID, LOW) < m.locked_share(LOW, MID)
    lock = m.locked_states()
    assert PREDICTIONS["ch04-loops"]["shows"] == 2 and lock[("a_detached_self_soother", VC_B)]
    assert not lock[(AIC, "b_compliant_surrenderer")] and not lock[(AIC, VC_B)] and not lock[("a_vulnerable_child", VC_B)]
    assert int(lock.sum()) == 4
    assert PREDICTIONS["ch04-limit"]["shows"] == 2 and LIMIT_ROW.idxmax() == AIC
    assert PREDICTIONS["ch04-share"]["shows"] == 2 and max(m.locked_share(HIGH, LOW), m.locked_share(LOW, HIGH)) < m.locked_share(MID, MID)
