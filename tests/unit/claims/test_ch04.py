"""Chapter 4: every number the page states about the mode-entanglement model is the model's own.

Each row is (claim, passage, compute): the passage as the chapter writes it, with ``{}`` where
numbers stand, and a function that computes those numbers from the public functions of
``widgets.modes``. The passage, so filled in, must appear word for word in the chapter's markdown:
``ROWS`` in the student book, ``INSTRUCTOR_ROWS`` in the instructor boxes (the answer keys live
only there), ``QUIZ_ROWS`` in a question of the self-check (data/quizzes/ch04.yaml). What the text
says in words ("never increases", "falls furthest when both grow") is checked by the tests at the
end. The numbers the predictions state are checked in ``test_ch04_predictions.py``.
"""
from __future__ import annotations

import functools
import inspect

import numpy as np
import pytest

from widgets import modes as m

from support.stated import g, notebook_text, pct, quiz_text

AB, BA = m.evocation_matrix("a_to_b"), m.evocation_matrix("b_to_a")
GRID = m.HA_GRID
LOW, MID, HIGH = GRID[0], GRID[2], GRID[-1]                      # 0, 0.4 and 0.8
TURNS = inspect.signature(m.sequence_figure).parameters["n_turns"].default
RUN00, RUN08 = m.simulate_modes(LOW, LOW, TURNS), m.simulate_modes(LOW, HIGH, TURNS)
WORDS = ("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")

VC_A, AIC, SA, DSS, AS, HA_A = (f"a_{name}" for name in (
    "vulnerable_child", "angry_impulsive_child", "self_aggrandizer", "detached_self_soother", "attention_seeker",
    "healthy_adult"))
VC_B, CS, PP, HA_B = "b_vulnerable_child", "b_compliant_surrenderer", "b_punitive_parent", "b_healthy_adult"
# The modes as the chapter's answer key names them.
NAMES = {SA: "Self-Aggrandizer", CS: "Compliant Surrenderer", PP: "the inner critic", DSS: "Detached Self-Soother",
         VC_B: "Vulnerable Child", AS: "Attention/Approval Seeker"}
# The locked pairs in the order the key lists them.
KEY_LOCKED = [(SA, CS), (SA, PP), (DSS, VC_B), (AS, CS)]


def one(value: float) -> str:
    """A Healthy Adult strength as the sliders write it (0.0, 0.8)."""
    return f"{value:.1f}"


@functools.cache
def locked(a: float, b: float) -> str:
    return pct(m.locked_share(a, b))


def outside(a: float, b: float) -> str:
    """How often A is outside the Healthy Adult in the long run."""
    return pct(1 - m.healthy_share("A", a, b))


def share(person: str, mode: str, a: float, b: float) -> str:
    return pct(m.mode_shares(person, a, b)[mode])


def w(weights, source: str, target: str) -> str:
    return g(weights.loc[source, target])


def turns_in(run, mode: str) -> int:
    return int((run.mode_a == mode).sum())


def less_than(share_: float, bound: float) -> str:
    """The bound as a percentage (0.1%) when the share is below it; else the share itself."""
    return f"{bound:.1%}" if share_ < bound else pct(share_)


def equal(*values: float) -> str:
    """The value that all ``values`` share; a marker that matches no text if they differ."""
    return g(values[0]) if np.allclose(values, values[0]) else "unequal"


def n_unnamed(person: str) -> str:
    return WORDS[int((m.modes(person).essay_label == "").sum())]


