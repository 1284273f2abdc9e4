"""Ed25519 package signing and verification, and the install-time trust policy (docs/package-format.md).

A signature covers the 32 raw bytes of the archive's SHA-256 digest; a key id is the first 16 hex
characters of SHA-256 over the raw public key. The registry server and the client share this module.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from vais.pkg.errors import PkgError
from vais.pkg.securefile import write_private_file
from vais.pkg.semver import Version

if TYPE_CHECKING:
    from vais.pkg.index import PackageIndex
    from vais.pkg.sources import PackageSource, Progress

_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class SigningError(PkgError):
    """A key, signature or checksum problem; the message says which and what to do."""


@dataclass(frozen=True)
class KeyPair:
    private_pem: bytes
    public_pem: bytes
    key_id: str


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def load_public_key(pem: str | bytes) -> Ed25519PublicKey:
    data = pem.encode() if isinstance(pem, str) else pem
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm):
        raise SigningError("not a PEM public key (expected an Ed25519 SubjectPublicKeyInfo PEM)") from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningError("public key is not Ed25519; only Ed25519 keys can sign Vais packages")
    return key


def load_private_key(pem: bytes, passphrase: bytes | None) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase or None)
    except TypeError:
        if passphrase:
            raise SigningError("this private key is not encrypted; do not pass a passphrase") from None
        raise SigningError("this private key is encrypted; a passphrase is needed") from None
    except (ValueError, UnsupportedAlgorithm):
        raise SigningError("cannot decrypt or parse the private key (wrong passphrase or not a PEM key)") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError("private key is not Ed25519")
    return key


def generate_keypair(passphrase: bytes | None) -> KeyPair:
    private = Ed25519PrivateKey.generate()
    encryption = (serialization.BestAvailableEncryption(passphrase) if passphrase
                  else serialization.NoEncryption())
    private_pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption)
    public = private.public_key()
    public_pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return KeyPair(private_pem, public_pem, key_id(public))


def write_keypair(out_dir: Path, pair: KeyPair, name: str = "vais-signing") -> tuple[Path, Path]:
    """`{name}.pem` (private, 0600) and `{name}.pub.pem`; refuses to overwrite an existing key."""
    private_path, public_path = out_dir / f"{name}.pem", out_dir / f"{name}.pub.pem"
    for path in (private_path, public_path):
        if path.exists():
            raise SigningError(f"{path} already exists; choose another --out directory or remove it first")
    write_private_file(private_path, pair.private_pem, overwrite=False)
    write_private_file(public_path, pair.public_pem, overwrite=False)
    public_path.chmod(0o644)
    return private_path, public_path


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def sign_digest(private_key: Ed25519PrivateKey, cksum: str) -> str:
    return base64.b64encode(private_key.sign(_digest_bytes(cksum))).decode("ascii")


def verify_digest(public_key_pem: str | bytes, cksum: str, signature_b64: str) -> bool:
    """True only for a valid Ed25519 signature by this key over this digest."""
    try:
        signature = base64.b64decode(signature_b64, validate=True)
    except (binascii.Error, ValueError):
        return False
    try:
        load_public_key(public_key_pem).verify(signature, _digest_bytes(cksum))
    except (InvalidSignature, SigningError):
        return False
    return True


def _digest_bytes(cksum: str) -> bytes:
    if not _HEX64.match(cksum):
        raise SigningError(f"'{cksum}' is not a lowercase hex SHA-256 digest")
    return bytes.fromhex(cksum)


def parse_checksum_file(text: str, archive_name: str) -> str:
    """The digest for `archive_name` in `sha256sum` output (`<hex>  name` or `<hex> *name`)."""
    entries: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = re.match(r"^([0-9a-fA-F]{64})(?:\s+\*?(.+))?$", line.strip())
        if not match:
            raise SigningError(f"checksum file line {number} is not in sha256sum format (<sha256>  <file>)")
        entries.append((match.group(1).lower(), Path((match.group(2) or "").strip()).name))
    named = [digest for digest, name in entries if name == archive_name]
    if named:
        return named[0]
    if len(entries) == 1 and entries[0][1] in ("", "-"):
        return entries[0][0]
    raise SigningError(f"checksum file has no entry for {archive_name}")


@dataclass(frozen=True)
class PublicKeyInfo:
    key_id: str
    public_key_pem: str
    owner: str
    revoked: bool


@dataclass(frozen=True)
class TrustPolicy:
    """`[trust]` in `.vais/config.toml`: what a downloaded package's signature must satisfy."""

    require_signatures: bool = False
    trusted_keys: frozenset[str] = field(default_factory=frozenset)
    trusted_authors: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_table(cls, table: dict[str, object]) -> TrustPolicy:
        keys = table.get("trusted-keys", [])
        authors = table.get("trusted-authors", [])
        require = table.get("require-signatures", False)
        if not isinstance(require, bool):
            raise SigningError("[trust] require-signatures must be true or false")
        if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
            raise SigningError("[trust] trusted-keys must be a list of key id strings")
        if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
            raise SigningError("[trust] trusted-authors must be a list of user names")
        return cls(require, frozenset(k.lower() for k in keys), frozenset(authors))


