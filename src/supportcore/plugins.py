"""Plugin discovery by entry points, each plugin loaded in isolation.

pluggy's ``load_setuptools_entrypoints`` lets one broken plugin take the host down; here every
entry point of the group ``supportcore`` is loaded inside its own ``try``: a plugin that fails to
import, declares an unsupported hook API, implements unknown hooks, or fails to answer its
identity hooks is *recorded* (name, distribution, version, error) and every other plugin keeps
working. ``strict=True`` (or ``SUPPORTCORE_STRICT=1``) makes such failures fatal.

Allow-list and block-list: ``allow=`` / ``block=`` or the environment variables
``SUPPORTCORE_PLUGINS`` and ``SUPPORTCORE_BLOCK_PLUGINS`` (comma-separated names). An allow-list
that names no plugin (``--plugins ''``, ``SUPPORTCORE_PLUGINS=''``, ``allow=[]``) is no filter:
every plugin is allowed, as when none is given.

Two installed plugins claiming the same name (a second distribution registering ``binarema``)
are both refused: each is recorded as failed, naming every distribution that claims the name,
so that no case is answered by whichever happened to load first.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from importlib import metadata
from typing import Any

import attrs
import pluggy

from . import hookspecs
from .hookspecs import HOOK_API_VERSION, SUPPORTED_HOOK_APIS
from .terms import TermsCatalogue
from .vendor import VendorInfo

__all__ = [
    "ENTRY_POINT_GROUP",
    "PluginLoadError",
    "PluginRecord",
    "PluginSet",
    "VendorPlugin",
    "load_plugins",
]

ENTRY_POINT_GROUP = "supportcore"
ENV_ALLOW = "SUPPORTCORE_PLUGINS"
ENV_BLOCK = "SUPPORTCORE_BLOCK_PLUGINS"
ENV_STRICT = "SUPPORTCORE_STRICT"

#: Hooks called per engine (``supportcore_prepare``) and per case, in order; built once per
#: vendor as subset hook callers.
DECISION_HOOKS = (
    "supportcore_prepare",
    "supportcore_assess",
    "supportcore_check_case",
    "supportcore_service_hours",
    "supportcore_eligibility",
    "supportcore_exclusions",
    "supportcore_pricing",
    "supportcore_closure",
)


class PluginLoadError(RuntimeError):
    """A plugin could not be loaded and strict mode is on."""


class Status:
    LOADED = "loaded"
    FAILED = "failed"
    BLOCKED = "blocked"
    NOT_ALLOWED = "not_allowed"
    INCOMPATIBLE = "incompatible"


@attrs.frozen
class PluginRecord:
    """What ``supportcore vendors`` shows about one plugin."""

    name: str
    kind: str  #: "vendor", "overlay" or "unknown" (failed before it could tell)
    status: str
    distribution: str = ""
    version: str = ""
    hook_api: int | None = None
    terms_version: str = ""
    error: str = ""
    title: str = ""


@attrs.frozen
class VendorPlugin:
    """A loaded vendor: its identity, terms and per-vendor hook callers (built once)."""

    name: str
    plugin: object
    info: VendorInfo
    terms: TermsCatalogue
    callers: Mapping[str, Any]


def _csv(value: str | None) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset(v.strip() for v in value.split(",") if v.strip())


def _names(values: Iterable[str] | None) -> frozenset[str] | None:
    """A list of plugin names; ``None`` (no list) when it names none."""
    if values is None:
        return None
    names = frozenset(v.strip() for v in values if v.strip())
    return names or None


def _fmt_error(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class PluginSet:
    """The plugin manager with every plugin loaded, and what happened to each."""

    def __init__(self, pm: pluggy.PluginManager) -> None:
        self.pm = pm
        self.records: list[PluginRecord] = []
        self.vendors: dict[str, VendorPlugin] = {}
        self._vendor_objs: dict[str, object] = {}

    # ---- registration

    def add(
        self,
        name: str,
        plugin: object,
        *,
        distribution: str = "",
        version: str = "",
        strict: bool = False,
    ) -> PluginRecord:
        """Register one plugin object (module or instance) in isolation and record the outcome."""
        api = getattr(plugin, "SUPPORTCORE_HOOK_API", None)
        base = {"name": name, "distribution": distribution, "version": version, "hook_api": api}
        if api is None:
            return self._fail(
                base,
                Status.INCOMPATIBLE,
                f"declares no SUPPORTCORE_HOOK_API; this core supports hook API "
                f"{_supported()} (add SUPPORTCORE_HOOK_API = {HOOK_API_VERSION} to the module)",
                strict,
            )
        if api not in SUPPORTED_HOOK_APIS:
            return self._fail(base, Status.INCOMPATIBLE, _incompatible(api), strict)
        unknown = sorted(
            a for a in dir(plugin) if a.startswith("supportcore_") and not hasattr(hookspecs, a)
        )
        if unknown:
            return self._fail(
                base,
                Status.FAILED,
                f"implements unknown hook(s) {', '.join(unknown)} "
                f"(check spelling against supportcore.hookspecs)",
                strict,
            )
        try:
            self.pm.register(plugin, name=name)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # SystemExit too: a plugin never takes the host down
            return self._fail(base, Status.FAILED, _fmt_error(exc), strict)
        try:
            record = self._identify(name, plugin, base)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            self.pm.unregister(plugin)
            return self._fail(
                base, Status.FAILED, f"identity hooks failed: {_fmt_error(exc)}", strict
            )
        self.records.append(record)
        return record

    def _identify(self, name: str, plugin: object, base: dict[str, Any]) -> PluginRecord:
        """A vendor implements ``supportcore_terms``; its identity is the terms' ``[identity]``
        table, or what its ``supportcore_vendor_info`` returns."""
        terms_impls = [
            i for i in self.pm.hook.supportcore_terms.get_hookimpls() if i.plugin is plugin
        ]
        info_impls = [
            i for i in self.pm.hook.supportcore_vendor_info.get_hookimpls() if i.plugin is plugin
        ]
        if not terms_impls and not info_impls:
            return PluginRecord(kind="overlay", status=Status.LOADED, **base)
        hook_info = info_impls[0].function() if info_impls else None
        if not terms_impls:
            raise TypeError("a vendor plugin must implement supportcore_terms")
        terms = terms_impls[0].function()
        if not isinstance(terms, TermsCatalogue):
            raise TypeError(
                f"supportcore_terms returned {type(terms).__name__}, not TermsCatalogue"
            )
        info = hook_info if info_impls else terms.info
        if info is None:
            raise TypeError(
                "a vendor needs its identity: an [identity] table in its terms "
                "(or a supportcore_vendor_info hook)"
            )
        if not isinstance(info, VendorInfo):
            raise TypeError(
                f"supportcore_vendor_info returned {type(info).__name__}, not VendorInfo"
            )
        if info.name != name:
            raise ValueError(
                f"vendor name {info.name!r} differs from its entry-point name {name!r}"
            )
        if terms.vendor != name:
            raise ValueError(f"terms are for vendor {terms.vendor!r}, not {name!r}")
        if name in self.vendors:
            raise ValueError(f"vendor {name!r} is already provided by another plugin")
        self.vendors[name] = VendorPlugin(name, plugin, info, terms, {})
        self._vendor_objs[name] = plugin
        return PluginRecord(
            kind="vendor",
            status=Status.LOADED,
            terms_version=terms.latest.version,
            title=info.title,
            **base,
        )

    def _fail(self, base: dict[str, Any], status: str, error: str, strict: bool) -> PluginRecord:
        record = PluginRecord(kind="unknown", status=status, error=error, **base)
        self.records.append(record)
        if strict:
            raise PluginLoadError(f"plugin {base['name']!r}: {error}")
        return record

    def skip(self, name: str, status: str, distribution: str = "", version: str = "") -> None:
        self.records.append(
            PluginRecord(
                name=name, kind="unknown", status=status, distribution=distribution, version=version
            )
        )

    # ---- per-vendor callers

    def finalize(self) -> PluginSet:
        """Build each vendor's subset hook callers once (other vendors removed, overlays kept)."""
        for name, vp in list(self.vendors.items()):
            others = [p for n, p in self._vendor_objs.items() if n != name]
            callers = {h: self.pm.subset_hook_caller(h, others) for h in DECISION_HOOKS}
            self.vendors[name] = attrs.evolve(vp, callers=callers)
        return self

    @property
    def overlays(self) -> list[str]:
        return [r.name for r in self.records if r.kind == "overlay" and r.status == Status.LOADED]

    def failed(self) -> list[PluginRecord]:
        """The records of every plugin that failed to load or is incompatible."""
        return [r for r in self.records if r.status in (Status.FAILED, Status.INCOMPATIBLE)]

    def failure(self, name: str) -> PluginRecord | None:
        """The record of the plugin ``name`` if it is installed but failed to load (or is
        incompatible, or claims a name another distribution claims too), with its ``error``;
        ``None`` if it loaded, was blocked or not allowed, or is not installed."""
        for r in self.records:
            if r.name == name and r.status in (Status.FAILED, Status.INCOMPATIBLE):
                return r
        return None


