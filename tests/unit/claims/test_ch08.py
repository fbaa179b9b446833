"""Chapter 8: every number the page states about its models and its map is theirs.

Each row names a claim and a passage of the chapter with ``{}`` where numbers stand; the numbers
are computed here from the public functions of the capstone (``widgets.capstone``), of the earlier
chapters' models it recalls (``pushpull``, ``partner_impact``, ``modes``, ``healing``) and from the
map's data, and the passage, so filled in, must appear word for word in the chapter's markdown
(``ROWS``: the student page; ``INSTRUCTOR_ROWS``: the instructor boxes the student book leaves out)
or in a question of the chapter's self-check (``QUIZ_ROWS``). What the page says in words about
the models is checked by the test functions below the rows. The numbers in the predictions are
checked by ``test_ch08_predictions.py``.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from widgets import capstone as cap
from widgets import healing, maturity, modes, partner_impact, pushpull
from widgets.data import load_idea_links, load_ideas

from support.stated import g, notebook_text, quiz_text, two

VIEW = cap.dashboard_view()
START = VIEW.defaults()  # predictability 0.5, support 1.5, own Healthy Adult 0.4, safety 0.5
GRIDS = {"predictability": cap.PREDICTABILITY_GRID, "support": cap.SUPPORT_GRID,
         "healthy_adult": cap.HEALTHY_ADULT_GRID, "safety": cap.SAFETY_GRID}
HIGHEST = {lever: grid[-1] for lever, grid in GRIDS.items()}
OUTCOME = {name: k for k, name in enumerate(("window", "confidence", "not locked", "mentalizing", "reconnection"))}
SHORT = ("the window", "confidence", "turns not locked", "mentalizing", "reconnection")  # as the activity names them
OTHER = 0.0  # the other person's Healthy Adult, fixed (checked below)
HA_LOW, HA_HIGH = cap.HEALTHY_ADULT_GRID[0], cap.HEALTHY_ADULT_GRID[-1]
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def pct(share: float) -> str:
    """A share as a whole per cent, rounded half up as chapter 4 shows it (0.5615 -> 56%)."""
    return f"{round(100 * share)}%"


def bars(**levers) -> list[float]:
    """The five bars, the levers not named at their starting values."""
    return [float(v) for v in cap.outcomes(**{**START, **levers})]


def bar(outcome: str, **levers) -> float:
    return bars(**levers)[OUTCOME[outcome]]


def all_bars(**levers) -> str:
    return ", ".join(two(v) for v in bars(**levers))


def steps(outcome: str, lever: str, **levers) -> str:
    return ", ".join(two(bar(outcome, **{**levers, lever: v})) for v in GRIDS[lever])


def reaches(lever: str) -> list[int]:
    """The bars that change when only this lever moves over its grid, the others at the start."""
    runs = np.array([bars(**{lever: v}) for v in GRIDS[lever]])
    return [k for k in range(len(cap.OUTCOMES)) if np.ptp(runs[:, k]) > 1e-9]


def joined(values, last: str = " and ") -> str:
    values = [str(v) for v in values]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + last + values[-1]


def span(grid) -> str:
    return f"{g(grid[0])}–{g(grid[-1])}"


def chapter_number(source: str) -> str:
    """'chapter 3' -> '3'."""
    return source.split()[-1]


def week_52() -> int:
    return int(partner_impact.simulate_compass().week.iloc[-1])


def compass(isolation: float) -> str:
    """Chapter 3's confidence at week 52 at its own starting settings."""
    return two(partner_impact.simulate_compass(isolation=isolation).confidence.iloc[-1])


def median_cold(p_warm: float) -> int:
    return int(pushpull.extinction_curve().set_index("p_warm")["median"][p_warm])


def average_arousal(predictability: float) -> float:
    return cap.arousal_under(predictability, cap.window_for(START["safety"]))[1]


IDEAS, LINKS = load_ideas(), load_idea_links()
CHAPTER = IDEAS.set_index("id").chapter
YEAR = IDEAS.set_index("id").year


def into(idea: str):
    return LINKS[LINKS.target == idea].source


