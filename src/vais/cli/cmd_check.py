"""`vais check FILE|DIR [--message-format human|json]`: parse (and, once sema plugs into
`analyse`, type-check) Vais sources and report diagnostics.

A directory is searched for `.vais` files recursively; a project directory (one with `Vais.toml`
and `src/`) is checked through its `src/`. Human diagnostics go to stderr followed by a summary
line; `--message-format json` prints one JSON object per diagnostic on stdout.
Exit codes: 0 no errors (warnings allowed), 1 errors, 2 usage errors (e.g. a missing path).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from vais.syntax.ast import Module
    from vais.syntax.diagnostics import Diagnostic

USAGE_ERROR = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE|DIR", help="source files, directories or projects")
    parser.add_argument("--message-format", choices=("human", "json"), default="human",
                        help="human-readable diagnostics on stderr (default) or JSON lines on stdout")


def run(args: argparse.Namespace) -> int:
    return check_paths(args.paths, args.message_format)


def check_paths(paths: list[str], message_format: str = "human") -> int:
    """Discover, parse and analyse the sources under `paths`; report; return the exit code."""
    from vais.syntax import parse_source

    files: list[Path] = []
    for raw in paths:
        found = discover(Path(raw))
        if isinstance(found, str):
            sys.stderr.write(f"error: {found}\n")
            return USAGE_ERROR
        files.extend(found)
    modules: list[Module] = []
    diagnostics: list[Diagnostic] = []
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            sys.stderr.write(f"error: cannot read {path}: {exc.strerror or exc}\n")
            return USAGE_ERROR
        module, diags = parse_source(text, str(path))
        modules.append(module)
        diagnostics.extend(diags)
    if not any(d.is_error for d in diagnostics):
        diagnostics.extend(analyse(modules))
    emit(diagnostics, message_format, checked=len(files))
    return 1 if any(d.is_error for d in diagnostics) else 0


def analyse(modules: list[Module]) -> list[Diagnostic]:
    """Semantic analysis of syntactically valid modules (the type checker plugs in here)."""
    return []


def discover(path: Path) -> list[Path] | str:
    """The files to check for one command-line path, or an error message."""
    if path.is_file():
        return [path]
    if path.is_dir():
        root = path / "src" if (path / "Vais.toml").is_file() and (path / "src").is_dir() else path
        files = sorted(p for p in root.rglob("*.vais") if p.is_file())
        if not files:
            return f"no .vais files found under {root}"
        return files
    if path.exists():
        return f"{path} is neither a file nor a directory"
    return f"no such file or directory: {path}"


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
