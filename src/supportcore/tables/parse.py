"""Reading the tables of a vendor's ``terms.toml``.

Every problem is a :class:`~supportcore.terms.TermsError` naming the table, the row and the key
(``acme: coverage[2].clauses[0]: no clause 'A-9' in the terms``). All problems are reported
together, at most one per row. Unknown keys are errors, so a typo never silently drops a rule.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from ..calendar import CalendarError, CalendarSpec, HolidaySpec, ScheduleSpec
from ..convert import InputError, structure
from ..decision import CoverageStatus
from ..documents import describe
from ..i18n import N_
from ..model import Channel
from ..money import MAX_AMOUNT_DIGITS, to_decimal
from ..terms import SettingKind, SettingSpec, TermsError
from . import EMPTY_TABLES, VendorTables
from ._durations import parse_duration, parse_duration_at
from ._reader import Bad, Reader, after
from ._rows import (
    CalendarTable,
    ChannelsTable,
    CoverageRow,
    FeeRow,
    HolidayRule,
    RemedyRow,
    ScheduleRow,
    SentenceRow,
    ServiceLevelRow,
    TaxTable,
    Variant,
)

__all__ = ["TABLES", "parse_duration", "read_tables"]

T = TypeVar("T")

#: The top-level keys of ``terms.toml`` that hold tables the core applies.
TABLES = (
    "channels",
    "calendars",
    "tax",
    "fees",
    "coverage",
    "coverage_default",
    "remedies",
    "service_levels",
    "reasons",
    "actions",
)
STATUSES = (
    CoverageStatus.COVERED,
    CoverageStatus.EXCLUDED,
    CoverageStatus.BILLABLE,
    CoverageStatus.UNDETERMINED,
)
CLOCKS = ("received", "information_complete")
_ONE = {"plans": "plan", "severities": "severity", "channels": "channel", "categories": "category"}
#: The placeholders a coverage message may use.
PLACEHOLDERS = ("category", "product", "channel")
#: The words of ``[coverage_default]`` when it gives none.
DEFAULT_MESSAGE = N_("The terms do not say whether this kind of request is covered: {category}")
TAX_RATE = "tax_rate"


class _Tables(Reader):
    """The reader of the tables other than the calendars."""

    def channels(self, value: Any) -> ChannelsTable:
        t = self.table("channels", value, ("offered", "clauses", "hours"))
        offered = None
        if "offered" in t:
            names = self.texts("channels.offered", t["offered"])
            offered = tuple(self.channel(f"channels.offered[{i}]", c) for i, c in enumerate(names))
        clauses = self.clause_ids("channels.clauses", t.get("clauses", []))
        hours: dict[str, str] = {}
        for channel, name in self.table("channels.hours", t.get("hours", {}), None).items():
            here = f"channels.hours.{channel}"
            self.channel(here, channel)
            if offered is not None and channel not in offered:
                raise Bad(here, f"channel {channel!r} is not in channels.offered")
            hours[channel] = self.text(here, name)
            if hours[channel] not in self.calendar_names:
                raise Bad(here, f"no calendar {hours[channel]!r} in [calendars]")
        return ChannelsTable(offered, clauses, hours)

    def tax(self, value: Any) -> TaxTable:
        t = self.table("tax", value, ("name", "clauses", "included_setting"), ("name",))
        spec = self.settings.get(TAX_RATE)
        if spec is None or spec.kind is not SettingKind.RATE:
            raise Bad(
                "tax",
                f"the rate is the setting {TAX_RATE!r} of kind rate: declare it in [[settings]]",
            )
        return TaxTable(
            self.text("tax.name", t["name"]),
            self.clause_ids("tax.clauses", t.get("clauses", [])),
            self.optional_setting(
                "tax.included_setting", t.get("included_setting"), (SettingKind.BOOLEAN,)
            ),
        )

    def fee(self, path: str, value: Any) -> FeeRow:
        keys = ("id", "key", "amount", "clauses", "description")
        t = self.table(path, value, keys, ("id", "amount", "clauses"))
        fee_id = self.text(f"{path}.id", t["id"])
        key = self.text(f"{path}.key", t.get("key", ""), empty=True)
        if ":" in fee_id:
            raise Bad(f"{path}.id", "a fee id must not contain ':'")
        if (fee_id, key) in self.fees:
            raise Bad(f"{path}.id", f"fee {fee_id!r} with key {key!r} is given twice")
        try:
            amount = to_decimal(t["amount"], field=f"{path}.amount")
        except ValueError as exc:
            raise Bad(f"{path}.amount", after(str(exc))) from None
        if amount < 0 or amount.adjusted() >= MAX_AMOUNT_DIGITS:
            raise Bad(f"{path}.amount", f"{t['amount']!r} is negative or too large")
        row = FeeRow(
            fee_id,
            amount,
            self.clause_ids(f"{path}.clauses", t["clauses"], empty=False),
            key,
            self.text(f"{path}.description", t.get("description", ""), empty=True),
        )
        self.fees[fee_id, key] = row
        return row

    def priced_by(
        self, path: str, t: Mapping[str, Any]
    ) -> tuple[tuple[str, str] | None, str | None]:
        if "fee" in t and "setting" in t:
            raise Bad(f"{path}.setting", "give fee or setting, not both")
        fee = self.fee_ref(f"{path}.fee", t["fee"]) if "fee" in t else None
        kinds = (SettingKind.MONEY,)
        return fee, self.optional_setting(f"{path}.setting", t.get("setting"), kinds)

    def remedy(self, path: str, value: Any) -> RemedyRow:
        keys = ("id", "code", "description", "clauses", "price_note", "fee", "setting")
        t = self.table(path, value, keys, ("id", "description", "clauses"))
        remedy_id = self.text(f"{path}.id", t["id"])
        if remedy_id in self.remedies:
            raise Bad(f"{path}.id", f"remedy {remedy_id!r} is given twice")
        fee, setting = self.priced_by(path, t)
        row = RemedyRow(
            remedy_id,
            self.text(f"{path}.code", t.get("code", remedy_id)),
            self.text(f"{path}.description", t["description"]),
            self.clause_ids(f"{path}.clauses", t["clauses"], empty=False),
            self.text(f"{path}.price_note", t.get("price_note", ""), empty=True),
            fee,
            setting,
        )
        self.remedies[remedy_id] = row
        return row

    def sentence(self, table: str, row_id: str, value: Any) -> SentenceRow:
        """A ``[reasons.<id>]`` or ``[actions.<id>]`` row."""
        path = f"{table}.{row_id}"
        keys = ["code", "text", "clauses", "interpretations", "settings"]
        if table == "actions":
            keys.append("party")
        required = ("text", "party") if table == "actions" else ("text",)
        t = self.table(path, value, keys, required)
        text = self.text(f"{path}.text", t["text"])
        fields = self.placeholders(f"{path}.text", text)
        interpretations = self.texts(f"{path}.interpretations", t.get("interpretations", []))
        for i, iid in enumerate(interpretations):
            if iid not in self.interpretations:
                raise Bad(f"{path}.interpretations[{i}]", f"no interpretation {iid!r} in the terms")
        settings = self.texts(f"{path}.settings", t.get("settings", []))
        for i, key in enumerate(settings):
            if key not in self.settings:
                raise Bad(f"{path}.settings[{i}]", f"no setting {key!r} in [[settings]]")
        party = ""
        if table == "actions":
            party = self.text(f"{path}.party", t["party"])
            if party not in ("customer", "vendor"):
                raise Bad(f"{path}.party", f"{party!r} is not customer or vendor")
        return SentenceRow(
            id=row_id,
            code=self.text(f"{path}.code", t.get("code", row_id)),
            text=text,
            clauses=self.clause_ids(f"{path}.clauses", t.get("clauses", [])),
            interpretations=interpretations,
            settings=settings,
            party=party,
            placeholders=tuple(dict.fromkeys(fields)),
        )

    def placeholders(self, path: str, text: str) -> list[str]:
        """The ``{name}`` placeholders of a template; anything else in braces is an error."""
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
        except ValueError as exc:
            raise Bad(path, f"{exc}; write {{{{ and }}}} for braces") from None
        for name in fields:
            if not name.isidentifier():
                raise Bad(path, f"{{{name}}} is not a placeholder: write {{name}}")
        return fields

    def coverage(self, path: str, value: Any, *, default: bool = False) -> CoverageRow:
        keys = ["status", "code", "message", "clauses", "interpretations", "remedies"]
        keys += ["fee", "setting", "variants"]
        required = () if default else ("categories", "status", "message", "clauses")
        t = self.table(path, value, keys if default else ["categories", *keys], required)
        status = t.get("status", CoverageStatus.UNDETERMINED)
        if status not in STATUSES:
            known = ", ".join(STATUSES)
            raise Bad(f"{path}.status", f"unknown status {status!r} (known: {known})")
        categories: tuple[str, ...] = ()
        if not default:
            names = self.texts(f"{path}.categories", t["categories"], empty=False)
            categories = tuple(
                self.category(f"{path}.categories[{i}]", c) for i, c in enumerate(names)
            )
        message = self.text(f"{path}.message", t.get("message", DEFAULT_MESSAGE))
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(message) if f is not None]
        except ValueError as exc:
            raise Bad(f"{path}.message", f"{exc}; write {{{{ and }}}} for braces") from None
        for name in fields:
            if name not in PLACEHOLDERS:
                known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
                raise Bad(f"{path}.message", f"unknown placeholder {{{name}}} (known: {known})")
        interpretations = self.texts(f"{path}.interpretations", t.get("interpretations", []))
        for i, iid in enumerate(interpretations):
            if iid not in self.interpretations:
                here = f"{path}.interpretations[{i}]"
                raise Bad(here, f"no interpretation {iid!r} in the terms")
        remedies = self.texts(f"{path}.remedies", t.get("remedies", []))
        for i, rid in enumerate(remedies):
            if rid not in self.remedies:
                raise Bad(f"{path}.remedies[{i}]", f"no [[remedies]] row with id {rid!r}")
        fee, setting = self.priced_by(path, t)
        if (fee or setting) and status != CoverageStatus.BILLABLE:
            raise Bad(f"{path}.{'fee' if fee else 'setting'}", "only a billable row is priced")
        variants = t.get("variants", [])
        if not isinstance(variants, list):
            raise Bad(f"{path}.variants", f"expected a list of tables, got {describe(variants)}")
        return CoverageRow(
            status=status,
            code=self.text(f"{path}.code", t.get("code", status)),
            message=message,
            clauses=self.clause_ids(f"{path}.clauses", t.get("clauses", []), empty=default),
            categories=categories,
            interpretations=interpretations,
            remedies=remedies,
            fee=fee,
            setting=setting,
            variants=tuple(
                self.variant(f"{path}.variants[{i}]", v) for i, v in enumerate(variants)
            ),
            placeholders=tuple(dict.fromkeys(fields)),
        )

    def variant(self, path: str, value: Any) -> Variant:
        t = self.table(path, value, ("when", "add_clauses", "clauses"), ("when",))
        if ("add_clauses" in t) == ("clauses" in t):
            raise Bad(path, "give add_clauses (more clauses) or clauses (instead of the row's)")
        when = self.table(f"{path}.when", t["when"], ("product", "channel"))
        if not when:
            raise Bad(f"{path}.when", "give product, channel or both")
        product = None
        if "product" in when:
            product = self.text(f"{path}.when.product", when["product"])
            products = self.declared("products")
            if products and product not in products:
                raise Bad(f"{path}.when.product", f"{product!r} is not in [identity] products")
        channel = None
        if "channel" in when:
            channel = self.channel(f"{path}.when.channel", when["channel"])
        if "clauses" in t:
            instead = self.clause_ids(f"{path}.clauses", t["clauses"], empty=False)
            return Variant((), product, channel, instead)
        add = self.clause_ids(f"{path}.add_clauses", t["add_clauses"], empty=False)
        return Variant(add, product, channel)

    def service_level(self, index: int, value: Any) -> ServiceLevelRow:
        path = f"service_levels[{index}]"
        keys: tuple[str, ...] = ("plans", "severities", "channels", "categories", "calendar")
        keys += ("response",)
        keys += ("resolution", "clock", "clauses", "response_setting", "resolution_setting")
        t = self.table(path, value, keys, ("clauses",))
        plans = self.matching(path, "plans", t, self.declared("plans") or None)
        severities = self.declared("severities")
        if severities is not None and not severities:
            severities = ("normal",)  # a vendor declaring none has only "normal" requests
        severities = self.matching(path, "severities", t, severities)
        channels = self.matching(path, "channels", t, tuple(Channel))
        categories = self.matching(path, "categories", t, tuple(self.categories))
        targets = {
            key: parse_duration_at(f"{path}.{key}", t[key]) if t.get(key, "") != "" else None
            for key in ("response", "resolution")
        }
        kinds = (SettingKind.HOURS_TABLE,)
        from_settings = {
            key: self.optional_setting(f"{path}.{key}", t.get(key), kinds)
            for key in ("response_setting", "resolution_setting")
        }
        if not any(targets.values()) and not any(from_settings.values()):
            raise Bad(path, "give a response or a resolution target (or their settings)")
        calendar = t.get("calendar")
        if calendar is not None:
            calendar = self.text(f"{path}.calendar", calendar)
            if calendar not in self.calendar_names:
                raise Bad(f"{path}.calendar", f"no calendar {calendar!r} in [calendars]")
        elif any(from_settings.values()) or any(x.needs_calendar for x in targets.values() if x):
            raise Bad(f"{path}.calendar", "business time and openings need a calendar: name it")
        clock = t.get("clock", "received")
        if clock not in CLOCKS:
            raise Bad(f"{path}.clock", f"unknown clock {clock!r} (known: {', '.join(CLOCKS)})")
        return ServiceLevelRow(
            index=index,
            clauses=self.clause_ids(f"{path}.clauses", t["clauses"], empty=False),
            plans=plans,
            severities=severities,
            channels=channels,
            categories=categories,
            calendar=calendar,
            response=targets["response"],
            resolution=targets["resolution"],
            clock=clock,
            response_setting=from_settings["response_setting"],
            resolution_setting=from_settings["resolution_setting"],
        )

    def matching(
        self, path: str, key: str, t: Mapping[str, Any], known: Iterable[str] | None
    ) -> tuple[str, ...]:
        """A row's list of names to match, or ``("*",)``; each name among ``known`` (when
        known)."""
        names = self.texts(f"{path}.{key}", t.get(key, ["*"]), empty=False)
        allowed = None if known is None else set(known)
        for i, name in enumerate(names):
            if name != "*" and allowed is not None and name not in allowed:
                shown = ", ".join(sorted(allowed)) if len(allowed) < 12 else "see the reference"
                one = _ONE[key]
                raise Bad(f"{path}.{key}[{i}]", f"unknown {one} {name!r} (known: {shown})")
        return names


# --------------------------------------------------------------------------- calendars


def read_calendar(r: Reader, name: str, value: Any) -> CalendarTable:
    path = f"calendars.{name}"
    keys = (
        "timezone",
        "schedules",
        "holidays",
        "closures_setting",
        "closures_when",
        "setting",
        "clauses",
    )
    t = r.table(path, value, keys)
    clauses = r.clause_ids(f"{path}.clauses", t.get("clauses", []))
    closures = r.optional_setting(
        f"{path}.closures_setting", t.get("closures_setting"), (SettingKind.CLOSURES,)
    )
    when = r.optional_setting(
        f"{path}.closures_when", t.get("closures_when"), (SettingKind.BOOLEAN,)
    )
    if when is not None and closures is None:
        raise Bad(f"{path}.closures_when", "needs closures_setting")
    if "setting" in t:
        for key in ("timezone", "schedules", "holidays"):
            if key in t:
                raise Bad(
                    f"{path}.{key}",
                    "a calendar given by a setting takes its zone, hours and holidays "
                    "from the setting",
                )
        setting = r.setting(f"{path}.setting", t["setting"], (SettingKind.CALENDAR,))
        return CalendarTable(
            name,
            setting=setting,
            closures_setting=closures,
            closures_when=when,
            clauses=clauses,
        )
    if "schedules" not in t:
        raise Bad(path, "give schedules (the published hours) or setting (the integrator's)")
    timezone = None
    if "timezone" in t:
        timezone = r.text(f"{path}.timezone", t["timezone"])
        try:
            ZoneInfo(timezone)
        except Exception:
            raise Bad(f"{path}.timezone", f"unknown IANA time zone {timezone!r}") from None
    if not isinstance(t["schedules"], list) or not t["schedules"]:
        raise Bad(f"{path}.schedules", "expected a non-empty array of schedules")
    schedules = tuple(
        _read_schedule(r, f"{path}.schedules[{i}]", row) for i, row in enumerate(t["schedules"])
    )
    holidays = _read_holidays(r, f"{path}.holidays", t["holidays"]) if "holidays" in t else None
    cited: dict[str, tuple[str, ...]] = {}
    labels: dict[str, str] = {}
    for row in schedules:
        named = row.spec.name
        cited[named] = tuple(dict.fromkeys((*cited.get(named, ()), *row.clauses)))
        if row.label and not labels.get(named):
            labels[named] = row.label
    return CalendarTable(
        name,
        timezone=timezone,
        schedules=schedules,
        holidays=holidays,
        closures_setting=closures,
        closures_when=when,
        clauses=clauses,
        schedule_clauses=cited,
        schedule_labels=labels,
    )


def _read_schedule(r: Reader, path: str, value: Any) -> ScheduleRow:
    keys: tuple[str, ...] = ("name", "days", "windows", "months", "from_md", "until_md")
    keys = (*keys, "closing", "clauses", "label")
    t = r.table(path, value, (*keys, "when"), required=("name", "days", "windows"))
    plain = {k: v for k, v in t.items() if k not in ("clauses", "label", "when")}
    try:
        spec = structure(plain, ScheduleSpec)
    except InputError as exc:
        first = exc.problems[0]
        raise Bad(f"{path}.{first.field}", first.message) from None
    try:
        CalendarSpec("UTC", (spec,)).build(path)
    except CalendarError as exc:
        field, sep, problem = str(exc).splitlines()[0].partition(": ")
        if not sep or not field.startswith("schedules[0]"):
            raise Bad(path, str(exc).splitlines()[0]) from None
        raise Bad(path + field.removeprefix("schedules[0]"), problem) from None
    when = r.table(f"{path}.when", t.get("when", {}), None)
    conditions = []
    for key, wanted in when.items():
        here = f"{path}.when.{key}"
        r.setting(here, key, (SettingKind.CHOICE, SettingKind.BOOLEAN))
        conditions.append((key, r.choice_of(here, key, wanted)))
    label = r.text(f"{path}.label", t["label"]) if "label" in t else ""
    clauses = r.clause_ids(f"{path}.clauses", t.get("clauses", []))
    return ScheduleRow(spec, clauses, label, tuple(conditions))


def _read_holidays(r: Reader, path: str, value: Any) -> HolidayRule:
    t = r.table(path, value, ("country", "subdiv", "subdiv_setting", "when", "setting", "choices"))
    if "setting" in t:
        extra = sorted(set(t) - {"setting", "choices"})
        if extra:
            raise Bad(f"{path}.{extra[0]}", "a holiday choice takes only setting and choices")
        key = r.setting(f"{path}.setting", t["setting"], (SettingKind.CHOICE,))
        given = r.table(f"{path}.choices", t.get("choices"), r.settings[key].choices)
        choices: dict[str, tuple[str, str | None] | None] = {}
        for choice in r.settings[key].choices:
            here = f"{path}.choices.{choice}"
            if choice not in given:
                raise Bad(here, f"choice {choice!r} of setting {key!r} is not mapped")
            if given[choice] is False:
                choices[choice] = None
                continue
            where = r.table(here, given[choice], ("country", "subdiv"), ("country",))
            choices[choice] = _read_region(r, here, where.get("country"), where.get("subdiv"))
        return HolidayRule(setting=key, choices=choices)
    if "choices" in t:
        raise Bad(f"{path}.choices", "choices need setting (the choice setting)")
    if "subdiv" in t and "subdiv_setting" in t:
        raise Bad(f"{path}.subdiv_setting", "give subdiv or subdiv_setting, not both")
    if "country" not in t:
        raise Bad(f"{path}.country", "required key is missing")
    country, subdiv = _read_region(r, path, t["country"], t.get("subdiv"))
    kinds = (SettingKind.STRING, SettingKind.CHOICE)
    return HolidayRule(
        country=country,
        subdiv=subdiv,
        subdiv_setting=r.optional_setting(f"{path}.subdiv_setting", t.get("subdiv_setting"), kinds),
        when=r.optional_setting(f"{path}.when", t.get("when"), (SettingKind.BOOLEAN,)),
    )


def _read_region(r: Reader, path: str, country: Any, subdiv: Any) -> tuple[str, str | None]:
    country = r.text(f"{path}.country", country)
    if subdiv is not None:
        subdiv = r.text(f"{path}.subdiv", subdiv)
    try:
        HolidaySpec(country, subdiv)
    except CalendarError as exc:
        field = "subdiv" if str(exc).startswith("subdiv") else "country"
        raise Bad(f"{path}.{field}", after(str(exc))) from None
    return country, subdiv


# --------------------------------------------------------------------------- all tables


def read_tables(
    vendor: str,
    data: Mapping[str, Any],
    clauses: frozenset[str] | set[str],
    settings: Mapping[str, SettingSpec],
) -> VendorTables:
    """The tables of a parsed ``terms.toml`` (see :func:`supportcore.tables.parse_tables`)."""
    if not any(key in data for key in TABLES):
        return EMPTY_TABLES
    r = _Tables(data, clauses, settings)
    calendars: dict[str, CalendarTable] = {}
    raw = data.get("calendars", {})
    if isinstance(raw, Mapping):
        r.calendar_names = {str(name) for name in raw}
        for name, value in raw.items():
            found = r.attempt(read_calendar, r, str(name), value)
            if found is not None:
                calendars[str(name)] = found
    else:
        r.problems.append(f"calendars: expected tables [calendars.<name>], got {describe(raw)}")
    channels = r.attempt(r.channels, data["channels"]) if "channels" in data else None
    tax = r.attempt(r.tax, data["tax"]) if "tax" in data else None
    for path, row in r.rows("fees", data.get("fees")):
        r.attempt(r.fee, path, row)
    for path, row in r.rows("remedies", data.get("remedies")):
        r.attempt(r.remedy, path, row)
    coverage: dict[str, CoverageRow] = {}
    where: dict[str, str] = {}
    for path, row in r.rows("coverage", data.get("coverage")):
        listed = r.attempt(r.coverage, path, row)
        for i, category in enumerate(listed.categories if listed is not None else ()):
            if category in coverage:
                r.problems.append(
                    f"{path}.categories[{i}]: category {category!r} is already listed in "
                    f"{where[category]}"
                )
            elif listed is not None:
                coverage[category], where[category] = listed, path
    default = None
    if "coverage_default" in data:
        default = r.attempt(
            lambda v: r.coverage("coverage_default", v, default=True), data["coverage_default"]
        )
    sentences: dict[str, dict[str, SentenceRow]] = {"reasons": {}, "actions": {}}
    for table, listed_rows in sentences.items():
        raw_rows = data.get(table, {})
        if not isinstance(raw_rows, Mapping):
            r.problems.append(f"{table}: expected tables [{table}.<id>], got {describe(raw_rows)}")
            continue
        for row_id, value in raw_rows.items():
            sentence = r.attempt(r.sentence, table, str(row_id), value)
            if sentence is not None:
                listed_rows[str(row_id)] = sentence
    levels = [
        r.attempt(r.service_level, i, row)
        for i, (_path, row) in enumerate(r.rows("service_levels", data.get("service_levels")))
    ]
    if r.problems:
        raise TermsError("\n".join(f"{vendor}: {p}" for p in r.problems))
    return VendorTables(
        channels=channels,
        calendar_tables=calendars,
        tax=tax,
        fees=r.fees,
        coverage_rows=coverage,
        coverage_default=default,
        remedies=r.remedies,
        service_levels=tuple(row for row in levels if row is not None),
        reasons=sentences["reasons"],
        actions=sentences["actions"],
    )
