"""Chapter 6: every number the page states about its model is the model's own.

Each row names a claim and a passage of the chapter with ``{}`` where numbers stand; the numbers
are computed here from the public functions of ``widgets.compassion`` (the book's settings: 60
days, seed 6, a daily stressor chance of 0.2 unless the row says otherwise) and the passage, so
filled in, must appear word for word in the chapter's markdown (``ROWS``: the student page;
``INSTRUCTOR_ROWS``: the instructor boxes the student book leaves out) or in a question of the
chapter's self-check (``QUIZ_ROWS``). The sorting exercise's key is checked against its data file.
What the page says in words about the model is checked by the test functions below the rows.
The numbers in the predictions are checked by ``test_ch06_predictions.py``.
"""
from __future__ import annotations

import inspect

import pytest

from widgets import compassion as co
from widgets.data import load_sorter

from support.stated import g, notebook_text, pct, quiz_text, two

SETTINGS = {name: p.default for name, p in inspect.signature(co.systems_figure).parameters.items()}
N_DAYS, SEED = SETTINGS["n_days"], SETTINGS["seed"]
START = co.systems_view().defaults()  # soothing 0.25, stressor chance 0.2
RATE = START["stress_rate"]
GRID = co.SOOTHING_GRID
LOWEST, HIGHEST = GRID[0], GRID[-1]
HIGH = co.HIGH_THREAT
LEVEL = 0.25  # the level the second Try-this step and its key name


def run(soothing: float, stress_rate: float = RATE):
    return co.simulate_systems(soothing, stress_rate, N_DAYS, SEED)


def summary(soothing: float, stress_rate: float = RATE) -> dict:
    return co.systems_summary(run(soothing, stress_rate))


def days_above(soothing: float, stress_rate: float = RATE) -> int:
    return int((run(soothing, stress_rate).threat > HIGH).sum())


def share_above(soothing: float, stress_rate: float = RATE) -> str:
    """Share of days with threat above 0.5, as the figure's title rounds it."""
    return pct(summary(soothing, stress_rate)["high_threat"])


def stressor_days(stress_rate: float = RATE) -> list[int]:
    """The stressor days (the same at every capacity; see the test below)."""
    days = run(LOWEST, stress_rate)
    return days.day[days.stressor].tolist()


def quiet_stretch() -> tuple[int, int]:
    """The stressor days on either side of the longest stretch without one."""
    days = stressor_days()
    return max(zip(days, days[1:]), key=lambda pair: pair[1] - pair[0])


def first_below(soothing: float, level: float = LEVEL) -> int:
    """The first day after the quiet stretch begins on which threat is below ``level``."""
    days = run(soothing)
    after = days[days.day > quiet_stretch()[0]]
    return int(after.day[after.threat < level].iloc[0])


def first_stressor() -> tuple[str, str]:
    """Threat the day before the first stressor and on it, the same at every capacity."""
    day = stressor_days()[0]
    values = {(g(run(s).threat.iloc[day - 2]), two(run(s).threat.iloc[day - 1])) for s in GRID}
    assert len(values) == 1, "the first stressor should push threat equally at every capacity"
    return values.pop()


def peak_day() -> int:
    """The day of the highest threat, the same at every capacity."""
    days = {int(run(s).day[run(s).threat.idxmax()]) for s in GRID}
    assert len(days) == 1, "threat should peak on the same day at every capacity"
    return days.pop()


def each(values) -> list[str]:
    return [str(v) for v in values]


def joined(values, last: str = " and ") -> str:
    values = [str(v) for v in values]
    return ", ".join(values[:-1]) + last + values[-1]


