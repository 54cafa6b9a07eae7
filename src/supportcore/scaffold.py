"""``supportcore new-plugin NAME``: scaffold a vendor plugin package that passes the kit.

The generated hooks are documented skeletons that answer honestly — *undetermined*, because no
clause is encoded yet — rather than pretending. The terms file is empty but in the documented
format; the tests are wired to the conformance kit. See docs/plugin-authors.md for the next
steps (encode a first clause).
"""

from __future__ import annotations

import keyword
import re
import shutil
import unicodedata
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from .money import MINOR_UNITS

__all__ = ["ScaffoldError", "scaffold"]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_ZONE = re.compile(r"^[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*$")
#: The longest plugin name (it names a directory, a module and a distribution).
MAX_NAME = 40
#: The longest vendor title.
MAX_TITLE = 200


class ScaffoldError(ValueError):
    pass


PYPROJECT = """\
[build-system]
requires = ["setuptools>=69"]
build-backend = "setuptools.build_meta"

[project]
name = "supportcore-{name}"
version = "0.1.0"
description = "supportcore plugin: {title_str}'s support terms as executable policy"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["supportcore>=0.1,<0.2"]
# "Framework :: supportcore" is how integrators find plugins on an index. It is not yet a
# registered trove classifier: PyPI refuses uploads with unknown classifiers, so remove it
# before uploading there until it is registered (hatchling refuses it at build time too).
classifiers = ["Framework :: supportcore", "Programming Language :: Python :: 3"]

[project.optional-dependencies]
test = ["pytest>=8", "hypothesis>=6.100"]

[project.entry-points.supportcore]
{name} = "supportcore_{name}"

[tool.setuptools.packages.find]
where = ["src"]

[tool.setuptools.package-data]
"*" = ["*.toml", "py.typed"]

[tool.pytest.ini_options]
testpaths = ["tests"]
# the conformance kit runs against this plugin (see tests/conftest.py)
supportcore_vendors = ["{name}"]
supportcore_examples = "examples"
"""

MODULE = '''\
"""supportcore plugin for {title_str}.

Every hook below is a documented skeleton that answers *undetermined*: no clause of
{title_str}'s terms is encoded yet. Encode a clause in ``terms.toml``, then make the hook
that applies it answer, citing it with ``ctx.reason(code, message, clause_id)``.
docs/plugin-authors.md of supportcore walks through a first clause.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from supportcore import (
    Closure,
    ClosureStatus,
    Context,
    Coverage,
    CoverageStatus,
    Eligibility,
    EligibilityStatus,
    Problem,
    Quote,
    QuoteStatus,
    Reason,
    Service,
    TermsCatalogue,
    VendorInfo,
    VendorSettings,
    hookimpl,
    load_terms,
)
from supportcore.calendar import BusinessCalendar

#: The supportcore hook API this plugin is written for.
SUPPORTCORE_HOOK_API = 1

#: The terms, parsed once at import (clauses, interpretations, settings).
TERMS = load_terms(__name__)


def _not_yet(ctx: Context, what: str) -> Reason:
    return Reason("not-encoded", f"{{ctx.vendor.title}}'s terms on {{what}} are not encoded yet")


@hookimpl
def supportcore_vendor_info() -> VendorInfo:
    """Who the vendor is. The name must equal the entry-point name in pyproject.toml."""
    return VendorInfo(
        name="{name}",
        title="{title_str}",
        country="{country}",  # ISO 3166 alpha-2
        currency="{currency}",  # ISO 4217
        timezone="{timezone}",  # IANA zone of the vendor's help desk
        products=(),  # the products the terms apply to; empty means any
        channels=(),  # the channels the terms offer (supportcore.Channel)
        document="TODO: title or URL of the vendor's published support terms",
    )


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    """The vendor's terms: clauses (verbatim text + English gloss), settings, versions."""
    return TERMS


@hookimpl
def supportcore_calendars(
    settings: VendorSettings, terms: TermsCatalogue
) -> Mapping[str, BusinessCalendar]:
    """Business calendars, built once. None yet: the vendor's hours are not encoded."""
    return {{}}


@hookimpl
def supportcore_check_case(ctx: Context) -> Iterable[Problem]:
    """Vendor-specific input problems (e.g. a version string you cannot compare). None yet."""
    return ()


@hookimpl
def supportcore_service_hours(ctx: Context) -> Service:
    return Service(channel=str(ctx.case.request.channel), reasons=(_not_yet(ctx, "service hours"),))


@hookimpl
def supportcore_eligibility(ctx: Context, service: Service) -> Eligibility:
    return Eligibility(EligibilityStatus.UNDETERMINED, reasons=(_not_yet(ctx, "eligibility"),))


@hookimpl
def supportcore_exclusions(ctx: Context, eligibility: Eligibility) -> Coverage:
    category = ctx.case.request.category
    return Coverage(
        CoverageStatus.UNDETERMINED, category, (_not_yet(ctx, f"coverage of {{category!r}}"),)
    )


@hookimpl
def supportcore_pricing(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Quote:
    return Quote(
        currency=ctx.vendor.currency,
        status=QuoteStatus.UNDETERMINED,
        reasons=(_not_yet(ctx, "prices"),),
    )


@hookimpl
def supportcore_closure(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Closure:
    return Closure(ClosureStatus.UNDETERMINED, reasons=(_not_yet(ctx, "ticket closure"),))
'''

