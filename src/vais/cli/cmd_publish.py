"""`vais publish`: test, pack, checksum, sign and upload the current package."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from vais.cli.registry_args import add_registry_arg, client_for, reports_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_registry_arg(parser)
    parser.add_argument("--dry-run", action="store_true", help="pack and validate, but do not upload")
    parser.add_argument("--sign-key", type=Path, metavar="KEY.pem", help="sign the archive with this private key")
    parser.add_argument("--passphrase-stdin", action="store_true", help="read the key's passphrase from stdin")
    parser.add_argument("--signature-file", type=Path, metavar="PKG.tar.gz.sha256",
                        help="sha256sum-format checksum the archive must match")
    parser.add_argument("--no-verify", action="store_true", help="skip running `vais test` first")
    parser.add_argument("--token", help="API token to publish with (instead of stored credentials)")
    parser.add_argument("--out", type=Path, help="where to keep the packed archive (default: target/package)")


def _run_tests() -> int:
    from vais.cli import main as cli_main

    if "test" not in cli_main.COMMANDS and "test" not in cli_main.FAST_COMMANDS:
        sys.stderr.write("warning: tests were skipped: the test runner (`vais test`) is not available in this "
                         "toolchain yet; use --no-verify to silence this warning\n")
        return 0
    return cli_main.main(["test"])


@reports_errors
def run(args: argparse.Namespace) -> int:
    from vais.pkg.credentials import read_secret
    from vais.pkg.publish import prepare_upload

    project = Path.cwd()
    if not args.no_verify and _run_tests() != 0:
        sys.stderr.write("error: `vais test` failed; fix the tests or pass --no-verify\n")
        return 1
    out = args.out or project / "target" / "package"
    prepared = prepare_upload(
        project, out, sign_key=args.sign_key, checksum_file=args.signature_file,
        passphrase=lambda: read_secret(f"passphrase for {args.sign_key}", from_stdin=args.passphrase_stdin).encode(),
    )
    packed = prepared.archive
    signed = f", signed with key {prepared.key_id}" if prepared.key_id else ", unsigned"
    print(f"packed {packed.name} {packed.version}: {packed.path} "
          f"({os.path.getsize(packed.path)} bytes, {len(packed.files)} files)\nsha256 {packed.sha256}{signed}")
    if args.dry_run:
        print("dry run: nothing uploaded")
        return 0
    token = args.token or os.environ.get("VAIS_REGISTRY_TOKEN")
    with client_for(args, token=token) as client:
        client.publish(packed.name, packed.version, packed.path, packed.sha256, prepared.signature, prepared.key_id)
    print(f"published {packed.name} {packed.version} to {client.url}")
    return 0

