"""`vais fmt [--check [--diff]] [PATH...]`: format Vais sources in the canonical style.

Paths are files or directories (searched recursively for `.vais` files; default `.`). Without
`--check` changed files are rewritten atomically (temporary file + rename, permissions kept) and
unchanged files are not touched. With `--check` nothing is written: the files that would change
are listed (with a unified diff under `--diff`).
Exit codes: 0 nothing to change, 1 files would change (`--check`) or have syntax errors, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

USAGE_ERROR = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                        help="files or directories to format (default: the current directory)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list the files that would change and exit 1 if any")
    parser.add_argument("--diff", action="store_true", help="with --check, also print a unified diff")


def run(args: argparse.Namespace) -> int:
    if args.diff and not args.check:
        sys.stderr.write("error: --diff needs --check\n")
        return USAGE_ERROR
    return format_paths([Path(p) for p in args.paths], check=args.check, diff=args.diff)


def format_paths(paths: list[Path], check: bool = False, diff: bool = False) -> int:
    """Format (or check) every `.vais` file under `paths`; report; return the exit code."""
    from vais.cli.cmd_check import emit
    from vais.syntax.format import FormatError, format_source

    files = discover(paths)
    if files is None:
        return USAGE_ERROR
    changed: list[Path] = []
    broken = 0
    for path in files:
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            sys.stderr.write(f"error: cannot read {path}: {exc.strerror or exc}\n")
            return USAGE_ERROR
        try:
            formatted = format_source(text, str(path))
        except FormatError as exc:
            emit(exc.diagnostics, "human")
            broken += 1
            continue
        if formatted == text:
            continue
        changed.append(path)
        if check:
            sys.stdout.write(f"{path}\n")
            if diff:
                sys.stdout.write(unified_diff(text, formatted, str(path)))
        else:
            write_atomically(path, formatted)
    summarise(len(files), changed, broken, check)
    return 1 if broken or (check and changed) else 0


def discover(paths: list[Path]) -> list[Path] | None:
    """The `.vais` files named by `paths` (directories recursively), or None after a usage error."""
    files: list[Path] = []
    for path in paths:
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.vais") if p.is_file()))
        else:
            sys.stderr.write(f"error: no such file or directory: {path}\n")
            return None
    return list(dict.fromkeys(files))


def unified_diff(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"{name} (original)", tofile=f"{name} (formatted)")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` by a sibling temporary file so readers never see a half-written file."""
    import os
    import tempfile

    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".fmt-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def summarise(total: int, changed: list[Path], broken: int, check: bool) -> None:
    verb = "would reformat" if check else "reformatted"
    parts = [f"{verb} {len(changed)} file{'s' if len(changed) != 1 else ''}",
             f"{total - len(changed) - broken} unchanged"]
    if broken:
        parts.append(f"{broken} with syntax errors")
    sys.stderr.write(", ".join(parts) + "\n")
