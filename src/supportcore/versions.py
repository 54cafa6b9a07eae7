"""Program versions as the vendors write them: ``5``, ``v4.2``, ``2024.1.3``.

Several vendors' rules compare versions ("la última versión", "de laatste versie", "una versión
anterior"). A :class:`Version` is parsed once, compares numerically part by part (``4.10`` is
newer than ``4.9``; trailing zeros do not count: ``5.0 == 5``) and knows its ``major``. A text
that is not a version is refused with one wording everywhere, naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

__all__ = ["Version", "VersionError", "latest"]

_VERSION = re.compile(r"^\s*[vV]?\s*(\d{1,9}(?:\.\d{1,9}){0,5})\s*$")


class VersionError(ValueError):
    """A text that is not a comparable version."""


@attrs.frozen(order=False)
class Version:
    """A comparable version: its numeric parts, without trailing zeros, and the text given."""

    parts: tuple[int, ...] = attrs.field(eq=True)
    text: str = attrs.field(eq=False, repr=False)

    @classmethod
    def parse(cls, text: str, field: str = "version") -> Version:
        """``Version.parse("v4.2")``; a text that is not a version raises :class:`VersionError`
        naming ``field``: ``"request.version: 'four' is not a version (write numbers such as 5
        or 4.2)"``."""
        match = _VERSION.match(text) if isinstance(text, str) else None
        if match is None:
            raise VersionError(
                f"{field}: {text!r} is not a version (write numbers such as 5 or 4.2)"
            )
        parts = [int(p) for p in match.group(1).split(".")]
        while len(parts) > 1 and parts[-1] == 0:
            parts.pop()
        return cls(tuple(parts), text.strip())

    @property
    def major(self) -> int:
        """The first number: ``4`` for ``4.2``."""
        return self.parts[0]

    def __lt__(self, other: Version) -> bool:
        return self.parts < other.parts

    def __le__(self, other: Version) -> bool:
        return self.parts <= other.parts

    def __gt__(self, other: Version) -> bool:
        return self.parts > other.parts

    def __ge__(self, other: Version) -> bool:
        return self.parts >= other.parts

    def __str__(self) -> str:
        return self.text


def latest(versions: Iterable[Version]) -> Version | None:
    """The newest of ``versions``, or ``None`` when there are none."""
    return max(versions, default=None)
