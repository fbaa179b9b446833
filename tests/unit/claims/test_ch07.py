"""Chapter 7: every number the page states about its model is the model's own.

Each row names a claim and a passage of the chapter with ``{}`` where numbers stand; the numbers
are computed here from the public functions of ``widgets.maturity`` (the book's settings: 48
months; a hard stretch of strength 1 from month 30 where the row says so) and the passage, so
filled in, must appear word for word in the chapter's markdown (``ROWS``: the student page;
``INSTRUCTOR_ROWS``: the instructor boxes the student book leaves out) or in a question of the
chapter's self-check (``QUIZ_ROWS``). The sorting exercise's key is checked against its data file.
What the page says in words about the model is checked by the test functions below the rows.
The numbers in the predictions are checked by ``test_ch07_predictions.py``.
"""
from __future__ import annotations

import re

import numpy as np
import pytest

from widgets import maturity as ma
from widgets.data import load_sorter

from support.stated import g, notebook_text, pct, quiz_text, two

VIEW = ma.plane_view()
START = VIEW.defaults()  # both growths 0.5, no hard stretch
GRID = ma.GROWTH_GRID
SLOWEST, FASTEST = GRID[0], GRID[-1]
HARD = ma.STRAIN_GRID[-1]
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 12: "twelve"}


def run(growth_1: float, growth_2: float, strain: float = 0.0):
    return ma.simulate_relationship(growth_1, growth_2, strain)


def share(growth_1: float, growth_2: float, name: str, strain: float = 0.0) -> str:
    """Share of the 48 months the pair spends in a zone, as the figure's title rounds it."""
    return pct(ma.time_in_zones(run(growth_1, growth_2, strain))["shares"][name])


def mature(growth_1: float, growth_2: float, strain: float = 0.0) -> str:
    return share(growth_1, growth_2, "mature love", strain)


def first(growth_1: float, growth_2: float) -> str:
    """First month in mature love, as the title rounds it."""
    return f"{ma.time_in_zones(run(growth_1, growth_2))['first_mature']:.0f}"


def hard(growth_1: float, growth_2: float) -> dict:
    return ma.after_strain(run(growth_1, growth_2, HARD))


def back(growth_1: float, growth_2: float) -> str:
    """First month in mature love again after the hard stretch, as the title rounds it."""
    return f"{hard(growth_1, growth_2)['back']:.0f}"


def low_point(growth_1: float, growth_2: float) -> str:
    return two(hard(growth_1, growth_2)["low_point"])


def before_strain(growth_1: float, growth_2: float) -> str:
    """The less differentiated partner's level just before the hard stretch."""
    path = run(growth_1, growth_2, HARD)
    return two(path.differentiation[path.month < ma.STRAIN_MONTH].iloc[-1])


def swing(growth_1: float, growth_2: float, joint: str = "–") -> str:
    """The range of closeness over the last cycle, as "0.10–0.90"."""
    return joint.join(two(x) for x in ma.swing_range(run(growth_1, growth_2)))


def still_level() -> str:
    """Differentiation with no growth, the same at every month."""
    levels = set(run(SLOWEST, SLOWEST).differentiation)
    assert len(levels) == 1
    return two(levels.pop())


def joined(values, last: str = " and ") -> str:
    values = [str(v) for v in values]
    return ", ".join(values[:-1]) + last + values[-1]


