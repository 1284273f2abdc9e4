"""`vais check`: files, plain directories and `Vais.toml` projects through parse + type checking,
human and JSON output, exit codes, and no Python traceback ever (internal errors exit 101)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sema_helpers import CONFORMANCE, write_tree

from vais.cli import cmd_check
from vais.sema.codes import KIND_OF_CODE

PROGRAMS = CONFORMANCE / "programs"
TYPE_ERRORS = CONFORMANCE / "errors" / "types"
JSON_KEYS = {"code", "severity", "message", "file", "line", "column", "end_line", "end_column", "help"}
# `vais` with only the `check` command registered: the CLI imports every command module while building
# its parser, and this keeps the test independent of commands other engineers are still writing.
VAIS = ("import sys\nfrom vais.cli import main as m\n"
        "m.COMMANDS = {k: v for k, v in m.COMMANDS.items() if k == 'check'}\nsys.exit(m.main(sys.argv[1:]))\n")


def vais(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", VAIS, *args], capture_output=True, text=True, timeout=120, env=env)


def check(capsys: pytest.CaptureFixture[str], *paths: Path | str, fmt: str = "json") -> tuple[int, list[dict], str]:
    """Run `vais check` in-process: (exit code, JSON diagnostics, stderr)."""
    code = cmd_check.check_paths([str(p) for p in paths], fmt)
    out, err = capsys.readouterr()
    diags = [json.loads(line) for line in out.splitlines() if line.strip()] if fmt == "json" else []
    return code, diags, err


def test_programs_check_clean_in_a_subprocess() -> None:
    for name in ("001_hello_world.vais", "023_generics_bounds.vais", "052_tokenizer_eval.vais"):
        result = vais("check", str(PROGRAMS / name))
        assert result.returncode == 0, result.stderr
        assert "error" not in result.stderr and "Traceback" not in result.stderr


def test_json_output_in_a_subprocess() -> None:
    result = vais("check", "--message-format", "json", str(TYPE_ERRORS / "002_mismatch_binary_operands.vais"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    diags = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(set(d) >= JSON_KEYS for d in diags)
    errors = [d for d in diags if d["severity"] == "error"]
    assert [(KIND_OF_CODE[d["code"]], d["line"]) for d in errors] == [("MISMATCH", 7), ("MISMATCH", 8)]
    assert errors[0]["column"] == 10 and errors[0]["end_line"] == 7


def test_every_conformance_program_checks_clean_as_one_directory(capsys: pytest.CaptureFixture[str]) -> None:
    code, diags, _ = check(capsys, PROGRAMS)
    assert [d for d in diags if d["severity"] == "error"] == []
    assert code == 0


@pytest.mark.parametrize("name", ["13_factorial_tail.vais", "16_validate_input.vais"])
def test_seed_snippets_check_clean(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, diags, _ = check(capsys, CONFORMANCE / "seed_snippets" / name)
    assert code == 0 and [d for d in diags if d["severity"] == "error"] == []


def test_type_error_files_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    code, diags, err = check(capsys, TYPE_ERRORS)
    assert code == 1 and "Traceback" not in err
    got: dict[str, list] = {}
    for d in diags:
        if d["severity"] == "error":
            got.setdefault(Path(d["file"]).name, []).append((KIND_OF_CODE[d["code"]], d["line"]))
    expected = {p.name: sorted((k, int(n)) for k, n in re.findall(r"# expect-error: (\w+) line (\d+)", p.read_text()))
                for p in TYPE_ERRORS.glob("*.vais")}
    assert {name: sorted(v) for name, v in got.items()} == expected


def test_human_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"bad.vais": 'F main() {\n    x: i64 = "no"\n}\n'}) / "bad.vais"
    code, _, err = check(capsys, path, fmt="human")
    assert code == 1
    assert "error[E0100]: mismatched types" in err
    assert f"--> {path}:2:14" in err
    assert '2 |     x: i64 = "no"' in err and "^^^^ expected `i64`, found `Str`" in err
    assert err.rstrip().endswith("could not compile: 1 error and 1 warning")
    assert "\x1b[" not in err  # no colours when stderr is not a terminal


def test_warnings_alone_exit_zero(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"w.vais": "F main() { unused := 1 }\n"}) / "w.vais"
    code, diags, _ = check(capsys, path)
    assert code == 0 and [d["code"] for d in diags] == ["W0001"]
    code, _, err = check(capsys, path, fmt="human")
    assert code == 0 and "finished with 1 warning" in err


def test_clean_file_reports_no_problems(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"ok.vais": "F main() { println(\"hi\") }\n"}) / "ok.vais"
    code, _, err = check(capsys, path, fmt="human")
    assert code == 0 and err == "checked 1 file: no problems found\n"


def test_syntax_errors_stop_before_type_checking(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_tree(tmp_path, {"s.vais": "F main() {\n    x := (1 +\n    y: i64 = \"no\"\n"}) / "s.vais"
    code, diags, _ = check(capsys, path)
    assert code == 1 and diags and all(d["code"].startswith("E00") for d in diags)


def test_project_directory_with_modules_and_a_path_dependency(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "app/Vais.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nfancy-lib = { path = "../fancy" }\n',
        "app/Vais.lock": 'version = 1\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["fancy-lib 0.2.0"]\n\n'
                         '[[package]]\nname = "fancy-lib"\nversion = "0.2.0"\nsource = "path+../fancy"\n',
        "app/src/main.vais": "U net/http\nU fancy_lib\nF main() { println(\"{http::get()} {fancy_lib::answer()}\") }\n",
        "app/src/net/http.vais": "U util\nP F get() -> Str = util::tag()\n",
        "app/src/util.vais": "P F tag() -> Str = \"ok\"\n",
        "fancy/src/lib.vais": "P F answer() -> i64 = 42\n",
    })
    code, diags, err = check(capsys, tmp_path / "app")
    assert (code, diags) == (0, []), err
    code, _, err = check(capsys, tmp_path / "app", fmt="human")
    assert err == "checked 4 files: no problems found\n"


def test_project_errors_name_the_module_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_tree(tmp_path, {"Vais.toml": '[package]\nname = "p"\nversion = "0.1.0"\n',
                          "src/lib.vais": "U inner\nP F f() -> i64 = inner::g()\n",
                          "src/inner.vais": "P F g() -> i64 = \"x\"\n"})
    code, diags, _ = check(capsys, tmp_path)
    assert code == 1
    assert [(Path(d["file"]).name, d["line"], d["code"]) for d in diags] == [("inner.vais", 1, "E0170")]


def test_project_without_an_entry_module(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_tree(tmp_path, {"Vais.toml": '[package]\nname = "p"\nversion = "0.1.0"\n', "src/other.vais": "F f() {}\n"})
    code, _, err = check(capsys, tmp_path)
    assert code == 2 and "has no src/main.vais or src/lib.vais" in err


def test_project_with_an_uninstalled_registry_dependency(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VAIS_HOME", str(tmp_path / "home"))
    write_tree(tmp_path, {"p/Vais.toml": '[package]\nname = "p"\nversion = "0.1.0"\n',
                          "p/Vais.lock": 'version = 1\n\n[[package]]\nname = "p"\nversion = "0.1.0"\n\n'
                                         '[[package]]\nname = "remote"\nversion = "1.0.0"\n'
                                         'source = "registry+https://example.invalid"\nchecksum = "sha256:00"\n',
                          "p/src/main.vais": "F main() {}\n"})
    code, _, err = check(capsys, tmp_path / "p")
    assert code == 2 and "vais install" in err and "Traceback" not in err


def test_plain_directory_reports_each_file_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.vais": "U shared\nF main() { println(\"{shared::f()}\") }\n",
                          "b.vais": "U shared\nF main() { println(\"{shared::f()}\") }\n",
                          "shared.vais": "P F f() -> i64 = nope\n"})
    code, diags, _ = check(capsys, tmp_path)
    assert code == 1
    assert [(Path(d["file"]).name, d["line"], d["code"]) for d in diags] == [("shared.vais", 1, "E0101")]


def test_several_paths_at_once(capsys: pytest.CaptureFixture[str]) -> None:
    code, diags, _ = check(capsys, PROGRAMS / "001_hello_world.vais", TYPE_ERRORS / "037_duplicate_function.vais")
    assert code == 1 and [d["line"] for d in diags if d["severity"] == "error"] == [6]


@pytest.mark.parametrize("make", [lambda p: p / "missing.vais", lambda p: p])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, make) -> None:
    code, _, err = check(capsys, make(tmp_path))
    assert code == 2 and err.startswith("error: ")


def test_internal_compiler_error_is_reported_without_a_traceback(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_tree(tmp_path, {"ok.vais": "F main() {}\n"}) / "ok.vais"

    def explode(*args, **kwargs):
        raise RuntimeError("checker bug")

    monkeypatch.setattr("vais.sema.analyse", explode)
    monkeypatch.delenv("VAIS_BACKTRACE", raising=False)
    code, _, err = check(capsys, path)
    assert code == cmd_check.INTERNAL_ERROR == 101
    assert f"internal compiler error while checking {path}: RuntimeError: checker bug" in err
    assert "Traceback" not in err
    monkeypatch.setenv("VAIS_BACKTRACE", "full")
    code, _, err = check(capsys, path)
    assert code == 101 and "Traceback" in err


def test_a_file_inside_a_project_uses_the_project_roots(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write_tree(tmp_path, {
        "app/Vais.toml": '[package]\nname = "app"\nversion = "0.1.0"\n',
        "app/Vais.lock": 'version = 1\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n\n'
                         '[[package]]\nname = "dep"\nversion = "1.0.0"\nsource = "path+../dep"\n',
        "app/src/net/http.vais": "U util\nU dep\nP F get() -> Str = util::tag() + dep::name()\n",
        "app/src/util.vais": "P F tag() -> Str = \"ok\"\n",
        "dep/src/lib.vais": "P F name() -> Str = \"dep\"\n",
    })
    code, diags, err = check(capsys, tmp_path / "app" / "src" / "net" / "http.vais")
    assert (code, diags) == (0, []), err


def test_colours_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    path = write_tree(tmp_path, {"bad.vais": 'F main() { x: i64 = "no" }\n'}) / "bad.vais"
    monkeypatch.delenv("NO_COLOR", raising=False)
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert cmd_check.check_paths([str(path)], "human") == 1
    assert "\x1b[1;31merror[E0100]" in err.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    cmd_check.check_paths([str(path)], "human")
    assert "\x1b[" not in err.getvalue()
