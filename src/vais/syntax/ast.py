"""The Vais abstract syntax tree.

Every node carries a `span`. Nodes compare by identity (they are dict keys for the semantic
side tables). The tree keeps the surface notation that the formatter must reproduce (pipes,
`L x := e`, `E I`, keyword spellings are normalised); desugaring happens in `sema`.

Expression nodes get a `ty` attribute from the type checker (see docs/architecture.md, typed HIR).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from vais.syntax.source import Span
from vais.syntax.tokens import Token

# ---------------------------------------------------------------------------------------------
# Base classes


class Node:
    __slots__ = ()
    span: Span


class Expr(Node):
    """An expression. The type checker fills `ty` (its type) and, where the expression refers to
    something (a name, a call target, an operator implementation), `res` (the resolution)."""

    __slots__ = ("res", "ty")


class Stmt(Node):
    __slots__ = ()


class Item(Node):
    __slots__ = ()


class Pattern(Node):
    """A pattern. The checker fills `ty` (the matched type) and `res` (what a path/name refers to)."""

    __slots__ = ("res", "ty")


class TypeExpr(Node):
    __slots__ = ()


# ---------------------------------------------------------------------------------------------
# Comments (kept for the formatter)


@dataclass(slots=True, eq=False)
class Comment:
    text: str  # including the leading '#'
    span: Span
    own_line: bool  # True when nothing but whitespace precedes it on its line


# ---------------------------------------------------------------------------------------------
# Types


@dataclass(slots=True, eq=False)
class PathType(TypeExpr):
    """`i64`, `Vec<T>`, `std::io::File`, `Result<T>`, `Self`."""

    segments: list[str]
    args: list[TypeExpr]
    span: Span

    @property
    def name(self) -> str:
        return self.segments[-1]


@dataclass(slots=True, eq=False)
class TupleType(TypeExpr):
    """`(A, B)`; `()` is the unit type (no elements)."""

    elems: list[TypeExpr]
    span: Span


@dataclass(slots=True, eq=False)
class ArrayType(TypeExpr):
    """`[T]` (size None) or `[T; N]`."""

    elem: TypeExpr
    size: Expr | None
    span: Span


@dataclass(slots=True, eq=False)
class RefType(TypeExpr):
    """`&T` / `&mut T`."""

    inner: TypeExpr
    mutable: bool
    span: Span


@dataclass(slots=True, eq=False)
class PtrType(TypeExpr):
    """`*T` (FFI pointer)."""

    inner: TypeExpr
    span: Span


@dataclass(slots=True, eq=False)
class FnType(TypeExpr):
    """`fn(A, B) -> R` (closure_syntax False) or `|A, B| -> R` (closure_syntax True).

    `style` keeps Rust's trait spellings, which mean the same function type: "Fn", "FnMut",
    "FnOnce" (in bounds: `T: Fn(A) -> R`) and "impl Fn", "impl FnMut", "impl FnOnce"."""

    params: list[TypeExpr]
    ret: TypeExpr | None
    closure_syntax: bool
    span: Span
    style: str = ""


@dataclass(slots=True, eq=False)
class OptionalType(TypeExpr):
    """`T?` = `Option<T>`."""

    inner: TypeExpr
    span: Span


@dataclass(slots=True, eq=False)
class DynType(TypeExpr):
    """`dyn Trait` (bounds joined with `+`)."""

    bounds: list[TypeExpr]
    span: Span


@dataclass(slots=True, eq=False)
class NeverType(TypeExpr):
    """`!`."""

    span: Span


@dataclass(slots=True, eq=False)
class InferType(TypeExpr):
    """`_` in type position."""

    span: Span


# ---------------------------------------------------------------------------------------------
# Generics


@dataclass(slots=True, eq=False)
class GenericParam(Node):
    """`T`, `T: A + B`, or `const N: i64` (is_const)."""

    name: str
    bounds: list[TypeExpr]
    span: Span
    is_const: bool = False
    const_type: TypeExpr | None = None


@dataclass(slots=True, eq=False)
class WherePredicate(Node):
    ty: TypeExpr
    bounds: list[TypeExpr]
    span: Span


# ---------------------------------------------------------------------------------------------
# Patterns


@dataclass(slots=True, eq=False)
class WildcardPat(Pattern):
    span: Span


@dataclass(slots=True, eq=False)
class IdentPat(Pattern):
    """A bare name: a binding, or (decided by sema) a unit variant / constant like `Red`, `None`.

    `mutable` for `mut x`; `sub` for `x @ pat`; `by_ref` for `ref x`.
    """

    name: str
    span: Span
    mutable: bool = False
    sub: Pattern | None = None
    by_ref: bool = False


@dataclass(slots=True, eq=False)
class LiteralPat(Pattern):
    """A literal (IntLit, FloatLit, StrLit without holes, CharLit, BoolLit), possibly negated."""

    value: Expr
    span: Span


@dataclass(slots=True, eq=False)
class RangePat(Pattern):
    """`a..b` / `a..=b`; either bound may be None for half-open patterns."""

    lo: Expr | None
    hi: Expr | None
    inclusive: bool
    span: Span


@dataclass(slots=True, eq=False)
class TuplePat(Pattern):
    """`(a, b)`; may contain one RestPat."""

    elems: list[Pattern]
    span: Span


@dataclass(slots=True, eq=False)
class PathPat(Pattern):
    """A qualified path without payload: `Shape::Empty`, `Color::Red`, `MAX`."""

    segments: list[str]
    span: Span


@dataclass(slots=True, eq=False)
class TupleStructPat(Pattern):
    """`Some(x)`, `Shape::Circle(r)`, `Node(l, v, r)`."""

    segments: list[str]
    elems: list[Pattern]
    span: Span


@dataclass(slots=True, eq=False)
class FieldPat(Node):
    """`name: pat` or shorthand `name` (pattern None) inside a struct pattern."""

    name: str
    pattern: Pattern | None
    span: Span
    mutable: bool = False  # shorthand `mut name`


@dataclass(slots=True, eq=False)
class StructPat(Pattern):
    """`Point { x, y: 0, .. }`, `Shape::Rect { w, h }`."""

    segments: list[str]
    fields: list[FieldPat]
    has_rest: bool
    span: Span


@dataclass(slots=True, eq=False)
class OrPat(Pattern):
    alts: list[Pattern]
    span: Span


@dataclass(slots=True, eq=False)
class SlicePat(Pattern):
    """`[first, .., last]`; may contain one RestPat (optionally bound: `rest @ ..`)."""

    elems: list[Pattern]
    span: Span


@dataclass(slots=True, eq=False)
class RestPat(Pattern):
    """`..` inside tuple and slice patterns."""

    span: Span


@dataclass(slots=True, eq=False)
class RefPat(Pattern):
    """`&pat`."""

    inner: Pattern
    span: Span


# ---------------------------------------------------------------------------------------------
# Expressions: literals and names


@dataclass(slots=True, eq=False)
class IntLit(Expr):
    """An integer literal; `suffix` is a type name like "u8" or None. `text` is the source spelling."""

    value: int
    suffix: str | None
    text: str
    span: Span


@dataclass(slots=True, eq=False)
class FloatLit(Expr):
    value: float
    suffix: str | None
    text: str
    span: Span


@dataclass(slots=True, eq=False)
class BoolLit(Expr):
    value: bool
    span: Span


@dataclass(slots=True, eq=False)
class CharLit(Expr):
    value: str  # exactly one code point
    span: Span


@dataclass(slots=True, eq=False)
class DurationLit(Expr):
    """`24h`, `30s`, `250ms`: `value` in `unit`; `nanos` is the exact length in nanoseconds."""

    value: int
    unit: str  # ns us ms s m h d
    text: str
    span: Span

    @property
    def nanos(self) -> int:
        return self.value * _DURATION_NANOS[self.unit]


_DURATION_NANOS = {
    "ns": 1,
    "us": 1_000,
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60_000_000_000,
    "h": 3_600_000_000_000,
    "d": 86_400_000_000_000,
}


@dataclass(slots=True, eq=False)
class Interpolation(Node):
    """A `{expr}` / `{expr:spec}` hole in a string literal; `{}` (positional) has expr None.

    `spec` is the text after the top-level `:` (None when absent).
    """

    expr: Expr | None
    spec: str | None
    span: Span


@dataclass(slots=True, eq=False)
class StrLit(Expr):
    """A string literal. `parts` alternates decoded text (str) and Interpolation holes.

    A literal without holes has `parts == [text]` (or `[]` for ""). `raw` is the source text
    between the quotes, kept for the formatter.
    """

    parts: list[str | Interpolation]
    raw: str
    span: Span

    @property
    def is_plain(self) -> bool:
        return all(isinstance(p, str) for p in self.parts)

    @property
    def plain_value(self) -> str:
        return "".join(p for p in self.parts if isinstance(p, str))


@dataclass(slots=True, eq=False)
class UnitLit(Expr):
    """`()`."""

    span: Span


@dataclass(slots=True, eq=False)
class Name(Expr):
    """An identifier in expression position (`x`, `self`, `Vec`, `Red`, `COUNTER`)."""

    name: str
    span: Span


@dataclass(slots=True, eq=False)
class PathExpr(Expr):
    """`Type::item`, `Enum::Variant`, `module::item`, `Vec::<i64>::new`.

    `generic_args[i]` holds the turbofish arguments written after `segments[i]` (usually empty).
    """

    segments: list[str]
    generic_args: list[list[TypeExpr]]
    span: Span


@dataclass(slots=True, eq=False)
class SelfRecur(Expr):
    """`@`: the enclosing function (`@(args)`) or, in methods, self (`@.m(args)`)."""

    span: Span


# ---------------------------------------------------------------------------------------------
# Expressions: operators


@dataclass(slots=True, eq=False)
class Unary(Expr):
    """op is one of `-` `!` `~` `&` `&mut` `*`."""

    op: str
    operand: Expr
    span: Span


@dataclass(slots=True, eq=False)
class Binary(Expr):
    """op is one of `+ - * / % << >> < > <= >= == != & ^ | && ||` (`and`/`or` become `&&`/`||`).

    `spelling` keeps the source spelling when it differs (`and`, `or`) for the formatter.
    """

    op: str
    left: Expr
    right: Expr
    span: Span
    spelling: str | None = None


@dataclass(slots=True, eq=False)
class Assign(Expr):
    """`target op value` where op is `=` or a compound operator like `+=`."""

    op: str
    target: Expr
    value: Expr
    span: Span


@dataclass(slots=True, eq=False)
class Ternary(Expr):
    cond: Expr
    then: Expr
    otherwise: Expr
    span: Span


@dataclass(slots=True, eq=False)
class Pipe(Expr):
    """`left |> right`: `right(left)`, or `f(left, a...)` when right is a call `f(a...)`."""

    left: Expr
    right: Expr
    span: Span


@dataclass(slots=True, eq=False)
class Range(Expr):
    """`a..b`, `a..=b`, `a..`, `..b`, `..`."""

    start: Expr | None
    end: Expr | None
    inclusive: bool
    span: Span


@dataclass(slots=True, eq=False)
class Cast(Expr):
    """`expr as target`."""

    expr: Expr
    target: TypeExpr
    span: Span


@dataclass(slots=True, eq=False)
class Try(Expr):
    """Postfix `?`."""

    expr: Expr
    span: Span


@dataclass(slots=True, eq=False)
class Unwrap(Expr):
    """Postfix `!` (not followed by `(`)."""

    expr: Expr
    span: Span


@dataclass(slots=True, eq=False)
class Await(Expr):
    """`expr.await`, `expr.Y` or prefix `await expr`; `style` is "dot", "Y" or "prefix"."""

    expr: Expr
    style: str
    span: Span


@dataclass(slots=True, eq=False)
class Spawn(Expr):
    expr: Expr
    span: Span


# ---------------------------------------------------------------------------------------------
# Expressions: access and calls


@dataclass(slots=True, eq=False)
class Call(Expr):
    callee: Expr
    args: list[Expr]
    span: Span


@dataclass(slots=True, eq=False)
class MethodCall(Expr):
    """`receiver.name::<G>(args)`; `name_span` covers the method name."""

    receiver: Expr
    name: str
    generic_args: list[TypeExpr]
    args: list[Expr]
    span: Span
    name_span: Span


@dataclass(slots=True, eq=False)
class Field(Expr):
    """`receiver.name`; tuple fields `t.0` have name "0"."""

    receiver: Expr
    name: str
    span: Span
    name_span: Span


@dataclass(slots=True, eq=False)
class Index(Expr):
    """`receiver[index]`; a Range index is slicing."""

    receiver: Expr
    index: Expr
    span: Span


@dataclass(slots=True, eq=False)
class MacroArg(Node):
    """One macro argument: positional (`name` None) or `name = value`."""

    name: str | None
    value: Expr
    span: Span


@dataclass(slots=True, eq=False)
class MacroCall(Expr):
    """`name!(...)`, `name![...]`, `name!{...}`.

    `args` is the argument list parsed as expressions where possible (comma- or `;`-separated;
    `key = value` becomes a named arg); `semicolon_after` is the index of the arg after which a `;`
    separated message from fields (logging macros), or None. `tokens` keeps the raw token
    text for user macros (`macro name! { ... }`), expanded by `vais.syntax.macros`.
    `parse_ok` is False when the arguments are not an expression list (only valid for user macros).
    """

    name: str
    args: list[MacroArg]
    delimiter: str  # "(", "[" or "{"
    span: Span
    tokens: list[Any] = field(default_factory=list)
    semicolon_after: int | None = None
    parse_ok: bool = True


# ---------------------------------------------------------------------------------------------
# Expressions: compound values


@dataclass(slots=True, eq=False)
class TupleLit(Expr):
    elems: list[Expr]
    span: Span


@dataclass(slots=True, eq=False)
class ArrayLit(Expr):
    """`[a, b, c]` (a Vec)."""

    elems: list[Expr]
    span: Span


@dataclass(slots=True, eq=False)
class ArrayRepeat(Expr):
    """`[value; count]`."""

    value: Expr
    count: Expr
    span: Span


@dataclass(slots=True, eq=False)
class FieldInit(Node):
    """`name: value` or shorthand `name` (value None)."""

    name: str
    value: Expr | None
    span: Span


@dataclass(slots=True, eq=False)
class StructLit(Expr):
    """`Point { x: 1, y }`, `Shape::Rect { w: 1.0, h: 2.0 }`, `Pair::<i64> { .. }`, with `..base`."""

    segments: list[str]
    generic_args: list[TypeExpr]
    fields: list[FieldInit]
    base: Expr | None
    span: Span


@dataclass(slots=True, eq=False)
class ClosureParam(Node):
    pattern: Pattern
    ty: TypeExpr | None
    span: Span


@dataclass(slots=True, eq=False)
class Closure(Expr):
    params: list[ClosureParam]
    ret: TypeExpr | None
    body: Expr
    is_move: bool
    span: Span


# ---------------------------------------------------------------------------------------------
# Expressions: control flow


@dataclass(slots=True, eq=False)
class Block(Expr):
    """`{ stmts }`. The block's value is its last statement when that is an ExprStmt without `;`."""

    stmts: list[Stmt]
    span: Span

    @property
    def tail(self) -> Expr | None:
        if self.stmts:
            last = self.stmts[-1]
            if isinstance(last, ExprStmt) and not last.semicolon:
                return last.expr
        return None


