"""The decision log: one JSON line per decision the service makes (``--decision-log FILE``).

Like OPA's decision logs: what was decided, from what, by what, when. Each line holds a
decision id (also sent to the client as the ``Supportcore-Decision-Id`` header), the time it
was made (UTC), how long it took, the vendor and case id, the provenance of the decision (core,
plugin and terms versions, hook API, the digests of the input and of the settings, the
evaluation instant), the four statuses and how many plugin failures it recorded; with
``--log-input``, the whole case as it was sent. Lines are appended with one ``write`` each to
a file opened in append mode, so that several workers can share one log.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ..decision import Decision

__all__ = ["DecisionLog", "entry_from_decision", "entry_from_dict"]


def _provenance(p: Mapping[str, Any] | None) -> dict[str, Any]:
    if not p:
        return {}
    keys = (
        "core_version",
        "plugin",
        "plugin_version",
        "hook_api",
        "terms_version",
        "evaluated_at",
        "input_digest",
        "settings_digest",
    )
    return {k: p.get(k) for k in keys}


def entry_from_dict(decision: Mapping[str, Any]) -> dict[str, Any]:
    """The log's fields of a decision in its JSON form."""
    price = decision.get("price") or {}
    return {
        "vendor": decision.get("vendor"),
        "case_id": decision.get("case_id"),
        **_provenance(decision.get("provenance")),
        "eligibility": (decision.get("eligibility") or {}).get("status"),
        "coverage": (decision.get("coverage") or {}).get("status"),
        "price": price.get("status"),
        "closure": (decision.get("closure") or {}).get("status"),
        "failures": len(decision.get("failures") or ()),
    }


def entry_from_decision(d: Decision) -> dict[str, Any]:
    """The log's fields of a :class:`Decision` (without writing the whole decision)."""
    p = d.provenance
    prov: dict[str, Any] = {}
    if p is not None:
        prov = _provenance(
            {
                "core_version": p.core_version,
                "plugin": p.plugin,
                "plugin_version": p.plugin_version,
                "hook_api": p.hook_api,
                "terms_version": p.terms_version,
                "evaluated_at": p.evaluated_at.isoformat(),
                "input_digest": p.input_digest,
                "settings_digest": p.settings_digest,
            }
        )
    return {
        "vendor": d.vendor,
        "case_id": d.case_id,
        **prov,
        "eligibility": d.eligibility.status,
        "coverage": d.coverage.status,
        "price": d.price.status,
        "closure": d.closure.status,
        "failures": len(d.failures),
    }


def new_id() -> str:
    """A decision id: a random UUID (version 4)."""
    return str(uuid.uuid4())


class DecisionLog:
    """Appends decision lines to a file (``-``: standard output)."""

    def __init__(self, path: str, *, log_input: bool = False) -> None:
        self.path = path
        self.log_input = log_input
        self._lock = threading.Lock()
        if path == "-":
            self._fd = 1
        else:
            flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
            self._fd = os.open(path, flags, 0o640)

    def write(
        self,
        decision_id: str,
        entry: Mapping[str, Any],
        duration_s: float,
        case: Any = None,
    ) -> None:
        line: dict[str, Any] = {
            "decision_id": decision_id,
            "time": datetime.now(UTC).isoformat(timespec="microseconds"),
            "duration_ms": round(duration_s * 1000, 3),
            **entry,
        }
        if self.log_input and case is not None:
            line["input"] = case
        text = json.dumps(line, ensure_ascii=False, separators=(",", ":"), default=str)
        data = (text + "\n").encode("utf-8", "surrogatepass")
        with self._lock:
            os.write(self._fd, data)

    def close(self) -> None:
        if self._fd != 1:
            os.close(self._fd)
            self._fd = 1
