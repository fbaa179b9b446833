"""Chapter 5: every number that a prediction states (data/predictions/ch05.yaml) comes from the
models of widgets/healing.py.

Each row is (prediction, text computed from the model); the text must appear in the prediction's
prompt or reveal. A second test checks that every number written in a prediction is covered by
the computed texts of that prediction, so no number goes unchecked.
"""
from __future__ import annotations

import functools

import numpy as np
import pytest

from widgets import healing as h
from widgets.data import load_predictions

from support.stated import text_of, unchecked_numbers

PREDICTIONS = load_predictions("ch05")


def conv(security=0.5, calming=0.0):
    return h.conversation_summary(h.simulate_conversation(security, calming))


def run(support=0.5, stress=0.05):
    return h.simulate_recovery(support, stress)


def rec(support=0.5, stress=0.05):
    return h.recovery_summary(run(support, stress))


def past(security, calming):
    return h.minutes_past_switch(security, calming)


def back_in_3(path, after):
    return int(path[(path.week > after) & (path.stage == 3)].week.min())


@functools.cache
def ensemble(support, n=200):
    """Runs (of n seeds, stressors 0.05) that never reach reconnection in two years."""
    return sum(h.recovery_summary(h.simulate_recovery(support, 0.05, seed=k))["first_reconnection"] is None
               for k in range(n))


def minutes_between(low, high, calming=0.0):
    arousal = h.simulate_conversation(0.5, calming).arousal
    return int(((arousal > low) & (arousal <= high)).sum())


def stretches(mask) -> int:
    mask = np.asarray(mask, dtype=int)
    return int((np.diff(np.concatenate([[0], mask])) == 1).sum())