@dataclass(slots=True, eq=False)
class If(Expr):
    """`I cond { } E I ... E { }`; `otherwise` is a Block, another If (else-if) or None.

    `else_keyword` keeps the spelling used (`E`, `EL`, `else`) for the formatter.
    """

    cond: Expr
    then: Block
    otherwise: Expr | None
    span: Span
    else_keyword: str = "E"


@dataclass(slots=True, eq=False)
class MatchArm(Node):
    pattern: Pattern
    guard: Expr | None
    body: Expr
    span: Span


@dataclass(slots=True, eq=False)
class Match(Expr):
    """`M x { arms }`; also what `I let pat = x { } E { }` means (`sugar` then holds that `If`, whose
    condition is a `LetCond`, for the formatter only: every other pass sees the match), the step
    of a `LW let` loop (`sugar` is then the `LetCond`) and `matches!(..)` (a `MatchesCall`)."""

    scrutinee: Expr
    arms: list[MatchArm]
    span: Span
    sugar: Expr | None = None


@dataclass(slots=True, eq=False)
class Loop(Expr):
    """`L { }` (infinite; value via `B v`); also what `LW let pat = x { }` means: a loop around a
    match whose other arm breaks (`sugar` holds that `While` for the formatter only)."""

    body: Block
    span: Span
    sugar: Expr | None = None


