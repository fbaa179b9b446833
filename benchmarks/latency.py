"""Interaction latency in the kernel: control change -> live figure updated.

Prints median and 95th percentile per live widget over many control changes (budget: median
<= 20 ms). Run: .venv/bin/python benchmarks/latency.py
"""
from __future__ import annotations

import itertools
import statistics
import time

from widgets import (capstone, compassion, healing, ideas_map, inner_mechanism, maturity, modes,
                     partner_impact, pushpull)

VIEWS = {"ch00 map of ideas": ideas_map.map_view,
         "ch01 splitting vs integration": inner_mechanism.valuation_view,
         "ch01 mirror-dependent self-esteem": inner_mechanism.self_esteem_view,
         "ch02 push–pull timeline": pushpull.timeline_view,
         "ch02 extinction comparison": pushpull.extinction_view,
         "ch03 inner compass": partner_impact.compass_view,
         "ch03 window of tolerance": partner_impact.window_view,
         "ch04 evocation heatmap": modes.evocation_view,
         "ch04 mode sequence": modes.sequence_view,
         "ch05 switch model": healing.switch_view,
         "ch05 Herman's stages": healing.recovery_view,
         "ch06 three systems": compassion.systems_view,
         "ch07 closeness–differentiation": maturity.plane_view,
         "ch08 capstone": capstone.dashboard_view}
CHANGES = 60


def measure(make_view, changes: int = CHANGES) -> list[float]:
    live = make_view().widget()
    timings = []
    cycle = itertools.cycle([(name, value) for name, control in zip(live.controls, live.view.controls)
                             for value in control.values])
    for name, value in itertools.islice(cycle, changes + 1):
        if live.controls[name].value == value:
            continue
        start = time.perf_counter()
        live.controls[name].value = value  # the observer recomputes the model and updates the figure
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main():
    print(f"{'widget':32} {'changes':>7} {'median ms':>10} {'p95 ms':>8}")
    for label, make_view in VIEWS.items():
        timings = sorted(measure(make_view))
        p95 = timings[int(0.95 * (len(timings) - 1))]
        print(f"{label:32} {len(timings):7d} {statistics.median(timings):10.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
