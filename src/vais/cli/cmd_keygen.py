"""`vais keygen`: create an Ed25519 signing key pair (private key encrypted, mode 0600)."""

from __future__ import annotations

import argparse
from pathlib import Path

from vais.cli.registry_args import reports_errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default=".", help="directory for NAME.pem and NAME.pub.pem (default: .)")
    parser.add_argument("--name", default="vais-signing", help="file name stem (default vais-signing)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--passphrase-stdin", action="store_true", help="read the passphrase from stdin")
    group.add_argument("--no-passphrase", action="store_true", help="leave the private key unencrypted")


@reports_errors
def run(args: argparse.Namespace) -> int:
    from vais.pkg.credentials import ConfigError, read_secret
    from vais.pkg.signing import generate_keypair, write_keypair

    passphrase = None
    if not args.no_passphrase:
        passphrase = read_secret("passphrase", from_stdin=args.passphrase_stdin, confirm=True).encode()
        if not passphrase:
            raise ConfigError("empty passphrase; use --no-passphrase for an unencrypted key")
    pair = generate_keypair(passphrase)
    private, public = write_keypair(Path(args.out), pair, args.name)
    print(f"key id {pair.key_id}\nprivate key {private} (mode 0600{'' if passphrase else ', not encrypted'})\n"
          f"public key  {public}\nregister it with: vais keys add {public}")
    return 0
