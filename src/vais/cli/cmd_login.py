"""`vais login`: store credentials for a registry (a password session or an API token)."""

from __future__ import annotations

import argparse
import sys

from vais.cli.registry_args import add_registry_arg, client_for, reports_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_registry_arg(parser)
    parser.add_argument("--username", help="account name (prompted when logging in with a password)")
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    secret.add_argument("--token", help="an API token (vais_...) instead of a password")
    secret.add_argument("--token-stdin", action="store_true", help="read an API token from stdin")


@reports_errors
def run(args: argparse.Namespace) -> int:
    from vais.pkg.credentials import Credential, CredentialStore, read_secret

    store = CredentialStore()
    token = sys.stdin.readline().strip() if args.token_stdin else args.token
    if token:
        with client_for(args, token=token) as client:
            who = client.me()
            store.put(client.url, Credential(token, who["username"]))
    else:
        username = args.username or input("username: ").strip()
        password = read_secret("password", from_stdin=args.password_stdin)
        with client_for(args) as client:
            store.put(client.url, client.login(username, password))
            who = {"username": username}
    print(f"logged in to {client.url} as {who['username']}; credentials saved in {store.path}")
    return 0
