"""Chapter 3: every number a prediction states (data/predictions/ch03.yaml) is the models' own.

Each row names a prediction, the field, and a passage of it with ``{}`` where numbers stand; the
numbers are computed here from the public functions of ``widgets.partner_impact`` (the book's
starting settings: 2 contradictions a week, support 1.5, isolation 0.5; seed 11 and a typical
window for the 120 days; 50 relationships per point of the summary curve) and the passage, so
filled in, must appear word for word. A last test checks that no number in a reveal is left
unchecked.
"""
from __future__ import annotations

import inspect

import numpy as np
import pytest

from widgets import partner_impact as pi
from widgets.data import load_predictions

from support.stated import g, pct, stated, two, unchecked_numbers

START = {name: p.default for name, p in inspect.signature(pi.compass_figure).parameters.items()}
WEEKS = START["n_weeks"]
DAYS = inspect.signature(pi.window_figure).parameters["n_days"].default
LOWEST, HIGHEST = pi.PREDICTABILITY_GRID[0], pi.PREDICTABILITY_GRID[-1]
RUNS = inspect.signature(pi.window_share_figure).parameters["n_runs"].default


def confidence(**settings) -> np.ndarray:
    """Confidence week by week, the settings not named at the book's start."""
    return pi.simulate_compass(**{**{k: START[k] for k in ("contradictions", "support", "isolation")},
                                  **settings}).confidence.to_numpy()


def first_week_below(values: np.ndarray, level: float) -> int:
    return int(np.flatnonzero(values < level)[0])


def days(predictability: float, window: str = "typical"):
    return pi.simulate_arousal(predictability, window)


def mood_count(run, mood: str, above: bool = False) -> int:
    return int(((run.mood == mood) & (run.above if above else True)).sum())


def top(window: str = "typical") -> str:
    return two(pi.WINDOWS[window][1])


ROWS = [
    # ch03-start: the starting setting
    ("ch03-start", "prompt", "A friend confirms their account about {} times a week at first, but that support shrinks "
                             "over the year (isolation {}). Starting from {}, where is the person's confidence in "
                             "their own perception at week {}?",
     lambda: [g(START["support"]), g(START["isolation"]), g(confidence()[0]), WEEKS]),
    ("ch03-start", "prompt", "{} a week, a partner", lambda: [{1: "Once", 2: "Twice"}[START["contradictions"]]]),
    ("ch03-start", "reveal", "It ends the year at {}, having dropped below {} in week {}.",
     lambda: [two(confidence()[-1]), g(0.5), first_week_below(confidence(), 0.5)]),
    ("ch03-start", "reveal", "the same person with their support kept, ends at {}.",
     lambda: [two(confidence(isolation=0.0)[-1])]),
    # ch03-isolation: isolation over its grid
    ("ch03-isolation", "prompt", "Keep {} contradictions a week and support {}, and move isolation from {} (support stays) to {}",
     lambda: [START["contradictions"], g(START["support"]), g(pi.ISOLATION_GRID[0]), g(pi.ISOLATION_GRID[-1])]),
    ("ch03-isolation", "reveal", "Confidence at week {} is {}, {}, {}, {} and {} for isolation {}, {}, {}, {} and {}.",
     lambda: [WEEKS, *(two(confidence(isolation=i)[-1]) for i in pi.ISOLATION_GRID),
              *(g(i) for i in pi.ISOLATION_GRID)]),
    ("ch03-isolation", "reveal", "Yet at week {} the blue line is within {} of the grey one at every setting",
     lambda: [4, two(max(abs(confidence(isolation=i)[4] - confidence(isolation=0.0)[4]) for i in pi.ISOLATION_GRID))]),
    # ch03-no-support: support 0
    ("ch03-no-support", "prompt", "Set support to {}, so that nobody confirms what the person saw, and contradictions to {} a week",
     lambda: [0, 1]),
    ("ch03-no-support", "reveal", "It keeps falling: below {} in week {}, and {} at week {}.",
     lambda: [g(0.5), first_week_below(confidence(contradictions=1, support=0), 0.5),
              two(confidence(contradictions=1, support=0)[-1]), WEEKS]),
    ("ch03-no-support", "reveal", "With {} contradictions a week it ends at {}. With none, it stays flat at {},",
     lambda: [5, two(confidence(contradictions=5, support=0)[-1]), two(confidence(contradictions=0, support=0)[-1])]),
    # ch03-surprise: predictability 0, typical window
    ("ch03-surprise", "prompt", "Over the {} days there are {} calm, {} tense and {} angry days.",
     lambda: [DAYS, *(mood_count(days(0.0), m) for m in pi.MOODS)]),
    ("ch03-surprise", "reveal", "{} of the {} days ({}) end above the window: all {} angry days and {} of the {} tense ones.",
     lambda: [int(days(0.0).above.sum()), DAYS, pct(days(0.0).above.mean()), mood_count(days(0.0), "angry", above=True),
              mood_count(days(0.0), "tense", above=True), mood_count(days(0.0), "tense")]),
    ("ch03-surprise", "reveal", "its resting level of {}: its lowest point is {}, and on calm days it averages about {}, "
                                "close to the top of the window at {}.",
     lambda: [two(pi.REST), two(days(0.0).arousal.min()),
              two(days(0.0).arousal[days(0.0).mood == "calm"].mean()), top()]),
    # ch03-foreseen: predictability 1
    ("ch03-foreseen", "prompt", "Now set predictability to {}: the same {} days of moods", lambda: [g(HIGHEST), DAYS]),
    ("ch03-foreseen", "reveal", "but its highest point is {}, just under the top of the window at {}, and in between it "
                                "comes back to the resting level of {}.",
     lambda: [two(days(1.0).arousal.max()), top(), two(days(1.0).arousal.min())]),
    # ch03-window-width: the summary curve, and the first figure at predictability 0
    ("ch03-window-width", "prompt", "The second figure averages {} simulated relationships.", lambda: [RUNS]),
    ("ch03-window-width", "reveal", "{} of days above it at predictability {}, against {} for the narrow window at predictability {}.",
     lambda: [pct(pi.share_above(0.0, "wide")), g(LOWEST), pct(pi.share_above(0.5, "narrow")), g(0.5)]),
    ("ch03-window-width", "reveal", "For the typical window the share falls from {} at predictability {} to none at {}.",
     lambda: [pct(pi.share_above(0.0, "typical")), g(LOWEST), g(HIGHEST)]),
    ("ch03-window-width", "reveal", "In the first figure at predictability {}, the narrow, typical and wide windows have {}, {} and {} of days above.",
     lambda: [g(LOWEST), *(pct(days(0.0, w).above.mean()) for w in ("narrow", "typical", "wide"))]),
]


