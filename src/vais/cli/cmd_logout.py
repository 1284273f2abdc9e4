"""`vais logout`: revoke the session on the registry and forget its stored credentials."""

from __future__ import annotations

import argparse

from vais.cli.registry_args import add_registry_arg, client_for, reports_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_registry_arg(parser)


@reports_errors
def run(args: argparse.Namespace) -> int:
    from vais.pkg.credentials import CredentialStore
    from vais.pkg.registry_api import RegistryError

    with client_for(args) as client:
        try:
            client.logout()
        except RegistryError as exc:  # the local credentials go either way
            print(f"warning: the registry did not revoke the session: {exc.message}")
        removed = CredentialStore().remove(client.url)
    print(f"logged out of {client.url}" if removed else f"no stored credentials for {client.url}")
    return 0
