"""Publishing safety against a real server: hostile archives, signatures, concurrent publishes, crashes."""

from __future__ import annotations

import gzip
import hashlib
import io
import subprocess
import sys
import tarfile
import threading
from pathlib import Path

import httpx
import pytest
from registry_support import (
    launch,
    pack,
    publish,
    register,
    running_server,
    server_env,
    stored_archives,
)

from vais.pkg.signing import generate_keypair, load_private_key, sha256_hex, sign_digest

MANIFEST = b'[package]\nname = "evil"\nversion = "1.0.0"\n'


def _tar_gz(members: list[tuple[tarfile.TarInfo, bytes | None]]) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return gzip.compress(raw.getvalue(), mtime=0)


def _file(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def _special(name: str, kind: bytes, target: str) -> tuple[tarfile.TarInfo, None]:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info, None


def _hostile_archives() -> dict[str, bytes]:
    manifest = _file("evil-1.0.0/Vais.toml", MANIFEST)
    bomb = io.BytesIO()
    with tarfile.open(fileobj=bomb, mode="w") as tar:
        tar.addfile(manifest[0], io.BytesIO(manifest[1]))
        info = tarfile.TarInfo("evil-1.0.0/src/zeros.vais")
        info.size = 30 * 1024 * 1024
        tar.addfile(info, io.BytesIO(bytes(info.size)))
    return {
        "traversal": _tar_gz([manifest, _file("evil-1.0.0/../../escape.vais", b"x")]),
        "absolute": _tar_gz([manifest, _file("/etc/evil.vais", b"x")]),
        "symlink": _tar_gz([manifest, _special("evil-1.0.0/src/link.vais", tarfile.SYMTYPE, "/etc/passwd")]),
        "hardlink": _tar_gz([manifest, _special("evil-1.0.0/src/hard.vais", tarfile.LNKTYPE, "evil-1.0.0/Vais.toml")]),
        "device": _tar_gz([manifest, _special("evil-1.0.0/src/dev", tarfile.CHRTYPE, "")]),
        "zip bomb": gzip.compress(bomb.getvalue(), compresslevel=9, mtime=0),
        "oversize unpacked": _tar_gz([manifest, _file("evil-1.0.0/src/big.vais", b"a" * (3 * 1024 * 1024))]),
        "not gzip": b"PK\x03\x04 this is a zip",
        "no manifest": _tar_gz([_file("evil-1.0.0/src/lib.vais", b"F f() = 1\n")]),
    }


def test_hostile_archives_are_refused_and_nothing_is_stored(tmp_path: Path) -> None:
    with running_server(tmp_path / "srv", f"sqlite:///{tmp_path / 'r.db'}", MAX_UNPACKED_BYTES=str(2 * 1024 * 1024),
                        MAX_UPLOAD_BYTES=str(1024 * 1024)) as srv:
        _, auth = register(srv)
        for what, data in _hostile_archives().items():
            r = publish(srv, auth, "evil", "1.0.0", data)
            assert 400 <= r.status_code < 500, (what, r.status_code, r.text)
            assert r.json()["error"]["code"] in ("invalid_archive", "payload_too_large"), what
        assert stored_archives(srv.root) == []
        assert srv.client.get("/api/v1/index/evil").status_code == 404
        assert srv.client.get("/api/v1/packages").json()["total"] == 0


def test_signatures_are_checked_against_the_uploaders_unrevoked_keys(tmp_path: Path) -> None:
    with running_server(tmp_path / "srv", f"sqlite:///{tmp_path / 'r.db'}") as srv:
        _, alice = register(srv)
        _, bob = register(srv)
        alice_key, bob_key = generate_keypair(None), generate_keypair(None)
        for auth, key in ((alice, alice_key), (bob, bob_key)):
            r = srv.client.post("/api/v1/keys", json={"public_key_pem": key.public_pem.decode()}, headers=auth)
            assert r.status_code == 201 and r.json()["key_id"] == key.key_id

        def signed(data: bytes, key: bytes, digest: str | None = None) -> dict[str, str]:
            sig = sign_digest(load_private_key(key, None), digest or sha256_hex(data))
            return {"X_Vais_Signature": sig}

        data = pack(tmp_path, "signed", "1.0.0")
        # Bob's key is registered, but not to Alice: refused even with the right key id.
        r = publish(srv, alice, "signed", "1.0.0", data, **signed(data, bob_key.private_pem), X_Vais_Key_Id=bob_key.key_id)
        assert r.status_code == 400 and r.json()["error"]["code"] == "unknown_key"
        # A signature over another digest (tampered archive or signature).
        other = hashlib.sha256(b"something else").hexdigest()
        r = publish(srv, alice, "signed", "1.0.0", data, **signed(data, alice_key.private_pem, other))
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_signature"
        # Declared checksum differs from the bytes: both digests are named.
        r = publish(srv, alice, "signed", "1.0.0", data, X_Vais_Checksum="0" * 64)
        assert r.status_code == 400 and "0" * 64 in r.json()["error"]["message"]
        assert sha256_hex(data) in r.json()["error"]["message"]
        assert stored_archives(srv.root) == []

        r = publish(srv, alice, "signed", "1.0.0", data, **signed(data, alice_key.private_pem))
        assert r.status_code == 201 and r.json()["signer_key_id"] == alice_key.key_id
        entry = srv.client.get("/api/v1/index/signed").json()["versions"][0]
        assert entry["signer_key_id"] == alice_key.key_id and entry["signature"]

        assert srv.client.delete(f"/api/v1/keys/{alice_key.key_id}", headers=bob).status_code == 403
        assert srv.client.delete(f"/api/v1/keys/{alice_key.key_id}", headers=alice).json()["revoked"] is True
        data2 = pack(tmp_path, "signed", "1.0.1")
        r = publish(srv, alice, "signed", "1.0.1", data2, **signed(data2, alice_key.private_pem))
        assert r.status_code == 400 and r.json()["error"]["code"] == "unknown_key"
        keys = {k["key_id"]: k for k in srv.client.get("/api/v1/keys").json()["keys"]}
        assert keys[alice_key.key_id]["revoked"] is True and keys[bob_key.key_id]["revoked"] is False


def test_server_can_require_signatures(tmp_path: Path) -> None:
    with running_server(tmp_path / "srv", f"sqlite:///{tmp_path / 'r.db'}", REQUIRE_SIGNATURES="true") as srv:
        _, auth = register(srv)
        r = publish(srv, auth, "unsigned", "1.0.0", pack(tmp_path, "unsigned"))
        assert r.status_code == 400 and r.json()["error"]["code"] == "signature_required"


@pytest.mark.slow
def test_concurrent_publishes_of_one_version_exactly_one_wins(tmp_path: Path, database_url: str) -> None:
    with running_server(tmp_path / "srv", database_url) as srv:
        _, auth = register(srv)
        archives = [pack(tmp_path / str(i), "race", "1.0.0", description=f"contender {i}") for i in range(8)]
        results: list[httpx.Response] = []
        barrier = threading.Barrier(len(archives))

        def contend(data: bytes) -> None:
            with httpx.Client(base_url=srv.url, timeout=60) as client:
                barrier.wait()
                results.append(client.put("/api/v1/packages/race/1.0.0", content=data,
                                          headers={**auth, "X-Vais-Checksum": sha256_hex(data)}))

        threads = [threading.Thread(target=contend, args=(data,)) for data in archives]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted(r.status_code for r in results)
        assert statuses == [201] + [409] * (len(archives) - 1), [r.text for r in results]
        winner = next(r for r in results if r.status_code == 201).json()
        index = srv.client.get("/api/v1/index/race").json()
        assert [v["cksum"] for v in index["versions"]] == [winner["cksum"]]
        served = srv.client.get("/api/v1/packages/race/1.0.0/download").content
        assert sha256_hex(served) == winner["cksum"]
        assert [p.name for p in stored_archives(srv.root)] == [f"{winner['cksum']}.tar.gz"]


CRASHING_SERVER = """
import os
from vais.registry import publish

def crash(*args, **kwargs):
    os._exit(3)  # the process dies after the archive is stored, before the DB row is committed

publish.PublishService._commit = crash
from vais.registry.cli import main
main(["serve"])
"""


@pytest.mark.slow
def test_crash_between_store_and_commit_leaves_no_version_and_no_served_orphan(tmp_path: Path) -> None:
    root = tmp_path / "srv"
    env = server_env(root, f"sqlite:///{tmp_path / 'r.db'}")
    crashing = launch(root, env, argv=[sys.executable, "-c", CRASHING_SERVER])
    try:
        _, auth = register(crashing)
        data = pack(tmp_path, "crashy", "1.0.0")
        with pytest.raises(httpx.HTTPError):
            publish(crashing, auth, "crashy", "1.0.0", data)
        assert crashing.process.wait(timeout=30) == 3
    finally:
        crashing.stop()
    assert [p.name for p in stored_archives(root)] == [f"{sha256_hex(data)}.tar.gz"]  # the orphan

    restarted = launch(root, env)
    try:
        assert restarted.client.get("/api/v1/index/crashy").status_code == 404
        assert restarted.client.get("/api/v1/packages/crashy/1.0.0/download").status_code == 404
        assert restarted.client.get("/api/v1/packages").json()["total"] == 0
        gc = subprocess.run([sys.executable, "-m", "vais.registry.cli", "gc", "--grace-seconds", "0"], env=env,
                            capture_output=True, text=True, cwd=root, check=True)
        assert "crashy" not in gc.stdout and sha256_hex(data) in gc.stdout
        assert stored_archives(root) == []
        # The same version publishes cleanly afterwards.
        _, auth = register(restarted)
        assert publish(restarted, auth, "crashy", "1.0.0", data).status_code == 201
        assert restarted.client.get("/api/v1/packages/crashy/1.0.0/download").content == data
    finally:
        restarted.stop()
