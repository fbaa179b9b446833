"""Chapter 3 models: the inner compass and the window of tolerance; their widgets."""
import numpy as np
import pytest

from widgets import partner_impact as pi
from support.figure_json import shown


@pytest.mark.parametrize("support", [0.0, 1.0, 3.0])
@pytest.mark.parametrize("isolation", [0.0, 1.0])
def test_no_contradiction_confidence_never_falls(support, isolation):
    confidence = pi.simulate_compass(contradictions=0, support=support, isolation=isolation).confidence
    assert (np.diff(confidence) >= -1e-12).all()


@pytest.mark.parametrize("contradictions", [1, 2, 5])
def test_more_support_never_lowers_confidence(contradictions):
    runs = [pi.simulate_compass(contradictions, s, 0.5).confidence.to_numpy() for s in np.linspace(0, 3, 7)]
    for weaker, stronger in zip(runs, runs[1:]):
        assert (stronger >= weaker - 1e-12).all()


@pytest.mark.parametrize("contradictions", [1, 3])
def test_more_isolation_never_raises_confidence(contradictions):
    runs = [pi.simulate_compass(contradictions, 1.5, i).confidence.to_numpy() for i in pi.ISOLATION_GRID]
    for less, more in zip(runs, runs[1:]):
        assert (more <= less + 1e-12).all()


def test_more_contradictions_never_raise_confidence_and_doubt_feeds_on_itself():
    ends = [pi.simulate_compass(c, 1.5, 0.5).confidence.iloc[-1] for c in range(6)]
    assert all(a > b for a, b in zip(ends, ends[1:]))
    # blaming oneself becomes likelier as confidence falls (for trust above one half)
    assert pi.blame_self(0.8, 0.8) < pi.blame_self(0.5, 0.8) < pi.blame_self(0.2, 0.8)
    assert pi.blame_self(0.5, 0.5) == pytest.approx(0.5)
    lonely = pi.simulate_compass(2, 0.0, 1.0, n_weeks=200).confidence
    assert 0 < lonely.iloc[-1] < 0.1 and lonely.between(0, 1).all()


@pytest.mark.parametrize("call, message", [
    (lambda: pi.simulate_compass(contradictions=2.5), "contradictions must be a whole number between 0 and 20"),
    (lambda: pi.simulate_compass(trust=1.0), "trust must be between 0.01 and 0.99; got 1.0"),
    (lambda: pi.simulate_arousal(window="huge"), "window must be one of"),
    (lambda: pi.simulate_arousal(mood_shares=(0.5, 0.5, 0.5)), "mood_shares must be three non-negative"),
    (lambda: pi.simulate_arousal(predictability=-1), "predictability must be between 0.0 and 1.0"),
])
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_calm_days_keep_arousal_inside_the_window():
    for predictability in (0.0, 1.0):
        run = pi.simulate_arousal(predictability, mood_shares=(1.0, 0.0, 0.0))
        low, high = pi.WINDOWS["typical"]
        assert run.arousal.between(low, high).all() and not run.above.any()


@pytest.mark.parametrize("seed", range(10))
def test_predictability_never_adds_days_above_the_window(seed):
    runs = [pi.simulate_arousal(p, seed=seed) for p in pi.PREDICTABILITY_GRID]
    for before, after in zip(runs, runs[1:]):
        assert (after.mood == before.mood).all()                 # same moods, only foresight differs
        assert (after.arousal <= before.arousal + 1e-12).all()
    assert runs[-1].above.sum() <= runs[0].above.sum()


def test_share_above_falls_with_predictability_and_wider_windows_hold_more_days():
    curves = {w: [pi.share_above(p, w, n_runs=20) for p in pi.PREDICTABILITY_GRID] for w in pi.WINDOWS}
    for curve in curves.values():
        assert all(a >= b for a, b in zip(curve, curve[1:]))
    assert curves["typical"][0] > curves["typical"][-1]
    for p in range(len(pi.PREDICTABILITY_GRID)):
        assert curves["narrow"][p] >= curves["typical"][p] >= curves["wide"][p]


def test_arousal_is_deterministic_and_bounded():
    a, b = pi.simulate_arousal(0.3, seed=5), pi.simulate_arousal(0.3, seed=5)
    assert a.equals(b)
    assert a.arousal.between(0, 1).all()


def test_compass_controls_move_the_live_figure():
    live = pi.compass_view().widget()
    live.controls["isolation"].value = 1.0
    live.controls["contradictions"].value = 4
    assert np.allclose(shown(live).data[3].y, pi.simulate_compass(4, 1.5, 1.0).confidence)
    assert "4 contradictions a week" in shown(live).layout.title.text


def test_window_controls_move_the_live_figure():
    live = pi.window_view().widget()
    live.controls["predictability"].value = 0.0
    live.controls["window"].value = "narrow"
    run = pi.simulate_arousal(0.0, "narrow")
    assert np.allclose(shown(live).data[3].y, run.arousal)
    assert f"{run.above.mean():.0%} of days above" in shown(live).layout.title.text
    assert shown(live).layout.shapes[0].y1 == pi.WINDOWS["narrow"][1]
