"""The progress bar: rows decided (not bytes read), their rate, and the time left."""

from __future__ import annotations

import time
from typing import Any

from ..terminal import escape


class Progress:
    """A rich progress bar on stderr, refreshed at most ten times a second (no thread).

    It counts rows as their results are written. When the input is a file of known size, the
    share of it whose rows are decided gives the bar and the time left; from a pipe there is
    no end to measure, so it shows the rows, the rate and the time so far.
    """

    def __init__(self, enabled: bool, total: int | None, label: str) -> None:
        self.bar: Any = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
        if total:
            columns += [BarColumn(bar_width=24), TaskProgressColumn()]
        columns += [
            TextColumn("{task.fields[rows]:,} rows decided ({task.fields[rate]:,.0f}/s),"),
            TextColumn("{task.fields[bad]:,} errors,"),
            TimeElapsedColumn(),
            TextColumn("elapsed," if total else "elapsed"),
        ]
        if total:
            columns += [TimeRemainingColumn(), TextColumn("left")]
        self.bar = Progress(
            *columns, console=Console(stderr=True), auto_refresh=False, transient=False
        )
        self.task = self.bar.add_task(escape(label), total=total, rows=0, bad=0, rate=0.0)
        self.bar.start()
        self._started = self._last = time.monotonic()

    def update(self, decided: int, rows: int, bad: int, final: bool = False) -> None:
        """``decided``: bytes of input whose rows are written; ``rows``: how many rows."""
        if self.bar is None:
            return
        now = time.monotonic()
        if final or now - self._last >= 0.1:
            self._last = now
            rate = rows / (now - self._started) if now > self._started else 0.0
            self.bar.update(self.task, completed=decided, rows=rows, bad=bad, rate=rate)
            self.bar.refresh()

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def stderr_is_terminal() -> bool:
    from rich.console import Console

    return Console(stderr=True).is_terminal
