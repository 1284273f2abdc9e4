"""Terminal output for package commands: status lines, progress bars on a tty, error reporting."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from vais.pkg.errors import PkgError
from vais.pkg.install import InstallResult
from vais.pkg.sources import Progress


def status(verb: str, message: str) -> None:
    """A cargo-style status line on stderr (`  Installing mylib 1.0.0`)."""
    sys.stderr.write(f"{verb:>12} {message}\n")


def warn(message: str) -> None:
    sys.stderr.write(f"{message}\n" if "warning:" in message else f"warning: {message}\n")


@contextmanager
def progress_bars() -> Iterator[Callable[[str], Progress | None]]:
    """Yield `start(label) -> progress callback`; rich bars when stderr is a terminal, else nothing."""
    if not sys.stderr.isatty():
        yield lambda label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, TextColumn
    from rich.progress import Progress as RichProgress

    with RichProgress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
                      console=Console(stderr=True), transient=True) as bars:
        def start(label: str) -> Progress:
            task = bars.add_task(label, total=None)

            def update(done: int, total: int | None) -> None:
                bars.update(task, completed=done, total=total)
            return update
        yield start


def print_install(result: InstallResult) -> None:
    """Summarise an install: lock changes, newly unpacked packages, and manifest warnings."""
    for warning in result.manifest.warnings:
        warn(warning)
    if result.lock_written:
        for change in result.changes:
            status("Locking", change)
    for label in result.installed:
        status("Installed", label)
    count = len(result.lockfile.packages) - 1
    status("Finished", f"{count} dependenc{'y' if count == 1 else 'ies'} "
                       f"{'locked in' if result.lock_written else 'up to date with'} Vais.lock")


def report_errors(action: Callable[[], int]) -> int:
    """Run a command body; print a PkgError as `error: ...` and return exit code 1."""
    try:
        return action()
    except PkgError as exc:
        sys.stderr.write(f"error: {exc.message}\n")
        return 1
