"""`Vais.toml`: parse and validate the project manifest, with errors that point at file, line and key.

Every problem found is reported at once (one line each, `Vais.toml:3: [package] name ...: how to
fix`), so a user fixes the manifest in one pass. Unknown keys are warnings with a did-you-mean.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError

from vais.pkg.errors import PkgError
from vais.pkg.semver import SemverError, Version, VersionReq
from vais.pkg.toml_lines import KeyLines

MANIFEST_NAMES = ("Vais.toml", "vais.toml")
NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
NAME_HELP = "use lowercase letters, digits, '-' or '_', starting with a letter (at most 64 characters)"
RESERVED_NAMES = frozenset({"std", "vais"})

PACKAGE_STRING_KEYS = ("description", "license", "repository", "homepage", "readme", "edition")
PACKAGE_LIST_KEYS = ("authors", "keywords", "categories", "exclude")
PACKAGE_KEYS = ("name", "version", *PACKAGE_STRING_KEYS, *PACKAGE_LIST_KEYS)
TOP_KEYS = ("package", "dependencies", "dev-dependencies", "features", "profile")
DEP_KEYS = ("version", "path", "registry", "features", "optional", "default-features")
PROFILE_NAMES = ("release", "dev")
PROFILE_KEYS = ("opt-level", "lto", "codegen-units", "strip", "panic", "debug", "inline-threshold")


class ManifestError(PkgError):
    """The manifest is missing, not TOML, or fails validation; the message lists every problem."""


@dataclass(frozen=True)
class DependencySpec:
    """One entry of `[dependencies]` or `[dev-dependencies]`."""

    name: str
    req: VersionReq
    path: str | None = None
    registry: str | None = None
    features: tuple[str, ...] = ()
    optional: bool = False
    default_features: bool = True
    dev: bool = False
    version_given: bool = True  # False for a path dependency written without `version`

    @property
    def import_name(self) -> str:
        return import_name(self.name)


@dataclass(frozen=True)
class Profile:
    """Build settings the native engine reads; defaults follow the profile's purpose."""

    opt_level: int | str
    debug: int
    lto: bool | str = False
    codegen_units: int = 16
    strip: bool | str = False
    panic: str = "unwind"
    inline_threshold: int | None = None


DEFAULT_PROFILES = {"dev": Profile(opt_level=0, debug=2, codegen_units=256), "release": Profile(opt_level=3, debug=0)}


@dataclass(frozen=True)
class Manifest:
    """A validated manifest; `warnings` holds non-fatal findings already formatted for display."""

    path: Path
    name: str
    version: Version
    authors: tuple[str, ...] = ()
    description: str | None = None
    license: str | None = None
    repository: str | None = None
    homepage: str | None = None
    keywords: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    readme: str | None = None
    edition: str | None = None
    exclude: tuple[str, ...] = ()
    dependencies: tuple[DependencySpec, ...] = ()
    dev_dependencies: tuple[DependencySpec, ...] = ()
    features: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    profiles: Mapping[str, Profile] = field(default_factory=lambda: dict(DEFAULT_PROFILES))
    warnings: tuple[str, ...] = ()

    @property
    def root(self) -> Path:
        return self.path.parent

    @property
    def all_dependencies(self) -> tuple[DependencySpec, ...]:
        return self.dependencies + self.dev_dependencies


def import_name(package_name: str) -> str:
    """The name Vais source uses in `U name/module` (docs/package-format.md)."""
    return package_name.replace("-", "_")


