"""A loaded vendor made ready for its cases, once per engine: settings, calendars, prepared data.

The engine builds one :class:`VendorRuntime` per vendor when it starts: it validates the
vendor's table of the settings file against the settings the terms declare, builds the
calendars from the terms' ``[calendars.*]`` tables, and calls ``supportcore_prepare``. A
problem with the settings is a :class:`~supportcore.settings.SettingsError` raised at start-up,
never discovered case by case.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from .calendar import CalendarError
from .hookspecs import HOOK_API_VERSION
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
    prepared: Any  #: what ``supportcore_prepare`` returned (``None`` without it)
    api: int  #: the hook API the plugin was written for
    #: why the vendor cannot answer (its preparation failed); every case records it
    failure: str = ""

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
    api = int(getattr(vp.plugin, "SUPPORTCORE_HOOK_API", HOOK_API_VERSION))
    try:
        calendars = vp.terms.tables.calendars(settings, vp.info)
    except CalendarError as exc:
        raise SettingsError([f"{name}: calendar: {exc}"]) from None
    hook = "supportcore_prepare"
    failure = ""
    try:
        prepared = vp.callers[hook](settings=settings, terms=vp.terms, calendars=calendars)
    except SettingsError:
        raise
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SystemExit too: a plugin never ends the host
        if strict:
            raise PluginError(f"{name}.{hook}: {describe_error(exc)}") from exc
        failure = f"{hook} failed: {describe_error(exc)}"
        warnings.append(f"{name}: {failure}")
        prepared = None
    return VendorRuntime(vp, settings, calendars, prepared, api, failure)
