"""Chapter 8: the capstone reuses the earlier models and responds to each lever as documented."""
import numpy as np
import pandas as pd
import pytest

from widgets import capstone as cap
from widgets.static_figure import book_spec, figure_at, grid
from widgets import healing, modes, partner_impact
from support.figure_json import shown

GRIDS = {"predictability": cap.PREDICTABILITY_GRID, "support": cap.SUPPORT_GRID,
         "healthy_adult": cap.HEALTHY_ADULT_GRID, "safety": cap.SAFETY_GRID}
# Which outcomes each lever moves (the module docstring's table); the others must not change.
MOVES = {"predictability": {0, 3}, "support": {1, 4}, "healthy_adult": {2, 3}, "safety": {0, 1, 4}}
DEFAULTS = dict(predictability=0.5, support=1.5, healthy_adult=0.4, safety=0.5)


@pytest.mark.parametrize("lever", list(GRIDS))
def test_each_lever_moves_its_outcomes_in_the_documented_direction(lever):
    rows = np.array([cap.outcomes(**{**DEFAULTS, lever: value}).to_numpy() for value in GRIDS[lever]])
    assert ((rows >= 0) & (rows <= 1)).all()
    steps = np.diff(rows, axis=0)
    assert (steps >= -1e-12).all(), "raising a lever never makes an outcome worse"
    for k in range(len(cap.OUTCOMES)):
        if k in MOVES[lever]:
            assert rows[-1, k] > rows[0, k], f"{lever} should raise {cap.OUTCOMES[k]}"
        else:
            assert np.allclose(rows[:, k], rows[0, k]), f"{lever} should not change {cap.OUTCOMES[k]}"


def test_every_lever_at_its_lowest_is_the_worst_setting():
    low = cap.outcomes(**cap.LOW)
    high = cap.outcomes(predictability=1.0, support=3.0, healthy_adult=0.8, safety=1.0)
    assert (high > low).all()


def test_outcomes_come_from_the_earlier_chapters_models(monkeypatch):
    cap.arousal_under.cache_clear()
    cap.reconnection_under.cache_clear()
    compass = pd.DataFrame({"week": [0, 1], "support": [0.0, 0.0], "confidence": [0.8, 0.123]})
    monkeypatch.setattr(partner_impact, "simulate_compass", lambda *args, **kwargs: compass)
    monkeypatch.setattr(modes, "locked_share", lambda ha_a, ha_b: 0.25 if ha_a == 0.0 else 1.0)
    monkeypatch.setattr(healing, "mentalizing",
                        lambda arousal, security: pd.DataFrame({"controlled": [0.321]}))
    result = cap.outcomes(**DEFAULTS)
    assert result.iloc[1] == 0.123      # chapter 3's inner compass
    assert result.iloc[2] == 0.75       # chapter 4's chain, with the other person's Healthy Adult at 0
    assert result.iloc[3] == 0.321      # chapter 5's switch model
    cap.arousal_under.cache_clear()
    cap.reconnection_under.cache_clear()


@pytest.mark.parametrize("call, message", [
    (lambda: cap.outcomes(support=4), "support must be between 0.0 and 3.0; got 4"),
    (lambda: cap.outcomes(safety=-0.5), "safety must be between 0.0 and 1.0"),
])
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_levers_move_the_live_dashboard():
    live = cap.dashboard_view().widget()
    before = np.array(shown(live).data[0].x)
    live.controls["safety"].value = 1.0
    after = np.array(shown(live).data[0].x)
    assert np.allclose(after, cap.outcomes(safety=1.0).to_numpy()) and not np.allclose(before, after)


def test_static_dashboard_offers_every_combination_of_the_four_levers():
    view = cap.dashboard_view()
    spec = book_spec(view)
    assert [c.name for c in view.book_controls] == ["predictability", "support", "healthy_adult", "safety"]
    assert len(spec["steps"]) == len(cap.PREDICTABILITY_GRID) * len(cap.SUPPORT_GRID) * 5 * 5
    setting = dict(predictability=0.0, support=3.0, healthy_adult=0.4, safety=1.0)
    k = grid(view).index(setting)
    assert np.allclose(figure_at(spec, k)["data"][0]["x"], cap.outcomes(**setting), atol=1e-4)
    assert "In the book" not in view.static_html()
