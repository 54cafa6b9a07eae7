"""The engine: one case in, one explained decision out.

Build an :class:`Engine` once (it loads plugins, validates settings and prepares calendars) and
call :meth:`Engine.evaluate` per case. Nothing per-case touches the plugin manager's registry,
the settings file or the calendars' preparation.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pluggy

from . import hookspecs
from .calendar import CalendarError
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
from .plugins import DECISION_HOOKS, PluginSet, VendorPlugin, load_plugins
from .reasons import Reason
from .settings import Settings, SettingsError, SettingsSection, VendorSettings, load_settings
from .taxid import validate_tax_id
from .terms import TermsVersion

if TYPE_CHECKING:
    from .calendar import BusinessCalendar

__all__ = ["Engine", "PluginError", "VendorUnavailable"]


class PluginError(RuntimeError):
    """A plugin raised while answering (only raised in strict mode; otherwise recorded)."""


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


#: What each decision hook must answer (``None`` means "no rule": undetermined).
_ANSWER_TYPES: dict[str, type] = {
    "supportcore_service_hours": Service,
    "supportcore_eligibility": Eligibility,
    "supportcore_exclusions": Coverage,
    "supportcore_pricing": Quote,
    "supportcore_closure": Closure,
}


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _wrong_type(value: object, expected: type, verb: str = "returned") -> str:
    return f"{verb} {type(value).__name__} {_short(value)}, expected {expected.__name__}"


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _no_rule(vendor: str, what: str) -> Reason:
    return Reason("no-rule", f"{vendor} has no rule that answers {what} for this case")


# --------------------------------------------------------------------------- hook calls
#
# A vendor's decision hooks are usually answered by exactly one implementation (the vendor's
# own, no overlay wrapping it). Going through pluggy for those costs more than the hook itself
# in simple cases, so the engine then calls the implementation directly, with the arguments it
# declares, exactly as pluggy would (same result, same exception). Anything else (wrappers,
# several implementations, call monitoring or tracing on the plugin manager) goes through pluggy.
# The plugin manager's private state is only *read*, to detect those cases; where a pluggy
# version lacks it, every call goes through pluggy.

_probe = pluggy.PluginManager("supportcore-probe")
_PLAIN_HOOKEXEC: object = getattr(_probe, "_inner_hookexec", None)
_CAN_CALL_DIRECTLY = _PLAIN_HOOKEXEC is not None and isinstance(
    getattr(_probe, "_name2plugin", None), dict
)
del _probe

#: The positional order in which the engine passes each hook's arguments: the parameters of
#: its specification in hookspecs.py, so the two cannot drift apart.
_HOOK_ARGS: dict[str, tuple[str, ...]] = {
    name: tuple(inspect.signature(getattr(hookspecs, name)).parameters)
    for name in (
        "supportcore_check_case",
        "supportcore_service_hours",
        "supportcore_eligibility",
        "supportcore_exclusions",
        "supportcore_pricing",
        "supportcore_closure",
    )
}


def _registry_state(pm: pluggy.PluginManager) -> tuple[object, int]:
    """What, if it changes, invalidates directly called hooks (monitoring, registrations)."""
    if not _CAN_CALL_DIRECTLY:
        return (None, -1)
    return (getattr(pm, "_inner_hookexec", None), len(getattr(pm, "_name2plugin", ())))


def _through_pluggy(caller: Any, names: tuple[str, ...]) -> Callable[..., Any]:
    def call(*args: Any) -> Any:
        return caller(**dict(zip(names, args, strict=True)))

    return call


def _hook_function(caller: Any, names: tuple[str, ...], direct: bool) -> Callable[..., Any]:
    """A positional callable with the hook caller's result semantics."""
    if not direct:
        return _through_pluggy(caller, names)
    spec = getattr(caller, "spec", None)
    firstresult = bool(spec is not None and spec.opts.get("firstresult", False))
    impls = caller.get_hookimpls()
    if len(impls) != 1 or impls[0].hookwrapper or impls[0].wrapper:
        return _through_pluggy(caller, names)
    impl = impls[0]
    try:
        idx = tuple(names.index(a) for a in impl.argnames)
    except ValueError:  # an argument the engine does not pass: let pluggy say so
        return _through_pluggy(caller, names)
    fn: Callable[..., Any] = impl.function
    if idx == tuple(range(len(names))):
        call = fn
    elif len(idx) == 1:
        (i,) = idx

        def call(*args: Any) -> Any:
            return fn(args[i])

    else:

        def call(*args: Any) -> Any:
            return fn(*[args[i] for i in idx])

    if firstresult:
        return call

    def all_results(*args: Any) -> list[Any]:
        result = call(*args)
        return [] if result is None else [result]

    return all_results


