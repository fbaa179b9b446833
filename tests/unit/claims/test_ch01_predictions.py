"""Chapter 1: every number a prediction states (data/predictions/ch01.yaml) is the model's own.

Each row names a prediction, the field, and a passage of it with ``{}`` where numbers stand; the
numbers are computed here from the public functions of ``widgets.inner_mechanism`` at the book's
settings (40 moments; splitting and share of hurtful moments as the passage says; self-esteem with
its default core 0.6 and weekly step 0.3), and the passage, so filled in, must appear word for word.
A last test checks that no number in a reveal is left unchecked.
"""
from __future__ import annotations

import pytest

from widgets import inner_mechanism as im
from widgets.data import load_predictions

from support.ch01 import hurtful_count, kind_count, moments_in_band, out_of_both_bands_from, run, signed, summary, unit
from support.stated import g, stated, two, unchecked_numbers


def esteem(dependence: float = 0.5, pattern: str = "withdraw"):
    return im.simulate_self_esteem(dependence, pattern)


def esteem_summary(dependence: float = 0.5, pattern: str = "withdraw") -> dict:
    return im.self_esteem_summary(esteem(dependence, pattern))


def first_week(frame, mask) -> int:
    return int(frame[mask].week.min())


def pressure_above_half_from(dependence: float) -> int:
    run_ = esteem(dependence)
    return first_week(run_, run_.pressure > 0.5)


def withdraw_weeks() -> tuple[int, int, int, int]:
    """(last week of full mirroring, first and last week of half, ...) of the withdraw pattern."""
    supply = im.mirroring_supply("withdraw")
    full_until = int((supply == 1.0).sum())
    half_until = full_until + int((supply == 0.5).sum())
    assert (supply[:full_until] == 1.0).all() and (supply[full_until:half_until] == 0.5).all() and (supply[half_until:] == 0).all()
    return full_until, full_until + 1, half_until


