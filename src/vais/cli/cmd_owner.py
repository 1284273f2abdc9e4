"""`vais owner add|remove|list`: who may publish and yank a package."""

from __future__ import annotations

import argparse

from vais.cli.registry_args import add_registry_arg, client_for, reports_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="owner_command", required=True, metavar="ACTION")
    for action, summary in (("add", "add owners"), ("remove", "remove owners")):
        p = sub.add_parser(action, help=summary)
        p.add_argument("package")
        p.add_argument("users", nargs="+", metavar="USER")
        p.add_argument("--token", help="API token with the owners scope")
        add_registry_arg(p)
    listing = sub.add_parser("list", help="list owners")
    listing.add_argument("package")
    add_registry_arg(listing)


@reports_errors
def run(args: argparse.Namespace) -> int:
    with client_for(args, token=getattr(args, "token", None)) as client:
        if args.owner_command == "list":
            owners = client.owners(args.package)
        else:
            owners = client.change_owners(args.package, args.users, args.owner_command == "add")
    print(f"owners of {args.package}: {', '.join(owners)}")
    return 0