# (claim, passage with {} for numbers, the numbers computed from the model)
ROWS = [
    ("start-months", "Each coloured line is one partner over {} months", lambda: [ma.N_MONTHS]),
    ("start-try", "then set partner 1's growth to {} and partner 2's to {}, and watch the swings.",
     lambda: [g(FASTEST), g(SLOWEST)]),
    ("model1-months", "it follows two partners, 1 and 2, for {} months.", lambda: [ma.N_MONTHS]),
    ("model1-fusion", "**fusion** (red): closeness of {} or more, with differentiation below {};",
     lambda: [g(ma.CLOSE), g(ma.FUSED)]),
    ("model1-distance", "**distance** (blue): closeness below {};", lambda: [g(ma.FAR)]),
    ("model1-mature", "**mature love** (green): closeness of {} or more, with differentiation of {} or more.",
     lambda: [g(ma.CLOSE), g(ma.DIFFERENTIATED)]),
    ("model1-growth", "At {} it stays at {}. Above {} it rises towards {}", lambda: [g(SLOWEST), g(ma.D0), g(SLOWEST),
                                                                                    g(ma.D_MAX)]),
    ("model1-formula", "after *t* months it is {} + {} × (1 − e<sup>−growth × *t* / {}</sup>).",
     lambda: [g(ma.D0), g(round(ma.D_MAX - ma.D0, 6)), g(ma.TAU)]),
    ("model1-period", "swings closeness up and down once every {} months.", lambda: [g(ma.PERIOD)]),
    ("model1-lead", "that partner's reactivity sets {} of the swings' width, the steadier partner's only {}.",
     lambda: [pct(ma.LEAD), pct(1 - ma.LEAD)]),
    ("model1-hard", "The buttons add {} hard months from outside the relationship, such as an illness, a lost job "
                    "or a bereavement, in months {} to {}.",
     lambda: [WORDS[ma.HARD_MONTHS], ma.STRAIN_MONTH, ma.STRAIN_MONTH + ma.HARD_MONTHS]),
    ("model1-sliders", "The two sliders have {} positions ({}) and start at {}; the hard stretch starts switched off.",
     lambda: [WORDS[len(GRID)], joined(g(x) for x in GRID), g(START["growth_1"])]),
    ("model1-loop", "With both sliders at {} and no hard stretch, both lines lie on the grey loop.", lambda: [g(SLOWEST)]),
    ("model1-title", "The title gives the share of the {} months that the pair spends in mature love",
     lambda: [ma.N_MONTHS]),
    ("try-alone", "Set partner 1's growth to {} and partner 2's to {}. Compare the width of the swings",
     lambda: [g(FASTEST), g(SLOWEST)]),
    ("try-pace", "Set both sliders to {} and note the title.", lambda: [g(0.5)]),
    ("try-hard", "With both at {}, make the second prediction", lambda: [g(0.5)]),
    ("try-no-growth", "Set both sliders to {} and switch the hard stretch on and off.", lambda: [g(SLOWEST)]),
    ("leaves-out-choices", "The {}/{} weights, the {}-month cycle, the {} months and the zone borders are teaching "
                           "choices.",
     lambda: [round(100 * ma.LEAD), round(100 * (1 - ma.LEAD)), g(ma.PERIOD), ma.N_MONTHS]),
    ("leaves-out-between", "a very close pair whose less differentiated partner is between {} and {} counts as "
                           "\"in between\"",
     lambda: [g(ma.FUSED), g(ma.DIFFERENTIATED)]),
    ("sorter-count", "The sorting exercise gives {} reasons", lambda: [WORDS[len(load_sorter("moral_reasoning")["items"])]]),
    ("discussion-months", "The model keeps two people together for {} months", lambda: [ma.N_MONTHS]),
]

