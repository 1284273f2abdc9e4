"""Cache of compiled programs, so `vais run` of an unchanged program skips the compiler.

An entry is found by the entry file, the dependency roots and the compiler's own fingerprint, and
is valid while every source file it was compiled from has the same SHA-256. Entries are written
to a temporary file and renamed, so a crash never leaves a torn entry; a corrupt or stale entry is
simply recompiled. Location: `$VAIS_CACHE_DIR`, else `$XDG_CACHE_HOME/vais`, else `~/.cache/vais`.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys

from vais.backend.python.launch import CompiledProgram

FORMAT = 1
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

    h = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version}".encode())
    for rel in _COMPILER_DIRS:
        directory = os.path.join(_PACKAGE, rel)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith((".py", ".vais")):
                st = entry.stat()
                h.update(f"{rel}/{entry.name}:{st.st_mtime_ns}:{st.st_size}".encode())
    return h.hexdigest()


def _digest(path: str) -> str | None:
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None


class BytecodeCache:
    def __init__(self, root: str | None = None):
        self.root = str(root or cache_root())

    def _key(self, entry, context: dict) -> str:
        text = json.dumps({"entry": os.path.realpath(entry), "context": context, "compiler": compiler_fingerprint()},
                          sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()

    def lookup(self, entry, context: dict) -> CompiledProgram | None:
        index = os.path.join(self.root, f"{self._key(entry, context)}.json")
        try:
            with open(index, "rb") as f:
                record = json.loads(f.read())
            for path, digest in record["sources"].items():
                if _digest(path) != digest:
                    return None
            with open(os.path.join(self.root, record["blob"]), "rb") as f:
                code = marshal.loads(f.read())
            return CompiledProgram(code, record["main"], record["kind"], record["err_desc"],
                                   [tuple(t) for t in record["tests"]])
        except (OSError, ValueError, KeyError, TypeError, EOFError):
            return None

    def store(self, entry, context: dict, sources: list[str], compiled: CompiledProgram) -> None:
        """Best effort: an unwritable cache only costs the next run a compile."""
        try:
            os.makedirs(self.root, exist_ok=True)
            blob = marshal.dumps(compiled.code)
            blob_name = hashlib.sha256(blob).hexdigest() + ".vbc"
            _atomic_write(os.path.join(self.root, blob_name), blob)
            record = {
                "sources": {p: _digest(p) for p in sources},
                "blob": blob_name, "main": compiled.main, "kind": compiled.main_kind,
                "err_desc": compiled.main_err_desc, "tests": [list(t) for t in compiled.tests],
            }
            _atomic_write(os.path.join(self.root, f"{self._key(entry, context)}.json"), json.dumps(record).encode())
        except OSError:
            pass


def _atomic_write(path: str, data: bytes) -> None:
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
