"""Checks for model parameters: every error names the parameter and its valid range."""
from __future__ import annotations

import math
import numbers


def check_number(name: str, value, low: float, high: float, *, integer: bool = False):
    """Return ``value`` if it is a number in ``[low, high]``, else raise ``ValueError``.

    Parameters
    ----------
    name : str
        Parameter name, used in the error message.
    value : object
        The value to check. Booleans are rejected.
    low, high : float
        Inclusive bounds of the valid range.
    integer : bool
        Require a whole number.
    """
    kind = "a whole number" if integer else "a number"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be {kind} between {low} and {high}; got {value!r}")
    if math.isnan(value) or not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}; got {value!r}")
    if integer and value != int(value):
        raise ValueError(f"{name} must be {kind} between {low} and {high}; got {value!r}")
    return int(value) if integer else float(value)


def check_choice(name: str, value, choices):
    """Return ``value`` if it is one of ``choices``, else raise ``ValueError`` listing them."""
    if value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}; got {value!r}")
    return value
