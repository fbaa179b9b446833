"""Chapter 2: every number the page states about its two models is the model's own.

The chapter's text (chapters/02_relational_cycle.ipynb) describes Model 1 (one push–pull
relationship) and Model 2 (how long hope lasts across 200 of them) with numbers; its instructor
box answers the "Try this" steps with more of them, and its self-check quotes some in feedback
(data/quizzes/ch02.yaml). Each row names a claim, a passage as the text has it with ``{}`` where
numbers stand, and a function that computes those numbers from the public functions of
``widgets.pushpull`` at the book's settings (seed 7, anxiety 0 unless stated); the passage, so
filled in, must appear word for word. What the text says in words (the rarer the warmth, the
longer hope lasts; the band is widest at low p; both sliders work in the book) is checked by the
test functions below the rows. The predictions' own numbers are checked by
``test_ch02_predictions.py``.
"""
from __future__ import annotations

import inspect
import math

import pytest

from widgets import pushpull as pp
from widgets.data import load_quiz

from support.stated import g, notebook_text, quiz_text, two, unchecked_numbers

WORDS = {2: "two", 9: "Nine", 10: "ten"}


def run(p: float = 0.5, anxiety: float = 0.0):
    """Model 1 at the book's settings."""
    return pp.simulate_push_pull(p_warm=p, anxiety=anxiety)


def default(name: str):
    """A default setting of Model 1 (``simulate_push_pull``)."""
    return inspect.signature(pp.simulate_push_pull).parameters[name].default


def episodes_in(stage: str) -> int:
    """Episodes of one stage of Model 1 (fusion, push–pull, after warmth stopped)."""
    return int((run().stage == stage).sum())


def gives_up_after(p: float, anxiety: float = 0.0) -> int:
    """Model 1: cold episodes in a row, after warmth stopped for good, until the partner gives up."""
    return pp.cold_run_until_giving_up(run(p, anxiety))


def hope_range() -> tuple[float, float]:
    """Lowest and highest hope over every setting of the timeline's sliders."""
    hopes = [run(p, anxiety).hope for p in pp.P_GRID for anxiety in pp.ANXIETY_GRID]
    return min(h.min() for h in hopes), max(h.max() for h in hopes)


def lowest_hope_in_push_pull(p: float, anxiety: float = 0.0) -> float:
    frame = run(p, anxiety)
    return float(frame.loc[frame.stage == pp.STAGES[1], "hope"].min())


def longest_cold_run_before_warmth(p: float) -> int:
    """Model 1: the longest cold run of the push–pull phase that ended in a renewed pursuit."""
    frame = run(p)
    pursuit = frame.index[frame.event == "renewed pursuit"]
    return int(frame.cold_run[pursuit - 1].max())


def odds_factor_at_full_anxiety() -> float:
    """How many times attachment anxiety 1 multiplies the starting odds that warmth returns."""
    base = default("base_hope")
    return round(math.exp(pp.prior_log_odds(1.0, base) - pp.prior_log_odds(0.0, base)), 9)


def median(p: float, anxiety: float = 0.0) -> int:
    """Model 2: median cold run until giving up over the book's seeded relationships at this p."""
    value = float(pp.extinction_curve(anxiety=anxiety).set_index("p_warm")["median"][p])
    assert value == int(value), f"median at p = {p} is not a whole number of episodes: {value}"
    return int(value)


def runs_per_p() -> int:
    """Relationships per value of p in the book's Model 2."""
    return inspect.signature(pp.extinction_figure).parameters["n_runs"].default


