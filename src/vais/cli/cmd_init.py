"""`vais init [--lib]`: make the current directory a Vais project."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", help="directory to initialise (default: current)")
    parser.add_argument("--lib", action="store_true", help="create a library (src/lib.vais) instead of a program")
    parser.add_argument("--name", help="package name (default: the directory name)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from vais.pkg.project import init_project
    from vais.pkg.ui import report_errors, status

    def body() -> int:
        init_project(Path(args.path), args.name, args.lib)
        status("Created", f"{'library' if args.lib else 'binary (application)'} package in {args.path}")
        return 0

    return report_errors(body)
