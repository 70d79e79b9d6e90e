"""One error hierarchy for rangemap.

Every error rangemap raises on bad input is a :class:`RangemapError`. Each
subclass also inherits the builtin a caller would expect, so ``except
ValueError`` keeps working. The CLI turns any of these into a one-line message
and a non-zero exit code; nothing here knows about the CLI.
"""

from __future__ import annotations

__all__ = [
    "RangemapError",
    "GeodesyError",
    "ConfigError",
    "UnknownNameError",
    "UnknownPlaceError",
    "UnknownCountryError",
    "UnknownSystemError",
    "InputError",
    "OutputExistsError",
]


class RangemapError(Exception):
    """Base class of every error rangemap raises on purpose."""


class GeodesyError(RangemapError, ValueError):
    """A bad argument to a geodesic function (latitude, radius, tolerance)."""


class ConfigError(RangemapError, ValueError):
    """A scenario file that cannot be used: syntax, unknown key, bad value."""


class InputError(RangemapError, ValueError):
    """An input file that cannot be read: missing, binary, not UTF-8."""


class UnknownNameError(RangemapError, LookupError):
    """A name that a lookup table does not hold; ``suggestions`` holds up to
    three close names."""

    def __init__(self, message: str, *, name: str = "", suggestions: tuple[str, ...] = ()):
        super().__init__(message)
        self.name = name
        self.suggestions = tuple(suggestions)


class UnknownPlaceError(UnknownNameError):
    """A place name the gazetteer does not know."""


class UnknownCountryError(UnknownPlaceError):
    """A country name or code that the bundled borders do not hold."""


class UnknownSystemError(UnknownNameError):
    """A missile name or alias that the catalogue does not hold (a ``LookupError``)."""


class OutputExistsError(RangemapError, FileExistsError):
    """Refusing to overwrite a file without ``--force``."""


def did_you_mean(suggestions: tuple[str, ...] | list[str]) -> str:
    """Format suggestions as ``" (did you mean 'a', 'b'?)"``, or ``""``."""
    if not suggestions:
        return ""
    return " (did you mean " + ", ".join(repr(s) for s in suggestions) + "?)"
