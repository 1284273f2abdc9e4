"""`vais update [NAME...]`: re-resolve (everything, or only NAME, keeping the rest locked)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("names", nargs="*", metavar="NAME", help="packages to update (default: all)")
    parser.add_argument("--registry", help="registry URL (https://..., file:///dir) or configured name")
    parser.add_argument("--prefer-lowest", action="store_true", help="choose the lowest allowed versions")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from vais.pkg.install import InstallOptions, install
    from vais.pkg.ui import print_install, progress_bars, report_errors

    def body() -> int:
        options = InstallOptions(registry=args.registry, prefer_lowest=args.prefer_lowest, update=tuple(args.names))
        with progress_bars() as bars:
            result = install(Path.cwd(), options, bars)
        print_install(result)
        return 0

    return report_errors(body)
