"""Chapter 1: every number the page states about its two models is the model's own.

The chapter's text (chapters/01_inner_mechanism.ipynb) describes Model 1 (splitting vs
integration) and Model 2 (mirror-dependent self-esteem) with numbers; its instructor box answers
the predictions and the "Try this" steps with more of them, and its self-check quotes some in
questions and feedback (data/quizzes/ch01.yaml). Each row names a claim, a passage as the text
has it with ``{}`` where numbers stand, and a function that computes those numbers from the public
functions of ``widgets.inner_mechanism``; the passage, so filled in, must appear word for word.
What the text says in words (never in a band, no pressure, both sliders work in the book) is
checked by the test functions below the rows. The predictions' own numbers are checked by
``test_ch01_predictions.py``.
"""
from __future__ import annotations

import pytest

from widgets import inner_mechanism as im
from widgets.data import load_quiz

from support.ch01 import hurtful_count, kind_count, moments_in_band, out_of_both_bands_from, run, signed, summary, unit
from support.stated import g, notebook_text, quiz_text, two, unchecked_numbers

WORDS = {3: "three", 8: "Eight"}


# -- Model 1: splitting vs integration ----------------------------------------------------------


def valuation_default(name: str) -> float:
    """Where a slider of Model 1 starts (splitting, p_hurtful)."""
    return im.valuation_view().defaults()[name]


# -- Model 2: mirror-dependent self-esteem ------------------------------------------------------

def esteem(dependence: float = 0.5, pattern: str = "withdraw"):
    return im.simulate_self_esteem(dependence, pattern)


def esteem_summary(dependence: float = 0.5, pattern: str = "withdraw") -> dict:
    return im.self_esteem_summary(esteem(dependence, pattern))


def core() -> float:
    """The inner core: where self-esteem starts, and where it stays at dependence 0 whatever the supply."""
    levels = {float(level) for pattern in im.PATTERNS for level in esteem(0.0, pattern).self_esteem.round(12)}
    assert len(levels) == 1, f"dependence 0 does not keep self-esteem at one level: {sorted(levels)}"
    return levels.pop()


def weekly_step_percent() -> float:
    """Share of the gap to the target closed each week, in per cent: read off the first week of
    full dependence, where the target is the mirroring itself."""
    first = esteem(1.0).iloc[0]
    return round(100 * (first.self_esteem - core()) / (first.mirroring - core()), 6)


def first_week(frame, mask) -> int:
    return int(frame[mask].week.min())


def pressure_above_half_from(dependence: float) -> int:
    run_ = esteem(dependence)
    return first_week(run_, run_.pressure > 0.5)


def withdraw_weeks() -> tuple[float, int, int, float, int, int]:
    """(full level, its first and last week, half level, its first and last week) of "idealise, then withdraw"."""
    supply = im.mirroring_supply("withdraw")
    full, half = float(supply.max()), float(supply.max()) / 2
    full_until = int((supply == full).sum())
    half_until = full_until + int((supply == half).sum())
    assert (supply[:full_until] == full).all() and (supply[full_until:half_until] == half).all() \
        and (supply[half_until:] == 0).all()
    return full, 1, full_until, half, full_until + 1, half_until


def supply_range() -> tuple[float, float]:
    """Lowest and highest mirroring any pattern gives."""
    values = [im.mirroring_supply(pattern) for pattern in im.PATTERNS]
    return min(v.min() for v in values), max(v.max() for v in values)


def pressure_at_or_above_core() -> float:
    """The highest pressure in any week whose self-esteem is at or above the core (any dependence, any pattern)."""
    return max(float(frame.pressure[frame.self_esteem >= core()].to_numpy().max(initial=0.0))
               for frame in (esteem(d, pattern) for d in im.DEPENDENCE_GRID for pattern in im.PATTERNS))


def highest_dependence_with_pressure_at_most_half() -> float:
    return max(d for d in im.DEPENDENCE_GRID if esteem_summary(d)["peak_pressure"] <= 0.5)


