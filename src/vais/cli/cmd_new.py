"""`vais new NAME [--lib]`: create a new project directory."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="directory to create (its name is the package name)")
    parser.add_argument("--lib", action="store_true", help="create a library (src/lib.vais) instead of a program")
    parser.add_argument("--name", help="package name (default: the directory name)")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from vais.pkg.project import new_project
    from vais.pkg.ui import report_errors, status

    def body() -> int:
        new_project(Path(args.path), args.name, args.lib)
        status("Created", f"{'library' if args.lib else 'binary (application)'} package in {args.path}")
        return 0

    return report_errors(body)
