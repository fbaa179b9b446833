"""Chapters 6 and 7 models: the three systems and the closeness–differentiation plane."""
import numpy as np
import pytest

from widgets import compassion as co
from widgets import maturity as ma


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("stress_rate", [0.1, 0.3])
def test_stronger_soothing_never_leaves_threat_higher(seed, stress_rate):
    runs = [co.simulate_systems(s, stress_rate, seed=seed) for s in np.linspace(0, 1, 11)]
    for weaker, stronger in zip(runs, runs[1:]):
        assert (stronger.stressor == weaker.stressor).all()
        assert (stronger.threat <= weaker.threat + 1e-12).all()


def test_no_stressors_no_threat_and_everything_bounded():
    quiet = co.simulate_systems(0.5, stress_rate=0.0)
    assert (quiet.threat == 0).all() and np.allclose(quiet.drive, co.DRIVE_BASE)
    for s in co.SOOTHING_GRID:
        run = co.simulate_systems(s, stress_rate=1.0, n_days=200)
        for column in ("threat", "drive", "soothing"):
            assert run[column].between(0, 1).all()
    assert (co.simulate_systems(0.0).soothing == 0).all()


def test_summary_falls_with_soothing():
    summaries = [co.systems_summary(co.simulate_systems(s)) for s in co.SOOTHING_GRID]
    for key in ("mean_threat", "peak_threat", "mean_drive", "high_threat"):
        values = [summary[key] for summary in summaries]
        assert all(a >= b for a, b in zip(values, values[1:])), key


def test_no_growth_never_reaches_mature_love_and_swings_between_fusion_and_distance():
    run = ma.simulate_relationship(0.0, n_months=120)
    shares = ma.time_in_zones(run)
    assert shares["first_mature"] is None and shares["shares"]["mature love"] == 0
    assert shares["shares"]["fusion"] > 0.3 and shares["shares"]["distance"] > 0.3
    assert np.allclose(run.differentiation, ma.D0)


def test_more_growth_reaches_mature_love_sooner_and_stays_longer():
    summaries = [ma.time_in_zones(ma.simulate_relationship(g)) for g in np.linspace(0.4, 1.0, 13)]
    firsts = [s["first_mature"] for s in summaries]
    assert all(f is not None for f in firsts) and all(a >= b for a, b in zip(firsts, firsts[1:]))
    mature = [s["shares"]["mature love"] for s in summaries]
    assert all(a <= b for a, b in zip(mature, mature[1:]))


@pytest.mark.parametrize("growth", ma.GROWTH_GRID)
def test_path_stays_on_the_plane_and_differentiation_never_shrinks(growth):
    run = ma.simulate_relationship(growth, n_months=240)
    assert run.closeness.between(0, 1).all() and run.differentiation.between(0, 1).all()
    assert (np.diff(run.differentiation) >= 0).all()
    assert set(run.zone) <= set(ma.ZONES)


def test_zones_follow_their_definition():
    assert list(ma.zone([0.9, 0.9, 0.1, 0.5], [0.1, 0.9, 0.9, 0.5])) == ["fusion", "mature love", "distance", "in between"]


@pytest.mark.parametrize("call, message", [
    (lambda: co.simulate_systems(soothing=2), "soothing must be between 0.0 and 1.0; got 2"),
    (lambda: co.simulate_systems(n_days=0), "n_days must be between 1 and 3650"),
    (lambda: ma.simulate_relationship(growth=-1), "growth must be between 0.0 and 1.0"),
    (lambda: ma.simulate_relationship(n_months=1000), "n_months must be between 1 and 240"),
])
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_systems_controls_move_the_live_figure():
    live = co.systems_view().widget()
    live.controls["soothing"].value = 1.0
    live.controls["stress_rate"].value = 0.4
    assert np.allclose(live.figure_widget.data[0].y, co.simulate_systems(1.0, 0.4).threat)


def test_growth_slider_moves_the_live_plane():
    live = ma.plane_view().widget()
    live.controls["growth"].value = 1.0
    run = ma.simulate_relationship(1.0)
    assert np.allclose(live.figure_widget.data[1].x, run.closeness)
    assert "mature love from month" in live.figure_widget.layout.title.text
