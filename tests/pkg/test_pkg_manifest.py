"""Vais.toml validation (errors with file, line and key) and comment-preserving edits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from vais.pkg.edit import NewDependency, add_dependency, parse_name_req, remove_dependency
from vais.pkg.errors import PkgError
from vais.pkg.manifest import ManifestError, load_manifest, parse_manifest


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path) -> None:
    os.chdir(tmp_path)  # messages show paths relative to the working directory


def problems(text: str) -> list[str]:
    path = Path.cwd() / "Vais.toml"
    with pytest.raises(ManifestError) as err:
        parse_manifest(text, path)
    return err.value.message.splitlines()


def test_full_manifest_parses() -> None:
    text = """
[package]
name = "my-lib"
version = "1.0.0-beta.1"
authors = ["Ada"]
description = "d"
license = "MIT"
repository = "https://example.invalid/r"
keywords = ["a"]
categories = ["b"]
edition = "2025"

[dependencies]
a = "^1.0"
b = { version = "~2.1", features = ["x"], default-features = false }
c = { path = "../c", optional = true }

[dev-dependencies]
t = "1.*"

[features]
default = ["dep:c"]

[profile.release]
opt-level = "z"
lto = "thin"
codegen-units = 1
strip = "symbols"
panic = "abort"
debug = true
inline-threshold = 300
"""
    m = parse_manifest(text, Path("Vais.toml"))
    assert (m.name, str(m.version), m.authors) == ("my-lib", "1.0.0-beta.1", ("Ada",))
    assert [(d.name, str(d.req), d.path) for d in m.dependencies] == [("a", "^1.0", None), ("b", "~2.1", None),
                                                                      ("c", "*", "../c")]
    assert m.dependencies[1].default_features is False and m.dependencies[2].optional
    assert m.dev_dependencies[0].dev and m.features == {"default": ("dep:c",)}
    release = m.profiles["release"]
    assert (release.opt_level, release.lto, release.codegen_units, release.strip, release.panic, release.debug,
            release.inline_threshold) == ("z", "thin", 1, "symbols", "abort", 2, 300)
    assert m.profiles["dev"].opt_level == 0 and m.warnings == ()


def test_invalid_name_names_file_line_and_fix() -> None:
    assert problems('# my package\n[package]\nname = "My Lib"\nversion = "1.0.0"\n') == [
        "Vais.toml:3: [package] name \"My Lib\" is invalid: use lowercase letters, digits, '-' or '_', "
        "starting with a letter (at most 64 characters)"
    ]


def test_every_problem_is_reported_at_once() -> None:
    text = '[package]\nname = "ok"\nversion = "1.0"\n\n[dependencies]\nfoo = "^1.x.2"\nbar = 3\n\n' \
           '[profile.release]\nopt-level = 5\nlto = "medium"\n'
    assert problems(text) == [
        "Vais.toml:3: [package] version: invalid version '1.0': expected MAJOR.MINOR.PATCH such as 1.0.0 "
        "(optionally -pre.release and +build), numbers without leading zeros",
        "Vais.toml:6: [dependencies] foo: invalid version requirement '^1.x.2': a wildcard can only be followed "
        "by wildcards",
        'Vais.toml:7: [dependencies] bar must be a requirement string like "^1.0" or a table '
        '{ version = "...", path = "..." }',
        'Vais.toml:10: [profile.release] opt-level = 5 is invalid: use 0, 1, 2, 3, "s" (size) or "z" (smallest size)',
        'Vais.toml:11: [profile.release] lto = "medium" is invalid: use true, false, "thin" or "fat"',
    ]


@pytest.mark.parametrize(("body", "expected"), [
    ('[package]\nversion = "1.0.0"\n', 'Vais.toml:1: [package] is missing "name": add `name = "my-package"`'),
    ('[dependencies]\n', "Vais.toml:1: missing [package] table"),
    ('[package]\nname = "std"\nversion = "1.0.0"\n', 'Vais.toml:2: [package] name "std" is reserved'),
    ('[package]\nname = "a"\nversion = "1.0.0"\nauthors = "me"\n', "Vais.toml:4: [package] authors must be a list"),
    ('[package]\nname = "a"\nversion = "1.0.0"\n[dependencies]\nx = { optional = true }\n',
     "Vais.toml:5: [dependencies] x needs a version requirement"),
    ('[package]\nname = "a"\nversion = "1.0.0"\n[dependencies.x]\nversion = "^1"\noptional = "yes"\n',
     "Vais.toml:6: [dependencies] x.optional must be true or false"),
    ('[package]\nname = "a"\nversion = "1.0.0"\n[features]\nfast = ["turbo"]\n',
     'Vais.toml:5: [features] fast enables "turbo", which is neither a feature nor an optional dependency'),
    ('[package]\nname = "a"\nversion = "1.0.0"\n[profile.dev]\ncodegen-units = 0\n',
     "Vais.toml:5: [profile.dev] codegen-units = 0 is invalid: use a whole number of at least 1"),
    ('[package]\nname = "a"\nversion = "1.0.0"\n[profile.dev]\ndebug = 3\n',
     "Vais.toml:5: [profile.dev] debug = 3 is invalid: use true, false, 0, 1 or 2"),
])
def test_specific_errors(body: str, expected: str) -> None:
    assert problems(body)[0].startswith(expected)


def test_toml_syntax_error_has_line_and_column() -> None:
    assert problems('[package]\nname = "a"\nversion = = "1"\n') == [
        "Vais.toml:3:11: invalid TOML: Unexpected character: '='"
    ]


def test_unknown_keys_are_warnings_with_did_you_mean() -> None:
    m = parse_manifest('[package]\nname = "a"\nversion = "1.0.0"\ndescripton = "x"\n[dependencies]\n'
                       'b = { version = "1", featurs = [] }\n[profiles]\n', Path.cwd() / "Vais.toml")
    assert m.warnings == (
        'Vais.toml:7: warning: unknown key "profiles" is ignored (did you mean "profile"?)',
        'Vais.toml:4: warning: unknown key [package] "descripton" is ignored (did you mean "description"?)',
        'Vais.toml:6: warning: unknown key [dependencies.b] "featurs" is ignored (did you mean "features"?)',
    )


def test_lowercase_manifest_name_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "vais.toml").write_text('[package]\nname = "a"\nversion = "1.0.0"\n')
    assert load_manifest(tmp_path).name == "a"


def test_missing_manifest_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"no Vais.toml in \.: run `vais init`"):
        load_manifest(tmp_path)


ORIGINAL = """# The app.
[package]
name = "app"   # keep this comment
version = "0.1.0"

