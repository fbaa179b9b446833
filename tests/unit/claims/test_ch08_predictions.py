"""Chapter 8: every number a prediction states (data/predictions/ch08.yaml) is the models' own.

Each row names a prediction, the field, and a passage of it with ``{}`` where numbers stand; the
numbers are computed here from the public functions of the models (the capstone, chapter 4's
mode chain, the map's data) and the passage, so filled in, must appear word for word. A last test
checks that no number in a reveal is left unchecked.
"""
from __future__ import annotations

import pytest

from widgets import capstone as cap
from widgets import modes
from widgets.data import load_ideas, load_predictions

from support.stated import stated, two, unchecked_numbers

OUTCOME = {name: k for k, name in enumerate(("window", "confidence", "not locked", "mentalizing", "reconnection"))}
START = dict(predictability=0.5, support=1.5, healthy_adult=0.4, safety=0.5)


def bar(outcome: str, **levers) -> float:
    """One bar of the capstone, the levers not named at their starting values."""
    return float(cap.outcomes(**{**START, **levers}).iloc[OUTCOME[outcome]])


def pct(share: float) -> str:
    return f"{round(100 * share)}%"


def steps(outcome: str, lever: str, grid, **levers) -> str:
    return ", ".join(two(bar(outcome, **{**levers, lever: v})) for v in grid)


def ideas_of(kind: str) -> int:
    return int((load_ideas().kind == kind).sum())


def a_mode(mode: str, partner: float) -> float:
    """Long-run share of turns the other person (A, Healthy Adult 0) spends in a mode."""
    return float(modes.mode_shares("A", 0.0, partner)[mode])


HA_LOW, HA_HIGH = cap.HEALTHY_ADULT_GRID[0], cap.HEALTHY_ADULT_GRID[-1]
LIMIT_ROW = modes.evocation_matrix("b_to_a").loc["b_healthy_adult"]  # what the partner's calm limit calls up in A

# (prediction, field, passage with {} for numbers, the numbers computed from the models)
ROWS = [
    # ch08-reach: the partner's own Healthy Adult 0 -> 0.8, the rest at the start
    ("ch08-reach", "prompt", "Healthy Adult from {} to {}", lambda: [f"{HA_LOW:g}", f"{HA_HIGH:g}"]),
    ("ch08-reach", "reveal", "Turns not locked rise from {} to {}, and controlled mentalizing from {} to {}",
     lambda: [two(bar("not locked", healthy_adult=HA_LOW)), two(bar("not locked", healthy_adult=HA_HIGH)),
              two(bar("mentalizing", healthy_adult=HA_LOW)), two(bar("mentalizing", healthy_adult=HA_HIGH))]),
    ("ch08-reach", "reveal", "Days inside the window ({}), confidence ({}) and time in reconnection ({}) stay",
     lambda: [two(bar(k)) for k in ("window", "confidence", "reconnection")]),
    # ch08-safety: safety 0 -> 1 with own Healthy Adult 0.4
    ("ch08-safety", "prompt", "Keep own Healthy Adult at {} and step boundaries and safety from {} to {}",
     lambda: [f"{START['healthy_adult']:g}", f"{cap.SAFETY_GRID[0]:g}", f"{cap.SAFETY_GRID[-1]:g}"]),
    ("ch08-safety", "reveal", "Turns not locked ({}) and controlled mentalizing ({}) do not move",
     lambda: [two(bar(k)) for k in ("not locked", "mentalizing")]),
    ("ch08-safety", "reveal", "Confidence goes {}, and time in reconnection {}.",
     lambda: [steps("confidence", "safety", cap.SAFETY_GRID), steps("reconnection", "safety", cap.SAFETY_GRID)]),
    ("ch08-safety", "reveal", "Days inside the window rise in steps ({}), because the window has only {} widths",
     lambda: [steps("window", "safety", cap.SAFETY_GRID),
              {3: "three"}[len({cap.window_for(s / 100) for s in range(101)})]]),
    # ch08-other: chapter 4's chain, the other person (A) at 0, the partner (B) 0 -> 0.8
    ("ch08-other", "prompt", "the other person's Healthy Adult stays at {}. When the partner's own Healthy Adult rises from {} to {}",
     lambda: ["0", f"{HA_LOW:g}", f"{HA_HIGH:g}"]),
    ("ch08-other", "reveal", "More often: in {} of turns instead of {}.",
     lambda: [pct(a_mode(modes.ANGER_MODE, HA_HIGH)), pct(a_mode(modes.ANGER_MODE, HA_LOW))]),
    ("ch08-other", "reveal", "Angry/Impulsive Child ({}) more readily than their Healthy Adult ({})",
     lambda: [f"{LIMIT_ROW[modes.ANGER_MODE]:g}", f"{LIMIT_ROW['a_healthy_adult']:g}"]),
    ("ch08-other", "reveal", "does grow, from {} to {} of turns, yet they are still outside it {} of the time",
     lambda: [pct(modes.healthy_share("A", 0.0, HA_LOW)), pct(modes.healthy_share("A", 0.0, HA_HIGH)),
              pct(1 - modes.healthy_share("A", 0.0, HA_HIGH))]),
    # ch08-support: support 0, safety 0 -> 1
    ("ch08-support", "prompt", "Set social support to {}, then step boundaries and safety from {} to {}",
     lambda: [f"{cap.SUPPORT_GRID[0]:g}", f"{cap.SAFETY_GRID[0]:g}", f"{cap.SAFETY_GRID[-1]:g}"]),
    ("ch08-support", "options", "as it did when support was {}", lambda: [f"{START['support']:g}"]),
    ("ch08-support", "reveal", "It stays at {} at every level of safety",
     lambda: [two(bar("confidence", support=0.0))]),
    ("ch08-support", "reveal", "With support at {}, the same steps raised confidence from {} to {}",
     lambda: [f"{START['support']:g}", two(bar("confidence", safety=0.0)), two(bar("confidence", safety=1.0))]),
    # ch08-findings: the map of ideas
    ("ch08-findings", "prompt", "The map holds {} ideas", lambda: [len(load_ideas())]),
    ("ch08-findings", "reveal", "{} of the {} are research findings; {} are concepts and {} are theorists",
     lambda: [ideas_of("finding"), len(load_ideas()), ideas_of("concept"), ideas_of("theorist")]),
    ("ch08-findings", "reveal", "The lanes of chapters {}, {} and {} hold no finding at all",
     lambda: sorted(set(load_ideas().chapter) - set(load_ideas()[load_ideas().kind == "finding"].chapter))),
]


