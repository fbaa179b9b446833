"""The book's figures (widgets/static_figure.py, book/_static/course.js): every step the book can
show equals a full rebuild, and the native controls carry what the script needs."""
from __future__ import annotations

import json
import re

import pytest

from widgets import static_figure
from widgets.catalog import VIEWS
from widgets.dual import Control, InteractiveFigure

from support.course_pages import ROOT
from support.figure_json import assert_same, decoded
from support.node import run_node

COURSE_JS = ROOT / "book" / "_static" / "course.js"
# The book's numbers keep SIGNIFICANT_DIGITS digits, lists of numbers relative to their largest.
ROUNDING = 10 ** -(static_figure.SIGNIFICANT_DIGITS - 1)


def run_course_js(program: str, data) -> object:
    """Run ``program`` under Node with course.js loaded as ``course`` and ``data`` as ``input``."""
    script = (f"const course = require({json.dumps(str(COURSE_JS))});"
              "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              f"process.stdout.write(JSON.stringify((() => {{ {program} }})()));")
    return run_node(script, data, "course.js")


@pytest.mark.parametrize("label", list(VIEWS))
def test_every_book_step_applied_by_course_js_equals_a_full_rebuild(label):
    """course.js applies each precomputed step to the base figure; the result must be the figure a
    full, validated rebuild gives at that combination of every control's values."""
    view = VIEWS[label]()
    spec = static_figure.book_spec(view)
    combinations = static_figure.grid(view)
    assert len(spec["steps"]) == len(combinations)
    shown = run_course_js("return input.steps.map((_, n) => course.courseFigureAt(input, n));", spec)
    for n, combination in enumerate(combinations):
        fresh = decoded(view.figure(**combination).to_plotly_json())
        where = f"{label} {combination}"
        assert len(shown[n]["data"]) == len(fresh["data"]), where
        for k, (drawn, rebuilt) in enumerate(zip(shown[n]["data"], fresh["data"])):
            assert_same(drawn, rebuilt, f"{where} trace {k}", rtol=ROUNDING)
        assert_same(shown[n]["layout"], fresh["layout"], f"{where} layout", rtol=ROUNDING)
    # The Python rule of the tests and reports is the same as the script's.
    assert static_figure.figure_at(spec, len(combinations) - 1) == shown[-1]


def test_the_book_offers_every_control_of_every_figure():
    for label, make in VIEWS.items():
        view = make()
        assert view.book_controls == view.controls and view.book_fixed == {}, label


def test_step_index_follows_product_order():
    sizes = [5, 2, 3]
    got = run_course_js("return input.map(p => course.courseStepIndex([5, 2, 3], p));",
                        [[0, 0, 0], [0, 0, 2], [0, 1, 0], [1, 0, 0], [4, 1, 2]])
    assert got == [0, 2, 3, 6, 5 * 2 * 3 - 1]
    view = VIEWS["ch04 mode sequence"]()
    combinations = static_figure.grid(view)
    a, b = 1, 3
    assert combinations[a * sizes[0] + b] == {"ha_a": view.controls[0].values[a], "ha_b": view.controls[1].values[b]}


def _tiny_view(**options):
    def build(colour="a", size=1, shape="o"):
        import plotly.graph_objects as go
        return go.Figure(go.Scatter(x=[0, 1], y=[size, size * (2 if colour == "a" else 3)]),
                         layout=dict(title=dict(text=f"{colour} {size} {shape}")))
    return InteractiveFigure(build, [Control("colour", "colour", ("a", "b"), "a", kind="buttons"),
                                     Control("size", "size", (1, 2, 3), 2),
                                     Control("shape", "shape", ("o", "x"), "x", kind="dropdown",
                                             value_labels=("circle", "cross"))], **options)


def test_native_controls_one_per_control_with_labels_and_defaults():
    page = _tiny_view().static_html()
    assert re.search(r'<fieldset class="course-control course-control-choice"[^>]*><legend>colour</legend>', page)
    assert len(re.findall(r'<input type="radio" name="course-figure-\d+-colour" value="\d"', page)) == 2
    assert re.search(r'<input type="radio" name="[^"]+" value="0" checked>', page)
    assert re.search(r'<label for="(course-figure-\d+-size)">size</label><input type="range" id="\1"', page)
    assert 'min="0" max="2" step="1" value="1" aria-valuetext="2"' in page and "<output" in page
    assert re.search(r'<select id="[^"]+-shape" name="shape"><option value="0">circle</option>'
                     r'<option value="1" selected>cross</option></select>', page)
    assert "Plotly.newPlot" not in page and "<script src" not in page
    assert '<p class="course-figure-title" aria-live="polite">a 2 x</p>' in page
    spec = json.loads(re.search(r'<script type="application/json" class="course-figure-spec">(.*?)</script>',
                                page).group(1))
    assert spec["sizes"] == [2, 3, 2] and len(spec["steps"]) == 12


def test_a_control_fixed_in_the_book_says_why():
    page = _tiny_view(book_fixed={"size": "each size needs its own model run"}).static_html()
    assert "In the book, size stays at 2: each size needs its own model run" in page
    assert 'type="range"' not in page
    with pytest.raises(ValueError, match="book_fixed: 'speed' is not a control; controls are"):
        _tiny_view(book_fixed={"speed": "no"})


def test_numbers_are_rounded_to_significant_digits_and_nan_is_a_gap():
    assert static_figure.compact([0.123456789, 123456.789, float("nan"), 3, True]) == [0.1235, 123500.0, None, 3, True]


def test_lists_of_numbers_are_stored_as_integers_and_read_back_by_course_js():
    numbers = [0.5, 0.0123, None, 0.98766, -0.25, 0, 0.1, 0.2]
    stored = static_figure.quantized(numbers)
    assert stored == {"q": 4, "v": [5000, 123, None, 9877, -2500, 0, 1000, 2000]}
    assert static_figure.unquantized(stored) == [0.5, 0.0123, None, 0.9877, -0.25, 0, 0.1, 0.2]
    spec = {"base": {"data": [{"y": [0]}], "layout": {}}, "paths": [[0, "y"]], "values": [stored], "steps": [[0]]}
    assert run_course_js("return course.courseFigureAt(input, 0).data[0].y;", spec) == [0.5, 0.0123, None, 0.9877, -0.25, 0, 0.1, 0.2]
    for plain in (list(range(8)), [0.5] * 7, ["a"] * 8, [0.0] * 8, [12345.6] * 8):
        assert static_figure.quantized(plain) == plain


def test_script_json_cannot_close_its_script_element():
    assert "</script>" not in static_figure._script_json({"text": "</script><script>alert(1)"})


def test_phone_layout_moves_the_title_out_wraps_labels_and_puts_the_legend_below():
    figure = static_figure.base_figure(VIEWS["ch08 capstone"]())
    narrow, wide = run_course_js("return [course.courseFit(JSON.parse(JSON.stringify(input)), 340, false),"
                                 " course.courseFit(JSON.parse(JSON.stringify(input)), 900, true)];", figure)
    assert narrow["title"] == "Five outcomes for the settings chosen" and narrow["figure"]["layout"]["title"]["text"] == ""
    layout = narrow["figure"]["layout"]
    assert layout["legend"]["yref"] == "container" and layout["legend"]["yanchor"] == "bottom"
    # Room for the wrapped labels (14 characters at about 6 px) instead of the desktop's 300 px.
    assert layout["margin"]["l"] == 12 + 6 * 14 and layout["dragmode"] is False
    assert all(len(line) <= 14 for text in layout["yaxis"]["ticktext"] for line in text.split("<br>"))
    assert wide["figure"]["layout"]["font"]["color"] == "#e6e6e6" and "dragmode" not in wide["figure"]["layout"]
    assert wide["figure"]["layout"]["margin"]["l"] == figure["layout"]["margin"]["l"]