def check_package_signature(policy: TrustPolicy, package: str, cksum: str, signature: str | None,
                            signer_key_id: str | None, keys: dict[str, PublicKeyInfo]) -> str | None:
    """Enforce the trust policy for one downloaded archive; returns the signer's key id when signed.

    An unsigned package passes only when signatures are not required; a signed one must verify
    against a known, unrevoked key, and that key (or its owner) must be trusted when a trust list is set.
    """
    if signature is None:
        if policy.require_signatures:
            raise SigningError(f"{package} is not signed, and this project requires signatures "
                               "([trust] require-signatures = true in .vais/config.toml)")
        return None
    info = keys.get(signer_key_id or "")
    if info is None:
        raise SigningError(f"{package} is signed by unknown key {signer_key_id}; the registry does not list it")
    if info.revoked:
        raise SigningError(f"{package} is signed by key {info.key_id} of {info.owner}, which has been revoked")
    if not verify_digest(info.public_key_pem, cksum, signature):
        raise SigningError(f"{package}: signature does not match key {info.key_id} of {info.owner} "
                           "(the archive or its signature was altered)")
    restricted = policy.trusted_keys or policy.trusted_authors
    if restricted and info.key_id not in policy.trusted_keys and info.owner not in policy.trusted_authors:
        raise SigningError(f"{package} is signed by key {info.key_id} of {info.owner}, which is not in this "
                           "project's [trust] trusted-keys or trusted-authors")
    return info.key_id


def keys_by_id(keys: list[dict[str, Any]]) -> dict[str, PublicKeyInfo]:
    """The registry's key list (`GET /api/v1/keys`, or keys.json of a directory registry) by key id."""
    return {k["key_id"]: PublicKeyInfo(k["key_id"], k["public_key_pem"], str(k.get("owner", "?")),
                                       bool(k.get("revoked", False))) for k in keys}


class TrustedSource:
    """A PackageSource wrapper that refuses archives the trust policy does not accept.

    The inner source already checked the archive against the index checksum; this adds the
    signature check against the registry's key list (fetched once per source).
    """

    def __init__(self, inner: PackageSource, policy: TrustPolicy) -> None:
        self.inner = inner
        self.policy = policy
        self.url = inner.url
        self._keys: dict[str, PublicKeyInfo] | None = None

    def index(self, name: str) -> PackageIndex | None:
        return self.inner.index(name)

    def keys(self) -> list[dict[str, Any]]:
        return self.inner.keys()

    def fetch_archive(self, name: str, version: Version, progress: Progress | None = None) -> bytes:
        data = self.inner.fetch_archive(name, version, progress)
        index = self.inner.index(name)
        entry = index.get(version) if index else None
        if entry is None:
            raise SigningError(f"{name} {version} vanished from {self.url} while installing it")
        if entry.cksum != sha256_hex(data):
            raise SigningError(f"{name} {version}: archive checksum does not match the index of {self.url}")
        if entry.signature is not None and self._keys is None:
            self._keys = keys_by_id(self.inner.keys())
        check_package_signature(self.policy, f"{name} {version}", entry.cksum, entry.signature,
                                entry.signer_key_id, self._keys or {})
        return data


@dataclass(frozen=True)
class VerifiedArchive:
    name: str
    version: str
    cksum: str
    key_id: str | None
    owner: str | None
    yanked: bool


def verify_archive(data: bytes, source: PackageSource) -> VerifiedArchive:
    """`vais package verify`: the local archive is exactly what the registry published, signature included."""
    from vais.pkg.archive import ArchiveError, inspect_archive

    try:
        info = inspect_archive(data)
    except ArchiveError as exc:
        raise SigningError(f"not a valid package archive: {exc.message}") from None
    version = Version.parse(info.version)
    index = source.index(info.name)
    entry = index.get(version) if index else None
    if entry is None:
        raise SigningError(f"{source.url} has no {info.name} {info.version}")
    cksum = sha256_hex(data)
    if entry.cksum != cksum:
        raise SigningError(f"checksum mismatch for {info.name} {info.version}: the registry has sha256 "
                           f"{entry.cksum}, this archive has sha256 {cksum}")
    keys = keys_by_id(source.keys()) if entry.signature else {}
    key = check_package_signature(TrustPolicy(), f"{info.name} {info.version}", cksum, entry.signature,
                                  entry.signer_key_id, keys)
    return VerifiedArchive(info.name, info.version, cksum, key, keys[key].owner if key else None, entry.yanked)
