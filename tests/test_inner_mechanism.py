"""Chapter 1 models: splitting vs integration, mirror-dependent self-esteem; their widgets."""
import numpy as np
import pytest

from widgets import inner_mechanism as im

SEEDS = range(20)


@pytest.mark.parametrize("seed", SEEDS)
def test_integrated_value_never_swings_to_an_extreme_on_one_event(seed):
    run = im.simulate_valuation(integration=1.0, p_frustrating=0.5, n_events=200, seed=seed)
    steps = np.abs(np.diff(np.concatenate([[0.0], run.value])))
    assert steps.max() <= 2 * im.ALPHA_MIN + 1e-12   # at most ALPHA_MIN of a gap of at most 2
    assert np.abs(run.value).max() < im.EXTREME


@pytest.mark.parametrize("seed", SEEDS)
def test_split_value_is_the_last_event(seed):
    run = im.simulate_valuation(integration=0.0, seed=seed)
    assert np.allclose(run.value, run.signed)
    assert im.swing_summary(run)["share_extreme"] == pytest.approx(np.mean(run.intensity > im.EXTREME))


def test_more_integration_means_smaller_swings_and_less_time_at_extremes():
    summaries = [im.swing_summary(im.simulate_valuation(i, n_events=300, seed=1)) for i in im.INTEGRATION_GRID]
    swings = [s["max_swing"] for s in summaries]
    extremes = [s["share_extreme"] for s in summaries]
    assert all(a >= b for a, b in zip(swings, swings[1:]))
    assert all(a >= b for a, b in zip(extremes, extremes[1:]))


def test_valuation_is_bounded_deterministic_and_shares_events_across_integration():
    a = im.simulate_valuation(0.3, 0.4, seed=9)
    b = im.simulate_valuation(0.3, 0.4, seed=9)
    assert a.equals(b)
    assert np.array_equal(a.signed, im.simulate_valuation(0.9, 0.4, seed=9).signed)
    assert a.value.between(-1, 1).all()
    assert (im.simulate_valuation(0.5, p_frustrating=0.0).valence == 1).all()
    assert (im.simulate_valuation(0.5, p_frustrating=1.0).valence == -1).all()


@pytest.mark.parametrize("pattern", list(im.PATTERNS))
def test_self_esteem_rests_on_the_core_without_dependence(pattern):
    run = im.simulate_self_esteem(dependence=0.0, pattern=pattern)
    assert np.allclose(run.self_esteem, 0.6)
    assert (run.pressure == 0).all()


def test_drop_after_the_supply_stops_grows_with_dependence():
    lowest = [im.self_esteem_summary(im.simulate_self_esteem(d, "withdraw"))["lowest"] for d in im.INTEGRATION_GRID]
    peak = [im.self_esteem_summary(im.simulate_self_esteem(d, "withdraw"))["peak_pressure"] for d in im.INTEGRATION_GRID]
    assert all(a > b for a, b in zip(lowest, lowest[1:]))
    assert all(a <= b for a, b in zip(peak, peak[1:]))
    assert lowest[-1] < 0.01 and peak[-1] > 0.99   # full dependence: nothing left when the supply stops


def test_dependence_hides_while_supply_flows():
    steady = [im.simulate_self_esteem(d, "steady").self_esteem.iloc[-1] for d in (0.0, 0.5, 1.0)]
    assert steady[0] < steady[1] < steady[2]          # affirmation lifts dependent self-esteem
    assert im.simulate_self_esteem(1.0, "steady").pressure.max() == 0


@pytest.mark.parametrize("d", im.INTEGRATION_GRID)
@pytest.mark.parametrize("pattern", list(im.PATTERNS))
def test_self_esteem_and_pressure_stay_in_bounds(d, pattern):
    run = im.simulate_self_esteem(d, pattern)
    assert run.self_esteem.between(0, 1).all() and run.pressure.between(0, 1).all()


@pytest.mark.parametrize("call, message", [
    (lambda: im.simulate_valuation(integration=1.5), "integration must be between 0.0 and 1.0; got 1.5"),
    (lambda: im.simulate_valuation(n_events=0), "n_events must be between 1 and 1000"),
    (lambda: im.simulate_self_esteem(pattern="sometimes"), "pattern must be one of"),
    (lambda: im.simulate_self_esteem(dependence=-0.1), "dependence must be between 0.0 and 1.0"),
])
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_integration_slider_moves_the_live_figure():
    live = im.valuation_view().widget()
    live.controls["integration"].value = 1.0
    assert np.allclose(live.figure_widget.data[2].y, im.simulate_valuation(1.0).value)
    assert "integration 1.0 (integrated)" in live.figure_widget.layout.title.text
    live.controls["p_frustrating"].value = 0.7
    assert np.allclose(live.figure_widget.data[0].y, im.simulate_valuation(1.0, 0.7).signed)


def test_self_esteem_controls_move_the_live_figure():
    live = im.self_esteem_view().widget()
    live.controls["dependence"].value = 0.9
    live.controls["pattern"].value = "intermittent"
    expected = im.simulate_self_esteem(0.9, "intermittent")
    assert np.allclose(live.figure_widget.data[1].y, expected.self_esteem)
    assert np.allclose(live.figure_widget.data[0].y, expected.mirroring)
