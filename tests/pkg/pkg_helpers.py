"""Helpers shared by the package-manager tests: run a command in-process, build projects and registries."""

from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from vais.cli.main import COMMANDS
from vais.pkg.resolver import Candidate
from vais.pkg.semver import Version, VersionReq


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    old = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def vais(cwd: Path, *argv: str) -> int:
    """Run one package command in-process, as `vais ARGV...` would, from `cwd`.

    Only the command's own module is loaded, so these tests do not depend on the other commands.
    """
    name, *rest = argv
    module = importlib.import_module(COMMANDS[name][0])
    parser = argparse.ArgumentParser(prog=f"vais {name}")
    module.add_arguments(parser)
    args = parser.parse_args(rest)
    args.command = name
    with _cwd(cwd):
        return int(module.run(args) or 0)


def write_project(root: Path, name: str, version: str = "0.1.0", deps: Mapping[str, str] | None = None,
                  modules: Mapping[str, str] | None = None) -> Path:
    """A project directory with a manifest (`deps` values are TOML right-hand sides) and src/ modules."""
    root.mkdir(parents=True, exist_ok=True)
    dep_lines = "".join(f"{k} = {v}\n" for k, v in (deps or {}).items())
    (root / "Vais.toml").write_text(f'[package]\nname = "{name}"\nversion = "{version}"\n\n[dependencies]\n{dep_lines}')
    for rel, text in (modules or {"lib.vais": "P F answer() -> i64 { 42 }\n"}).items():
        (root / "src" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "src" / rel).write_text(text)
    return root


Registry = Mapping[str, Mapping[str, Mapping[str, str]]]  # name -> version -> {dep: req}


class MemoryProvider:
    """A resolver provider over a dict; versions ending in `!` are yanked."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def candidates(self, name: str) -> list[Candidate]:
        found = [
            Candidate(Version.parse(v.rstrip("!")), tuple((d, VersionReq.parse(r)) for d, r in deps.items()),
                      v.endswith("!"))
            for v, deps in self.registry.get(name, {}).items()
        ]
        return sorted(found, key=lambda c: c.version)


def root_candidate(deps: Mapping[str, str]) -> Candidate:
    return Candidate(Version(1, 0, 0), tuple((d, VersionReq.parse(r)) for d, r in deps.items()))
