"""`vais fmt` as users run it (subprocesses): check mode, diffs, rewriting in place (atomically,
keeping permissions, leaving formatted files untouched), syntax errors, paths and exit codes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from fmt_support import run_fmt

UGLY = "F main()  {\n  x:=1\n    println( \"{x}\" )\n}\n"
PRETTY = 'F main() {\n    x := 1\n    println("{x}")\n}\n'
BROKEN = "F main() {\n    x := \n}\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def age(path: Path) -> int:
    """Give `path` an old modification time, so any rewrite shows; returns it."""
    old = 1_000_000_000
    os.utime(path, (old, old))
    return path.stat().st_mtime_ns


def test_check_passes_on_formatted_files_without_touching_them(tmp_path: Path) -> None:
    path = write(tmp_path / "ok.vais", PRETTY)
    mtime = age(path)
    result = run_fmt("--check", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert path.stat().st_mtime_ns == mtime


def test_check_lists_files_that_would_change_and_writes_nothing(tmp_path: Path) -> None:
    ugly, ok = write(tmp_path / "ugly.vais", UGLY), write(tmp_path / "ok.vais", PRETTY)
    mtime = age(ugly)
    result = run_fmt("--check", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [str(ugly)]
    assert ugly.read_text() == UGLY and ugly.stat().st_mtime_ns == mtime
    assert "would reformat 1 file, 1 unchanged" in result.stderr
    assert ok.read_text() == PRETTY


def test_diff_shows_a_unified_diff(tmp_path: Path) -> None:
    ugly = write(tmp_path / "ugly.vais", UGLY)
    result = run_fmt("--check", "--diff", str(ugly))
    assert result.returncode == 1
    assert f"--- {ugly} (original)" in result.stdout and f"+++ {ugly} (formatted)" in result.stdout
    assert "-  x:=1\n" in result.stdout and "+    x := 1\n" in result.stdout
    assert ugly.read_text() == UGLY


def test_rewrite_formats_in_place_and_keeps_permissions(tmp_path: Path) -> None:
    ugly = write(tmp_path / "ugly.vais", UGLY)
    ugly.chmod(0o640)
    inode = ugly.stat().st_ino
    result = run_fmt(str(ugly))
    assert result.returncode == 0, result.stderr
    assert ugly.read_text() == PRETTY
    assert stat.S_IMODE(ugly.stat().st_mode) == 0o640
    assert ugly.stat().st_ino != inode, "written through a temporary file renamed over the original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ugly.vais"], "no temporary file left behind"
    assert f"reformatted {ugly}" in result.stderr


def test_rewrite_leaves_formatted_files_untouched(tmp_path: Path) -> None:
    ok, ugly = write(tmp_path / "ok.vais", PRETTY), write(tmp_path / "sub" / "ugly.vais", UGLY)
    mtime, inode = age(ok), ok.stat().st_ino
    result = run_fmt(str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert ok.stat().st_mtime_ns == mtime and ok.stat().st_ino == inode
    assert ugly.read_text() == PRETTY
    assert run_fmt("--check", str(tmp_path)).returncode == 0


def test_syntax_errors_are_reported_like_check_and_the_file_is_left_alone(tmp_path: Path) -> None:
    bad, ugly = write(tmp_path / "bad.vais", BROKEN), write(tmp_path / "ugly.vais", UGLY)
    result = run_fmt(str(tmp_path))
    assert result.returncode == 1
    assert "error[E0011]" in result.stderr and f"{bad}:2:7" in result.stderr  # at the unfinished `:=`
    assert bad.read_text() == BROKEN
    assert ugly.read_text() == PRETTY, "other files are still formatted"
    assert "1 not formatted" in result.stderr


def test_check_with_syntax_errors_fails(tmp_path: Path) -> None:
    write(tmp_path / "bad.vais", BROKEN)
    assert run_fmt("--check", str(tmp_path)).returncode == 1


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run_fmt(str(tmp_path / "nope.vais"))
    assert result.returncode == 2
    assert "no such file or directory" in result.stderr


def test_default_path_is_the_current_directory_and_hidden_directories_are_skipped(tmp_path: Path) -> None:
    ugly = write(tmp_path / "a" / "ugly.vais", UGLY)
    hidden = write(tmp_path / ".cache" / "ugly.vais", UGLY)
    result = run_fmt(cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert ugly.read_text() == PRETTY and hidden.read_text() == UGLY


def test_a_project_formats_its_src(tmp_path: Path) -> None:
    write(tmp_path / "Vais.toml", '[package]\nname = "demo"\nversion = "0.1.0"\n')
    main = write(tmp_path / "src" / "main.vais", UGLY)
    elsewhere = write(tmp_path / "scratch" / "notes.vais", UGLY)
    result = run_fmt(str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert main.read_text() == PRETTY and elsewhere.read_text() == UGLY


def test_standard_input_to_standard_output() -> None:
    result = run_fmt("-", stdin=UGLY)
    assert result.returncode == 0 and result.stdout == PRETTY
    assert run_fmt("--check", "-", stdin=UGLY).returncode == 1
    assert run_fmt("-", stdin=BROKEN).returncode == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_directory_leaves_the_file_and_fails(tmp_path: Path) -> None:
    ugly = write(tmp_path / "ro" / "ugly.vais", UGLY)
    ugly.parent.chmod(0o555)
    try:
        result = run_fmt(str(ugly))
    finally:
        ugly.parent.chmod(0o755)
    assert result.returncode == 1
    assert "cannot write" in result.stderr and ugly.read_text() == UGLY


def test_a_file_that_is_not_utf8_is_reported_and_left_byte_for_byte(tmp_path) -> None:
    path = tmp_path / "latin.vais"
    original = b'F main() {\n    x:=   "caf\xe9"\n}\n'
    path.write_bytes(original)
    result = run_fmt(str(path))
    assert result.returncode == 1 and "`latin.vais` is not UTF-8 text" in result.stderr
    assert path.read_bytes() == original