@dataclass(slots=True, eq=False)
class MatchesCall(Expr):
    """Rust's `matches!(value, pattern [I guard])`, kept in the `sugar` of the match it means so the
    formatter writes the call back."""

    value: Expr
    pattern: Pattern
    guard: Expr | None
    span: Span


@dataclass(slots=True, eq=False)
class LetCond(Expr):
    """`let pat = value` as the condition of `I`/`LW` (Rust's `if let` / `while let`); it lives only
    in a `sugar` field, the parser having rewritten the construct into a match."""

    pattern: Pattern
    value: Expr
    span: Span


@dataclass(slots=True, eq=False)
class While(Expr):
    """`L cond { }`, `LW cond { }`, `while cond { }`; keyword keeps the spelling."""

    cond: Expr
    body: Block
    span: Span
    keyword: str = "LW"


@dataclass(slots=True, eq=False)
class For(Expr):
    """`L i: 0..n { }`, `LF x: xs { }`, `L x in xs { }`, `for x in xs { }`.

    `style` is ":" or "in"; keyword keeps the spelling (`L`, `LF`, `for`).
    """

    pattern: Pattern
    iterable: Expr
    body: Block
    span: Span
    keyword: str = "L"
    style: str = ":"


@dataclass(slots=True, eq=False)
class Break(Expr):
    value: Expr | None
    span: Span


