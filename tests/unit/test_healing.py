"""Chapter 5 models: mentalizing under arousal (switch model) and Herman's stages; their widgets."""
import numpy as np
import pytest

from widgets import healing as he
from support.figure_json import shown


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


SETTINGS = [(s, c) for s in he.SECURITY_GRID for c in he.CALMING_GRID]


@pytest.mark.parametrize("security, calming", SETTINGS)
def test_conversation_stays_in_bounds_and_is_consistent(security, calming):
    run = he.simulate_conversation(security, calming)
    assert len(run) == len(he.CONVERSATION) == 40 and list(run.minute) == list(range(1, 41))
    assert (run.arousal >= he.REST - 1e-12).all() and (run.arousal <= 1).all()
    assert (run.controlled >= 0).all() and (run.controlled <= 1).all()
    assert (run.past_switch == (run.arousal > he.switch_point(security))).all()
    # Reflection never outlasts the switch: past it, controlled mentalizing is below one half...
    assert not (run.past_switch & run.reflective).any()
    # ... and never exceeds what the arousal of the moment allows (it only lags on the way back).
    assert (run.controlled <= he.mentalizing(run.arousal, security).controlled + 1e-12).all()
    summary = he.conversation_summary(run)
    assert summary["without_reflection"] >= summary["past_switch"]


def test_conversation_is_deterministic():
    a, b = he.simulate_conversation(0.3, 0.6), he.simulate_conversation(0.3, 0.6)
    assert a.equals(b)
    assert he.switch_figure(0.25, 0.5).to_plotly_json() == he.switch_figure(0.25, 0.5).to_plotly_json()


def test_more_security_never_takes_reflection_away():
    for calming in he.CALMING_GRID:
        runs = [he.simulate_conversation(s, calming) for s in np.linspace(0, 1, 21)]
        for less, more in zip(runs, runs[1:]):
            assert (more.controlled >= less.controlled - 1e-12).all()
            assert more.past_switch.sum() <= less.past_switch.sum()
            assert (more.arousal == less.arousal).all()         # security does not change arousal


def test_more_calming_lowers_arousal_and_never_takes_reflection_away():
    for security in he.SECURITY_GRID:
        runs = [he.simulate_conversation(security, c) for c in np.linspace(0, 1, 21)]
        for less, more in zip(runs, runs[1:]):
            assert (more.arousal <= less.arousal + 1e-12).all()
            assert (more.controlled >= less.controlled - 1e-12).all()
            assert more.past_switch.sum() <= less.past_switch.sum()
            assert (more.flash == less.flash).all()              # the same flash points every time


def test_known_limits():
    calm = he.simulate_conversation(0.0, 0.0, flashes=[0.0] * 30)   # nothing stings: arousal rests
    assert np.allclose(calm.arousal, he.REST) and calm.reflective.all() and not calm.past_switch.any()
    assert he.conversation_summary(calm)["last_past"] is None
    assert he.conversation_summary(calm)["reflection_back"] is None
    storm = he.simulate_conversation(1.0, 1.0, flashes=[1.0] * 5)    # everything stings fully
    assert np.allclose(storm.arousal, 1.0) and storm.past_switch.all()
    # Reflection comes back by the security's recovery share of what is missing each minute.
    run = he.simulate_conversation(0.0, 0.0, flashes=[0.0, 0.9, 0.0, 0.0])
    target = he.mentalizing(run.arousal, 0.0).controlled.to_numpy()
    assert np.isclose(run.controlled[2], run.controlled[1] + he.recovery_rate(0.0) * (target[2] - run.controlled[1]))
    assert (he.recovery_rate(0.0), he.recovery_rate(1.0)) == (he.RECOVERY_INSECURE, he.RECOVERY_SECURE)


def test_course_conversation_numbers():
    past = [[he.minutes_past_switch(s, c) for s in he.SECURITY_GRID] for c in he.CALMING_GRID]
    assert past[0] == [27, 21, 13, 5, 1]          # no calming: security alone
    assert [row[2] for row in past] == [13, 5, 2, 2, 2]   # security 0.5: calming alone


@pytest.mark.parametrize("call, message", [
    (lambda: he.switch_point(1.5), "security must be between 0.0 and 1.0; got 1.5"),
    (lambda: he.mentalizing([0.2, 1.2]), "arousal must be numbers between 0 and 1"),
    (lambda: he.simulate_conversation(security=-0.1), "security must be between 0.0 and 1.0"),
    (lambda: he.simulate_conversation(calming=2), "calming must be between 0.0 and 1.0; got 2"),
    (lambda: he.simulate_conversation(calming="high"), "calming must be a number"),
    (lambda: he.simulate_conversation(flashes=[0.2, 1.5]), "flashes must be a sequence of 1 to 600 numbers"),
    (lambda: he.simulate_conversation(flashes=[]), "flashes must be a sequence"),
    (lambda: he.simulate_conversation(flashes="loud"), "flashes must be a sequence"),
    (lambda: he.simulate_conversation(flashes=[[0.1, 0.2]]), "flashes must be a sequence"),
    (lambda: he.simulate_conversation(flashes=[0.1, float("nan")]), "flashes must be a sequence"),
    (lambda: he.simulate_recovery(stress=-0.1), "stress must be between 0.0 and 1.0"),
    (lambda: he.simulate_recovery(n_weeks=0), "n_weeks must be between 1 and 1040"),
])
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


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


def test_switch_controls_move_the_live_figure():
    live = he.switch_view().widget()
    live.controls["security"].value = 1.0
    assert np.allclose(shown(live).data[2].y, he.simulate_conversation(1.0, 0.0).controlled)
    assert "1 of 40 minutes past the switch" in shown(live).layout.title.text
    live.controls["calming"].value = 0.5
    assert np.allclose(shown(live).data[1].y, he.simulate_conversation(1.0, 0.5).arousal)
    assert np.allclose(shown(live).data[0].y, he.simulate_conversation(1.0, 0.0).arousal)
    assert "0 of 40 minutes past the switch" in shown(live).layout.title.text


def test_recovery_controls_move_the_live_figure():
    live = he.recovery_view().widget()
    live.controls["support"].value = 1.0
    live.controls["stress"].value = 0.2
    assert list(shown(live).data[0].y) == list(he.simulate_recovery(1.0, 0.2).stage)
