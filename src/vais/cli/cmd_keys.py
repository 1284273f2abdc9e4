"""`vais keys add|list|revoke`: manage the public keys the registry accepts your signatures from."""

from __future__ import annotations

import argparse
from pathlib import Path

from vais.cli.registry_args import add_registry_arg, client_for, reports_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="register a public key (PEM)")
    add.add_argument("public_key", type=Path, help="the .pub.pem file from `vais keygen`")
    listing = sub.add_parser("list", help="list registered keys")
    listing.add_argument("--owner", help="only this user's keys")
    revoke = sub.add_parser("revoke", help="revoke a key: packages it signed stop verifying")
    revoke.add_argument("key_id")
    for p in (add, listing, revoke):
        add_registry_arg(p)


@reports_errors
def run(args: argparse.Namespace) -> int:
    from vais.pkg.signing import SigningError, load_public_key

    with client_for(args) as client:
        if args.keys_command == "add":
            try:
                pem = args.public_key.read_text(encoding="utf-8")
            except OSError as exc:
                raise SigningError(f"cannot read {args.public_key}: {exc.strerror}") from None
            if "PRIVATE KEY" in pem:
                raise SigningError(f"{args.public_key} holds a private key; give the .pub.pem file")
            load_public_key(pem)
            row = client.add_key(pem)
            print(f"registered key {row['key_id']} for {row['owner']}")
        elif args.keys_command == "list":
            keys = client.keys(args.owner)
            for k in keys:
                print(f"{k['key_id']}  {k['owner']:<20} {'revoked' if k['revoked'] else 'active':<8} {k['created_at']}")
            if not keys:
                print("no keys registered")
        else:
            row = client.revoke_key(args.key_id)
            print(f"revoked key {row['key_id']}")
    return 0
