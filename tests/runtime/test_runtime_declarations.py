"""Every declaration in src/vais/std/*.vais has its runtime function, with a compatible arity.

The declarations are read with a small reader of our own (the real parser is written elsewhere):
attributes, `W`/`S`/`E` items, `X<..> Target { methods }` blocks and `F` signatures.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import vais.runtime.rt as rt

STD = Path(__file__).resolve().parents[2] / "src" / "vais" / "std"

# Intrinsics: compiled specially; these runtime functions implement them (docs/runtime.md).
INTRINSIC_RUNTIME = {
    "print": ["fn_print"], "println": ["fn_println"], "eprint": ["fn_eprint"],
    "eprintln": ["fn_eprintln"], "puts": ["fn_puts"], "format": ["format_positional"],
    "panic": ["fn_panic"], "assert": ["fn_assert"], "assert_eq": ["fn_assert_eq"],
    "assert_ne": ["fn_assert_ne"], "unreachable": ["fn_unreachable"], "todo": ["fn_todo"],
    "exit": ["fn_exit"], "Str": ["display_any"], "len": ["fn_len"], "strlen": ["fn_strlen"],
    "min": ["fn_min"], "max": ["fn_max"], "abs": ["fn_abs"], "clone": ["clone_value"],
    "to_string": ["display_any"], "default": [],
}


@dataclass
class Decl:
    file: str
    name: str
    attrs: list[str]
    params: list[str]
    has_self: bool
    self_kind: str | None
    group: str | None  # None for free functions
    in_trait: bool = False
    extra: list[str] = field(default_factory=list)

    def runtime_name(self) -> str:
        return f"{self.group}_{self.name}" if self.group else f"fn_{self.name}"

    def arity(self) -> int:
        n = len(self.params) + (1 if self.has_self else 0)
        n += 2 if "width" in self.attrs else 0
        n += 1 if "target" in self.attrs else 0
        return n


_ATTR = re.compile(r"#\[([^\]]*)\]")
_COMMENT = re.compile(r"#(?!\[).*$", re.M)
_FN = re.compile(r"\bF\s+(\w+)\s*(<[^(]*>)?\s*\(")


def _split_top(text: str) -> list[str]:
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "<([{":
            depth += 1
        elif ch in ">)]}" and not (ch == ">" and cur.endswith("-")):
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def _matching(text: str, i: int, open_ch: str, close_ch: str) -> int:
    depth = 0
    for j in range(i, len(text)):
        if text[j] == open_ch:
            depth += 1
        elif text[j] == close_ch:
            depth -= 1
            if depth == 0:
                return j
    raise ValueError("unbalanced")


def _attrs_before(text: str, start: int) -> list[str]:
    """The attribute names (`builtin(vec)` -> `builtin(vec)`) written just before `start` on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    return _ATTR.findall(text[line_start:start])


def read_decls(path: Path) -> list[Decl]:
    text = _COMMENT.sub("", path.read_text())
    decls: list[Decl] = []
    # blocks: `X ... {` and `W ... {`
    blocks: list[tuple[int, int, str | None, bool]] = []
    for m in re.finditer(r"^\s*((?:#\[[^\]]*\]\s*)*)([XW])\b[^{\n]*\{", text, re.M):
        attrs = _ATTR.findall(m.group(1))
        group = next((a[len("builtin("):-1] for a in attrs if a.startswith("builtin(")), None)
        end = _matching(text, m.end() - 1, "{", "}")
        blocks.append((m.end(), end, group, m.group(2) == "W"))
    for m in _FN.finditer(text):
        close = _matching(text, m.end() - 1, "(", ")")
        params = _split_top(text[m.end():close])
        self_kind = None
        if params and params[0].replace("&", "").replace("mut ", "").strip() == "self":
            self_kind = params[0]
        block = next((b for b in blocks if b[0] <= m.start() < b[1]), None)
        decls.append(Decl(
            file=path.name, name=m.group(1), attrs=_attrs_before(text, m.start()),
            params=params[1:] if self_kind else params, has_self=self_kind is not None, self_kind=self_kind,
            group=block[2] if block else None, in_trait=bool(block and block[3])))
    return decls


ALL = [d for p in sorted(STD.glob("*.vais")) for d in read_decls(p)]
RUNTIME_DECLS = [d for d in ALL if "intrinsic" not in d.attrs and not d.in_trait]


def test_reader_finds_the_declarations():
    names = {d.runtime_name() for d in RUNTIME_DECLS}
    assert {"vec_push", "str_parse", "int_checked_add", "fn_sqrt", "file_open", "iter_collect"} <= names
    assert len(RUNTIME_DECLS) > 400


@pytest.mark.parametrize("decl", RUNTIME_DECLS, ids=lambda d: f"{d.file}:{d.runtime_name()}")
def test_declaration_has_runtime_function(decl: Decl):
    fn = getattr(rt, decl.runtime_name(), None)
    assert fn is not None, f"{decl.file}: no runtime function {decl.runtime_name()}"
    try:
        sig = inspect.signature(fn)
    except ValueError:  # some builtins have no signature
        return
    try:
        sig.bind(*range(decl.arity()))
    except TypeError as exc:
        pytest.fail(f"{decl.runtime_name()}{sig} cannot take {decl.arity()} arguments: {exc}")


def test_rebind_methods_take_mut_self():
    for d in ALL:
        if "rebind" in d.attrs:
            assert d.self_kind == "&mut self", d


def test_width_methods_are_in_numeric_groups():
    for d in RUNTIME_DECLS:
        if "width" in d.attrs:
            assert d.group in ("int", "float", "iter", None), d


def test_runtime_names_are_unique_across_files():
    seen: dict[str, Decl] = {}
    for d in RUNTIME_DECLS:
        other = seen.setdefault(d.runtime_name(), d)
        if other is not d:  # the same function declared twice must agree (Box::new / Rc::new)
            assert other.arity() == d.arity(), (other, d)


def test_intrinsics_are_known():
    intrinsics = {d.name for d in ALL if "intrinsic" in d.attrs}
    assert intrinsics <= set(INTRINSIC_RUNTIME), intrinsics - set(INTRINSIC_RUNTIME)
    for names in INTRINSIC_RUNTIME.values():
        for n in names:
            assert hasattr(rt, n), n


def test_every_group_function_is_declared():
    """No dead runtime methods: each exported `G_m` corresponds to a declaration."""
    declared = {d.runtime_name() for d in RUNTIME_DECLS}
    # helpers for generated code whose names happen to start with a group prefix
    helpers = {"int_fmt", "float_str", "duration_str", "ordering_of", "set_program_args", "error_from", "char_range"}
    missing = []
    for name in vars(rt):
        group = next((g for g in rt.GROUPS if name.startswith(g + "_")), None)
        if group and name not in declared and name not in helpers:
            missing.append(name)
    assert not missing, f"runtime functions without a declaration: {sorted(missing)}"


def test_std_files_parse_with_the_real_parser_when_available():
    parser = pytest.importorskip("vais.syntax.parser")
    parse = getattr(parser, "parse_file", None) or getattr(parser, "parse_source", None)
    if parse is None:
        pytest.skip("no parse entry point yet")
    for path in sorted(STD.glob("*.vais")):
        parse(path)
