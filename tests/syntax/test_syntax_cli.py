"""`vais parse` and `vais check`: outputs, exit codes, discovery."""

from __future__ import annotations

import json
from pathlib import Path

from syntax_support import PROGRAMS, run_vais, vais_in_process

GOOD = "F main() {\n    println(\"hi\")\n}\n"
BAD = "F main() {\n    x := 1 +\n}\n"


def test_parse_dump_with_spans(tmp_path: Path) -> None:
    path = tmp_path / "a.vais"
    path.write_text(GOOD, encoding="utf-8")
    code, out, err = vais_in_process("parse", "--dump-ast", "--spans", str(path))
    assert code == 0 and err == ""
    tree = json.loads(out)
    assert tree["items"][0]["span"] == "1:1-3:2" and tree["items"][0]["keyword"] == "F"


def test_parse_reports_syntax_errors_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "bad.vais"
    path.write_text(BAD, encoding="utf-8")
    code, out, err = vais_in_process("parse", "--dump-ast", str(path))
    assert code == 1 and json.loads(out)["node"] == "Module"
    assert "error[E0011]" in err and "bad.vais:2:12" in err and "could not compile: 1 error" in err


def test_parse_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, _out, err = vais_in_process("parse", "--dump-ast", str(tmp_path / "nope.vais"))
    assert code == 2 and "no such file" in err


def test_check_clean_file_and_directory(tmp_path: Path) -> None:
    (tmp_path / "a.vais").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.vais").write_text(GOOD, encoding="utf-8")
    code, out, err = vais_in_process("check", str(tmp_path))
    assert (code, out) == (0, "") and "checked 2 files: no problems found" in err


def test_check_project_uses_src(tmp_path: Path) -> None:
    (tmp_path / "Vais.toml").write_text('[package]\nname = "p"\nversion = "0.1.0"\n', encoding="utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.vais").write_text(BAD, encoding="utf-8")
    (tmp_path / "scratch.vais").write_text("not vais at all ` ` `", encoding="utf-8")
    code, out, _err = vais_in_process("check", "--message-format", "json", str(tmp_path))
    diags = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and [(Path(d["file"]).name, d["line"], d["code"]) for d in diags] == [("main.vais", 2, "E0011")]
    assert set(diags[0]) >= {"code", "severity", "message", "file", "line", "column", "end_line", "end_column", "help"}


def test_check_usage_errors(tmp_path: Path) -> None:
    code, _out, err = vais_in_process("check", str(tmp_path / "missing"))
    assert code == 2 and "no such file or directory" in err
    (tmp_path / "empty").mkdir()
    code, _out, err = vais_in_process("check", str(tmp_path / "empty"))
    assert code == 2 and "no .vais files" in err


def test_check_human_output_subprocess_has_no_colour_when_piped() -> None:
    bad = Path(__file__).resolve().parents[2].parent / "shared/conformance/errors/syntax/010_two_errors.vais"
    result = run_vais("check", str(bad))
    assert result.returncode == 1 and result.stdout == ""
    assert "\x1b[" not in result.stderr
    assert result.stderr.count("error[") == 2 and "could not compile: 2 errors" in result.stderr
    assert "= help:" in result.stderr


def test_check_all_programs_subprocess() -> None:
    result = run_vais("check", str(PROGRAMS[0].parent))
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.replace("could not compile", "")  # warnings are allowed


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path) -> None:
    """`vais check --message-format json big.vais | head`: no internal-error report, exit 141."""
    import subprocess
    import sys

    path = tmp_path / "many.vais"
    path.write_text("".join(f"F f{i}() {{ x := 1 }}\n" for i in range(200)) + "F main() {}\n")
    proc = subprocess.Popen([sys.executable, "-m", "vais.cli.main", "check", "--message-format", "json", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # the reader goes away after 100 bytes
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "internal error" not in err
