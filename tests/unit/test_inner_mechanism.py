"""Chapter 1 models: splitting vs integration (one mixed history, split or whole), mirror-dependent self-esteem; their widgets."""
import numpy as np
import pytest

from widgets import inner_mechanism as im
from support.figure_json import shown

SHARES = [p for p in im.HURTFUL_GRID if 0 < p < 1]   # mixed histories: some kind, some hurtful
LENGTHS = (40, 200)


@pytest.mark.parametrize("n", LENGTHS + (1, 7))
def test_history_is_fixed_mixed_exact_and_nested(n):
    """The same history every time; exactly round(p*n) hurtful moments; sizes 0.3-1 in steps of
    0.1 that do not depend on the share; a larger share only turns kind moments into hurtful ones."""
    runs = [im.mixed_history(p, n) for p in im.HURTFUL_GRID]
    for p, run in zip(im.HURTFUL_GRID, runs):
        assert run.equals(im.mixed_history(p, n))
        assert (run.kind == -1).sum() == round(p * n) and set(run.kind) <= {-1, 1}
        assert run["size"].between(0.3, 1.0).all() and np.allclose(run["size"] * 10, np.round(run["size"] * 10))
        assert np.array_equal(run["size"], runs[0]["size"]) and np.allclose(run.signed, run.kind * run["size"])
    for lower, higher in zip(runs, runs[1:]):
        assert ((lower.kind == -1) <= (higher.kind == -1)).all()


def test_hurtful_moments_are_spread_through_the_history():
    """A mixed history, not a block: at share 0.3 each quarter of the 40 moments holds 2 to 4 hurtful ones."""
    kind = im.mixed_history(0.3, 40).kind.to_numpy()
    assert all(2 <= (quarter == -1).sum() <= 4 for quarter in kind.reshape(4, 10))


@pytest.mark.parametrize("n", LENGTHS)
@pytest.mark.parametrize("p", SHARES)
def test_integrated_view_stays_mixed_and_near_the_true_mix(p, n):
    run = im.simulate_valuation(0.0, p, n)
    whole, mix = run.integrated.to_numpy(), im.true_mix(run)
    assert np.allclose(run.felt, whole)                       # splitting 0: the felt image is the whole picture
    assert (np.abs(whole) < 1).all()                          # never wholly good or wholly bad
    balance_so_far = np.cumsum(run.signed) / np.cumsum(run["size"])
    low, high = np.minimum(0, balance_so_far), np.maximum(0, balance_so_far)
    assert ((low - 1e-12 <= whole) & (whole <= high + 1e-12)).all()   # between the neutral start and the balance so far
    assert np.abs(whole[10:] - mix).max() <= 0.2              # after 10 moments, within 0.2 of the whole history's mix
    assert abs(whole.mean() - mix) <= 0.1
    assert np.abs(np.diff(np.concatenate([[0.0], whole]))).max() <= 0.5   # no moment moves it by half the scale
    assert im.valuation_summary(run)["flips"] == 0


@pytest.mark.parametrize("p", [p for p in SHARES if 0.2 <= p <= 0.8])
def test_integrated_view_never_idealises_or_devalues_a_mixed_history(p):
    assert im.valuation_summary(im.simulate_valuation(0.0, p))["share_extreme"] == 0


@pytest.mark.parametrize("n", LENGTHS)
@pytest.mark.parametrize("p", im.HURTFUL_GRID)
def test_split_view_only_takes_the_extremes_the_latest_moment_calls_up(p, n):
    run = im.simulate_valuation(1.0, p, n)
    summary = im.valuation_summary(run)
    assert set(run.felt) <= {-1.0, 1.0} and np.array_equal(run.felt, run.kind)
    assert summary["share_extreme"] == 1.0
    assert summary["flips"] == int(np.sum(run.kind.to_numpy()[1:] != run.kind.to_numpy()[:-1]))
    assert summary["max_swing"] == (2.0 if 0 < p < 1 else 1.0)


