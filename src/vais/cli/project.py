"""Where a program lives: a single file, or a project (a directory with `Vais.toml` whose entry is
`src/main.vais`, with dependencies found through the lock file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

MANIFESTS = ("Vais.toml", "vais.toml")


@dataclass
class Target:
    entry: Path
    source_root: Path | None = None
    dependency_roots: dict[str, Path] = field(default_factory=dict)
    project: Path | None = None


class TargetError(Exception):
    """A path that does not name a runnable program; the message says why and what to do."""


def find_project(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        if any((directory / m).is_file() for m in MANIFESTS):
            return directory
    return None


def locate(path: Path, entry_names: tuple[str, ...] = ("main.vais",)) -> Target:
    """The program at `path` (a `.vais` file or a project directory)."""
    if path.is_dir():
        project = path if any((path / m).is_file() for m in MANIFESTS) else None
        if project is None:
            raise TargetError(f"{path} is a directory without a Vais.toml; pass a .vais file, or create a "
                              f"project with `vais new NAME`")
        src = project / "src"
        for name in entry_names:
            if (src / name).is_file():
                return Target(src / name, src, _dependency_roots(project), project)
        raise TargetError(f"project {project} has no {' or '.join('src/' + n for n in entry_names)}")
    if path.is_file():
        project = find_project(path.resolve().parent)
        if project is not None and (project / "src") in path.resolve().parents:
            return Target(path, project / "src", _dependency_roots(project), project)
        return Target(path)
    raise TargetError(f"no such file or directory: {path}")


def _dependency_roots(project: Path) -> dict[str, Path]:
    if not (project / "Vais.lock").is_file():
        return {}
    from vais.pkg import dependency_source_roots

    try:
        return dependency_source_roots(project)
    except Exception as exc:  # a broken lock or cache: the user must reinstall
        raise TargetError(f"{exc}\nhelp: run `vais install` in {project}") from exc
