"""Package archives: reproducible packing, validation without extraction, and safe extraction.

The format is fixed by docs/package-format.md. Archives come from strangers, so inspection
streams the gzip data through a bounded decompressor (no gzip bomb can make us inflate more than
the limits allow) and rejects anything that is not a regular file or directory under
`{name}-{version}/`.
"""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import tomlkit

from vais.pkg.errors import PkgError
from vais.pkg.fsutil import atomic_write
from vais.pkg.manifest import Manifest, ManifestError, load_manifest, parse_manifest

_CHUNK = 64 * 1024
_NEVER_PACKED = {"target", ".git", ".vais", "Vais.lock"}
_TOP_LEVEL_DOCS = ("README", "LICENSE", "CHANGELOG")


class ArchiveError(PkgError):
    """An archive is unsafe, malformed or does not match its expected checksum."""


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds applied to every archive we read; defaults suit source packages."""

    max_archive_bytes: int = 20 * 1024 * 1024
    max_unpacked_bytes: int = 100 * 1024 * 1024
    max_entries: int = 5_000
    max_ratio: int = 100  # unpacked bytes per archive byte, beyond a small allowance
    ratio_allowance: int = 1024 * 1024  # tar padding makes tiny archives look very compressible


@dataclass(frozen=True)
class PackedArchive:
    """The result of `pack_package`."""

    path: Path
    sha256: str
    name: str
    version: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class ArchiveInfo:
    """What `inspect_archive` learned: identity, manifest, and the files (relative to the top dir)."""

    name: str
    version: str
    manifest: Manifest
    manifest_text: str
    files: tuple[str, ...]
    unpacked_bytes: int


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------------------------------------
# Packing


def pack_package(project_dir: Path, out_dir: Path) -> PackedArchive:
    """Write `{name}-{version}.tar.gz` into out_dir, byte-for-byte reproducible from the sources."""
    manifest = load_manifest(project_dir)
    top = f"{manifest.name}-{manifest.version}"
    files = _package_files(manifest)
    payload = {"Vais.toml": published_manifest(manifest).encode()}
    for rel in files:
        payload[rel] = (manifest.root / rel).read_bytes()
    data = _build_tar_gz(top, payload)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{top}.tar.gz"
    atomic_write(path, data)
    return PackedArchive(path, sha256_hex(data), manifest.name, str(manifest.version), tuple(sorted(payload)))


def _package_files(manifest: Manifest) -> list[str]:
    """Relative paths to pack: `src/**` and top-level docs, minus `[package] exclude` patterns."""
    root = manifest.root
    candidates: list[str] = []
    for entry in sorted(root.iterdir()):
        if entry.is_file() and (entry.name.upper().startswith(_TOP_LEVEL_DOCS) or entry.name == manifest.readme):
            candidates.append(entry.name)
    src = root / "src"
    if not src.is_dir():
        raise ArchiveError(f"{root}: no src/ directory to package: put the package's modules under src/")
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d not in _NEVER_PACKED)
        for filename in sorted(filenames):
            full = Path(dirpath, filename)
            rel = full.relative_to(root).as_posix()
            if full.is_symlink():
                raise ArchiveError(f"{rel} is a symbolic link: packages may only contain regular files")
            candidates.append(rel)
    return [rel for rel in candidates if not _excluded(rel, manifest.exclude)]


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    parts = PurePosixPath(rel).parts
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatch.fnmatchcase(p, pattern.strip("/")) for pattern in patterns for p in prefixes)


def published_manifest(manifest: Manifest) -> str:
    """The normalised manifest stored in an archive: no paths, deterministic layout."""
    doc = tomlkit.document()
    package = tomlkit.table()
    package["name"] = manifest.name
    package["version"] = str(manifest.version)
    for key in ("authors", "description", "license", "repository", "homepage", "keywords", "categories",
                "readme", "edition"):
        value = getattr(manifest, key)
        if value:
            package[key] = list(value) if isinstance(value, tuple) else value
    doc["package"] = package
    for section, deps in (("dependencies", manifest.dependencies), ("dev-dependencies", manifest.dev_dependencies)):
        table = tomlkit.table()
        for dep in deps:
            if not dep.version_given:
                if dep.dev:
                    continue  # a dev-only path dependency is meaningless to users of the package
                raise ArchiveError(
                    f"dependency {dep.name} has only a path: a published package can depend only on "
                    f'registry packages; add `version = "..."` to {dep.name} in [dependencies]'
                )
            entry = tomlkit.inline_table()
            entry["version"] = str(dep.req)
            for key, value, default in (("registry", dep.registry, None), ("features", list(dep.features), []),
                                        ("optional", dep.optional, False),
                                        ("default-features", dep.default_features, True)):
                if value != default:
                    entry[key] = value
            table[dep.name] = entry
        if table:
            doc[section] = table
    if manifest.features:
        doc["features"] = {k: list(v) for k, v in sorted(manifest.features.items())}
    return tomlkit.dumps(doc)


def _build_tar_gz(top: str, payload: dict[str, bytes]) -> bytes:
    dirs = {top}
    for rel in payload:
        parts = PurePosixPath(rel).parts[:-1]
        dirs.update(f"{top}/{'/'.join(parts[: i + 1])}" for i in range(len(parts)))
    entries = sorted([(d, None) for d in dirs] + [(f"{top}/{rel}", data) for rel, data in payload.items()])
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.mtime, info.uid, info.gid, info.uname, info.gname = 0, 0, 0, "", ""
            if data is None:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                info.mode, info.size = 0o644, len(data)
                tar.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Reading


class _BoundedGunzip(io.RawIOBase):
    """A read-only stream of the decompressed archive that refuses to inflate past the limits."""

    def __init__(self, data: bytes, limits: ArchiveLimits) -> None:
        self._data = data
        self._pos = 0
        self._inflater = zlib.decompressobj(wbits=31)
        self._pending = b""
        self._produced = 0
        self._budget = min(
            limits.max_unpacked_bytes + 4 * 1024 * 1024 + 1024 * limits.max_entries,  # tar headers and padding
            limits.max_ratio * len(data) + limits.ratio_allowance,
        )

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while not self._pending:
            if self._inflater.eof:
                rest = self._inflater.unused_data
                if not rest.strip(b"\0"):
                    return 0
                self._inflater = zlib.decompressobj(wbits=31)  # concatenated gzip members
                self._feed(rest)
                continue
            if self._inflater.unconsumed_tail:
                self._feed(self._inflater.unconsumed_tail)
                continue
            if self._pos >= len(self._data):
                raise ArchiveError("archive is truncated: the gzip stream ends early")
            chunk = self._data[self._pos:self._pos + _CHUNK]
            self._pos += len(chunk)
            self._feed(chunk)
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n

    def _feed(self, chunk: bytes) -> None:
        try:
            out = self._inflater.decompress(chunk, _CHUNK)
        except zlib.error as exc:
            raise ArchiveError(f"archive is not valid gzip data: {exc}") from exc
        self._produced += len(out)
        if self._produced > self._budget:
            raise ArchiveError(
                f"archive inflates beyond {self._budget} bytes from {len(self._data)} compressed bytes "
                "(a gzip bomb or an oversized package): refused"
            )
        self._pending = out


def _safe_member_path(member: tarfile.TarInfo) -> str:
    """Validate one member's name and type; return its path relative to the top directory."""
    name = member.name
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise ArchiveError(f"archive member {name!r} has an absolute path: refused")
    parts = PurePosixPath(name).parts
    if ".." in parts or "\\" in name:
        raise ArchiveError(f"archive member {name!r} escapes the package directory ('..' or '\\'): refused")
    kinds = ((member.issym, "a symbolic link"), (member.islnk, "a hard link"), (member.ischr, "a character device"),
             (member.isblk, "a block device"), (member.isfifo, "a FIFO"), (member.issparse, "a sparse file"))
    for check, what in kinds:
        if check():
            raise ArchiveError(f"archive member {name!r} is {what}: only regular files and directories are allowed")
    if not (member.isfile() or member.isdir()):
        raise ArchiveError(f"archive member {name!r} has unsupported type {member.type!r}: refused")
    return "/".join(p for p in parts if p != ".")