# (claim, passage as the student edition has it with {} for numbers, the numbers from the model)
ROWS = [
    ("start-history", "The model below plays one fixed history of {} moments with another person, {} kind and {} hurtful",
     lambda: [len(run()), kind_count(), hurtful_count()]),
    ("m1-sizes", "Its height is the size of the moment, from {} (small) to {} (large).",
     lambda: [g(run()["size"].min()), g(run()["size"].max())]),
    ("m1-share-start", "at {}, where it starts, {} of the {} are hurtful.",
     lambda: [g(valuation_default("p_hurtful")), hurtful_count(valuation_default("p_hurtful")), len(run())]),
    ("m1-scale", "It runs from {} (wholly bad) to {} (wholly good).",
     lambda: [unit(run(1.0).felt.min()), unit(run(1.0).felt.max())]),
    ("m1-splitting-ends", "At {} the mind keeps two separate images, all good and all bad.",
     lambda: [g(im.SPLITTING_GRID[-1])]),
    ("m1-splitting-ends", "At {} the felt image is simply the whole picture.", lambda: [g(im.SPLITTING_GRID[0])]),
    ("try1-start", "Keep the share at {} and move splitting down from {}",
     lambda: [g(valuation_default("p_hurtful")), g(valuation_default("splitting"))]),
    ("try1-one-sided", "Set the share to {}, then to {}, and compare the two lines.",
     lambda: [g(im.HURTFUL_GRID[0]), g(im.HURTFUL_GRID[-1])]),
    ("m1-bands", "the neutral first impression and the {} bands are teaching choices", lambda: [g(im.EXTREME)]),
    ("m2-intro", "follows one person's self-esteem ({} to {}) week by week for {} weeks. Each week it moves {} % of the way",
     lambda: [g(round(esteem_summary(1.0)["lowest"], 2)), g(round(esteem_summary(1.0)["highest"], 2)), len(esteem()),
              g(weekly_step_percent())]),
    ("m2-core", "an **inner core** of self-worth, fixed at {}, which the person carries", lambda: [g(core())]),
    ("m2-supply-range", "admiration and affirmation, from {} to {} (the orange bars)", lambda: [g(v) for v in supply_range()]),
    ("m2-dependence-ends", "At {}, self-esteem rests entirely on the inner core. At {}, it rests entirely on the other's mirroring.",
     lambda: [g(im.DEPENDENCE_GRID[0]), g(im.DEPENDENCE_GRID[-1])]),
    ("m2-withdraw", "full mirroring ({}) in weeks {}–{}, half ({}) in weeks {}–{}, then none.",
     lambda: [f"{v:.1f}" if isinstance(v, float) else v for v in withdraw_weeks()]),
    ("m2-pressure", "It is {} while self-esteem is at or above the inner core",
     lambda: [g(pressure_at_or_above_core())]),
    ("m2-steady", "switch the pattern to \"steady affirmation\" ({} every week)", lambda: [g(im.mirroring_supply("steady")[0])]),
    ("try2-patterns", "**Set dependence to {}** and switch between the {} supply patterns.",
     lambda: [g(im.DEPENDENCE_GRID[0]), WORDS[len(im.PATTERNS)]]),
    ("try2-start", "**Back to {}** (where the slider starts)", lambda: [g(im.self_esteem_view().defaults()["dependence"])]),
    ("m2-leaves-out", "The core of {}, the {} % weekly step and the supply patterns are teaching choices.",
     lambda: [g(core()), g(weekly_step_percent())]),
    ("self-check", "{} questions on Kohut and Kernberg", lambda: [WORDS[len(load_quiz("ch01")["questions"])]]),
]

