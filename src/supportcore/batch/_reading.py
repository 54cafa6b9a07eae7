"""Reading the input: JSON Lines or CSV, a chunk of rows at a time, each row with its line.

Rows are not parsed here (workers do that); the reader only splits the input into rows. A row
the reader itself cannot make out (a CSV record with an unclosed quote, a line over the size
limit) travels as a :class:`~._common.Refused` row, so that it becomes an error row in its place.
"""

from __future__ import annotations

import csv
import io
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..limits import current as current_limits
from ._columns import CsvColumns
from ._common import INPUT, BatchError, Format, Refused

Chunk = list[tuple[int, Any]]  #: (line number, raw line bytes, CSV cells or a Refused row)


def _csv_problem(exc: csv.Error, start: int, end: int) -> str:
    if "unexpected end of data" in str(exc):
        return (
            f"a quoted field is never closed: the record starting on line {start:,} runs to "
            f"the end of the file (line {end:,}); close the quote"
        )
    lines = f" (lines {start:,}–{end:,} read as one record)" if end > start else ""
    return f"not valid CSV: {exc}{lines}"


class Source:
    """The input, read as chunks of ``(line, row)``; blank lines and rows are skipped (their
    numbers still count). ``total`` is the input's size in bytes when it is a regular file."""

    def __init__(self, path: Path, fmt: Format, chunk_size: int) -> None:
        self.path = path
        self.chunk_size = chunk_size
        self.columns: CsvColumns | None = None
        self.total: int | None = None
        self.stat: os.stat_result | None = None
        self._read = 0
        stdin = str(path) == "-"
        try:
            if stdin:
                self._bin: IO[bytes] = sys.stdin.buffer
            else:
                self._bin = open(path, "rb")  # noqa: SIM115 - closed in close()
            self.stat = os.fstat(self._bin.fileno())
        except (ValueError, io.UnsupportedOperation):  # stdin replaced by a test runner
            pass
        except OSError as exc:
            raise BatchError(f"{path}: cannot read input ({exc.strerror})") from None
        if self.stat is not None and stat.S_ISREG(self.stat.st_mode):
            self.total = self.stat.st_size or None
        self._owned = not stdin
        self._text: io.TextIOWrapper | None = None
        self._csv: Any = None
        if fmt == "csv":
            self._read_header()

    def _read_header(self) -> None:
        # Bytes that are not UTF-8 become lone surrogates, refused cell by cell; strict CSV
        # reading refuses a bad record (and goes on) instead of swallowing the rest of the file.
        self._text = io.TextIOWrapper(
            self._bin, encoding="utf-8-sig", errors="surrogateescape", newline=""
        )
        self._csv = csv.reader(self._text, strict=True)
        try:
            header = next(self._csv, None)
        except csv.Error as exc:
            self.close()
            raise BatchError(f"{self.path}: cannot read the CSV header ({exc})") from None
        if header is None:
            self.close()
            raise BatchError(f"{self.path}: the CSV file is empty (it needs a header row)")
        try:
            self.columns = CsvColumns(header)
        except ValueError as exc:
            self.close()
            raise BatchError(f"{self.path}: {exc}") from None

    @property
    def position(self) -> int:
        """Bytes of the input read so far."""
        if self._text is not None:
            try:
                return self._bin.tell()
            except (OSError, ValueError):
                return 0
        return self._read

    def _lines(self) -> Iterator[tuple[int, Any]]:
        limit = current_limits().max_document_bytes
        readline = self._bin.readline
        line = 0
        while raw := readline(limit + 1):
            line += 1
            self._read += len(raw)
            if len(raw) > limit and not raw.endswith(b"\n"):
                while (rest := readline(1 << 20)) and not rest.endswith(b"\n"):
                    self._read += len(rest)
                self._read += len(rest)
                message = f"longer than {limit:,} bytes (the limit: Limits.max_document_bytes)"
                yield line, Refused(INPUT, "(line)", message)
            elif not raw.isspace():
                yield line, raw

    def _records(self) -> Iterator[tuple[int, Any]]:
        reader = self._csv
        start = reader.line_num + 1
        while True:
            try:
                cells = next(reader, None)
            except csv.Error as exc:
                end = reader.line_num
                yield start, Refused(INPUT, "(row)", _csv_problem(exc, start, end))
                start = end + 1
                continue
            if cells is None:
                return
            line, start = start, reader.line_num + 1
            if any(c.strip() for c in cells):
                yield line, cells

    def chunks(self) -> Iterator[tuple[Chunk, int]]:
        """Chunks of at most ``chunk_size`` rows, each with the input's position after it."""
        size = self.chunk_size
        chunk: Chunk = []
        for row in self._records() if self.columns is not None else self._lines():
            chunk.append(row)
            if len(chunk) >= size:
                yield chunk, self.position
                chunk = []
        if chunk:
            yield chunk, self.position

    def close(self) -> None:
        if self._text is not None and not self._owned:
            self._text.detach()  # leave stdin open
        if self._owned:
            self._bin.close()