@pytest.mark.parametrize("key, field, passage, compute", ROWS,
                         ids=[f"{key}-{field}-{n}" for n, (key, field, _, _) in enumerate(ROWS, start=1)])
def test_each_stated_number_is_the_models(key, field, passage, compute):
    expected = passage.format(*compute())
    assert expected in stated("ch03", key, field), f"{key} {field} should say: {expected!r}"


def test_what_the_reveals_say_in_words_holds():
    """ch03-start: below 0.5 and still falling at week 52 (option 3); ch03-isolation: a fall at every
    step (option 2); ch03-no-support: no floor, falling every week (option 2); ch03-surprise: only
    angry and tense days go over, never a calm one (option 2); ch03-foreseen: none (option 3);
    ch03-window-width: the wide window at predictability 0 beats the narrow one at 0.5 (option 1)."""
    predictions = load_predictions("ch03")
    shows = {key: p["shows"] for key, p in predictions.items()}
    start = confidence()
    assert start[-1] < 0.5 and start[-1] < start[-2] and shows["ch03-start"] == 3
    ends = [confidence(isolation=i)[-1] for i in pi.ISOLATION_GRID]
    assert all(np.diff(ends) < 0) and shows["ch03-isolation"] == 2
    alone = confidence(contradictions=1, support=0)
    assert (np.diff(alone) < 0).all() and shows["ch03-no-support"] == 2
    assert np.allclose(confidence(contradictions=0, support=0), confidence()[0])
    assert mood_count(days(0.0), "calm", above=True) == 0 and shows["ch03-surprise"] == 2
    assert days(0.0).arousal.min() > pi.REST, "at predictability 0 the line never returns to rest"
    assert int(days(1.0).above.sum()) == 0 and pi.share_above(1.0, "typical") == 0 and shows["ch03-foreseen"] == 3
    assert (days(1.0).mood.tolist() == days(0.0).mood.tolist()), "the same moods at every predictability"
    assert pi.share_above(0.0, "wide") < pi.share_above(0.5, "narrow") and shows["ch03-window-width"] == 1


@pytest.mark.parametrize("key", sorted(load_predictions("ch03")))
def test_no_number_in_a_reveal_is_left_unchecked(key):
    """Every number in a reveal is inside a passage a row above checks."""
    checked = [passage.format(*compute()) for k, field, passage, compute in ROWS if k == key and field == "reveal"]
    assert not unchecked_numbers(stated("ch03", key, "reveal"), checked), f"{key}: numbers in the reveal not checked"