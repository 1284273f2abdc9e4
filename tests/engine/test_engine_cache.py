"""The bytecode cache in-process: which builds are served from it and which recompile. Content
decides, never time stamps."""

from __future__ import annotations

import os

import pytest

from vais import sema
from vais.backend.python import cache as cache_module
from vais.backend.python.engine import build


@pytest.fixture
def prog(tmp_path, monkeypatch):
    """The program file of a test, compiled into a cache of its own."""
    monkeypatch.setenv("VAIS_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "p.vais"
    path.write_text('F main() { println("one") }\n')
    return path


def test_second_build_is_served_from_the_cache(prog):
    assert not build(prog).cached
    again = build(prog)
    assert again.cached and _mentions(again.compiled.code, "one")


def test_touched_but_unchanged_file_is_still_served_from_the_cache(prog):
    build(prog)
    later = os.stat(prog).st_mtime_ns + 5 * 10**9
    os.utime(prog, ns=(later, later))
    assert build(prog).cached


def test_an_edit_that_keeps_size_and_time_stamp_is_still_caught(prog):
    """Two saves within the file system's time-stamp resolution: only the content tells them apart."""
    stamp = os.stat(prog).st_mtime_ns
    build(prog)
    prog.write_text('F main() { println("two") }\n')
    os.utime(prog, ns=(stamp, stamp))
    rebuilt = build(prog)
    assert not rebuilt.cached and _mentions(rebuilt.compiled.code, "two")


def test_a_source_changed_during_compilation_is_not_recorded(prog, monkeypatch):
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


def test_records_of_another_compiler_are_ignored(prog, monkeypatch):
    build(prog)
    monkeypatch.setattr(cache_module, "compiler_fingerprint", lambda: "another compiler")
    assert not build(prog).cached


def test_a_corrupt_record_is_a_miss_not_a_crash(prog, tmp_path):
    build(prog)
    for record in (tmp_path / "cache").glob("*.idx"):
        record.write_bytes(b"\x00not marshal")
    assert not build(prog).cached


def _mentions(code, text: str) -> bool:
    """Whether `text` is a constant somewhere in the compiled program."""
    for const in code.co_consts:
        if const == text or (hasattr(const, "co_consts") and _mentions(const, text)):
            return True
    return False


def test_warnings_are_replayed_from_the_cache(prog):
    prog.write_text('F main() {\n    x := 5\n    println("hi")\n}\n')
    first = build(prog)
    again = build(prog)
    assert not first.cached and again.cached
    shown = [(d.code, d.span.line, d.span.col, d.message, d.help) for d in first.diagnostics]
    assert shown and [(d.code, d.span.line, d.span.col, d.message, d.help) for d in again.diagnostics] == shown
    assert not any(d.is_error for d in again.diagnostics)