# (claim, passage of the instructor boxes, the numbers from the model)
INSTRUCTOR_ROWS = [
    ("q4-note", "with steady affirmation, dependence {} gives self-esteem {}, above the core of {}, and no pressure",
     lambda: [g(1.0), two(esteem(1.0, "steady").self_esteem.iloc[-1]), two(core())]),
    ("key-m1", "*Model 1* ({} moments; at share {}, {} kind and {} hurtful).",
     lambda: [len(run()), g(valuation_default("p_hurtful")), kind_count(), hurtful_count()]),
    ("key-m1-split", "Fully split (splitting {}, where it starts): the felt image is {} or {} after every moment and flips {} times;",
     lambda: [g(valuation_default("splitting")), unit(run().felt.max()), unit(run().felt.min()), summary()["flips"]]),
    ("key-m1-whole", "the whole picture stays between {} and {} and ends at {} (the balance of the whole history is {}).",
     lambda: [signed(run().integrated.min()), signed(run().integrated.max()), signed(summary()["integrated_end"]),
              signed(summary()["mix"])]),
    ("key-m1-down", "Bringing splitting down: at {} still {} flips, at {} all bad after only {} moment, at {} never all bad "
                    "but still all good after {} moments; from {} down, never in a band.",
     lambda: [g(0.9), summary(0.9)["flips"], g(0.8), moments_in_band(0.8, 0.3, -1), g(0.7), moments_in_band(0.7, 0.3, 1),
              g(out_of_both_bands_from())]),
    ("key-m1-whole-more-hurt", "More hurt at splitting {}: the whole picture ends at {}, {} and {} at shares {}, {} and {}, never in a band.",
     lambda: [g(0.0), *(signed(summary(0.0, p)["integrated_end"]) for p in (0.3, 0.5, 0.7)), g(0.3), g(0.5), g(0.7)]),
    ("key-m1-split-more-hurt", "More hurt at splitting {}: {}, {} and {} flips, and all bad after {}, {} and {} of the {} moments.",
     lambda: [g(1.0), *(summary(1.0, p)["flips"] for p in (0.3, 0.5, 0.7)),
              *(moments_in_band(1.0, p, -1) for p in (0.3, 0.5, 0.7)), len(run())]),
    ("key-m1-one-sided", "Step 4 has no reveal: at share {} the whole picture is in the all-good band after {} of the {} moments, "
                         "and at share {} in the all-bad band after {}.",
     lambda: [g(0.0), moments_in_band(0.0, 0.0, 1), len(run()), g(1.0), moments_in_band(0.0, 1.0, -1)]),
    ("key-m2-flat", "*Model 2* (\"idealise, then withdraw\"): dependence {} keeps self-esteem at {} whatever the supply;",
     lambda: [g(0.0), two(core())]),
    ("key-m2-half", "dependence {} gives a peak of {}, a first drop below the core in week {}, a low of {} and a peak pressure of {};",
     lambda: [g(0.5), two(esteem_summary(0.5)["highest"]), first_week(esteem(0.5), esteem(0.5).self_esteem < core()),
              two(esteem_summary(0.5)["lowest"]), two(esteem_summary(0.5)["peak_pressure"])]),
    ("key-m2-lows", "dependence {} gives a low of {} and dependence {} gives {}.",
     lambda: [g(0.8), two(esteem_summary(0.8)["lowest"]), g(1.0), two(esteem_summary(1.0)["lowest"])]),
    ("key-m2-pressure", "Pressure first exceeds {} in week {} (dependence {}), {} ({}) and {} ({}), and never at {} or below.",
     lambda: [g(0.5), pressure_above_half_from(0.8), f"{0.8:.1f}", pressure_above_half_from(0.9), f"{0.9:.1f}",
              pressure_above_half_from(1.0), f"{1.0:.1f}", g(highest_dependence_with_pressure_at_most_half())]),
    ("key-m2-general", "In general the low after the supply stops is ({} − dependence) × {} and the peak pressure is dependence squared.",
     lambda: [g(1), g(core())]),
    ("key-m2-steady", "Steady affirmation with dependence {}: self-esteem {} and no pressure.",
     lambda: [g(1.0), two(esteem(1.0, "steady").self_esteem.iloc[-1])]),
    ("key-m2-intermittent", "Intermittent with dependence {}: {} to {} and peak pressure {}.",
     lambda: [g(1.0), two(esteem_summary(1.0, "intermittent")["lowest"]), two(esteem_summary(1.0, "intermittent")["highest"]),
              two(esteem_summary(1.0, "intermittent")["peak_pressure"])]),
    ("activity-history", "say that the {} moments are fixed and only the sliders will change", lambda: [len(run())]),
    ("activity-flips", "it flips between all good and all bad {} times, while the dashed whole picture", lambda: [summary()["flips"]]),
    ("activity-first-band", "(all bad goes first at share {}; at share {} all good goes first)", lambda: [g(0.3), g(0.7)]),
]

