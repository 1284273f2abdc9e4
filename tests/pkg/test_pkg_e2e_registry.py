"""End to end with a local directory registry (file://): publish by helper, resolve, cache, verify."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from pkg_helpers import vais, write_project

from vais.pkg import dependency_source_roots
from vais.pkg.archive import pack_package
from vais.pkg.errors import PkgError
from vais.pkg.local_registry import add_package, archive_path, init_registry, set_yanked
from vais.pkg.lockfile import read_lockfile


@pytest.fixture
def registry(tmp_path: Path) -> tuple[Path, str]:
    root = tmp_path / "registry"
    return root, init_registry(root, "test")


def publish(registry_root: Path, work: Path, name: str, version: str, deps: dict[str, str] | None = None) -> str:
    """Pack a tiny package and add it to the registry; return its checksum."""
    module = {"strings.vais": f'P F version() -> Str {{\n    "{name} {version}"\n}}\n'}
    project = write_project(work / f"src-{name}-{version}", name, version, deps=deps, modules=module)
    packed = pack_package(project, work / "dist")
    return add_package(registry_root, packed.path.read_bytes()).cksum


def app_with(tmp_path: Path, url: str, deps: dict[str, str]) -> Path:
    app = write_project(tmp_path / "app", "app", deps=deps, modules={"main.vais": "F main() {}\n"})
    (app / ".vais").mkdir()
    (app / ".vais" / "config.toml").write_text(f'[registry]\ndefault = "{url}"\n')
    return app


def versions(app: Path) -> dict[str, str]:
    lock = read_lockfile(app)
    assert lock is not None
    return {p.name: str(p.version) for p in lock.packages if not p.is_root}


def test_resolve_install_and_find_sources(tmp_path: Path, registry: tuple[Path, str], vais_home: Path) -> None:
    root, url = registry
    publish(root, tmp_path, "mylib", "1.0.0")
    cksum = publish(root, tmp_path, "mylib", "1.1.0")
    index = json.loads((root / "index" / "mylib.json").read_text())
    assert [v["version"] for v in index["versions"]] == ["1.0.0", "1.1.0"]
    app = app_with(tmp_path, url, {"mylib": '"^1.0"'})
    assert vais(app, "install") == 0
    text = (app / "Vais.lock").read_text()
    assert f'name = "mylib"\nversion = "1.1.0"\nsource = "registry+{url}"\nchecksum = "{cksum}"\n' in text
    src = dependency_source_roots(app)["mylib"]
    assert src.is_relative_to(vais_home / "cache" / "src")
    assert (src / "strings.vais").read_text() == 'P F version() -> Str {\n    "mylib 1.1.0"\n}\n'
    assert not stat.S_IMODE((src / "strings.vais").stat().st_mode) & 0o222
    assert (vais_home / "cache" / "archives" / f"{cksum}.tar.gz").is_file()


def test_tampered_archive_is_a_clear_error(tmp_path: Path, registry: tuple[Path, str], capsys) -> None:
    root, url = registry
    publish(root, tmp_path, "mylib", "1.0.0")
    target = archive_path(root, "mylib", "1.0.0")
    data = bytearray(target.read_bytes())
    data[-10] ^= 0xFF
    target.write_bytes(bytes(data))
    app = app_with(tmp_path, url, {"mylib": '"^1.0"'})
    assert vais(app, "install") == 1
    err = capsys.readouterr().err
    assert f"error: checksum mismatch for mylib 1.0.0 from {url}: the index says sha256 " in err
    assert "the archive was altered or corrupted, refusing to use it" in err
    assert not (app / "Vais.lock").exists()


def test_yanked_versions_only_when_locked(tmp_path: Path, registry: tuple[Path, str]) -> None:
    root, url = registry
    publish(root, tmp_path, "mylib", "1.0.0")
    publish(root, tmp_path, "mylib", "1.1.0")
    app = app_with(tmp_path, url, {"mylib": '"^1.0"'})
    assert vais(app, "install") == 0
    set_yanked(root, "mylib", "1.1.0")
    assert vais(app, "install", "--locked") == 0  # the lock pins the yanked version: still fine
    assert versions(app) == {"mylib": "1.1.0"}
    (app / "Vais.lock").unlink()
    assert vais(app, "install") == 0
    assert versions(app) == {"mylib": "1.0.0"}


def test_update_one_package_keeps_the_others(tmp_path: Path, registry: tuple[Path, str]) -> None:
    root, url = registry
    for name in ("a", "b"):
        publish(root, tmp_path, name, "1.0.0")
    app = app_with(tmp_path, url, {"a": '"^1"', "b": '"^1"'})
    assert vais(app, "install") == 0
    for name in ("a", "b"):
        publish(root, tmp_path, name, "1.1.0")
    assert vais(app, "install") == 0
    assert versions(app) == {"a": "1.0.0", "b": "1.0.0"}  # locked versions are preferred
    assert vais(app, "update", "a") == 0
    assert versions(app) == {"a": "1.1.0", "b": "1.0.0"}
    assert vais(app, "update") == 0
    assert versions(app) == {"a": "1.1.0", "b": "1.1.0"}


def test_update_unknown_name(tmp_path: Path, registry: tuple[Path, str], capsys) -> None:
    root, url = registry
    publish(root, tmp_path, "a", "1.0.0")
    app = app_with(tmp_path, url, {"a": '"^1"'})
    assert vais(app, "install") == 0
    assert vais(app, "update", "zzz") == 1
    assert "package zzz is not in Vais.lock: `vais update` takes names of locked packages (a)" in capsys.readouterr().err


def test_locked_rejects_a_changed_requirement(tmp_path: Path, registry: tuple[Path, str], capsys) -> None:
    root, url = registry
    publish(root, tmp_path, "a", "1.0.0")
    publish(root, tmp_path, "a", "2.0.0")
    app = app_with(tmp_path, url, {"a": '"^1"'})
    assert vais(app, "install") == 0
    (app / "Vais.toml").write_text((app / "Vais.toml").read_text().replace('"^1"', '"^2"'))
    assert vais(app, "install", "--locked") == 1
    assert "  - dependency a: Vais.toml requires ^2 but Vais.lock has 1.0.0" in capsys.readouterr().err
    assert vais(app, "install") == 0
    assert versions(app) == {"a": "2.0.0"}


def test_transitive_registry_dependencies_and_prefer_lowest(tmp_path: Path, registry: tuple[Path, str]) -> None:
    root, url = registry
    publish(root, tmp_path, "base", "1.0.0")
    publish(root, tmp_path, "base", "1.4.0")
    publish(root, tmp_path, "mid", "2.0.0", deps={"base": '"^1.2"'})
    app = app_with(tmp_path, url, {"mid": '"^2"'})
    assert vais(app, "install", "--prefer-lowest") == 0
    assert versions(app) == {"base": "1.4.0", "mid": "2.0.0"}
    publish(root, tmp_path, "base", "1.2.0")
    assert vais(app, "install", "--prefer-lowest") == 0
    assert versions(app) == {"base": "1.2.0", "mid": "2.0.0"}
    assert set(dependency_source_roots(app)) == {"base", "mid"}


def test_add_picks_newest_release_and_remove_cleans_up(tmp_path: Path, registry: tuple[Path, str]) -> None:
    root, url = registry
    publish(root, tmp_path, "mylib", "1.0.0")
    publish(root, tmp_path, "mylib", "1.3.0")
    publish(root, tmp_path, "mylib", "2.0.0-beta.1")
    app = app_with(tmp_path, url, {})
    assert vais(app, "add", "mylib") == 0
    assert 'mylib = "^1.3.0"' in (app / "Vais.toml").read_text()
    assert versions(app) == {"mylib": "1.3.0"}
    assert vais(app, "remove", "mylib") == 0
    assert "mylib" not in (app / "Vais.toml").read_text() and versions(app) == {}


def test_add_that_cannot_resolve_leaves_the_manifest_alone(tmp_path: Path, registry: tuple[Path, str], capsys) -> None:
    root, url = registry
    publish(root, tmp_path, "mylib", "1.0.0")
    app = app_with(tmp_path, url, {})
    before = (app / "Vais.toml").read_bytes()
    assert vais(app, "add", "mylib@^5") == 1
    assert "no versions of mylib match ^5" in capsys.readouterr().err
    assert (app / "Vais.toml").read_bytes() == before


def test_no_registry_configured(tmp_path: Path, capsys) -> None:
    app = write_project(tmp_path / "app", "app", deps={"x": '"^1"'})
    assert vais(app, "install") == 1
    assert "dependency x comes from a registry, but none is configured: pass --registry URL" in capsys.readouterr().err


def test_cache_is_shared_and_sources_need_install(tmp_path: Path, registry: tuple[Path, str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root, url = registry
    publish(root, tmp_path, "mylib", "1.0.0")
    app = app_with(tmp_path, url, {"mylib": '"1"'})
    assert vais(app, "install", "--registry", url) == 0
    archive_path(root, "mylib", "1.0.0").unlink()  # a second install must not need the registry's archive
    (app / "Vais.lock").unlink()
    assert vais(app, "install") == 0
    monkeypatch.setenv("VAIS_HOME", str(tmp_path / "empty-home"))
    with pytest.raises(PkgError, match=r"mylib 1\.0\.0 is locked but not installed .*: run `vais install`"):
        dependency_source_roots(app)


def test_publishing_twice_is_refused(tmp_path: Path, registry: tuple[Path, str]) -> None:
    root, _ = registry
    publish(root, tmp_path, "mylib", "1.0.0")
    with pytest.raises(PkgError, match=r"mylib 1\.0\.0 is already in the registry"):
        publish(root, tmp_path / "again", "mylib", "1.0.0")
