"""Finding the headless Chromium that prints the PDFs and drives the tests (Debian's ``chromium``;
Playwright never downloads one here)."""
from __future__ import annotations

import os
import shutil

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
# No sandbox (containers, root), no GPU, and nothing that talks to other hosts on its own.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def find_chromium() -> str | None:
    """``CHROMIUM`` if set, else the first of :data:`CHROMIUM_CANDIDATES` on ``PATH``, else None."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None