# (question of data/quizzes/ch01.yaml, passage of its prompt, options or feedback, the numbers from the model)
QUIZ_ROWS = [
    ("ch01-q4", "In Model 1, with {} kind and {} hurtful moments, the fully split view flips between all good and all bad {} times",
     lambda: [kind_count(), hurtful_count(), summary()["flips"]]),
    ("ch01-q4", "That is why it ends at {} rather than near {},", lambda: [signed(summary()["integrated_end"]), unit(run().felt.max())]),
    ("ch01-q5", "self-esteem at dependence {} settles at {}, above the inner core of {}, with no pressure for supply",
     lambda: [g(1.0), two(esteem(1.0, "steady").self_esteem.iloc[-1]), two(core())]),
    ("ch01-q5", "the same dependence makes self-esteem fall to {} after the supply stops", lambda: [two(esteem_summary(1.0)["lowest"])]),
    ("ch01-q5", "in the model it falls to {}.", lambda: [two(esteem_summary(1.0)["lowest"])]),
]


def paragraph(text: str, start: str) -> str:
    """The line of ``text`` that begins with ``start``."""
    (line,) = [line for line in text.split("\n") if line.startswith(start)]
    return line


@pytest.mark.parametrize("claim, passage, compute", ROWS, ids=[f"{claim}-{n}" for n, (claim, _, _) in enumerate(ROWS, 1)])
def test_each_number_the_page_states_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch01"), f"{claim}: the chapter should say {expected!r}"


@pytest.mark.parametrize("claim, passage, compute", INSTRUCTOR_ROWS,
                         ids=[f"{claim}-{n}" for n, (claim, _, _) in enumerate(INSTRUCTOR_ROWS, 1)])
def test_each_number_the_instructor_boxes_state_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch01", student=False), f"{claim}: the instructor box should say {expected!r}"


@pytest.mark.parametrize("question, passage, compute", QUIZ_ROWS,
                         ids=[f"{question}-{n}" for n, (question, _, _) in enumerate(QUIZ_ROWS, 1)])
def test_each_number_the_self_check_states_is_the_models(question, passage, compute):
    expected = passage.format(*compute())
    assert expected in quiz_text("ch01", question), f"{question} should say {expected!r}"


def test_no_number_in_the_answers_to_the_predictions_is_left_unchecked():
    key = paragraph(notebook_text("ch01", student=False), "**Answers to the predictions**")
    checked = [passage.format(*compute()) for _, passage, compute in INSTRUCTOR_ROWS]
    assert not unchecked_numbers(key, checked)


def test_the_settings_the_page_names_are_on_the_sliders():
    assert {0.0, 0.5, 0.7, 0.8, 0.9, 1.0} <= set(im.SPLITTING_GRID) and {0.0, 0.3, 0.5, 0.7, 1.0} <= set(im.HURTFUL_GRID)
    assert {0.0, 0.5, 0.7, 0.8, 0.9, 1.0} <= set(im.DEPENDENCE_GRID)


