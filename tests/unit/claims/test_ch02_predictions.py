"""Chapter 2: every number a prediction states (data/predictions/ch02.yaml) is the model's own.

Each row names a prediction, the field, and a passage of it with ``{}`` where numbers stand; the
numbers are computed here from the public functions of ``widgets.pushpull`` (the book's default
settings: seed 7, 5 fusion, 30 push–pull episodes, give up below 0.1, 200 runs per p) and the
passage, so filled in, must appear word for word. A last test checks that no number in a reveal
is left unchecked.
"""
from __future__ import annotations

import inspect

import pytest

from widgets import pushpull as pp
from widgets.data import load_predictions

from support.stated import g, stated, two, unchecked_numbers

WORDS = {2: "twice", 3: "three", 4: "four", 5: "five", 6: "six"}


def gives_up_after(p: float, anxiety: float = 0.0) -> int:
    """Model 1: cold episodes in a row, after warmth stopped for good, until the partner gives up."""
    return pp.cold_run_until_giving_up(pp.simulate_push_pull(p_warm=p, anxiety=anxiety))


def lowest_hope_in_push_pull(p: float, anxiety: float = 0.0) -> float:
    run = pp.simulate_push_pull(p_warm=p, anxiety=anxiety)
    return float(run.loc[run.stage == pp.STAGES[1], "hope"].min())


def median(p: float, anxiety: float = 0.0) -> int:
    """Model 2: median cold run until giving up over the 200 seeded relationships at this p."""
    curve = pp.extinction_curve(anxiety=anxiety).set_index("p_warm")["median"]
    value = float(curve[p])
    assert value == int(value), f"median at p = {p} is not a whole number of episodes: {value}"
    return int(value)


def runs_per_p() -> int:
    """Relationships per value of p in the book's Model 2."""
    return inspect.signature(pp.extinction_figure).parameters["n_runs"].default


# (prediction, field, passage with {} for numbers, the numbers computed from the model)
ROWS = [
    # ch02-start: Model 1 at p = 1 and p = 0.3, anxiety 0
    ("ch02-start", "prompt", "every time (*p* = {}), or when it came about three times in ten (*p* = {})",
     lambda: [g(1.0), g(0.3)]),
    ("ch02-start", "reveal", "At *p* = {} the partner gives up after {} cold episodes in a row; at *p* = {} it takes {}, "
                             "more than {} times as long",
     lambda: [g(1.0), gives_up_after(1.0), g(0.3), gives_up_after(0.3),
              WORDS[gives_up_after(0.3) // gives_up_after(1.0)]]),
    # ch02-anxiety: Model 1 at p = 0.5, anxiety 0 -> 1
    ("ch02-anxiety", "prompt", "Set *p* = {}, then move attachment anxiety from {} to {}",
     lambda: [g(0.5), g(pp.ANXIETY_GRID[0]), g(pp.ANXIETY_GRID[-1])]),
    ("ch02-anxiety", "reveal", "More: {} cold episodes instead of {}.",
     lambda: [gives_up_after(0.5, 1.0), gives_up_after(0.5, 0.0)]),
    ("ch02-anxiety", "reveal", "its lowest point there is about {}, against about {} without anxiety",
     lambda: [two(lowest_hope_in_push_pull(0.5, 1.0)), two(lowest_hope_in_push_pull(0.5, 0.0))]),
    # ch02-rare-warmth: Model 2, anxiety 0
    ("ch02-rare-warmth", "prompt", "Model 2 repeats Model 1 for {} relationships at each value of *p*. When warmth came "
                                   "every time (*p* = {}), the median partner gives up after {} cold episodes",
     lambda: [runs_per_p(), g(1.0), median(1.0)]),
    ("ch02-rare-warmth", "prompt", "about one episode in five (*p* = {})", lambda: [g(0.2)]),
    ("ch02-rare-warmth", "reveal", "The median at *p* = {} is {} cold episodes, {} times as long as at *p* = {}, "
                                   "and at *p* = {} it is {}.",
     lambda: [g(0.2), median(0.2), WORDS[median(0.2) // median(1.0)], g(1.0), g(0.1), median(0.1)]),
    # ch02-anxiety-curve: Model 2, anxiety 0 -> 1
    ("ch02-anxiety-curve", "prompt", "move attachment anxiety to {} in Model 2", lambda: [g(pp.ANXIETY_GRID[-1])]),
    ("ch02-anxiety-curve", "reveal", "At *p* = {} the median rises from {} to {} cold episodes; at *p* = {} only from {} to {}.",
     lambda: [g(0.2), median(0.2), median(0.2, 1.0), g(1.0), median(1.0), median(1.0, 1.0)]),
]


@pytest.mark.parametrize("key, field, passage, compute", ROWS,
                         ids=[f"{key}-{field}-{n}" for n, (key, field, _, _) in enumerate(ROWS, start=1)])
def test_each_stated_number_is_the_models(key, field, passage, compute):
    expected = passage.format(*compute())
    assert expected in stated("ch02", key, field), f"{key} {field} should say: {expected!r}"


def test_the_settings_and_counts_the_rows_assume_are_the_books():
    """The medians come from the curve the book draws, at values of p and anxiety its sliders offer."""
    assert runs_per_p() == inspect.signature(pp.extinction_curve).parameters["n_runs"].default
    assert {0.1, 0.2, 0.3, 0.5, 1.0} <= set(pp.P_GRID) and {0.0, 1.0} <= set(pp.ANXIETY_GRID)


def test_what_the_reveals_say_in_words_holds():
    """ch02-start: sooner at p = 1 (option 2), more than four but under five times as long;
    ch02-anxiety: anxiety delays giving up (option 3) and keeps hope higher in the push–pull dips;
    ch02-rare-warmth: 'about six times as long' (option 3) is the ratio of the medians, and the
    rarer the warmth, the longer hope lasts; ch02-anxiety-curve: the rise is larger at low p (option 1)."""
    predictions = load_predictions("ch02")
    assert gives_up_after(1.0) < gives_up_after(0.3) and 4 < gives_up_after(0.3) / gives_up_after(1.0) < 5
    assert predictions["ch02-start"]["shows"] == 2
    assert gives_up_after(0.5, 1.0) > gives_up_after(0.5, 0.0) and predictions["ch02-anxiety"]["shows"] == 3
    assert lowest_hope_in_push_pull(0.5, 1.0) > lowest_hope_in_push_pull(0.5, 0.0)
    assert median(0.2) / median(1.0) == 6 and predictions["ch02-rare-warmth"]["shows"] == 3
    calm = pp.extinction_curve().set_index("p_warm")["median"]
    assert (calm.diff().dropna() <= 0).all(), "the rarer the warmth, the longer hope lasts"
    assert median(0.2, 1.0) - median(0.2) > median(1.0, 1.0) - median(1.0)
    assert predictions["ch02-anxiety-curve"]["shows"] == 1


@pytest.mark.parametrize("key", sorted(load_predictions("ch02")))
def test_no_number_in_a_reveal_is_left_unchecked(key):
    """Every number in a reveal is inside a passage a row above checks."""
    checked = [passage.format(*compute()) for k, field, passage, compute in ROWS if k == key and field == "reveal"]
    assert not unchecked_numbers(stated("ch02", key, "reveal"), checked), f"{key}: numbers in the reveal not checked"