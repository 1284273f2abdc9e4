"""`vais fmt [--check] [--diff] [PATH...]`: format Vais sources in the canonical style
(docs/formatting.md).

PATHs are files or directories (default `.`). A directory holding `Vais.toml` is a project: its
`src/` is formatted. Any other directory is searched recursively for `.vais` files, skipping
hidden directories. `-` formats standard input to standard output.
Without `--check`, changed files are rewritten atomically (a temporary file renamed over the
original, permissions kept); unchanged files are not touched. With `--check` nothing is written:
the files that would change are listed on stdout, each followed by a unified diff with `--diff`
(which implies `--check`). Files with syntax errors are reported like `vais check` does and left
alone.
Exit codes: 0 nothing to change, 1 files would change (`--check`), have syntax errors or could
not be written, 2 usage errors, 101 an internal formatter error (the file is left unchanged).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

USAGE_ERROR = 2
INTERNAL_ERROR = 101


class UsageError(Exception):
    """A path that cannot be formatted (missing, unreadable)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                        help="files, directories or projects to format (default: .); - for stdin")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list the files that would change and exit 1 if any")
    parser.add_argument("--diff", action="store_true", help="like --check, and print a unified diff for each")


def run(args: argparse.Namespace) -> int:
    check = args.check or args.diff
    if args.paths == ["-"]:
        return format_stdin(check)
    if "-" in args.paths:
        sys.stderr.write("error: `-` (standard input) cannot be combined with other paths\n")
        return USAGE_ERROR
    try:
        files = discover([Path(p) for p in args.paths])
    except UsageError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return USAGE_ERROR
    return format_files(files, check, args.diff)


def discover(paths: list[Path]) -> list[Path]:
    """The `.vais` files named by `paths`, in order, each once."""
    files: list[Path] = []
    for path in paths:
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            root = path / "src" if (path / "Vais.toml").is_file() else path
            files.extend(sorted(p for p in root.rglob("*.vais")
                                if p.is_file() and not _hidden(p.relative_to(root))))
        elif path.exists():
            raise UsageError(f"{path} is neither a file nor a directory")
        else:
            raise UsageError(f"no such file or directory: {path}")
    return list(dict.fromkeys(files))


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts[:-1])


def format_files(files: list[Path], check: bool, diff: bool) -> int:
    """Format (or check) each file; report; return the exit code."""
    from vais.cli.cmd_check import emit
    from vais.syntax.files import read_source
    from vais.syntax.format import FormatError, FormatterBug, format_source

    changed = broken = 0  # broken: syntax errors or unwritable
    for path in files:
        try:
            text, not_utf8 = read_source(path)
        except OSError as exc:
            sys.stderr.write(f"error: cannot read {path}: {exc.strerror or exc}\n")
            return USAGE_ERROR
        if not_utf8 is not None:  # never write replacement characters over the user's bytes
            emit([not_utf8], "human")
            broken += 1
            continue
        try:
            formatted = format_source(text, str(path))
        except FormatError as exc:
            emit(exc.diagnostics, "human")
            broken += 1
            continue
        except FormatterBug as exc:
            internal_error(path, exc)
            return INTERNAL_ERROR
        if formatted == text:
            continue
        changed += 1
        if check:
            sys.stdout.write(f"{path}\n")
            if diff:
                sys.stdout.write(unified_diff(text, formatted, str(path)))
        else:
            try:
                write_atomically(path, formatted)
            except OSError as exc:
                sys.stderr.write(f"error: cannot write {path}: {exc.strerror or exc} (left unchanged)\n")
                broken += 1
                changed -= 1
                continue
            sys.stderr.write(f"reformatted {path}\n")
    summarise(len(files), changed, broken, check)
    return 1 if broken or (check and changed) else 0


def format_stdin(check: bool) -> int:
    """`vais fmt -`: standard input to standard output (for editors)."""
    from vais.cli.cmd_check import emit
    from vais.syntax.format import FormatError, FormatterBug, format_source

    text = sys.stdin.read()
    try:
        formatted = format_source(text, "<stdin>")
    except FormatError as exc:
        emit(exc.diagnostics, "human")
        return 1
    except FormatterBug as exc:
        internal_error(Path("<stdin>"), exc)
        return INTERNAL_ERROR
    if check:
        return 1 if formatted != text else 0
    sys.stdout.write(formatted)
    return 0


def unified_diff(before: str, after: str, name: str) -> str:
    import difflib

    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"{name} (original)", tofile=f"{name} (formatted)")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` through a sibling temporary file, so no reader ever sees half a file and
    a crash leaves the original in place; the file's permission bits are kept."""
    import tempfile

    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def internal_error(path: Path, exc: Exception) -> None:
    sys.stderr.write(f"error: internal formatter error on {path}: {exc}\n"
                     "note: the file was left unchanged; this is a bug in vais, please report it with\n"
                     "      the file\n")


def summarise(total: int, changed: int, broken: int, check: bool) -> None:
    verb = "would reformat" if check else "reformatted"
    parts = [f"{verb} {changed} file{'s' if changed != 1 else ''}", f"{total - changed - broken} unchanged"]
    if broken:
        parts.append(f"{broken} not formatted (errors above)")
    sys.stderr.write(", ".join(parts) + "\n")
