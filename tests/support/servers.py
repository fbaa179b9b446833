"""Starting the servers the end-to-end tests drive (JupyterLab, JupyterHub) on 127.0.0.1."""
from __future__ import annotations

import socket
import time
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process, log: Path, what: str, seconds: float = 90) -> None:
    """Wait until ``url`` answers; fail with the end of ``log`` if ``process`` ends or time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{what} did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