def test_more_hurtful_moments_move_the_whole_picture_gradually_but_the_split_view_only_flips_more_or_less():
    runs = [im.simulate_valuation(1.0, p) for p in im.HURTFUL_GRID]
    whole = np.array([run.integrated.to_numpy() for run in runs])
    assert (np.diff(whole, axis=0) <= 1e-12).all()            # every moment: more hurt, a lower whole picture
    ends = [run.integrated.iloc[-1] for run in runs]
    assert all(0 < a - b <= 0.25 for a, b in zip(ends, ends[1:]))   # gradual steps
    mixes = [im.true_mix(run) for run in runs]
    assert all(a > b for a, b in zip(mixes, mixes[1:]))
    flips = [im.valuation_summary(run)["flips"] for run in runs]
    assert flips[0] == flips[-1] == 0 and max(flips) == flips[5]   # most flips when the mix is even
    assert all(set(run.felt) <= {-1.0, 1.0} for run in runs)


@pytest.mark.parametrize("p", im.HURTFUL_GRID)
def test_more_splitting_moves_the_felt_image_further_from_the_whole_picture(p):
    summaries = [im.valuation_summary(im.simulate_valuation(s, p)) for s in im.SPLITTING_GRID]
    for key in ("distance", "max_swing", "share_extreme"):
        values = [summary[key] for summary in summaries]
        assert all(a <= b + 1e-12 for a, b in zip(values, values[1:])), key
    run = im.simulate_valuation(1.0, p)
    assert summaries[-1]["distance"] == pytest.approx(np.mean(np.abs(run.kind - run.integrated)))
    assert all(s["integrated_end"] == summaries[0]["integrated_end"] for s in summaries)   # same history, same whole picture


def test_felt_image_is_a_mix_of_whole_picture_and_active_image_and_stays_in_bounds():
    for s in im.SPLITTING_GRID:
        for p in (0.0, 0.3, 0.7, 1.0):
            run = im.simulate_valuation(s, p)
            assert np.allclose(run.felt, (1 - s) * run.integrated + s * run.kind)
            assert run.felt.between(-1, 1).all() and run.integrated.between(-1, 1).all()


def test_valuation_is_deterministic_and_shares_the_history_across_splitting():
    a, b = im.simulate_valuation(0.3, 0.4), im.simulate_valuation(0.3, 0.4)
    assert a.equals(b)
    c = im.simulate_valuation(0.9, 0.4)
    assert np.array_equal(a.signed, c.signed) and np.array_equal(a.integrated, c.integrated)
    assert (im.simulate_valuation(0.5, p_hurtful=0.0).kind == 1).all()
    assert (im.simulate_valuation(0.5, p_hurtful=1.0).kind == -1).all()


def test_one_sided_histories_are_seen_whole_too():
    """Integration is not moderation: a wholly kind history gives an (almost) wholly good picture."""
    assert im.simulate_valuation(0.0, 0.0).integrated.iloc[-1] > im.EXTREME
    assert im.simulate_valuation(0.0, 1.0).integrated.iloc[-1] < -im.EXTREME


def test_memory_and_first_impression():
    run = im.mixed_history(0.3)
    without_start = im.whole_picture(run.signed, run["size"], start_weight=0.0)
    assert without_start[0] == 1.0                              # one moment known: the picture is that moment
    forgetful = im.whole_picture(run.signed, run["size"], memory=0.5)
    steady = im.whole_picture(run.signed, run["size"])
    assert np.abs(np.diff(forgetful)).mean() > np.abs(np.diff(steady)).mean()   # less memory, a jumpier picture
    assert np.allclose(steady[-1], run.signed.sum() / (1 + run["size"].sum()))


def test_flips_counts_crossings_between_the_bands():
    assert im.flips([0.9, 0.5, -0.9, 0.0, -0.95, 0.85]) == 2
    assert im.flips([0.1, -0.5, 0.7]) == 0


@pytest.mark.parametrize("pattern", list(im.PATTERNS))
def test_self_esteem_rests_on_the_core_without_dependence(pattern):
    run = im.simulate_self_esteem(dependence=0.0, pattern=pattern)
    assert np.allclose(run.self_esteem, 0.6)
    assert (run.pressure == 0).all()


