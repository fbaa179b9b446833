"""Chapter 1's Model 1 as the claim tests read it (tests/unit/claims/test_ch01*.py): one run at
the book's settings, and the counts the text states, from ``widgets.inner_mechanism``."""
from __future__ import annotations

from widgets import inner_mechanism as im

MINUS = "\u2212"


def signed(value: float) -> str:
    """+0.41 / −0.04, with the typographic minus the text uses."""
    return f"{value:+.2f}".replace("-", MINUS)


def unit(value: float) -> str:
    """+1 / −1 for the images."""
    return f"{value:+.0f}".replace("-", MINUS)


def run(splitting: float = 1.0, share: float = 0.3):
    return im.simulate_valuation(splitting, share)


def summary(splitting: float = 1.0, share: float = 0.3) -> dict:
    return im.valuation_summary(run(splitting, share))


def kind_count(share: float = 0.3) -> int:
    return int((run(1.0, share).kind > 0).sum())


def hurtful_count(share: float = 0.3) -> int:
    return int((run(1.0, share).kind < 0).sum())


def moments_in_band(splitting: float, share: float, sign: int) -> int:
    """Moments after which the felt image is in the all-good (sign +1) or all-bad (−1) band."""
    felt = run(splitting, share).felt
    return int((felt > im.EXTREME).sum() if sign > 0 else (felt < -im.EXTREME).sum())


def out_of_both_bands_from() -> float:
    """The highest splitting from which every lower setting keeps the felt image out of both bands (share 0.3)."""
    return max(s for s in im.SPLITTING_GRID
               if all(summary(t)["share_extreme"] == 0 for t in im.SPLITTING_GRID if t <= s))
