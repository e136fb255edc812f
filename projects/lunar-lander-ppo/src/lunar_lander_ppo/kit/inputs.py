# Rendered from templates/_shared/include/shared/python/kit/inputs.py: edit it there, not here.
"""A number a demo visitor typed, read without surprises.

A demo's HTTP API takes any JSON where its form has a number box: text, a list, NaN, Infinity,
an integer with hundreds of digits. `as_number` turns what names a number into one and anything
else into None, and never raises, so each demo's own check answers every case with its sentence
(float() alone raises OverflowError on a huge int, and TypeError on a list).
"""

from __future__ import annotations

from numbers import Integral, Real


def as_number(value: object) -> int | float | None:
    """`value` as the number it names, or None.

    An integer stays an int, however large (it compares exactly, where float() would overflow);
    another real number becomes a float, NaN and the infinities included; text is read as
    Python's float() reads it (" 7 ", "1e3", "1_000", "inf"). None, a bool (a JSON true is no
    seed), a list, a dict or anything else is None.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real | str):
        try:
            return float(value)
        except (ValueError, OverflowError):  # text that is no number; a Fraction past float's range
            return None
    return None


def is_whole(number: int | float) -> bool:
    """Whether `number` is a whole number (NaN and the infinities are not)."""
    return isinstance(number, int) or number.is_integer()
