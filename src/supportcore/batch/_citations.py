"""Compact citations (``--citations ids``): a clause cited by its id, its text written once.

A decision cites the clauses it applies with their verbatim text; over a batch the same few
hundred clauses are quoted millions of times (most of a row's bytes). With ``ids``, each
citation is written as ``{"vendor", "clause", "terms_version"}`` and the text of every clause
cited in the run goes once into a side file (:func:`clauses_jsonl`). The rows are otherwise the
same, byte for byte, as with full citations.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from json.encoder import encode_basestring as _json_str
from typing import Any, Literal

from ..convert import converter, decision_to_dict
from ..decision import Decision
from ..reasons import Citation
from ..writers import Writers

Citations = Literal["full", "ids"]
CITATIONS: tuple[Citations, ...] = ("full", "ids")

#: ``(vendor, terms_version, clause)``: a clause's key in the side file.
ClauseKey = tuple[str, str, str]

_local = threading.local()
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode


def cited() -> dict[ClauseKey, str]:
    """The clauses cited in this thread since the last :func:`take_cited` (key → text)."""
    found: dict[ClauseKey, str] | None = getattr(_local, "cited", None)
    if found is None:
        found = _local.cited = {}
    return found


def take_cited() -> dict[ClauseKey, str]:
    """The clauses cited so far in this thread, forgetting them."""
    found = cited()
    _local.cited = {}
    return found


def _note(c: Citation) -> None:
    key = (c.vendor, c.terms_version, c.clause)
    found = cited()
    if key not in found:
        found[key] = c.text


def citation_id_json(c: Citation) -> str:
    """A citation without its text, as compact JSON; the clause noted for the side file."""
    _note(c)
    return (
        f'{{"vendor":{_json_str(c.vendor)},"clause":{_json_str(c.clause)},'
        f'"terms_version":{_json_str(c.terms_version)}}}'
    )


class _IdsWriters(Writers):
    """The converter's JSON writers, but citations by id (the clause noted, see :func:`cited`)."""

    def __init__(self) -> None:
        super().__init__("json", converter.unstructure)

    def for_class(self, cls: type) -> Any:
        if cls is Citation:
            return _citation
        return super().for_class(cls)


def _citation(c: Any) -> str:
    if c.__class__ is not Citation:
        raise TypeError("not a Citation")  # the general path decides
    return citation_id_json(c)


_writers: _IdsWriters | None = None


def _strip(value: Any) -> Any:
    """A decision's dict with every citation's text left out (and noted)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k == "citations" and isinstance(v, list):
                out[k] = [_strip_citation(c) for c in v]
            else:
                out[k] = _strip(v)
        return out
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _strip_citation(c: Any) -> Any:
    if isinstance(c, dict) and {"vendor", "clause", "text"} <= c.keys():
        key = (str(c["vendor"]), str(c.get("terms_version", "")), str(c["clause"]))
        cited().setdefault(key, str(c["text"]))
        return {"vendor": c["vendor"], "clause": c["clause"], "terms_version": key[1]}
    return _strip(c)


def decision_ids_dict(decision: Decision) -> dict[str, Any]:
    """:func:`~supportcore.convert.decision_to_dict` with citations by id."""
    return _strip(decision_to_dict(decision))  # type: ignore[no-any-return]


def decision_ids_json(decision: Decision) -> str:
    """:func:`~supportcore.convert.decision_to_json` with citations by id."""
    global _writers
    if _writers is None:
        _writers = _IdsWriters()
    try:
        return _writers.for_class(Decision)(decision)  # type: ignore[no-any-return]
    except Exception:  # a value off its declared type: the general path decides
        return _ENCODE(decision_ids_dict(decision))


def clause_line(key: ClauseKey, text: str) -> str:
    """One line of the side file: ``{"vendor", "terms_version", "clause", "text"}``."""
    vendor, version, clause = key
    return _ENCODE({"vendor": vendor, "terms_version": version, "clause": clause, "text": text})


def clauses_jsonl(clauses: Mapping[ClauseKey, str]) -> bytes:
    """The side file: one line per clause cited, sorted by vendor, terms version and clause."""
    lines = [clause_line(key, clauses[key]) + "\n" for key in sorted(clauses)]
    return "".join(lines).encode("utf-8", "backslashreplace")


def merge(into: dict[ClauseKey, str], found: Iterable[tuple[ClauseKey, str]]) -> None:
    """Add the clauses ``found`` (the first text given for a key is kept)."""
    for key, text in found:
        into.setdefault(key, text)
