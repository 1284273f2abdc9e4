"""`vais search`: find packages on a registry by name, description or keyword."""

from __future__ import annotations

import argparse
import json

from vais.cli.registry_args import add_registry_arg, client_for, reports_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_registry_arg(parser)
    parser.add_argument("query", nargs="+")
    parser.add_argument("--page", type=int, default=1)
    parser.add_argument("--limit", type=int, default=20, help="results per page (max 100)")
    parser.add_argument("--format", choices=["text", "json"], default="text")


@reports_errors
def run(args: argparse.Namespace) -> int:
    with client_for(args) as client:
        result = client.search(" ".join(args.query), args.page, args.limit)
    if args.format == "json":
        print(json.dumps(result, indent=2))
        return 0
    for item in result["items"]:
        version = item["max_version"] or "-"
        print(f"{item['name']} = \"{version}\"  # {item['description']} ({item['downloads']} downloads)")
    print(f"{result['total']} matching packages (page {result['page']} of {result['pages']})")
    return 0
