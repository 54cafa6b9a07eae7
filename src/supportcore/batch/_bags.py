"""Dask collections of cases: a bag (or a dataframe column) in, result rows out.

For pipelines that already live in Dask: cases read from many files or a table, the rows
written by Dask (``to_textfiles``, ``to_parquet``). Each row is the one a local run writes for
that case, with ``line`` the case's position in the collection (from ``first_line``). Each
worker thread builds its engine once (see :mod:`._dask`). Dask is imported only when one of
these functions is called.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from ..limits import current as current_limits
from ..settings import Settings
from ._citations import CITATIONS, Citations
from ._common import BatchError, parse_at
from ._rows import (
    CSV_OUTPUT_COLUMNS,
    Outcome,
    RowOptions,
    outcome_of,
    row_dict,
    row_json,
    summary,
    write_row,
)
from ._workers import EngineConfig


def _count(items: Iterable[Any]) -> list[int]:
    return [sum(1 for _ in items)]


def _is_blank(item: Any) -> bool:
    return isinstance(item, str | bytes) and not item.strip()


def _writer(kind: str, citations: Citations) -> Callable[[Outcome], Any]:
    if kind == "json":
        return lambda out: row_json(out, citations)
    if kind == "summary":
        return lambda out: summary(out, citations)
    return lambda out: row_dict(out, citations)


def _partition(
    items: Iterable[Any],
    first: int | None,
    token: str,
    config: EngineConfig,
    options: RowOptions,
    kind: str,
) -> list[Any]:
    """(On a worker.) The rows of one partition; ``first``: the line of its first item, or
    ``None`` when the items are ``(line, case)`` pairs."""
    from ._dask import worker_engine

    engine = worker_engine(token, config)
    write = _writer(kind, options.citations)
    rows = []
    for i, element in enumerate(items):
        if first is None:
            line, item = element
        else:
            line, item = first + i, element
        if _is_blank(item):
            continue  # a blank line: no row, but it keeps its number
        rows.append(write_row(outcome_of(engine, None, line, item, options.at), write)[1])
    return rows


def _config(
    settings: Settings | Mapping[str, Any] | str | Path | None,
    allow: Iterable[str] | None,
    block: Iterable[str] | None,
    strict: bool | None,
    extra: Iterable[tuple[str, object]],
    entry_points: bool,
    lang: str | None,
) -> EngineConfig:
    from ._run import _build, _extra_spec, _language, _settings

    config = EngineConfig(
        settings=_settings(settings),
        allow=None if allow is None else tuple(allow),
        block=None if block is None else tuple(block),
        strict=strict,
        extra=_extra_spec(extra),
        entry_points=entry_points,
        limits=current_limits(),
        lang=_language(lang),
    )
    _build(config)  # bad settings or plugins: BatchError here, not in every task
    return config


def _rows_bag(
    bag: Any,
    kind: str,
    *,
    settings: Settings | Mapping[str, Any] | str | Path | None,
    at: datetime | str | None,
    allow: Iterable[str] | None,
    block: Iterable[str] | None,
    strict: bool | None,
    extra: Iterable[tuple[str, object]],
    entry_points: bool,
    citations: str,
    numbered: bool,
    first_line: int,
    lang: str | None,
) -> Any:
    try:
        import dask
        import dask.bag as db
    except ImportError:
        raise BatchError("Dask is not installed: pip install 'supportcore[dask]'") from None
    if citations not in CITATIONS:
        raise BatchError(f"citations: {citations!r} is not one of {', '.join(CITATIONS)}")
    options = RowOptions(at=parse_at(at), citations="ids" if citations == "ids" else "full")
    config = dask.delayed(_config(settings, allow, block, strict, extra, entry_points, lang))
    token = uuid.uuid4().hex
    parts = bag.to_delayed()
    firsts: list[int | None]
    if numbered:
        firsts = [None] * len(parts)
    else:  # each partition's first line: one pass that counts, evaluating nothing
        firsts, line = [], first_line
        for n in bag.map_partitions(_count).compute():
            firsts.append(line)
            line += n
    task = dask.delayed(_partition, pure=True)
    return db.from_delayed(
        [
            task(part, first, token, config, options, kind)
            for part, first in zip(parts, firsts, strict=True)
        ]
    )


def evaluate_bag(
    bag: Any,
    *,
    settings: Settings | Mapping[str, Any] | str | Path | None = None,
    at: datetime | str | None = None,
    allow: Iterable[str] | None = None,
    block: Iterable[str] | None = None,
    strict: bool | None = None,
    extra: Iterable[tuple[str, object]] = (),
    entry_points: bool = True,
    citations: str = "full",
    as_json: bool = False,
    numbered: bool = False,
    first_line: int = 1,
    lang: str | None = None,
) -> Any:
    """A :class:`dask.bag.Bag` of result rows, one per case of ``bag``, in its order.

    :param bag: a bag of cases: dicts, or JSON texts (``str`` or ``bytes``, e.g. the lines of
        ``dask.bag.read_text``; blank ones give no row but keep their number); with
        ``numbered``, ``(line, case)`` pairs.
    :param as_json: rows as compact JSON text, each exactly a line of ``supportcore batch``'s
        JSON Lines output (without the line break); otherwise as dicts (``row_dict``).
    :param numbered: the cases come as ``(line, case)`` pairs. Otherwise ``line`` is the case's
        position in the bag, counted from ``first_line``, which takes one pass over the bag
        that reads it but evaluates nothing (done when this function is called).
    :param citations: ``"full"`` or ``"ids"`` (see :func:`clause_table` for the texts).

    The other parameters (``lang`` too) are :func:`run_batch`'s. The settings and plugins are
    checked here, in the calling process (:class:`BatchError`); rows never raise.
    """
    return _rows_bag(
        bag,
        "json" if as_json else "dict",
        settings=settings,
        at=at,
        allow=allow,
        block=block,
        strict=strict,
        extra=extra,
        entry_points=entry_points,
        citations=citations,
        numbered=numbered,
        first_line=first_line,
        lang=lang,
    )


def evaluate_dataframe(
    frame: Any,
    column: str | None = "case",
    *,
    settings: Settings | Mapping[str, Any] | str | Path | None = None,
    at: datetime | str | None = None,
    allow: Iterable[str] | None = None,
    block: Iterable[str] | None = None,
    strict: bool | None = None,
    extra: Iterable[tuple[str, object]] = (),
    entry_points: bool = True,
    citations: str = "full",
    first_line: int = 1,
    lang: str | None = None,
) -> Any:
    """A :class:`dask.dataframe.DataFrame` of results, one row per case, in order: the columns
    of the CSV output (``CSV_OUTPUT_COLUMNS``: ``line``, ``ok``, ``error``, ``case_id``,
    ``vendor``, the statuses, ``price_total`` as ``Decimal``, ``currency``, …, ``decision``
    as JSON text).

    :param frame: a Dask dataframe whose ``column`` holds cases (JSON texts or dicts), or a
        Dask series of them (``column=None``). ``line`` is a case's position, counted from
        ``first_line``; a blank text gives no row.
    """
    import pandas as pd

    series = frame if column is None else frame[column]
    rows = _rows_bag(
        series.to_bag(),
        "summary",
        settings=settings,
        at=at,
        allow=allow,
        block=block,
        strict=strict,
        extra=extra,
        entry_points=entry_points,
        citations=citations,
        numbered=False,
        first_line=first_line,
        lang=lang,
    )
    meta = pd.DataFrame(
        {
            name: pd.Series(dtype="int64" if name == "line" else "bool" if name == "ok" else "O")
            for name in CSV_OUTPUT_COLUMNS
        }
    )
    return rows.to_dataframe(meta=meta)


def clause_table(
    *,
    settings: Settings | Mapping[str, Any] | str | Path | None = None,
    allow: Iterable[str] | None = None,
    block: Iterable[str] | None = None,
    extra: Iterable[tuple[str, object]] = (),
    entry_points: bool = True,
) -> list[dict[str, str]]:
    """Every clause of every installed vendor's terms, every version: ``{"vendor",
    "terms_version", "clause", "text"}``, the texts that rows with ``citations="ids"`` point
    at (a superset of the side file a ``run_batch`` writes, which holds those cited)."""
    from ..engine import Engine
    from ._run import _settings

    engine = Engine(
        _settings(settings),
        allow=None if allow is None else tuple(allow),
        block=None if block is None else tuple(block),
        extra=list(extra),
        entry_points=entry_points,
    )
    table = []
    for vendor in sorted(engine.plugins.vendors):
        for version in engine.plugins.vendors[vendor].terms.versions:
            for clause in version.clauses:
                table.append(
                    {
                        "vendor": vendor,
                        "terms_version": version.version,
                        "clause": clause.id,
                        "text": clause.text,
                    }
                )
    return table
