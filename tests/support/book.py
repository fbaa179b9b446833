"""Building the book and finding the browser, for the tests of both lanes."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from support.course_pages import ROOT
from widgets.book.chromium import CHROMIUM_ARGS, find_chromium  # noqa: F401 (the tests' browser)

# A race in the Jupyter kernel stack when a kernel that executed a chapter shuts down: a ZMQ
# socket is closed while a stream callback still runs, and tornado logs the traceback. It is not a
# build warning and changes no output (seen once in CI; ipykernel 7.4.0 fixed one such path, #1518).
KERNEL_TEARDOWN_RACE = ("ERROR:tornado.general:Uncaught exception in ZMQStream callback",
                        "zmq.error.ZMQError: Socket operation on non-socket")


def build_warnings(log: str) -> list[str]:
    """Every warning or error line of a book build's output, each with the lines that follow it.

    Not counted: the kernel's own start-up notice ("[IPKernelApp] WARNING | Kernel is running over
    TCP...", on every start) and the kernel teardown race above, matched by its first and last line.
    """
    lines = log.splitlines()
    found, n = [], 0
    while n < len(lines):
        line = lines[n]
        if line.startswith(KERNEL_TEARDOWN_RACE[0]):
            end = next((k for k in range(n + 1, min(n + 60, len(lines)))
                        if not lines[k].startswith((" ", "Traceback"))), None)
            if end is not None and lines[end] == KERNEL_TEARDOWN_RACE[1]:
                n = end + 1
                continue
        if re.search(r"WARNING|ERROR", line) and "[IPKernelApp]" not in line:
            found.append("\n".join(lines[n:n + 8]))
        n += 1
    return found


def build_book(out: Path, *options: str):
    """Build the course into ``out`` with the README's command; return (process, HTML folder)."""
    process = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), *options,
         "--path-output", str(out), "-W", "-n", "--keep-going"],
        capture_output=True, text=True, cwd=ROOT, timeout=900)
    return process, out / "_build" / "html"
