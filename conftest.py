"""Root conftest: loaded before collection, where pytest-xdist builds its scheduler.

The fixtures and the rest of the test set-up live in ``tests/conftest.py``.
"""
from __future__ import annotations


# Test files whose tests share one expensive fixture: each file's tests run in one worker.
SHARED_WORK = {"tests/e2e/test_book.py": "the built book", "tests/e2e/test_editions.py": "the built book",
               "tests/e2e/test_safety_book.py": "the built book", "tests/e2e/test_lite.py": "the built book",
               "tests/e2e/test_pdf.py": "the built book",
               "tests/e2e/test_jupyterlab.py": "the JupyterLab server",
               "tests/e2e/test_jupyterhub.py": "the JupyterHub"}


def pytest_xdist_make_scheduler(config, log):
    """Run the suite on every core (pytest-xdist) without doing any work twice: all tests of the
    built book in one worker (one build), the JupyterLab tests in one worker (one server), and
    all cells of a notebook in one worker, in order (one kernel). Everything else is spread."""
    from xdist.scheduler import LoadGroupScheduling

    class CourseScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::")[0]
            if path.endswith(".ipynb"):
                return path
            return SHARED_WORK.get(path, nodeid)

    return CourseScheduling(config, log)