# (claim, passage with {} for numbers, the numbers computed from the models and the data)
ROWS = [
    ("start-chapters", "Chapters {} each built a small model of one process.",
     lambda: [joined(sorted({chapter_number(s) for s in cap.SOURCES}))]),
    ("start-levers", "Its {} levers are the predictability", lambda: [WORDS[len(VIEW.controls)]]),
    ("start-bars", "Its {} bars are outcomes taken from those chapters", lambda: [WORDS[len(cap.OUTCOMES)]]),
    ("levers-combinations", "for the book, all {} combinations of their settings were computed in advance.",
     lambda: [math.prod(len(c.values) for c in VIEW.book_controls)]),
    ("levers-other", "The other person's Healthy Adult is fixed at {} throughout", lambda: [g(OTHER)]),
    ("try-start", "The levers start at predictability {}, support {}, own Healthy Adult {} and safety {}.",
     lambda: [g(START[k]) for k in ("predictability", "support", "healthy_adult", "safety")]),
    ("try-old-friends", "one is chapter {}'s confidence at week {} with isolation {}, the other is one minus chapter "
                        "{}'s share of locked turns when only the partner's Healthy Adult is {}.",
     lambda: [chapter_number(cap.SOURCES[1]), week_52(), g(1 - START["safety"]), chapter_number(cap.SOURCES[2]),
              g(START["healthy_adult"])]),
    ("try-safety", "Keep own Healthy Adult at {}. Before you step safety from {} to {}",
     lambda: [g(START["healthy_adult"]), g(cap.SAFETY_GRID[0]), g(cap.SAFETY_GRID[-1])]),
    ("try-other", "Set own Healthy Adult to {} again.", lambda: [g(HA_HIGH)]),
    ("try-other-check", "check there with the other person's Healthy Adult at {} and the partner's at {}.",
     lambda: [g(OTHER), g(HA_HIGH)]),
    ("try-support", "Set social support to {}. Predict what confidence will do, then step safety from {} to {}",
     lambda: [g(cap.SUPPORT_GRID[0]), g(cap.SAFETY_GRID[0]), g(cap.SAFETY_GRID[-1])]),
    ("try-predictability", "Put support back to {} and move predictability from {} to {}.",
     lambda: [g(START["support"]), g(cap.PREDICTABILITY_GRID[0]), g(cap.PREDICTABILITY_GRID[-1])]),
    ("table-predictability", "| Predictability of the other person's moods | {} |", lambda: [span(cap.PREDICTABILITY_GRID)]),
    ("table-support", "| Social support | {} |", lambda: [span(cap.SUPPORT_GRID)]),
    ("table-healthy-adult", "| Own Healthy Adult | {} |", lambda: [span(cap.HEALTHY_ADULT_GRID)]),
    ("table-safety", "| Boundaries and safety | {} |", lambda: [span(cap.SAFETY_GRID)]),
    ("table-healthy-adult-other", "Chapter 4, mode chain: the partner's Healthy Adult (the other person's stays at {}).",
     lambda: [g(OTHER)]),
    ("table-window-runs", "| {} simulated relationships of {} days each |",
     lambda: [cap.WINDOW_RUNS, len(partner_impact.simulate_arousal(seed=cap.FIRST_SEED))]),
    ("table-contradictions", "The other person contradicts the partner's perception {} a week throughout",
     lambda: [{1: "once", 2: "twice"}[cap.CONTRADICTIONS]]),
    ("table-recovery-support", "Chapter 5, recovery path: support = social support ÷ {}",
     lambda: [g(cap.SUPPORT_GRID[-1])]),
    ("table-recovery-stress", "Chapter 5: weekly chance of a stressor = {} × (1 − safety)",
     lambda: [g(cap.STRESSOR_CHANCE)]),
    ("table-window-widths", "The window has only {} widths",
     lambda: [WORDS[len({cap.window_for(s / 100) for s in range(101)})]]),
    *[(f"table-outcome-{k + 1}", "| {} | {},", lambda k=k: [cap.OUTCOMES[k], cap.SOURCES[k].capitalize()])
      for k in range(len(cap.OUTCOMES))],
    ("table-outcome-window", "1 − share of days above the window (mean of {} relationships)",
     lambda: [cap.WINDOW_RUNS]),
    ("table-outcome-week", "| Confidence in own perception (week {}) | Chapter 3, inner compass | Confidence at week {} |",
     lambda: [week_52(), week_52()]),
    ("table-outcome-recovery", "Share of {} weeks in the third stage (mean of {} simulated paths)",
     lambda: [len(healing.simulate_recovery()), cap.RECOVERY_RUNS]),
    ("leaves-out-other", "Their Healthy Adult is fixed at {}, and their behaviour", lambda: [g(OTHER)]),
    ("arc-ch2", "hope gave out after a median of {} cold episodes when warmth had been reliable, and {} when it had "
                "come only one time in {}.",
     lambda: [median_cold(1.0), median_cold(0.2), WORDS[round(1 / 0.2)]]),
    ("arc-ch3", "confidence at week {} was {} when friends' support stayed and {} with full isolation.",
     lambda: [week_52(), compass(0.0), compass(1.0)]),
    ("arc-ch4", "raising only the partner's {{term}}`Healthy Adult <Healthy Adult>` to {} cut locked turns from {} to "
                "{}, yet the other person was still outside their own Healthy Adult {} of the time",
     lambda: [g(HA_HIGH), pct(modes.locked_share(OTHER, HA_LOW)), pct(modes.locked_share(OTHER, HA_HIGH)),
              pct(1 - modes.healthy_share("A", OTHER, HA_HIGH))]),
    ("map-ch8", "Chapter 8's lane holds a single point, and it is a research finding that corrects a popular claim: "
                "the {} cohort study that found no rise in student narcissism.",
     lambda: [int(IDEAS[IDEAS.chapter == 8].year.iloc[0])]),
    ("map-try-bowlby", "Choose chapter {} and find Bowlby ({}).",
     lambda: [CHAPTER["bowlby_attachment"], YEAR["bowlby_attachment"]]),
    ("map-try-klein", "Choose chapter {} and find Klein's projective identification ({}).",
     lambda: [CHAPTER["projective_identification"], YEAR["projective_identification"]]),
]

