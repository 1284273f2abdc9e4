"""Cache of compiled programs, so `vais run` of an unchanged program skips the compiler.

An entry is found by the entry file, the dependency roots and the compiler's own fingerprint, and
is valid while every source file it was compiled from has the same content hash (BLAKE2b-256, read
and hashed on every lookup: time stamps are not trusted). A record is not written when a source
changed after the compiler started reading it. The warm path uses only `marshal`, `zlib` and
`_blake2`, not `hashlib` (which also loads OpenSSL) or `json`, since it runs before every program.

Entries are written to a temporary file and renamed, so a crash never leaves a torn entry; a
corrupt or stale entry is simply recompiled. Location: `$VAIS_CACHE_DIR`, else
`$XDG_CACHE_HOME/vais/bytecode`, else `~/.cache/vais/bytecode`.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import time
import zlib

from vais.backend.python.launch import CompiledProgram

try:  # hashlib.blake2b is this very function, but importing hashlib also loads OpenSSL (~4 ms)
    from _blake2 import blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b

FORMAT = 4
_PACKAGE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # .../vais
_COMPILER_DIRS = ("syntax", "sema", "backend/python", "std", "runtime")


def cache_root() -> str:
    explicit = os.environ.get("VAIS_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "vais", "bytecode")


def compiler_fingerprint() -> str:
    """Changes whenever the compiler, std declarations or runtime change (version, file stamps)."""
    from vais import __version__

    parts = [f"{FORMAT}|{__version__}|{sys.version}"]
    for rel in _COMPILER_DIRS:
        directory = os.path.join(_PACKAGE, rel)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".py", ".vais")):
                st = entry.stat()
                parts.append(f"{rel}/{entry.name}:{st.st_mtime_ns}:{st.st_size}")
    return "\n".join(parts)


def content_hash(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return blake2b(f.read(), digest_size=32).hexdigest()
    except OSError:
        return None


class BytecodeCache:
    def __init__(self, root: str | None = None):
        self.root = str(root or cache_root())

    def _key(self, entry, context: dict) -> tuple[str, str]:
        """The full key text (kept in the record and compared on lookup) and the record's file
        name, a checksum of that text: a clash of names is a miss, never a wrong program."""
        deps = sorted(context.get("deps", {}).items())
        text = f"{os.path.realpath(entry)}\n{context.get('root')!r}\n{deps!r}\n{compiler_fingerprint()}"
        data = text.encode()
        return text, f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}.idx"

    def lookup(self, entry, context: dict) -> tuple[CompiledProgram, list] | None:
        """The cached program and its compile's warnings (packed, see `cached_warnings`)."""
        key, name = self._key(entry, context)
        try:
            with open(os.path.join(self.root, name), "rb") as f:
                record = marshal.loads(f.read())
            if record["format"] != FORMAT or record["key"] != key:
                return None
            if any(content_hash(path) != digest for path, digest in record["sources"]):
                return None
            with open(os.path.join(self.root, record["blob"]), "rb") as f:
                code = marshal.loads(f.read())
            return (CompiledProgram(code, record["main"], record["kind"], record["err_desc"],
                                    [tuple(t) for t in record["tests"]]), record["warnings"])
        except (OSError, ValueError, KeyError, TypeError, EOFError):
            return None

    def store(self, entry, context: dict, sources: list[str], compiled: CompiledProgram, started_ns: int,
              warnings: list | None = None) -> None:
        """Best effort: an unwritable cache only costs the next run a compile. `started_ns` is when
        the compiler began reading `sources`: a source modified since then is not what was compiled."""
        hashes = []
        now_ns = time.time_ns()
        for path in sources:
            try:
                modified_ns = os.stat(path).st_mtime_ns
            except OSError:
                return
            digest = content_hash(path)
            if digest is None or started_ns < modified_ns <= now_ns:  # (a future time stamp is clock skew)
                return
            hashes.append((path, digest))
        blob = marshal.dumps(compiled.code)
        blob_name = blake2b(blob, digest_size=32).hexdigest() + ".vbc"
        key, name = self._key(entry, context)
        record = {
            "format": FORMAT, "key": key, "sources": hashes, "blob": blob_name, "main": compiled.main,
            "kind": compiled.main_kind, "err_desc": compiled.main_err_desc, "tests": [list(t) for t in compiled.tests],
            "warnings": list(warnings or []),
        }
        with contextlib.suppress(OSError):
            os.makedirs(self.root, exist_ok=True)
            _atomic_write(os.path.join(self.root, blob_name), blob)
            _atomic_write(os.path.join(self.root, name), marshal.dumps(record))


def _atomic_write(path: str, data: bytes) -> None:
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
