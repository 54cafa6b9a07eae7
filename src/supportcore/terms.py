"""A vendor's terms as data: clauses, interpretations, settings, versions.

A plugin ships its terms as a TOML file (see ``docs/plugin-authors.md`` for the format) and
loads it with :func:`load_terms`. Every clause has a stable id, the verbatim sentence from the
vendor's document, an English gloss, and the names of the rules that apply it. Reasons in a
decision are built with :meth:`TermsVersion.reason`, which refuses a clause id the terms do
not contain, so every citation resolves.
"""

from __future__ import annotations

import enum
import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs

from .reasons import Citation, Reason
from .tables import EMPTY_TABLES, VendorTables, parse_tables
from .vendor import VendorInfo, vendor_from_table

__all__ = [
    "Clause",
    "ClauseKind",
    "Interpretation",
    "SettingKind",
    "SettingSpec",
    "TermsCatalogue",
    "TermsError",
    "TermsVersion",
    "load_terms",
    "parse_terms",
]


class TermsError(ValueError):
    """The terms data of a plugin is malformed."""


class ClauseKind(enum.StrEnum):
    NORMATIVE = "normative"  #: a rule: becomes code and at least one test
    GUIDANCE = "guidance"  #: advice ("Anote los mensajes de error…"); recorded, not enforced
    INFORMATIVE = "informative"  #: a statement of fact or a definition


@attrs.frozen
class Clause:
    id: str
    text: str  #: verbatim from the vendor's document (whitespace aside)
    gloss: str  #: English gloss
    kind: ClauseKind = ClauseKind.NORMATIVE
    section: str = ""
    rules: tuple[str, ...] = ()  #: names of the rules (functions) that apply this clause


@attrs.frozen
class Interpretation:
    """A reading chosen where the text allows more than one."""

    id: str
    clauses: tuple[str, ...]
    question: str
    reading: str  #: the reading applied
    alternative: str = ""  #: the other plausible reading
    setting: str | None = None  #: the setting that switches between them, if any


class SettingKind(enum.StrEnum):
    MONEY = "money"  #: an amount in the vendor's currency, written as a string "12.50"
    DECIMAL = "decimal"  #: a number such as a factor "1.5"
    RATE = "rate"  #: a fraction between 0 and 1, such as a tax rate "0.21" (21 %)
    VERSION = "version"  #: a program version "5" or "4.2" (:class:`supportcore.versions.Version`)
    INTEGER = "integer"
    BOOLEAN = "boolean"
    STRING = "string"
    DATE = "date"
    CHOICE = "choice"  #: one of ``choices``
    MONEY_TABLE = "money_table"  #: a table name → amount (e.g. fee per module)
    #: a table name → a number of hours, whole minutes, more than 0 (e.g. response hours per plan)
    HOURS_TABLE = "hours_table"
    STRING_LIST = "string_list"
    CALENDAR = "calendar"  #: a business calendar table, see supportcore.calendar.CalendarSpec
    CLOSURES = "closures"  #: a list of {start, end, label} date ranges


@attrs.frozen
class SettingSpec:
    """A value the terms need but do not give (or give with a documented default)."""

    key: str
    kind: SettingKind
    description: str
    needed_for: str = ""  #: which answer needs it ("pricing of advisory hours")
    #: only a value the terms themselves or the law give, or the reading an interpretation
    #: chose (e.g. which public holidays close the desk)
    default: Any = None
    #: where the default comes from: a clause id, a statute, or an interpretation id
    default_source: str = ""
    choices: tuple[str, ...] = ()
    clauses: tuple[str, ...] = ()
    example: Any = None  #: an example value for documentation (never used as a default)
    #: the smallest and largest value the vendor's rules accept (integer, decimal, rate and
    #: money settings; money as an amount): checked when the engine starts
    minimum: Any = None
    maximum: Any = None