def _members(data: bytes, limits: ArchiveLimits) -> Iterator[tuple[tarfile.TarInfo, str, str, tarfile.TarFile]]:
    """Yield (member, top directory, path below it, tar) for each validated member, in order."""
    if len(data) > limits.max_archive_bytes:
        raise ArchiveError(f"archive is {len(data)} bytes, over the {limits.max_archive_bytes}-byte limit")
    stream = io.BufferedReader(_BoundedGunzip(data, limits), _CHUNK)
    total = count = 0
    top: str | None = None
    seen: set[str] = set()
    try:
        with tarfile.open(fileobj=stream, mode="r|") as tar:
            for member in tar:
                rel = _safe_member_path(member)
                count += 1
                if count > limits.max_entries:
                    raise ArchiveError(f"archive has more than {limits.max_entries} entries: refused")
                total += member.size
                if total > limits.max_unpacked_bytes:
                    raise ArchiveError(
                        f"archive member {member.name!r} brings the unpacked size over the "
                        f"{limits.max_unpacked_bytes}-byte limit: refused"
                    )
                head, _, below = rel.partition("/")
                if top is None:
                    top = head
                if head != top or not head:
                    raise ArchiveError(f"archive member {member.name!r} is outside the top directory {top!r}/")
                if below in seen:
                    raise ArchiveError(f"archive member {member.name!r} appears twice: refused")
                seen.add(below)
                yield member, top, below, tar
    except tarfile.TarError as exc:
        raise ArchiveError(f"archive is not a valid tar file: {exc}") from exc
    except EOFError as exc:
        raise ArchiveError("archive is truncated") from exc


