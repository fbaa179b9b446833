"""Properties of the push–pull model (chapter 2)."""
import numpy as np
import pytest

from widgets import pushpull as pp


def test_same_seed_same_run_and_other_seed_differs():
    first = pp.simulate_push_pull(p_warm=0.4, seed=3)
    assert first.equals(pp.simulate_push_pull(p_warm=0.4, seed=3))
    assert not first.warm.equals(pp.simulate_push_pull(p_warm=0.4, seed=4).warm)
    assert pp.extinction_curve(seed=5).equals(pp.extinction_curve(seed=5))


@pytest.mark.parametrize("p_warm", [0.0, 0.1, 0.5, 1.0])
@pytest.mark.parametrize("anxiety", [0.0, 0.5, 1.0])
def test_hope_is_a_probability(p_warm, anxiety):
    hope = pp.simulate_push_pull(p_warm=p_warm, anxiety=anxiety, n_after=200).hope
    assert hope.between(0.0, 1.0).all()
    assert np.isfinite(hope).all()


def test_stages_have_the_documented_warmth():
    run = pp.simulate_push_pull(p_warm=0.3, n_fusion=4, n_cycle=20, n_after=10)
    assert run[run.stage == "fusion"].warm.all() and len(run[run.stage == "fusion"]) == 4
    assert not run[run.stage == "after warmth stopped"].warm.any()
    assert len(run) == 34
    renewed = run[run.event == "renewed pursuit"]
    assert (run.warm[renewed.index]).all() and (~run.warm[renewed.index - 1]).all()


def test_hope_falls_during_a_cold_run_and_returns_with_warmth():
    run = pp.simulate_push_pull(p_warm=0.5, seed=7)
    after = run[run.stage == "after warmth stopped"].hope.to_numpy()
    assert (np.diff(after) < 0).all()
    warm_hope = run[run.warm].hope
    assert np.allclose(warm_hope, warm_hope.iloc[0])


def test_always_warm_gives_up_soonest():
    curve = pp.extinction_curve(n_runs=200)
    always = curve.set_index("p_warm").loc[1.0]
    assert always["median"] == curve["median"].min()
    assert (curve[curve.p_warm < 1.0]["mean"] > always["mean"]).all()


def test_the_rarer_the_warmth_the_longer_hope_lasts():
    curve = pp.extinction_curve(p_values=np.linspace(0.1, 1.0, 10), n_runs=300, seed=11)
    assert (np.diff(curve["mean"]) < 0).all(), curve
    assert (np.diff(curve["median"]) <= 0).all(), curve
    assert curve["median"].iloc[0] >= 4 * curve["median"].iloc[-1]


def test_anxiety_makes_hope_last_longer():
    means = [pp.extinction_curve(anxiety=a, n_runs=100)["mean"].to_numpy() for a in (0.0, 0.5, 1.0)]
    assert (means[1] >= means[0]).all() and (means[2] >= means[1]).all()
    assert means[2].sum() > means[0].sum()


def test_persistence_known_limits():
    # After unbroken warmth, a cold run is at once surprising: giving up takes two episodes.
    assert pp.persistence(1 + 5 + 30, 1) == 2
    # With no belief that warmth returns beyond the threshold, hope is gone after no cold episodes.
    assert pp.persistence(5, 5, base_hope=0.1, give_up_below=0.1) == 1
    # A huge cold count makes cold runs ordinary: hope outlasts the search window.
    assert pp.persistence(1, 1e6, max_run=50) == 51


@pytest.mark.parametrize("kwargs, name", [
    ({"p_warm": 1.5}, "p_warm"), ({"p_warm": -0.1}, "p_warm"), ({"p_warm": "often"}, "p_warm"),
    ({"anxiety": 2}, "anxiety"), ({"n_cycle": 0}, "n_cycle"), ({"n_fusion": 2.5}, "n_fusion"),
    ({"seed": -1}, "seed"), ({"give_up_below": 0.95}, "give_up_below"),
    ({"p_warm": float("nan")}, "p_warm"), ({"p_warm": True}, "p_warm"),
])
def test_invalid_parameters_name_parameter_and_range(kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name} must be .*between"):
        pp.simulate_push_pull(**kwargs)


def test_extinction_curve_rejects_bad_grid():
    with pytest.raises(ValueError, match="p_values must be between 0.0 and 1.0"):
        pp.extinction_curve(p_values=[0.5, 1.2])
    with pytest.raises(ValueError, match="n_runs"):
        pp.extinction_curve(n_runs=0)