def _supported() -> str:
    return ", ".join(str(v) for v in sorted(SUPPORTED_HOOK_APIS))


def _incompatible(api: object) -> str:
    """Why a plugin declaring hook API ``api`` is refused: both versions, and for a version
    this core no longer supports, where the way to the current one is written."""
    why = f"was written for hook API {api!r}; this core supports {_supported()}"
    if isinstance(api, int) and not isinstance(api, bool) and api < min(SUPPORTED_HOOK_APIS):
        why += (
            f" (hook API {api} is no longer supported: move the plugin to hook API "
            f"{HOOK_API_VERSION} with the migration table of docs/plugin-authors.md, "
            '"Publishing, and hook API versions")'
        )
    return why


def _is_entry_point(target: object) -> bool:
    """An entry point, the standard library's or the ``importlib_metadata`` backport's: once
    the backport is imported (Dask imports it), ``metadata.entry_points()`` returns its own."""
    return isinstance(target, metadata.EntryPoint) or (
        type(target).__name__ == "EntryPoint" and hasattr(target, "load")
    )


def _claims(candidates: Iterable[tuple[str, Any, str, str]]) -> dict[str, list[str]]:
    """Per plugin name, who provides it: ``distribution version (target)`` each."""
    claims: dict[str, list[str]] = {}
    for name, target, dist, ver in candidates:
        if _is_entry_point(target):
            who = f"{dist or 'an unnamed distribution'} {ver} ({target.value})".replace("  ", " ")
        else:
            who = f"extra plugin {getattr(target, '__name__', type(target).__name__)}"
        claims.setdefault(name, []).append(who)
    return claims


