"""``supportcore new-plugin NAME``: a vendor plugin package for hook API 2, ready to adapt.

The package is written from the template tree ``scaffold_template/`` next to this module (each
``*.tmpl`` file, with ``NAME`` in its path replaced by the plugin's name and ``${...}``
placeholders by the options). It encodes a small EXAMPLE of terms the way the guide
(docs/plugin-authors.md) describes: the identity, clauses, settings and tables in
``terms.toml``; ``prepared.py``, ``facts.py`` and one rule module (support free for
``free_months`` months from the purchase, then by a yearly contract); the message catalogs in
Spanish, Dutch and English, compiled here; tests marked with the clauses they exercise; an
example case and settings, so that it installs, passes its tests, ruff and supportcore's
conformance kit (which needs an entitled case) as generated.
"""

from __future__ import annotations

import keyword
import re
import shutil
import string
import unicodedata
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from .money import MINOR_UNITS

__all__ = ["TEMPLATE", "ScaffoldError", "scaffold"]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_ZONE = re.compile(r"^[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*$")
#: The longest plugin name (it names a directory, a module and a distribution).
MAX_NAME = 40
#: The longest vendor title.
MAX_TITLE = 200
#: The template tree of the generated package.
TEMPLATE = Path(__file__).with_name("scaffold_template")


class ScaffoldError(ValueError):
    """A plugin cannot be scaffolded: the message names the option or path and why."""


def _holidays(country: str) -> str:
    """The ``holidays`` key of the desk's calendar: the country's public holidays when the
    ``holidays`` package knows the country, else a comment saying so."""
    import holidays

    if country in holidays.list_supported_countries():
        return f'holidays = {{ country = "{country}" }}     # its public holidays close the desk'
    return f"# holidays = {{ country = ... }}    (the holidays package does not know {country})"


def _render(values: dict[str, str]) -> dict[Path, str]:
    """Each file of the package (its path inside the package's folder) and its text."""
    files: dict[Path, str] = {}
    for template in sorted(TEMPLATE.rglob("*.tmpl")):
        parts = [p.replace("NAME", values["name"]) for p in template.relative_to(TEMPLATE).parts]
        parts[-1] = parts[-1].removesuffix(".tmpl")
        text = template.read_text(encoding="utf-8")
        files[Path(*parts)] = string.Template(text).substitute(values)
    return files


def _check_title(title: str) -> str:
    if len(title) > MAX_TITLE:
        raise ScaffoldError(f"--title: at most {MAX_TITLE} characters, got {len(title):,}")
    if not title.strip():
        raise ScaffoldError("--title: must not be empty")
    for ch in title:
        if unicodedata.category(ch)[0] in "CZ" and ch != " ":
            raise ScaffoldError(
                f"--title: must be one line of printable text; {ch!r} is a control or "
                "separator character"
            )
    return title


def scaffold(
    name: str,
    directory: Path,
    *,
    title: str | None = None,
    country: str = "ES",
    currency: str = "EUR",
    timezone: str = "UTC",
) -> Path:
    """Create ``directory / f"supportcore-{name}"`` with a plugin package; return its path.

    Every problem (a bad name or option, a directory that exists, cannot be created or
    written) is a :class:`ScaffoldError` naming it; nothing half-written is left behind.
    """
    shown = name if len(name) <= 60 else name[:60] + "…"
    if len(name) > MAX_NAME:
        raise ScaffoldError(f"name: {shown!r} is longer than {MAX_NAME} characters")
    if not _NAME.match(name) or keyword.iskeyword(name):
        raise ScaffoldError(
            f"name: {shown!r} must be lowercase letters, digits and underscores, starting with a "
            f"letter (it becomes the module supportcore_{shown})"
        )
    title = _check_title(title if title is not None else name.replace("_", " ").title())
    if currency not in MINOR_UNITS:
        raise ScaffoldError(
            f"--currency: unknown currency {currency[:20]!r} (an ISO 4217 code such as EUR or COP)"
        )
    try:
        if not _ZONE.match(timezone):
            raise ValueError(timezone)
        ZoneInfo(timezone)
    except Exception:
        raise ScaffoldError(f"--timezone: unknown IANA time zone {timezone[:60]!r}") from None
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise ScaffoldError(f"--country: {country[:20]!r} is not an ISO 3166 alpha-2 code")
    title = title.replace('"', "'")  # (so that generated strings need no escaped quotes)
    today = date.today()
    values = {
        "name": name,
        "title": title,  # in comments and Markdown
        "title_str": title.replace("\\", "\\\\"),  # inside "…" in TOML
        "prefix": re.sub(r"[^A-Z0-9]", "", name.split("_")[0].upper())[:10],  # of clause ids
        "country": country,
        "currency": currency,
        "timezone": timezone,
        "holidays": _holidays(country),
        "today": today.isoformat(),
        "year": str(today.year),
    }
    files = _render(values)  # (before anything is created: a template error leaves nothing)
    if directory.is_symlink() and not directory.exists():
        raise ScaffoldError(f"--dir: {directory} is a symbolic link to nothing")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScaffoldError(f"--dir: cannot create {directory} ({_reason(exc)})") from None
    root = directory / f"supportcore-{name}"
    try:
        root.mkdir()
    except FileExistsError:
        what = " (a symbolic link to nothing)" if not root.exists() else ""
        raise ScaffoldError(
            f"{root}: already exists{what}; choose another directory or name"
        ) from None
    except OSError as exc:
        raise ScaffoldError(f"{root}: cannot create ({_reason(exc)})") from None
    try:
        for relative, text in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        from .i18n import LANGUAGES
        from .i18n._tools import compile_catalogs

        package = root / "src" / f"supportcore_{name}"
        compile_catalogs(package, package.name, LANGUAGES)  # the .mo files, from the .po files
    except OSError as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise ScaffoldError(f"{root}: cannot write ({_reason(exc)})") from None
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return root


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
