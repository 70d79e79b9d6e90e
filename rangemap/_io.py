"""File helpers shared by the stages: careful reads and atomic writes.

Reads are bounded (:data:`MAX_INPUT_BYTES`) and give one-line errors that name
the file. Writes go to a temporary file in the same folder, created with the
usual permissions (``0o666`` less the umask, applied by the kernel), then
renamed over the target, so an error or a signal part-way leaves the old file
untouched and no temporary file behind.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from ._text import quote_value
from .errors import InputError, OutputExistsError, RangemapError

__all__ = ["write_atomic", "write_with", "read_text", "read_bytes", "check_overwrite", "check_output",
           "MAX_INPUT_BYTES"]

#: The largest input file rangemap reads (articles and scenarios alike).
MAX_INPUT_BYTES = 50 * 1024 * 1024


def _name(path: str | os.PathLike) -> str:
    name = os.fspath(path)
    return quote_value(name, 200) if ("\n" in name or "\r" in name or len(name) > 200) else name


def check_overwrite(path: str | os.PathLike, *, force: bool) -> None:
    """Refuse to replace an existing file unless ``force`` is set."""
    if not force and Path(path).exists():
        raise OutputExistsError(f"{_name(path)} already exists; pass --force to overwrite it")


def check_output(path: str | os.PathLike, *, inputs: Iterable[str | os.PathLike] = ()) -> Path:
    """Check an output path before any work: not empty, not a folder, not one of the inputs."""
    name = os.fspath(path)
    if not name.strip():
        raise InputError("the output file name is empty")
    target = Path(name)
    if name.endswith(("/", os.sep)) or target.is_dir():
        raise InputError(f"{_name(name)} is a folder; give a file name (such as {_name(Path(name) / 'scenario.toml')})")
    for src in inputs:
        if src is None or os.fspath(src) == "-":
            continue
        try:
            same = target.exists() and os.path.samefile(target, src)
        except OSError:
            same = False
        if same or os.path.abspath(name) == os.path.abspath(os.fspath(src)):
            raise InputError(f"{_name(name)} is the input file; refusing to write over it (choose another -o)")
    return target


def _temp_path(target: Path) -> Path:
    return target.parent / f".rangemap-{secrets.token_hex(6)}.tmp"


def write_with(path: str | os.PathLike, writer: Callable[[Path], None]) -> Path:
    """Call ``writer(tmp_path)`` to write a temporary file, then rename it over
    ``path``. The temporary file is removed on any error, including
    KeyboardInterrupt and SystemExit (SIGTERM in the CLI)."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot create the folder ({exc.strerror})", os.fspath(target)) from None
    tmp = _temp_path(target)
    try:
        writer(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        _unlink(tmp)
        if exc.filename and os.fspath(exc.filename) == os.fspath(tmp):
            raise OSError(exc.errno, f"cannot write here ({exc.strerror})", os.fspath(target)) from None
        raise
    except BaseException:
        _unlink(tmp)
        raise
    return target


def _unlink(p: Path) -> None:
    for extra in ("", "-journal", "-wal", "-shm"):
        try:
            os.unlink(f"{p}{extra}")
        except FileNotFoundError:
            pass
        except OSError:
            pass


def write_atomic(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see the module docstring).

    An existing character device or named pipe (``/dev/null``, ``/dev/stdout``,
    a FIFO) is written to directly, never replaced.
    """
    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = 0
    if mode and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise InputError(f"{_name(target)} is a folder; give a file name")
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            with open(target, "wb") as fh:
                fh.write(raw)
            return target
        raise InputError(f"{_name(target)} is not a regular file; refusing to replace it")

    def write(tmp: Path) -> None:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the kernel applies the umask
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())

    return write_with(target, write)


def read_bytes(path: str | os.PathLike, *, error: type[RangemapError] = InputError) -> bytes:
    """Read a file (``-`` for stdin) of at most :data:`MAX_INPUT_BYTES`, with one-line errors."""
    name = os.fspath(path)
    shown = _name(name)
    try:
        if name == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
            shown = "<stdin>"
        else:
            with open(name, "rb") as fh:
                raw = fh.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise error(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise error(f"{shown}: is a folder, not a text file") from None
    except OSError as exc:
        raise error(f"{shown}: cannot read ({exc.strerror})") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise error(f"{shown}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB; rangemap reads articles and "
                    "scenario files, not data dumps")
    return raw


def read_text(path: str | os.PathLike) -> str:
    """Read a UTF-8 text file (``-`` for stdin) with one-line errors."""
    name = os.fspath(path)
    raw = read_bytes(name)
    shown = "<stdin>" if name == "-" else _name(name)
    if b"\x00" in raw[:8192]:
        raise InputError(f"{shown}: looks like a binary file, not UTF-8 text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"{shown}: line {line}: not valid UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start})") from None