INSTRUCTOR_ROWS = [
    ("activity-grid", "Expected grid: predictability reaches {}; social support reaches {}; own Healthy Adult reaches "
                      "{}; safety reaches {}.",
     lambda: [joined(SHORT[k] for k in reaches(lever)) for lever in GRIDS]),
    ("activity-other", "No lever reaches the other person's own Healthy Adult, which stays at {}; in chapter {}'s model "
                       "that person is still outside it {} of the time when the partner's Healthy Adult is {}.",
     lambda: [g(OTHER), chapter_number(cap.SOURCES[2]), pct(1 - modes.healthy_share("A", OTHER, HA_HIGH)),
              g(HA_HIGH)]),
    ("key-start", "Starting settings: {}, and the two old friends are confidence ({}) and turns not locked ({}); every "
                  "lever lowest (red marks): {}.",
     lambda: [all_bars(), two(bar("confidence")), two(bar("not locked")), all_bars(**cap.LOW)]),
    ("key-own-low", "Own Healthy Adult {} and safety {}, with predictability and support at their starting values: {}, "
                    "so the bars stay above {} of the five red marks",
     lambda: [g(HA_LOW), g(cap.SAFETY_GRID[0]), all_bars(healthy_adult=HA_LOW, safety=cap.SAFETY_GRID[0]),
              WORDS[sum(a > b + 1e-12 for a, b in zip(bars(healthy_adult=HA_LOW, safety=cap.SAFETY_GRID[0]),
                                                       bars(**cap.LOW)))]]),
    ("key-own-high", "Own Healthy Adult {} and safety {}, the others as before: {}.",
     lambda: [g(HA_HIGH), g(cap.SAFETY_GRID[-1]), all_bars(healthy_adult=HA_HIGH, safety=cap.SAFETY_GRID[-1])]),
    ("key-highest", "Every lever at its highest: {}, so even then no setting brings every bar to 1.",
     lambda: [all_bars(**HIGHEST)]),
    ("key-safety", "Safety {} → {} (Healthy Adult {}): window {}; confidence {}; reconnection {}; the other two bars "
                   "unchanged.",
     lambda: [g(cap.SAFETY_GRID[0]), g(cap.SAFETY_GRID[-1]), g(START["healthy_adult"]), steps("window", "safety"),
              steps("confidence", "safety"), steps("reconnection", "safety")]),
    ("key-own", "Own Healthy Adult {} → {} (safety {}): turns not locked {}; mentalizing {}; the other three "
                "unchanged.",
     lambda: [g(HA_LOW), g(HA_HIGH), g(START["safety"]), steps("not locked", "healthy_adult"),
              steps("mentalizing", "healthy_adult")]),
    ("key-arousal", "the average arousal at predictability {} is {}, just above the switch point of {} that a Healthy "
                    "Adult of {} gives.",
     lambda: [g(START["predictability"]), two(average_arousal(START["predictability"])),
              two(healing.switch_point(START["healthy_adult"])), g(START["healthy_adult"])]),
    ("key-support", "Support {}: confidence {} at every safety level, reconnection {} at safety {}.",
     lambda: [g(cap.SUPPORT_GRID[0]), two(bar("confidence", support=0.0)), two(bar("reconnection", support=0.0)),
              g(START["safety"])]),
    ("key-predictability", "Predictability {} → {}: window {} → {}, mentalizing {} → {}.",
     lambda: [g(cap.PREDICTABILITY_GRID[0]), g(cap.PREDICTABILITY_GRID[-1]),
              two(bar("window", predictability=0.0)), two(bar("window", predictability=1.0)),
              two(bar("mentalizing", predictability=0.0)), two(bar("mentalizing", predictability=1.0))]),
    ("key-map", "Map: {} ideas, {} links, {} research findings, none in the lanes of chapters {};",
     lambda: [len(IDEAS), len(LINKS), int((IDEAS.kind == "finding").sum()),
              joined(sorted(set(IDEAS.chapter) - set(IDEAS[IDEAS.kind == "finding"].chapter)))]),
    ("key-map-labels", "{} ideas carry an essay label ({});",
     lambda: [int((IDEAS.essay_label != "").sum()),
              ", ".join(f"chapter {c}: {n}" for c, n in IDEAS[IDEAS.essay_label != ""].groupby("chapter").size().items())]),
    ("key-map-bowlby", "{} links end at Bowlby, from chapters {};",
     lambda: [len(into("bowlby_attachment")), joined(sorted(set(CHAPTER[into("bowlby_attachment")])))]),
    ("key-map-klein", "{} later ideas build on projective identification: containment (chapter {}), complementary "
                      "identification and couple collusion (chapter {}).",
     lambda: [WORDS[len(into("projective_identification"))], CHAPTER["containment"],
              joined(sorted({CHAPTER["complementary_identification"], CHAPTER["couple_collusion"]}))]),
]

