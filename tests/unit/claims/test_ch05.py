"""Chapter 5: every number the page states about its two models is the models' own.

Each row is (claim, passage, compute): the passage as the chapter writes it, with ``{}`` where
numbers stand, and a function that computes those numbers from the public functions of
``widgets.healing``. The passage, so filled in, must appear word for word in the chapter's
markdown: ``ROWS`` in the student book, ``INSTRUCTOR_ROWS`` in the instructor boxes (the answer
keys live only there), ``QUIZ_ROWS`` in a question of the self-check (data/quizzes/ch05.yaml).
What the text says in words ("the same in every setting", "whatever the calming") is checked by
the tests at the end. The numbers the predictions state are checked in ``test_ch05_predictions.py``.
"""
from __future__ import annotations

import functools

import numpy as np
import pytest

from widgets import healing as h

from support.stated import g, notebook_text, quiz_text, two

S, C, SUPPORT = h.SECURITY_GRID, h.CALMING_GRID, h.SUPPORT_GRID
SWITCH, RECOVERY = h.switch_view(), h.recovery_view()
START = SWITCH.defaults()                          # security 0.5, no calming
STRESS = RECOVERY.defaults()["stress"]             # stressors 0.05
STRESS_STEPS = next(c.values for c in RECOVERY.controls if c.name == "stress")
MINUTES = len(h.CONVERSATION)
SHARPEST = int(np.argmax(h.CONVERSATION)) + 1      # the minute of the sharpest remark
FEW = 3                                            # Try 4: "3 minutes or fewer" without reflection
SEEDS = 200                                        # the key's ensemble
WORDS = ("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def per_cent(share: float) -> str:
    """A share as the chapter writes it, with a space before the sign (15 %, 32.5 %)."""
    return f"{100 * share:g} %"


@functools.cache
def conv(security: float = START["security"], calming: float = START["calming"]) -> dict:
    return h.conversation_summary(h.simulate_conversation(security, calming))


def past(security: float, calming: float = 0.0) -> int:
    return conv(security, calming)["past_switch"]


def lost(security: float, calming: float = 0.0) -> int:
    return conv(security, calming)["without_reflection"]


def stretches(mask) -> int:
    """The number of separate runs of True in ``mask``."""
    mask = np.asarray(mask, dtype=int)
    return int((np.diff(np.concatenate([[0], mask])) == 1).sum())


def least_calming(security: float) -> float | None:
    """The least calming on the slider that leaves reflection out of reach for FEW minutes or fewer."""
    return next((c for c in C if lost(security, c) <= FEW), None)


def securities_calming_cannot_help() -> list[float]:
    """The securities at which no calming gets reflection out of reach for FEW minutes or fewer."""
    return [s for s in S if least_calming(s) is None]


@functools.cache
def run(support: float = 0.5, stress: float = STRESS):
    return h.simulate_recovery(support, stress)


def rec(support: float = 0.5, stress: float = STRESS) -> dict:
    return h.recovery_summary(run(support, stress))


def setback_weeks(support: float, stress: float = STRESS) -> list[int]:
    path = run(support, stress)
    return [int(w) for w in path.week[path.setback]]


def back_in_3(support: float, after: int) -> int:
    """The first week after ``after`` in reconnection."""
    path = run(support)
    return int(path[(path.week > after) & (path.stage == 3)].week.min())


def years(n_weeks: int) -> str:
    return WORDS[n_weeks // 52]


def number(value: int) -> str:
    """A count as the key writes it: "no" for none."""
    return "no" if value == 0 else str(value)


def equal(*values) -> str:
    """The value that all ``values`` share; a marker that matches no text if they differ."""
    return str(values[0]) if len(set(values)) == 1 else "unequal"


@functools.cache
def ensemble(support: float) -> tuple[int, float]:
    """Over SEEDS seeds (stressors at STRESS): the runs that never reach reconnection, and the mean returns."""
    runs = [h.recovery_summary(h.simulate_recovery(support, STRESS, seed=k)) for k in range(SEEDS)]
    return sum(r["first_reconnection"] is None for r in runs), float(np.mean([r["setbacks"] for r in runs]))


WEEKS = len(run())
BACK1, BACK2 = setback_weeks(0.5)

ROWS = [
    # Model 1 · the switch model through a disagreement
    ("start-minutes", "one person through an imagined {}-minute disagreement", lambda: [MINUTES]),
    ("m1-disagreement", "**The disagreement.** {} minutes with {} flash points",
     lambda: [{40: "Forty"}.get(MINUTES, MINUTES), WORDS[sum(v > 0 for v in h.CONVERSATION)]]),
    ("m1-arousal", "Arousal runs from {} (at rest) to {} (overwhelmed).", lambda: [g(h.REST), 1]),
    ("m1-switch", "**Attachment security** ({} to {}) moves it from arousal {} to {}.",
     lambda: [g(S[0]), g(S[-1]), two(h.switch_point(S[0])), two(h.switch_point(S[-1]))]),
    ("m1-recovery", "in the model, {} of the lost reflection returns each minute at security {} and {} at security {}.",
     lambda: [per_cent(h.recovery_rate(S[0])), g(S[0]), per_cent(h.recovery_rate(S[-1])), g(S[-1])]),
    ("m1-calming", "**Calming from the other person** ({} to {}) stands for co-regulation", lambda: [g(C[0]), g(C[-1])]),
    ("m1-settling", "each minute, {} of the way back to rest with no calming, {} with full calming.",
     lambda: [per_cent(h.SETTLE_ALONE), per_cent(h.SETTLE_ALONE + h.SETTLE_CALMING)]),
    ("m1-without-reflection", "A minute counts as **without reflection** when the blue line is below {}:",
     lambda: [{0.5: "one half"}.get(h.REFLECTIVE, h.REFLECTIVE)]),
    ("m1-try-calming", "Set security back to {} and raise calming one step at a time.", lambda: [g(START["security"])]),
    ("m1-try-minute", "look at what happens around minute {}.", lambda: [SHARPEST]),
    ("m1-try-lag", "Set security to {} and calming to {}.", lambda: [g(S[0]), g(C[-1])]),
    ("m1-try-search", "Look for settings that leave reflection out of reach for {} minutes or fewer.", lambda: [FEW]),
    # Model 2 · Herman's stages
    ("m2-weeks", "through {} years ({} weeks) of recovery", lambda: [years(WEEKS), WEEKS]),
    ("m2-stages", "which of Herman's {} stages is in the foreground", lambda: [WORDS[len(h.STAGES)]]),
    ("m2-forward", "with a weekly chance of {} + {} × **support**: {} with no support, {} at support {} and {} with full "
                   "support.",
     lambda: [g(h.BASE_FORWARD), g(h.SUPPORT_FORWARD),
              *(per_cent(h.BASE_FORWARD + s * h.SUPPORT_FORWARD) for s in (0.0, 0.5)), g(0.5),
              per_cent(h.BASE_FORWARD + h.SUPPORT_FORWARD)]),
    ("m2-stress", "The weekly chance starts at {}.", lambda: [g(STRESS)]),
    ("m2-setback", "with a chance of {} × (1 − {} × support): {} with no support, {} at {} and {} with full support.",
     lambda: [g(h.SETBACK_BASE), g(h.SETBACK_PROTECTION),
              *(per_cent(h.SETBACK_BASE * (1 - h.SETBACK_PROTECTION * s)) for s in (0.0, 0.5)), g(0.5),
              per_cent(h.SETBACK_BASE * (1 - h.SETBACK_PROTECTION))]),
    ("m2-regain", "**Ground covered before is regained {} times as fast.**", lambda: [WORDS[int(h.REGAIN)]]),
    ("m2-try-start", "Start at support {}.", lambda: [g(RECOVERY.defaults()["support"])]),
    ("m2-try-chance", "Raise the stressors to {} and compare support {} with support {}.",
     lambda: [g(STRESS_STEPS[-1]), g(SUPPORT[1]), g(SUPPORT[2])]),
]

INSTRUCTOR_ROWS = [
    # The suggested activity
    ("activity-return", "(1) With support at {}, learners cover the chart after week {} and predict how long it will "
                        "take to get back to reconnection after the return to safety; then they look ({} weeks, against "
                        "{} the first time).",
     lambda: [g(SUPPORT[2]), BACK1, back_in_3(0.5, BACK1) - BACK1, rec()["first_reconnection"] - 1]),
    ("activity-support", "they predict what changes between support {} and support {} when the stressors fall in the "
                         "same weeks, then check ({} reconnection in {} years versus reconnection in week {}).",
     lambda: [g(SUPPORT[0]), g(SUPPORT[-1]), "no" if rec(0.0)["first_reconnection"] is None else "a",
              years(WEEKS), rec(1.0)["first_reconnection"]]),
    ("activity-not-supported", '("recovery takes {} weeks")', lambda: [rec()["first_reconnection"]]),
    ("activity-model-1", "reads how many of the {} minutes are spent past the switch point with no calming ({}, {}, {}, "
                         "{} or {} from security {} to {})",
     lambda: [MINUTES, *(past(s) for s in S), g(S[0]), g(S[-1])]),
    # The key: Model 1
    ("key-m1-disagreement", "Model 1: the disagreement has {} minutes and {} flash points.",
     lambda: [MINUTES, WORDS[sum(v > 0 for v in h.CONVERSATION)]]),
    ("key-m1-start", "At security {} with no calming (the start), {} minutes are past the switch point, in {} stretches, "
                     "and {} without reflection; reflection returns in minute {}.",
     lambda: [g(START["security"]), past(START["security"]),
              WORDS[stretches(h.simulate_conversation(START["security"], 0.0).past_switch)],
              lost(START["security"]), conv()["reflection_back"]]),
    ("key-m1-security", "Security alone (no calming), {} to {}: {}, {}, {}, {} and {} minutes past the switch ({}, {}, "
                        "{}, {} and {} without reflection); the middle steps save most.",
     lambda: [g(S[0]), g(S[-1]), *(past(s) for s in S), *(lost(s) for s in S)]),
    ("key-m1-calming", "Calming alone (security {}), {} to {}: {}, {}, {}, {} and {} minutes past the switch ({}, {}, {}, "
                       "{}, {} without reflection); the sharpest remark, in minute {}, crosses the switch point "
                       "whatever the calming.",
     lambda: [g(START["security"]), g(C[0]), g(C[-1]), *(past(START["security"], c) for c in C),
              *(lost(START["security"], c) for c in C), SHARPEST]),
    ("key-m1-lag", "Security {} with full calming: {} minutes past the switch but {} without reflection (slow recovery); "
                   "security {} with no calming: {} and {}.",
     lambda: [g(S[0]), past(S[0], C[-1]), lost(S[0], C[-1]), g(S[-1]), past(S[-1]), lost(S[-1])]),
    ("key-m1-try-4", "Try 4 ({} minutes or fewer without reflection): security alone needs security {}; calming alone "
                     "never gets there at security {} or below ({} at best); security {} with calming {}, or {} with {}, "
                     "gives {}.",
     lambda: [FEW, g(next(s for s in S if lost(s) <= FEW)), g(max(securities_calming_cannot_help())),
              min(lost(s, c) for s in securities_calming_cannot_help() for c in C),
              g(S[2]), g(least_calming(S[2])), g(S[3]), g(least_calming(S[3])),
              equal(lost(S[2], least_calming(S[2])), lost(S[3], least_calming(S[3])))]),
    # The key: Model 2
    ("key-m2-stressors", "Model 2 (stressors {}): there are {} stressors, in weeks {}, {}, {}, {}, {}, {}, {}, {} and {}, "
                         "at every support level.",
     lambda: [g(STRESS), int(run().stressor.sum()), *(int(w) for w in run().week[run().stressor])]),
    ("key-m2-support-half", "Support {}: stage 2 from week {}, reconnection in week {}, back to safety in week {}, "
                            "reconnection again in week {}, back to safety in week {}, reconnection again in week {} "
                            "({} returns; {} weeks in reconnection).",
     lambda: [g(SUPPORT[2]), int(run().week[run().stage == 2].min()), rec()["first_reconnection"], BACK1,
              back_in_3(0.5, BACK1), BACK2, back_in_3(0.5, BACK2), rec()["setbacks"], rec()["weeks"][3]]),
    ("key-m2-support-0", "Support {}: {} reconnection, {} returns (weeks {}, {} and {}), {} weeks in stage 1 and {} in "
                         "stage 2.",
     lambda: [g(SUPPORT[0]), "no" if rec(0.0)["first_reconnection"] is None else "a", rec(0.0)["setbacks"],
              *setback_weeks(0.0), rec(0.0)["weeks"][1], rec(0.0)["weeks"][2]]),
    ("key-m2-support-quarter", "Support {}: reconnection in week {}, {} returns.",
     lambda: [g(SUPPORT[1]), rec(0.25)["first_reconnection"], rec(0.25)["setbacks"]]),
    ("key-m2-support-three-quarters", "Support {}: reconnection in week {}, {} return (week {}).",
     lambda: [g(SUPPORT[3]), rec(0.75)["first_reconnection"], rec(0.75)["setbacks"], *setback_weeks(0.75)]),
    ("key-m2-support-1", "Support {}: reconnection in week {}, {} returns, {} weeks in reconnection.",
     lambda: [g(SUPPORT[-1]), rec(1.0)["first_reconnection"], number(rec(1.0)["setbacks"]), rec(1.0)["weeks"][3]]),
    ("key-m2-stress", "With stressors at {}: {} returns and first reconnection in week {} at support {}; week {} at "
                      "support {}; week {} (with {} returns) at support {}.",
     lambda: [g(STRESS_STEPS[-1]), rec(0.5, STRESS_STEPS[-1])["setbacks"], rec(0.5, STRESS_STEPS[-1])["first_reconnection"],
              g(SUPPORT[2]), rec(0.25, STRESS_STEPS[-1])["first_reconnection"], g(SUPPORT[1]),
              rec(1.0, STRESS_STEPS[-1])["first_reconnection"], rec(1.0, STRESS_STEPS[-1])["setbacks"], g(SUPPORT[-1])]),
    ("key-m2-never", "Across {} seeds (stressors {}), {} of {} runs at support {} never reach reconnection in {} years, "
                     "against {} at {}, {} at {} and {} at {} or {}.",
     lambda: [SEEDS, g(STRESS), ensemble(0.0)[0], SEEDS, g(SUPPORT[0]), years(WEEKS), ensemble(0.25)[0], g(SUPPORT[1]),
              ensemble(0.5)[0], g(SUPPORT[2]), "none" if ensemble(0.75)[0] == ensemble(1.0)[0] == 0 else "some",
              g(SUPPORT[3]), g(SUPPORT[4])]),
    ("key-m2-mean-returns", "The average number of returns to safety rises slightly from support {} to {} and then falls "
                            "({}, {}, {}, {}, {}),",
     lambda: [g(SUPPORT[0]), g(SUPPORT[1]), *(f"{ensemble(s)[1]:.2f}" for s in SUPPORT)]),
]

QUIZ_ROWS = [
    ("quiz-calming-prompt", "ch05-q3", "In Model 1 at security {}, raising calming from {} to {} cuts the minutes past the "
                                       "switch point from {} to {}, but even full calming leaves {}.",
     lambda: [g(START["security"]), g(C[0]), g(C[1]), past(0.5, C[0]), past(0.5, C[1]), past(0.5, C[-1])]),
    ("quiz-sharpest", "ch05-q3", "The remark in minute {} still lifts arousal past the switch point at {},",
     lambda: [SHARPEST, g(round(h.switch_point(START["security"]), 10))]),
    ("quiz-highest-point", "ch05-q3", "at security {} it has reached the highest point it can", lambda: [g(START["security"])]),
    ("quiz-recovers", "ch05-q3", "At security {} reflection recovers too slowly", lambda: [g(START["security"])]),
    ("quiz-last-minutes", "ch05-q3", "The last {} minutes are chance", lambda: [past(0.5, C[-1])]),
    ("quiz-fixed", "ch05-q3", "the same {} flash points in every setting",
     lambda: [WORDS[sum(v > 0 for v in h.CONVERSATION)]]),
    ("quiz-range", "ch05-q9", "That the switch comes between arousal {} and {}, the range the chapter's model draws",
     lambda: [two(h.switch_point(S[0])), two(h.switch_point(S[-1]))]),
    ("quiz-return-prompt", "ch05-q7", "In Model 2 at support {}, a stressor in week {} sends the person back to stage 1. "
                                      "The first time, reconnection took until week {}; after the setback it comes back "
                                      "in week {}.",
     lambda: [g(SUPPORT[2]), BACK1, rec()["first_reconnection"], back_in_3(0.5, BACK1)]),
    ("quiz-regain", "ch05-q7", "The model regains earlier ground {} times as fast: {} weeks instead of {}.",
     lambda: [WORDS[int(h.REGAIN)], back_in_3(0.5, BACK1) - BACK1, rec()["first_reconnection"] - 1]),
    ("quiz-within", "ch05-q7", "Here reconnection returns within {} weeks, against {} the first time.",
     lambda: [back_in_3(0.5, BACK1) - BACK1, rec()["first_reconnection"] - 1]),
    ("quiz-about", "ch05-q7", "takes about {} weeks, as the model's run shows", lambda: [back_in_3(0.5, BACK1)]),
    ("quiz-setback-chance", "ch05-q7", "from {} with no support to {} with full support.",
     lambda: [per_cent(h.SETBACK_BASE), per_cent(h.SETBACK_BASE * (1 - h.SETBACK_PROTECTION))]),
]


def ids(rows) -> list[str]:
    return [row[0] for row in rows]


@pytest.mark.parametrize("claim, passage, compute", ROWS, ids=ids(ROWS))
def test_each_number_the_page_states_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch05"), f"{claim}: the page should say {expected!r}"


@pytest.mark.parametrize("claim, passage, compute", INSTRUCTOR_ROWS, ids=ids(INSTRUCTOR_ROWS))
def test_each_number_the_instructor_notes_state_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch05", student=False), f"{claim}: the instructor notes should say {expected!r}"


@pytest.mark.parametrize("claim, question, passage, compute", QUIZ_ROWS, ids=ids(QUIZ_ROWS))
def test_each_number_the_self_check_states_is_the_models(claim, question, passage, compute):
    expected = passage.format(*compute())
    assert expected in quiz_text("ch05", question), f"{claim}: {question} should say {expected!r}"


def test_claim_ids_are_unique():
    claims = ids(ROWS) + ids(INSTRUCTOR_ROWS) + ids(QUIZ_ROWS)
    assert len(claims) == len(set(claims))


# -- Model 1: what the text says in words ----------------------------------------------------------

def test_arousal_runs_from_rest_to_overwhelmed():
    """"Arousal runs from 0.2 (at rest) to 1 (overwhelmed)": a flash point that stings fully reaches 1,
    and arousal never falls below rest."""
    assert (h.simulate_conversation(0.5, 0.0, [1.0]).arousal == 1.0).all()
    assert all((h.simulate_conversation(s, c).arousal >= h.REST - 1e-12).all() for s in S for c in C)


def test_a_minute_is_without_reflection_when_the_blue_line_is_below_one_half():
    for s in S:
        path = h.simulate_conversation(s, 0.0)
        assert (path.reflective == (path.controlled >= h.REFLECTIVE)).all()


def test_the_flash_points_are_the_same_in_every_setting():
    """"They are the same in every setting"; calming "does not make a remark sting less"."""
    first = h.simulate_conversation(S[0], C[0]).flash
    assert all((h.simulate_conversation(s, c).flash == first).all() for s in S for c in C)


def test_reflection_comes_back_more_slowly_than_arousal_falls():
    """Summary: every minute past the switch is a minute without reflection, and some more are."""
    assert all(lost(s, c) >= past(s, c) for s in S for c in C)
    assert lost(S[0], C[-1]) > 2 * past(S[0], C[-1])


def test_the_middle_steps_of_security_save_most():
    saved = [past(a) - past(b) for a, b in zip(S, S[1:])]
    assert min(saved[1:3]) > max(saved[0], saved[3])


def test_the_sharpest_remark_crosses_the_switch_point_whatever_the_calming():
    assert all(h.simulate_conversation(START["security"], c).past_switch[SHARPEST - 1] for c in C)


def test_both_sliders_work_in_the_book_and_the_title_counts_the_minutes():
    assert [c.name for c in SWITCH.book_controls] == ["security", "calming"] and SWITCH.book_fixed == {}
    assert START == {"security": 0.5, "calming": 0.0}
    assert f"of {MINUTES} minutes past the switch" in h.switch_figure().layout.title.text
    assert [c.name for c in RECOVERY.book_controls] == ["support", "stress"] and RECOVERY.book_fixed == {}


# -- Model 2: what the text says in words ----------------------------------------------------------

def test_the_stressors_fall_in_the_same_weeks_whatever_the_support():
    weeks = run().week[run().stressor].tolist()
    assert all(run(s).week[run(s).stressor].tolist() == weeks for s in SUPPORT)


def test_a_stressor_only_sends_back_from_stage_2_or_3_to_stage_1():
    """"A stressor sends someone in stage 2 or 3 back to stage 1"; "stressors during stage 1 change nothing"."""
    for support in SUPPORT:
        for stress in STRESS_STEPS:
            path = run(support, stress)
            before = np.concatenate([[1], path.stage.to_numpy()[:-1]])
            assert (path.stage[path.setback] == 1).all() and (before[path.setback.to_numpy()] > 1).all()
            assert not (path.setback & ~path.stressor).any()


def test_at_support_half_most_stressors_are_absorbed():
    """Try 2: at support 0.5 only two stressors send the person back; the others strike in every stage and
    change nothing."""
    path = run()
    assert rec()["setbacks"] == 2 < int(path.stressor.sum())
    assert set(path.stage[path.stressor & ~path.setback]) == {1, 2, 3}


def test_the_average_number_of_returns_rises_then_falls():
    means = [ensemble(s)[1] for s in SUPPORT]
    assert means[1] > means[0] and all(a > b for a, b in zip(means[1:], means[2:]))