ROWS = [
    ("start-turns", "The figure below is a small model of two people, A and B, over {} turns.", lambda: [TURNS]),
    ("m1-title", "## Model 1 · {} turns of a relationship", lambda: [{60: "Sixty"}.get(TURNS, TURNS)]),
    ("m1-turns", "The figure you just used runs the model for {} turns, starting with both people in the Healthy Adult.",
     lambda: [TURNS]),
    ("m1-sliders", "Both sliders ({} to {}) work in the online book too", lambda: [g(LOW), g(HIGH)]),
    ("m1-try-partner", "Set B to {} and A to {}, the setting of your second prediction.", lambda: [g(HIGH), g(LOW)]),
    ("m1-try-swap", "Set A to {} and B to {}.", lambda: [g(HIGH), g(LOW)]),
    ("m1-try-who", "Compare raising only A's strength to {} with raising only B's", lambda: [g(MID)]),
    ("explorer-modes", "A in one of {} (Vulnerable Child, Angry/Impulsive Child, Self-Aggrandizer, Detached Self-Soother, "
                       "Attention/Approval Seeker, Healthy Adult), B in one of {} (",
     lambda: [WORDS[len(m.modes("A"))], WORDS[len(m.modes("B"))]]),
    ("explorer-slider", "(a slider from {} to {})", lambda: [g(LOW), g(HIGH)]),
    ("explorer-inertia", "Otherwise they stay in their own current mode with a chance of {}, or they move",
     lambda: [g(m.INERTIA)]),
    ("explorer-locked", "(a weight of at least {} each way). {} of the {} possible pairs are locked;",
     lambda: [g(m.LOCK_WEIGHT), WORDS[int(m.locked_states().sum())].capitalize(), len(m.joint_states())]),
    ("explorer-chain", "over the {} × {} = {} pairs", lambda: [len(m.modes("A")), len(m.modes("B")), len(m.joint_states())]),
    ("table-unnamed", "{} of Person A's modes and {} of Person B's are not named in the essay at all",
     lambda: [n_unnamed("A"), n_unnamed("B")]),
    ("m2-leaves-out-modes", "Schema therapy describes many more modes than the {} here",
     lambda: [WORDS[len(m.modes("A")) + len(m.modes("B"))]]),
    ("m2-leaves-out-weight", "A weight of {} from the Self-Aggrandizer to the Compliant Surrenderer", lambda: [w(AB, SA, CS)]),
    ("m3-leaves-out-threshold", '"Locked" means weights of at least {} both ways.', lambda: [g(m.LOCK_WEIGHT)]),
    ("m3-try-share", "Compare the cell where both are {} with the two cells where one person is at {} and the other at {}.",
     lambda: [g(MID), g(HIGH), g(LOW)]),
    ("m3-try-row", "Does that match your answer about raising A or B to {} in Model 1?", lambda: [g(MID)]),
    ("m3-try-hides", "For the cell with A at {} and B at {}", lambda: [g(LOW), g(HIGH)]),
]