# (claim, passage as the student edition has it with {} for numbers, the numbers from the model)
ROWS = [
    ("m1-stages", "The first {} episodes are **fusion**, and they are always warm. Then come {} **push–pull** episodes.",
     lambda: [episodes_in(pp.STAGES[0]), episodes_in(pp.STAGES[1])]),
    ("m1-stages", "After that, warmth stops for good for {} more episodes.", lambda: [episodes_in(pp.STAGES[2])]),
    ("m1-hope", "The blue line is the partner's **hope**, a number from {} to {}:",
     lambda: [g(round(v)) for v in hope_range()]),
    ("m1-give-up", "the partner gives up when hope falls below {}, and the figure marks", lambda: [g(default("give_up_below"))]),
    ("m1-anxiety", "The second slider, **attachment anxiety** ({} to {}), raises the partner's starting belief that the "
                   "bond will resume, by up to {} times in the odds.",
     lambda: [g(pp.ANXIETY_GRID[0]), g(pp.ANXIETY_GRID[-1]), WORDS[int(odds_factor_at_full_anxiety())]]),
    ("m1-anxiety-start", "Attachment anxiety starts at {}.", lambda: [g(pp.timeline_view().defaults()["anxiety"])]),
    ("m1-leaves-out", "Episode counts, the {} threshold and the {}fold limit are teaching choices.",
     lambda: [g(default("give_up_below")), WORDS[int(odds_factor_at_full_anxiety())]]),
    ("learning-two-weeks", "If someone has been reliably warm and then goes cold for {} weeks, something has clearly changed. "
                           "If their warmth has always come and gone, {} cold weeks are",
     lambda: [WORDS[gives_up_after(1.0)], WORDS[gives_up_after(1.0)]]),
    ("m2-runs", "For each value of *p* on the horizontal axis, the model runs {} seeded relationships", lambda: [runs_per_p()]),
    ("m2-leaves-out", "The curve summarises {} simulated relationships.", lambda: [runs_per_p()]),
    ("self-check", "{} questions on the phases of the cycle", lambda: [WORDS[len(load_quiz("ch02")["questions"])]]),
]

# (claim, passage of the instructor box, the numbers from the model)
INSTRUCTOR_ROWS = [
    ("key-m1-always-warm", "Model 1: at p = {} the partner gives up after {} cold episodes.", lambda: [g(1.0), gives_up_after(1.0)]),
    ("key-m1-push-pull", "At p = {} the longest cold run during the push–pull phase is {} episodes (hope dips to about {} and "
                         "then jumps back), and after warmth stops the partner gives up after {}:",
     lambda: [g(0.3), longest_cold_run_before_warmth(0.3), f"{lowest_hope_in_push_pull(0.3):.1f}", gives_up_after(0.3)]),
    ("key-m1-anxiety", "At p = {}, raising anxiety from {} to {} keeps hope higher in the push–pull dips (lowest point about {} "
                       "versus {}) and delays giving up from {} to {} cold episodes.",
     lambda: [g(0.5), g(0.0), g(1.0), two(lowest_hope_in_push_pull(0.5, 1.0)), two(lowest_hope_in_push_pull(0.5, 0.0)),
              gives_up_after(0.5), gives_up_after(0.5, 1.0)]),
    ("key-m2", "Model 2 (anxiety {}): median {} at p = {} and {} at p = {} ({} at p = {}); p = {} gives {} and p = {} gives {}.",
     lambda: [g(0.0), median(1.0), g(1.0), median(0.2), g(0.2), median(0.1), g(0.1), g(0.5), median(0.5), g(0.8), median(0.8)]),
    ("key-m2-anxiety", "With anxiety {} the median at p = {} rises from {} to {}, but at p = {} only from {} to {}.",
     lambda: [g(1.0), g(0.2), median(0.2), median(0.2, 1.0), g(1.0), median(1.0), median(1.0, 1.0)]),
]

# (question of data/quizzes/ch02.yaml, passage of its prompt, options or feedback, the numbers from the model)
QUIZ_ROWS = [
    ("ch02-q4", "puts hope back at the same starting level whatever p is ({} without anxiety)",
     lambda: [g(float(run(0.5).loc[run(0.5).warm, "hope"].iloc[0]))]),
    ("ch02-q4", "the partner gives up when hope falls below {}.", lambda: [g(default("give_up_below"))]),
    ("ch02-q4", "(a median of {} cold episodes at p = {} against {} at p = {})", lambda: [median(0.2), g(0.2), median(1.0), g(1.0)]),
    ("ch02-q5", "up to {}fold at {},", lambda: [WORDS[int(odds_factor_at_full_anxiety())], g(pp.ANXIETY_GRID[-1])]),
    ("ch02-q5", "at p = {} it delays giving up from {} to {} cold episodes.",
     lambda: [g(0.5), gives_up_after(0.5), gives_up_after(0.5, 1.0)]),
]


