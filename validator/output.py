"""Where a report goes: standard output, or the file the user named, and nothing else.

A regular file is replaced atomically (a temporary file beside it, then a rename), so that a
killed run leaves the old report or the new one, never half of one; a new report gets the
mode the umask allows, a replaced one keeps its mode. A symlink stays a symlink: the file it
points to is replaced. A device or FIFO (/dev/null, /dev/stdout, a named pipe) is written in
place, never replaced by a regular file. Every failure is an OutputError with one line."""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import sys
import tempfile
from typing import BinaryIO, Callable, Iterator, TextIO

from .paths import printable_path

Render = Callable[[TextIO], None]


class OutputError(Exception):
    pass


def write(render: Render, output: str | None) -> None:
    if output is None:
        _to_stdout(render)
    else:
        try:
            _to_file(render, output)
        except OSError as exc:
            raise OutputError(f"cannot write the report to {printable_path(output)}: {exc.strerror or exc}") from None


def _to_stdout(render: Render) -> None:
    if sys.stdout is None:
        raise OutputError("cannot write the report: standard output is closed")
    try:
        render(sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write the report to standard output: {exc.strerror or exc}") from None


_DESCRIPTORS = re.compile(r"/dev/(?:std(?:out|err)|fd/(\d+))|/proc/self/fd/(\d+)")


def _to_file(render: Render, output: str) -> None:
    named = _DESCRIPTORS.fullmatch(output)
    if named:  # an open descriptor (>(cmd), >> log): written as it is open, appending where it appends
        number = {"/dev/stdout": 1, "/dev/stderr": 2}.get(output) or int(named.group(1) or named.group(2))
        with _text(os.dup(number)) as stream:
            render(stream)
        return
    target = os.path.realpath(output)  # through symlinks: the link stays, its target gets the report
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise OutputError(f"cannot write the report to {printable_path(output)}: it is a directory")
    if status is not None and not stat.S_ISREG(status.st_mode):
        _in_place(render, target, status)
    else:
        _atomically(render, target, status)


def _in_place(render: Render, target: str, status: os.stat_result) -> None:
    """A device or FIFO: opened for writing as it is, never created, truncated or replaced."""
    flags = os.O_WRONLY | os.O_NOCTTY
    if stat.S_ISFIFO(status.st_mode):
        flags |= os.O_NONBLOCK  # no reader: fail at once (ENXIO) instead of waiting for one
    try:
        descriptor = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise OutputError(f"cannot write the report to {printable_path(target)}: "
                              "nothing is reading from it") from None
        raise
    if flags & os.O_NONBLOCK:
        fcntl.fcntl(descriptor, fcntl.F_SETFL, fcntl.fcntl(descriptor, fcntl.F_GETFL) & ~os.O_NONBLOCK)
    with _text(descriptor) as stream:
        render(stream)


def write_bytes(render: Callable[[BinaryIO], None], output: str) -> None:
    """A file of bytes (`newslint fix`'s repaired copy), replaced atomically as a report is;
    anything but a regular file (or none) in its place is refused."""
    target = os.path.realpath(output)
    try:
        status = os.stat(target)
    except FileNotFoundError:
        status = None
    try:
        if status is not None and not stat.S_ISREG(status.st_mode):
            raise OutputError(f"cannot write {printable_path(output)}: it is not a regular file")
        _atomically(render, target, status, binary=True)
    except OSError as exc:
        raise OutputError(f"cannot write {printable_path(output)}: {exc.strerror or exc}") from None


def _atomically(render: Callable, target: str, status: os.stat_result | None, binary: bool = False) -> None:
    folder, name = os.path.split(target)
    handle, temporary = tempfile.mkstemp(dir=folder or ".", prefix=f".{name}.", suffix=".tmp")
    try:
        with (os.fdopen(handle, "wb") if binary else _text(handle)) as stream:
            render(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if status is None:
            os.chmod(temporary, 0o666 & ~_umask())
        else:
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
            with contextlib.suppress(OSError):  # keep the owner where we may (root replacing a user's report)
                os.chown(temporary, status.st_uid, status.st_gid)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _text(descriptor: int) -> TextIO:
    """A report's stream on an open descriptor: UTF-8, with Unix line ends."""
    return os.fdopen(descriptor, "w", encoding="utf-8", newline="\n")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def stdout_kept_for_report() -> Iterator[None]:
    """While rules run, whatever they (or plug-ins, or worker processes) print goes to standard
    error, so that nothing but the report reaches standard output."""
    saved = None
    try:
        if sys.stdout is not None and sys.stdout.fileno() == 1 and sys.stderr is not None:
            sys.stdout.flush()
            saved = os.dup(1)
            os.dup2(sys.stderr.fileno(), 1)
    except (OSError, ValueError, AttributeError):  # not a real descriptor (a test's capture): Python level only
        saved = None
    previous = sys.stdout
    sys.stdout = sys.stderr
    try:
        yield
    finally:
        sys.stdout = previous
        if saved is not None:
            with contextlib.suppress(OSError):
                sys.stderr.flush()
                os.dup2(saved, 1)
            os.close(saved)