INSTRUCTOR_ROWS = [
    ("q3-which-number", "The locked share falls to {} when only B's Healthy Adult is at {}, but A is still outside the "
                        "Healthy Adult {} of the time, and A's Angry/Impulsive Child rises from {} to {} of turns.",
     lambda: [locked(LOW, HIGH), g(HIGH), outside(LOW, HIGH), share("A", AIC, LOW, LOW), share("A", AIC, LOW, HIGH)]),
    ("activity-1", "(1) both sliders at {}, note the long-run locked share ({})", lambda: [one(LOW), locked(LOW, LOW)]),
    ("activity-2", "(2) each pair predicts what happens when only B is raised to {}, then checks ({} locked, but A's "
                   "Angry/Impulsive Child in {} of the {} turns, against {})",
     lambda: [g(HIGH), locked(LOW, HIGH), turns_in(RUN08, AIC), len(RUN08), turns_in(RUN00, AIC)]),
    ("key-m2-locked-pairs", "the locked pairs are Self-Aggrandizer with Compliant Surrenderer ({} and {}), "
                            "Self-Aggrandizer with the inner critic ({} and {}), Detached Self-Soother with Vulnerable "
                            "Child ({} and {}) and Attention/Approval Seeker with Compliant Surrenderer ({} and {})",
     lambda: [x for a, b in KEY_LOCKED for x in (w(AB, a, b), w(BA, b, a))]),
    ("key-m2-limit-row", "B's Healthy Adult row gives A's Angry/Impulsive Child {} and A's Healthy Adult, Vulnerable Child "
                         "and Self-Aggrandizer {} each",
     lambda: [w(BA, HA_B, AIC), equal(*(BA.loc[HA_B, mode] for mode in (HA_A, VC_A, SA)))]),
    ("key-m2-healthy-row", "A's Healthy Adult row calls up B's Healthy Adult ({}) and B's Vulnerable Child ({}).",
     lambda: [w(AB, HA_A, HA_B), w(AB, HA_A, VC_B)]),
    ("key-m1-both-0", "Model 1 (sequence): with both at {} the first locked turn is turn {}, {} of {} turns are locked "
                      "and the long-run share is {}; the most frequent locked pair in the long run is {} with {}.",
     lambda: [one(LOW), int(RUN00.query("locked").turn.min()), int(RUN00.locked.sum()), len(RUN00), locked(LOW, LOW),
              *(NAMES[mode] for mode in m.stationary(LOW, LOW)[m.locked_states()].idxmax())]),
    ("key-m1-only-b", "Only B at {}: {} locked in the long run, A in the Healthy Adult {} of the time, A in the "
                      "Angry/Impulsive Child in {} of {} turns ({} with both at {}).",
     lambda: [g(HIGH), locked(LOW, HIGH), pct(m.healthy_share("A", LOW, HIGH)), turns_in(RUN08, AIC), len(RUN08),
              turns_in(RUN00, AIC), one(LOW)]),
    ("key-m1-only-a", "Only A at {}: {} locked; B in the Vulnerable Child {} of the time.",
     lambda: [g(HIGH), locked(HIGH, LOW), share("B", VC_B, HIGH, LOW)]),
    ("key-m1-who", "Raising only A to {} gives {}; raising only B to {} gives {}.",
     lambda: [g(MID), locked(MID, LOW), g(MID), locked(LOW, MID)]),
    ("key-m3-map", "Model 3 (map): row A = {} reads {}, {}, {}, {}, {}; column B = {} reads {}, {}, {}, {}, {}; both at "
                   "{} give {}, one person at {} and the other at {} gives {} (A) or {} (B), and both at {} give less "
                   "than {}.",
     lambda: [one(LOW), *(locked(LOW, b) for b in GRID), one(LOW), *(locked(a, LOW) for a in GRID), g(MID),
              locked(MID, MID), g(HIGH), g(LOW), locked(HIGH, LOW), locked(LOW, HIGH), g(HIGH),
              less_than(m.locked_share(HIGH, HIGH), 0.001)]),
    ("key-m3-outside", "With both at {}, A is outside the Healthy Adult {} of the time, against {} with only B at {}.",
     lambda: [g(MID), outside(MID, MID), outside(LOW, HIGH), g(HIGH)]),
]

QUIZ_ROWS = [
    ("quiz-lock-rule", "ch04-q6", "each mode calls up the other with a weight of {} or more", lambda: [g(m.LOCK_WEIGHT)]),
    ("quiz-four-pairs", "ch04-q6", "{} of the {} pairs meet this rule, for example the Self-Aggrandizer with the "
                                   "Compliant Surrenderer.",
     lambda: [WORDS[int(m.locked_states().sum())].capitalize(), len(m.joint_states())]),
    ("quiz-one-direction", "ch04-q6", "Whenever one mode calls up the other with a weight of {} or more, in at least one "
                                      "of the two directions", lambda: [g(m.LOCK_WEIGHT)]),
    ("quiz-not-back", "ch04-q6", "the Angry/Impulsive Child calls up the Compliant Surrenderer strongly ({}), but not the "
                                 "other way round", lambda: [w(AB, AIC, CS)]),
    ("quiz-vc-vc", "ch04-q6", "do not call each other up with weights of {} or more in both directions.",
     lambda: [g(m.LOCK_WEIGHT)]),
    ("quiz-cell", "ch04-q7", "the cell with A's Healthy Adult at {} and B's at {} reads {} locked.",
     lambda: [g(LOW), g(HIGH), locked(LOW, HIGH)]),
    ("quiz-outside", "ch04-q7", "In this setting A is outside the Healthy Adult {} of the time, and A's Angry/Impulsive "
                                "Child rises from {} to {} of turns.",
     lambda: [outside(LOW, HIGH), share("A", AIC, LOW, LOW), share("A", AIC, LOW, HIGH)]),
    ("quiz-calm", "ch04-q7", "Nothing that matters: {} locked means", lambda: [locked(LOW, HIGH)]),
]


