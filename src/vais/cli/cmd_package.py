"""`vais package verify PKG.tar.gz`: check a local archive's checksum and signature against the registry."""

from __future__ import annotations

import argparse
from pathlib import Path

from vais.cli.registry_args import add_registry_arg, reports_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="package_command", required=True, metavar="ACTION")
    verify = sub.add_parser("verify", help="verify an archive against the registry's index and key list")
    verify.add_argument("archive", type=Path)
    verify.add_argument("--username", help="user name for a private registry (with --token)")
    verify.add_argument("--token", help="API token for a private registry")
    add_registry_arg(verify)


@reports_errors
def run(args: argparse.Namespace) -> int:
    from vais.pkg.credentials import resolve_registry
    from vais.pkg.layout import vais_home
    from vais.pkg.signing import SigningError, verify_archive
    from vais.pkg.sources import SourceConfig, source_for_url

    try:
        data = args.archive.read_bytes()
    except OSError as exc:
        raise SigningError(f"cannot read {args.archive}: {exc.strerror}") from None
    url = resolve_registry(args.registry, Path.cwd())
    source = source_for_url(url, SourceConfig(vais_home(), username=args.username, token=args.token))
    result = verify_archive(data, source)
    print(f"{result.name} {result.version}: sha256 {result.cksum} matches {url}")
    print(f"signature OK: key {result.key_id} of {result.owner}" if result.key_id else "not signed")
    if result.yanked:
        print("note: this version is yanked")
    return 0
