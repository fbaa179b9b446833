"""Interaction latency in the kernel: control change -> live figure updated.

Prints median and 95th percentile per live widget over many control changes (budget: median
<= 20 ms). Run: .venv/bin/python benchmarks/latency.py

Each change is timed from setting the control's value until the figure update has been packed
as the kernel would send it: widgets here get a comm that serialises every message with
jupyter_client's JSON packer (what the kernel's session does before the socket). The browser's
drawing time is not included.
"""
from __future__ import annotations

import itertools
import statistics
import time

import comm
from comm import DummyComm
from jupyter_client.session import json_packer

from widgets.catalog import live_views

CHANGES = 60


class PackingComm(DummyComm):
    """A comm that does the kernel's share of sending: pack each message as JSON."""

    packed_bytes = 0

    def publish_msg(self, msg_type, data=None, metadata=None, buffers=None, **keys):
        PackingComm.packed_bytes += len(json_packer({"data": data, "metadata": metadata, **keys}))
        PackingComm.packed_bytes += sum(len(memoryview(b).cast("B")) for b in buffers or ())


comm.create_comm = PackingComm


def measure(make_view, changes: int = CHANGES) -> list[float]:
    live = make_view().widget()
    PackingComm.packed_bytes = 0  # count only what the changes send
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
    print(f"{'widget':34} {'changes':>7} {'median ms':>10} {'p95 ms':>8} {'KB sent':>8}")
    for label, make_view in live_views().items():
        timings = sorted(measure(make_view))
        p95 = timings[int(0.95 * (len(timings) - 1))]
        sent = PackingComm.packed_bytes / 1000 / len(timings)
        print(f"{label:34} {len(timings):7d} {statistics.median(timings):10.1f} {p95:8.1f} {sent:8.1f}")


if __name__ == "__main__":
    main()