def display_path(path: Path) -> str:
    """A path as the user likely typed it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:
        return str(path)


def find_manifest(project_dir: Path) -> Path:
    """The manifest file of a project directory (`Vais.toml`, or `vais.toml`)."""
    for name in MANIFEST_NAMES:
        candidate = project_dir / name
        if candidate.is_file():
            return candidate
    raise ManifestError(
        f"no Vais.toml in {display_path(project_dir)}: run `vais init` there to create one, "
        "or run the command from a project directory"
    )


def load_manifest(location: Path) -> Manifest:
    """Read and validate the manifest at `location` (a project directory or the file itself)."""
    path = find_manifest(location) if location.is_dir() else location
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ManifestError(f"cannot read {display_path(path)}: {exc.strerror}") from exc
    return parse_manifest(text, path)


def parse_manifest(text: str, path: Path) -> Manifest:
    """Validate manifest text; raise ManifestError listing every problem with its line."""
    try:
        data = tomlkit.parse(text).unwrap()
    except ParseError as exc:
        raise ManifestError(
            f"{display_path(path)}:{exc.line}:{exc.col + 1}: invalid TOML: {_parse_reason(exc)}"
        ) from exc
    return _Validator(text, path).manifest(data)


def _parse_reason(exc: ParseError) -> str:
    message = str(exc)
    return message.split(" at line ")[0]


def _did_you_mean(key: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f' (did you mean "{close[0]}"?)' if close else f" (known keys: {', '.join(known)})"


class _Validator:
    """Collects errors and warnings while converting the raw TOML data into a Manifest."""

    def __init__(self, text: str, path: Path) -> None:
        self.lines = KeyLines(text)
        self.path = path
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def _where(self, keys: tuple[str, ...]) -> str:
        return f"{display_path(self.path)}:{self.lines.line(*keys)}"

    def error(self, keys: tuple[str, ...], message: str) -> None:
        self.errors.append(f"{self._where(keys)}: {message}")

    def warn(self, keys: tuple[str, ...], message: str) -> None:
        self.warnings.append(f"{self._where(keys)}: warning: {message}")

    def unknown_keys(self, table: Mapping[str, Any], known: tuple[str, ...], prefix: tuple[str, ...]) -> None:
        label = f"[{'.'.join(prefix)}] " if prefix else ""
        for key in table:
            if key not in known:
                self.warn((*prefix, key), f'unknown key {label}"{key}" is ignored{_did_you_mean(key, known)}')

    def manifest(self, data: dict[str, Any]) -> Manifest:
        self.unknown_keys(data, TOP_KEYS, ())
        package = data.get("package")
        fields: dict[str, Any] = {}
        if not isinstance(package, dict):
            self.error(("package",), "missing [package] table: add `[package]` with `name` and `version`")
        else:
            fields = self.package(package)
        deps = self.dependencies(data, "dependencies")
        dev_deps = self.dependencies(data, "dev-dependencies")
        features = self.features(data.get("features", {}), deps + dev_deps)
        profiles = self.profiles(data.get("profile", {}))
        if self.errors:
            raise ManifestError("\n".join(self.errors + self.warnings))
        return Manifest(
            path=self.path, dependencies=deps, dev_dependencies=dev_deps, features=features,
            profiles=profiles, warnings=tuple(self.warnings), **fields,
        )

    def package(self, table: dict[str, Any]) -> dict[str, Any]:
        self.unknown_keys(table, PACKAGE_KEYS, ("package",))
        fields: dict[str, Any] = {}
        name = table.get("name")
        if name is None:
            self.error(("package",), f'[package] is missing "name": add `name = "my-package"` ({NAME_HELP})')
        elif not isinstance(name, str) or not NAME_RE.match(name):
            self.error(("package", "name"), f"[package] name {_show(name)} is invalid: {NAME_HELP}")
        elif name in RESERVED_NAMES:
            self.error(("package", "name"), f'[package] name "{name}" is reserved: choose another name')
        else:
            fields["name"] = name
        version = table.get("version")
        if version is None:
            self.error(("package",), '[package] is missing "version": add `version = "0.1.0"`')
        elif not isinstance(version, str):
            self.error(("package", "version"), f'[package] version must be a string like "1.0.0", not {_show(version)}')
        else:
            try:
                fields["version"] = Version.parse(version)
            except SemverError as exc:
                self.error(("package", "version"), f"[package] version: {exc.message}")
        for key in PACKAGE_STRING_KEYS:
            if key in table:
                if isinstance(table[key], str):
                    fields[key] = table[key]
                else:
                    self.error(("package", key), f"[package] {key} must be a string, not {_show(table[key])}")
        for key in PACKAGE_LIST_KEYS:
            if key in table:
                value = table[key]
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    fields[key] = tuple(value)
                else:
                    self.error(("package", key), f'[package] {key} must be a list of strings, like ["a", "b"]')
        return fields

    def dependencies(self, data: dict[str, Any], section: str) -> tuple[DependencySpec, ...]:
        table = data.get(section, {})
        if not isinstance(table, dict):
            self.error((section,), f"[{section}] must be a table of `name = \"requirement\"` entries")
            return ()
        specs = []
        for name, value in table.items():
            spec = self.dependency(section, name, value)
            if spec is not None:
                specs.append(spec)
        return tuple(sorted(specs, key=lambda s: s.name))

    def dependency(self, section: str, name: str, value: Any) -> DependencySpec | None:
        keys = (section, name)
        if not NAME_RE.match(name):
            self.error(keys, f"[{section}] {_show(name)} is not a valid package name: {NAME_HELP}")
            return None
        if isinstance(value, str):
            value = {"version": value}
        if not isinstance(value, dict):
            self.error(keys, f'[{section}] {name} must be a requirement string like "^1.0" or a table '
                             '{ version = "...", path = "..." }')
            return None
        self.unknown_keys(value, DEP_KEYS, keys)
        ok = True
        req: VersionReq | None = None
        raw_version = value.get("version")
        if raw_version is not None:
            try:
                req = VersionReq.parse(raw_version) if isinstance(raw_version, str) else None
                if req is None:
                    raise SemverError(f"the requirement must be a string, not {_show(raw_version)}")
            except SemverError as exc:
                self.error((*keys, "version"), f"[{section}] {name}: {exc.message}")
                ok = False
        path, registry = value.get("path"), value.get("registry")
        for key, item in (("path", path), ("registry", registry)):
            if item is not None and not isinstance(item, str):
                self.error((*keys, key), f"[{section}] {name}.{key} must be a string")
                ok = False
        if raw_version is None and path is None:
            self.error(keys, f'[{section}] {name} needs a version requirement (`{name} = "^1.0"`) or a '
                             f'path (`{name} = {{ path = "../{name}" }}`)')
            ok = False
        features = value.get("features", [])
        if not (isinstance(features, list) and all(isinstance(f, str) for f in features)):
            self.error((*keys, "features"), f'[{section}] {name}.features must be a list of strings')
            ok = False
        flags = {}
        for key in ("optional", "default-features"):
            flags[key] = value.get(key, key == "default-features")
            if not isinstance(flags[key], bool):
                self.error((*keys, key), f"[{section}] {name}.{key} must be true or false")
                ok = False
        if not ok:
            return None
        return DependencySpec(
            name=name, req=req or VersionReq.parse("*"), path=path, registry=registry,
            features=tuple(features), optional=flags["optional"], default_features=flags["default-features"],
            dev=section == "dev-dependencies", version_given=req is not None,
        )

    def features(self, table: Any, deps: tuple[DependencySpec, ...]) -> dict[str, tuple[str, ...]]:
        if not isinstance(table, dict):
            self.error(("features",), '[features] must be a table like `default = ["feature"]`')
            return {}
        optional = {d.name for d in deps if d.optional}
        dep_names = {d.name for d in deps}
        result: dict[str, tuple[str, ...]] = {}
        for feature, members in table.items():
            keys = ("features", feature)
            if not (isinstance(members, list) and all(isinstance(m, str) for m in members)):
                self.error(keys, f'[features] {feature} must be a list of strings like ["other-feature", "dep:name"]')
                continue
            for member in members:
                target = member.removeprefix("dep:").split("/")[0]
                known = member in table or (member.startswith("dep:") and target in optional) or (
                    "/" in member and target in dep_names) or member in optional
                if not known:
                    self.error(keys, f'[features] {feature} enables "{member}", which is neither a feature '
                                     "nor an optional dependency: define it or fix the name")
            result[feature] = tuple(members)
        return result

    def profiles(self, table: Any) -> dict[str, Profile]:
        profiles = dict(DEFAULT_PROFILES)
        if not isinstance(table, dict):
            self.error(("profile",), "[profile] must contain [profile.release] and/or [profile.dev] tables")
            return profiles
        self.unknown_keys(table, PROFILE_NAMES, ("profile",))
        for name in PROFILE_NAMES:
            settings = table.get(name)
            if settings is None:
                continue
            if not isinstance(settings, dict):
                self.error(("profile", name), f"[profile.{name}] must be a table")
                continue
            self.unknown_keys(settings, PROFILE_KEYS, ("profile", name))
            values = {}
            for key, value in settings.items():
                if key in PROFILE_KEYS:
                    problem = _profile_problem(key, value)
                    if problem:
                        self.error(("profile", name, key), f"[profile.{name}] {key} = {_show(value)} is invalid: {problem}")
                    else:
                        if key == "debug" and isinstance(value, bool):
                            value = 2 if value else 0
                        values[key.replace("-", "_")] = value
            base = DEFAULT_PROFILES[name]
            profiles[name] = Profile(**{**base.__dict__, **values})
        return profiles


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _profile_problem(key: str, value: Any) -> str | None:
    """Why a profile setting is invalid, or None when it is fine."""
    if key == "opt-level" and not ((_is_int(value) and 0 <= value <= 3) or value in ("s", "z")):
        return 'use 0, 1, 2, 3, "s" (size) or "z" (smallest size)'
    if key == "lto" and not (isinstance(value, bool) or value in ("thin", "fat")):
        return 'use true, false, "thin" or "fat"'
    if key == "codegen-units" and not (_is_int(value) and value >= 1):
        return "use a whole number of at least 1"
    if key == "strip" and not (isinstance(value, bool) or value in ("symbols", "debuginfo")):
        return 'use true, false, "symbols" or "debuginfo"'
    if key == "panic" and value not in ("unwind", "abort"):
        return 'use "unwind" or "abort"'
    if key == "debug" and not (isinstance(value, bool) or (_is_int(value) and 0 <= value <= 2)):
        return "use true, false, 0, 1 or 2"
    if key == "inline-threshold" and not (_is_int(value) and value >= 0):
        return "use a whole number of at least 0"
    return None


def _show(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)
