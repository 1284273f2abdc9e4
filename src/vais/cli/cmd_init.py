"""`vais init [--lib]`: make the current directory a Vais project."""

from __future__ import annotations

import argparse

from vais.cli.cmd_new import add_kind_arguments, create_project


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", default=".", help="directory to initialise (default: current)")
    add_kind_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from vais.pkg.project import init_project

    return create_project(init_project, args)
