"""Chapter 7: every number a prediction states (data/predictions/ch07.yaml) is the model's own.

Each row names a prediction, the field, and a passage of it with ``{}`` where numbers stand; the
numbers are computed here from the public functions of ``widgets.maturity`` (the book's settings:
48 months, a hard stretch of strength 1 from month 30) and the passage, so filled in, must appear
word for word. A last test checks that no number in a reveal is left unchecked.
"""
from __future__ import annotations

import pytest

from widgets import maturity as ma
from widgets.data import load_predictions

from support.stated import g, stated, unchecked_numbers


def run(growth_1: float, growth_2: float, strain: float = 0.0):
    return ma.simulate_relationship(growth_1, growth_2, strain)


def mature(growth_1: float, growth_2: float, strain: float = 0.0) -> str:
    """Share of the 48 months the pair spends in mature love, as the figure's title rounds it."""
    return f"{ma.time_in_zones(run(growth_1, growth_2, strain))['shares']['mature love']:.0%}"


def share(growth_1: float, growth_2: float, name: str) -> str:
    return f"{ma.time_in_zones(run(growth_1, growth_2))['shares'][name]:.0%}"


def first(growth_1: float, growth_2: float) -> str:
    """First month in mature love, as the title rounds it."""
    return f"{ma.time_in_zones(run(growth_1, growth_2))['first_mature']:.0f}"


def back(growth_1: float, growth_2: float) -> str:
    """First month in mature love again after the hard stretch, as the title rounds it."""
    return f"{ma.after_strain(run(growth_1, growth_2, 1.0))['back']:.0f}"


def low_point(growth_1: float, growth_2: float) -> str:
    return f"{ma.after_strain(run(growth_1, growth_2, 1.0))['low_point']:.2f}"


def before_strain(growth_1: float, growth_2: float) -> str:
    """The less differentiated partner's level just before the hard stretch."""
    path = run(growth_1, growth_2, 1.0)
    return f"{path.differentiation[path.month < ma.STRAIN_MONTH].iloc[-1]:.2f}"


def swing(growth_1: float, growth_2: float) -> list[str]:
    return [f"{x:.2f}" for x in ma.swing_range(run(growth_1, growth_2))]


# (prediction, field, passage with {} for numbers, the numbers computed from the model)
ROWS = [
    ("ch07-alone", "prompt", "partner 1 at the fastest speed ({}), partner 2 not at all ({}). What happens to the "
                             "push–pull swings over the {} months?",
     lambda: [g(ma.GROWTH_GRID[-1]), g(ma.GROWTH_GRID[0]), ma.N_MONTHS]),
    ("ch07-alone", "reveal", "Partner 1's own differentiation climbs to {}, yet by month {} closeness still swings "
                             "between {} and {} ({} and {} with no growth at all)",
     lambda: [f"{run(1.0, 0.0).basic_1.iloc[-1]:.2f}", ma.N_MONTHS, *swing(1.0, 0.0), *swing(0.0, 0.0)]),
    ("ch07-alone", "reveal", "The pair spends {} of the time in fusion and {} in distance, against {} each with no growth",
     lambda: [share(1.0, 0.0, "fusion"), share(1.0, 0.0, "distance"), share(0.0, 0.0, "fusion")]),
    ("ch07-faster", "prompt", "Set both partners' growth to {}: the pair first reaches mature love in month {}. Now "
                              "speed up partner 1 alone, to {}, and leave partner 2 at {}.",
     lambda: [g(0.5), first(0.5, 0.5), g(1.0), g(0.5)]),
    ("ch07-faster", "reveal", "from {} to {} of the {} months, and the pair still first reaches mature love in month {}",
     lambda: [mature(0.5, 0.5), mature(1.0, 0.5), ma.N_MONTHS, first(1.0, 0.5)]),
    ("ch07-faster", "reveal", "Slow partner 2 down to {} instead, with partner 1 at {}, and it falls to {}, first "
                              "reached only in month {}.",
     lambda: [g(0.25), g(0.5), mature(0.5, 0.25), first(0.5, 0.25)]),
    ("ch07-hard", "prompt", "Keep both growths at {} and switch on the hard stretch: three hard months",
     lambda: [g(0.5)]),
    ("ch07-hard", "prompt", "from month {}.", lambda: [ma.STRAIN_MONTH]),
    ("ch07-hard", "reveal", "both partners' differentiation falls from {} to {}, back into fusion when they are "
                            "close, and the pair is not in mature love again until month {}.",
     lambda: [before_strain(0.5, 0.5), low_point(0.5, 0.5), back(0.5, 0.5)]),
    ("ch07-hard", "reveal", "Over the {} months its time in mature love drops from {} to {}.",
     lambda: [ma.N_MONTHS, mature(0.5, 0.5), mature(0.5, 0.5, 1.0)]),
    ("ch07-recover", "prompt", "both partners at {}, both at {}, and partner 1 at {} with partner 2 at {}",
     lambda: [g(0.5), g(1.0), g(1.0), g(0.5)]),
    ("ch07-recover", "reveal", "The pair with both at {} falls less far (to {}) and is back in mature love in month {}, "
                               "right after the stretch ends; with both at {} it takes until month {}. The pair with "
                               "{} and {} also comes back only in month {}",
     lambda: [g(1.0), low_point(1.0, 1.0), back(1.0, 1.0), g(0.5), back(0.5, 0.5), g(1.0), g(0.5), back(1.0, 0.5)]),
]