TERMS = """\
# {title}'s support terms as data. Format: supportcore's docs/plugin-authors.md.
vendor = "{name}"

# Settings the integrator supplies: values the terms need but do not give (tariffs, hours).
# [[settings]]
# key = "hourly_rate"
# kind = "money"
# description = "hourly rate for work the terms bill separately"
# needed_for = "pricing billable work"
# clauses = ["EX-1"]

[[versions]]
version = "{today}"
effective_from = {today}
title = "{title_str} support terms"
source = "TODO: where the document comes from"
language = "TODO: ISO 639-1 code of the document's language"

# One table per sentence of the document, e.g.:
# [[versions.clauses]]
# id = "EX-1"
# text = "The verbatim sentence, copied exactly from the vendor's document."
# gloss = "An English gloss."
# kind = "normative"   # normative | guidance | informative
# section = "Heading of the section it is under"
# rules = ["supportcore_exclusions"]
"""

CONFTEST = '''\
"""Enable supportcore's conformance kit for this plugin's tests."""

pytest_plugins = ["supportcore.testing"]
'''

TESTS = '''\
"""{title_str}: first tests. Add at least one test per clause you encode."""

from __future__ import annotations

from supportcore import Engine
from supportcore.testing.cases import CaseFactory

import supportcore_{name}

CASES = CaseFactory(
    {{
        "vendor": "{name}",
        "at": "2026-01-15T10:00:00[{timezone}]",
        "request": {{
            "product": "Product",
            "category": "usage_question",
            "channel": "email",
            "received_at": "2026-01-15T09:00:00[{timezone}]",
        }},
    }}
)


def engine() -> Engine:
    return Engine(entry_points=False, extra=[("{name}", supportcore_{name})])


def test_unencoded_terms_answer_undetermined_rather_than_guess() -> None:
    decision = engine().evaluate(CASES.case())
    assert decision.eligibility.status == "undetermined"
    assert decision.coverage.status == "undetermined"
    assert decision.eligibility.reasons[0].code == "not-encoded"
'''

EXAMPLE = """\
# An example case for {title}: a usage question by e-mail. Evaluate it with
#   supportcore evaluate examples/01-usage-question.toml
vendor = "{name}"
id = "EX-0001"
at = "2026-01-15T10:00:00[{timezone}]"

[request]
product = "Product"
category = "usage_question"
channel = "email"
received_at = "2026-01-15T09:00:00[{timezone}]"
"""

README = """\
# supportcore-{name}

A [supportcore](https://pypi.org/project/supportcore/) plugin: {title}'s support terms as
executable, explainable policy.

## Develop

```bash
python -m pip install -e ".[test]"
python -m pytest                         # your tests + supportcore's conformance kit
supportcore terms {name}                 # your clauses, as integrators will see them
supportcore evaluate examples/01-usage-question.toml
```

Encode the terms clause by clause in `src/supportcore_{name}/terms.toml` (verbatim text, English
gloss, stable id), then make the hooks in `src/supportcore_{name}/__init__.py` answer, citing
the clauses they apply. Every number the terms do not give (a rate, office hours) is a setting
the integrator supplies, never a guess.

## Publish

`python -m build` and upload the wheel. Note: `Framework :: supportcore` is not yet a registered
trove classifier; remove it before uploading to PyPI until it is.
"""


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
    values = {
        "name": name,
        "title": title,  # in comments and Markdown
        "title_str": title.replace("\\", "\\\\"),  # inside "…" in Python and TOML
        "country": country,
        "currency": currency,
        "timezone": timezone,
        "today": date.today().isoformat(),
    }
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
    pkg = root / "src" / f"supportcore_{name}"
    files = {
        root / "pyproject.toml": PYPROJECT,
        root / "README.md": README,
        pkg / "__init__.py": MODULE,
        pkg / "terms.toml": TERMS,
        pkg / "py.typed": "",
        root / "tests" / "conftest.py": CONFTEST,
        root / "tests" / f"test_{name}.py": TESTS,
        root / "examples" / "01-usage-question.toml": EXAMPLE,
    }
    try:
        for path, template in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(template.format(**values) if template else "", encoding="utf-8")
    except OSError as exc:
        shutil.rmtree(root, ignore_errors=True)
        raise ScaffoldError(f"{root}: cannot write ({_reason(exc)})") from None
    return root


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
