"""`vais check FILE|DIR [--message-format human|json]`: parse and type-check Vais sources and
report diagnostics.

What gets checked: a file is its own entry module (its imports are found beside it, or in its
project's `src/` and dependencies when it lives there); a project directory (one with `Vais.toml`)
is checked from `src/main.vais` (or `src/lib.vais`) with `src/` as the source root and its locked
dependencies' source roots; any other directory has every `.vais` file under it checked as its own
entry, each file's diagnostics reported once.
Human diagnostics go to stderr followed by a summary line; `--message-format json` prints one JSON
object per diagnostic on stdout.
Exit codes: 0 no errors (warnings allowed), 1 errors, 2 usage errors (e.g. a missing path),
101 an internal compiler error (a bug in vais: reported as such, never as a Python traceback
unless `VAIS_BACKTRACE=full` asks for one).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from vais.syntax.diagnostics import Diagnostic

USAGE_ERROR = 2
INTERNAL_ERROR = 101


@dataclass
class Target:
    """One analysis: an entry module and where its imports are found."""

    entry: Path
    source_root: Path | None = None
    dependency_roots: dict[str, Path] = field(default_factory=dict)


class CheckError(Exception):
    """A problem with what was asked for (missing path, unreadable project), reported without a traceback."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE|DIR", help="source files, directories or projects")
    parser.add_argument("--message-format", choices=("human", "json"), default="human",
                        help="human-readable diagnostics on stderr (default) or JSON lines on stdout")


def run(args: argparse.Namespace) -> int:
    return check_paths(args.paths, args.message_format)


def check_paths(paths: list[str], message_format: str = "human") -> int:
    """Discover and analyse the sources under `paths`; report; return the exit code."""
    try:
        targets = [t for raw in paths for t in discover(Path(raw))]
    except CheckError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return USAGE_ERROR
    diagnostics: list[Diagnostic] = []
    seen: set[tuple] = set()
    checked: set[str] = set()
    for target in targets:
        try:
            found, files = analyse(target)
        except OSError as exc:
            sys.stderr.write(f"error: cannot read {exc.filename or target.entry}: {exc.strerror or exc}\n")
            return USAGE_ERROR
        except Exception as exc:  # a checker bug must not surface as a Python traceback
            internal_error(target.entry, exc)
            return INTERNAL_ERROR
        checked.update(files)
        for diag in found:  # a module imported by several entries is reported once
            key = (diag.code, diag.span.file, diag.span.start, diag.span.end, diag.message)
            if key not in seen:
                seen.add(key)
                diagnostics.append(diag)
    emit(diagnostics, message_format, checked=len(checked))
    return 1 if any(d.is_error for d in diagnostics) else 0


def analyse(target: Target) -> tuple[list[Diagnostic], list[str]]:
    """Parse and type-check one entry: its diagnostics and the user source files it read."""
    from vais.sema import analyse as sema_analyse

    result = sema_analyse(target.entry, source_root=target.source_root, dependency_roots=target.dependency_roots)
    if result.program is None:
        return result.diagnostics, [str(target.entry)]
    return result.diagnostics, [m.path for m in result.program.modules if not m.is_std]


def discover(path: Path) -> list[Target]:
    """The analyses one command-line path asks for."""
    if path.is_file():
        project = next((d for d in path.resolve().parents if (d / "Vais.toml").is_file()), None)
        if project is not None and (project / "src") in path.resolve().parents:
            return [Target(path, project / "src", dependency_roots(project))]
        return [Target(path)]
    if path.is_dir():
        if (path / "Vais.toml").is_file():
            return [project_target(path)]
        files = sorted(p for p in path.rglob("*.vais") if p.is_file())
        if not files:
            raise CheckError(f"no .vais files found under {path}")
        return [Target(f) for f in files]
    if path.exists():
        raise CheckError(f"{path} is neither a file nor a directory")
    raise CheckError(f"no such file or directory: {path}")


def project_target(project: Path) -> Target:
    """A `Vais.toml` project: its `src/main.vais` (or `src/lib.vais`) with its dependencies' sources."""
    src = project / "src"
    entry = next((p for p in (src / "main.vais", src / "lib.vais") if p.is_file()), None)
    if entry is None:
        raise CheckError(f"the project {project} has neither src/main.vais nor src/lib.vais")
    return Target(entry, src, dependency_roots(project))


def dependency_roots(project: Path) -> dict[str, Path]:
    """Where the project's locked dependencies keep their modules (`pkg` knows; sema never asks it)."""
    from vais.pkg import dependency_source_roots
    from vais.pkg.errors import PkgError

    try:
        return dependency_source_roots(project)
    except PkgError as exc:
        raise CheckError(str(exc)) from exc


def internal_error(entry: Path, exc: Exception) -> None:
    """Report a crash of the checker as what it is: a bug in vais, with the file that triggered it."""
    lines = [f"error: internal compiler error while checking {entry}: {type(exc).__name__}: {exc}",
             "note: this is a bug in vais, not in your program; please report it with the file above"]
    if os.environ.get("VAIS_BACKTRACE") == "full":
        lines.append("".join(traceback.format_exception(exc)).rstrip())
    else:
        lines.append("note: run with VAIS_BACKTRACE=full to see the Python traceback")
    sys.stderr.write("\n".join(lines) + "\n")


def emit(diagnostics: list[Diagnostic], message_format: str, checked: int | None = None,
         out: TextIO | None = None, err: TextIO | None = None) -> None:
    """Print diagnostics: JSON lines on stdout, or rustc-style text plus a summary on stderr."""
    from vais.syntax.diagnostics import render_human, render_json, sort_key, summary_line

    out = out or sys.stdout
    err = err or sys.stderr
    ordered = sorted(diagnostics, key=sort_key)
    if message_format == "json":
        for diag in ordered:
            out.write(render_json(diag) + "\n")
        return
    colour = err.isatty() and not os.environ.get("NO_COLOR")
    for diag in ordered:
        err.write(render_human(diag, colour) + "\n\n")
    errors = sum(1 for d in ordered if d.is_error)
    warnings = len(ordered) - errors
    if errors or warnings:
        err.write(summary_line(errors, warnings, colour) + "\n")
    elif checked is not None:
        err.write(f"checked {checked} file{'s' if checked != 1 else ''}: no problems found\n")
