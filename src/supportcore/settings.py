"""Settings and tariffs the terms do not give, supplied by the integrator in a TOML file.

The file has one table per plugin, named after it::

    # EXAMPLE settings: these values are illustrations, not any vendor's prices.
    [itplusnet]
    price_normal_hours = "25000"
    price_special_hours = "35000"

Each vendor declares the settings it reads (``TermsCatalogue.settings``), each overlay through
``supportcore_setting_specs``. Validation reports one message per problem naming the path
(``itplusnet.price_normal_hours: "abc" is not a decimal number``); unknown tables and keys are
errors, so a typo never silently falls back to "missing". A setting the integrator leaves out is
*missing*: rules that need it say so in the decision (``MissingSetting``) instead of guessing.

Ranges, checked at start-up by kind: ``money`` and each amount of a ``money_table`` from 0 with
at most 15 digits before the decimal point; ``rate`` a fraction from 0 to 1 (``0.21``, not
``21``); ``decimal`` at most 15 digits before the point; ``integer`` within ±1,000,000,000;
each entry of an ``hours_table`` more than 0 and at most 100,000 hours, in whole minutes
(a setting's ``minimum`` and ``maximum`` narrow these; a plugin's own check says more: its
``supportcore_prepare`` raises ``SettingsError``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .documents import DocumentError, describe, loads_toml, read_text
from .limits import CURRENT
from .money import MAX_AMOUNT_DIGITS, Money, to_decimal
from .reasons import MissingSetting
from .terms import SettingKind, SettingSpec

__all__ = ["Settings", "SettingsError", "SettingsSection", "VendorSettings", "load_settings"]

#: Table of the settings file for options of supportcore itself (none are read yet).
CORE_SECTION = "supportcore"

#: The largest ``integer`` setting (and, negated, the smallest).
MAX_INTEGER = 1_000_000_000
#: The largest number of hours in an ``hours_table`` setting (about 11 years).
MAX_HOURS = 100_000


class SettingsError(ValueError):
    """The settings file is invalid. ``problems`` holds one message per problem, each naming
    the settings file (``source``) when there is one."""

    def __init__(self, problems: Iterable[str], source: str = "") -> None:
        prefix = f"{source}: " if source else ""
        found = [p if p.startswith(prefix) else prefix + p for p in problems]
        most = CURRENT.limits.max_problems
        if len(found) > most:
            left = len(found) - most + 1
            found[most - 1 :] = [f"{prefix}… and {left:,} more problem(s) not listed"]
        self.problems = tuple(found)
        self.source = source
        super().__init__("\n".join(self.problems))


@attrs.frozen
class SettingsSection:
    """The settings an overlay plugin reads from its table ``[name]``."""

    name: str
    specs: tuple[SettingSpec, ...]
    currency: str = "EUR"


def _decimal(path: str, value: Any, *, negative: bool = True) -> Decimal:
    """A decimal setting of at most ``MAX_AMOUNT_DIGITS`` digits before the point."""
    number = to_decimal(value, field=path)
    if number.adjusted() >= MAX_AMOUNT_DIGITS:
        raise ValueError(
            f"{path}: {describe(value)} is out of range (at most {MAX_AMOUNT_DIGITS} digits "
            "before the decimal point)"
        )
    if not negative and number < 0:
        raise ValueError(f"{path}: must not be negative, got {describe(value)}")
    return number


def _amount(path: str, value: Any, currency: str) -> Money:
    return Money(_decimal(path, value, negative=False), currency)


def _convert(path: str, spec: SettingSpec, value: Any, currency: str) -> Any:
    kind = spec.kind
    if kind is SettingKind.MONEY:
        return _amount(path, value, currency)
    if kind is SettingKind.DECIMAL:
        return _decimal(path, value)
    if kind is SettingKind.RATE:
        rate = to_decimal(value, field=path)
        if not 0 <= rate <= 1:
            raise ValueError(
                f"{path}: {describe(value)} is not a rate between 0 and 1; write a fraction "
                "(0.21 for 21 %)"
            )
        return rate
    if kind is SettingKind.VERSION:
        from .versions import Version, VersionError

        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        try:
            return Version.parse(value, path)
        except VersionError as exc:
            raise ValueError(str(exc)) from None
    if kind is SettingKind.INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{path}: expected an integer, got {describe(value)}")
        if not -MAX_INTEGER <= value <= MAX_INTEGER:
            raise ValueError(
                f"{path}: {describe(value)} is out of range (-{MAX_INTEGER:,} to {MAX_INTEGER:,})"
            )
        return value
    if kind is SettingKind.BOOLEAN:
        if not isinstance(value, bool):
            raise ValueError(f"{path}: expected true or false, got {describe(value)}")
        return value
    if kind is SettingKind.STRING:
        if not isinstance(value, str):
            raise ValueError(f"{path}: expected a string, got {describe(value)}")
        return value
    if kind is SettingKind.CHOICE:
        if not isinstance(value, str) or value not in spec.choices:
            raise ValueError(f"{path}: {describe(value)} is not one of {', '.join(spec.choices)}")
        return value
    if kind is SettingKind.DATE:
        from .convert import parse_date

        try:
            return parse_date(value)
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None
    if kind is SettingKind.STRING_LIST:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{path}: expected a list of strings, got {describe(value)}")
        if len(value) > CURRENT.limits.max_items:
            raise ValueError(f"{path}: {describe(value)} is too long (Limits.max_items)")
        return tuple(value)
    if kind is SettingKind.MONEY_TABLE:
        if not isinstance(value, Mapping):
            raise ValueError(f"{path}: expected a table of name = amount, got {describe(value)}")
        if len(value) > CURRENT.limits.max_items:
            raise ValueError(
                f"{path}: a table of {len(value):,} keys is too long (Limits.max_items)"
            )
        table: dict[str, Money] = {}
        problems: list[str] = []
        for k, v in value.items():
            try:
                table[k] = _amount(f"{path}.{k}", v, currency)
            except ValueError as exc:
                problems.append(str(exc))
                if len(problems) >= CURRENT.limits.max_item_problems:
                    break
        if problems:
            raise ValueError("\n".join(problems))
        return table
    if kind is SettingKind.HOURS_TABLE:
        return _hours_table(path, value)
    if kind is SettingKind.CALENDAR:
        from .calendar import CalendarError
        from .convert import structure_setting

        try:
            cal_spec = structure_setting(value, "CalendarSpec", path)
            cal_spec.build(path)  # validates zone, windows, holidays; plugins get the spec
            return cal_spec
        except CalendarError as exc:
            raise ValueError(f"{path}: {exc}") from None
    if kind is SettingKind.CLOSURES:
        from .convert import structure_setting

        return structure_setting(value, "closures", path)
    raise ValueError(f"{path}: unsupported setting kind {kind}")  # pragma: no cover


def _hours_table(path: str, value: Any) -> dict[str, Decimal]:
    """A table name → hours (``Básico = 24``, ``Premium = "4.5"``): each more than 0, in whole
    minutes, at most :data:`MAX_HOURS`."""
    if not isinstance(value, Mapping):
        raise ValueError(f"{path}: expected a table of name = hours, got {describe(value)}")
    if len(value) > CURRENT.limits.max_items:
        raise ValueError(f"{path}: a table of {len(value):,} keys is too long (Limits.max_items)")
    table: dict[str, Decimal] = {}
    problems: list[str] = []
    for k, v in value.items():
        try:
            if isinstance(v, bool) or not isinstance(v, int | str | Decimal):
                raise ValueError(f"expected a number of hours, got {describe(v)}")
            hours = to_decimal(v, field=f"{path}.{k}")
            if not 0 < hours <= MAX_HOURS or (hours * 60) % 1:
                raise ValueError(
                    f"{describe(v)} is not a number of hours from 1 minute to {MAX_HOURS:,} hours "
                    "in whole minutes"
                )
            table[k] = hours
        except ValueError as exc:
            msg = str(exc)
            problems.append(msg if msg.startswith(f"{path}.{k}") else f"{path}.{k}: {msg}")
            if len(problems) >= CURRENT.limits.max_item_problems:
                break
    if problems:
        raise ValueError("\n".join(problems))
    return table


def _check_bounds(path: str, spec: SettingSpec, value: Any) -> None:
    """A value outside the spec's ``minimum`` / ``maximum`` is refused, naming both."""
    if spec.minimum is None and spec.maximum is None:
        return
    number = value.amount if isinstance(value, Money) else value
    if not isinstance(number, int | Decimal) or isinstance(number, bool):
        return
    low, high = spec.minimum, spec.maximum
    if low is not None and number < Decimal(str(low)):
        raise ValueError(f"{path}: {number} is less than the smallest value allowed, {low}")
    if high is not None and number > Decimal(str(high)):
        raise ValueError(f"{path}: {number} is more than the largest value allowed, {high}")