# (claim, passage with {} for numbers, the numbers computed from the model)
ROWS = [
    ("start-days", "The figure below follows one imagined person for {} days.", lambda: [N_DAYS]),
    ("start-range", "then move the soothing capacity from {} to {} and watch the red line",
     lambda: [g(LOWEST), g(HIGHEST)]),
    ("model1-days", "It follows one imagined person for {} days and turns the three systems into three lines.",
     lambda: [N_DAYS]),
    ("model1-stressor", "A stressor pushes threat up by {} of the room left below 1. Every day threat also settles "
                        "a little: by {} on its own",
     lambda: [pct(co.STRESS_GAIN), pct(co.CALM)]),
    ("model1-capacity", "The slider sets the **soothing capacity**, from {} to {}.", lambda: [g(LOWEST), g(HIGHEST)]),
    ("model1-no-soothing", "With a capacity of {}, there is no soothing at all.", lambda: [g(LOWEST)]),
    ("model1-drive", "A steady baseline of {}, plus threat that is not soothed", lambda: [g(co.DRIVE_BASE)]),
    ("model1-title", "The title reports the average threat over the {} days and the share of days on which threat "
                     "is above {}.",
     lambda: [N_DAYS, g(HIGH)]),
    ("model1-stressor-slider", "the daily chance of a stressor ({} to {}), which starts at {}.",
     lambda: [g(co.STRESS_GRID[0]), g(co.STRESS_GRID[-1]), g(RATE)]),
    ("try-first-prediction", "Set the capacity to {}, then to {}.", lambda: [g(LOWEST), g(HIGHEST)]),
    ("try-first-stressor", "watch the first orange triangle (day {})", lambda: [stressor_days()[0]]),
    ("try-quiet-stretch", "Between day {} and day {} no stressor comes.", lambda: list(quiet_stretch())),
    ("try-quiet-level", "find the day on which threat first falls below {} again.", lambda: [g(LEVEL)]),
    ("try-dashed-line", "At capacity {}, how closely does drive follow threat?", lambda: [g(LOWEST)]),
    ("try-steps", "then step through {} and count the days above {} in the title.",
     lambda: [joined(g(s) for s in GRID), g(HIGH)]),
    ("leaves-out-days", "one fixed number that does not grow over the {} days", lambda: [N_DAYS]),
    ("leaves-out-constants", "Its constants ({} of the room left, {} settling, the strength of soothing, the drive "
                             "baseline and the {} line) are teaching choices.",
     lambda: [pct(co.STRESS_GAIN), pct(co.CALM), g(HIGH)]),
]

