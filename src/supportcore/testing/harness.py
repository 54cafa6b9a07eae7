"""A test harness for one vendor plugin: cached engines per settings, readable cases, and the
clauses a decision cites — what every plugin's tests need, written once.

    from supportcore.testing.harness import VendorHarness, cited_clauses
    import supportcore_acme

    ACME = VendorHarness("acme", supportcore_acme, BASE_CASE, SETTINGS)

    def test_hardware_is_excluded():
        d = ACME.evaluate({"request.category": "hardware"})
        assert d.coverage.status == "excluded"
        assert "ACME-EXCL-1" in cited_clauses(d.coverage)

The plugin is registered directly (no entry points), so its tests don't depend on what else is
installed.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import attrs

from ..decision import Decision
from ..engine import Engine
from ..model import Case
from ..reasons import Citation
from .cases import CaseFactory

__all__ = ["VendorHarness", "cited_clauses"]


def cited_clauses(*parts: object) -> set[str]:
    """Every clause id cited anywhere inside ``parts`` (decisions, reasons, remedies, quotes…)."""
    found: set[str] = set()

    def walk(obj: object) -> None:
        if isinstance(obj, Citation):
            found.add(obj.clause)
        elif attrs.has(type(obj)):
            for name in attrs.asdict(obj, recurse=False):  # type: ignore[arg-type]
                walk(getattr(obj, name))
        elif isinstance(obj, tuple | list):
            for item in obj:
                walk(item)

    for part in parts:
        walk(part)
    return found


class VendorHarness:
    """Engines for one vendor plugin, cached per settings, and a case factory.

    :param vendor: the plugin's name (its entry-point name).
    :param plugin: the plugin module (or object).
    :param base_case: the case dict every test starts from.
    :param settings: the vendor's settings table used unless a test overrides it.
    :param strict: plugin exceptions raise instead of being recorded (the default in tests).
    """

    def __init__(
        self,
        vendor: str,
        plugin: object,
        base_case: Mapping[str, Any],
        settings: Mapping[str, Any] | None = None,
        *,
        strict: bool = True,
    ) -> None:
        self.vendor = vendor
        self.plugin = plugin
        self.factory = CaseFactory(base_case)
        self.settings: dict[str, Any] = copy.deepcopy(dict(settings or {}))
        self.strict = strict
        self._engines: dict[str, Engine] = {}

    def table(
        self, overrides: Mapping[str, Any] | None = None, *, replace: bool = False
    ) -> dict[str, Any]:
        """The settings table: the harness's, updated by ``overrides`` (``None`` removes a key),
        or exactly ``overrides`` with ``replace=True``."""
        table = {} if replace else copy.deepcopy(self.settings)
        for key, value in (overrides or {}).items():
            if value is None:
                table.pop(key, None)
            else:
                table[key] = value
        return table

    def engine(
        self, overrides: Mapping[str, Any] | None = None, *, replace: bool = False
    ) -> Engine:
        table = self.table(overrides, replace=replace)
        key = json.dumps(table, sort_keys=True, default=str)
        engine = self._engines.get(key)
        if engine is None:
            engine = self._engines[key] = Engine(
                {self.vendor: table},
                entry_points=False,
                extra=[(self.vendor, self.plugin)],
                strict=self.strict,
            )
        return engine

    def case(self, changes: Mapping[str, Any] | None = None, /, **top: Any) -> Case:
        return self.factory.case(changes, **top)

    def evaluate(
        self,
        changes: Mapping[str, Any] | None = None,
        /,
        *,
        settings: Mapping[str, Any] | None = None,
        replace: bool = False,
        at: datetime | str | None = None,
        **top: Any,
    ) -> Decision:
        """Evaluate the base case with dotted-path ``changes`` (and top-level ``**top``).

        ``settings`` updates the harness's settings (``None`` removes a key), or is exactly the
        table with ``replace=True`` (see :meth:`table`); ``at`` overrides the evaluation instant.
        """
        engine = self.engine(settings, replace=replace)
        return engine.evaluate(self.case(changes, **top), at=at)