[dependencies]
# pinned on purpose
old = "=1.0.0"
"""


def test_add_and_remove_preserve_comments_and_layout(tmp_path: Path) -> None:
    (tmp_path / "Vais.toml").write_text(ORIGINAL)
    add_dependency(tmp_path, NewDependency("new", "^2.0"))
    add_dependency(tmp_path, NewDependency("local", None, path="../local", features=("x",)))
    add_dependency(tmp_path, NewDependency("check", "^1", dev=True))
    text = (tmp_path / "Vais.toml").read_text()
    assert text.startswith(ORIGINAL)
    assert 'new = "^2.0"\n' in text and 'local = {path = "../local", features = ["x"]}' in text
    assert '[dev-dependencies]\ncheck = "^1"\n' in text
    for name in ("new", "local", "check"):
        remove_dependency(tmp_path, name)
    assert (tmp_path / "Vais.toml").read_text().startswith(ORIGINAL)


def test_remove_unknown_dependency_lists_the_known_ones(tmp_path: Path) -> None:
    (tmp_path / "Vais.toml").write_text(ORIGINAL)
    with pytest.raises(PkgError, match=r"has no dependency named 'nope' \(dependencies: old\)"):
        remove_dependency(tmp_path, "nope")
    assert (tmp_path / "Vais.toml").read_text() == ORIGINAL


def test_edit_never_writes_an_invalid_manifest(tmp_path: Path) -> None:
    (tmp_path / "Vais.toml").write_text(ORIGINAL)
    with pytest.raises(ManifestError):
        add_dependency(tmp_path, NewDependency("bad", "^1.x.1"))
    assert (tmp_path / "Vais.toml").read_text() == ORIGINAL
    assert [p.name for p in tmp_path.iterdir()] == ["Vais.toml"]  # no temp files left


def test_parse_name_req() -> None:
    assert parse_name_req("foo@^1.2") == ("foo", "^1.2") and parse_name_req("foo") == ("foo", None)
    with pytest.raises(PkgError, match="invalid package name 'Foo'"):
        parse_name_req("Foo@1")