INSTRUCTOR_ROWS = [
    ("activity-predict", "each pair predicts on how many of the {} days threat will be above {} at soothing "
                         "capacity {} and at capacity {}",
     lambda: [N_DAYS, g(HIGH), g(LOWEST), g(HIGHEST)]),
    ("activity-steps", "step through all {} capacities and record the days above {};",
     lambda: [{5: "five"}[len(GRID)], g(HIGH)]),
    ("activity-levers", "set capacity {} and compare a stressor chance of {} with capacity {} at a stressor chance "
                        "of {}.",
     lambda: [g(0.25), g(0.1), g(0.75), g(RATE)]),
    ("activity-expected", "Expected results: (1) {} days at capacity {}, {} days at capacity {}; (2) {}; (3) both "
                          "give {} of days ({} of {}) above {}.",
     lambda: [days_above(LOWEST), g(LOWEST), days_above(HIGHEST), g(HIGHEST),
              ", ".join(str(days_above(s)) for s in GRID),
              share_above(0.25, 0.1), days_above(0.25, 0.1), N_DAYS, g(HIGH)]),
    ("key-stressors", "(seed {}; the stressor days are the same at every capacity). Stressor chance {}: {} "
                      "stressors, on days {}.",
     lambda: [SEED, g(RATE), len(stressor_days()), joined(stressor_days())]),
    ("key-first-stressor", "The first pushes threat from {} to {} at every capacity.", lambda: list(first_stressor())),
    ("key-capacities", "Capacity {}: days with threat above {} are {} ({}); peak threat {} (all on day {}); "
                       "average threat {}; average drive {}.",
     lambda: [" / ".join(g(s) for s in GRID), g(HIGH), " / ".join(str(days_above(s)) for s in GRID),
              ", ".join(share_above(s) for s in GRID), " / ".join(two(summary(s)["peak_threat"]) for s in GRID),
              peak_day(), " / ".join(two(summary(s)["mean_threat"]) for s in GRID),
              " / ".join(two(summary(s)["mean_drive"]) for s in GRID)]),
    ("key-quiet-stretch", "After the stressor on day {}, threat first falls below {} on day {}.",
     lambda: [quiet_stretch()[0], g(LEVEL), " / ".join(str(first_below(s)) for s in GRID)]),
    ("key-levers", "At capacity {} and stressor chance {}, {} of days are above {}, the same as capacity {} at {}.",
     lambda: [g(0.25), g(0.1), share_above(0.25, 0.1), g(HIGH), g(0.75), g(RATE)]),
    ("key-frequent", "At stressor chance {} ({} stressors), capacity {} gives {} and capacity {} gives {}.",
     lambda: [g(co.STRESS_GRID[-1]), len(stressor_days(co.STRESS_GRID[-1])), g(HIGHEST),
              share_above(HIGHEST, co.STRESS_GRID[-1]), g(LOWEST), share_above(LOWEST, co.STRESS_GRID[-1])]),
    ("key-no-stressors", "With no stressors at all, threat stays at {}, drive at {} and soothing at half the capacity.",
     lambda: [g(run(HIGHEST, 0.0).threat.max()), g(run(HIGHEST, 0.0).drive.max())]),
    ("key-sorter", "**Key for the sorting exercise.** {}.",
     lambda: [", ".join(f"{n} {item['answer']}" for n, item in enumerate(load_sorter("core_conditions")["items"], 1))]),
]

QUIZ_ROWS = [
    ("ch06-q8", "(book setting: a {} daily chance of a stressor, the same {} stressor days at every setting), what "
                "happens when the soothing capacity is raised from {} to {}?",
     lambda: [g(RATE), len(stressor_days()), g(LOWEST), g(HIGHEST)]),
    ("ch06-q8", "Threat still rises with each stressor, but settles sooner: days above {} fall from {} to {}",
     lambda: [g(HIGH), days_above(LOWEST), days_above(HIGHEST)]),
    ("ch06-q8", "The first stressor still pushes threat to {} at every setting", lambda: [first_stressor()[1]]),
    ("ch06-q8", "Each step in capacity helps, but less than the one before ({} days).",
     lambda: [", ".join(str(days_above(s)) for s in GRID)]),
    ("ch06-q8", "Even at capacity {}, threat peaks at {} and is above {} on {} days.",
     lambda: [g(HIGHEST), two(summary(HIGHEST)["peak_threat"]), g(HIGH), days_above(HIGHEST)]),
    ("ch06-q8", "drive falls (average {} at capacity {}, {} at capacity {})",
     lambda: [two(summary(LOWEST)["mean_drive"]), g(LOWEST), two(summary(HIGHEST)["mean_drive"]), g(HIGHEST)]),
]


@pytest.mark.parametrize("claim, passage, compute", ROWS, ids=[row[0] for row in ROWS])
def test_each_number_the_page_states_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch06"), f"{claim}: the page should say {expected!r}"


@pytest.mark.parametrize("claim, passage, compute", INSTRUCTOR_ROWS, ids=[row[0] for row in INSTRUCTOR_ROWS])
def test_each_number_the_instructor_boxes_state_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected not in notebook_text("ch06"), f"{claim}: expected only in an instructor box"
    assert expected in notebook_text("ch06", student=False), f"{claim}: the instructor box should say {expected!r}"


@pytest.mark.parametrize("claim, passage, compute", QUIZ_ROWS,
                         ids=[f"{row[0]}-{n}" for n, row in enumerate(QUIZ_ROWS, start=1)])
def test_each_number_the_self_check_states_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in quiz_text("ch06", claim), f"{claim}: the question should say {expected!r}"


