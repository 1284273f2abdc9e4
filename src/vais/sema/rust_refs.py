"""Where Rust would hand out a shared reference `&T` but Vais values are plain values.

Vais has no borrow of a value that can be observed (language.md, value model), so `m.get(k)` gives
`Option<V>` rather than Rust's `Option<&V>`. Users write Rust's `*x` to read such values; the
checker accepts that read, and rejects writing through one (it would change a copy).
"""

from __future__ import annotations

from vais.syntax import ast

_BORROWED_KINDS = ("closure_param", "loop", "pattern")


def reads_like_rust_reference(e: ast.Expr) -> bool:
    """A variable that Rust would bind as a `&T` (a closure parameter over `iter()`, a loop variable
    over `&v`, a binding of a match through a reference, a binding of `m.get(k)?`), an expression
    Rust types as one (`m.get(k).unwrap()`), or `*` of one: `*x` and `**x` read it."""
    if isinstance(e, ast.Unary) and e.op == "*":
        return reads_like_rust_reference(e.operand)
    if isinstance(e, ast.Name):
        local = getattr(getattr(e, "res", None), "local", None)
        return local is not None and (local.kind in _BORROWED_KINDS or local.rust_ref)
    return yields_rust_reference(e)


# Methods (with their argument counts) whose Rust counterparts return `&T` or `Option<&T>`; ours
# return the value itself. `x.max(y)` with an argument is Ord's, which returns a value in Rust too.
_REF_METHODS = {"get": 1, "first": 0, "last": 0, "peek": 0, "next": 0, "max": 0, "min": 0, "max_by": 1,
                "min_by": 1, "max_by_key": 1, "min_by_key": 1, "find": 1, "choose": 1, "nth": 1}
# What unwraps such an option (or turns it into a Result), keeping the reference.
_UNWRAPPERS = frozenset({"unwrap", "expect", "unwrap_or", "unwrap_or_default", "unwrap_or_else", "unwrap_unchecked",
                         "ok_or", "ok_or_else"})


def yields_rust_reference(e: ast.Expr) -> bool:
    """`m.get(k)?`, `v.first().unwrap()`, `v.iter().max().expect(..)`: a shared reference in Rust."""
    while True:
        if isinstance(e, (ast.Try, ast.Unwrap)):
            e = e.expr
        elif isinstance(e, ast.MethodCall) and e.name in _UNWRAPPERS:
            e = e.receiver
        else:
            break
    return isinstance(e, ast.MethodCall) and _REF_METHODS.get(e.name) == len(e.args)


def writes_through_shared_reference(e: ast.Expr) -> bool:
    """`*m.get(k).unwrap() += 1`, or `*x = v` for `x := v.first()?`: Rust rejects the write, and
    here it would only change a copy."""
    if isinstance(e, ast.Name):
        local = getattr(getattr(e, "res", None), "local", None)
        return local is not None and local.rust_ref
    return yields_rust_reference(e)