INSTRUCTOR_ROWS = [
    ("activity-alone", "(1) both sliders at {} ({} fusion, {} distance, never mature love), then partner 1 at {} and "
                       "partner 2 at {}: the swings narrow only from {} to {} and mature love never comes;",
     lambda: [g(SLOWEST), share(SLOWEST, SLOWEST, "fusion"), share(SLOWEST, SLOWEST, "distance"), g(FASTEST),
              g(SLOWEST), swing(SLOWEST, SLOWEST), swing(FASTEST, SLOWEST)]),
    ("activity-pace", "(2) both at {} (mature love from month {}, {} of the time), then partner 1 at {} ({}) and "
                      "partner 2 at {} instead ({}): the slower partner sets the pace;",
     lambda: [g(0.5), first(0.5, 0.5), mature(0.5, 0.5), g(FASTEST), mature(FASTEST, 0.5), g(0.25),
              mature(0.5, 0.25)]),
    ("activity-hard", "(3) hard stretch on, both at {}: out of mature love until month {}, {} of the time; both at "
                      "{}: back in month {};",
     lambda: [g(0.5), back(0.5, 0.5), mature(0.5, 0.5, HARD), g(FASTEST), back(FASTEST, FASTEST)]),
    ("key-no-growth", "No growth: closeness {}, differentiation {}; {} fusion, {} distance, {} in between, never "
                      "mature love.",
     lambda: [swing(SLOWEST, SLOWEST), still_level(), share(SLOWEST, SLOWEST, "fusion"),
              share(SLOWEST, SLOWEST, "distance"), share(SLOWEST, SLOWEST, "in between")]),
    ("key-alone", "Partner 1 at {}, partner 2 at {}: partner 1 reaches {}; at month {} closeness {}; {} fusion, {} "
                  "distance; never mature love.",
     lambda: [g(FASTEST), g(SLOWEST), two(run(FASTEST, SLOWEST).basic_1.iloc[-1]), ma.N_MONTHS,
              swing(FASTEST, SLOWEST), share(FASTEST, SLOWEST, "fusion"), share(FASTEST, SLOWEST, "distance")]),
    ("key-both-half", "Both at {}: first mature love in month {}; {} mature love, {} fusion, {} distance, {} in "
                      "between.",
     lambda: [g(0.5), first(0.5, 0.5), *(share(0.5, 0.5, z) for z in ("mature love", "fusion", "distance",
                                                                        "in between"))]),
    ("key-faster", "Partner 1 at {}, partner 2 at {}: {}, first in month {}.",
     lambda: [g(FASTEST), g(0.5), mature(FASTEST, 0.5), first(FASTEST, 0.5)]),
    ("key-slower", "Partner 1 at {}, partner 2 at {}: {}, first in month {}.",
     lambda: [g(0.5), g(0.25), mature(0.5, 0.25), first(0.5, 0.25)]),
    ("key-both-fast", "Both at {}: {}, from month {}; both at {}: {}, from month {}.",
     lambda: [g(0.75), mature(0.75, 0.75), first(0.75, 0.75), g(FASTEST), mature(FASTEST, FASTEST),
              first(FASTEST, FASTEST)]),
    ("key-hard-half", "Hard stretch (months {}–{}), both at {}: differentiation falls from {} to {}, back in mature "
                      "love in month {}, {} over the {} months;",
     lambda: [ma.STRAIN_MONTH, ma.STRAIN_MONTH + ma.HARD_MONTHS, g(0.5), before_strain(0.5, 0.5), low_point(0.5, 0.5),
              back(0.5, 0.5), mature(0.5, 0.5, HARD), ma.N_MONTHS]),
    ("key-hard-others", "both at {}: down to {}, back in month {}, {}; both at {}: down to {}, back in month {}, {}; "
                        "partner 1 at {} and partner 2 at {}: back in month {}, {}.",
     lambda: [g(0.75), low_point(0.75, 0.75), back(0.75, 0.75), mature(0.75, 0.75, HARD),
              g(FASTEST), low_point(FASTEST, FASTEST), back(FASTEST, FASTEST), mature(FASTEST, FASTEST, HARD),
              g(FASTEST), g(0.5), back(FASTEST, 0.5), mature(FASTEST, 0.5, HARD)]),
    ("key-hard-still", "Both at {} with the hard stretch: differentiation falls to {} and closeness swings between {} "
                       "and {}, yet the shares stay at {} fusion and {} distance",
     lambda: [g(SLOWEST), low_point(SLOWEST, SLOWEST), two(run(SLOWEST, SLOWEST, HARD).closeness.min()),
              two(run(SLOWEST, SLOWEST, HARD).closeness.max()), share(SLOWEST, SLOWEST, "fusion", HARD),
              share(SLOWEST, SLOWEST, "distance", HARD)]),
]

