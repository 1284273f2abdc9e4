"""Project commands (new, init, tree, metadata), the source factory, and concurrent cache use."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest
from pkg_helpers import vais, write_project

from vais.pkg.archive import pack_package
from vais.pkg.cache import Cache
from vais.pkg.local_registry import LocalRegistry, add_package, init_registry
from vais.pkg.manifest import load_manifest
from vais.pkg.semver import Version
from vais.pkg.sources import SourceConfig, SourceError, source_for_url


def test_new_binary_and_library(tmp_path: Path) -> None:
    assert vais(tmp_path, "new", "hello") == 0
    assert (tmp_path / "hello" / "src" / "main.vais").read_text() == 'F main() {\n    println("Hello, world!")\n}\n'
    assert load_manifest(tmp_path / "hello").name == "hello"
    assert (tmp_path / "hello" / ".gitignore").read_text() == "/target\n"
    assert vais(tmp_path, "new", "my-lib", "--lib") == 0
    lib = (tmp_path / "my-lib" / "src" / "lib.vais").read_text()
    assert "#[test]\nF test_add()" in lib and "P F add(" in lib


def test_new_refuses_bad_names_and_existing_dirs(tmp_path: Path, capsys) -> None:
    assert vais(tmp_path, "new", "Bad Name") == 1
    assert "cannot use 'Bad Name'" in capsys.readouterr().err
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "file").write_text("x")
    assert vais(tmp_path, "new", "taken") == 1
    assert "already exists and is not empty" in capsys.readouterr().err


def test_init_in_current_directory(tmp_path: Path, capsys) -> None:
    project = tmp_path / "proj"
    project.mkdir()
    assert vais(project, "init") == 0
    assert load_manifest(project).name == "proj"
    assert vais(project, "init") == 1
    assert "already a Vais project" in capsys.readouterr().err


def test_tree_marks_repeats(tmp_path: Path, capsys) -> None:
    write_project(tmp_path / "c", "c")
    write_project(tmp_path / "a", "a", deps={"c": '{ path = "../c" }'})
    write_project(tmp_path / "b", "b", deps={"c": '{ path = "../c" }', "a": '{ path = "../a" }'})
    app = write_project(tmp_path / "app", "app", deps={"a": '{ path = "../a" }', "b": '{ path = "../b" }'})
    assert vais(app, "install") == 0
    capsys.readouterr()
    assert vais(app, "tree") == 0
    t = tmp_path.resolve()
    assert capsys.readouterr().out == (
        f"app v0.1.0 ({t / 'app'})\n"
        f"├── a v0.1.0 ({t / 'a'})\n"
        f"│   └── c v0.1.0 ({t / 'c'})\n"
        f"└── b v0.1.0 ({t / 'b'})\n"
        f"    ├── a v0.1.0 ({t / 'a'}) (*)\n"
        f"    └── c v0.1.0 ({t / 'c'})\n"
    )


def test_tree_without_lock(tmp_path: Path, capsys) -> None:
    app = write_project(tmp_path / "app", "app")
    assert vais(app, "tree") == 1
    assert "has no Vais.lock yet: run `vais install` first" in capsys.readouterr().err


def test_metadata_json(tmp_path: Path, capsys) -> None:
    write_project(tmp_path / "my-lib", "my-lib")
    app = write_project(tmp_path / "app", "app", deps={"my-lib": '{ path = "../my-lib" }'})
    assert vais(app, "install") == 0
    capsys.readouterr()
    assert vais(app, "metadata", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["resolve"] == {"root": "app 0.1.0", "nodes": [{"id": "app 0.1.0", "dependencies": ["my-lib 0.1.0"]},
                                                             {"id": "my-lib 0.1.0", "dependencies": []}]}
    assert data["source_roots"] == {"my_lib": str((tmp_path / "my-lib" / "src").resolve())}
    assert [p["name"] for p in data["packages"]] == ["app", "my-lib"]
    assert data["packages"][0]["dependencies"][0]["path"] == "../my-lib"


def test_source_factory(tmp_path: Path) -> None:
    config = SourceConfig(tmp_path / "home")
    with pytest.raises(SourceError, match="unsupported scheme"):
        source_for_url("ftp://example.invalid/r", config)
    with pytest.raises(SourceError, match="needs the network, which --frozen forbids"):
        source_for_url("https://example.invalid", SourceConfig(tmp_path, offline=True))
    with pytest.raises(SourceError, match="is not a Vais registry directory"):
        source_for_url((tmp_path / "nothing").as_uri(), config)
    url = init_registry(tmp_path / "reg")
    assert isinstance(source_for_url(url, config), LocalRegistry)


def _install_in_process(home: str, url: str, cksum: str) -> str:
    source = LocalRegistry(url)
    cache = Cache(Path(home))
    with cache.locked():
        return str(cache.ensure(source, "lib", Version.parse("1.0.0"), cksum))


def test_concurrent_installs_share_the_cache(tmp_path: Path) -> None:
    project = write_project(tmp_path / "lib", "lib", "1.0.0")
    url = init_registry(tmp_path / "reg")
    entry = add_package(tmp_path / "reg", pack_package(project, tmp_path / "dist").path.read_bytes())
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(4) as pool:
        results = pool.starmap(_install_in_process, [(str(tmp_path / "home"), url, entry.cksum)] * 8)
    assert len(set(results)) == 1
    assert sorted(p.name for p in Path(results[0]).parent.iterdir()) == [Path(results[0]).name]
