"""`vais tree`: show the locked dependency tree."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser  # no options


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from vais.pkg.report import render_tree
    from vais.pkg.ui import report_errors

    def body() -> int:
        print(render_tree(Path.cwd()))
        return 0

    return report_errors(body)