# (prediction, field, passage with {} for numbers, the numbers computed from the model)
ROWS = [
    # ch01-start: the book's start, splitting 1 at share 0.3
    ("ch01-start", "prompt", "fully split (splitting {}), with {} kind and {} hurtful moments spread through the {}",
     lambda: [g(1.0), kind_count(), hurtful_count(), len(run())]),
    ("ch01-start", "reveal", "At splitting {} the felt image is {} or {} after every moment",
     lambda: [g(1.0), unit(run().felt.max()), unit(run().felt.min())]),
    ("ch01-start", "reveal", "flips between them {} times in {} moments",
     lambda: [summary()["flips"], len(run())]),
    ("ch01-start", "reveal", "it ends at {}, close to the balance of the whole history ({}). Settling near {} is what",
     lambda: [signed(summary()["integrated_end"]), signed(summary()["mix"]), f"+{round(summary()['integrated_end'], 1):g}"]),
    ("ch01-start", "options", "Settle near {}", lambda: [f"+{round(summary()['integrated_end'], 1):g}"]),
    # ch01-partly-split: share 0.3, splitting 1 -> 0
    ("ch01-partly-split", "prompt", "Keep the share at {} and bring splitting down from {}", lambda: [g(0.3), g(1.0)]),
    ("ch01-partly-split", "reveal", "At splitting {} the felt image is still in a shaded band after all {} moments and flips {} times.",
     lambda: [g(0.9), moments_in_band(0.9, 0.3, 1) + moments_in_band(0.9, 0.3, -1), summary(0.9)["flips"]]),
    ("ch01-partly-split", "reveal", "At {} it reaches all bad after only {} moment; at {} it never does, yet it is still all good after {} moments.",
     lambda: [g(0.8), moments_in_band(0.8, 0.3, -1), g(0.7), moments_in_band(0.7, 0.3, 1)]),
    ("ch01-partly-split", "reveal", "It stays out of both bands from {} down.", lambda: [g(out_of_both_bands_from())]),
    ("ch01-partly-split", "reveal", "Try the same at share {}: there it is the other way round.", lambda: [g(0.7)]),
    # ch01-whole-more-hurt: splitting 0, share 0.3 -> 0.5 -> 0.7
    ("ch01-whole-more-hurt", "prompt", "At splitting {}, move the share of hurtful moments from {} to {}, then {}.",
     lambda: [g(0.0), g(0.3), g(0.5), g(0.7)]),
    ("ch01-whole-more-hurt", "reveal", "it ends at {}, then {}, then {}, close to the balance of each whole history ({}, {} and {}).",
     lambda: [*(signed(summary(0.0, p)["integrated_end"]) for p in (0.3, 0.5, 0.7)),
              *(signed(summary(0.0, p)["mix"]) for p in (0.3, 0.5, 0.7))]),
    # ch01-split-more-hurt: splitting 1, share 0.3 -> 0.5 -> 0.7
    ("ch01-split-more-hurt", "prompt", "set splitting to {} and do the same: share {}, then {}, then {}.",
     lambda: [g(1.0), g(0.3), g(0.5), g(0.7)]),
    ("ch01-split-more-hurt", "options", "more at {}, fewer again at {}", lambda: [g(0.5), g(0.7)]),
    ("ch01-split-more-hurt", "reveal", "only the number of flips changes: {} at {}, {} at {} and {} at {}.",
     lambda: [summary(1.0, 0.3)["flips"], g(0.3), summary(1.0, 0.5)["flips"], g(0.5), summary(1.0, 0.7)["flips"], g(0.7)]),
    ("ch01-split-more-hurt", "reveal", "only more often all bad: after {} of the {} moments at {}, {} at {}.",
     lambda: [moments_in_band(1.0, 0.3, -1), len(run()), g(0.3), moments_in_band(1.0, 0.7, -1), g(0.7)]),
    # ch01-supply-stops: dependence 0.5, withdraw
    ("ch01-supply-stops", "prompt", "Dependence {}, with \"idealise, then withdraw\": full mirroring in weeks 1–{}, "
                                    "half in weeks {}–{}, then none.",
     lambda: [g(0.5), *withdraw_weeks()]),
    ("ch01-supply-stops", "options", "Around week {}, while half", lambda: [first_week(esteem(), esteem().pressure > 0)]),
    ("ch01-supply-stops", "options", "Only after week {}, once", lambda: [withdraw_weeks()[2]]),
    ("ch01-supply-stops", "reveal", "In week {}. In the weeks of full admiration self-esteem climbs to {}, well above the core of {}.",
     lambda: [first_week(esteem(), esteem().pressure > 0), two(esteem_summary()["highest"]), two(esteem(0.0).self_esteem.iloc[0])]),
    ("ch01-supply-stops", "reveal", "drops below the core in week {}, so the pressure appears",
     lambda: [first_week(esteem(), esteem().self_esteem < esteem(0.0).self_esteem.iloc[0])]),
    ("ch01-supply-stops", "reveal", "self-esteem sinks to {}, half the core, and the pressure peaks at {}.",
     lambda: [two(esteem_summary()["lowest"]), two(esteem_summary()["peak_pressure"])]),
    # ch01-fall: dependence 0.5 / 0.8 / 1, withdraw
    ("ch01-fall", "prompt", "Set dependence to {}, then {}, then {}, with the same supply.", lambda: [g(0.5), g(0.8), g(1.0)]),
    ("ch01-fall", "options", "down to nothing at dependence {}", lambda: [g(1.0)]),
    ("ch01-fall", "reveal", "Much lower each time: {} at dependence {}, {} at {} and {} at {}.",
     lambda: [two(esteem_summary(0.5)["lowest"]), g(0.5), two(esteem_summary(0.8)["lowest"]), g(0.8),
              two(esteem_summary(1.0)["lowest"]), g(1.0)]),
    ("ch01-fall", "reveal", "Pressure for supply rises above {} only at dependence {} or more, from week {} at {} and from week {} at {}.",
     lambda: [g(0.5), g(min(d for d in im.DEPENDENCE_GRID if esteem_summary(d)["peak_pressure"] > 0.5)),
              pressure_above_half_from(0.8), g(0.8), pressure_above_half_from(1.0), g(1.0)]),
    # ch01-steady
    ("ch01-steady", "prompt", "Choose \"steady affirmation\" ({} every week) and move dependence from {} to {}.",
     lambda: [g(im.mirroring_supply("steady")[0]), g(0.0), g(1.0)]),
    ("ch01-steady", "reveal", "at dependence {} self-esteem ends at {} instead of {}, and the pressure stays at {} at every dependence.",
     lambda: [g(1.0), two(esteem(1.0, "steady").self_esteem.iloc[-1]), two(esteem(0.0, "steady").self_esteem.iloc[-1]),
              g(max(esteem_summary(d, "steady")["peak_pressure"] for d in im.DEPENDENCE_GRID))]),
    ("ch01-steady", "reveal", "With \"intermittent\" and dependence {}, self-esteem swings between {} and {}, and the pressure reaches {}.",
     lambda: [g(1.0), two(esteem_summary(1.0, "intermittent")["lowest"]), two(esteem_summary(1.0, "intermittent")["highest"]),
              two(esteem_summary(1.0, "intermittent")["peak_pressure"])]),
]


