"""Client side of `vais publish`: pack, validate like the server will, checksum and sign the archive."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vais.pkg.archive import PackedArchive, inspect_archive, pack_package
from vais.pkg.signing import (
    SigningError,
    key_id,
    load_private_key,
    parse_checksum_file,
    sign_digest,
)


@dataclass(frozen=True)
class PreparedUpload:
    archive: PackedArchive
    signature: str | None
    key_id: str | None


def is_encrypted_key(pem: bytes) -> bool:
    return b"ENCRYPTED" in pem.split(b"\n", 1)[0]


def prepare_upload(project_dir: Path, out_dir: Path, *, sign_key: Path | None = None,
                   passphrase: Callable[[], bytes] | None = None,
                   checksum_file: Path | None = None) -> PreparedUpload:
    """Pack the project and check it; the archive is left in `out_dir` for inspection (`--dry-run`)."""
    packed = pack_package(project_dir, out_dir)
    inspect_archive(packed.path.read_bytes())
    if checksum_file is not None:
        try:
            expected = parse_checksum_file(checksum_file.read_text(encoding="utf-8"), packed.path.name)
        except OSError as exc:
            raise SigningError(f"cannot read checksum file {checksum_file}: {exc.strerror}") from None
        if expected != packed.sha256:
            raise SigningError(f"checksum mismatch: {checksum_file} says sha256 {expected}, but "
                               f"{packed.path.name} has sha256 {packed.sha256}")
    if sign_key is None:
        return PreparedUpload(packed, None, None)
    try:
        pem = sign_key.read_bytes()
    except OSError as exc:
        raise SigningError(f"cannot read signing key {sign_key}: {exc.strerror}") from None
    secret = passphrase() if is_encrypted_key(pem) and passphrase is not None else None
    private = load_private_key(pem, secret)
    return PreparedUpload(packed, sign_digest(private, packed.sha256), key_id(private.public_key()))
