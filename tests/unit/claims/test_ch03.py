"""Chapter 3: every number the page states about its two models is the models' own.

Each row is (claim, passage, compute): the passage as the chapter writes it, with ``{}`` where
numbers stand, and a function that computes those numbers from the public functions of
``widgets.partner_impact``. The passage, so filled in, must appear word for word in the chapter's
markdown: ``ROWS`` in the student book, ``INSTRUCTOR_ROWS`` in the instructor boxes (the answer
keys live only there), ``QUIZ_ROWS`` in a question of the self-check (data/quizzes/ch03.yaml).
What the text says in words ("never falls", "keeps shrinking") is checked by the tests at the end.
The numbers the predictions state are checked in ``test_ch03_predictions.py``.
"""
from __future__ import annotations

import functools
import inspect

import numpy as np
import pytest

from widgets import partner_impact as pi

from support.stated import g, notebook_text, pct, quiz_text, two

COMPASS = pi.compass_view()
START = COMPASS.defaults()                                    # 2 contradictions, support 1.5, isolation 0.5
SLIDERS = {control.name: control.values for control in COMPASS.controls}
TRUST = inspect.signature(pi.simulate_compass).parameters["trust"].default
WEEKS = inspect.signature(pi.simulate_compass).parameters["n_weeks"].default
ARGS = inspect.signature(pi.simulate_arousal).parameters
DAYS, SEED = ARGS["n_days"].default, ARGS["seed"].default
RUNS = inspect.signature(pi.window_share_figure).parameters["n_runs"].default
GRID = pi.PREDICTABILITY_GRID
WORDS = ("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@functools.cache
def confidence(**settings) -> np.ndarray:
    """Confidence week by week; the settings not named are the book's starting ones."""
    return pi.simulate_compass(**{**START, **settings}).confidence.to_numpy()


def end(**settings) -> str:
    """Confidence at week 52, as the chapter writes it (0.61)."""
    return two(confidence(**settings)[-1])


def first_week_below(values: np.ndarray, level: float) -> int:
    return int(np.flatnonzero(values < level)[0])


@functools.cache
def days(predictability: float, window: str = "typical"):
    return pi.simulate_arousal(predictability, window)


def above(predictability: float, window: str = "typical") -> int:
    return int(days(predictability, window).above.sum())


@functools.cache
def curve(window: str) -> list[str]:
    """The summary curve of one window: the share above it at each predictability, over RUNS runs."""
    return [pct(pi.share_above(p, window, RUNS)) for p in GRID]


def rounded(value: float) -> str:
    """A number to two decimals in its shortest form (0.5, 0.94)."""
    return g(round(value, 2))


def count(value: float) -> str:
    """A count in words ("none" for 0)."""
    return WORDS[int(value)]


def out_of(share: float, whole: int) -> str:
    """The count of ``whole`` that ``share`` is, in words ("four" for 0.8 of five); not a whole count: the number."""
    part = share * whole
    return WORDS[round(part)] if np.isclose(part, round(part)) else g(part)


def more_than(share: float, whole: int) -> str:
    """The count of ``whole`` that ``share`` exceeds, in words ("nine" for 0.94 of ten)."""
    return WORDS[int(np.floor(share * whole))]


def half(share: float) -> str:
    return "half" if np.isclose(share, 0.5) else g(share)


def none_or_pct(share: float) -> str:
    return "none" if share == 0 else pct(share)


def halving_week(isolation: float) -> int:
    """The first week in which support is half what it was at the start, or less."""
    support = pi.simulate_compass(**{**START, "isolation": isolation}).support.to_numpy()
    return int(np.flatnonzero(support[1:] <= START["support"] / 2)[0]) + 1


def smallest_support(level: float, isolation: float) -> float:
    """The smallest support on the slider that keeps confidence above ``level`` at week 52."""
    return next(s for s in SLIDERS["support"] if confidence(isolation=isolation, support=s)[-1] > level)


def week4_gap() -> float:
    """The largest gap at week 4 between a line with isolation and the line with support kept."""
    return max(abs(confidence(isolation=i)[4] - confidence(isolation=0.0)[4]) for i in pi.ISOLATION_GRID)


ROWS = [
    # Model 1 · the inner compass
    ("m1-year", "It follows one imagined person over a year ({} weeks).", lambda: [WEEKS]),
    ("m1-start-tally", 'They start with {} "right" and {} "wrong" on record, so confidence starts at {}.',
     lambda: [g(pi.START_RIGHT), g(pi.START_WRONG), g(confidence()[0])]),
    ("m1-contradiction-slider", "(the slider **contradictions per week**, {} to {})",
     lambda: [SLIDERS["contradictions"][0], SLIDERS["contradictions"][-1]]),
    ("m1-trust", "their trust in the partner's word, which is fixed at {}, because we trust people we love",
     lambda: [g(TRUST)]),
    ("m1-self-blame-start", "With confidence and trust both at {}, the person blames their own perception in {} of the "
                            "disagreements.",
     lambda: [g(confidence()[0]) if np.isclose(confidence()[0], TRUST) else "different values",
              half(pi.blame_self(confidence()[0], TRUST))]),
    ("m1-self-blame-falls", "By the time confidence has fallen to {}, they blame themselves in {} disagreements out of "
                            "{}; at {}, in more than {} out of {}.",
     lambda: [g(0.5), out_of(pi.blame_self(0.5, TRUST), 5), WORDS[5], g(0.2), more_than(pi.blame_self(0.2, TRUST), 10),
              WORDS[10]]),
    ("m1-support-slider", "(the slider **support at the start**, {} to {} confirmations a week)",
     lambda: [g(SLIDERS["support"][0]), g(SLIDERS["support"][-1])]),
    ("m1-isolation", "(the slider **isolation**, {} to {}). At {}, support stays as it was. At {}, it halves in about "
                     "{} weeks and keeps shrinking.",
     lambda: [g(SLIDERS["isolation"][0]), g(SLIDERS["isolation"][-1]), g(SLIDERS["isolation"][0]),
              g(SLIDERS["isolation"][-1]), count(halving_week(1.0))]),
    ("m1-start", "Contradictions start at {} a week and support at {} confirmations a week.",
     lambda: [START["contradictions"], g(START["support"])]),
    ("m1-try-start", "At the starting setting ({} contradictions a week, support {}, isolation {}), read the label at "
                     "week {}",
     lambda: [START["contradictions"], g(START["support"]), g(START["isolation"]), WEEKS]),
    ("m1-try-isolation", "**Move isolation from {} to {}**",
     lambda: [g(pi.ISOLATION_GRID[0]), g(pi.ISOLATION_GRID[-1])]),
    ("m1-leaves-out-trust", "Trust in the partner's word is fixed at {}.", lambda: [g(TRUST)]),
    ("m1-leaves-out-numbers", "The starting tally, the trust of {}, the fading rate", lambda: [g(TRUST)]),
    # Model 2 · the window of tolerance
    ("m2-days", "over {} days. Each day the other person's mood", lambda: [DAYS]),
    ("m2-mood-shares", "on average {} of days are calm, {} tense and {} angry, at every setting.",
     lambda: [pct(share) for share in pi.MOOD_SHARES]),
    ("m2-predictability-slider", "What the slider **predictability** ({} to {}) changes",
     lambda: [g(GRID[0]), g(GRID[-1])]),
    ("m2-same-moods", "In the first figure, the {} days of moods are exactly the same at every setting", lambda: [DAYS]),
    ("m2-window", "with arousal between {} and {} for a typical window.", lambda: [g(v) for v in pi.WINDOWS["typical"]]),
    ("m2-runs", "it averages {} simulated relationships and shows the share of days above the window", lambda: [RUNS]),
    ("m2-try-same-moods", "The {} days of moods are the same", lambda: [DAYS]),
    ("m2-try-steps", "**Step through {}, {} and {}**", lambda: [g(p) for p in GRID[1:-1]]),
    # Summary
    ("summary", "At the starting settings, confidence at week {} is {} when support stays and {} with full isolation; "
                "across {} simulated relationships, the share of days above a typical window falls from {} to {} as "
                "the moods become predictable.",
     lambda: [WEEKS, end(isolation=0.0), end(isolation=1.0), RUNS, pct(pi.share_above(GRID[0], "typical", RUNS)),
              none_or_pct(pi.share_above(GRID[-1], "typical", RUNS))]),
]

INSTRUCTOR_ROWS = [
    # The suggested activity and its expected results
    ("activity-1", "each pair predicts confidence at week {} for isolation {} and isolation {}",
     lambda: [WEEKS, g(pi.ISOLATION_GRID[0]), g(pi.ISOLATION_GRID[-1])]),
    ("activity-2", "set support to {} and move contradictions from {} to {}",
     lambda: [0, SLIDERS["contradictions"][0], SLIDERS["contradictions"][-1]]),
    ("activity-3", "find the smallest starting support (in steps of {}) that keeps confidence above {} at week {}",
     lambda: [g(np.diff(SLIDERS["support"])[0]), g(0.6), WEEKS]),
    ("activity-results", "Expected results: (1) {} and {}; (2) {} with no contradictions, then {}, {}, {}, {} and {} "
                         "for one to five a week; (3) at isolation {} the smallest such support is {} ({}; support {} "
                         "gives {}), while at isolation {} even the maximum support of {} only reaches {}.",
     lambda: [end(isolation=0.0), end(isolation=1.0), end(contradictions=0, support=0.0),
              *(end(contradictions=k, support=0.0) for k in range(1, 6)),
              g(0.0), g(smallest_support(0.6, 0.0)), end(isolation=0.0, support=smallest_support(0.6, 0.0)),
              f'{smallest_support(0.6, 0.0) - np.diff(SLIDERS["support"])[0]:.1f}',
              end(isolation=0.0, support=smallest_support(0.6, 0.0) - np.diff(SLIDERS["support"])[0]),
              g(START["isolation"]), g(SLIDERS["support"][-1]), end(support=SLIDERS["support"][-1])]),
    # The key for the "Try this" boxes: Model 1
    ("key-m1-isolation", "Model 1 (starting settings: {} contradictions a week, support {}): confidence at week {} is "
                         "{}, {}, {}, {} and {} for isolation {}, {}, {}, {} and {}; at isolation {} it drops below {} "
                         "in week {}.",
     lambda: [START["contradictions"], g(START["support"]), WEEKS, *(end(isolation=i) for i in pi.ISOLATION_GRID),
              *(g(i) for i in pi.ISOLATION_GRID), g(START["isolation"]), g(0.5), first_week_below(confidence(), 0.5)]),
    ("key-m1-week-4", "At week {} the isolated and non-isolated lines differ by at most {} ({} versus {} at isolation {}).",
     lambda: [4, two(week4_gap()), f"{confidence(isolation=1.0)[4]:.3f}", f"{confidence(isolation=0.0)[4]:.3f}",
              g(pi.ISOLATION_GRID[-1])]),
    ("key-m1-no-contradictions", "With no contradictions, confidence never falls ({} at week {} with isolation {}).",
     lambda: [end(contradictions=0), WEEKS, g(START["isolation"])]),
    ("key-m1-no-support", "With support {}: {} contradictions keep confidence at {}; {} a week gives {} at week {} "
                          "(below {} from week {}); {} a week give {}.",
     lambda: [0, 0, end(contradictions=0, support=0.0), 1, end(contradictions=1, support=0.0), WEEKS, g(0.5),
              first_week_below(confidence(contradictions=1, support=0.0), 0.5), 5, end(contradictions=5, support=0.0)]),
    ("key-m1-self-blame", "The self-blame share is {} at confidence {}, {} at {} and {} at {} (trust {}).",
     lambda: [rounded(pi.blame_self(0.8, TRUST)), g(0.8), rounded(pi.blame_self(0.5, TRUST)), g(0.5),
              rounded(pi.blame_self(0.2, TRUST)), g(0.2), g(TRUST)]),
    # The key: Model 2
    ("key-m2-moods", "Model 2 (seed {}, typical window): {} calm, {} tense and {} angry days.",
     lambda: [SEED, *(int((days(GRID[0]).mood == mood).sum()) for mood in pi.MOODS)]),
    ("key-m2-days-above", "Days above the window: {} ({}) at predictability {}, {} ({}) at {}, {} ({}) at {}, {} ({}) "
                          "at {}, {} at {}.",
     lambda: [*(x for p in GRID[:-1] for x in (above(p), pct(days(p).above.mean()), g(p))),
              count(above(GRID[-1])), g(GRID[-1])]),
    ("key-m2-lowest", "At predictability {} the line never falls below {} and averages {} on calm days; at {} it "
                      "returns to the resting level of {} and peaks at {}.",
     lambda: [g(GRID[0]), two(days(GRID[0]).arousal.min()),
              two(days(GRID[0]).arousal[days(GRID[0]).mood == "calm"].mean()), g(GRID[-1]),
              two(days(GRID[-1]).arousal.min()), two(days(GRID[-1]).arousal.max())]),
    ("key-m2-windows", "At predictability {} the narrow, typical and wide windows have {}, {} and {} of days above.",
     lambda: [g(GRID[0]), *(pct(days(GRID[0], w).above.mean()) for w in ("narrow", "typical", "wide"))]),
    ("key-m2-curve", "Summary curve ({} relationships): typical {} → {} → {} → {} → {}; narrow {} → {}; wide {} → {}.",
     lambda: [RUNS, *curve("typical"), curve("narrow")[0], curve("narrow")[-1], curve("wide")[0], curve("wide")[-1]]),
    ("key-m2-wide-beats-narrow", "A wide window at predictability {} ({}) beats a narrow one at {} ({}).",
     lambda: [g(GRID[0]), curve("wide")[0], g(GRID[2]), curve("narrow")[2]]),
]

QUIZ_ROWS = [
    ("quiz-self-blame", "ch03-q4", "With trust in the partner at {}, the person blames themselves in {} of the "
                                   "disagreements at confidence {}, in {} out of {} at {} and in more than {} out of {} "
                                   "at {}: doubt feeds on itself.",
     lambda: [g(TRUST), half(pi.blame_self(0.8, TRUST)), g(0.8), out_of(pi.blame_self(0.5, TRUST), 5), WORDS[5], g(0.5),
              more_than(pi.blame_self(0.2, TRUST), 10), WORDS[10], g(0.2)]),
    ("quiz-half-at-start", "ch03-q4", "At the start the person blames themselves in only {} of the disagreements.",
     lambda: [half(pi.blame_self(confidence()[0], TRUST))]),
    ("quiz-isolation-prompt", "ch03-q5", "({} contradictions a week, starting support {}), what happens to confidence at "
                                         "week {} as isolation rises from {} to {}?",
     lambda: [START["contradictions"], g(START["support"]), WEEKS, g(pi.ISOLATION_GRID[0]), g(pi.ISOLATION_GRID[-1])]),
    ("quiz-isolation-ends", "ch03-q5", "It falls from {} to {}, as the gap opens only gradually",
     lambda: [end(isolation=0.0), end(isolation=1.0)]),
    ("quiz-isolation-ends-2", "ch03-q5", "with support kept, confidence ends at {}; with full isolation, at {}.",
     lambda: [end(isolation=0.0), end(isolation=1.0)]),
    ("quiz-week-4", "ch03-q5", "at week {} the lines are still within {} of each other.", lambda: [4, two(week4_gap())]),
    ("quiz-week-4-2", "ch03-q5", "at week {} the isolated and non-isolated lines differ by at most {}.",
     lambda: [4, two(week4_gap())]),
    ("quiz-predictability", "ch03-q8", "from {} at predictability {} to {} at {}.",
     lambda: [pct(days(GRID[0]).above.mean()), g(GRID[0]), none_or_pct(days(GRID[-1]).above.mean()), g(GRID[-1])]),
    ("quiz-moods", "ch03-q8", "the same {} calm, {} tense and {} angry days appear at every setting.",
     lambda: [int((days(GRID[0]).mood == mood).sum()) for mood in pi.MOODS]),
]


def ids(rows) -> list[str]:
    return [row[0] for row in rows]


@pytest.mark.parametrize("claim, passage, compute", ROWS, ids=ids(ROWS))
def test_each_number_the_page_states_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch03"), f"{claim}: the page should say {expected!r}"


@pytest.mark.parametrize("claim, passage, compute", INSTRUCTOR_ROWS, ids=ids(INSTRUCTOR_ROWS))
def test_each_number_the_instructor_notes_state_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch03", student=False), f"{claim}: the instructor notes should say {expected!r}"


@pytest.mark.parametrize("claim, question, passage, compute", QUIZ_ROWS, ids=ids(QUIZ_ROWS))
def test_each_number_the_self_check_states_is_the_models(claim, question, passage, compute):
    expected = passage.format(*compute())
    assert expected in quiz_text("ch03", question), f"{claim}: {question} should say {expected!r}"


def test_claim_ids_are_unique():
    claims = ids(ROWS) + ids(INSTRUCTOR_ROWS) + ids(QUIZ_ROWS)
    assert len(claims) == len(set(claims))


def test_doubt_feeds_on_itself():
    """Model 1: the lower the confidence, the more often the person blames themselves."""
    levels = np.linspace(0.05, 0.95, 19)
    assert (np.diff(pi.blame_self(levels, TRUST)) < 0).all()
    assert pi.blame_self(0.2, TRUST) > 0.9


def test_support_stays_without_isolation_and_keeps_shrinking_with_it():
    """Model 1: "At 0, support stays as it was. At 1, it halves ... and keeps shrinking." """
    kept = pi.simulate_compass(**{**START, "isolation": 0.0}).support.to_numpy()[1:]
    assert np.allclose(kept, START["support"])
    shrinking = pi.simulate_compass(**{**START, "isolation": 1.0}).support.to_numpy()[1:]
    assert (np.diff(shrinking) < 0).all()


def test_the_isolated_lines_part_only_slowly():
    """Key: at week 4 the lines differ by at most 0.02; at week 52 each step of isolation lowers confidence."""
    assert week4_gap() <= 0.02
    assert (np.diff([confidence(isolation=i)[-1] for i in pi.ISOLATION_GRID]) < 0).all()


def test_without_contradictions_confidence_never_falls():
    """Key: with no contradictions confidence never falls; with no support either it stays where it started."""
    assert (np.diff(confidence(contradictions=0)) >= 0).all()
    assert np.allclose(confidence(contradictions=0, support=0.0), confidence()[0])


def test_no_support_on_the_slider_keeps_confidence_above_0_6_at_the_starting_isolation():
    """Activity (3): "at isolation 0.5 even the maximum support of 3 only reaches 0.50"."""
    assert all(confidence(support=s)[-1] <= 0.6 for s in SLIDERS["support"])


def test_the_window_model_never_returns_to_rest_when_nothing_is_foreseen():
    """Key: at predictability 0 the line never comes back to rest; at 1 it does, and no day goes over."""
    assert days(GRID[0]).arousal.min() > pi.REST
    assert round(days(GRID[-1]).arousal.min(), 2) == round(pi.REST, 2)
    assert above(GRID[-1]) == 0 and pi.share_above(GRID[-1], "typical", RUNS) == 0


def test_the_moods_are_the_same_at_every_predictability():
    """Model 2: "the 120 days of moods are exactly the same at every setting of the slider"."""
    moods = days(GRID[0]).mood.tolist()
    assert all(days(p).mood.tolist() == moods for p in GRID)


def test_a_wide_window_at_predictability_0_beats_a_narrow_one_at_0_5():
    assert pi.share_above(GRID[0], "wide", RUNS) < pi.share_above(GRID[2], "narrow", RUNS)


def test_all_three_sliders_work_in_the_book():
    """Model 1: "All three sliders work here, in the book as in JupyterLab"; Model 2: both controls do."""
    assert [c.name for c in COMPASS.book_controls] == ["contradictions", "support", "isolation"]
    assert COMPASS.book_fixed == {}
    window = pi.window_view()
    assert [c.name for c in window.book_controls] == ["predictability", "window"] and window.book_fixed == {}
    assert window.defaults()["window"] == "typical"