@dataclass(slots=True, eq=False)
class Continue(Expr):
    span: Span


@dataclass(slots=True, eq=False)
class Return(Expr):
    value: Expr | None
    span: Span


# ---------------------------------------------------------------------------------------------
# Statements


@dataclass(slots=True, eq=False)
class LetStmt(Stmt):
    """A binding.

    `x := e`, `x := mut e` (mutable, style "value"), `mut x := e` (style "prefix"),
    `x: T = e`, `x: mut T = e` (style "type"), `L x := e` (seed style: loop_prefix True),
    `(a, b) := pair`. `mutable` is True for any of the mut spellings.
    """

    pattern: Pattern
    ty: TypeExpr | None
    value: Expr
    mutable: bool
    span: Span
    mut_style: str = ""  # "", "value", "prefix", "type"
    loop_prefix: bool = False


@dataclass(slots=True, eq=False)
class ExprStmt(Stmt):
    expr: Expr
    semicolon: bool
    span: Span


@dataclass(slots=True, eq=False)
class DeferStmt(Stmt):
    """`D expr` / `D { ... }`."""

    expr: Expr
    span: Span


@dataclass(slots=True, eq=False)
class ItemStmt(Stmt):
    """An item nested in a block (a local function, struct, ...)."""

    item: Item
    span: Span


