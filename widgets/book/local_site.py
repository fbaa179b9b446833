"""Serving a built folder on 127.0.0.1, as a reader's web host would (a real origin, not file://):
for printing the PDFs, for the tests and for the benchmarks."""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(folder: Path):
    """Serve ``folder`` on 127.0.0.1 (a free port) from a thread; yield its origin."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
