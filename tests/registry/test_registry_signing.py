"""Signing primitives, checksum files, the trust policy and the credentials file (client side)."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from vais.pkg.credentials import ConfigError, Credential, CredentialStore
from vais.pkg.signing import (
    PublicKeyInfo,
    SigningError,
    TrustPolicy,
    check_package_signature,
    generate_keypair,
    load_private_key,
    load_public_key,
    parse_checksum_file,
    sign_digest,
    verify_digest,
)

DIGEST = hashlib.sha256(b"archive bytes").hexdigest()


def test_key_id_follows_the_contract() -> None:
    pair = generate_keypair(None)
    raw = load_public_key(pair.public_pem).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert pair.key_id == hashlib.sha256(raw).hexdigest()[:16]


def test_sign_and_verify_with_an_encrypted_key() -> None:
    pair = generate_keypair(b"pass phrase")
    with pytest.raises(SigningError, match="passphrase is needed"):
        load_private_key(pair.private_pem, None)
    with pytest.raises(SigningError, match="wrong passphrase"):
        load_private_key(pair.private_pem, b"other")
    signature = sign_digest(load_private_key(pair.private_pem, b"pass phrase"), DIGEST)
    assert verify_digest(pair.public_pem, DIGEST, signature)
    assert not verify_digest(pair.public_pem, hashlib.sha256(b"x").hexdigest(), signature)
    assert not verify_digest(generate_keypair(None).public_pem, DIGEST, signature)
    assert not verify_digest(pair.public_pem, DIGEST, "not base64!")


def test_checksum_files() -> None:
    assert parse_checksum_file(f"{DIGEST}  pkg-1.0.0.tar.gz\n", "pkg-1.0.0.tar.gz") == DIGEST
    assert parse_checksum_file(f"{DIGEST.upper()} *dist/pkg-1.0.0.tar.gz\n", "pkg-1.0.0.tar.gz") == DIGEST
    assert parse_checksum_file(f"{'0' * 64}  other.tar.gz\n{DIGEST}  pkg-1.0.0.tar.gz\n", "pkg-1.0.0.tar.gz") == DIGEST
    assert parse_checksum_file(f"{DIGEST}\n", "pkg-1.0.0.tar.gz") == DIGEST
    with pytest.raises(SigningError, match="no entry"):
        parse_checksum_file(f"{DIGEST}  other.tar.gz\n", "pkg-1.0.0.tar.gz")
    with pytest.raises(SigningError, match="line 1"):
        parse_checksum_file("md5 abc\n", "pkg-1.0.0.tar.gz")


def test_trust_policy_decisions() -> None:
    pair = generate_keypair(None)
    signature = sign_digest(load_private_key(pair.private_pem, None), DIGEST)
    info = PublicKeyInfo(pair.key_id, pair.public_pem.decode(), "alice", False)
    keys = {pair.key_id: info}
    open_policy, strict = TrustPolicy(), TrustPolicy(require_signatures=True)
    assert check_package_signature(open_policy, "p 1.0.0", DIGEST, None, None, keys) is None
    with pytest.raises(SigningError, match="not signed"):
        check_package_signature(strict, "p 1.0.0", DIGEST, None, None, keys)
    assert check_package_signature(strict, "p 1.0.0", DIGEST, signature, pair.key_id, keys) == pair.key_id
    with pytest.raises(SigningError, match="unknown key"):
        check_package_signature(open_policy, "p 1.0.0", DIGEST, signature, "0" * 16, keys)
    with pytest.raises(SigningError, match="revoked"):
        check_package_signature(open_policy, "p 1.0.0", DIGEST, signature, pair.key_id,
                                {pair.key_id: PublicKeyInfo(pair.key_id, info.public_key_pem, "alice", True)})
    with pytest.raises(SigningError, match="altered"):
        check_package_signature(open_policy, "p 1.0.0", hashlib.sha256(b"y").hexdigest(), signature, pair.key_id,
                                keys)
    assert check_package_signature(TrustPolicy(trusted_authors=frozenset({"alice"})), "p", DIGEST, signature,
                                   pair.key_id, keys)
    with pytest.raises(SigningError, match="not in this project's"):
        check_package_signature(TrustPolicy(trusted_keys=frozenset({"f" * 16})), "p", DIGEST, signature,
                                pair.key_id, keys)
    with pytest.raises(SigningError):
        TrustPolicy.from_table({"require-signatures": "yes"})


def test_credentials_file_is_private_and_atomic(tmp_path: Path) -> None:
    store = CredentialStore(tmp_path / "home" / "credentials.toml")
    store.put("https://reg.example/", Credential("tok-1", "alice", "refresh-1", 123))
    store.put("https://other.example", Credential("tok-2"))
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.get("https://reg.example") == Credential("tok-1", "alice", "refresh-1", 123)
    assert '[registries."https://other.example"]' in store.path.read_text()
    assert store.remove("https://reg.example") and store.get("https://reg.example") is None
    assert [p.name for p in store.path.parent.iterdir()] == ["credentials.toml"]
    store.path.chmod(0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        store.get("https://other.example")
