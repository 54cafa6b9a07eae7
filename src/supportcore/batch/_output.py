"""Where the rows go: a file replaced atomically, or straight into what is already there.

* A new path, or a regular file (also reached through a symbolic link, which is kept): rows go
  to a temporary file beside it, renamed over it once every row is written. An interrupted or
  failed run leaves it as it was. The temporary file is named
  ``.NAME.HOST.PID.XXXXXXXX.part``: a run killed outright (SIGKILL) cannot remove it, so the
  next run to the same target removes those whose process no longer runs on this host.
* Anything else (``-`` for standard output, ``/dev/stdout`` and other descriptors, ``/dev/null``,
  a named pipe, a terminal): rows are written straight to it, opened for appending as a shell's
  ``>>`` would; a failed run leaves what was written so far.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import socket
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO

from ._common import EXIT_INPUT, EXIT_IO, BatchError


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:32] or "host"


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no way to tell: leave its file alone
        return True
    return True


def _resolve(path: Path) -> Path | None:
    """The file a chain of symbolic links ends at; ``None`` when the chain goes through a
    process's descriptors (``/dev/stdout`` → ``/proc/self/fd/1``), which are not files to
    replace, or loops."""
    p = os.path.abspath(path)
    for _ in range(40):
        directory = os.path.realpath(os.path.dirname(p))
        if directory == "/proc" or directory.startswith("/proc/"):
            return None
        p = os.path.join(directory, os.path.basename(p))
        if not os.path.islink(p):
            return Path(p)
        p = os.path.join(directory, os.readlink(p))
    return None


class Output:
    """Rows out. ``write`` each chunk, then ``commit``; ``abort`` on any failure."""

    name: str
    atomic = False

    def __init__(self, file: IO[bytes], name: str, close: bool = True) -> None:
        self.file, self.name, self._close = file, name, close

    def failed(self, exc: OSError) -> BatchError:
        why = "the reader closed it" if isinstance(exc, BrokenPipeError) else exc.strerror
        what = "it was not written" if self.atomic else "the rows written so far are incomplete"
        return BatchError(f"{self.name}: cannot write output ({why}); {what}", EXIT_IO)

    def write(self, data: bytes) -> None:
        try:
            self.file.write(data)
        except OSError as exc:
            raise self.failed(exc) from None

    def commit(self) -> None:
        try:
            self.file.flush()
            if self._close:
                self.file.close()
        except OSError as exc:
            raise self.failed(exc) from None

    def abort(self) -> None:
        """Release the output, never raising (the run is already failing)."""
        try:
            if self._close:
                self.file.close()
            else:
                self.file.flush()
        except (OSError, ValueError):
            pass

    def not_written(self) -> str:
        """What an interrupted run says about its output."""
        return f"{self.name} is incomplete"


class AtomicOutput(Output):
    """A temporary file beside ``target``, renamed over it on :meth:`commit`."""

    atomic = True

    def __init__(self, target: Path, name: str) -> None:
        self.target = target
        directory = target.parent
        if not directory.is_dir():
            raise BatchError(f"{name}: cannot write output (no directory {directory})")
        stem = target.name[:100]
        prefix = f".{stem}.{_host()}.{os.getpid()}."
        _remove_stale(directory, stem)
        try:
            fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=directory)
        except OSError as exc:
            raise BatchError(f"{name}: cannot write output ({exc.strerror})") from None
        self.tmp = Path(tmp)
        if hasattr(os, "fchmod"):  # mkstemp makes it 0600; give it a normal file's mode
            try:
                mode = target.stat().st_mode & 0o777
            except OSError:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.fchmod(fd, mode)
        super().__init__(os.fdopen(fd, "wb", buffering=1 << 20), name)

    def commit(self) -> None:
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.replace(self.tmp, self.target)
        except OSError as exc:
            raise self.failed(exc) from None
        if hasattr(os, "O_DIRECTORY"):
            try:
                dfd = os.open(self.target.parent, os.O_RDONLY | os.O_DIRECTORY)
            except OSError:  # pragma: no cover
                return
            try:
                os.fsync(dfd)
            except OSError:  # pragma: no cover
                pass
            finally:
                os.close(dfd)

    def abort(self) -> None:
        super().abort()
        with contextlib.suppress(OSError):
            self.tmp.unlink(missing_ok=True)

    def not_written(self) -> str:
        return f"{self.name} was not written"


def _remove_stale(directory: Path, stem: str) -> None:
    """Remove the temporary files of runs to the same target that were killed on this host."""
    pattern = re.compile(rf"\.{re.escape(stem)}\.(?P<host>[^.]*)\.(?P<pid>\d+)\.[^.]+\.part")
    host = _host()
    try:
        names = [n for n in os.listdir(directory) if n.startswith(f".{stem}.")]
    except OSError:
        return
    for name in names:
        m = pattern.fullmatch(name)
        if m and m["host"] == host and not _pid_alive(int(m["pid"])):
            with contextlib.suppress(OSError):
                (directory / name).unlink()


def _stdout() -> Output:
    sys.stdout.flush()
    try:
        fd = os.dup(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return Output(sys.stdout.buffer, "standard output", close=False)
    return Output(os.fdopen(fd, "wb", buffering=1 << 16), "standard output")


def open_output(path: Path, source: os.stat_result | None = None) -> Output:
    """The output for ``--out path`` (``-``: standard output), refusing the input itself.

    :param source: the input's ``stat``, to refuse writing over it.
    """
    name = str(path)
    if name == "-":
        return _stdout()
    target = _resolve(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise BatchError(f"{name}: cannot write output ({exc.strerror})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise BatchError(f"{name}: cannot write output (it is a directory)")
    if (
        st is not None
        and source is not None
        and stat.S_ISREG(st.st_mode)
        and (st.st_dev, st.st_ino) == (source.st_dev, source.st_ino)
    ):
        raise BatchError(
            f"--out {name} is the input file: writing the results over it would destroy it; "
            f"write them to another file",
            EXIT_INPUT,
        )
    if target is not None and (st is None or stat.S_ISREG(st.st_mode)):
        return AtomicOutput(target, name)
    try:  # a device, a pipe, a descriptor: straight into it, as `>>` would
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise BatchError(f"{name}: cannot write output ({exc.strerror})") from None
    return Output(os.fdopen(fd, "wb", buffering=1 << 16), name)
