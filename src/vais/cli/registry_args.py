"""Shared plumbing of the registry commands: `--registry`, credentials lookup, error reporting."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vais.pkg.registry_api import RegistryClient


def add_registry_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--registry", metavar="URL|NAME",
                        help="registry URL or a [registries.<name>] from the config (default: [registry] default)")


def client_for(args: argparse.Namespace, token: str | None = None) -> RegistryClient:
    """A client for the chosen registry carrying the stored credential (or `token` when given)."""
    from vais.pkg.credentials import Credential, CredentialStore, resolve_registry
    from vais.pkg.registry_api import RegistryClient

    url = resolve_registry(args.registry, Path.cwd())
    store = CredentialStore()
    credential = Credential(token, getattr(args, "username", None)) if token else store.get(url)
    return RegistryClient(url, credential=credential, store=None if token else store)


def reports_errors(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Package-manager errors print as `error: ...` and exit 1 instead of a traceback."""

    @functools.wraps(run)
    def wrapper(args: argparse.Namespace) -> int:
        from vais.pkg.ui import report_errors

        return report_errors(lambda: run(args))

    return wrapper
