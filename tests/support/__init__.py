"""Helpers shared by the tests (importable as ``support.*``: pyproject.toml puts ``tests/`` on
pytest's ``pythonpath``). Fixtures live in ``tests/conftest.py``."""
