"""Chapters 6 and 7 models: the three systems and the closeness–differentiation plane."""
import numpy as np
import pytest

from widgets import compassion as co
from widgets import maturity as ma
from support.figure_json import shown


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
    run = ma.simulate_relationship(0.0, 0.0, n_months=120)
    shares = ma.time_in_zones(run)
    assert shares["first_mature"] is None and shares["shares"]["mature love"] == 0
    assert shares["shares"]["fusion"] > 0.3 and shares["shares"]["distance"] > 0.3
    assert np.allclose(run.differentiation, ma.D0)
    # the known limit: the single-slider cycle, 0.5 ± 0.4 with period 3 months
    assert np.allclose(run.closeness, 0.5 + 0.4 * np.sin(2 * np.pi * run.month / ma.PERIOD))


def test_more_growth_reaches_mature_love_sooner_and_stays_longer():
    summaries = [ma.time_in_zones(ma.simulate_relationship(g, g)) for g in np.linspace(0.4, 1.0, 13)]
    firsts = [s["first_mature"] for s in summaries]
    assert all(f is not None for f in firsts) and all(a >= b for a, b in zip(firsts, firsts[1:]))
    mature = [s["shares"]["mature love"] for s in summaries]
    assert all(a <= b for a, b in zip(mature, mature[1:]))


@pytest.mark.parametrize("strain", ma.STRAIN_GRID)
@pytest.mark.parametrize("growth_1", np.linspace(0, 1, 6))
def test_either_partners_growth_never_costs_the_pair_time_in_mature_love(growth_1, strain):
    summaries = [ma.time_in_zones(ma.simulate_relationship(growth_1, g, strain)) for g in np.linspace(0, 1, 11)]
    mature = [s["shares"]["mature love"] for s in summaries]
    assert all(a <= b + 1e-12 for a, b in zip(mature, mature[1:]))
    firsts = [s["first_mature"] for s in summaries]
    reached = [f for f in firsts if f is not None]
    assert firsts[len(firsts) - len(reached):] == reached, "once reached, faster growth keeps reaching it"
    assert all(a >= b for a, b in zip(reached, reached[1:]))


@pytest.mark.parametrize("growth", np.linspace(0, 1, 6))
def test_one_partners_growth_alone_narrows_the_swings_only_partly_and_never_reaches_mature_love(growth):
    alone = ma.simulate_relationship(growth, 0.0, n_months=240)
    assert ma.time_in_zones(alone)["first_mature"] is None
    assert np.allclose(alone.differentiation, ma.D0)  # the other partner's level sets the pair's
    low, high = ma.swing_range(alone)
    # the less differentiated partner leads: the swing stays at least 2·SWING·LEAD·(1 − D0) = 0.56 wide (0.8 with no growth)
    assert high - low >= 2 * ma.SWING * ma.LEAD * (1 - ma.D0) - 1e-9
    both = ma.simulate_relationship(growth, growth, n_months=240)
    low_both, high_both = ma.swing_range(both)
    assert high_both - low_both <= high - low + 1e-12


@pytest.mark.parametrize("growth_1, growth_2", [(0.5, 0.5), (0.75, 0.75), (1.0, 1.0), (1.0, 0.5), (0.5, 1.0)])
def test_a_hard_stretch_knocks_a_mature_pair_back_and_it_recovers(growth_1, growth_2):
    calm = ma.simulate_relationship(growth_1, growth_2)
    hard = ma.simulate_relationship(growth_1, growth_2, strain=1.0)
    before = hard.month < ma.STRAIN_MONTH
    assert hard[before].drop(columns="stress").equals(calm[before].drop(columns="stress"))
    for column in ("differentiation_1", "differentiation_2", "differentiation"):
        assert (hard[column] <= calm[column] + 1e-12).all()
    assert (hard.anxiety_1[before] == 0).all() and (hard.anxiety_2[before] == 0).all()
    summary = ma.after_strain(hard)
    assert summary["mature_before"] and summary["low_point"] < ma.DIFFERENTIATED
    assert summary["back"] is not None and summary["end"] <= summary["back"] < ma.N_MONTHS
    assert ma.time_in_zones(hard)["shares"]["mature love"] < ma.time_in_zones(calm)["shares"]["mature love"]


