"""Archive storage backends: the local directory and an S3-compatible bucket (moto's server on loopback)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto.server import ThreadedMotoServer
from registry_support import free_port, pack, publish, register, running_server

from vais.registry.storage import Storage, open_storage
from vais.registry.storage.local import LocalStorage
from vais.registry.storage.s3 import S3Storage

S3_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


@pytest.fixture
def s3_endpoint(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for key, value in S3_ENV.items():
        monkeypatch.setenv(key, value)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(Bucket="vais")
    try:
        yield endpoint
    finally:
        server.stop()


def _exercise(storage: Storage) -> None:
    storage.check()
    storage.put("archives/ab/one.tar.gz", b"first")
    storage.put("archives/ab/one.tar.gz", b"second")  # replaced whole
    storage.put("archives/cd/two.tar.gz", b"x" * 200_000)
    assert storage.get("archives/ab/one.tar.gz") == b"second"
    assert b"".join(storage.stream("archives/cd/two.tar.gz", 65536)) == b"x" * 200_000
    assert storage.exists("archives/cd/two.tar.gz") and not storage.exists("archives/zz/none.tar.gz")
    assert sorted(o.key for o in storage.list("archives/")) == ["archives/ab/one.tar.gz", "archives/cd/two.tar.gz"]
    storage.delete("archives/ab/one.tar.gz")
    assert [o.key for o in storage.list("archives/")] == ["archives/cd/two.tar.gz"]
    with pytest.raises(Exception):  # noqa: B017 - each backend raises its own not-found error
        storage.stream("archives/ab/one.tar.gz")
    for bad in ("../escape", "/abs", "a/../../b"):
        with pytest.raises(ValueError):
            storage.put(bad, b"")


def test_local_storage(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "store")
    _exercise(storage)
    assert not list((tmp_path / "store" / ".tmp").iterdir())  # no temp files left behind
    assert isinstance(open_storage(f"file://{tmp_path}/x"), LocalStorage)
    with pytest.raises(ValueError):
        open_storage("ftp://host/dir")


def test_s3_storage(s3_endpoint: str) -> None:
    storage = open_storage("s3://vais/registry", s3_endpoint_url=s3_endpoint, s3_region="us-east-1")
    assert isinstance(storage, S3Storage)
    _exercise(storage)
    keys = [o["Key"] for o in boto3.client("s3", endpoint_url=s3_endpoint).list_objects_v2(Bucket="vais")["Contents"]]
    assert keys == ["registry/archives/cd/two.tar.gz"]


@pytest.mark.slow
def test_server_publishes_to_s3(tmp_path: Path, s3_endpoint: str) -> None:
    with running_server(tmp_path / "srv", f"sqlite:///{tmp_path / 'r.db'}", STORAGE_URL="s3://vais/prod",
                        S3_ENDPOINT_URL=s3_endpoint, S3_REGION="us-east-1", **S3_ENV) as srv:
        _, auth = register(srv)
        data = pack(tmp_path, "clouded", "1.0.0")
        assert publish(srv, auth, "clouded", "1.0.0", data).status_code == 201
        assert srv.client.get("/api/v1/packages/clouded/1.0.0/download").content == data
        listing = boto3.client("s3", endpoint_url=s3_endpoint).list_objects_v2(Bucket="vais", Prefix="prod/")
        assert len(listing["Contents"]) == 1
