"""How much input supportcore reads before it refuses: sizes, nesting, list lengths, problems.

A case file or a settings file is read whole and checked field by field; junk (a string where a
list of contracts is expected, a list of 300,000 numbers, JSON nested 100,000 deep) must be
refused quickly and in a few lines, not after minutes and gigabytes. These limits bound that
work. The defaults suit real support cases by a wide margin; an integrator with larger inputs
raises them once, before reading any::

    from supportcore.limits import Limits, set_limits
    set_limits(Limits(max_items=50_000))

:func:`set_limits` changes them for the whole process (and for the worker processes a
``batch`` run forks afterwards). The limits are documented in docs/integrators.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import attrs

__all__ = ["Limits", "current", "set_limits", "using"]


def _positive(_inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{attribute.name}: must be a positive integer, got {value!r}")


@attrs.frozen
class Limits:
    """Bounds on the input supportcore reads. Every field must be a positive integer."""

    #: largest case or settings file read, in bytes (16 MiB)
    max_document_bytes: int = attrs.field(default=16 * 1024 * 1024, validator=_positive)
    #: deepest nesting of tables and lists in a document (a case needs 5)
    max_depth: int = attrs.field(default=32, validator=_positive)
    #: longest list or table in a case: events, licences, contracts, usage entries, facts
    max_items: int = attrs.field(default=10_000, validator=_positive)
    #: problems reported for one case or file; the rest are counted, not listed
    max_problems: int = attrs.field(default=20, validator=_positive)
    #: problems reported inside one list or table before reading it stops
    max_item_problems: int = attrs.field(default=5, validator=_positive)
    #: longest number read (digits); a longer one is refused, naming its field
    max_number_digits: int = attrs.field(default=100, validator=_positive)


class _Current:
    """The limits in force (one attribute read on the quick path)."""

    __slots__ = ("limits",)

    def __init__(self) -> None:
        self.limits = Limits()


CURRENT = _Current()


def current() -> Limits:
    """The limits in force."""
    return CURRENT.limits


def set_limits(limits: Limits) -> Limits:
    """Put ``limits`` in force for the whole process; return the previous ones."""
    if not isinstance(limits, Limits):
        raise TypeError(f"expected a Limits, got {type(limits).__name__}")
    previous, CURRENT.limits = CURRENT.limits, limits
    return previous


@contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """Put ``limits`` in force inside a ``with`` block (tests, one-off large inputs)."""
    previous = set_limits(limits)
    try:
        yield limits
    finally:
        set_limits(previous)
