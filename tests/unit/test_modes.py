"""Chapter 4: the mode-entanglement explorer, its data files and its widgets."""
import numpy as np
import pytest

from widgets import data, modes
from widgets.data import DataError
from widgets.static_figure import book_spec, figure_at
from support.figure_json import shown

GRID = modes.HA_GRID + (1.0,)


@pytest.mark.parametrize("ha_a", GRID)
@pytest.mark.parametrize("ha_b", GRID)
def test_transition_rows_are_probabilities(ha_a, ha_b):
    matrix = modes.transition_matrix(ha_a, ha_b).to_numpy()
    assert matrix.shape == (30, 30)
    assert (matrix >= 0).all() and np.allclose(matrix.sum(axis=1), 1.0)
    share = modes.stationary(ha_a, ha_b)
    assert share.sum() == pytest.approx(1.0) and (share >= 0).all()
    assert np.allclose(share.to_numpy() @ matrix, share.to_numpy(), atol=1e-10)


def test_stronger_healthy_adult_never_raises_the_locked_share():
    fine = np.linspace(0, 1, 11)
    table = np.array([[modes.locked_share(a, b) for b in fine] for a in fine])
    assert (np.diff(table, axis=0) <= 1e-12).all()   # A's Healthy Adult grows
    assert (np.diff(table, axis=1) <= 1e-12).all()   # B's Healthy Adult grows
    assert table[0, 0] == table.max() and table[-1, :].max() == pytest.approx(0.0)


def test_the_partner_alone_cannot_bring_the_other_into_the_healthy_adult():
    # B's Healthy Adult lowers the locked share, but A's modes still depend on A's own Healthy Adult
    for ha_b in GRID:
        assert modes.healthy_share("A", 0.0, ha_b) < 0.25
    assert modes.healthy_share("A", 0.8, 0.0) > 0.8
    anger = [modes.mode_shares("A", 0.0, b)[modes.ANGER_MODE] for b in modes.HA_GRID]
    assert anger[-1] > anger[0]   # limits can at first be met with more anger: safety comes first


def test_locked_states_follow_the_data_rule():
    locked = modes.locked_states()
    a_to_b, b_to_a = modes.evocation_matrix("a_to_b"), modes.evocation_matrix("b_to_a")
    for (a, b), is_locked in locked.items():
        mutual = a_to_b.loc[a, b] >= modes.LOCK_WEIGHT and b_to_a.loc[b, a] >= modes.LOCK_WEIGHT
        healthy = a.endswith("healthy_adult") or b.endswith("healthy_adult")
        assert is_locked == (mutual and not healthy)
    assert ("a_self_aggrandizer", "b_compliant_surrenderer") in locked[locked].index


def test_simulation_is_deterministic_and_follows_possible_transitions():
    run = modes.simulate_modes(0.2, 0.4, n_turns=300, seed=8)
    assert run.equals(modes.simulate_modes(0.2, 0.4, n_turns=300, seed=8))
    matrix = modes.transition_matrix(0.2, 0.4)
    previous = (modes._healthy("A"), modes._healthy("B"))
    for state in zip(run.mode_a, run.mode_b):
        assert matrix.loc[previous, state] > 0
        previous = state
    long = modes.simulate_modes(0.0, 0.0, n_turns=6000, seed=1)
    assert long.locked.mean() == pytest.approx(modes.locked_share(0, 0), abs=0.04)


