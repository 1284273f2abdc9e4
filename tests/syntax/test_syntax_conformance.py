"""The shared conformance corpus: every program and seed snippet parses cleanly, every syntax-error
file reports errors on exactly its annotated lines, every type-error file parses cleanly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from syntax_support import (
    FRAGMENTS,
    PROGRAMS,
    SEEDS,
    SYNTAX_ERRORS,
    TYPE_ERRORS,
    expected_lines,
    run_vais,
    seed_text,
    vais_in_process,
)

from vais.syntax import ast, parse_source


def test_corpus_is_present() -> None:
    assert len(PROGRAMS) >= 76 and len(SEEDS) >= 16 and len(SYNTAX_ERRORS) >= 30 and TYPE_ERRORS


@pytest.mark.parametrize("path", PROGRAMS + SEEDS, ids=lambda p: p.name)
def test_parses_without_diagnostics(path: Path) -> None:
    module, diags = parse_source(seed_text(path), str(path))
    assert [f"{d.span.line}: {d.message}" for d in diags] == []
    assert module.items
    json.dumps(ast.dump(module, spans=True))  # the dump is plain data


@pytest.mark.parametrize("path", [PROGRAMS[0], PROGRAMS[-1], SEEDS[8]], ids=lambda p: p.name)
def test_cli_dump_ast_subprocess(path: Path) -> None:
    result = run_vais("parse", "--dump-ast", str(path))
    assert result.returncode == 0, result.stderr
    tree = json.loads(result.stdout)
    assert tree["node"] == "Module" and tree["items"]
    assert "span" not in json.dumps(tree)


def test_cli_dump_ast_in_process_for_every_program_and_seed(tmp_path: Path) -> None:
    for path in PROGRAMS + SEEDS:
        target = path
        if path.name in FRAGMENTS:  # statement sequences: parsed inside `F main() { ... }`
            target = tmp_path / path.name
            target.write_text(seed_text(path), encoding="utf-8")
        code, out, err = vais_in_process("parse", "--dump-ast", str(target))
        assert code == 0 and not err, (path, err)
        expected = ast.dump(parse_source(target.read_text(encoding="utf-8"), str(target))[0])
        assert json.loads(out) == json.loads(json.dumps(expected))


def _json_lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("path", SYNTAX_ERRORS, ids=lambda p: p.name)
def test_syntax_errors_on_exactly_the_annotated_lines(path: Path) -> None:
    code, out, err = vais_in_process("check", "--message-format", "json", str(path))
    diags = _json_lines(out)
    assert code == 1
    assert all(d["code"].startswith("E00") and d["severity"] == "error" for d in diags)  # all map to SYNTAX
    assert sorted(d["line"] for d in diags) == expected_lines(path)
    assert "Traceback" not in err


def test_syntax_errors_whole_directory_subprocess() -> None:
    directory = SYNTAX_ERRORS[0].parent
    result = run_vais("check", "--message-format", "json", str(directory))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    by_file: dict[str, list[int]] = {}
    for diag in _json_lines(result.stdout):
        by_file.setdefault(Path(diag["file"]).name, []).append(diag["line"])
    assert {name: sorted(lines) for name, lines in by_file.items()} == {
        p.name: expected_lines(p) for p in SYNTAX_ERRORS}


@pytest.mark.parametrize("path", TYPE_ERRORS, ids=lambda p: p.name)
def test_type_error_files_parse_cleanly(path: Path) -> None:
    _module, diags = parse_source(path.read_text(encoding="utf-8"), str(path))
    assert [f"{d.span.line}: {d.message}" for d in diags] == []
