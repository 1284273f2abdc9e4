"""Where a program lives: a single file, or a project (a directory with `Vais.toml` whose entry is
`src/main.vais`, with dependencies found through the lock file). Uses `os.path` rather than
pathlib because `vais run` passes through here on every start."""

from __future__ import annotations

import os

MANIFESTS = ("Vais.toml", "vais.toml")


class Target:
    """The entry module, the source root modules are found under, and dependency source roots."""

    __slots__ = ("dependency_roots", "entry", "project", "source_root")

    def __init__(self, entry: str, source_root: str | None = None, dependency_roots: dict | None = None,
                 project: str | None = None):
        self.entry = entry
        self.source_root = source_root
        self.dependency_roots = dependency_roots or {}
        self.project = project


class TargetError(Exception):
    """A path that does not name a runnable program; the message says why and what to do."""


def _is_project(directory: str) -> bool:
    return any(os.path.isfile(os.path.join(directory, m)) for m in MANIFESTS)


def find_project(start: str) -> str | None:
    directory = os.path.abspath(start)
    while True:
        if _is_project(directory):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def locate(path: str, entry_names: tuple[str, ...] = ("main.vais",)) -> Target:
    """The program at `path` (a `.vais` file or a project directory)."""
    path = os.fspath(path)
    if os.path.isdir(path):
        if not _is_project(path):
            raise TargetError(f"{path} is a directory without a Vais.toml; pass a .vais file, or create a "
                              f"project with `vais new NAME`")
        src = os.path.join(path, "src")
        for name in entry_names:
            entry = os.path.join(src, name)
            if os.path.isfile(entry):
                return Target(entry, src, _dependency_roots(path), path)
        raise TargetError(f"project {path} has no {' or '.join('src/' + n for n in entry_names)}")
    if os.path.isfile(path):
        project = find_project(os.path.dirname(os.path.abspath(path)))
        if project is not None:
            src = os.path.join(project, "src")
            if os.path.abspath(path).startswith(src + os.sep):
                return Target(path, src, _dependency_roots(project), project)
        return Target(path)
    raise TargetError(f"no such file or directory: {path}")


def _dependency_roots(project: str) -> dict:
    if not os.path.isfile(os.path.join(project, "Vais.lock")):
        return {}
    from pathlib import Path

    from vais.pkg import dependency_source_roots

    try:
        return dependency_source_roots(Path(project))
    except Exception as exc:  # a broken lock or cache: the user must reinstall
        raise TargetError(f"{exc}\nhelp: run `vais install` in {project}") from exc