def _dist_of(ep: metadata.EntryPoint) -> tuple[str, str]:
    dist = getattr(ep, "dist", None)
    if dist is None:
        return "", ""
    return dist.metadata["Name"] or "", dist.version or ""


def load_plugins(
    *,
    allow: Iterable[str] | None = None,
    block: Iterable[str] | None = None,
    strict: bool | None = None,
    entry_points: bool = True,
    extra: Iterable[tuple[str, object]] = (),
    env: Mapping[str, str] | None = None,
) -> PluginSet:
    """Build the plugin manager: specs, entry points of ``supportcore``, then ``extra`` plugins.

    :param allow: only these plugin names (``None``, or a list naming none: all); also
        ``SUPPORTCORE_PLUGINS`` (an empty value is no filter either).
    :param block: never these; also ``SUPPORTCORE_BLOCK_PLUGINS``.
    :param strict: make any load failure fatal (:class:`PluginLoadError`); also
        ``SUPPORTCORE_STRICT=1``.
    :param entry_points: discover installed plugins (turn off for isolated tests).
    :param extra: ``(name, plugin)`` pairs registered after the entry points (modules or
        objects), e.g. a test vendor or an overlay.
    """
    env = os.environ if env is None else env
    allow_set = _names(allow) if allow is not None else _names(_csv(env.get(ENV_ALLOW)))
    block_set = (_names(block) or frozenset()) | (_csv(env.get(ENV_BLOCK)) or frozenset())
    if strict is None:
        strict = env.get(ENV_STRICT, "").strip().lower() in ("1", "true", "yes", "on")

    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    plugins = PluginSet(pm)

    candidates: list[tuple[str, Any, str, str]] = []
    if entry_points:
        for ep in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            dist, ver = _dist_of(ep)
            candidates.append((ep.name, ep, dist, ver))
    for name, obj in extra:
        candidates.append((name, obj, "", ""))
    claimed = _claims(candidates)

    for name, target, dist, ver in candidates:
        if name in block_set:
            pm.set_blocked(name)
            plugins.skip(name, Status.BLOCKED, dist, ver)
            continue
        if allow_set is not None and name not in allow_set:
            plugins.skip(name, Status.NOT_ALLOWED, dist, ver)
            continue
        if len(claimed[name]) > 1:
            plugins._fail(
                {"name": name, "distribution": dist, "version": ver, "hook_api": None},
                Status.FAILED,
                f"the plugin name {name!r} is claimed by {len(claimed[name])} distributions "
                f"({', '.join(claimed[name])}); none of them is loaded (uninstall all but one)",
                strict,
            )
            continue
        if _is_entry_point(target):
            try:
                obj = target.load()
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # SystemExit at import too
                plugins._fail(
                    {"name": name, "distribution": dist, "version": ver, "hook_api": None},
                    Status.FAILED,
                    f"import failed: {_fmt_error(exc)}",
                    strict,
                )
                continue
        else:
            obj = target
        plugins.add(name, obj, distribution=dist, version=ver, strict=strict)
    return plugins.finalize()