@pytest.mark.parametrize("key, field, passage, compute", ROWS,
                         ids=[f"{key}-{field}-{n}" for n, (key, field, _, _) in enumerate(ROWS, start=1)])
def test_each_stated_number_is_the_models(key, field, passage, compute):
    expected = passage.format(*compute())
    assert expected in stated("ch07", key, field), f"{key} {field} should say: {expected!r}"


def test_the_settings_the_rows_assume_are_the_books():
    """Every setting the rows use is a position of the book's controls, and the hard stretch lasts
    three months ("three hard months")."""
    view = ma.plane_view()
    values = {c.name: set(c.values) for c in view.book_controls}
    assert {0.0, 0.25, 0.5, 1.0} <= values["growth_1"] and values["growth_1"] == values["growth_2"]
    assert values["strain"] == {0.0, 1.0} and ma.HARD_MONTHS == 3
    assert view.defaults() == {"growth_1": 0.5, "growth_2": 0.5, "strain": 0.0}


def test_what_the_reveals_say_in_words_holds():
    """ch07-alone: one partner's growth narrows the swings but never brings mature love (option 2);
    ch07-faster: the faster partner adds little, the slower partner takes away much (option 2);
    ch07-hard: a mature pair is knocked out of mature love, into fusion at close moments, and comes
    back within the 48 months (option 2); ch07-recover: both at 1 soonest, 1 with 0.5 no sooner than
    both at 0.5 (option 1)."""
    predictions = load_predictions("ch07")
    alone, still = run(1.0, 0.0), run(0.0, 0.0)
    narrower = ma.swing_range(alone)[1] - ma.swing_range(alone)[0] < ma.swing_range(still)[1] - ma.swing_range(still)[0]
    assert narrower and ma.time_in_zones(alone)["first_mature"] is None and predictions["ch07-alone"]["shows"] == 2
    gain = ma.time_in_zones(run(1.0, 0.5))["shares"]["mature love"] - ma.time_in_zones(run(0.5, 0.5))["shares"]["mature love"]
    loss = ma.time_in_zones(run(0.5, 0.5))["shares"]["mature love"] - ma.time_in_zones(run(0.5, 0.25))["shares"]["mature love"]
    assert 0 < gain < 0.05 < 0.3 < loss and predictions["ch07-faster"]["shows"] == 2
    hard = run(0.5, 0.5, 1.0)
    summary = ma.after_strain(hard)
    during = hard[(hard.month >= summary["start"]) & (hard.month < summary["back"])]
    still = during.month[during.zone == "mature love"]
    assert summary["mature_before"] and "fusion" in set(during.zone)
    assert still.empty or still.max() < summary["start"] + 0.5, "out of mature love within days of the start"
    assert summary["back"] is not None and predictions["ch07-hard"]["shows"] == 2
    backs = {pair: ma.after_strain(run(*pair, 1.0))["back"] for pair in ((0.5, 0.5), (1.0, 1.0), (1.0, 0.5))}
    assert backs[(1.0, 1.0)] < backs[(0.5, 0.5)] == backs[(1.0, 0.5)] and predictions["ch07-recover"]["shows"] == 1
    assert backs[(1.0, 1.0)] - ma.after_strain(run(1.0, 1.0, 1.0))["end"] < 1, "back right after the stretch ends"


@pytest.mark.parametrize("key", sorted(load_predictions("ch07")))
def test_no_number_in_a_reveal_is_left_unchecked(key):
    """Every number in a reveal is inside a passage a row above checks."""
    checked = [passage.format(*compute()) for k, field, passage, compute in ROWS if k == key and field == "reveal"]
    assert not unchecked_numbers(stated("ch07", key, "reveal"), checked), f"{key}: numbers in the reveal not checked"