"""`vais install`: resolve dependencies, write Vais.lock, and fill the package cache."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--locked", action="store_true", help="fail if Vais.lock would change")
    mode.add_argument("--frozen", action="store_true", help="like --locked, and never use the network")
    parser.add_argument("--registry", help="registry URL (https://..., file:///dir) or configured name")
    parser.add_argument("--prefer-lowest", action="store_true", help="choose the lowest allowed versions")
    parser.add_argument("--username", help="registry user name")
    parser.add_argument("--token", help="registry API token")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from vais.pkg.install import InstallOptions, install
    from vais.pkg.ui import print_install, progress_bars, report_errors

    def body() -> int:
        options = InstallOptions(locked=args.locked, frozen=args.frozen, registry=args.registry,
                                 prefer_lowest=args.prefer_lowest, username=args.username, token=args.token,
                                 update=() if args.prefer_lowest else None)
        with progress_bars() as bars:
            result = install(Path.cwd(), options, bars)
        print_install(result)
        return 0

    return report_errors(body)