QUIZ_ROWS = [
    ("ch08-q3", "hope gave out after a median of {} cold episodes when warmth had been reliable, and {} when it came "
                "one time in {}.",
     lambda: [median_cold(1.0), median_cold(0.2), WORDS[round(1 / 0.2)]]),
    ("ch08-q4", "with the partner's own Healthy Adult at {}, moving boundaries and safety from {} to {} raises "
                "confidence at week {} from {} to {}, but 'Turns not locked in a mode cycle' stays at {}.",
     lambda: [g(START["healthy_adult"]), g(cap.SAFETY_GRID[0]), g(cap.SAFETY_GRID[-1]), week_52(),
              two(bar("confidence", safety=0.0)), two(bar("confidence", safety=1.0)), two(bar("not locked"))]),
    ("ch08-q4", "the partner's own Healthy Adult does lower the locked share, from {} at {} to {} at {}.",
     lambda: [pct(modes.locked_share(OTHER, HA_LOW)), g(HA_LOW), pct(modes.locked_share(OTHER, HA_HIGH)),
              g(HA_HIGH)]),
    ("ch08-q5", "raising the partner's own Healthy Adult to {} lifts 'Turns not locked in a mode cycle' to {}.",
     lambda: [g(HA_HIGH), two(bar("not locked", healthy_adult=HA_HIGH))]),
    ("ch08-q5", "with the partner at {} and the other at {}, the other person is still outside their Healthy Adult {} "
                "of the time and in the Angry/Impulsive Child {} of the time.",
     lambda: [g(HA_HIGH), g(OTHER), pct(1 - modes.healthy_share("A", OTHER, HA_HIGH)),
              pct(modes.mode_shares("A", OTHER, HA_HIGH)[modes.ANGER_MODE])]),
    ("ch08-q5", "the locked share falls from {} to {}.",
     lambda: [pct(modes.locked_share(OTHER, HA_LOW)), pct(modes.locked_share(OTHER, HA_HIGH))]),
    ("ch08-q7", "More predictable moods lower the average arousal ({} at predictability {}), and a stronger Healthy "
                "Adult moves the switch point upwards ({} at {})",
     lambda: [two(average_arousal(START["predictability"])), g(START["predictability"]),
              two(healing.switch_point(START["healthy_adult"])), g(START["healthy_adult"])]),
    ("ch08-q11", "That such a relationship has about a {} chance of lasting, since two of the bars read {}.",
     lambda: [pct(bar("not locked", **HIGHEST)), two(bar("not locked", **HIGHEST))]),
    ("ch08-q11", "{} is one minus the long-run share of locked turns in chapter 4's Markov chain, and a share of "
                 "reflective mentalizing",
     lambda: [two(bar("not locked", **HIGHEST))]),
    ("ch08-q12", "Raising only the partner's Healthy Adult to {} cuts the share of locked turns from {} to {}.",
     lambda: [g(HA_HIGH), pct(modes.locked_share(OTHER, HA_LOW)), pct(modes.locked_share(OTHER, HA_HIGH))]),
]