@pytest.mark.parametrize("claim, passage, compute", ROWS, ids=[f"{claim}-{n}" for n, (claim, _, _) in enumerate(ROWS, 1)])
def test_each_number_the_page_states_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch02"), f"{claim}: the chapter should say {expected!r}"


@pytest.mark.parametrize("claim, passage, compute", INSTRUCTOR_ROWS,
                         ids=[f"{claim}-{n}" for n, (claim, _, _) in enumerate(INSTRUCTOR_ROWS, 1)])
def test_each_number_the_instructor_box_states_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch02", student=False), f"{claim}: the instructor box should say {expected!r}"


@pytest.mark.parametrize("question, passage, compute", QUIZ_ROWS,
                         ids=[f"{question}-{n}" for n, (question, _, _) in enumerate(QUIZ_ROWS, 1)])
def test_each_number_the_self_check_states_is_the_models(question, passage, compute):
    expected = passage.format(*compute())
    assert expected in quiz_text("ch02", question), f"{question} should say {expected!r}"


def test_no_number_in_the_key_for_the_try_this_boxes_is_left_unchecked():
    (key,) = [line for line in notebook_text("ch02", student=False).split("\n")
              if line.startswith('**Key for the "Try this" boxes**')]
    checked = [passage.format(*compute()) for _, passage, compute in INSTRUCTOR_ROWS]
    assert not unchecked_numbers(key, checked)


def test_the_settings_the_page_names_are_on_the_sliders():
    assert {0.1, 0.2, 0.3, 0.5, 0.8, 1.0} <= set(pp.P_GRID) and {0.0, 1.0} <= set(pp.ANXIETY_GRID)


def test_both_models_work_in_the_book_as_in_jupyterlab():
    """"Both sliders work here, in the book as in JupyterLab" (Model 1); the anxiety slider works
    in JupyterLab and in the online book (Model 2)."""
    timeline, extinction = pp.timeline_view(), pp.extinction_view()
    assert [c.name for c in timeline.book_controls] == ["p_warm", "anxiety"] and timeline.book_fixed == {}
    assert [c.name for c in extinction.book_controls] == ["anxiety"] and extinction.book_fixed == {}


def test_every_run_tells_the_same_story_and_starts_with_no_opinion():
    """A fixed seed: the same settings give the same run. The partner starts with no opinion either
    way (equal prior counts of warm and cold episodes)."""
    assert run(0.3).equals(run(0.3)) and run(0.3, 1.0).equals(run(0.3, 1.0))
    assert default("prior_warm") == default("prior_cold")


def test_hope_is_a_probability_that_spans_almost_all_of_it():
    lowest, highest = hope_range()
    assert 0 < lowest < 0.01 and 0.95 < highest < 1


def test_hope_can_dip_below_the_threshold_during_push_pull_and_jump_back():
    """During a long cold run of the push–pull phase hope can fall below the give-up line too, and
    jumps back to its starting level when warmth returns (p = 0.3)."""
    frame = run(0.3)
    push_pull = frame[frame.stage == pp.STAGES[1]]
    lowest = push_pull.hope.idxmin()
    assert frame.hope[lowest] < default("give_up_below") and frame.event[lowest + 1] == "renewed pursuit"
    assert frame.hope[lowest + 1] == pytest.approx(default("base_hope"))


def test_a_cold_run_ends_hope_only_once_it_is_long_compared_with_those_that_ended_in_warmth():
    """At p = 0.3 the partner gives up after a longer cold run than any that used to end in warmth;
    two cold weeks end hope after reliable warmth, not after warmth that came and went."""
    assert gives_up_after(0.3) > longest_cold_run_before_warmth(0.3)
    assert gives_up_after(1.0) == 2 < gives_up_after(0.3)


def test_the_rarer_the_warmth_the_longer_hope_lasts():
    calm = pp.extinction_curve().set_index("p_warm")["median"]
    assert (calm.diff().dropna() <= 0).all()


def test_the_band_is_widest_at_low_p():
    curve = pp.extinction_curve()
    width = curve.q75 - curve.q25
    assert curve.p_warm[width.idxmax()] <= 0.3


def test_anxiety_moves_the_curve_most_at_low_p():
    rise = {p: median(p, 1.0) - median(p) for p in pp.P_GRID}
    assert rise[0.2] > rise[1.0] and max(rise, key=rise.get) <= 0.3
