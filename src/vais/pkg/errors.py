"""The one exception type of the package manager, so the CLI can report every failure alike."""

from __future__ import annotations


class PkgError(Exception):
    """A user-facing package-manager error: the message says what, where and how to fix it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
