"""A loaded vendor made ready for its cases, once per engine: settings, calendars, prepared data.

The engine builds one :class:`VendorRuntime` per vendor when it starts: it validates the
vendor's table of the settings file against the settings the terms declare, builds the
calendars (from the terms' ``[calendars.*]`` tables, or by the API 1 ``supportcore_calendars``
hook), and calls ``supportcore_prepare`` (API 1: ``supportcore_check_settings``). A problem
with the settings is a :class:`~supportcore.settings.SettingsError` raised at start-up, never
discovered case by case.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .calendar import CalendarError
from .settings import SettingsError, VendorSettings

if TYPE_CHECKING:
    from .calendar import BusinessCalendar
    from .plugins import VendorPlugin
    from .tables import VendorTables
    from .terms import TermsCatalogue
    from .vendor import VendorInfo

__all__ = ["PluginError", "VendorRuntime", "prepare_vendor"]


class PluginError(RuntimeError):
    """A plugin raised while answering (only raised in strict mode; otherwise recorded)."""


def describe_error(exc: BaseException) -> str:
    """``"ValueError: the message"`` (just the type when there is no message)."""
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@attrs.frozen
class VendorRuntime:
    """One vendor, ready for its cases: what never changes from one case to the next."""

    plugin: VendorPlugin
    settings: VendorSettings
    calendars: Mapping[str, BusinessCalendar]
    prepared: Any  #: what ``supportcore_prepare`` returned (API 2), else ``None``
    api: int  #: the hook API the plugin was written for
    #: why the vendor cannot answer (its preparation failed); every case records it
    failure: str = ""
    #: API 1's per-engine store behind ``ctx.prepared(key, build)``
    legacy_store: dict[tuple[str, str], Any] = attrs.field(factory=dict, eq=False)

    @property
    def name(self) -> str:
        return self.plugin.name

    @property
    def info(self) -> VendorInfo:
        return self.plugin.info

    @property
    def terms(self) -> TermsCatalogue:
        return self.plugin.terms

    @property
    def tables(self) -> VendorTables:
        return self.plugin.terms.tables

    def hook(self, name: str) -> Any:
        """The vendor's caller of hook ``name`` (pluggy's subset hook caller: the vendor's
        implementation and every overlay's, never another vendor's)."""
        return self.plugin.callers[name]


def prepare_vendor(
    vp: VendorPlugin,
    settings: VendorSettings,
    *,
    strict: bool,
    warnings: list[str],
) -> VendorRuntime:
    """Build the calendars and the prepared data of one vendor.

    :raises SettingsError: a calendar or a setting the vendor's rules find impossible.
    :raises PluginError: in strict mode, a hook that failed for another reason.
    """
    name = vp.name
    api = int(getattr(vp.plugin, "SUPPORTCORE_HOOK_API", 1) or 1)
    failure = ""
    if api < 2:  # API 1 checks the settings before building its calendars (a crash: a warning)
        _call(vp, "supportcore_check_settings", strict, warnings, settings=settings)
    calendars: Mapping[str, BusinessCalendar]
    try:
        if api >= 2:
            calendars = vp.terms.tables.calendars(settings, vp.info)
        else:
            calendars = vp.callers["supportcore_calendars"](settings=settings, terms=vp.terms) or {}
    except CalendarError as exc:
        raise SettingsError([f"{name}: calendar: {exc}"]) from None
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SystemExit too: a plugin never ends the host
        if strict:
            raise PluginError(f"{name}.supportcore_calendars: {describe_error(exc)}") from exc
        warnings.append(f"{name}: calendars failed: {describe_error(exc)}")
        calendars = {}
    prepared: Any = None
    if api >= 2:
        found: list[Any] = []
        failure = _call(
            vp,
            "supportcore_prepare",
            strict,
            warnings,
            found,
            settings=settings,
            calendars=calendars,
        )
        prepared = found[0] if found else None
    return VendorRuntime(vp, settings, calendars, prepared, api, failure)


def _call(
    vp: VendorPlugin,
    hook: str,
    strict: bool,
    warnings: list[str],
    found: list[Any] | None = None,
    **kwargs: Any,
) -> str:
    """Call a once-per-engine hook: its answer goes into ``found``; ``SettingsError`` (or, for
    ``supportcore_check_settings``, any message) refuses the settings; another failure is
    returned (and raised in strict mode)."""
    try:
        answer = vp.callers[hook](terms=vp.terms, **kwargs)
        if hook == "supportcore_check_settings":
            problems = [str(m) for ms in answer for m in ms or ()]
            if problems:
                raise SettingsError(problems)
        elif found is not None:
            found.append(answer)
    except SettingsError:
        raise
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        if strict:
            raise PluginError(f"{vp.name}.{hook}: {describe_error(exc)}") from exc
        failure = f"{hook} failed: {describe_error(exc)}"
        warnings.append(f"{vp.name}: {failure}")
        return failure
    return ""