@pytest.mark.parametrize("key, field, passage, compute", ROWS,
                         ids=[f"{key}-{field}-{n}" for n, (key, field, _, _) in enumerate(ROWS, start=1)])
def test_each_stated_number_is_the_models(key, field, passage, compute):
    expected = passage.format(*compute())
    assert expected in stated("ch08", key, field), f"{key} {field} should say: {expected!r}"


def test_the_findings_option_the_model_bears_out():
    """'Fewer than one in five' (option 3 of ch08-findings) is what the map's data show."""
    prediction = load_predictions("ch08")["ch08-findings"]
    assert prediction["options"][prediction["shows"] - 1] == "Fewer than one in five"
    assert ideas_of("finding") / len(load_ideas()) < 1 / 5 and ideas_of("finding") / len(load_ideas()) < 1 / 4 - 0.05


def moved(lever: str, grid, **levers) -> set[str]:
    """The bars that change when only this lever moves over its grid."""
    runs = [cap.outcomes(**{**START, **levers, lever: v}).to_numpy() for v in grid]
    return {name for name, k in OUTCOME.items() if max(r[k] for r in runs) - min(r[k] for r in runs) > 1e-9}


def test_what_the_reveals_say_moves_and_stays():
    """ch08-reach: own Healthy Adult moves two bars ("Two bars move", option 2), the other three stay;
    ch08-safety: safety leaves exactly 'not locked' and mentalizing still (option 2), and the window
    rises in steps; ch08-support: with support 0 confidence is one value at every level of safety;
    ch08-other: the other person's anger rises ("More often", option 3)."""
    predictions = load_predictions("ch08")
    assert moved("healthy_adult", cap.HEALTHY_ADULT_GRID) == {"not locked", "mentalizing"}
    assert predictions["ch08-reach"]["reveal"].startswith("Two bars move") and predictions["ch08-reach"]["shows"] == 2
    assert set(OUTCOME) - moved("safety", cap.SAFETY_GRID) == {"not locked", "mentalizing"}
    assert predictions["ch08-safety"]["shows"] == 2
    window = [bar("window", safety=s) for s in cap.SAFETY_GRID]
    assert window == sorted(window) and len(set(window)) < len(window), "the window rises in steps"
    assert "confidence" not in moved("safety", cap.SAFETY_GRID, support=0.0)
    assert "confidence" in moved("safety", cap.SAFETY_GRID)
    assert a_mode(modes.ANGER_MODE, HA_HIGH) > a_mode(modes.ANGER_MODE, HA_LOW)
    assert LIMIT_ROW[modes.ANGER_MODE] > LIMIT_ROW["a_healthy_adult"]
    assert predictions["ch08-other"]["reveal"].startswith("More often") and predictions["ch08-other"]["shows"] == 3


@pytest.mark.parametrize("key", sorted(load_predictions("ch08")))
def test_no_number_in_a_reveal_is_left_unchecked(key):
    """Every number in a reveal is inside a passage a row above checks."""
    checked = [passage.format(*compute()) for k, field, passage, compute in ROWS if k == key and field == "reveal"]
    assert not unchecked_numbers(stated("ch08", key, "reveal"), checked), f"{key}: numbers in the reveal not checked"