"""Chapter 5 models: mentalizing under arousal (switch model) and Herman's stages; their widgets."""
import numpy as np
import pytest

from widgets import healing as he


@pytest.mark.parametrize("security", he.SECURITY_GRID)
def test_arousal_past_the_switch_point_lowers_controlled_mentalizing(security):
    curve = he.mentalizing(np.linspace(0, 1, 201), security)
    assert (np.diff(curve.controlled) < 0).all()
    assert np.allclose(curve.controlled + curve.automatic, 1.0)
    switch = he.switch_point(security)
    past = curve[curve.arousal > switch]
    assert (past.controlled < 0.5).all() and (curve[curve.arousal < switch].controlled > 0.5).all()


def test_more_security_moves_the_switch_later_and_keeps_more_reflection():
    points = [he.switch_point(s) for s in he.SECURITY_GRID]
    assert all(a < b for a, b in zip(points, points[1:]))
    levels = np.linspace(0, 1, 51)
    curves = [he.mentalizing(levels, s).controlled.to_numpy() for s in he.SECURITY_GRID]
    for less, more in zip(curves, curves[1:]):
        assert (more >= less).all()
    assert he.mentalizing(0.0, 0.0).controlled.iloc[0] > 0.99      # calm: reflection available to all
    assert he.mentalizing(1.0, 1.0).controlled.iloc[0] < 0.02      # overwhelmed: reflex for everyone


@pytest.mark.parametrize("seed", range(10))
def test_without_stressors_the_path_never_goes_back(seed):
    run = he.simulate_recovery(support=0.5, stress=0.0, seed=seed)
    assert (np.diff(run.stage) >= 0).all() and not run.setback.any()
    assert set(run.stage) <= {1, 2, 3} and run.stage.iloc[0] in (1, 2)


def test_stressors_make_the_path_loop_back_and_support_helps():
    run = he.simulate_recovery(support=0.5, stress=0.2)
    assert run.setback.any() and (run.loc[run.setback, "stage"] == 1).all()
    assert (np.diff(run.stage) <= 1).all()              # moving on is one stage at a time
    reconnection = [np.mean([(he.simulate_recovery(s, 0.05, seed=k).stage == 3).mean() for k in range(60)])
                    for s in he.SUPPORT_GRID]
    assert all(a < b for a, b in zip(reconnection, reconnection[1:]))


def test_recovery_is_deterministic_and_summarised():
    a, b = he.simulate_recovery(0.5, 0.1, seed=3), he.simulate_recovery(0.5, 0.1, seed=3)
    assert a.equals(b)
    summary = he.recovery_summary(a)
    assert sum(summary["weeks"].values()) == len(a)
    assert summary["setbacks"] == int(a.setback.sum())


@pytest.mark.parametrize("call, message", [
    (lambda: he.switch_point(1.5), "security must be between 0.0 and 1.0; got 1.5"),
    (lambda: he.mentalizing([0.2, 1.2]), "arousal must be numbers between 0 and 1"),
    (lambda: he.simulate_recovery(stress=-0.1), "stress must be between 0.0 and 1.0"),
    (lambda: he.simulate_recovery(n_weeks=0), "n_weeks must be between 1 and 1040"),
])
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_switch_controls_move_the_live_figure():
    live = he.switch_view().widget()
    live.controls["security"].value = 1.0
    assert np.allclose(live.figure_widget.data[2].y, he.mentalizing(np.linspace(0, 1, 101), 1.0).controlled)
    assert f"{he.switch_point(1.0):.2f}" in live.figure_widget.layout.title.text
    live.controls["arousal"].value = 0.9
    assert list(live.figure_widget.data[3].x) == [0.9]


def test_recovery_controls_move_the_live_figure():
    live = he.recovery_view().widget()
    live.controls["support"].value = 1.0
    live.controls["stress"].value = 0.2
    assert list(live.figure_widget.data[0].y) == list(he.simulate_recovery(1.0, 0.2).stage)