@attrs.frozen
class VendorSettings:
    """The validated settings of one plugin. Read with :meth:`get`, :meth:`money`, …"""

    owner: str
    specs: Mapping[str, SettingSpec]
    values: Mapping[str, Any]
    source: str = ""

    @classmethod
    def build(
        cls,
        owner: str,
        specs: Iterable[SettingSpec],
        raw: Mapping[str, Any] | None,
        currency: str,
        source: str = "",
    ) -> VendorSettings:
        """Validate ``raw`` (the plugin's table) against ``specs``; raise :class:`SettingsError`."""
        spec_map = {s.key: s for s in specs}
        problems: list[str] = []
        values: dict[str, Any] = {}
        for key, value in (raw or {}).items():
            path = f"{owner}.{key}"
            spec = spec_map.get(key)
            if spec is None:
                known = ", ".join(sorted(spec_map)) or "none"
                problems.append(f"{path}: unknown setting (known settings of {owner}: {known})")
                continue
            try:
                values[key] = _convert(path, spec, value, currency)
                _check_bounds(path, spec, values[key])
            except ValueError as exc:
                msg = str(exc)
                problems.extend(msg.splitlines() if msg.startswith(path) else [f"{path}: {msg}"])
        for key, spec in spec_map.items():
            if key not in values and spec.default is not None:
                try:
                    values[key] = _convert(f"{owner}.{key}", spec, spec.default, currency)
                except ValueError as exc:  # a plugin bug, reported as such
                    problems.append(f"{owner}.{key}: invalid default in the plugin: {exc}")
        if problems:
            raise SettingsError(problems)
        return cls(owner, spec_map, values, source)

    def _spec(self, key: str) -> SettingSpec:
        try:
            return self.specs[key]
        except KeyError:
            raise KeyError(f"{self.owner} declares no setting {key!r}") from None

    def get(self, key: str) -> Any:
        """The setting's value (or documented default), or ``None`` if not supplied."""
        value = self.values.get(key)
        if value is None:  # (a supplied value is always declared: check only the others)
            self._spec(key)
        return value

    def has(self, key: str) -> bool:
        if key in self.values:
            return True
        self._spec(key)
        return False

    def money(self, key: str) -> Money | None:
        value = self.get(key)
        if value is not None and not isinstance(value, Money):
            raise TypeError(f"{self.owner}.{key} is a {self.specs[key].kind}, not money")
        return value

    def rate(self, key: str) -> Decimal | None:
        """A ``rate`` setting (a fraction between 0 and 1), or ``None`` if not supplied."""
        return self.decimal(key)

    def decimal(self, key: str) -> Decimal | None:
        value = self.get(key)
        if value is not None and not isinstance(value, Decimal):
            raise TypeError(f"{self.owner}.{key} is a {self.specs[key].kind}, not a decimal")
        return value

    def missing(self, key: str) -> MissingSetting:
        spec = self._spec(key)
        return MissingSetting(
            self.owner, key, spec.needed_for or spec.description, spec.description
        )


@attrs.frozen
class Settings:
    """A parsed settings file: one raw table per plugin, validated when an engine uses it."""

    tables: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    source: str = ""

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str = "") -> Settings:
        problems = [
            f"{name}: expected a table of settings, got {type(v).__name__}"
            for name, v in data.items()
            if not isinstance(v, Mapping)
        ]
        if problems:
            raise SettingsError(problems, source)
        return cls({k: dict(v) for k, v in data.items()}, source)

    def table(self, name: str) -> Mapping[str, Any]:
        return self.tables.get(name, {})


def load_settings(path: str | Path) -> Settings:
    """Read a TOML settings file; decimals are read exactly (never as floats). Every problem
    (a file that cannot be read, is not UTF-8 or TOML, nests too deep, or holds a number too
    long to read) is a :class:`SettingsError` naming the file."""
    p = Path(path)
    try:
        data = loads_toml(read_text(p))
    except DocumentError as exc:
        message = exc.message.replace("cannot read file", "cannot read settings file")
        raise SettingsError([f"{exc.field}: {message}" if exc.field else message], str(p)) from None
    return Settings.from_mapping(data, source=str(p))