# ---------------------------------------------------------------------------------------------
# Items


@dataclass(slots=True, eq=False)
class Attribute(Node):
    """`#[name]`, `#[name(args)]`, `#[name = value]`; `args` are the comma-separated raw texts."""

    name: str
    args: list[str]
    span: Span
    value: str | None = None


@dataclass(slots=True, eq=False)
class Param(Node):
    """A function parameter. `ty` None for parameters inferred from call sites.

    Receivers: name "self" with `self_kind` "value" (`self`), "ref" (`&self`) or "mut" (`&mut self`).
    """

    name: str
    ty: TypeExpr | None
    span: Span
    mutable: bool = False
    self_kind: str | None = None
    pattern: Pattern | None = None  # destructuring parameter `(a, b): (i64, i64)`
    default: Expr | None = None


@dataclass(slots=True, eq=False)
class FnDecl(Item):
    """A function or method.

    `body` is a Block, an expression (`= expr` form: expr_body True) or None (trait method
    without default, extern declaration).
    """

    name: str
    generics: list[GenericParam]
    params: list[Param]
    ret: TypeExpr | None
    where: list[WherePredicate]
    body: Expr | None
    span: Span
    name_span: Span
    expr_body: bool = False
    is_pub: bool = False
    is_async: bool = False
    is_extern: bool = False
    attrs: list[Attribute] = field(default_factory=list)
    keyword: str = "F"

    @property
    def has_self(self) -> bool:
        return bool(self.params) and self.params[0].self_kind is not None


