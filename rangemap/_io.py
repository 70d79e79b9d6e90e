"""Small file helpers shared by the stages: atomic writes and careful reads."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import InputError, OutputExistsError

__all__ = ["write_atomic", "read_text", "check_overwrite"]


def check_overwrite(path: str | os.PathLike, *, force: bool) -> None:
    """Refuse to replace an existing file unless ``force`` is set."""
    if not force and Path(path).exists():
        raise OutputExistsError(f"{os.fspath(path)!r} already exists; pass --force to overwrite it")


def write_atomic(path: str | os.PathLike, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    A crash or an error part-way leaves the old file (if any) untouched.
    """
    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:  # name the file the user asked for, not our temporary one
        raise OSError(exc.errno, f"cannot write here ({exc.strerror})", os.fspath(target)) from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual mode
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


def read_text(path: str | os.PathLike) -> str:
    """Read a UTF-8 text file (``-`` for stdin) with one-line errors."""
    name = os.fspath(path)
    if name == "-":
        raw = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        try:
            raw = Path(name).read_bytes()
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{name}: is a directory, not a text file") from None
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"{name}: looks like a binary file, not UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"{name}: line {line}: not valid UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start})") from None
    return text
