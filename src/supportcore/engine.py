"""The engine: one case in, one explained decision out.

Build an :class:`Engine` once (it loads plugins, validates settings and prepares calendars) and
call :meth:`Engine.evaluate` per case. Nothing per-case touches the plugin manager's registry,
the settings file or the calendars' preparation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from .categories import CATEGORIES
from .context import Context
from .convert import InputError, case_from_dict, decision_to_dict, parse_datetime
from .decision import (
    Closure,
    ClosureStatus,
    Coverage,
    CoverageStatus,
    Decision,
    Eligibility,
    EligibilityStatus,
    PluginFailure,
    Problem,
    Service,
)
from .model import Case
from .money import Quote, QuoteStatus
from .plugins import PluginSet, VendorPlugin, load_plugins
from .reasons import Reason
from .settings import Settings, SettingsError, SettingsSection, VendorSettings, load_settings
from .taxid import validate_tax_id
from .terms import TermsVersion

if TYPE_CHECKING:
    from .calendar import BusinessCalendar

__all__ = ["Engine", "PluginError"]


class PluginError(RuntimeError):
    """A plugin raised while answering (only raised in strict mode; otherwise recorded)."""


def _no_rule(vendor: str, what: str) -> Reason:
    return Reason("no-rule", f"{vendor} has no rule that answers {what} for this case")


class Engine:
    """Evaluates cases against the installed vendor plugins.

    :param settings: a :class:`Settings`, a mapping of tables, or a path to a TOML settings file.
    :param plugins: an already loaded :class:`PluginSet` (default: discover entry points).
    :param strict: plugin load failures and hook exceptions raise instead of being recorded.
    :param allow: / :param block: plugin allow- and block-lists (see :func:`load_plugins`).
    :param extra: extra ``(name, plugin)`` pairs to register (test vendors, overlays).
    """

    def __init__(
        self,
        settings: Settings | Mapping[str, Any] | str | Path | None = None,
        *,
        plugins: PluginSet | None = None,
        strict: bool | None = None,
        allow: Iterable[str] | None = None,
        block: Iterable[str] | None = None,
        extra: Iterable[tuple[str, object]] = (),
        entry_points: bool = True,
    ) -> None:
        self.plugins = plugins or load_plugins(
            allow=allow, block=block, strict=strict, extra=extra, entry_points=entry_points
        )
        self.strict = bool(strict)
        if settings is None:
            settings = Settings()
        elif isinstance(settings, str | Path):
            settings = load_settings(settings)
        elif not isinstance(settings, Settings):
            settings = Settings.from_mapping(settings)
        self.settings: Settings = settings
        self.warnings: list[str] = []
        self._vendor_settings: dict[str, VendorSettings] = {}
        self._overlay_settings: dict[str, VendorSettings] = {}
        self._calendars: dict[str, Mapping[str, BusinessCalendar]] = {}
        self._validate_settings()

    # ------------------------------------------------------------------ setup

    def _validate_settings(self) -> None:
        problems: list[str] = []
        source = self.settings.source
        for name, vp in self.plugins.vendors.items():
            try:
                self._vendor_settings[name] = VendorSettings.build(
                    name, vp.terms.settings, self.settings.table(name), vp.info.currency, source
                )
            except SettingsError as exc:
                problems.extend(exc.problems)
        sections: list[SettingsSection] = [
            s for s in self.plugins.pm.hook.supportcore_setting_specs() if s is not None
        ]
        for section in sections:
            try:
                self._overlay_settings[section.name] = VendorSettings.build(
                    section.name,
                    section.specs,
                    self.settings.table(section.name),
                    section.currency,
                    source,
                )
            except SettingsError as exc:
                problems.extend(exc.problems)
        known = set(self.plugins.vendors) | {s.name for s in sections} | {"supportcore"}
        others = {r.name for r in self.plugins.records}
        for table in self.settings.tables:
            if table in known:
                continue
            if table in others:
                self.warnings.append(f"settings table [{table}] ignored: plugin not loaded")
            else:
                self.warnings.append(
                    f"settings table [{table}] matches no installed plugin; ignored"
                )
        if problems:
            raise SettingsError(problems)

    def overlay_settings(self, name: str) -> VendorSettings | None:
        """Validated settings of an overlay plugin's table, if it declared one."""
        return self._overlay_settings.get(name)

    def vendor(self, name: str) -> VendorPlugin:
        try:
            return self.plugins.vendors[name]
        except KeyError:
            installed = ", ".join(sorted(self.plugins.vendors)) or "none"
            raise InputError(
                [Problem("vendor", f"unknown vendor {name!r} (installed: {installed})", "error")]
            ) from None

    def calendars(self, name: str) -> Mapping[str, BusinessCalendar]:
        """The vendor's calendars, built once from its settings."""
        cals = self._calendars.get(name)
        if cals is None:
            vp = self.vendor(name)
            try:
                cals = (
                    vp.callers["supportcore_calendars"](
                        settings=self._vendor_settings[name], terms=vp.terms
                    )
                    or {}
                )
            except Exception as exc:
                if self.strict:
                    raise PluginError(f"{name}.supportcore_calendars: {exc}") from exc
                cals = {}
                self.warnings.append(f"{name}: calendars failed: {type(exc).__name__}: {exc}")
            self._calendars[name] = cals
        return cals

    # ------------------------------------------------------------------ evaluation

    def terms_for(self, case: Case, vp: VendorPlugin) -> TermsVersion:
        """The terms version that governs ``case``.

        A contract keeps the version in force when it was signed until it ends (explicit
        ``terms_version`` wins); without a contract in force, the version in force at the
        evaluation instant applies.
        """
        catalogue = vp.terms
        if len(catalogue.versions) == 1 and not case.contracts:
            return catalogue.versions[0]
        today = case.at.astimezone(vp.info.tz).date()
        for c in case.contracts_for(case.request.product):
            if c.start <= today and (c.end is None or today < c.end):
                if c.terms_version:
                    return catalogue.version(c.terms_version)
                return catalogue.in_force_on(c.signed)
        return catalogue.in_force_on(today)

    def _core_checks(self, case: Case, vp: VendorPlugin) -> list[Problem]:
        info = vp.info
        problems: list[Problem] = []
        req = case.request
        if info.products and req.product not in info.products:
            problems.append(
                Problem(
                    "request.product",
                    f"{req.product!r} is not a product of {info.title} "
                    f"(products: {', '.join(info.products)})",
                    "error",
                )
            )
        for i, lic in enumerate(case.licences):
            if info.products and lic.product not in info.products:
                problems.append(
                    Problem(
                        f"licences[{i}].product",
                        f"{lic.product!r} is not a product of {info.title}",
                        "error",
                    )
                )
        if req.category not in CATEGORIES and req.category not in info.categories:
            known = sorted(set(CATEGORIES) | set(info.categories))
            problems.append(
                Problem(
                    "request.category",
                    f"unknown category {req.category!r} (known: {', '.join(known)})",
                    "error",
                )
            )
        tax = case.customer.tax_id
        if tax is not None:
            _, msg = validate_tax_id(tax.country, tax.number)
            if msg:
                problems.append(Problem("customer.tax_id", msg))
        if req.contact.tax_id:
            country = tax.country if tax is not None else info.country
            _, msg = validate_tax_id(country, req.contact.tax_id)
            if msg:
                problems.append(Problem("request.contact.tax_id", msg))
        return problems

    def evaluate(
        self, case: Case | Mapping[str, Any], *, at: datetime | str | None = None
    ) -> Decision:
        """Evaluate one case. ``at`` overrides the case's evaluation instant.

        :raises InputError: the case is invalid (one problem per field).
        :raises PluginError: a plugin raised, in strict mode only (otherwise the decision
            records the failure and the affected answers are undetermined).
        """
        if not isinstance(case, Case):
            case = case_from_dict(case)
        if at is not None:
            try:
                instant = parse_datetime(at)
                case = attrs.evolve(case, at=instant)
            except ValueError as exc:
                raise InputError([Problem("at", str(exc), "error")]) from None
        vp = self.vendor(case.vendor)
        problems = self._core_checks(case, vp)
        if any(p.severity == "error" for p in problems):
            raise InputError([p for p in problems if p.severity == "error"])
        name = vp.name
        try:
            terms = self.terms_for(case, vp)
        except KeyError as exc:
            raise InputError(
                [Problem("contracts.terms_version", str(exc.args[0]), "error")]
            ) from None
        ctx = Context(
            case=case,
            at=case.at,
            vendor=vp.info,
            terms=terms,
            settings=self._vendor_settings[name],
            calendars=self.calendars(name),
            overlay_settings=self._overlay_settings,
        )
        callers = vp.callers
        failures: list[PluginFailure] = []

        def call(hook: str, **kwargs: Any) -> Any:
            try:
                return callers[hook](**kwargs)
            except Exception as exc:
                if self.strict:
                    raise PluginError(f"{name}.{hook}: {type(exc).__name__}: {exc}") from exc
                failures.append(PluginFailure(name, hook, f"{type(exc).__name__}: {exc}"))
                return None

        for result in call("supportcore_check_case", ctx=ctx) or ():
            for p in result or ():
                problems.append(p)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise InputError(errors)

        service = call("supportcore_service_hours", ctx=ctx) or Service(
            channel=str(case.request.channel), reasons=(_no_rule(name, "service hours"),)
        )
        eligibility = call("supportcore_eligibility", ctx=ctx, service=service) or Eligibility(
            EligibilityStatus.UNDETERMINED, reasons=(_no_rule(name, "eligibility"),)
        )
        coverage = call("supportcore_exclusions", ctx=ctx, eligibility=eligibility) or Coverage(
            CoverageStatus.UNDETERMINED,
            category=case.request.category,
            reasons=(_no_rule(name, f"coverage of {case.request.category!r}"),),
        )
        price = call(
            "supportcore_pricing", ctx=ctx, eligibility=eligibility, coverage=coverage
        ) or Quote(
            currency=vp.info.currency,
            status=QuoteStatus.UNDETERMINED,
            reasons=(_no_rule(name, "pricing"),),
        )
        closure = call(
            "supportcore_closure", ctx=ctx, eligibility=eligibility, coverage=coverage
        ) or Closure(ClosureStatus.UNDETERMINED, reasons=(_no_rule(name, "closure"),))
        return Decision(
            vendor=name,
            case_id=case.id,
            evaluated_at=case.at,
            terms_version=terms.version,
            eligibility=eligibility,
            coverage=coverage,
            price=price,
            closure=closure,
            service=service,
            problems=tuple(problems),
            failures=tuple(failures),
        )

    def evaluate_dict(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Case dict in, JSON-ready decision dict out (the batch fast path)."""
        return decision_to_dict(self.evaluate(data))

    def evaluate_many(self, cases: Iterable[Case | Mapping[str, Any]]) -> Iterator[Decision]:
        for case in cases:
            yield self.evaluate(case)