def test_claim_ids_are_unique():
    ids = [row[0] for row in ROWS + INSTRUCTOR_ROWS]
    assert len(ids) == len(set(ids))

def test_the_book_runs_the_model_with_both_sliders_at_the_stated_positions():
    """Both sliders work in the book: capacity 0-1 in steps of 0.25 from 0.25, stressor chance 0-0.4 from 0.2."""
    view = co.systems_view()
    assert [c.name for c in view.book_controls] == ["soothing", "stress_rate"] and view.book_fixed == {}
    assert START == {"soothing": 0.25, "stress_rate": 0.2}
    assert GRID == (0.0, 0.25, 0.5, 0.75, 1.0) and co.STRESS_GRID == (0.0, 0.1, 0.2, 0.3, 0.4)
    assert (N_DAYS, SEED) == (60, 6) and len(run(0.25)) == N_DAYS


def test_the_stressor_days_are_the_same_at_every_capacity():
    for rate in co.STRESS_GRID:
        assert all((run(s, rate).stressor == run(LOWEST, rate).stressor).all() for s in GRID)


def test_soothing_rises_with_threat_up_to_the_capacity_and_is_absent_at_capacity_0():
    assert all((run(s).soothing <= s + 1e-12).all() for s in GRID)
    assert (run(LOWEST).soothing == 0).all()
    strong = run(HIGHEST)
    assert strong.soothing.corr(strong.threat.shift(1).fillna(0)) > 0.99


def test_with_no_stressors_threat_stays_at_0_and_soothing_at_half_the_capacity():
    for s in GRID:
        quiet = run(s, 0.0)
        assert (quiet.threat == 0).all() and (quiet.drive == co.DRIVE_BASE).all() and (quiet.soothing == s / 2).all()


def test_drive_follows_threat_closely_at_capacity_0():
    none = run(LOWEST)
    assert none.drive.corr(none.threat) > 0.999


def test_stronger_soothing_never_leaves_threat_higher_on_any_day():
    for weaker, stronger in zip(GRID, GRID[1:]):
        assert (run(stronger).threat <= run(weaker).threat + 1e-12).all()


def test_soothing_settles_threat_sooner_with_diminishing_returns():
    """Each step in capacity saves fewer days above 0.5 than the one before, and threat falls back
    below 0.25 no later after the quiet stretch begins."""
    counts = [days_above(s) for s in GRID]
    savings = [a - b for a, b in zip(counts, counts[1:])]
    assert all(a > b for a, b in zip(savings, savings[1:]))
    firsts = [first_below(s) for s in GRID]
    assert firsts == sorted(firsts, reverse=True)


def test_the_two_levers_the_activity_compares_give_the_same_days():
    """Capacity 0.25 at a stressor chance of 0.1 gives the same days above 0.5 as capacity 0.75 at 0.2."""
    assert days_above(0.25, 0.1) == days_above(0.75, RATE) and share_above(0.25, 0.1) == share_above(0.75, RATE)


def test_a_quiz_distractor_the_feedback_refutes_is_false():
    """ch06-q8, option 3: "Threat never rises above 0.2 again" is wrong even at capacity 1."""
    assert summary(HIGHEST)["peak_threat"] > 0.2


def test_the_sorter_cards_the_page_compares_are_what_it_says():
    """Cards 3 and 11 are the two 'honest' replies: the judgemental one misses all three conditions,
    the one about the therapist's own limits is congruence; card 12 is regard for a person who harmed."""
    answers = [item["answer"] for item in load_sorter("core_conditions")["items"]]
    assert "**Compare cards 3 and 11.**" in notebook_text("ch06")
    assert "Cards 3 and 11 make the central contrast" in notebook_text("ch06", student=False)
    assert "Card 12 shows regard for a person who has harmed someone" in notebook_text("ch06", student=False)
    assert (answers[2], answers[10], answers[11]) == ("none", "congruence", "regard")