def test_the_slower_partner_sets_the_recovery():
    def back(a, b):
        return ma.after_strain(ma.simulate_relationship(a, b, strain=1.0))["back"]
    assert back(1.0, 0.5) == back(0.5, 0.5) == back(0.5, 1.0)
    assert back(1.0, 1.0) <= back(0.75, 0.75) <= back(0.5, 0.5)
    assert ma.after_strain(ma.simulate_relationship(0.5, 0.5)) is None


def test_partners_are_symmetric_and_the_model_is_deterministic():
    one, other = ma.simulate_relationship(0.9, 0.3, 0.6), ma.simulate_relationship(0.3, 0.9, 0.6)
    for a, b in (("basic_1", "basic_2"), ("anxiety_1", "anxiety_2"), ("differentiation_1", "differentiation_2")):
        assert np.array_equal(one[a], other[b]) and np.array_equal(one[b], other[a])
    for column in ("closeness", "differentiation", "swing", "zone"):
        assert np.array_equal(one[column], other[column])
    assert ma.simulate_relationship(0.9, 0.3, 0.6).equals(one)


@pytest.mark.parametrize("strain", (0.0, 0.5, 1.0))
@pytest.mark.parametrize("growth_1, growth_2", [(0, 0), (0.25, 1.0), (1.0, 1.0), (0.5, 0.0)])
def test_path_stays_on_the_plane_and_basic_differentiation_never_shrinks(growth_1, growth_2, strain):
    run = ma.simulate_relationship(growth_1, growth_2, strain, strain_month=12, n_months=240)
    numbers = run.drop(columns=["month", "zone"])
    assert ((numbers >= 0) & (numbers <= 1)).all().all()
    for person in ("1", "2"):
        assert (np.diff(run[f"basic_{person}"]) >= 0).all()
        assert (run[f"differentiation_{person}"] <= run[f"basic_{person}"] + 1e-12).all()
    assert set(run.zone) <= set(ma.ZONES)
    assert np.allclose(run.differentiation, np.minimum(run.differentiation_1, run.differentiation_2))


def test_zones_follow_their_definition():
    assert list(ma.zone([0.9, 0.9, 0.1, 0.5], [0.1, 0.9, 0.9, 0.5])) == ["fusion", "mature love", "distance", "in between"]


@pytest.mark.parametrize("call, message", [
    (lambda: co.simulate_systems(soothing=2), "soothing must be between 0.0 and 1.0; got 2"),
    (lambda: co.simulate_systems(n_days=0), "n_days must be between 1 and 3650"),
    (lambda: ma.simulate_relationship(growth_1=-1), "growth_1 must be between 0.0 and 1.0"),
    (lambda: ma.simulate_relationship(growth_2=1.5), "growth_2 must be between 0.0 and 1.0"),
    (lambda: ma.simulate_relationship(growth_2="fast"), "growth_2 must be a number"),
    (lambda: ma.simulate_relationship(strain=float("nan")), "strain must be between 0.0 and 1.0"),
    (lambda: ma.simulate_relationship(strain=True), "strain must be a number"),
    (lambda: ma.simulate_relationship(n_months=1000), "n_months must be between 1 and 240"),
    (lambda: ma.simulate_relationship(n_months=12.5), "n_months must be a whole number"),
    (lambda: ma.simulate_relationship(strain_month=40, n_months=36), "strain_month must be between 0 and 36"),
    (lambda: ma.plane_figure(growth_1=2), "growth_1 must be between 0.0 and 1.0"),
])
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_systems_controls_move_the_live_figure():
    live = co.systems_view().widget()
    live.controls["soothing"].value = 1.0
    live.controls["stress_rate"].value = 0.4
    assert np.allclose(shown(live).data[0].y, co.simulate_systems(1.0, 0.4).threat)


def test_growth_sliders_and_hard_stretch_move_the_live_plane():
    live = ma.plane_view().widget()
    assert set(live.controls) == {"growth_1", "growth_2", "strain"}
    live.controls["growth_1"].value = 1.0
    live.controls["growth_2"].value = 0.25
    live.controls["strain"].value = 1.0
    run = ma.simulate_relationship(1.0, 0.25, 1.0).iloc[::ma.PLOT_EVERY]
    assert np.allclose(shown(live).data[1].x, run.closeness)
    assert np.allclose(shown(live).data[2].y, run.differentiation_2)
    assert "mature love 2% of 48 months" in shown(live).layout.title.text
    assert "first in month 46; hard stretch from month 30" in shown(live).layout.title.text
