"""`vais new` / `vais init`: lay out a fresh project (manifest, entry module, .gitignore)."""

from __future__ import annotations

from pathlib import Path

from vais.pkg.errors import PkgError
from vais.pkg.fsutil import atomic_write
from vais.pkg.manifest import MANIFEST_NAMES, NAME_HELP, NAME_RE, RESERVED_NAMES

_MAIN = 'F main() {\n    println("Hello, world!")\n}\n'
_LIB = """# The library's root module: mark items with P to make them public.
P F add(a: i64, b: i64) -> i64 {
    a + b
}

#[test]
F test_add() {
    assert_eq(add(2, 2), 4)
}
"""
_GITIGNORE = "/target\n"


def _manifest(name: str) -> str:
    return f'[package]\nname = "{name}"\nversion = "0.1.0"\n\n[dependencies]\n'


def check_name(name: str, where: Path) -> None:
    if not NAME_RE.match(name):
        raise PkgError(f"cannot use {name!r} (from {where}) as a package name: {NAME_HELP}; "
                       "pass --name NAME to choose another")
    if name in RESERVED_NAMES:
        raise PkgError(f"package name {name!r} is reserved: pass --name NAME to choose another")


def init_project(directory: Path, name: str | None = None, lib: bool = False) -> list[Path]:
    """Create the project files in an existing directory; refuse to overwrite a manifest."""
    name = name or directory.resolve().name
    check_name(name, directory)
    for manifest in MANIFEST_NAMES:
        if (directory / manifest).exists():
            raise PkgError(f"{directory / manifest} already exists: this directory is already a Vais project")
    entry = directory / "src" / ("lib.vais" if lib else "main.vais")
    files = {directory / "Vais.toml": _manifest(name), entry: _LIB if lib else _MAIN}
    if not (directory / ".gitignore").exists():
        files[directory / ".gitignore"] = _GITIGNORE
    written = []
    for path, text in files.items():
        if path.exists():
            continue  # keep the user's own src/main.vais when initialising an existing tree
        atomic_write(path, text)
        written.append(path)
    return written


def new_project(directory: Path, name: str | None = None, lib: bool = False) -> list[Path]:
    """Create `directory` and a project in it."""
    if directory.exists() and any(directory.iterdir()):
        raise PkgError(f"destination {directory} already exists and is not empty: choose another name, "
                       "or run `vais init` inside it")
    check_name(name or directory.resolve().name, directory)
    directory.mkdir(parents=True, exist_ok=True)
    return init_project(directory, name, lib)
