"""Running the course's browser scripts under Node.js in the unit tests."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest


def run_node(script: str, data, what: str) -> object:
    """Run ``script`` under Node with ``data`` on standard input; return what it writes as JSON.

    Without Node.js the test is skipped, and fails when ``CI`` is set (``.ci/run`` installs it).
    """
    node = shutil.which("node")
    if node is None:
        reason = f"NO NODE.JS FOUND: {what} could not be tested (install Debian's nodejs)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    done = subprocess.run([node, "-e", script], input=json.dumps(data), capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
