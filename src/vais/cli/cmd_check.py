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
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from vais.cli.project import Target
    from vais.syntax.diagnostics import Diagnostic

USAGE_ERROR = 2
INTERNAL_ERROR = 101


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
    except OSError as exc:  # an unreadable directory while searching it
        sys.stderr.write(f"error: cannot read {exc.filename}: {exc.strerror or exc}\n")
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

    root = Path(target.source_root) if target.source_root else None
    deps = {name: Path(p) for name, p in target.dependency_roots.items()}
    result = sema_analyse(Path(target.entry), source_root=root, dependency_roots=deps)
    if result.program is None:
        return result.diagnostics, [str(target.entry)]
    return result.diagnostics, [m.path for m in result.program.modules if not m.is_std]


def discover(path: Path) -> list[Target]:
    """The analyses one command-line path asks for: a file or project as `vais run` finds it (same
    source root and dependencies), or every file of a plain directory as its own entry."""
    from vais.cli.project import MANIFESTS, Target, TargetError, locate

    if path.is_dir() and not any((path / m).is_file() for m in MANIFESTS):
        files = sorted(p for p in path.rglob("*.vais") if p.is_file())
        if not files:
            raise CheckError(f"no .vais files found under {path}")
        return [Target(str(f)) for f in files]
    if path.exists() and not (path.is_file() or path.is_dir()):
        raise CheckError(f"{path} is neither a file nor a directory")
    try:
        return [locate(str(path), ("main.vais", "lib.vais"))]
    except TargetError as exc:
        raise CheckError(str(exc)) from exc


def internal_error(entry: str, exc: Exception) -> None:
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