S, C = h.SECURITY_GRID, h.CALMING_GRID
START, LAG = h.simulate_conversation(0.5, 0.0), h.simulate_conversation(0.0, 1.0)
SECURITY_STEPS = [past(s, 0.0) for s in S]
CALMING_STEPS = [past(0.5, c) for c in C]
A = run(0.5)
BACK1, BACK2 = (int(w) for w in A.week[A.setback])   # the two returns to safety at support 0.5
YEARS = {1: "one", 2: "two", 3: "three"}[len(A) // 52]   # 104 weeks: "two years"
SHARPEST = int(np.argmax(h.CONVERSATION)) + 1         # minute of the sharpest remark


def weeks_of(mask) -> list[int]:
    return [int(w) for w in A.week[mask]]


IN_2, IN_3 = weeks_of(A.stressor & (A.stage == 2)), weeks_of(A.stressor & (A.stage == 3) & ~A.setback)

ROWS = [
    # ch05-start: security 0.5, no calming
    ("ch05-start", f"security ({S[2]:g})"),
    ("ch05-start", f"of the {len(h.CONVERSATION)} minutes"),
    ("ch05-start", f"{conv()['without_reflection']} minutes."),
    ("ch05-start", f"past the switch point for {conv()['past_switch']} minutes"),
    ("ch05-start", f"in {stretches(START.past_switch)} separate stretches"),
    ("ch05-start", f"for {conv()['without_reflection'] - conv()['past_switch']} more minutes"),
    ("ch05-start", f"after minute {conv()['last_past']}"),
    ("ch05-start", f"only in minute {conv()['reflection_back']}"),
    ("ch05-start", f"About {5}"),          # the options' rough sizes are not claims of the model
    ("ch05-start", f"About {15}"),
    ("ch05-start", f"About {25}"),
    ("ch05-start", f"all {len(h.CONVERSATION)} minutes"),
    # ch05-security: no calming, security 0 ... 1
    ("ch05-security", f"calming at {C[0]:g}"),
    ("ch05-security", f"from {S[0]:g} to {S[-1]:g}"),
    ("ch05-security", f"From {SECURITY_STEPS[0]} minutes to {SECURITY_STEPS[1]}, {SECURITY_STEPS[2]}, "
                      f"{SECURITY_STEPS[3]} and {SECURITY_STEPS[4]}"),
    ("ch05-security", "the steps save " + ", ".join(str(a - b) for a, b in zip(SECURITY_STEPS[:3], SECURITY_STEPS[1:4]))
                      + f" and {SECURITY_STEPS[3] - SECURITY_STEPS[4]} minutes"),
    ("ch05-security", f"spends {minutes_between(h.switch_point(0.25), h.switch_point(0.5))} minutes between "
                      f"{h.switch_point(0.25):.2f} and {h.switch_point(0.5):.2f}"),
    ("ch05-security", f"and {minutes_between(h.switch_point(0.5), h.switch_point(0.75))} more between "
                      f"{h.switch_point(0.5):.2f} and {h.switch_point(0.75):.2f}"),
    ("ch05-security", f"only {minutes_between(h.switch_point(0.75), h.switch_point(1.0))} between "
                      f"{h.switch_point(0.75):.2f} and {h.switch_point(1.0):.2f}"),
    ("ch05-security", f"at security {S[-1]:g}, the sharpest remark (arousal {conv(1.0)['peak']:.2f} in minute "
                      f"{int(START.minute[START.arousal.idxmax()])}) crosses the switch point for "
                      f"{SECURITY_STEPS[-1]} minute"),
    # ch05-calming: security 0.5, calming 0 ... 1
    ("ch05-calming", f"security back to {S[2]:g}"),
    ("ch05-calming", f"From {CALMING_STEPS[0]} minutes to {CALMING_STEPS[1]}, {CALMING_STEPS[2]}, "
                     f"{CALMING_STEPS[3]} and {CALMING_STEPS[4]}"),
    ("ch05-calming", f"The first step saves {CALMING_STEPS[0] - CALMING_STEPS[1]} minutes"),
    ("ch05-calming", f"in minute {SHARPEST - 1}, arousal is {h.simulate_conversation(0.5, 0.0).arousal[SHARPEST - 2]:.2f} with no "
                     f"calming and {h.simulate_conversation(0.5, 1.0).arousal[SHARPEST - 2]:.2f} with full calming"),
    ("ch05-calming", f"lifts arousal to {h.simulate_conversation(0.5, 1.0).arousal[SHARPEST - 1]:.2f}, past the switch "
                     f"point at {h.switch_point(0.5):g}"),
    ("ch05-calming", f"So {CALMING_STEPS[-1]} minutes past the switch remain"),
    # ch05-lag: security 0, calming 1
    ("ch05-lag", f"security to {S[0]:g} and calming to {C[-1]:g}"),
    ("ch05-lag", f"{conv(0.0, 1.0)['past_switch']} minutes past the switch point, but "
                 f"{conv(0.0, 1.0)['without_reflection']} without reflection"),
    ("ch05-lag", f"At security {S[0]:g} only {h.recovery_rate(0.0):.0%}".replace("%", " %")),
    ("ch05-lag", f"At security {S[-1]:g} with no calming the two numbers are equal "
                 f"({conv(1.0, 0.0)['past_switch']} and {conv(1.0, 0.0)['without_reflection']}), because "
                 f"{h.recovery_rate(1.0):.0%}".replace("%", " %")),
    # ch05-return: support 0.5
    ("ch05-return", f"At support {h.SUPPORT_GRID[2]:g} the person first reaches reconnection in week "
                    f"{rec()['first_reconnection']}, and a stressor sends them back to safety in week "
                    f"{BACK1}"),
    ("ch05-return", f"week {back_in_3(A, BACK1)}: {back_in_3(A, BACK1) - BACK1} weeks, against "
                    f"{rec()['first_reconnection'] - 1} the first time"),
    ("ch05-return", f"{'three' if h.REGAIN == 3 else h.REGAIN} times as fast"),
    ("ch05-return", f"A second return comes in week {BACK2}, and reconnection is back by week "
                    f"{back_in_3(A, BACK2)}"),
    ("ch05-return", f"within the {YEARS} years"),
    # ch05-absorbed
    ("ch05-absorbed", f"At support {h.SUPPORT_GRID[2]:g} the {YEARS} years bring {int(A.stressor.sum())} stressors"),
    ("ch05-absorbed", f"{rec()['setbacks']} of the {int(A.stressor.sum())}, in weeks {BACK1} and {BACK2}"),
    ("ch05-absorbed", f"in week {A.week[A.stressor].iloc[0]} strikes while the person is still in stage "
                      f"{A.stage[A.week == A.week[A.stressor].iloc[0]].item()}"),
    ("ch05-absorbed", f"{len(IN_2)} strike during remembrance (weeks {IN_2[0]} and {IN_2[1]}) and "
                      f"{len(IN_3)} during reconnection (weeks {IN_3[0]} to {IN_3[-1]})"),
    ("ch05-absorbed", f"At support {h.SUPPORT_GRID[2]:g} each had a "
                      f"{100 * h.SETBACK_BASE * (1 - h.SETBACK_PROTECTION * 0.5):.1f} % chance"),
    ("ch05-absorbed", f"these {len(IN_2) + len(IN_3)} were absorbed"),
    # ch05-support: support 0 against support 1
    ("ch05-support", f"support {h.SUPPORT_GRID[0]:g} with support {h.SUPPORT_GRID[-1]:g}. The "
                     f"{int(A.stressor.sum())} stressors"),
    ("ch05-support", f"within {YEARS} years"),
    ("ch05-support", f"reaches reconnection in {YEARS} years: {rec(0.0)['setbacks']} returns to safety (weeks "
                     + ", ".join(str(w) for w in run(0.0).week[run(0.0).setback].iloc[:-1])
                     + f" and {run(0.0).week[run(0.0).setback].iloc[-1]}), {rec(0.0)['weeks'][1]} weeks in stage 1 "
                       f"and {rec(0.0)['weeks'][2]} in stage 2"),
    ("ch05-support", f"reconnection comes in week {rec(1.0)['first_reconnection']}, there are no returns to safety, "
                     f"and {rec(1.0)['weeks'][3]} of the {len(A)} weeks"),
    # ch05-chance
    ("ch05-chance", f"stressors to {0.3:g} and compare support {h.SUPPORT_GRID[1]:g} with support {h.SUPPORT_GRID[2]:g}"),
    ("ch05-chance", f"Support {h.SUPPORT_GRID[1]:g}, in week {rec(0.25, 0.3)['first_reconnection']}; support "
                    f"{h.SUPPORT_GRID[2]:g} gets there only in week {rec(0.5, 0.3)['first_reconnection']} and returns "
                    f"to safety {rec(0.5, 0.3)['setbacks']} times in the {YEARS} years"),
    ("ch05-chance", f"Support {h.SUPPORT_GRID[2]:g}, clearly"),
    ("ch05-chance", f"Support {h.SUPPORT_GRID[1]:g}, surprisingly"),
    ("ch05-chance", f"Across {200} runs with stressors at {0.05:g}, {ensemble(0.0)} never reach reconnection at support "
                    f"{h.SUPPORT_GRID[0]:g}, against {ensemble(0.25)} at support {h.SUPPORT_GRID[1]:g}, {ensemble(0.5)} "
                    f"at {h.SUPPORT_GRID[2]:g} and {'none' if ensemble(0.75) == ensemble(1.0) == 0 else '?'} at "
                    f"{h.SUPPORT_GRID[3]:g} or {h.SUPPORT_GRID[4]:g}"),
    ("ch05-chance", f"{YEARS} years"),
]


@pytest.mark.parametrize("key, expected", ROWS, ids=[f"{k}-{n}" for n, (k, _) in enumerate(ROWS)])
def test_the_prediction_states_what_the_model_computes(key, expected):
    assert expected in text_of("ch05", key), f"{key}: expected the model's text {expected!r}"


@pytest.mark.parametrize("key", sorted(PREDICTIONS))
def test_every_number_of_the_prediction_is_checked(key):
    unchecked = unchecked_numbers(text_of("ch05", key), [text for k, text in ROWS if k == key])
    assert not unchecked, f"{key}: numbers not checked against the model: {unchecked}"


def test_the_model_bears_out_the_option_marked():
    """The options marked ``shows`` agree with the model (the rest of each reveal is checked above)."""
    assert PREDICTIONS["ch05-start"]["shows"] == 2 and 10 <= conv()["without_reflection"] <= 20
    steps = [a - b for a, b in zip(SECURITY_STEPS, SECURITY_STEPS[1:])]
    assert PREDICTIONS["ch05-security"]["shows"] == 3 and min(steps[1:3]) > max(steps[0], steps[3])
    saved = [a - b for a, b in zip(CALMING_STEPS, CALMING_STEPS[1:])]
    assert PREDICTIONS["ch05-calming"]["shows"] == 2 and saved[0] == max(saved) and CALMING_STEPS[-1] > 0
    assert PREDICTIONS["ch05-lag"]["shows"] == 3 and conv(0.0, 1.0)["without_reflection"] > 2 * conv(0.0, 1.0)["past_switch"]
    assert PREDICTIONS["ch05-return"]["shows"] == 2 and back_in_3(A, BACK1) - BACK1 < (rec()["first_reconnection"] - 1) / 2
    assert PREDICTIONS["ch05-absorbed"]["shows"] == 3 and 1 <= rec()["setbacks"] <= 3
    assert PREDICTIONS["ch05-support"]["shows"] == 2 and rec(0.0)["first_reconnection"] is None
    assert PREDICTIONS["ch05-chance"]["shows"] == 2 and rec(0.25, 0.3)["first_reconnection"] < rec(0.5, 0.3)["first_reconnection"]