@dataclass(slots=True, eq=False)
class FieldDecl(Node):
    name: str
    ty: TypeExpr
    span: Span
    is_pub: bool = False


@dataclass(slots=True, eq=False)
class StructDecl(Item):
    """`S Name<T> { fields; methods }` (methods declared in the body are in `methods`).

    `members` keeps fields and methods in source order for the formatter.
    """

    name: str
    generics: list[GenericParam]
    fields: list[FieldDecl]
    methods: list[FnDecl]
    span: Span
    name_span: Span
    where: list[WherePredicate] = field(default_factory=list)
    is_pub: bool = False
    attrs: list[Attribute] = field(default_factory=list)
    is_union: bool = False
    tuple_struct: bool = False  # `S Meters(f64)`: fields named "0", "1", ...
    keyword: str = "S"


@dataclass(slots=True, eq=False)
class Variant(Node):
    """An enum variant: unit (`Empty`), tuple (`Circle(f64)`) or struct (`Rect { w: f64 }`)."""

    name: str
    kind: str  # "unit", "tuple", "struct"
    tuple_fields: list[TypeExpr]
    struct_fields: list[FieldDecl]
    span: Span
    discriminant: Expr | None = None


@dataclass(slots=True, eq=False)
class EnumDecl(Item):
    name: str
    generics: list[GenericParam]
    variants: list[Variant]
    span: Span
    name_span: Span
    methods: list[FnDecl] = field(default_factory=list)
    where: list[WherePredicate] = field(default_factory=list)
    is_pub: bool = False
    attrs: list[Attribute] = field(default_factory=list)
    keyword: str = "E"


@dataclass(slots=True, eq=False)
class AssocType(Node):
    """`T Item = i64` inside an impl, or `T Item` (with optional bounds) inside a trait."""

    name: str
    bounds: list[TypeExpr]
    value: TypeExpr | None
    span: Span


@dataclass(slots=True, eq=False)
class TraitDecl(Item):
    name: str
    generics: list[GenericParam]
    supertraits: list[TypeExpr]
    methods: list[FnDecl]
    span: Span
    name_span: Span
    assoc_types: list[AssocType] = field(default_factory=list)
    where: list[WherePredicate] = field(default_factory=list)
    is_pub: bool = False
    attrs: list[Attribute] = field(default_factory=list)
    keyword: str = "W"


@dataclass(slots=True, eq=False)
class ImplDecl(Item):
    """`X<T> Type<T>: Trait where ... { methods }` (trait None for inherent impls).

    Also accepts Rust's `X Trait for Type` (trait_style "for") besides `X Type: Trait`.
    """

    generics: list[GenericParam]
    target: TypeExpr
    trait: TypeExpr | None
    methods: list[FnDecl]
    span: Span
    assoc_types: list[AssocType] = field(default_factory=list)
    where: list[WherePredicate] = field(default_factory=list)
    attrs: list[Attribute] = field(default_factory=list)
    trait_style: str = ":"
    keyword: str = "X"


@dataclass(slots=True, eq=False)
class TypeAlias(Item):
    name: str
    generics: list[GenericParam]
    ty: TypeExpr
    span: Span
    name_span: Span
    is_pub: bool = False
    attrs: list[Attribute] = field(default_factory=list)
    keyword: str = "T"


