"""Chapter 6: every number a prediction states (data/predictions/ch06.yaml) is the model's own.

Each row names a prediction, the field, and a passage of it with ``{}`` where numbers stand; the
numbers are computed here from the public functions of ``widgets.compassion`` (the book's
settings: 60 days, seed 6, a daily stressor chance of 0.2 unless the row says otherwise) and the
passage, so filled in, must appear word for word. A last test checks that no number in a reveal is
left unchecked.
"""
from __future__ import annotations

import inspect

import pytest

from widgets import compassion as co
from widgets.data import load_predictions

from support.stated import g, stated, unchecked_numbers

DEFAULTS = {name: p.default for name, p in inspect.signature(co.systems_figure).parameters.items()}


def run(soothing: float, stress_rate: float = 0.2):
    return co.simulate_systems(soothing, stress_rate, DEFAULTS["n_days"], DEFAULTS["seed"])


def days_above(soothing: float, stress_rate: float = 0.2) -> int:
    return int((run(soothing, stress_rate).threat > co.HIGH_THREAT).sum())


def share_above(soothing: float, stress_rate: float = 0.2) -> str:
    """Share of days with threat above 0.5, as the figure's title rounds it."""
    return f"{co.systems_summary(run(soothing, stress_rate))['high_threat']:.0%}"


def peak(soothing: float) -> str:
    return f"{co.systems_summary(run(soothing))['peak_threat']:.2f}"


def first_stressor() -> tuple[int, str, str]:
    """Day of the first stressor, threat the day before it and on it (the same at every capacity)."""
    days = run(0.0)
    day = int(days.day[days.stressor].iloc[0])
    values = {(f"{r.threat.iloc[day - 2]:g}", f"{r.threat.iloc[day - 1]:.2f}") for r in map(run, co.SOOTHING_GRID)}
    assert len(values) == 1, "the first stressor should push threat equally at every capacity"
    before, on = values.pop()
    return day, before, on


# (prediction, field, passage with {} for numbers, the numbers computed from the model)
ROWS = [
    ("ch06-start", "prompt", "one imagined person for {} days, with the same {} stressor days at every setting",
     lambda: [DEFAULTS["n_days"], int(run(0.0).stressor.sum())]),
    ("ch06-start", "prompt", "With no soothing at all (capacity {}), threat is above {} on {} of the {} days. What do "
                             "you expect at the strongest soothing capacity ({})?",
     lambda: [g(0.0), g(co.HIGH_THREAT), days_above(0.0), DEFAULTS["n_days"], g(1.0)]),
    ("ch06-start", "reveal", "the first stressor, on day {}, pushes it from {} to {} at every capacity",
     lambda: list(first_stressor())),
    ("ch06-start", "reveal", "At capacity {} threat is above {} on {} of the {} days ({}), against {} ({}) at capacity {}, "
                             "and it peaks at {} instead of {}.",
     lambda: [g(1.0), g(co.HIGH_THREAT), days_above(1.0), DEFAULTS["n_days"], share_above(1.0), days_above(0.0),
              share_above(0.0), g(0.0), peak(1.0), peak(0.0)]),
    ("ch06-steps", "prompt", "through {}, {}, {}, {} and {}, and count the days with threat above {}",
     lambda: [*map(g, co.SOOTHING_GRID), g(co.HIGH_THREAT)]),
    ("ch06-steps", "reveal", "The days above {} are {}, {}, {}, {} and {}",
     lambda: [g(co.HIGH_THREAT), *(days_above(s) for s in co.SOOTHING_GRID)]),
    ("ch06-steps", "reveal", "The first step, from {} to {}, halves the count; the last, from {} to {}, saves a single day.",
     lambda: [g(co.SOOTHING_GRID[0]), g(co.SOOTHING_GRID[1]), g(co.SOOTHING_GRID[-2]), g(co.SOOTHING_GRID[-1])]),
    ("ch06-lever", "prompt", "Set the soothing capacity to {}: threat is above {} on {} of days. Which does more: lowering "
                             "the daily chance of a stressor from {} to {}, or raising the soothing capacity to {}",
     lambda: [g(0.25), g(co.HIGH_THREAT), share_above(0.25), g(0.2), g(0.1), g(0.75)]),
    ("ch06-lever", "reveal", "each brings the days above {} down from {} to {} ({} of {})",
     lambda: [g(co.HIGH_THREAT), share_above(0.25), share_above(0.25, 0.1), days_above(0.25, 0.1), DEFAULTS["n_days"]]),
    ("ch06-lever", "reveal", "Now raise the daily chance of a stressor to {}: even capacity {} leaves threat above {} on {} "
                             "of days (capacity {}: {}).",
     lambda: [g(0.4), g(1.0), g(co.HIGH_THREAT), share_above(1.0, 0.4), g(0.0), share_above(0.0, 0.4)]),
]


@pytest.mark.parametrize("key, field, passage, compute", ROWS,
                         ids=[f"{key}-{field}-{n}" for n, (key, field, _, _) in enumerate(ROWS, start=1)])
def test_each_stated_number_is_the_models(key, field, passage, compute):
    expected = passage.format(*compute())
    assert expected in stated("ch06", key, field), f"{key} {field} should say: {expected!r}"


def test_the_settings_the_rows_assume_are_the_books():
    """The rows use the book's defaults and positions of its two sliders."""
    view = co.systems_view()
    values = {c.name: set(c.values) for c in view.book_controls}
    assert {0.0, 0.25, 0.75, 1.0} <= values["soothing"] and {0.1, 0.2, 0.4} <= values["stress_rate"]
    assert view.defaults() == {"soothing": 0.25, "stress_rate": 0.2}
    assert (DEFAULTS["n_days"], DEFAULTS["seed"]) == (60, 6)


def test_what_the_reveals_say_in_words_holds():
    """ch06-start: threat still jumps at each stressor but settles sooner (option 2);
    ch06-steps: each step helps less than the one before, the first halves the count and the last
    saves one day (option 2); ch06-lever: the two levers do exactly the same at these settings
    (option 2), and soothing does not keep pace with frequent stressors."""
    predictions = load_predictions("ch06")
    strong, none = run(1.0), run(0.0)
    assert (strong.threat[strong.stressor] > strong.threat.shift(1).fillna(0)[strong.stressor]).all()
    assert days_above(1.0) < days_above(0.0) and predictions["ch06-start"]["shows"] == 2
    assert (strong.threat <= none.threat + 1e-12).all()
    counts = [days_above(s) for s in co.SOOTHING_GRID]
    savings = [a - b for a, b in zip(counts, counts[1:])]
    assert all(a > b for a, b in zip(savings, savings[1:])) and predictions["ch06-steps"]["shows"] == 2
    assert counts[1] * 2 == counts[0] and savings[-1] == 1
    assert days_above(0.25, 0.1) == days_above(0.75, 0.2) and predictions["ch06-lever"]["shows"] == 2
    assert days_above(1.0, 0.4) > days_above(0.25, 0.1)


@pytest.mark.parametrize("key", sorted(load_predictions("ch06")))
def test_no_number_in_a_reveal_is_left_unchecked(key):
    """Every number in a reveal is inside a passage a row above checks."""
    checked = [passage.format(*compute()) for k, field, passage, compute in ROWS if k == key and field == "reveal"]
    assert not unchecked_numbers(stated("ch06", key, "reveal"), checked), f"{key}: numbers in the reveal not checked"