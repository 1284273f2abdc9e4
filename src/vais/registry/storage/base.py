"""The storage interface the publish and download paths rely on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    modified: float


class Storage(Protocol):
    """Objects are immutable blobs addressed by key; `put` is atomic (all bytes or nothing visible)."""

    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes: ...

    def stream(self, key: str, chunk_size: int = 65536) -> Iterator[bytes]:
        """Chunks of the object; opens it before returning, so a missing object fails here."""
        ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None: ...

    def list(self, prefix: str) -> Iterator[StoredObject]: ...

    def check(self) -> None:
        """Raise when the backend is unreachable or not writable (health check)."""
        ...
