"""Where a decision comes from: the versions and the digests that made it.

Every decision carries a :class:`Provenance`: the core's version, the vendor plugin's
distribution, version and hook API, the terms version applied, the evaluation instant, a
SHA-256 digest of the case as it was given and one of the vendor's validated settings. With
them an auditor can tell, months later, whether two decisions were made from the same input,
by the same code, with the same settings, and recompute the input digest from the case they
kept.

Provenance is deterministic: the same case evaluated twice by the same engine gets the same
provenance (no wall-clock time, no random id). A decision log records when a decision was made
and under which id (``supportcore serve --decision-log``); the decision itself does not.

Digests are ``"sha256:"`` and 64 lower-case hex digits, of the *canonical JSON* of a value:
keys sorted, no spaces, UTF-8 (not ASCII-escaped), dates and date-times in ISO 8601, decimal
numbers as strings. For a case dict that is the case as given (a parsed JSON or TOML case
file, a batch row); for a :class:`~supportcore.model.Case` object, its JSON form
(:func:`supportcore.convert.case_to_dict`). An evaluation instant given apart from the case
(``--at``, ``at=``) is not part of the input digest: it is :attr:`Provenance.evaluated_at`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from .model import Case
    from .plugins import PluginSet
    from .runtime import VendorRuntime

__all__ = ["Origin", "Provenance", "canonical_json", "digest", "origins"]


@attrs.frozen
class Provenance:
    """The versions and digests a decision was made with."""

    core_version: str  #: the version of supportcore
    plugin: str  #: the vendor plugin's distribution (``supportcore-binarema``); ``""`` if none
    plugin_version: str  #: the distribution's version; ``""`` for a plugin not installed
    hook_api: int  #: the hook API the vendor plugin was written for
    terms_version: str  #: the version of the vendor's terms applied
    evaluated_at: datetime  #: the instant the case was evaluated at
    input_digest: str  #: ``sha256:…`` of the canonical JSON of the case as given
    settings_digest: str  #: ``sha256:…`` of the canonical JSON of the vendor's settings


def _plain(value: Any) -> Any:
    """What ``json`` cannot write itself, as the case-file format writes it."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return str(value)  # Decimal, versions, enum members (StrEnum writes its value)


_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain
)


def canonical_json(value: Any) -> str:
    """The canonical JSON text of a JSON-like value (see the module's docstring)."""
    return _CANONICAL.encode(value)


def digest(value: Any) -> str:
    """``sha256:`` and the hex digest of :func:`canonical_json` of ``value``."""
    text = _CANONICAL.encode(value).encode("utf-8", "surrogatepass")
    return "sha256:" + hashlib.sha256(text).hexdigest()


class Origin:
    """What one vendor's decisions share, computed once when the engine starts."""

    __slots__ = ("core_version", "hook_api", "plugin", "plugin_version", "settings_digest")

    def __init__(self, runtime: VendorRuntime, plugin: str, plugin_version: str) -> None:
        from . import __version__
        from .convert import converter

        self.core_version = __version__
        self.plugin = plugin
        self.plugin_version = plugin_version
        self.hook_api = runtime.api
        values = runtime.settings.values
        self.settings_digest = digest({k: converter.unstructure(v) for k, v in values.items()})

    def stamp(self, given: Case | Mapping[str, Any], case: Case, terms_version: str) -> Provenance:
        """The provenance of the decision on ``case`` (``given`` as it reached the engine)."""
        if not isinstance(given, Mapping):
            from .convert import case_to_dict

            given = case_to_dict(given)
        return Provenance(
            self.core_version,
            self.plugin,
            self.plugin_version,
            self.hook_api,
            terms_version,
            case.at,
            digest(given),
            self.settings_digest,
        )


def origins(plugins: PluginSet, runtimes: Mapping[str, VendorRuntime]) -> dict[str, Origin]:
    """The :class:`Origin` of every prepared vendor, its distribution from the load records."""
    dists = {r.name: (r.distribution, r.version) for r in plugins.records if r.kind == "vendor"}
    return {name: Origin(rt, *dists.get(name, ("", ""))) for name, rt in runtimes.items()}
