"""`vais run [--no-cache] [FILE|DIR] [--] [ARGS...]`: compile (or load from the cache) and run.

Parsed by hand rather than with argparse: this path is taken on every run and must start fast.
Everything after the program path (or after `--`) is passed to the program untouched.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

USAGE = "usage: vais run [--no-cache] [FILE|DIR] [--] [ARGS...]\n"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """For `vais help run` only: `vais run` itself is dispatched to `main` before argparse."""
    parser.add_argument("--no-cache", action="store_true", help="recompile even if a cached build exists")
    parser.add_argument("path", nargs="?", metavar="FILE|DIR", help="a .vais file or a project (default: .)")
    import argparse

    parser.add_argument("args", nargs=argparse.REMAINDER, help="arguments passed to the program")


def run(args: argparse.Namespace) -> int:
    return run_path(args.path or ".", args.args, not args.no_cache)


def main(argv: list[str]) -> int:
    use_cache = True
    path: str | None = None
    args: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            args = argv[i + 1:]
            break
        if path is None and arg == "--no-cache":
            use_cache = False
        elif path is None and arg in ("-h", "--help"):
            sys.stdout.write(USAGE + "Runs a Vais program on the Python engine; main's integer result is the "
                             "exit code.\n")
            return 0
        elif path is None and arg.startswith("-"):
            sys.stderr.write(f"{USAGE}error: unknown option {arg}\n")
            return 2
        elif path is None:
            path = arg
        else:
            args = argv[i:]
            break
        i += 1
    return run_path(path or ".", args, use_cache)


def run_path(path: str, args: list[str], use_cache: bool = True) -> int:
    from vais.backend.python.engine import build
    from vais.backend.python.launch import run
    from vais.cli.project import TargetError, locate

    try:
        target = locate(path)
    except TargetError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    result = build(target.entry, target.source_root, target.dependency_roots, use_cache)
    if result.diagnostics:
        from vais.cli.cmd_check import emit

        emit(result.diagnostics, "human")
    if result.compiled is None:
        return 1
    if result.compiled.main is None:
        sys.stderr.write(f"error[E0260]: `{target.entry}` has no `main` function\n"
                         "help: add `F main() { ... }`, or run a file that has one\n")
        return 1
    return run(result.compiled, args)