@pytest.mark.parametrize("call, message", [
    (lambda: modes.transition_matrix(ha_a=1.2), "healthy_adult must be between 0.0 and 1.0; got 1.2"),
    (lambda: modes.simulate_modes(n_turns=0), "n_turns must be between 1 and 10000"),
    (lambda: modes.evocation_matrix("sideways"), "direction must be one of"),
    (lambda: modes.simulate_modes(start=("a_healthy_adult", "nobody")), "start must be one of"),
])
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.fixture
def mode_data(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    for loader in (data.load_modes, data.load_mode_evocations):
        loader.cache_clear()
    yield tmp_path
    for loader in (data.load_modes, data.load_mode_evocations):
        loader.cache_clear()


MODES_HEADER = "id,person,standard_name,essay_label,kind,description,research_basis\n"
MODES_OK = (MODES_HEADER + "a_child,A,Vulnerable Child,,child,d,r\na_ha,A,Healthy Adult,,healthy,d,r\n"
            "b_child,B,Vulnerable Child,,child,d,r\nb_ha,B,Healthy Adult,,healthy,d,r\n")
EVOKE_HEADER = "from_mode,to_mode,weight,rationale\n"
EVOKE_OK = "a_child,b_child,0.5,x\na_ha,b_ha,0.5,x\nb_child,a_child,0.5,x\nb_ha,a_ha,0.5,x\n"


@pytest.mark.parametrize("modes_csv, evoke_csv, message", [
    (MODES_OK.replace("b_child,B", "b_child,C"), EVOKE_OK,
     r"modes.csv, line 4, column 'person': must be one of \['A', 'B'\]; got 'C'"),
    (MODES_OK.replace("a_ha,A,Healthy Adult,,healthy", "a_ha,A,Healthy Adult,,child"), EVOKE_OK,
     r"modes.csv, column 'kind': person A needs exactly one mode of kind 'healthy'; found 0"),
    (MODES_OK, EVOKE_OK.replace("a_child,b_child,0.5", "a_child,b_child,1.5"),
     r"mode_evocations.csv, line 2, column 'weight': must be between 0 and 1; got 1.5"),
    (MODES_OK, EVOKE_OK.replace("a_child,b_child,0.5", "a_child,b_child,lots"),
     r"mode_evocations.csv, line 2, column 'weight': must be a number between 0 and 1; got 'lots'"),
    (MODES_OK, EVOKE_OK.replace("a_ha,b_ha", "a_ha,b_nobody"),
     r"mode_evocations.csv, line 3, column 'to_mode': 'b_nobody' is not an id in modes.csv"),
    (MODES_OK, EVOKE_OK.replace("a_ha,b_ha", "a_ha,a_child"),
     r"mode_evocations.csv, line 3, column 'to_mode': 'a_child' belongs to the same person"),
    (MODES_OK, EVOKE_OK + "a_child,b_child,0.2,y\n",
     r"mode_evocations.csv, line 6, column 'to_mode': the pair \('a_child', 'b_child'\) is already on line 2"),
    (MODES_OK, EVOKE_OK.replace("b_ha,a_ha,0.5", "b_ha,a_ha,0"),
     r"mode_evocations.csv, column 'from_mode': mode 'b_ha' has no row with a weight above 0"),
    (MODES_OK, EVOKE_OK.replace("a_child,b_child,0.5,x", "a_child,b_child,0.5,"),
     r"mode_evocations.csv, line 2, column 'rationale': must not be empty"),
])
def test_malformed_mode_data_names_file_line_and_column(mode_data, modes_csv, evoke_csv, message):
    (mode_data / "modes.csv").write_text(modes_csv)
    (mode_data / "mode_evocations.csv").write_text(EVOKE_HEADER + evoke_csv)
    with pytest.raises(DataError, match=message):
        data.load_mode_evocations()


def test_every_mode_shows_the_essays_label_beside_the_standard_name():
    table = data.load_modes()
    labels = dict(zip(table.standard_name, table.essay_label))
    assert labels["Compliant Surrenderer"] == "Willess Compliant"
    assert labels["Detached Self-Soother"] == "Detached Self-susser"
    assert labels["Self-Aggrandizer"] == ""   # missing from the essay
    html = modes.mode_table()._repr_html_()
    assert html.count("<tr>") == len(table) + 1 and "not named in the essay" in html
    assert "<script" not in html


def test_sequence_sliders_move_the_live_figure():
    live = modes.sequence_view().widget()
    live.controls["ha_b"].value = 0.6
    run = modes.simulate_modes(0.0, 0.6)
    names = modes.short_names()
    assert list(shown(live).data[1].y) == [names[m] for m in run.mode_b]
    assert f"{modes.locked_share(0.0, 0.6):.0%}" in shown(live).layout.title.text


def test_evocation_buttons_switch_the_heatmap():
    live = modes.evocation_view().widget()
    before = np.array(shown(live).data[0].z)
    live.controls["direction"].value = "b_to_a"
    after = np.array(shown(live).data[0].z)
    assert before.shape == (6, 5) and after.shape == (5, 6)
    assert np.allclose(after, modes.evocation_matrix("b_to_a").to_numpy())


def test_static_sequence_offers_every_combination_of_both_sliders():
    view = modes.sequence_view()
    spec = book_spec(view)
    assert len(spec["steps"]) == 25
    titles = {figure_at(spec, k)["layout"]["title"]["text"] for k in range(25)}
    assert len(titles) == 25
    a, b = 1, 3  # itertools.product order: index = position of A · 5 + position of B
    expected = view.figure(ha_a=modes.HA_GRID[a], ha_b=modes.HA_GRID[b]).layout.title.text
    assert figure_at(spec, a * 5 + b)["layout"]["title"]["text"] == expected
    assert "In the book" not in view.static_html()   # every control is available in the book


def test_static_heatmap_axis_titles_follow_the_direction():
    """The book's direction buttons change the axis titles too (they once kept A → B's)."""
    spec = book_spec(modes.evocation_view())
    ab, ba = figure_at(spec, 0)["layout"], figure_at(spec, 1)["layout"]
    assert (ab["xaxis"]["title"]["text"], ab["yaxis"]["title"]["text"]) == ("Response of person B (the partner)",
                                                                            "Mode of person A")
    assert (ba["xaxis"]["title"]["text"], ba["yaxis"]["title"]["text"]) == ("Response of person A",
                                                                            "Mode of person B (the partner)")
