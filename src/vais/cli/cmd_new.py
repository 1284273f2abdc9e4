"""`vais new NAME [--lib]`: create a new project directory."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="directory to create (its name is the package name)")
    add_kind_arguments(parser)


def add_kind_arguments(parser: argparse.ArgumentParser) -> None:
    """The options `vais new` and `vais init` share: what kind of package, under which name."""
    parser.add_argument("--lib", action="store_true", help="create a library (src/lib.vais) instead of a program")
    parser.add_argument("--name", help="package name (default: the directory name)")


def run(args: argparse.Namespace) -> int:
    from vais.pkg.project import new_project

    return create_project(new_project, args)


def create_project(create: Callable[[Path, str | None, bool], object], args: argparse.Namespace) -> int:
    """Run `create` on the command's path/name/kind and report it as Cargo does."""
    from vais.pkg.ui import report_errors, status

    def body() -> int:
        create(Path(args.path), args.name, args.lib)
        status("Created", f"{'library' if args.lib else 'binary (application)'} package in {args.path}")
        return 0

    return report_errors(body)
