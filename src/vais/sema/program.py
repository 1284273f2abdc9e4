"""The typed program: the contract between the checker and the engines.

After checking, every expression node has `ty` (a `Type`, possibly mentioning the enclosing
item's generic `Param`s) and, where it refers to something, `res` set to one of the resolution
classes below. `Program` lists the modules, the checked functions and the instantiations of
generic items reachable from the entry points.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vais.sema.items import ConstInfo, FnInfo, ModuleInfo, TypeInfo, VariantInfo
from vais.sema.traits import MethodCandidate
from vais.sema.types import Param, Type
from vais.syntax import ast


@dataclass(eq=False)
class Local:
    """A local variable (binding, parameter, pattern variable, closure parameter, `self`)."""

    name: str
    ty: Type
    mutable: bool
    span: object
    kind: str = "let"  # "let", "param", "pattern", "self", "closure_param", "loop"
    used: bool = False
    assigned: bool = False  # assigned or mutably borrowed after its definition
    captured: bool = False  # referenced from a closure
    mutated_in_closure: bool = False
    fn_depth: int = 0  # nesting depth of the closure/function that declares it
    unique_id: int = 0
    borrowed: bool = False  # a binding Rust would give a `&T` (`x := v.iter().max()?`): `*x` reads it


@dataclass(eq=False)
class LocalRes:
    local: Local


@dataclass(eq=False)
class FnRes:
    """A direct reference to (or call of) a function: `type_args` instantiate `fn.all_generics`."""

    fn: FnInfo
    type_args: list[Type]
    recursive: bool = False  # reached through `@`


@dataclass(eq=False)
class TemplateRes:
    """A call of a function whose parameter types are inferred per call site."""

    instance: TemplateInstance


@dataclass(eq=False)
class MethodRes:
    """A method call `recv.m(args)` or an associated call `Type::m(args)`.

    `type_args` instantiate `candidate.fn.all_generics` (impl generics first, then the method's).
    `autoref` tells how the receiver is passed: "value", "ref" or "mut".
    """

    candidate: MethodCandidate
    type_args: list[Type]
    static: bool = False  # `Type::m(...)` / `Type.m(...)`: no receiver
    template: TemplateInstance | None = None


@dataclass(eq=False)
class VariantRes:
    """An enum variant used as a value, a constructor call or in a pattern; `type_args` instantiate
    the enum's generics."""

    variant: VariantInfo
    type_args: list[Type]


@dataclass(eq=False)
class StructRes:
    """A struct literal, tuple-struct constructor or unit struct."""

    info: TypeInfo
    type_args: list[Type]


@dataclass(eq=False)
class ConstRes:
    const: ConstInfo


@dataclass(eq=False)
class LiteralRes:
    """A constant of a primitive type known to the compiler (`i64::MAX`, `f64::INFINITY`)."""

    value: object


@dataclass(eq=False)
class IntrinsicRes:
    """A compiler-known built-in (println, format, Str, len, panic, assert_eq, ...).

    For printing intrinsics, `holes` is the number of positional `{}` holes the literal format
    string had (the extra arguments fill them in order)."""

    name: str
    holes: int = 0
    fn: FnInfo | None = None


@dataclass(eq=False)
class FieldRes:
    """A field access: struct field name or tuple index, after `derefs` automatic dereferences."""

    name: str
    index: int
    derefs: int = 0


@dataclass(eq=False)
class ClosureRes:
    """Captured locals of a closure (in first-use order) and which of them the closure assigns."""

    captures: list[Local] = field(default_factory=list)
    assigned: set[int] = field(default_factory=set)  # ids of captured locals assigned in the body
    params: list[Local] = field(default_factory=list)


@dataclass(eq=False)
class OperatorRes:
    """A binary/unary operator implemented by a user trait method (`X V: Add { F add }`)."""

    candidate: MethodCandidate
    type_args: list[Type]


@dataclass(eq=False)
class PipeRes:
    """`a |> f(b)` desugars to the call in `call` (already checked)."""

    call: ast.Expr


@dataclass(eq=False)
class TemplateInstance:
    """One instantiation of a function whose parameter (or return) types come from call sites:
    a private copy of the declaration, checked with concrete parameter types."""

    fn: FnInfo
    key: tuple[Type, ...]
    decl: ast.FnDecl
    param_types: list[Type]
    ret: Type
    index: int
    checked: bool = False
    locals: list[Local] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.fn.qualname}#{self.index}"


@dataclass(eq=False)
class CheckedFn:
    """A function body after checking: its parameters' locals (in order) and all locals."""

    fn: FnInfo
    decl: ast.FnDecl
    params: list[Local]
    locals: list[Local]
    template: TemplateInstance | None = None


@dataclass(eq=False)
class Instance:
    """A function the engine must generate: `fn` (or a template instance) with its generics bound."""

    fn: FnInfo
    mapping: dict[Param, Type]
    template: TemplateInstance | None = None


@dataclass(eq=False)
class Program:
    modules: list[ModuleInfo]
    entry: ModuleInfo
    functions: dict[int, CheckedFn]  # id(decl) -> checked body (generic bodies are checked once)
    instances: list[Instance]
    main: FnInfo | None
    tests: list[FnInfo]
