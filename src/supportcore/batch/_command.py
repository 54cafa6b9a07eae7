"""``supportcore batch``: the command line of :func:`~._run.run_batch`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..terminal import labelled, printable
from ._citations import CITATIONS
from ._common import (
    DEFAULT_CHUNK_SIZE,
    FORMATS,
    OUTPUT_FORMATS,
    BatchError,
    BatchInterrupted,
)


def _split(v: str | None) -> list[str] | None:
    return None if v is None else [x.strip() for x in v.split(",") if x.strip()]


@click.command("batch")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--out",
    "-o",
    "output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Output (.jsonl, .csv or .parquet): a file, replaced atomically when the run completes; "
    "'-' for standard output; a device or pipe is written straight. Not the input.",
)
@click.option(
    "--settings",
    "settings_path",
    type=click.Path(path_type=Path),
    default=None,
    help="TOML settings file with tariffs and hours the terms do not give.",
)
@click.option("--at", default=None, help="Evaluate every case at this instant (ISO 8601).")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: every core; 1 evaluates in this process).",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=DEFAULT_CHUNK_SIZE,
    show_default=True,
    help="Rows per task sent to a worker.",
)
@click.option(
    "--row-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    metavar="SECONDS",
    help="A row still undecided after this long gets an error row; its worker is replaced.",
)
@click.option(
    "--input-format", type=click.Choice(FORMATS), default=None, help="Default: by suffix."
)
@click.option(
    "--output-format", type=click.Choice(OUTPUT_FORMATS), default=None, help="Default: by suffix."
)
@click.option(
    "--citations",
    type=click.Choice(CITATIONS),
    default="full",
    show_default=True,
    help="ids: each citation as vendor, clause and terms version; every cited clause's text "
    "once in the --clauses file.",
)
@click.option(
    "--clauses",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    default=None,
    help="With --citations ids: the file for the cited clauses' texts "
    "(default: OUT.clauses.jsonl).",
)
@click.option(
    "--dask",
    "dask_address",
    default=None,
    metavar="ADDRESS",
    help="Evaluate on a Dask cluster: its scheduler's address (tcp://host:8786), or 'local' "
    "for a cluster of --jobs workers on this machine.",
)
@click.option(
    "--lang",
    default=None,
    help="Language of the explanations: es, nl or en (default: each vendor's terms language).",
)
@click.option(
    "--escape-formulas/--no-escape-formulas",
    default=True,
    show_default=True,
    help="In CSV output, a ' before cells a spreadsheet would run as formulas (=, +, -, @).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: only when stderr is a terminal).",
)
@click.option("--quiet", "-q", is_flag=True, help="No summary line on stderr.")
@click.option(
    "--plugins",
    "allow",
    default=None,
    help="Comma-separated allow-list of plugin names (env SUPPORTCORE_PLUGINS; empty: all).",
)
@click.option(
    "--block",
    default=None,
    help="Comma-separated block-list of plugin names (env SUPPORTCORE_BLOCK_PLUGINS).",
)
@click.option(
    "--strict/--no-strict",
    default=None,
    help="Make plugin failures fatal (env SUPPORTCORE_STRICT=1).",
)
def batch_command(
    input_path: Path,
    output: Path,
    settings_path: Path | None,
    at: str | None,
    jobs: int | None,
    chunk_size: int,
    row_timeout: float | None,
    input_format: str | None,
    output_format: str | None,
    citations: str,
    clauses: Path | None,
    dask_address: str | None,
    lang: str | None,
    escape_formulas: bool,
    progress: bool | None,
    quiet: bool,
    allow: str | None,
    block: str | None,
    strict: bool | None,
) -> None:
    """Evaluate many cases (JSON Lines or CSV) into one result row per case, in input order.

    Exit codes: 0 every row ok, 2 some row had bad input (or bad options), 3 some row's plugin
    failed, 74 the output could not be written, 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP. Bad rows
    become error rows naming the line and the field; the others go on.
    """
    from rich.console import Console

    from ._run import run_batch  # here: the other commands do not import the worker pool

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        summary = run_batch(
            input_path,
            output,
            settings=settings_path,
            jobs=jobs,
            at=at,
            allow=_split(allow),
            block=_split(block),
            strict=strict,
            input_format=input_format,
            output_format=output_format,
            chunk_size=chunk_size,
            progress=progress,
            on_warning=lambda w: err.print(labelled("warning:", "yellow", w)),
            row_timeout=row_timeout,
            escape_formulas=escape_formulas,
            citations=citations,
            clauses=clauses,
            dask=dask_address,
            lang=lang,
        )
    except BatchError as exc:
        for line in str(exc).splitlines():
            err.print(labelled("error:", "bold red", line))
        sys.exit(exc.exit_code)
    except BatchInterrupted as exc:
        err.print(labelled("interrupted:", "bold red", str(exc)))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:  # before the run started
        err.print(labelled("interrupted:", "bold red", f"{output} was not written"))
        sys.exit(130)
    if not quiet:
        s = summary
        where = "standard output" if str(s.output) == "-" else printable(s.output)
        err.print(
            f"{s.rows:,} rows: {s.ok:,} ok, {s.input_errors:,} bad input, "
            f"{s.plugin_errors:,} plugin failures → {where} "
            f"({s.seconds:.1f} s, {s.rows_per_second:,.0f} rows/s, "
            f"{s.jobs} worker{'s' if s.jobs != 1 else ''})",
            markup=False,
        )
    sys.exit(summary.exit_code)
