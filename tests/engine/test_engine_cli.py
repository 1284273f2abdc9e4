"""`vais run` and `vais test` as users drive them: arguments, errors, the bytecode cache."""

from __future__ import annotations

from engine_support import vais


def test_program_arguments_reach_the_program(tmp_path, cache_dir):
    prog = tmp_path / "args.vais"
    prog.write_text("F main() {\n    L a in args() { println(a) }\n}\n")
    result = vais("run", str(prog), "--", "one", "two words", "--flag", cache_dir=cache_dir)
    assert result.stdout == "one\ntwo words\n--flag\n"
    plain = vais("run", str(prog), "x", "y", cache_dir=cache_dir)
    assert plain.stdout == "x\ny\n"


def test_type_errors_stop_the_run_with_diagnostics(tmp_path, cache_dir):
    prog = tmp_path / "bad.vais"
    prog.write_text("F main() {\n    x: i64 = \"text\"\n    println(\"{x}\")\n}\n")
    result = vais("run", str(prog), cache_dir=cache_dir)
    assert result.returncode == 1
    assert "error[E0100]: mismatched types" in result.stderr
    assert "bad.vais:2:14" in result.stderr
    assert result.stdout == ""


def test_missing_main_and_missing_file(tmp_path, cache_dir):
    lib = tmp_path / "lib.vais"
    lib.write_text("F helper() -> i64 = 1\n")
    result = vais("run", str(lib), cache_dir=cache_dir)
    assert result.returncode == 1
    assert "has no `main` function" in result.stderr
    missing = vais("run", str(tmp_path / "nope.vais"), cache_dir=cache_dir)
    assert missing.returncode == 2
    assert "no such file or directory" in missing.stderr


def test_cache_is_reused_and_invalidated_by_edits(tmp_path):
    cache = tmp_path / "cache"
    prog = tmp_path / "p.vais"
    prog.write_text('F main() { println("one") }\n')
    assert vais("run", str(prog), cache_dir=cache).stdout == "one\n"
    entries = sorted(p.name for p in cache.iterdir())
    assert any(n.endswith(".idx") for n in entries) and any(n.endswith(".vbc") for n in entries)
    assert vais("run", str(prog), cache_dir=cache).stdout == "one\n"
    assert sorted(p.name for p in cache.iterdir()) == entries  # served from the cache, nothing new
    prog.write_text('F main() { println("two") }\n')
    assert vais("run", str(prog), cache_dir=cache).stdout == "two\n"


def test_corrupt_cache_entries_are_recompiled(tmp_path):
    cache = tmp_path / "cache"
    prog = tmp_path / "p.vais"
    prog.write_text('F main() { println("fine") }\n')
    vais("run", str(prog), cache_dir=cache)
    for blob in cache.glob("*.vbc"):
        blob.write_bytes(b"garbage")
    result = vais("run", str(prog), cache_dir=cache)
    assert (result.returncode, result.stdout) == (0, "fine\n")


def test_imported_module_edits_invalidate_the_cache(tmp_path):
    cache = tmp_path / "cache"
    (tmp_path / "util.vais").write_text("P F word() -> Str = \"alpha\"\n")
    prog = tmp_path / "main.vais"
    prog.write_text("U util\nF main() { println(word()) }\n")
    assert vais("run", str(prog), cache_dir=cache).stdout == "alpha\n"
    (tmp_path / "util.vais").write_text("P F word() -> Str = \"beta\"\n")
    assert vais("run", str(prog), cache_dir=cache).stdout == "beta\n"


def test_vais_test_reports_each_test_and_the_failure_location(tmp_path, cache_dir):
    prog = tmp_path / "t.vais"
    prog.write_text(
        "F add(a: i64, b: i64) -> i64 = a + b\n"
        "#[test]\n"
        "F test_add() { assert_eq(add(1, 2), 3) }\n"
        "#[test]\n"
        "F test_wrong() {\n"
        "    x := add(2, 2)\n"
        "    assert_eq(x, 5)\n"
        "}\n")
    result = vais("test", str(prog), cache_dir=cache_dir)
    assert result.returncode == 1
    out = result.stdout
    assert "test test_add ... ok" in out
    assert "test test_wrong ... FAILED" in out
    assert "assertion `left == right` failed" in out
    assert "at test_wrong (" in out and "t.vais:7:5" in out
    assert out.rstrip().endswith("1 passed, 1 failed")
    passing = tmp_path / "ok.vais"
    passing.write_text("#[test]\nF test_one() { assert(1 + 1 == 2) }\n")
    ok = vais("test", str(passing), cache_dir=cache_dir)
    assert ok.returncode == 0 and ok.stdout.rstrip().endswith("1 passed, 0 failed")


def test_tests_do_not_run_under_plain_run(tmp_path, cache_dir):
    prog = tmp_path / "mixed.vais"
    prog.write_text('#[test]\nF test_x() { println("in test") }\nF main() { println("main") }\n')
    assert vais("run", str(prog), cache_dir=cache_dir).stdout == "main\n"
