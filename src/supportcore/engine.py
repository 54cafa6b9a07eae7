"""The engine: one case in, one explained decision out.

Build an :class:`Engine` once (it loads plugins, validates settings, builds each vendor's
calendars and prepared data) and call :meth:`Engine.evaluate` per case. Per case the engine
builds a :class:`~supportcore.context.Context`, asks the vendor's hooks in their order (see
:mod:`supportcore.hookspecs`) through pluggy's public API, checks every answer, and falls back
on the vendor's tables where a hook has no answer. Nothing per case touches the plugin
registry, the settings file or the calendars' preparation.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from types import ModuleType
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
from .i18n import N_, Language, check_language, default_language, language, vendor_domain
from .model import Case
from .money import Quote, QuoteStatus
from .plugins import PluginSet, VendorPlugin, load_plugins
from .provenance import origins
from .reasons import Reason
from .runtime import PluginError, VendorRuntime, describe_error, prepare_vendor
from .settings import Settings, SettingsError, SettingsSection, VendorSettings, load_settings
from .taxid import validate_tax_id
from .terms import TermsVersion
from .wording import say

if TYPE_CHECKING:
    from .calendar import BusinessCalendar
    from .vendor import VendorInfo

__all__ = ["Engine", "PluginError", "VendorUnavailable"]


class VendorUnavailable(PluginError):
    """The case's vendor plugin is installed but not usable: it failed to load, declares an
    incompatible hook API, or was blocked or left out by the allow-list. Not bad input: the
    CLI reports it as a plugin failure (exit code 3)."""

    def __init__(self, vendor: str, why: str) -> None:
        self.vendor = vendor
        self.why = why
        super().__init__(f"vendor {vendor!r} is installed but {why}")


def _unavailable(record: Any) -> str:
    """Why an installed plugin cannot answer, from its load record."""
    status = getattr(record, "status", "")
    error = getattr(record, "error", "")
    if status == "blocked":
        return "blocked (--block or SUPPORTCORE_BLOCK_PLUGINS)"
    if status == "not_allowed":
        return "not in the allow-list (--plugins or SUPPORTCORE_PLUGINS)"
    if status == "incompatible":
        return f"incompatible: {error}" if error else "incompatible"
    return f"failed to load: {error}" if error else "failed to load"


def _wrong_type(value: object, expected: type, verb: str = "returned") -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{verb} {type(value).__name__} {text}, expected {expected.__name__}"


def _not_a_product(field: str, product: str, info: VendorInfo) -> Problem:
    listed = f" (products: {', '.join(info.products)})" if field == "request.product" else ""
    return Problem(field, f"{product!r} is not a product of {info.title}{listed}", "error")


def _unknown_category(category: str, info: VendorInfo) -> Problem:
    known = sorted(set(CATEGORIES) | set(info.categories))
    return Problem(
        "request.category", f"unknown category {category!r} (known: {', '.join(known)})", "error"
    )


#: The core's reason for a question no rule answered (the vendor has no hook for it, or failed).
_NO_RULE = {
    "service": N_("{vendor} has no rule that gives the service hours for this request"),
    "eligibility": N_("{vendor} has no rule that says whether the customer is entitled to support"),
    "coverage": N_("{vendor} has no rule that says whether this request is covered"),
    "pricing": N_("{vendor} has no rule that prices this request"),
    "closure": N_("{vendor} has no rule that says when this ticket closes"),
}


def _no_rule(lang: Language, vendor: VendorInfo, question: str) -> Reason:
    return Reason("no-rule", say(lang, _NO_RULE[question], {"vendor": vendor.title}))


def _package(plugin: object) -> str | None:
    """The package a plugin's catalogs are shipped in: its module's top-level package."""
    name = getattr(plugin, "__name__", None) if isinstance(plugin, ModuleType) else None
    name = name or getattr(type(plugin), "__module__", None)
    return name.split(".")[0] if isinstance(name, str) and name != "builtins" else None


class _Hooks:
    """Calls one case's hooks, recording every failure (or raising it, in strict mode)."""

    def __init__(self, runtime: VendorRuntime, strict: bool) -> None:
        self.runtime = runtime
        self.strict = strict
        self.failures: list[PluginFailure] = []
        #: the last hook called gave no answer, without failing: the core answers from the
        #: tables (a hook that failed leaves its answer undetermined, never the table's guess)
        self.silent = False

    def failed(self, hook: str, error: str, exc: BaseException | None = None) -> None:
        if self.strict:
            raise PluginError(f"{self.runtime.name}.{hook}: {error}") from exc
        self.failures.append(PluginFailure(self.runtime.name, hook, error))

    def call(self, hook: str, expected: type | None, **kwargs: Any) -> Any:
        """The hook's answer; ``None`` when it has none, raised, or answered the wrong type
        (:attr:`silent` tells the first from the others)."""
        self.silent = False
        try:
            result = self.runtime.hook(hook)(**kwargs)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # SystemExit, GeneratorExit… too: never a crashed run
            self.failed(hook, describe_error(exc), exc)
            return None
        if expected is not None and result is not None and not isinstance(result, expected):
            self.failed(hook, _wrong_type(result, expected))
            return None
        self.silent = result is None
        return result

    def default(self, what: str, build: Any, *args: Any) -> Any:
        """The core's answer from the vendor's tables; a failure there is recorded too."""
        try:
            return build(*args)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            self.failed(f"({what} table)", describe_error(exc), exc)
            return None

    def problems(self, ctx: Context[Any, Any]) -> list[Problem]:
        """The vendor's ``check_case`` problems (consumed here: a generator may raise late)."""
        hook = "supportcore_check_case"
        try:
            found = [p for r in self.runtime.hook(hook)(ctx=ctx) or () for p in (r or ())]
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            self.failed(hook, describe_error(exc), exc)
            return []
        for p in found:
            if not isinstance(p, Problem):
                self.failed(hook, _wrong_type(p, Problem, "yielded"))
                return [q for q in found if isinstance(q, Problem)]
        return found


