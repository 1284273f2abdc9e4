"""Archives: reproducible packing, and refusal of every kind of malicious archive (built in tmp_path)."""

from __future__ import annotations

import gzip
import io
import re
import stat
import tarfile
from pathlib import Path

import pytest
from pkg_helpers import write_project

from vais.pkg.archive import (
    ArchiveError,
    ArchiveLimits,
    inspect_archive,
    pack_package,
    sha256_hex,
    verify_and_extract,
)

MANIFEST = b'[package]\nname = "evil"\nversion = "1.0.0"\n'


def make_archive(members: list[tuple[tarfile.TarInfo, bytes | None]], top: str = "evil-1.0.0",
                 with_manifest: bool = True) -> bytes:
    """A tar.gz holding a valid manifest plus the given (possibly hostile) members."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        if with_manifest:
            info = tarfile.TarInfo(f"{top}/Vais.toml")
            info.size = len(MANIFEST)
            tar.addfile(info, io.BytesIO(MANIFEST))
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return gzip.compress(raw.getvalue())


def member(name: str, data: bytes = b"x", kind: bytes = tarfile.REGTYPE, link: str = "") -> tuple[tarfile.TarInfo, bytes | None]:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    if kind == tarfile.REGTYPE:
        info.size = len(data)
        return info, data
    return info, None


def test_pack_is_reproducible_and_follows_the_contract(tmp_path: Path) -> None:
    project = write_project(tmp_path / "lib", "my-lib", "1.2.0", modules={"strings.vais": "P F f() {}\n"})
    (project / "README.md").write_text("# my-lib\n")
    (project / "Vais.lock").write_text("")
    (project / "target").mkdir()
    (project / "target" / "junk").write_text("x")
    first = pack_package(project, tmp_path / "out1")
    (project / "src" / "strings.vais").touch()  # mtimes must not matter
    second = pack_package(project, tmp_path / "out2")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.sha256 == sha256_hex(first.path.read_bytes())
    assert first.path.name == "my-lib-1.2.0.tar.gz"
    assert first.files == ("README.md", "Vais.toml", "src/strings.vais")
    with tarfile.open(first.path) as tar:
        infos = tar.getmembers()
    assert [i.name for i in infos] == sorted(i.name for i in infos)
    assert all(i.mtime == 0 and i.uid == 0 and i.gid == 0 and i.uname == "" and i.gname == "" for i in infos)
    assert {i.mode for i in infos if i.isfile()} == {0o644} and {i.mode for i in infos if i.isdir()} == {0o755}
    assert first.path.read_bytes()[4:8] == b"\0\0\0\0"  # gzip header mtime


def test_pack_honours_exclude_and_rejects_path_only_dependencies(tmp_path: Path) -> None:
    project = write_project(tmp_path / "lib", "lib", modules={"a.vais": "", "secret/key.vais": ""})
    text = (project / "Vais.toml").read_text().replace('version = "0.1.0"\n', 'version = "0.1.0"\nexclude = ["src/secret"]\n')
    (project / "Vais.toml").write_text(text)
    assert pack_package(project, tmp_path / "out").files == ("Vais.toml", "src/a.vais")
    (project / "Vais.toml").write_text(text + 'other = { path = "../other" }\n')
    with pytest.raises(ArchiveError, match="dependency other has only a path"):
        pack_package(project, tmp_path / "out")


def test_published_manifest_drops_paths(tmp_path: Path) -> None:
    project = write_project(tmp_path / "lib", "lib", deps={"dep": '{ version = "^1.0", path = "../dep" }'})
    info = inspect_archive(pack_package(project, tmp_path / "out").path.read_bytes())
    assert "path" not in info.manifest_text
    assert info.manifest.dependencies[0].path is None and str(info.manifest.dependencies[0].req) == "^1.0"


def test_inspect_reports_identity_and_files(tmp_path: Path) -> None:
    data = make_archive([member("evil-1.0.0/src/a.vais")])
    info = inspect_archive(data)
    assert (info.name, info.version, info.files) == ("evil", "1.0.0", ("Vais.toml", "src/a.vais"))


@pytest.mark.parametrize(("members", "message"), [
    ([member("evil-1.0.0/../../etc/passwd")], r"'evil-1.0.0/../../etc/passwd' escapes the package directory"),
    ([member("/etc/passwd")], r"'/etc/passwd' has an absolute path"),
    ([member("evil-1.0.0/link", kind=tarfile.SYMTYPE, link="/etc/passwd")], r"'evil-1.0.0/link' is a symbolic link"),
    ([member("evil-1.0.0/hard", kind=tarfile.LNKTYPE, link="evil-1.0.0/Vais.toml")], r"'evil-1.0.0/hard' is a hard link"),
    ([member("evil-1.0.0/dev", kind=tarfile.CHRTYPE)], r"'evil-1.0.0/dev' is a character device"),
    ([member("evil-1.0.0/blk", kind=tarfile.BLKTYPE)], r"'evil-1.0.0/blk' is a block device"),
    ([member("evil-1.0.0/fifo", kind=tarfile.FIFOTYPE)], r"'evil-1.0.0/fifo' is a FIFO"),
    ([member("other-1.0.0/a.vais")], r"'other-1.0.0/a.vais' is outside the top directory 'evil-1.0.0'/"),
    ([member("evil-1.0.0/Vais.toml")], r"'evil-1.0.0/Vais.toml' appears twice"),
])
def test_hostile_members_are_refused(members, message: str) -> None:
    with pytest.raises(ArchiveError, match=message):
        inspect_archive(make_archive(members))


def test_top_directory_must_match_manifest() -> None:
    with pytest.raises(ArchiveError, match=re.escape("top directory 'evil-2.0.0' does not match its manifest")):
        inspect_archive(make_archive([], top="evil-2.0.0"))


def test_missing_manifest_is_refused() -> None:
    with pytest.raises(ArchiveError, match=re.escape("has no evil-1.0.0/Vais.toml manifest")):
        inspect_archive(make_archive([member("evil-1.0.0/src/a.vais")], with_manifest=False))


def test_oversize_is_refused() -> None:
    data = make_archive([member("evil-1.0.0/big.vais", b"y" * 5000)])
    with pytest.raises(ArchiveError, match=re.escape("'evil-1.0.0/big.vais' brings the unpacked size over the 4000-byte limit")):
        inspect_archive(data, ArchiveLimits(max_unpacked_bytes=4000))


def test_too_many_entries_are_refused() -> None:
    data = make_archive([member(f"evil-1.0.0/src/m{i}.vais") for i in range(30)])
    with pytest.raises(ArchiveError, match="more than 10 entries"):
        inspect_archive(data, ArchiveLimits(max_entries=10))


def test_gzip_bomb_is_refused_without_inflating_it() -> None:
    data = make_archive([member("evil-1.0.0/zeros.vais", b"\0" * (40 * 1024 * 1024))])
    assert len(data) < 200_000
    with pytest.raises(ArchiveError, match="gzip bomb"):
        inspect_archive(data)


def test_oversized_archive_file_is_refused() -> None:
    with pytest.raises(ArchiveError, match="over the 100-byte limit"):
        inspect_archive(make_archive([]), ArchiveLimits(max_archive_bytes=100))


@pytest.mark.parametrize("data", [b"not gzip at all", gzip.compress(b"not a tar file" * 100, mtime=0)],
                         ids=["not-gzip", "gzip-of-not-tar"])
def test_garbage_is_refused(data: bytes) -> None:
    with pytest.raises(ArchiveError):
        inspect_archive(data)


def test_truncated_archive_is_refused() -> None:
    data = make_archive([member("evil-1.0.0/a.vais", b"z" * 10000)])
    with pytest.raises(ArchiveError, match="truncated"):
        inspect_archive(data[: len(data) // 2])


def test_verify_and_extract_checks_checksum_first(tmp_path: Path) -> None:
    archive = tmp_path / "evil-1.0.0.tar.gz"
    archive.write_bytes(make_archive([member("evil-1.0.0/src/a.vais")]))
    with pytest.raises(ArchiveError, match=re.escape("checksum mismatch for evil-1.0.0.tar.gz")):
        verify_and_extract(archive, tmp_path / "dest", "0" * 64)
    assert not (tmp_path / "dest").exists()


def test_verify_and_extract_unpacks_read_only_and_atomically(tmp_path: Path) -> None:
    archive = tmp_path / "evil-1.0.0.tar.gz"
    archive.write_bytes(make_archive([member("evil-1.0.0/src/a.vais", b"P F f() {}\n")]))
    info = verify_and_extract(archive, tmp_path / "cache" / "evil", sha256_hex(archive.read_bytes()))
    dest = tmp_path / "cache" / "evil"
    assert info.files == ("Vais.toml", "src/a.vais")
    assert (dest / "src" / "a.vais").read_text() == "P F f() {}\n"
    assert not stat.S_IMODE((dest / "src" / "a.vais").stat().st_mode) & 0o222
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["evil"]  # no staging left behind


def test_hostile_archive_leaves_nothing_behind(tmp_path: Path) -> None:
    archive = tmp_path / "evil-1.0.0.tar.gz"
    archive.write_bytes(make_archive([member("evil-1.0.0/a.vais"), member("evil-1.0.0/../x")]))
    with pytest.raises(ArchiveError):
        verify_and_extract(archive, tmp_path / "cache" / "evil", sha256_hex(archive.read_bytes()))
    assert not (tmp_path / "cache").exists()