QUIZ_ROWS = [
    ("ch07-q6", "partner 1 grows at the fastest speed ({}) and partner 2 not at all ({}), with no hard stretch. What "
                "does the model show over the {} months?",
     lambda: [g(FASTEST), g(SLOWEST), ma.N_MONTHS]),
    ("ch07-q6", "Partner 1's differentiation climbs to {}, but by month {} closeness still swings between {} ({} with "
                "no growth)",
     lambda: [two(run(FASTEST, SLOWEST).basic_1.iloc[-1]), ma.N_MONTHS, swing(FASTEST, SLOWEST, " and "),
              swing(SLOWEST, SLOWEST, " to ")]),
    ("ch07-q6", "the steadier partner sets only {} of the swing's width, and the pair's zone follows the less "
                "differentiated partner, who stays at {}.",
     lambda: [pct(1 - ma.LEAD), g(ma.D0)]),
    ("ch07-q6", "Both at {} reach it in month {}.", lambda: [g(0.5), first(0.5, 0.5)]),
    ("ch07-q6", "the swings stay as wide as the grey loop, {}.", lambda: [swing(SLOWEST, SLOWEST, " to ")]),
    ("ch07-q6", "by month {} closeness swings between {}. It just cannot",
     lambda: [ma.N_MONTHS, swing(FASTEST, SLOWEST, " and ")]),
    ("ch07-q6", "With partner 2 at {} the pair never reaches mature love in the {} months, however fast partner 1 "
                "grows. A pair with both at {} does reach it, in month {}.",
     lambda: [g(SLOWEST), ma.N_MONTHS, g(0.25), first(0.25, 0.25)]),
    ("ch07-q7", "With both partners' growth at {}, a hard stretch from outside (months {}–{}) takes the pair out of "
                "mature love until month {}.",
     lambda: [g(0.5), ma.STRAIN_MONTH, ma.STRAIN_MONTH + ma.HARD_MONTHS, back(0.5, 0.5)]),
    ("ch07-q7", "lowers each partner's functional level for a while (to {}), but their basic level keeps growing, and "
                "the pair is in mature love again by month {}.",
     lambda: [low_point(0.5, 0.5), back(0.5, 0.5)]),
]


@pytest.mark.parametrize("claim, passage, compute", ROWS, ids=[row[0] for row in ROWS])
def test_each_number_the_page_states_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch07"), f"{claim}: the page should say {expected!r}"


@pytest.mark.parametrize("claim, passage, compute", INSTRUCTOR_ROWS, ids=[row[0] for row in INSTRUCTOR_ROWS])
def test_each_number_the_instructor_boxes_state_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected not in notebook_text("ch07"), f"{claim}: expected only in an instructor box"
    assert expected in notebook_text("ch07", student=False), f"{claim}: the instructor box should say {expected!r}"


@pytest.mark.parametrize("claim, passage, compute", QUIZ_ROWS,
                         ids=[f"{row[0]}-{n}" for n, row in enumerate(QUIZ_ROWS, start=1)])
def test_each_number_the_self_check_states_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in quiz_text("ch07", claim), f"{claim}: the question should say {expected!r}"


def test_claim_ids_are_unique():
    ids = [row[0] for row in ROWS + INSTRUCTOR_ROWS]
    assert len(ids) == len(set(ids))

def test_the_book_offers_all_three_controls_at_the_stated_positions():
    """Two sliders with five positions starting at 0.5, the hard stretch off; all three in the book."""
    assert [c.name for c in VIEW.book_controls] == ["growth_1", "growth_2", "strain"] and VIEW.book_fixed == {}
    assert START == {"growth_1": 0.5, "growth_2": 0.5, "strain": 0.0} and GRID == (0.0, 0.25, 0.5, 0.75, 1.0)
    assert run(0.5, 0.5).month.iloc[-1] == ma.N_MONTHS


def test_the_zone_rules_are_as_stated():
    closeness = [0.7, 0.3, 0.7, 0.7, 0.5, ma.CLOSE, ma.CLOSE]
    differentiation = [0.4, 0.9, 0.6, 0.55, 0.9, ma.DIFFERENTIATED, ma.FUSED - 0.01]
    assert list(ma.zone(closeness, differentiation)) == ["fusion", "distance", "mature love", "in between",
                                                         "in between", "mature love", "fusion"]


def test_the_pair_is_placed_by_the_lower_of_its_two_lines():
    for pair in ((1.0, 0.25), (0.25, 1.0), (0.5, 0.5)):
        path = run(*pair)
        low = np.minimum(path.differentiation_1, path.differentiation_2)
        assert (path.zone == ma.zone(path.closeness, low)).all()


def test_with_no_growth_the_pair_swings_on_the_grey_loop_for_ever():
    """Both lines stay at 0.2 while closeness swings around 0.5 once every 3 months."""
    still = run(SLOWEST, SLOWEST)
    assert np.allclose(still.closeness, 0.5 + 0.4 * np.sin(2 * np.pi * still.month / ma.PERIOD))
    assert (still.differentiation_1 == ma.D0).all() and (still.differentiation_2 == ma.D0).all()
    assert set(still.zone[still.month > ma.N_MONTHS - ma.PERIOD]) >= {"fusion", "distance"}


