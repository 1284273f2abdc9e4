"""`vais metadata --format json`: the project's packages, resolve graph and source paths for tools."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["json"], default="json", help="output format (json)")


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from vais.pkg.report import metadata
    from vais.pkg.ui import report_errors

    def body() -> int:
        print(json.dumps(metadata(Path.cwd()), indent=2))
        return 0

    return report_errors(body)
