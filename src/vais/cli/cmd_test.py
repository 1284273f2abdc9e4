"""`vais test [PATH] [--filter TEXT]`: run the `#[test]` functions of a file or project."""

from __future__ import annotations

import argparse
import os
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", metavar="FILE|DIR", help="a .vais file or a project")
    parser.add_argument("--filter", metavar="TEXT", help="run only tests whose name contains TEXT")
    parser.add_argument("--no-cache", action="store_true", help="recompile even if a cached build exists")


def run(args: argparse.Namespace) -> int:
    from vais.backend.python.engine import build
    from vais.backend.python.testing import run_tests
    from vais.cli.cmd_check import emit
    from vais.cli.project import TargetError, locate

    try:
        target = locate(args.path, ("lib.vais", "main.vais"))
    except TargetError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    result = build(target.entry, target.source_root, target.dependency_roots, not args.no_cache)
    if result.diagnostics:
        emit(result.diagnostics, "human")
    if result.compiled is None:
        return 1
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    green, red, reset = ("\x1b[32m", "\x1b[31m", "\x1b[0m") if colour else ("", "", "")
    total = len(result.compiled.tests)
    print(f"running {total} test{'s' if total != 1 else ''}", flush=True)

    def report(o) -> None:
        status = f"{green}ok{reset}" if o.passed else f"{red}FAILED{reset}"
        print(f"test {o.name} ... {status}", flush=True)

    outcomes = run_tests(result.compiled, args.filter, report)
    failed = [o for o in outcomes if not o.passed]
    if failed:
        print("\nfailures:")
        for o in failed:
            print(f"\n---- {o.name} ({o.file}:{o.line}) ----")
            print(f"panic: {o.message}")
            if o.location:
                print(f"  at {o.location}")
    passed = len(outcomes) - len(failed)
    print(f"\n{passed} passed, {len(failed)} failed")
    return 1 if failed else 0