def inspect_archive(data: bytes, limits: ArchiveLimits | None = None) -> ArchiveInfo:
    """Validate an archive completely without writing anything to disk."""
    limits = limits or ArchiveLimits()
    files: list[str] = []
    manifest_text: str | None = None
    top = ""
    total = 0
    for member, top_dir, below, tar in _members(data, limits):
        top = top_dir
        total += member.size
        if member.isfile():
            files.append(below)
            reader = tar.extractfile(member)
            content = reader.read() if reader else b""
            if below == "Vais.toml":
                manifest_text = _decode_manifest(content)
    if manifest_text is None:
        raise ArchiveError(f"archive has no {top or '<top>'}/Vais.toml manifest: refused")
    return _checked_info(top, manifest_text, tuple(files), total)


def _decode_manifest(content: bytes) -> str:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArchiveError("archive member Vais.toml is not UTF-8 text") from exc


def _checked_info(top: str, manifest_text: str, files: tuple[str, ...], total: int) -> ArchiveInfo:
    try:
        manifest = parse_manifest(manifest_text, Path(top) / "Vais.toml")
    except ManifestError as exc:
        raise ArchiveError(f"archive manifest is invalid:\n{exc.message}") from exc
    expected = f"{manifest.name}-{manifest.version}"
    if top != expected:
        raise ArchiveError(f"archive top directory {top!r} does not match its manifest ({expected!r}): refused")
    return ArchiveInfo(manifest.name, str(manifest.version), manifest, manifest_text, files, total)


def verify_and_extract(
    archive_path: Path, dest: Path, expected_sha256: str, limits: ArchiveLimits | None = None
) -> ArchiveInfo:
    """Check the checksum, then unpack the package's files into `dest` (created atomically, read-only files).

    `dest` receives the contents of the archive's top directory. If `dest` already exists (another
    process won the race) the existing tree is kept.
    """
    limits = limits or ArchiveLimits()
    data = archive_path.read_bytes()
    actual = sha256_hex(data)
    if actual != expected_sha256.lower():
        raise ArchiveError(
            f"checksum mismatch for {archive_path.name}: expected sha256 {expected_sha256}, got {actual}; "
            "the archive was altered or corrupted: delete it and download it again"
        )
    info = inspect_archive(data, limits)
    dest.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    staging.chmod(0o755)
    try:
        for member, _top, below, tar in _members(data, limits):
            target = staging / below if below else staging
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            reader = tar.extractfile(member)
            with open(target, "xb") as out:
                shutil.copyfileobj(reader, out)  # type: ignore[arg-type]
            target.chmod(0o444)
        try:
            staging.rename(dest)
        except OSError:
            if not dest.is_dir():
                raise
            shutil.rmtree(staging, ignore_errors=True)  # a concurrent install unpacked it first
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return info
