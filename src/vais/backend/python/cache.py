"""Cache of compiled programs, so `vais run` of an unchanged program skips the compiler.

An entry is found by the entry file, the dependency roots and the compiler's own fingerprint. It
stays valid while every source file it was compiled from is unchanged: a file whose size and
modification time match the record is taken as unchanged (as make, cargo and git do), any other
file is compared by SHA-256, so touching a file costs one hash rather than a compile. A file
modified shortly before its record was written is always hashed: on a filesystem with coarse
timestamps a second edit could otherwise keep the same time stamp. A record is not written when a
source changed after the compiler (or the lookup) started reading it. The warm path uses only
`marshal` and `zlib`, not `hashlib` or `json`, since it runs before every program.

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

FORMAT = 2
_PACKAGE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # .../vais
_COMPILER_DIRS = ("syntax", "sema", "backend/python", "std", "runtime")
# A source modified less than this before its record was written is verified by content.
RACY_WINDOW_NS = 2_000_000_000

# One source file in a record: path, modification time (ns), size, SHA-256 of the content.
SourceStamp = tuple[str, int, int, str]


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


def _sha256(path: str) -> str | None:
    import hashlib

    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None


def _stamp(path: str) -> SourceStamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    digest = _sha256(path)
    return None if digest is None else (path, st.st_mtime_ns, st.st_size, digest)


def _unchanged(stamp: SourceStamp, recorded_ns: int) -> tuple[bool, bool]:
    """(is the file as compiled, did that take a content hash)."""
    path, mtime_ns, size, digest = stamp
    try:
        st = os.stat(path)
    except OSError:
        return False, False
    if st.st_mtime_ns == mtime_ns and st.st_size == size and mtime_ns < recorded_ns - RACY_WINDOW_NS:
        return True, False
    return _sha256(path) == digest, True


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

    def lookup(self, entry, context: dict) -> CompiledProgram | None:
        key, name = self._key(entry, context)
        index = os.path.join(self.root, name)
        try:
            with open(index, "rb") as f:
                record = marshal.loads(f.read())
            if record["format"] != FORMAT or record["key"] != key:
                return None
            started_ns = time.time_ns()
            rehashed = False
            for stamp in record["sources"]:
                same, hashed = _unchanged(stamp, record["recorded_ns"])
                if not same:
                    return None
                rehashed = rehashed or hashed
            with open(os.path.join(self.root, record["blob"]), "rb") as f:
                code = marshal.loads(f.read())
            compiled = CompiledProgram(code, record["main"], record["kind"], record["err_desc"],
                                       [tuple(t) for t in record["tests"]])
        except (OSError, ValueError, KeyError, TypeError, EOFError, IndexError):
            return None
        if rehashed:  # touched but unchanged files: restamp them so the next run need not hash
            self._write_record(index, key, [s[0] for s in record["sources"]], started_ns, record)
        return compiled

    def store(self, entry, context: dict, sources: list[str], compiled: CompiledProgram, started_ns: int) -> None:
        """Best effort: an unwritable cache only costs the next run a compile. `started_ns` is when
        the compiler began reading `sources`."""
        import hashlib

        try:
            os.makedirs(self.root, exist_ok=True)
            blob = marshal.dumps(compiled.code)
            blob_name = hashlib.sha256(blob).hexdigest() + ".vbc"
            _atomic_write(os.path.join(self.root, blob_name), blob)
        except OSError:
            return
        key, name = self._key(entry, context)
        self._write_record(os.path.join(self.root, name), key, sources, started_ns, {
            "blob": blob_name, "main": compiled.main, "kind": compiled.main_kind,
            "err_desc": compiled.main_err_desc, "tests": [list(t) for t in compiled.tests],
        })

    def _write_record(self, index: str, key: str, sources: list[str], started_ns: int, program: dict) -> None:
        recorded_ns = time.time_ns()
        stamps = [_stamp(p) for p in sources]
        if any(s is None or s[1] > started_ns for s in stamps):
            return  # a source vanished or changed since it was read: nothing trustworthy to record
        record = {**program, "format": FORMAT, "key": key, "recorded_ns": recorded_ns, "sources": stamps}
        with contextlib.suppress(OSError):
            _atomic_write(index, marshal.dumps(record))


def _atomic_write(path: str, data: bytes) -> None:
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
