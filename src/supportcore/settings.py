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
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from .money import Money, to_decimal
from .reasons import MissingSetting
from .terms import SettingKind, SettingSpec

__all__ = ["Settings", "SettingsError", "SettingsSection", "VendorSettings", "load_settings"]

#: Table of the settings file for options of supportcore itself (none are read yet).
CORE_SECTION = "supportcore"


class SettingsError(ValueError):
    """The settings file is invalid. ``problems`` holds one message per problem, each naming
    the settings file (``source``) when there is one."""

    def __init__(self, problems: Iterable[str], source: str = "") -> None:
        prefix = f"{source}: " if source else ""
        self.problems = tuple(p if p.startswith(prefix) else prefix + p for p in problems)
        self.source = source
        super().__init__("\n".join(self.problems))


@attrs.frozen
class SettingsSection:
    """The settings an overlay plugin reads from its table ``[name]``."""

    name: str
    specs: tuple[SettingSpec, ...]
    currency: str = "EUR"


def _convert(path: str, spec: SettingSpec, value: Any, currency: str) -> Any:
    kind = spec.kind
    if kind is SettingKind.MONEY:
        return Money(to_decimal(value, field=path), currency)
    if kind is SettingKind.DECIMAL:
        return to_decimal(value, field=path)
    if kind is SettingKind.RATE:
        rate = to_decimal(value, field=path)
        if not 0 <= rate <= 1:
            raise ValueError(
                f"{path}: {value} is not a rate between 0 and 1; write a fraction (0.21 for 21 %)"
            )
        return rate
    if kind is SettingKind.INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{path}: expected an integer, got {value!r}")
        return value
    if kind is SettingKind.BOOLEAN:
        if not isinstance(value, bool):
            raise ValueError(f"{path}: expected true or false, got {value!r}")
        return value
    if kind is SettingKind.STRING:
        if not isinstance(value, str):
            raise ValueError(f"{path}: expected a string, got {value!r}")
        return value
    if kind is SettingKind.CHOICE:
        if value not in spec.choices:
            raise ValueError(f"{path}: {value!r} is not one of {', '.join(spec.choices)}")
        return value
    if kind is SettingKind.DATE:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(f"{path}: {value!r} is not a date (YYYY-MM-DD)") from None
    if kind is SettingKind.STRING_LIST:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{path}: expected a list of strings")
        return tuple(value)
    if kind is SettingKind.MONEY_TABLE:
        if not isinstance(value, Mapping):
            raise ValueError(f"{path}: expected a table of name = amount")
        return {k: Money(to_decimal(v, field=f"{path}.{k}"), currency) for k, v in value.items()}
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
    """Read a TOML settings file; decimals are read exactly (never as floats)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise SettingsError([f"cannot read settings file ({exc.strerror})"], str(p)) from None
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError([f"not valid TOML ({exc})"], str(p)) from None
    return Settings.from_mapping(data, source=str(p))