@dataclass(slots=True, eq=False)
class UseDecl(Item):
    """`U std/math`, `U std::math`, `U std/collections.{HashMap, HashSet}`, `U mymod`.

    `path` are the module path segments; `names` the imported names for the `.{A, B}` form
    (None imports the module itself); `separator` is "/" or "::" as written.
    """

    path: list[str]
    names: list[str] | None
    span: Span
    separator: str = "/"
    alias: str | None = None
    is_pub: bool = False
    glob: bool = False
    keyword: str = "U"


@dataclass(slots=True, eq=False)
class ConstDecl(Item):
    """`const NAME: T = v` / `C NAME: T = v`."""

    name: str
    ty: TypeExpr | None
    value: Expr
    span: Span
    name_span: Span
    is_pub: bool = False
    attrs: list[Attribute] = field(default_factory=list)
    keyword: str = "const"


@dataclass(slots=True, eq=False)
class GlobalDecl(Item):
    """`G NAME: T = v` (module-scope mutable variable)."""

    name: str
    ty: TypeExpr | None
    value: Expr
    span: Span
    name_span: Span
    is_pub: bool = False
    attrs: list[Attribute] = field(default_factory=list)
    keyword: str = "G"


@dataclass(slots=True, eq=False)
class ExternBlock(Item):
    """`N "C" { F malloc(size: i64) -> *u8 }`."""

    abi: str | None
    fns: list[FnDecl]
    span: Span
    attrs: list[Attribute] = field(default_factory=list)
    keyword: str = "N"


@dataclass(slots=True, eq=False)
class MacroRule(Node):
    """One `(pattern) => { body }` rule; both sides as raw token lists."""

    pattern: list[Any]
    body: list[Any]
    span: Span


@dataclass(slots=True, eq=False)
class MacroDecl(Item):
    name: str
    rules: list[MacroRule]
    span: Span
    name_span: Span
    is_pub: bool = False
    attrs: list[Attribute] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Module(Node):
    """A parsed file. `comments` are all comments in source order (for the formatter)."""

    items: list[Item]
    span: Span
    comments: list[Comment] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Utilities


def children(node: Node) -> list[Node]:
    """The direct child nodes of `node` (in field order), flattening lists."""
    out: list[Node] = []
    for f in fields(node):  # type: ignore[arg-type]
        if f.name == "sugar":  # the surface form of a rewritten construct: not a child
            continue
        value = getattr(node, f.name)
        if isinstance(value, Node):
            out.append(value)
        elif isinstance(value, list):
            for v in value:
                if isinstance(v, Node):
                    out.append(v)
                elif isinstance(v, list):
                    out.extend(x for x in v if isinstance(x, Node))
    return out


def walk(node: Node):
    """Pre-order traversal of the subtree rooted at `node`."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


_SKIP_IN_DUMP = {"span", "name_span", "tokens", "comments", "raw", "text", "spelling", "keyword",
                 "else_keyword", "separator", "mut_style", "loop_prefix", "trait_style", "style"}


def dump(node: Any, spans: bool = False) -> Any:
    """A plain-data rendering of a tree (for tests and `vais parse --dump-ast`).

    Without `spans`, positions and pure-spelling fields are left out, so two trees that differ
    only in layout dump equal (the formatter's meaning-preservation check).
    """
    if isinstance(node, list):
        return [dump(x, spans) for x in node]
    if isinstance(node, (Node, Comment)):
        out: dict[str, Any] = {"node": type(node).__name__}
        for f in fields(node):  # type: ignore[arg-type]
            if (not spans and f.name in _SKIP_IN_DUMP) or f.name == "sugar":
                continue
            value = getattr(node, f.name)
            if f.name in ("span", "name_span") and value is not None:
                out[f.name] = f"{value.line}:{value.col}-{value.end_line}:{value.end_col}"
            elif f.name == "tokens":
                out[f.name] = [getattr(t, "text", str(t)) for t in value]
            else:
                out[f.name] = dump(value, spans)
        return out
    if isinstance(node, Token):  # macro rule tokens: their text, not their positions
        return node.text
    if isinstance(node, float) and node != node:
        return "NaN"
    return node