@pytest.mark.parametrize("claim, passage, compute", ROWS, ids=[row[0] for row in ROWS])
def test_each_number_the_page_states_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in notebook_text("ch08"), f"{claim}: the page should say {expected!r}"


@pytest.mark.parametrize("claim, passage, compute", INSTRUCTOR_ROWS, ids=[row[0] for row in INSTRUCTOR_ROWS])
def test_each_number_the_instructor_boxes_state_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected not in notebook_text("ch08"), f"{claim}: expected only in an instructor box"
    assert expected in notebook_text("ch08", student=False), f"{claim}: the instructor box should say {expected!r}"


@pytest.mark.parametrize("claim, passage, compute", QUIZ_ROWS,
                         ids=[f"{row[0]}-{n}" for n, row in enumerate(QUIZ_ROWS, start=1)])
def test_each_number_the_self_check_states_is_the_models(claim, passage, compute):
    expected = passage.format(*compute())
    assert expected in quiz_text("ch08", claim), f"{claim}: the question should say {expected!r}"


def test_claim_ids_are_unique():
    ids = [row[0] for row in ROWS + INSTRUCTOR_ROWS]
    assert len(ids) == len(set(ids))

def test_the_book_offers_all_four_levers_at_the_stated_positions():
    assert [c.name for c in VIEW.book_controls] == list(GRIDS) and VIEW.book_fixed == {}
    assert [c.name for c in VIEW.controls] == list(GRIDS)
    assert START == {"predictability": 0.5, "support": 1.5, "healthy_adult": 0.4, "safety": 0.5}
    assert all(tuple(c.values) == GRIDS[c.name] for c in VIEW.book_controls)
    assert cap.LOW == {lever: grid[0] for lever, grid in GRIDS.items()}


def test_safety_sets_three_window_widths_at_thirds():
    """'narrow below 1/3, typical up to 2/3, wide above', so safety moves the window in steps."""
    assert "(narrow below 1/3, typical up to 2/3, wide above)" in notebook_text("ch08")
    assert [cap.window_for(s) for s in (0.33, 0.34, 0.66, 0.67)] == ["narrow", "typical", "typical", "wide"]
    window = [bar("window", safety=s) for s in cap.SAFETY_GRID]
    assert window == sorted(window) and len(set(window)) < len(window)


def test_each_bar_is_its_chapters_model_called_as_the_tables_state():
    """Window and mentalizing: chapter 3's window model (its average arousal read by chapter 5's
    switch model, security = own Healthy Adult); confidence: chapter 3's compass with isolation =
    1 - safety; not locked: 1 - chapter 4's locked share with the other person's Healthy Adult at 0;
    reconnection: chapter 5's recovery path with support / 3 and a stressor chance of 0.2 (1 - safety)."""
    for predictability in (0.0, 0.5, 1.0):
        for safety in (0.0, 0.5, 1.0):
            inside, arousal = cap.arousal_under(predictability, cap.window_for(safety))
            result = bars(predictability=predictability, safety=safety)
            assert result[OUTCOME["window"]] == inside
            expected = healing.mentalizing(arousal, security=START["healthy_adult"]).controlled.iloc[0]
            assert abs(result[OUTCOME["mentalizing"]] - expected) < 1e-12
    for support in (0.0, 1.5, 3.0):
        for safety in (0.0, 0.5, 1.0):
            result = bars(support=support, safety=safety)
            compass_now = partner_impact.simulate_compass(cap.CONTRADICTIONS, support, 1 - safety)
            assert result[OUTCOME["confidence"]] == compass_now.confidence.iloc[-1]
            stress = round(cap.STRESSOR_CHANCE * (1 - safety), 6)
            assert result[OUTCOME["reconnection"]] == cap.reconnection_under(round(support / cap.SUPPORT_GRID[-1], 6), stress)
    for healthy_adult in cap.HEALTHY_ADULT_GRID:
        assert abs(bar("not locked", healthy_adult=healthy_adult) - (1 - modes.locked_share(OTHER, healthy_adult))) < 1e-12