@pytest.mark.parametrize("key, field, passage, compute", ROWS,
                         ids=[f"{key}-{field}-{n}" for n, (key, field, _, _) in enumerate(ROWS, start=1)])
def test_each_stated_number_is_the_models(key, field, passage, compute):
    expected = passage.format(*compute())
    assert expected in stated("ch01", key, field), f"{key} {field} should say: {expected!r}"


def test_the_settings_the_rows_assume_are_the_books():
    view = im.valuation_view()
    assert view.defaults() == {"splitting": 1.0, "p_hurtful": 0.3} and view.book_fixed == {}
    assert {0.0, 0.5, 0.7, 0.8, 0.9, 1.0} <= set(im.SPLITTING_GRID) and {0.3, 0.5, 0.7} <= set(im.HURTFUL_GRID)
    assert im.self_esteem_view().defaults() == {"dependence": 0.5, "pattern": "withdraw"}
    assert {0.0, 0.5, 0.8, 1.0} <= set(im.DEPENDENCE_GRID)


def test_what_the_reveals_say_in_words_holds():
    predictions = load_predictions("ch01")
    # ch01-start: flips (option 2); the whole picture stays mixed, never in a band
    assert summary()["flips"] > 0 and summary()["share_extreme"] == 1 and predictions["ch01-start"]["shows"] == 2
    assert summary(0.0)["share_extreme"] == 0
    # ch01-partly-split: all bad goes first (option 1)
    for s in (0.8, 0.7):
        assert moments_in_band(s, 0.3, -1) < moments_in_band(s, 0.3, 1)
    assert moments_in_band(0.7, 0.7, 1) < moments_in_band(0.7, 0.7, -1), "at share 0.7 it is the other way round"
    assert predictions["ch01-partly-split"]["shows"] == 1
    # ch01-whole-more-hurt: a step down each time, mixed, never in a band (option 1)
    ends = [summary(0.0, p)["integrated_end"] for p in (0.3, 0.5, 0.7)]
    assert ends[0] > ends[1] > ends[2] and all(summary(0.0, p)["share_extreme"] == 0 for p in (0.3, 0.5, 0.7))
    assert predictions["ch01-whole-more-hurt"]["shows"] == 1
    # ch01-split-more-hurt: always at full strength; flips peak at the even mix (option 2)
    assert all(set(run(1.0, p).felt) == {-1.0, 1.0} for p in (0.3, 0.5, 0.7))
    flips = [summary(1.0, p)["flips"] for p in im.HURTFUL_GRID]
    assert max(flips) == summary(1.0, 0.5)["flips"] and predictions["ch01-split-more-hurt"]["shows"] == 2
    # ch01-supply-stops: pressure starts while half the mirroring still arrives (option 2)
    full_until, half_from, half_until = withdraw_weeks()
    assert half_from <= first_week(esteem(), esteem().pressure > 0) <= half_until
    assert esteem_summary()["lowest"] == pytest.approx(esteem(0.0).self_esteem.iloc[0] / 2, abs=0.005)
    assert predictions["ch01-supply-stops"]["shows"] == 2
    # ch01-fall: much lower each time (option 3); "the higher the first peak, the deeper the fall"
    lows = [esteem_summary(d)["lowest"] for d in (0.5, 0.8, 1.0)]
    peaks = [esteem_summary(d)["highest"] for d in (0.5, 0.8, 1.0)]
    assert lows[0] > lows[1] > lows[2] and peaks[0] < peaks[1] < peaks[2] and predictions["ch01-fall"]["shows"] == 3
    # ch01-steady: higher than the core, no pressure (option 2)
    assert esteem(1.0, "steady").self_esteem.iloc[-1] > esteem(0.0, "steady").self_esteem.iloc[-1]
    assert predictions["ch01-steady"]["shows"] == 2


@pytest.mark.parametrize("key", sorted(load_predictions("ch01")))
def test_no_number_in_a_reveal_is_left_unchecked(key):
    """Every number in a reveal is inside a passage a row above checks."""
    checked = [passage.format(*compute()) for k, field, passage, compute in ROWS if k == key and field == "reveal"]
    assert not unchecked_numbers(stated("ch01", key, "reveal"), checked), f"{key}: numbers in the reveal not checked"