@attrs.frozen
class TermsVersion:
    """One version of a vendor's terms, in force from ``effective_from``."""

    vendor: str
    version: str
    effective_from: date
    clauses: tuple[Clause, ...]
    interpretations: tuple[Interpretation, ...] = ()
    source: str = ""
    language: str = ""
    title: str = ""
    _index: Mapping[str, Clause] = attrs.field(init=False, repr=False, eq=False)
    _cites: dict[str, Citation] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, Clause] = {}
        for c in self.clauses:
            if c.id in index:
                raise TermsError(
                    f"{self.vendor} terms {self.version}: duplicate clause id {c.id!r}"
                )
            index[c.id] = c
        object.__setattr__(self, "_index", index)
        object.__setattr__(
            self,
            "_cites",
            {c.id: Citation(self.vendor, c.id, c.text, self.version) for c in self.clauses},
        )
        for i in self.interpretations:
            for cid in i.clauses:
                if cid not in index:
                    raise TermsError(
                        f"{self.vendor} terms {self.version}: interpretation {i.id!r} "
                        f"cites unknown clause {cid!r}"
                    )

    def clause(self, clause_id: str) -> Clause:
        try:
            return self._index[clause_id]
        except KeyError:
            raise KeyError(
                f"{self.vendor} terms {self.version} have no clause {clause_id!r}"
            ) from None

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self._index

    def cite(self, *clause_ids: str) -> tuple[Citation, ...]:
        """Citations for the given clause ids, in their order; an unknown id is a programming
        error (a ``KeyError`` naming it)."""
        cites = self._cites
        try:
            if len(clause_ids) == 1:  # the usual case, on every reason of every decision
                return (cites[clause_ids[0]],)
            return tuple([cites[c] for c in clause_ids])
        except KeyError as exc:
            raise KeyError(
                f"{self.vendor} terms {self.version} have no clause {exc.args[0]!r}"
            ) from None

    def reason(self, code: str, message: str, *clause_ids: str) -> Reason:
        """A :class:`Reason` citing ``clause_ids`` (at least one for a vendor rule)."""
        try:  # (on every reason of every decision: the citations without another call)
            return Reason(code, message, tuple([self._cites[c] for c in clause_ids]))
        except KeyError:
            return Reason(code, message, self.cite(*clause_ids))  # raises, naming the clause


@attrs.frozen
class TermsCatalogue:
    """All versions of a vendor's terms, plus the settings the vendor's rules read."""

    vendor: str
    versions: tuple[TermsVersion, ...]
    settings: tuple[SettingSpec, ...] = ()
    #: who the vendor is: the ``[vendor]`` table (``None`` when the plugin gives it by hook)
    info: VendorInfo | None = None
    #: coverage by category, channels, calendars, tax, fees, service levels (``terms.toml``)
    tables: VendorTables = attrs.field(factory=lambda: EMPTY_TABLES)

    def __attrs_post_init__(self) -> None:
        if not self.versions:
            raise TermsError(f"{self.vendor}: terms need at least one version")
        dates = [v.effective_from for v in self.versions]
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise TermsError(f"{self.vendor}: versions must be listed by increasing effective_from")
        keys = [s.key for s in self.settings]
        if len(set(keys)) != len(keys):
            raise TermsError(f"{self.vendor}: duplicate setting keys")

    @property
    def latest(self) -> TermsVersion:
        return self.versions[-1]

    def version(self, name: str) -> TermsVersion:
        for v in self.versions:
            if v.version == name:
                return v
        known = ", ".join(v.version for v in self.versions)
        raise KeyError(f"{self.vendor} has no terms version {name!r} (known: {known})")

    def in_force_on(self, day: date) -> TermsVersion:
        """The version in force on ``day``; before the first version, the first one."""
        chosen = self.versions[0]
        for v in self.versions:
            if v.effective_from <= day:
                chosen = v
            else:
                break
        return chosen

    def setting(self, key: str) -> SettingSpec:
        for s in self.settings:
            if s.key == key:
                return s
        raise KeyError(f"{self.vendor} declares no setting {key!r}")


# --------------------------------------------------------------------------- loading