@attrs.frozen
class _Hooks:
    """A vendor's decision hooks as positional callables, resolved once."""

    state: tuple[object, int]
    check_case: Callable[..., Any]
    service_hours: Callable[..., Any]
    eligibility: Callable[..., Any]
    exclusions: Callable[..., Any]
    pricing: Callable[..., Any]
    closure: Callable[..., Any]


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
        self._hooks: dict[str, _Hooks] = {}
        self._validate_settings()
        #: per vendor, what hooks prepared from this engine's settings (Context.prepared)
        self._prepared: dict[str, dict[tuple[str, str], Any]] = {
            name: {} for name in self.plugins.vendors
        }

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
        # Vendor-specific checks of well-typed settings (e.g. a version it cannot compare).
        for name, vp in self.plugins.vendors.items():
            try:
                results = vp.callers["supportcore_check_settings"](
                    settings=self._vendor_settings[name], terms=vp.terms
                )
            except Exception as exc:
                if self.strict:
                    raise PluginError(f"{name}.supportcore_check_settings: {exc}") from exc
                self.warnings.append(f"{name}: settings check failed: {type(exc).__name__}: {exc}")
                continue
            for messages in results or ():
                problems.extend(str(m) for m in messages or ())
        if problems:
            raise SettingsError(problems, source)
        # Build every vendor's calendars now, once: a calendar the settings make impossible
        # (overlapping windows, an unknown holiday region) is a settings error at start-up,
        # not a warning discovered case by case.
        for name in self.plugins.vendors:
            try:
                self.calendars(name, _raise_settings_errors=True)
            except CalendarError as exc:
                problems.append(f"{name}: calendar: {exc}")
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
        try:
            return self.plugins.vendors[name]
        except KeyError:
            pass
        for record in self.plugins.records:
            if record.name == name:
                raise VendorUnavailable(name, _unavailable(record)) from None
        installed = ", ".join(sorted(self.plugins.vendors)) or "none"
        raise InputError(
            [Problem("vendor", f"unknown vendor {name!r} (installed: {installed})", "error")]
        ) from None

    def calendars(
        self, name: str, *, _raise_settings_errors: bool = False
    ) -> Mapping[str, BusinessCalendar]:
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
            except CalendarError:
                if _raise_settings_errors:
                    raise
                cals = {}
            except Exception as exc:
                if self.strict:
                    raise PluginError(f"{name}.supportcore_calendars: {exc}") from exc
                cals = {}
                self.warnings.append(f"{name}: calendars failed: {type(exc).__name__}: {exc}")
            self._calendars[name] = cals
        return cals

    def _hooks_for(self, vp: VendorPlugin) -> _Hooks:
        state = _registry_state(self.plugins.pm)
        hooks = self._hooks.get(vp.name)
        if hooks is None or hooks.state != state:
            direct = _CAN_CALL_DIRECTLY and state[0] is _PLAIN_HOOKEXEC
            fns = {
                h: _hook_function(vp.callers[h], _HOOK_ARGS[h], direct)
                for h in DECISION_HOOKS
                if h in _HOOK_ARGS
            }
            hooks = self._hooks[vp.name] = _Hooks(
                state,
                fns["supportcore_check_case"],
                fns["supportcore_service_hours"],
                fns["supportcore_eligibility"],
                fns["supportcore_exclusions"],
                fns["supportcore_pricing"],
                fns["supportcore_closure"],
            )
        return hooks

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
            prepared_store=self._prepared[name],
        )
        hooks = self._hooks_for(vp)
        failures: list[PluginFailure] = []
        strict = self.strict

        def failed(hook: str, error: str, exc: BaseException | None = None) -> None:
            if strict:
                raise PluginError(f"{name}.{hook}: {error}") from exc
            failures.append(PluginFailure(name, hook, error))

        def call(hook: str, fn: Callable[..., Any], *args: Any) -> Any:
            try:
                result = fn(*args)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # SystemExit, GeneratorExit… too: never a crashed run
                failed(hook, _describe(exc), exc)
                return None
            if result is not None and not isinstance(result, _ANSWER_TYPES[hook]):
                failed(hook, _wrong_type(result, _ANSWER_TYPES[hook]))
                return None
            return result

        try:
            found = [p for r in hooks.check_case(ctx) or () for p in (r or ())]
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # a generator may raise late, while it is consumed
            failed("supportcore_check_case", _describe(exc), exc)
            found = []
        for p in found:
            if isinstance(p, Problem):
                problems.append(p)
            else:
                failed("supportcore_check_case", _wrong_type(p, Problem, "yielded"))
                break
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise InputError(errors)

        service = call("supportcore_service_hours", hooks.service_hours, ctx) or Service(
            channel=str(case.request.channel), reasons=(_no_rule(name, "service hours"),)
        )
        eligibility = call(
            "supportcore_eligibility", hooks.eligibility, ctx, service
        ) or Eligibility(EligibilityStatus.UNDETERMINED, reasons=(_no_rule(name, "eligibility"),))
        coverage = call("supportcore_exclusions", hooks.exclusions, ctx, eligibility) or Coverage(
            CoverageStatus.UNDETERMINED,
            category=case.request.category,
            reasons=(_no_rule(name, f"coverage of {case.request.category!r}"),),
        )
        price = call("supportcore_pricing", hooks.pricing, ctx, eligibility, coverage) or Quote(
            currency=vp.info.currency,
            status=QuoteStatus.UNDETERMINED,
            reasons=(_no_rule(name, "pricing"),),
        )
        closure = call("supportcore_closure", hooks.closure, ctx, eligibility, coverage) or Closure(
            ClosureStatus.UNDETERMINED, reasons=(_no_rule(name, "closure"),)
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
            failures=tuple(failures),
        )

    def evaluate_dict(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """Case dict in, JSON-ready decision dict out (the batch fast path)."""
        return decision_to_dict(self.evaluate(data))

    def evaluate_many(self, cases: Iterable[Case | Mapping[str, Any]]) -> Iterator[Decision]:
        for case in cases:
            yield self.evaluate(case)
