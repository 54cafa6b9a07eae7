"""What every part of a batch run shares: exit codes, formats, row kinds, the run's errors."""

from __future__ import annotations

import re
import signal
from datetime import datetime
from typing import Literal, NamedTuple

from ..convert import InputError, parse_datetime
from ..decision import Problem
from ..documents import DocumentError, loads_json

EXIT_OK = 0
EXIT_INPUT = 2
EXIT_PLUGIN = 3
#: The output could not be written (a full disk, an I/O error, a closed pipe): sysexits' EX_IOERR.
EXIT_IO = 74
#: Interrupted by Ctrl-C (SIGINT); SIGTERM and SIGHUP give 128 + the signal's number.
EXIT_INTERRUPTED = 130

#: Rows per task sent to a worker: big enough to amortise the inter-process cost (a few hundred
#: microseconds per task), small enough to keep every worker busy and memory flat.
DEFAULT_CHUNK_SIZE = 500

Format = Literal["jsonl", "csv"]  #: input formats
FORMATS: tuple[Format, ...] = ("jsonl", "csv")
OutputFormat = Literal["jsonl", "csv", "parquet"]
OUTPUT_FORMATS: tuple[OutputFormat, ...] = ("jsonl", "csv", "parquet")

# Row kinds; also the indices of the per-chunk counters.
OK, INPUT, PLUGIN = 0, 1, 2
KIND_NAMES = {INPUT: "input", PLUGIN: "plugin"}


class BatchError(Exception):
    """The run cannot start or cannot finish (not a per-row problem): bad options, unreadable
    input, an unwritable output, invalid settings, a worker process that died.

    ``exit_code`` is the CLI's: 2 bad input or options, 3 a plugin (or worker) failure, 74 the
    output could not be written.
    """

    def __init__(self, message: str, exit_code: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class BatchInterrupted(KeyboardInterrupt):
    """The run was stopped by a signal (SIGINT, SIGTERM, SIGHUP); its output was not written.

    A :class:`KeyboardInterrupt`, so that nothing on the way (a plugin's ``except Exception``,
    the engine recording a hook's failure) mistakes it for a row's problem.
    """

    def __init__(self, signum: int, detail: str = "") -> None:
        self.signum = signum
        self.exit_code = 128 + signum  #: 130 for SIGINT (Ctrl-C), 143 for SIGTERM, 129 SIGHUP
        name = signal.Signals(signum).name
        super().__init__(f"stopped by {name}: {detail}" if detail else f"stopped by {name}")


class Refused(NamedTuple):
    """A row that is not evaluated: it could not be read, or it timed out before.

    Chunks carry it in place of the row's text, so the row keeps its place in the output."""

    kind: int  #: INPUT or PLUGIN
    field: str
    message: str
    case_id: str | None = None


def describe(exc: BaseException) -> str:
    """``TypeName: message`` (just the type's name when the message is empty)."""
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shorten(text: str, limit: int = 60) -> str:
    """``repr``-like quoting of user text for a message: at most ``limit`` characters shown."""
    shown = _CONTROL.sub("?", text[:limit])
    return f"'{shown}…' ({len(text):,} characters)" if len(text) > limit else f"'{shown}'"


_WHERE = re.compile(r": line 1 column (\d+) \(char \d+\)$")


def parse_json(text: str | bytes) -> object:
    """One JSON value (a row, a cell) read as a case file's JSON is: exact decimals, no key
    given twice, bounded nesting and numbers; or :class:`InputError` saying why not (field
    ``(line)``, the key when one is known)."""
    try:
        return loads_json(text)
    except DocumentError as exc:
        # one line of text: "at column 12", not "line 1 column 12 (char 11)"
        message = _WHERE.sub(r" at column \1", exc.message)
        raise InputError([Problem(exc.field or "(line)", message, "error")]) from None


def parse_at(at: datetime | str | None) -> datetime | None:
    """The ``--at`` instant, or :class:`BatchError` naming the option."""
    if at is None:
        return None
    try:
        return parse_datetime(at)
    except ValueError as exc:
        raise BatchError(f"--at: {exc}") from None