def test_each_partners_basic_level_follows_the_stated_curve_on_their_own():
    """0.2 + 0.65 (1 - exp(-growth t / 12)); neither partner's growth depends on the other's."""
    for growth in GRID:
        path = run(growth, SLOWEST)
        assert np.allclose(path.basic_1, ma.D0 + (ma.D_MAX - ma.D0) * (1 - np.exp(-growth * path.month / ma.TAU)))
        assert all(np.array_equal(path.basic_1, run(growth, other).basic_1) for other in GRID)


def test_the_less_differentiated_partner_sets_70_percent_of_the_swing():
    path = run(FASTEST, 0.25)
    high = np.maximum(path.differentiation_1, path.differentiation_2)
    expected = ma.SWING * (ma.LEAD * (1 - path.differentiation) + (1 - ma.LEAD) * (1 - high))
    assert np.allclose(path.swing, expected)


def test_the_centre_moves_closer_only_as_far_as_the_less_differentiated_partner_can_bear():
    """With one partner at 0 the centre of the swings stays at 0.5."""
    path = run(FASTEST, SLOWEST)
    assert np.allclose(path.closeness - path.swing * np.sin(2 * np.pi * path.month / ma.PERIOD), 0.5)


def test_a_hard_stretch_weighs_more_on_the_less_differentiated_partner_who_calms_down_more_slowly():
    """Anxiety rises more in the less differentiated partner; functional levels fall below basic;
    a more differentiated person calms down faster."""
    path = run(FASTEST, 0.25, HARD)
    assert (path.anxiety_2 >= path.anxiety_1).all() and path.anxiety_2.max() > path.anxiety_1.max()
    assert (path.differentiation_1 <= path.basic_1).all() and (path.differentiation_2 < path.basic_2).any()
    after = path[path.month > ma.STRAIN_MONTH + ma.HARD_MONTHS].iloc[:20]
    assert after.anxiety_1.sum() / after.anxiety_1.iloc[0] < after.anxiety_2.sum() / after.anxiety_2.iloc[0]
    summary = hard(0.5, 0.5)
    assert (summary["start"], summary["end"]) == (ma.STRAIN_MONTH, ma.STRAIN_MONTH + ma.HARD_MONTHS)


def test_the_title_gives_share_first_month_and_month_back():
    title = ma.plane_figure(0.5, 0.5).layout.title.text
    assert title.startswith(f"Growth 0.50 and 0.50: mature love {mature(0.5, 0.5)} of {ma.N_MONTHS} months")
    assert f"first in month {first(0.5, 0.5)}" in title
    assert f"back in month {back(0.5, 0.5)}" in ma.plane_figure(0.5, 0.5, HARD).layout.title.text


def test_one_partners_growth_alone_never_brings_mature_love():
    for growth in GRID:
        for pair in ((growth, SLOWEST), (SLOWEST, growth)):
            for strain in ma.STRAIN_GRID:
                assert ma.time_in_zones(run(*pair, strain))["first_mature"] is None


def test_every_pair_that_reached_mature_love_comes_back_and_even_the_fastest_drops_below_it():
    """q7: every pair that had reached mature love comes back after the hard stretch; even both at
    1 fall below 0.6 during it."""
    for a in GRID:
        for b in GRID:
            summary = hard(a, b)
            assert not summary["mature_before"] or summary["back"] is not None
    assert hard(FASTEST, FASTEST)["low_point"] < ma.DIFFERENTIATED


def test_the_sorter_key_follows_the_items_in_order():
    """The instructor's key names each reason's category in the order of the sorter's items, and the
    first four items are the four reasons not to read the phone."""
    key = notebook_text("ch07", student=False).split("**Key for the sorter.**", 1)[1].split("\n```", 1)[0]
    named = re.findall(r"\" (preconventional|conventional|postconventional|care)\b", key)
    items = load_sorter("moral_reasoning")["items"]
    assert named == [item["answer"] for item in items]
    assert all("phone" in item["text"] and "Reason given: \"No." in item["text"] for item in items[:4])
    assert "phone" not in items[4]["text"]