def test_drop_after_the_supply_stops_grows_with_dependence():
    lowest = [im.self_esteem_summary(im.simulate_self_esteem(d, "withdraw"))["lowest"] for d in im.DEPENDENCE_GRID]
    peak = [im.self_esteem_summary(im.simulate_self_esteem(d, "withdraw"))["peak_pressure"] for d in im.DEPENDENCE_GRID]
    assert all(a > b for a, b in zip(lowest, lowest[1:]))
    assert all(a <= b for a, b in zip(peak, peak[1:]))
    assert lowest[-1] < 0.01 and peak[-1] > 0.99   # full dependence: nothing left when the supply stops


def test_dependence_hides_while_supply_flows():
    steady = [im.simulate_self_esteem(d, "steady").self_esteem.iloc[-1] for d in (0.0, 0.5, 1.0)]
    assert steady[0] < steady[1] < steady[2]          # affirmation lifts dependent self-esteem
    assert im.simulate_self_esteem(1.0, "steady").pressure.max() == 0


@pytest.mark.parametrize("d", im.DEPENDENCE_GRID)
@pytest.mark.parametrize("pattern", list(im.PATTERNS))
def test_self_esteem_and_pressure_stay_in_bounds(d, pattern):
    run = im.simulate_self_esteem(d, pattern)
    assert run.self_esteem.between(0, 1).all() and run.pressure.between(0, 1).all()


@pytest.mark.parametrize("call, message", [
    (lambda: im.simulate_valuation(splitting=1.5), "splitting must be between 0.0 and 1.0; got 1.5"),
    (lambda: im.simulate_valuation(p_hurtful=-0.1), "p_hurtful must be between 0.0 and 1.0; got -0.1"),
    (lambda: im.simulate_valuation(n_events=0), "n_events must be between 1 and 1000"),
    (lambda: im.simulate_valuation(n_events=2.5), "n_events must be a whole number between 1 and 1000"),
    (lambda: im.simulate_valuation(memory=0.2), "memory must be between 0.5 and 1.0; got 0.2"),
    (lambda: im.simulate_valuation(start_weight=-1), "start_weight must be between 0.0 and 10.0; got -1"),
    (lambda: im.valuation_figure(splitting="split"), "splitting must be a number between 0.0 and 1.0"),
    (lambda: im.whole_picture([0.5, -0.3], [0.5]), "size must hold one positive number per moment"),
    (lambda: im.whole_picture([0.9], [0.5]), r"each \|signed\| must be at most its size; got 1 sizes for 1 moments"),
    (lambda: im.simulate_self_esteem(pattern="sometimes"), "pattern must be one of"),
    (lambda: im.simulate_self_esteem(dependence=-0.1), "dependence must be between 0.0 and 1.0"),
])
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_splitting_and_share_sliders_move_the_live_figure():
    live = im.valuation_view().widget()
    assert live.values() == {"splitting": 1.0, "p_hurtful": 0.3}
    live.controls["splitting"].value = 0.0
    assert np.allclose(shown(live).data[2].y, im.simulate_valuation(0.0).felt)
    assert "Splitting 0.0 (integrated)" in shown(live).layout.title.text
    live.controls["p_hurtful"].value = 0.7
    assert np.allclose(shown(live).data[0].y, im.simulate_valuation(0.0, 0.7).signed)
    assert np.allclose(shown(live).data[1].y, im.simulate_valuation(0.0, 0.7).integrated)


@pytest.mark.parametrize("splitting, kind", [(0.0, "integrated"), (0.4, "partly split"), (1.0, "fully split")])
def test_figure_reports_what_the_felt_image_did(splitting, kind):
    fig = im.valuation_figure(splitting, 0.3)
    summary = im.valuation_summary(im.simulate_valuation(splitting, 0.3))
    assert f"Splitting {splitting:.1f} ({kind})" in fig.layout.title.text
    note = fig.layout.annotations[-1].text
    assert f"Flips: {summary['flips']}</b>" in note and f"at an extreme: {summary['share_extreme']:.0%} ·" in note
    assert f"ends at {summary['integrated_end']:+.2f}" in note


def test_self_esteem_controls_move_the_live_figure():
    live = im.self_esteem_view().widget()
    live.controls["dependence"].value = 0.9
    live.controls["pattern"].value = "intermittent"
    expected = im.simulate_self_esteem(0.9, "intermittent")
    assert np.allclose(shown(live).data[1].y, expected.self_esteem)
    assert np.allclose(shown(live).data[0].y, expected.mirroring)
