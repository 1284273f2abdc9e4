"""State shared by every phase of one semantic analysis: diagnostics and well-known items."""

from __future__ import annotations

import difflib

from vais.sema.items import ImplInfo, ModuleInfo, TraitInfo, TypeInfo
from vais.sema.types import Adt, Param, Type
from vais.syntax.diagnostics import Diagnostic, Label, Severity
from vais.syntax.source import Span

# Built-in types every program can name without importing (declared in std/prelude.vais).
WELL_KNOWN_TYPES = (
    "Vec", "HashMap", "HashSet", "Option", "Result", "Ordering", "Error", "Box", "Rc",
    "Iter", "Duration", "Range",
)


class SemaContext:
    """Diagnostics sink plus handles on the prelude's well-known types and traits."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.error_count = 0  # errors emitted so far (checkers compare counts to avoid cascades)
        self.prelude: ModuleInfo | None = None
        self.modules: dict[str, ModuleInfo] = {}
        self._reported: set[tuple[str, int, int]] = set()
        self._well_known: dict[str, TypeInfo] = {}
        # impls whose target is not a named type: primitives (`X Str`, `X f64`) and blanket impls
        # over a bounded parameter (`X<N: Integer> N`)
        self.prim_impls: dict[Type, list[ImplInfo]] = {}
        self.blanket_impls: list[ImplInfo] = []
        self.tuple_impls: list[ImplInfo] = []
        # `I::Item` of a bounded generic parameter `I`: one rigid parameter per (parameter, name)
        self.projections: dict[tuple[Param, str], Param] = {}

    # -- diagnostics ---------------------------------------------------------------------------

    def error(self, code: str, message: str, span: Span, label: str = "", help: str | None = None,
              secondary: list[Label] | None = None, notes: list[str] | None = None) -> None:
        self._emit(Diagnostic(code, message, span, Severity.ERROR, label, secondary or [], help, notes or []))

    def warning(self, code: str, message: str, span: Span, label: str = "", help: str | None = None) -> None:
        self._emit(Diagnostic(code, message, span, Severity.WARNING, label, [], help))

    def _emit(self, diag: Diagnostic) -> None:
        key = (diag.code, diag.span.start, id(diag.span.source))
        if key in self._reported:
            return
        self._reported.add(key)
        self.diagnostics.append(diag)
        if diag.is_error:
            self.error_count += 1

    # -- well-known items ----------------------------------------------------------------------

    def type_info(self, name: str) -> TypeInfo:
        info = self._well_known.get(name)
        if info is None:
            assert self.prelude is not None
            found = self.prelude.types.get(name)
            if not isinstance(found, TypeInfo):
                raise RuntimeError(f"std/prelude.vais does not declare the built-in type {name}")
            info = self._well_known[name] = found
        return info

    def trait_info(self, name: str) -> TraitInfo | None:
        assert self.prelude is not None
        info = self.prelude.types.get(name)
        return info if isinstance(info, TraitInfo) else None

    def projection(self, param: Param, name: str) -> Param | None:
        """The one rigid parameter standing for `param::name` (`I::Item` of `I: Iterator`); None when no
        bound of `param` declares an associated type `name`."""
        key = (param, name)
        found = self.projections.get(key)
        if found is None and any(name in b.info.assoc or any(name in s.assoc for s in b.info.all_supertraits())
                                 for b in param.bounds):
            found = self.projections[key] = Param(f"{param.name}::{name}", param.owner)
        return found

    def adt(self, name: str, *args: Type) -> Adt:
        return Adt(self.type_info(name), tuple(args))

    def is_adt(self, t: Type, name: str) -> bool:
        """Whether `t` (already pruned) is the well-known type `name` applied to anything."""
        return isinstance(t, Adt) and t.info is self.type_info(name)


# Rust std types Vais does not have, and what to use instead (the `help:` of an unknown name).
_RUST_ONLY = {
    "VecDeque": "Vais has no `VecDeque`: use a `Vec` as the queue (`push` at the back, `remove(0)` at the front)",
    "BTreeMap": "Vais has no `BTreeMap`: use a `HashMap` (it iterates in insertion order; sort the keys "
                "for sorted order)",
    "BTreeSet": "Vais has no `BTreeSet`: use a `HashSet` (insertion order) or a sorted, deduplicated `Vec`",
    "BinaryHeap": "Vais has no `BinaryHeap`: keep a `Vec` sorted (`insert` at `binary_search`'s index) "
                  "or take its minimum with `iter().min()`",
    "LinkedList": "Vais has no `LinkedList`: use a `Vec`, or your own `Option<Box<Node>>` list",
    "Formatter": "Vais's `Display` is `F fmt(&self) -> Str`: return the text, no Formatter",
    "Reverse": "Vais has no `Reverse`: sort descending with `sort_by(|a, b| b.cmp(a))` (or negate a numeric key)",
    "Cell": "Vais has no `Cell`: values behind `&mut` are changed directly",
    "RefCell": "Vais has no `RefCell`: pass `&mut` references, or keep the data in a collection",
}


def did_you_mean(name: str, candidates) -> str | None:
    """A `help:` suggestion for a misspelt name, or None; for a Rust std type Vais lacks, what to use."""
    rust = _RUST_ONLY.get(name)
    if rust is not None:
        return rust
    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"a similar name exists: `{matches[0]}`" if matches else None
