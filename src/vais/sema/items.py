"""Semantic information about items: what the checker knows of each declaration.

These infos are created by `collect` before any body is checked, so that bodies may refer to
items declared later in the file or in other modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from vais.sema.types import Param, TraitRef, Type
from vais.syntax import ast


@dataclass(eq=False)
class FieldInfo:
    name: str
    ty: Type
    decl: ast.Node | None
    index: int


@dataclass(eq=False)
class VariantInfo:
    """An enum variant; `fields` are positional (tuple) or named (struct) payload types."""

    name: str
    enum: TypeInfo
    index: int
    kind: str  # "unit", "tuple", "struct"
    fields: list[FieldInfo]
    decl: ast.Node | None

    @property
    def qualname(self) -> str:
        return f"{self.enum.name}::{self.name}"

    def field(self, name: str) -> FieldInfo | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


@dataclass(eq=False)
class TypeInfo:
    """A struct, enum or built-in opaque type."""

    name: str
    kind: str  # "struct", "enum", "builtin"
    generics: list[Param]
    decl: ast.Node | None
    module: ModuleInfo | None
    fields: list[FieldInfo] = field(default_factory=list)
    variants: list[VariantInfo] = field(default_factory=list)
    impls: list[ImplInfo] = field(default_factory=list)
    derives: set[str] = field(default_factory=set)
    builtin: bool = False
    tuple_struct: bool = False

    def field(self, name: str) -> FieldInfo | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def variant(self, name: str) -> VariantInfo | None:
        for v in self.variants:
            if v.name == name:
                return v
        return None

    @property
    def is_enum(self) -> bool:
        return self.kind == "enum"

    @property
    def is_struct(self) -> bool:
        return self.kind == "struct"


@dataclass(eq=False)
class ParamInfo:
    name: str
    ty: Type | None  # None for parameters inferred from call sites
    mutable: bool
    decl: ast.Param


@dataclass(eq=False)
class FnInfo:
    """A function, method, trait method or built-in.

    `generics` are the function's own type parameters; methods also see their owner's
    (`owner_generics`). `self_kind` is None for free/associated functions, else "value",
    "ref" or "mut". A template is a function with parameters typed at each call site.
    """

    name: str
    qualname: str
    decl: ast.FnDecl
    module: ModuleInfo | None
    generics: list[Param]
    params: list[ParamInfo]
    ret: Type
    self_kind: str | None = None
    owner: ImplInfo | TraitInfo | None = None
    is_template: bool = False
    builtin: bool = False
    intrinsic: bool = False
    required: bool = False  # an intrinsic trait method that user impls must still write (`eq`, `cmp`)
    width: bool = False
    is_async: bool = False
    body_ret: Type | None = None  # for `A F`: the type the body produces (`ret` is `Future<...>` of it)
    is_test: bool = False
    is_pub: bool = False
    where: list[tuple[Type, TraitRef]] = field(default_factory=list)
    # `<F: Fn(A) -> R>`: names that stand for function types rather than generic parameters
    fn_params: dict[str, Type] = field(default_factory=dict)
    # the block items (nested `F`s) visible where a nested function is declared, innermost last
    block_items: list[dict[str, FnInfo]] = field(default_factory=list)
    outer_locals: frozenset[str] = frozenset()  # of a nested function: the enclosing body's locals (for errors)

    @property
    def owner_generics(self) -> list[Param]:
        return self.owner.generics if self.owner is not None else []

    @cached_property
    def all_generics(self) -> list[Param]:
        """(Owner and function generics are fixed when the item is declared, so this is computed once.)"""
        return self.owner_generics + self.generics

    @property
    def has_body(self) -> bool:
        return self.decl.body is not None


@dataclass(eq=False)
class TraitInfo:
    name: str
    generics: list[Param]
    decl: ast.TraitDecl | None
    module: ModuleInfo | None
    self_param: Param
    methods: dict[str, FnInfo] = field(default_factory=dict)
    supertraits: list[TraitRef] = field(default_factory=list)
    builtin: bool = False
    assoc: dict[str, Param] = field(default_factory=dict)  # `T Item` members: `Self::Item` in signatures

    def all_supertraits(self) -> list[TraitInfo]:
        out: list[TraitInfo] = []
        stack = [t.info for t in self.supertraits]
        while stack:
            t = stack.pop()
            if t not in out:
                out.append(t)
                stack.extend(s.info for s in t.supertraits)
        return out


@dataclass(eq=False)
class ImplInfo:
    """`X<G> Target: Trait { methods }` (trait None for inherent impls)."""

    generics: list[Param]
    target: Type
    trait: TraitRef | None
    decl: ast.Node | None
    module: ModuleInfo | None
    methods: dict[str, FnInfo] = field(default_factory=dict)
    where: list[tuple[Type, TraitRef]] = field(default_factory=list)
    builtin: bool = False
    assoc: dict[str, Type] = field(default_factory=dict)  # `T Item = i64` members of a trait impl


@dataclass(eq=False)
class ConstInfo:
    name: str
    ty: Type
    decl: ast.ConstDecl | ast.GlobalDecl
    module: ModuleInfo
    is_global: bool = False
    is_pub: bool = False


@dataclass(eq=False)
class AliasInfo:
    name: str
    generics: list[Param]
    decl: ast.TypeAlias
    module: ModuleInfo
    target: Type | None = None  # resolved lazily (aliases may refer to later items)
    resolving: bool = False
    is_pub: bool = False


@dataclass(eq=False)
class ModuleInfo:
    """One source module: its names in the type and value namespaces."""

    name: str  # "main", "std/prelude", "mylib/strings"
    path: str
    ast: ast.Module
    is_std: bool = False
    types: dict[str, object] = field(default_factory=dict)  # TypeInfo | AliasInfo | TraitInfo | Prim
    values: dict[str, object] = field(default_factory=dict)  # FnInfo | ConstInfo | VariantInfo | TypeInfo
    modules: dict[str, ModuleInfo] = field(default_factory=dict)
    macros: dict[str, ast.MacroDecl] = field(default_factory=dict)
    variants: dict[str, list[VariantInfo]] = field(default_factory=dict)  # unqualified variant names
    functions: list[FnInfo] = field(default_factory=list)
    impls: list[ImplInfo] = field(default_factory=list)
    consts: list[ConstInfo] = field(default_factory=list)
    type_infos: list[TypeInfo] = field(default_factory=list)
    traits: list[TraitInfo] = field(default_factory=list)
    pub_names: set[str] = field(default_factory=set)
    imported: dict[str, ast.UseDecl] = field(default_factory=dict)  # name -> the use that brought it
    used_imports: set[str] = field(default_factory=set)
