"""The bytecode cache in-process: which runs are served from it, which recompile, and when a file's
content (not only its time stamp) decides."""

from __future__ import annotations

import os
import time

import pytest

from vais import sema
from vais.backend.python import cache as cache_module
from vais.backend.python.engine import build

HOUR_NS = 3600 * 10**9


@pytest.fixture
def counted_hashes(monkeypatch):
    """Counts content hashes of source files taken by the cache."""
    calls: list[str] = []
    real = cache_module._sha256

    def counting(path: str) -> str | None:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(cache_module, "_sha256", counting)
    return calls


@pytest.fixture
def prog(tmp_path, monkeypatch):
    """The program file of a test, compiled into a cache of its own."""
    monkeypatch.setenv("VAIS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "p.vais"


def write_old(path, text: str) -> None:
    """Write `text` with a modification time an hour ago, as for a file edited long before the run."""
    path.write_text(text)
    past = time.time_ns() - HOUR_NS
    os.utime(path, ns=(past, past))


def test_second_build_is_served_from_the_cache_without_hashing(prog, counted_hashes):
    write_old(prog, 'F main() { println("one") }\n')
    assert not build(prog).cached
    counted_hashes.clear()
    again = build(prog)
    assert again.cached and again.compiled is not None
    assert counted_hashes == []  # size and old time stamp match: no need to read the file


def test_touched_but_unchanged_file_is_hashed_once_then_restamped(prog, counted_hashes):
    write_old(prog, 'F main() { println("one") }\n')
    build(prog)
    later = time.time_ns() - HOUR_NS // 2
    os.utime(prog, ns=(later, later))
    counted_hashes.clear()
    assert build(prog).cached  # same content: no recompile
    assert counted_hashes  # decided by the content hash
    counted_hashes.clear()
    assert build(prog).cached
    assert counted_hashes == []  # the record now carries the new time stamp


def test_same_size_edit_with_the_same_time_stamp_is_caught_when_recent(prog):
    """A second edit within the file system's time-stamp resolution keeps size and mtime: a record
    written right after the first edit must not trust them."""
    prog.write_text('F main() { println("one") }\n')
    stamp = os.stat(prog).st_mtime_ns
    assert not build(prog).cached
    prog.write_text('F main() { println("two") }\n')
    os.utime(prog, ns=(stamp, stamp))
    rebuilt = build(prog)
    assert not rebuilt.cached and _mentions(rebuilt.compiled.code, "two")


def test_a_source_changed_during_compilation_is_not_recorded(prog, monkeypatch):
    write_old(prog, 'F main() { println("one") }\n')
    real_analyse = sema.analyse

    def analyse_then_edit(*args, **kwargs):
        result = real_analyse(*args, **kwargs)
        prog.write_text('F main() { println("two") }\n')  # the user saves while we compile
        return result

    monkeypatch.setattr("vais.sema.analyse", analyse_then_edit)
    build(prog)
    monkeypatch.setattr("vais.sema.analyse", real_analyse)
    rebuilt = build(prog)
    assert not rebuilt.cached and _mentions(rebuilt.compiled.code, "two")


def test_records_of_another_compiler_or_format_are_ignored(prog, monkeypatch):
    write_old(prog, 'F main() { println("one") }\n')
    build(prog)
    monkeypatch.setattr(cache_module, "compiler_fingerprint", lambda: "another compiler")
    assert not build(prog).cached


def _mentions(code, text: str) -> bool:
    """Whether `text` is a constant somewhere in the compiled program."""
    for const in code.co_consts:
        if const == text or (hasattr(const, "co_consts") and _mentions(const, text)):
            return True
    return False
