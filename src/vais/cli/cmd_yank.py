"""`vais yank` / `vais unyank`: hide a version from new resolutions (lock files keep working), or undo it."""

from __future__ import annotations

import argparse

from vais.cli.registry_args import add_registry_arg, client_for, reports_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_registry_arg(parser)
    parser.add_argument("spec", metavar="NAME@VERSION", help="the version, e.g. my-lib@1.2.0")
    parser.add_argument("--token", help="API token with the yank scope (instead of stored credentials)")


def parse_spec(spec: str) -> tuple[str, str]:
    from vais.pkg.errors import PkgError

    name, sep, version = spec.partition("@")
    if not sep or not name or not version:
        raise PkgError(f"expected NAME@VERSION (e.g. my-lib@1.2.0), got '{spec}'")
    return name, version


@reports_errors
def run(args: argparse.Namespace) -> int:
    yanked = args.command == "yank"
    name, version = parse_spec(args.spec)
    with client_for(args, token=args.token) as client:
        client.set_yanked(name, version, yanked)
    print(f"{'yanked' if yanked else 'unyanked'} {name} {version}")
    return 0