def _tuple(v: Any) -> tuple[Any, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    return tuple(v)


def _clause(vendor: str, d: Mapping[str, Any]) -> Clause:
    extra = set(d) - {"id", "text", "gloss", "kind", "section", "rules"}
    if extra:
        raise TermsError(f"{vendor}: clause {d.get('id')!r} has unknown keys {sorted(extra)}")
    for key in ("id", "text", "gloss"):
        if not isinstance(d.get(key), str) or not d[key].strip():
            raise TermsError(f"{vendor}: clause {d.get('id')!r} needs a non-empty {key!r}")
    return Clause(
        id=d["id"],
        text=" ".join(d["text"].split()),
        gloss=" ".join(d["gloss"].split()),
        kind=ClauseKind(d.get("kind", "normative")),
        section=d.get("section", ""),
        rules=_tuple(d.get("rules")),
    )


def _interpretation(d: Mapping[str, Any]) -> Interpretation:
    return Interpretation(
        id=d["id"],
        clauses=_tuple(d["clauses"]),
        question=" ".join(d["question"].split()),
        reading=" ".join(d["reading"].split()),
        alternative=" ".join(d.get("alternative", "").split()),
        setting=d.get("setting"),
    )


def _setting(vendor: str, d: Mapping[str, Any]) -> SettingSpec:
    allowed = {f.name for f in attrs.fields(SettingSpec)}
    extra = set(d) - allowed
    if extra:
        raise TermsError(f"{vendor}: setting {d.get('key')!r} has unknown keys {sorted(extra)}")
    try:
        kind = SettingKind(d["kind"])
    except (KeyError, ValueError):
        raise TermsError(f"{vendor}: setting {d.get('key')!r} has no valid kind") from None
    return SettingSpec(
        key=d["key"],
        kind=kind,
        description=" ".join(d.get("description", "").split()),
        needed_for=d.get("needed_for", ""),
        default=d.get("default"),
        default_source=d.get("default_source", ""),
        choices=_tuple(d.get("choices")),
        clauses=_tuple(d.get("clauses")),
        example=d.get("example"),
        minimum=d.get("minimum"),
        maximum=d.get("maximum"),
    )


def parse_terms(data: Mapping[str, Any]) -> TermsCatalogue:
    """Build a :class:`TermsCatalogue` from the documented TOML structure (already parsed)."""
    vendor = data.get("vendor")
    if not isinstance(vendor, str) or not vendor:
        raise TermsError("terms data needs a 'vendor' name")
    from .tables.parse import TABLES

    unknown = sorted(set(data) - {"vendor", "identity", "settings", "versions", *TABLES})
    if unknown:
        raise TermsError(
            f"{vendor}: unknown top-level key(s) {', '.join(unknown)} (known: vendor, identity, "
            f"settings, versions, {', '.join(TABLES)})"
        )
    settings = tuple(_setting(vendor, s) for s in data.get("settings", ()))
    versions = []
    for v in data.get("versions", ()):
        try:
            versions.append(
                TermsVersion(
                    vendor=vendor,
                    version=str(v["version"]),
                    effective_from=v["effective_from"],
                    clauses=tuple(_clause(vendor, c) for c in v.get("clauses", ())),
                    interpretations=tuple(_interpretation(i) for i in v.get("interpretations", ())),
                    source=v.get("source", ""),
                    language=v.get("language", ""),
                    title=v.get("title", ""),
                )
            )
        except KeyError as exc:
            raise TermsError(f"{vendor}: a terms version lacks {exc.args[0]!r}") from None
    for s in settings:
        for cid in s.clauses:
            if not any(cid in v for v in versions):
                raise TermsError(f"{vendor}: setting {s.key!r} cites unknown clause {cid!r}")
    info = None
    table = data.get("identity")
    if table is not None:
        try:
            info = vendor_from_table(vendor, table)
        except (TypeError, ValueError) as exc:
            raise TermsError(f"{vendor}: [identity]: {exc}") from None
    known_clauses = {c.id for v in versions for c in v.clauses}
    tables = parse_tables(vendor, data, known_clauses, {s.key: s for s in settings})
    return TermsCatalogue(
        vendor=vendor, versions=tuple(versions), settings=settings, info=info, tables=tables
    )


def load_terms(package: str, resource: str = "terms.toml") -> TermsCatalogue:
    """Load the terms TOML shipped inside ``package`` (``importlib.resources``)."""
    text = resources.files(package).joinpath(resource).read_text(encoding="utf-8")
    return parse_terms(tomllib.loads(text, parse_float=Decimal))


def clause_ids(catalogue: TermsCatalogue) -> Iterable[str]:
    seen: set[str] = set()
    for v in catalogue.versions:
        for c in v.clauses:
            if c.id not in seen:
                seen.add(c.id)
                yield c.id