def test_both_models_work_in_the_book_as_in_jupyterlab():
    """"Both sliders work here, in the book as in JupyterLab" (Model 1); dependence and pattern
    both work in the book (Model 2)."""
    valuation, self_esteem = im.valuation_view(), im.self_esteem_view()
    assert [c.name for c in valuation.book_controls] == ["splitting", "p_hurtful"] and valuation.book_fixed == {}
    assert [c.name for c in self_esteem.book_controls] == ["dependence", "pattern"] and self_esteem.book_fixed == {}
    assert self_esteem.defaults() == {"dependence": 0.5, "pattern": "withdraw"}


def test_the_history_is_fixed_and_the_images_are_all_or_nothing():
    """The history is the same every time; fully split, the felt image is +1 or −1 after every
    moment; integrated, it is the whole picture, which stays between −1 and +1."""
    assert run().equals(run())
    for share in im.HURTFUL_GRID:
        assert set(run(1.0, share).felt) <= {-1.0, 1.0}
        whole = run(0.0, share)
        assert (whole.felt == whole.integrated).all() and whole.integrated.between(-1, 1, inclusive="neither").all()


def test_the_integrated_view_never_enters_a_band_at_the_shares_the_page_names():
    """"from 0.5 down, never in a band"; at shares 0.3, 0.5 and 0.7 the whole picture "never in a band";
    at 0.7 "never all bad"."""
    assert all(summary(s)["share_extreme"] == 0 for s in im.SPLITTING_GRID if s <= 0.5) and summary(0.6)["share_extreme"] > 0
    assert all(summary(0.0, p)["share_extreme"] == 0 for p in (0.3, 0.5, 0.7))
    assert moments_in_band(0.7, 0.3, -1) == 0


def test_which_band_goes_first_depends_on_the_share():
    """All bad goes first at share 0.3; at share 0.7 all good goes first."""
    assert moments_in_band(0.7, 0.3, -1) < moments_in_band(0.7, 0.3, 1)
    assert moments_in_band(0.7, 0.7, 1) < moments_in_band(0.7, 0.7, -1)


def test_pressure_appears_only_below_the_core_and_grows_with_dependence():
    """Pressure is 0 while self-esteem is at or above the core and grows as it falls below,
    scaled by the dependence."""
    for pattern in im.PATTERNS:
        for d in im.DEPENDENCE_GRID:
            frame = esteem(d, pattern)
            assert (frame.pressure[frame.self_esteem >= core()] == 0).all()
            below = frame[frame.self_esteem < core()].sort_values("self_esteem")
            assert (below.pressure.diff().dropna() <= 1e-12).all() and ((below.pressure > 0) == (d > 0)).all()
    assert esteem_summary(0.5)["peak_pressure"] < esteem_summary(1.0)["peak_pressure"]


def test_the_supply_patterns_are_as_described():
    """Steady: 0.7 every week; intermittent: full or none, at random."""
    assert (im.mirroring_supply("steady") == 0.7).all()
    intermittent = im.mirroring_supply("intermittent")
    assert set(intermittent) == {0.0, 1.0}


def test_low_after_the_supply_stops_and_peak_pressure_follow_the_general_rule():
    """The low after the supply stops is (1 − dependence) × core, the peak pressure dependence squared."""
    for d in im.DEPENDENCE_GRID:
        assert esteem_summary(d)["lowest"] == pytest.approx((1 - d) * core(), abs=1e-3)
        assert esteem_summary(d)["peak_pressure"] == pytest.approx(d * d, abs=1e-3)


def test_steady_affirmation_brings_no_pressure_at_any_dependence():
    assert all((esteem(d, "steady").pressure == 0).all() for d in im.DEPENDENCE_GRID)


def test_full_dependence_with_withdrawal_spans_the_whole_scale():
    """At dependence 1 with "idealise, then withdraw" self-esteem runs from 1.00 down to 0.00 and the pressure reaches 1.00."""
    full = esteem_summary(1.0)
    assert (two(full["highest"]), two(full["lowest"]), two(full["peak_pressure"])) == ("1.00", "0.00", "1.00")
