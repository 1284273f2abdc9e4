"""`vais remove NAME`: drop a dependency from Vais.toml and Vais.lock."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="dependency to remove")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from vais.pkg.edit import remove_dependency
    from vais.pkg.install import InstallOptions, install
    from vais.pkg.ui import print_install, report_errors, status

    def body() -> int:
        project = Path.cwd()
        edit = remove_dependency(project, args.name)
        try:
            result = install(project, InstallOptions())
        except BaseException:
            edit.restore()
            raise
        status("Removing", f"{args.name} from Vais.toml")
        print_install(result)
        return 0

    return report_errors(body)