class Engine:
    """Evaluates cases against the installed vendor plugins.

    :param settings: a :class:`Settings`, a mapping of tables, or a path to a TOML settings file.
    :param plugins: an already loaded :class:`PluginSet` (default: discover entry points).
    :param strict: plugin load failures and hook exceptions raise instead of being recorded.
    :param allow: / :param block: plugin allow- and block-lists (see :func:`load_plugins`).
    :param extra: extra ``(name, plugin)`` pairs to register (test vendors, overlays).
    :param lang: the language explanations are written in (``"es"``, ``"nl"``, ``"en"``);
        default: each vendor's terms language. ``evaluate(…, lang=…)`` overrides it per case.
    :raises ValueError: ``lang`` is not a language explanations are written in.
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
        lang: str | None = None,
    ) -> None:
        self.lang = None if lang is None else check_language(lang)
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
        self._runtimes: dict[str, VendorRuntime] = {}
        self._validate_settings()
        problems: list[str] = []
        for name, vp in self.plugins.vendors.items():
            try:
                self._runtimes[name] = prepare_vendor(
                    vp, self._vendor_settings[name], strict=self.strict, warnings=self.warnings
                )
            except SettingsError as exc:
                problems.extend(exc.problems)
        if problems:
            raise SettingsError(problems, self.settings.source)
        self._origins = origins(self.plugins, self._runtimes)  # provenance, once per vendor

    # ------------------------------------------------------------------ setup

    def _validate_settings(self) -> None:
        """Validate every table; problems name the settings file when it has one."""
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
                close = difflib.get_close_matches(table, sorted(known | others), n=1)
                hint = f" (did you mean [{close[0]}]?)" if close else ""
                installed = ", ".join(sorted(known | others))
                problems.append(
                    f"[{table}]: this settings table matches no installed plugin{hint}; "
                    f"tables: {installed}"
                )
        if problems:
            raise SettingsError(problems, source)

    def overlay_settings(self, name: str) -> VendorSettings | None:
        """Validated settings of an overlay plugin's table, if it declared one."""
        return self._overlay_settings.get(name)

    def vendor(self, name: str) -> VendorPlugin:
        """The loaded vendor plugin ``name``.

        :raises InputError: no installed plugin has that name.
        :raises VendorUnavailable: a plugin of that name is installed but failed to load, or
            was blocked or not allowed (a plugin failure, not bad input).
        """
        return self._runtime(name).plugin

    def _runtime(self, name: str) -> VendorRuntime:
        try:
            return self._runtimes[name]
        except KeyError:
            pass
        for record in self.plugins.records:
            if record.name == name:
                raise VendorUnavailable(name, _unavailable(record)) from None
        installed = ", ".join(sorted(self._runtimes)) or "none"
        raise InputError(
            [Problem("vendor", f"unknown vendor {name!r} (installed: {installed})", "error")]
        ) from None

    def calendars(self, name: str) -> Mapping[str, BusinessCalendar]:
        """The vendor's calendars, built once when the engine started."""
        return self._runtime(name).calendars

    def prepared(self, name: str) -> Any:
        """What the vendor's ``supportcore_prepare`` made, once, when the engine started."""
        return self._runtime(name).prepared

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
            problems.append(_not_a_product("request.product", req.product, info))
        for i, lic in enumerate(case.licences):
            if info.products and lic.product not in info.products:
                problems.append(_not_a_product(f"licences[{i}].product", lic.product, info))
        if req.category not in CATEGORIES and req.category not in info.categories:
            problems.append(_unknown_category(req.category, info))
        currency = info.currency
        amounts = [(f"contracts[{i}].price", c.price) for i, c in enumerate(case.contracts)]
        amounts += [(f"licences[{i}].cost", lic.cost) for i, lic in enumerate(case.licences)]
        amounts += [
            (f"ticket.events[{i}].amount", e.amount)
            for i, e in enumerate(case.ticket.events)
            if e.amount is not None
        ]
        for field, amount in amounts:
            if amount is not None and amount.currency != currency:
                problems.append(
                    Problem(
                        field,
                        f"{amount} is in {amount.currency}; {info.title}'s amounts are in "
                        f"{currency}",
                        "error",
                    )
                )
        if info.plans:
            for i, contract in enumerate(case.contracts):
                if contract.plan and contract.plan not in info.plans:
                    problems.append(
                        Problem(
                            f"contracts[{i}].plan",
                            f"{contract.plan!r} is not a plan of {info.title} "
                            f"(plans: {', '.join(info.plans)})",
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

    def _with_raw_checks(self, error: InputError, data: Mapping[str, Any]) -> InputError:
        """``error`` plus what the core can check on the raw case (an unknown vendor, product
        or category), so that one run reports every problem it can."""
        named = {p.field for p in error.problems}
        extra: list[Problem] = []
        name = data.get("vendor") if isinstance(data, Mapping) else None
        rt = self._runtimes.get(name) if isinstance(name, str) else None
        if rt is None:
            if (
                isinstance(name, str)
                and "vendor" not in named
                and name not in {r.name for r in self.plugins.records}
            ):
                installed = ", ".join(sorted(self._runtimes)) or "none"
                extra.append(
                    Problem("vendor", f"unknown vendor {name!r} (installed: {installed})", "error")
                )
        else:
            info = rt.info
            req = data.get("request")
            if isinstance(req, Mapping):
                product, category = req.get("product"), req.get("category")
                if isinstance(product, str) and info.products and product not in info.products:
                    extra.append(_not_a_product("request.product", product, info))
                if (
                    isinstance(category, str)
                    and category not in CATEGORIES
                    and category not in info.categories
                ):
                    extra.append(_unknown_category(category, info))
            licences = data.get("licences")
            if isinstance(licences, list):
                for i, lic in enumerate(licences):
                    product = lic.get("product") if isinstance(lic, Mapping) else None
                    if isinstance(product, str) and info.products and product not in info.products:
                        extra.append(_not_a_product(f"licences[{i}].product", product, info))
        extra = [p for p in extra if p.field not in named]
        if not extra:
            return error
        return InputError([*error.problems, *extra], error.source)

    def language(self, vendor: str, lang: str | None = None) -> Language:
        """The language a vendor's explanations are written in: ``lang``, else the engine's,
        else the vendor's terms language (its catalog, then the core's; its country's formats).
        """
        rt = self._runtime(vendor)
        info = rt.info
        return language(
            lang or self.lang or default_language(info),
            info.country,
            vendor_domain(rt.name),
            _package(rt.plugin.plugin),
        )

    def evaluate(
        self,
        case: Case | Mapping[str, Any],
        *,
        at: datetime | str | None = None,
        lang: str | None = None,
    ) -> Decision:
        """Evaluate one case. ``at`` overrides the case's evaluation instant; ``lang`` the
        language of the explanations (``"es"``, ``"nl"``, ``"en"``; default: the engine's, else
        the vendor's terms language).

        :raises InputError: the case is invalid (one problem per field).
        :raises VendorUnavailable: the case's vendor is installed but failed to load.
        :raises PluginError: a plugin raised, in strict mode only (otherwise the decision
            records the failure and the affected answers are undetermined).
        """
        given, instant = case, None
        if at is not None:
            try:
                instant = parse_datetime(at)
            except ValueError as exc:
                raise InputError([Problem("at", str(exc), "error")]) from None
        if lang is not None:
            try:
                lang = check_language(lang)
            except ValueError as exc:
                raise InputError([Problem("lang", str(exc), "error")]) from None
        if not isinstance(case, Case):
            data = case
            try:
                case = case_from_dict(data, at=instant)
            except InputError as exc:  # say what else is wrong, in the same run
                raise self._with_raw_checks(exc, data) from None
        elif instant is not None:
            case = attrs.evolve(case, at=instant)
        rt = self._runtime(case.vendor)
        vp = rt.plugin
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
        hooks = _Hooks(rt, self.strict)
        speech = self.language(name, lang)
        ctx: Context[Any, Any] = Context(
            case,
            case.at,
            vp.info,
            terms,
            rt.settings,
            rt.calendars,
            rt.prepared,
            None,
            self._overlay_settings,
            vp.terms.tables,
            speech,
        )
        answering = not rt.failure
        if rt.failure:
            hooks.failed("supportcore_prepare", rt.failure)
        else:
            ctx.facts = hooks.call("supportcore_assess", None, ctx=ctx)
            if hooks.failures:  # no facts: the rules cannot answer
                answering = False
        if answering:
            problems.extend(hooks.problems(ctx))
            problems.extend(hooks.default("severity", ctx.tables.check_case_problems, ctx) or ())
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise InputError(errors)

        service = eligibility = coverage = price = closure = None
        if answering:
            service = hooks.call("supportcore_service_hours", Service, ctx=ctx)
            if service is None and hooks.silent:
                service = hooks.default("service", ctx.default_service)
        if service is None:
            service = Service(
                channel=str(case.request.channel), reasons=(_no_rule(speech, vp.info, "service"),)
            )
        ctx.service = service
        if answering:
            eligibility = hooks.call(
                "supportcore_eligibility", Eligibility, ctx=ctx, service=service
            )
        if eligibility is None:
            eligibility = Eligibility(
                EligibilityStatus.UNDETERMINED, reasons=(_no_rule(speech, vp.info, "eligibility"),)
            )
        if answering:
            coverage = hooks.call(
                "supportcore_exclusions", Coverage, ctx=ctx, eligibility=eligibility
            )
            if coverage is None and hooks.silent:
                coverage = hooks.default("coverage", lambda: ctx.listed_coverage)
        if coverage is None:
            coverage = Coverage(
                CoverageStatus.UNDETERMINED,
                category=case.request.category,
                reasons=(_no_rule(speech, vp.info, "coverage"),),
            )
        if answering:
            price = hooks.call(
                "supportcore_pricing", Quote, ctx=ctx, eligibility=eligibility, coverage=coverage
            )
            if price is None and hooks.silent:
                price = hooks.default("pricing", ctx.default_quote, eligibility, coverage)
        if price is None:
            price = Quote(
                currency=vp.info.currency,
                status=QuoteStatus.UNDETERMINED,
                reasons=(_no_rule(speech, vp.info, "pricing"),),
            )
        ctx.quote = price
        if answering:
            closure = hooks.call(
                "supportcore_closure", Closure, ctx=ctx, eligibility=eligibility, coverage=coverage
            )
        if closure is None:
            closure = Closure(
                ClosureStatus.UNDETERMINED, reasons=(_no_rule(speech, vp.info, "closure"),)
            )
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
            failures=tuple(hooks.failures),
            provenance=self._origins[name].stamp(given, case, terms.version),
            lang=speech.lang,
            locale=speech.locale,
        )

    def evaluate_dict(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Case dict in, JSON-ready decision dict out (the batch fast path)."""
        return decision_to_dict(self.evaluate(data))

    def evaluate_many(self, cases: Iterable[Case | Mapping[str, Any]]) -> Iterator[Decision]:
        for case in cases:
            yield self.evaluate(case)
