"""Every interactive figure of the course, by chapter: one list for the tests and benchmarks."""
from __future__ import annotations

from widgets import (capstone, compassion, healing, ideas_map, inner_mechanism, maturity, modes,
                     partner_impact, pushpull)

#: Label -> function returning the chapter's :class:`widgets.dual.InteractiveFigure`.
VIEWS = {
    "ch00 map of ideas": ideas_map.map_view,
    "ch01 splitting vs integration": inner_mechanism.valuation_view,
    "ch01 mirror-dependent self-esteem": inner_mechanism.self_esteem_view,
    "ch02 push–pull timeline": pushpull.timeline_view,
    "ch02 extinction comparison": pushpull.extinction_view,
    "ch03 inner compass": partner_impact.compass_view,
    "ch03 window of tolerance": partner_impact.window_view,
    "ch03 days above the window": partner_impact.window_share_view,
    "ch04 evocation heatmap": modes.evocation_view,
    "ch04 mode sequence": modes.sequence_view,
    "ch04 locked-share map": modes.locked_map_view,
    "ch05 switch model": healing.switch_view,
    "ch05 Herman's stages": healing.recovery_view,
    "ch06 three systems": compassion.systems_view,
    "ch07 closeness–differentiation": maturity.plane_view,
    "ch08 capstone": capstone.dashboard_view,
}


def live_views() -> dict:
    """The views a learner can change (at least one control)."""
    return {label: make for label, make in VIEWS.items() if make().controls}