def ids(rows) -> list[str]:
    return [row[0] for row in rows]


@pytest.mark.parametrize("claim, passage, compute", ROWS, ids=ids(ROWS))
def test_each_number_the_page_states_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch04"), f"{claim}: the page should say {expected!r}"


@pytest.mark.parametrize("claim, passage, compute", INSTRUCTOR_ROWS, ids=ids(INSTRUCTOR_ROWS))
def test_each_number_the_instructor_notes_state_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch04", student=False), f"{claim}: the instructor notes should say {expected!r}"


@pytest.mark.parametrize("claim, question, passage, compute", QUIZ_ROWS, ids=ids(QUIZ_ROWS))
def test_each_number_the_self_check_states_is_the_models(claim, question, passage, compute):
    expected = passage.format(*compute())
    assert expected in quiz_text("ch04", question), f"{claim}: {question} should say {expected!r}"


def test_claim_ids_are_unique():
    claims = ids(ROWS) + ids(INSTRUCTOR_ROWS) + ids(QUIZ_ROWS)
    assert len(claims) == len(set(claims))


def test_the_rows_of_every_transition_matrix_sum_to_1():
    assert all(np.allclose(m.transition_matrix(a, b).sum(axis=1), 1) for a in GRID for b in GRID)


def test_the_locked_pairs_are_the_four_the_key_names():
    lock = m.locked_states()
    assert set(lock[lock].index) == set(KEY_LOCKED)


def test_the_pairs_the_self_check_calls_unlocked_are_not_locked():
    """Quiz q6: the Angry/Impulsive Child calls up the Compliant Surrenderer but is not called back;
    the two Vulnerable Child modes do not call each other up strongly."""
    lock = m.locked_states()
    assert AB.loc[AIC, CS] >= m.LOCK_WEIGHT > BA.loc[CS, AIC] and not lock[(AIC, CS)]
    assert not lock[(VC_A, VC_B)] and min(AB.loc[VC_A, VC_B], BA.loc[VC_B, VC_A]) < m.LOCK_WEIGHT


def test_the_healthy_adult_of_b_calls_up_four_of_as_modes_and_most_weight_goes_outside_as_healthy_adult():
    """Key: B's Healthy Adult row gives A's Angry/Impulsive Child, Healthy Adult, Vulnerable Child and
    Self-Aggrandizer weight, nothing else, and most of it to modes other than A's Healthy Adult."""
    row = BA.loc[HA_B]
    assert set(row[row > 0].index) == {AIC, HA_A, VC_A, SA}
    assert row.drop(HA_A).sum() > row[HA_A]


def test_the_healthy_adult_of_a_calls_up_only_two_of_bs_modes():
    """Key: A's Healthy Adult row calls up B's Healthy Adult and B's Vulnerable Child, nothing else."""
    row = AB.loc[HA_A]
    assert set(row[row > 0].index) == {HA_B, VC_B}


def test_a_stronger_healthy_adult_in_either_person_never_raises_the_locked_share():
    """"No cell rises when either strength rises"; the share is highest with both at 0 and falls
    furthest when both grow (lowest with both at 0.8)."""
    share_ = {(a, b): m.locked_share(a, b) for a in GRID for b in GRID}
    assert all(share_[(a, b)] >= share_[(a2, b2)] - 1e-12
               for a, b in share_ for a2, b2 in share_ if a2 >= a and b2 >= b)
    assert max(share_, key=share_.get) == (LOW, LOW) and min(share_, key=share_.get) == (HIGH, HIGH)


def test_the_partners_strength_alone_leaves_the_others_patterns_in_place():
    """Whatever B's strength, with A's at 0 A is outside the Healthy Adult more than three turns in four."""
    assert all(1 - m.healthy_share("A", LOW, b) > 0.75 for b in GRID)


def test_both_sliders_work_in_the_book():
    """Model 1: "Both sliders (0 to 0.8) work in the online book too"."""
    view = m.sequence_view()
    assert [c.name for c in view.book_controls] == ["ha_a", "ha_b"] and view.book_fixed == {}
    assert all(tuple(c.values) == GRID and c.default == LOW for c in view.book_controls)
