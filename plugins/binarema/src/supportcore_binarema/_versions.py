"""Program versions as Binarema numbers them: a major number, optionally with revisions."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["VERSION_HELP", "major"]

_VERSION = re.compile(r"^\s*[vV]?\s*(\d{1,4})(?:\.\d{1,4}){0,3}\s*$")

VERSION_HELP = 'a version number such as "5", "4" or "5.2"'


@lru_cache(maxsize=1024)  # a handful of version strings recur in every case
def major(version: str | None) -> int | None:
    """The major version of ``"5"``, ``"5.2"`` or ``"v4"``; ``None`` when not comparable.

    Binarema's terms compare versions only by their major number ("la última versión 5").
    """
    if version is None:
        return None
    m = _VERSION.match(version)
    return int(m[1]) if m else None
