"""`vais register`: create an account on a registry that allows self-service sign-up, then log in."""

from __future__ import annotations

import argparse

from vais.cli.registry_args import add_registry_arg, client_for, reports_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_registry_arg(parser)
    parser.add_argument("--username", help="account name (prompted when omitted)")
    parser.add_argument("--email", help="contact address (optional)")
    parser.add_argument("--password-stdin", action="store_true", help="read the password from stdin")


@reports_errors
def run(args: argparse.Namespace) -> int:
    from vais.pkg.credentials import CredentialStore, read_secret

    username = args.username or input("username: ").strip()
    password = read_secret("password", from_stdin=args.password_stdin, confirm=True)
    with client_for(args) as client:
        client.register(username, password, args.email)
        CredentialStore().put(client.url, client.login(username, password))
    print(f"registered {username} on {client.url} and logged in")
    return 0
