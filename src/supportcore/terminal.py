"""User text on a terminal: never interpreted as markup, never as control sequences.

A case file's category, a case id, a file name or a settings table's name is the user's text.
Printed through rich with markup on, ``"[/x]"`` raises ``MarkupError`` and ``"[bold]usage"``
loses its brackets; printed raw, ``"\\x1b[31m"`` recolours the terminal. Every command prints
user text through these helpers:

* :func:`printable` shows control characters as escapes (``\\x1b``) and keeps newlines and tabs;
* :func:`escape` is :func:`printable` plus rich's markup escape, for text inside a markup string;
* :func:`labelled` builds a rich ``Text`` from a styled label and plain user text (no markup
  parsed at all), e.g. ``console.print(labelled("error:", "bold red", message))``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

__all__ = ["escape", "labelled", "printable"]

# C0 controls but tab and newline, DEL, C1 controls; and the bidirectional overrides, which
# reorder what a terminal shows.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escaped(m: re.Match[str]) -> str:
    code = ord(m[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``str(text)`` with control characters shown as escapes (newlines and tabs kept)."""
    s = str(text)
    return _CONTROL.sub(_escaped, s) if _CONTROL.search(s) else s


def escape(text: object) -> str:
    """:func:`printable` text, escaped for use inside a rich markup string."""
    from rich.markup import escape as rich_escape

    return rich_escape(printable(text))


def labelled(label: str, style: str, text: object) -> Text:
    """``label`` in ``style``, a space, then ``text`` printed as it is (after
    :func:`printable`): no markup in ``text`` is interpreted."""
    from rich.text import Text

    return Text.assemble((label, style), " ", printable(text))