def test_the_old_friends_are_chapter_3s_and_chapter_4s_own_numbers():
    """At the start, confidence is chapter 3's at isolation 0.5 and 'not locked' is 1 - chapter 4's locked share."""
    assert two(bar("confidence")) == compass(1 - START["safety"])
    assert two(bar("not locked")) == two(1 - modes.locked_share(OTHER, START["healthy_adult"]))


def test_safety_does_not_calm_arousal_and_own_healthy_adult_does_nothing_for_self_trust():
    """What the model leaves out: safety widens the window without lowering arousal; the partner's
    Healthy Adult leaves window, confidence and reconnection unchanged."""
    assert len({cap.arousal_under(START["predictability"], w)[1] for w in ("narrow", "typical", "wide")}) == 1
    assert len({(bar("not locked", safety=s), bar("mentalizing", safety=s)) for s in cap.SAFETY_GRID}) == 1
    assert len({(bar("window", healthy_adult=h), bar("confidence", healthy_adult=h), bar("reconnection", healthy_adult=h))
                for h in cap.HEALTHY_ADULT_GRID}) == 1


def test_with_no_support_confidence_is_one_value_at_every_level_of_safety():
    assert len({bar("confidence", support=0.0, safety=s) for s in cap.SAFETY_GRID}) == 1


def test_no_setting_brings_every_bar_to_1_and_the_two_highest_bars_are_not_locked_and_mentalizing():
    highest = bars(**HIGHEST)
    assert min(highest) < 1 and two(highest[OUTCOME["not locked"]]) == two(highest[OUTCOME["mentalizing"]])
    assert all(two(v) != two(highest[OUTCOME["not locked"]]) for k, v in enumerate(highest)
               if k not in (OUTCOME["not locked"], OUTCOME["mentalizing"]))


def test_arousal_falls_as_predictability_rises_and_the_switch_point_rises_with_security():
    arousal = [average_arousal(p) for p in cap.PREDICTABILITY_GRID]
    assert all(a > b for a, b in zip(arousal, arousal[1:]))
    points = [healing.switch_point(h) for h in cap.HEALTHY_ADULT_GRID]
    assert all(a < b for a, b in zip(points, points[1:]))
    assert average_arousal(START["predictability"]) > healing.switch_point(START["healthy_adult"])


def test_unpredictable_moods_push_arousal_over_every_window_width_more_often():
    """Arc of chapter 3 and ch08-q3."""
    for window in partner_impact.WINDOWS:
        assert partner_impact.share_above(0.0, window) > partner_impact.share_above(1.0, window)


def test_one_partners_growth_alone_never_brings_mature_love():
    """Arc of chapter 7."""
    for growth in maturity.GROWTH_GRID:
        for pair in ((growth, 0.0), (0.0, growth)):
            for strain in maturity.STRAIN_GRID:
                path = maturity.simulate_relationship(*pair, strain=strain)
                assert maturity.time_in_zones(path)["shares"]["mature love"] == 0


def test_chapter_8s_lane_holds_a_single_finding():
    lane = IDEAS[IDEAS.chapter == 8]
    assert len(lane) == 1 and lane.kind.iloc[0] == "finding" and lane.id.iloc[0] == "narcissism_epidemic_test"


def test_nothing_builds_out_of_bowlby_and_three_ideas_build_on_projective_identification():
    assert (LINKS.source == "bowlby_attachment").sum() == 0
    assert sorted(into("projective_identification")) == ["complementary_identification", "containment",
                                                         "couple_collusion"]
