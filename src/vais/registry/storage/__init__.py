"""Archive storage: a local directory or an S3-compatible bucket, chosen by `STORAGE_URL`."""

from __future__ import annotations

from urllib.parse import urlparse

from vais.registry.storage.base import Storage, StoredObject
from vais.registry.storage.local import LocalStorage

__all__ = ["Storage", "StoredObject", "open_storage"]


def open_storage(url: str, *, s3_endpoint_url: str = "", s3_region: str = "") -> Storage:
    """`s3://bucket/prefix` for S3; `file:///abs/dir` or a plain path for a local directory."""
    parsed = urlparse(url)
    if parsed.scheme == "s3":
        from vais.registry.storage.s3 import S3Storage

        return S3Storage(parsed.netloc, parsed.path.strip("/"), endpoint_url=s3_endpoint_url or None,
                         region=s3_region or None)
    if parsed.scheme == "file":
        return LocalStorage(parsed.path)
    if parsed.scheme and len(parsed.scheme) > 1:
        raise ValueError(f"STORAGE_URL: unsupported scheme '{parsed.scheme}' (use a path, file:// or s3://)")
    return LocalStorage(url)
