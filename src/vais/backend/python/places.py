"""Which locals must live in a Cell for their whole life: those whose `&mut` is kept beyond a call.

`f(&mut n)` passes an int in a Cell copied back when the call returns (cheap, and the common case).
`r := &mut n`, `Some(&mut n)` or `xs.push(&mut n)` keep the reference, so writes through it must
reach `n` itself: such a local is *boxed* (bound to a Cell, read and written through `.value`).
"""

from __future__ import annotations

from vais.sema.program import LocalRes
from vais.syntax import ast


def stored_borrows(body: ast.Expr) -> set[int]:
    """Ids of `:=`-bound locals borrowed `&mut` somewhere other than directly as a call argument."""
    call_args: set[int] = set()
    borrowed: dict[int, int] = {}  # borrow node id -> local id
    simple_lets: set[int] = set()
    for node in ast.walk(body):
        if isinstance(node, (ast.Call, ast.MethodCall)):
            call_args.update(id(a) for a in node.args)
        elif isinstance(node, ast.LetStmt):
            pat = node.pattern
            if isinstance(pat, ast.IdentPat) and pat.sub is None and isinstance(getattr(pat, "res", None), LocalRes):
                simple_lets.add(id(pat.res.local))
        elif isinstance(node, ast.Unary) and node.op == "&mut" and isinstance(node.operand, ast.Name):
            res = getattr(node.operand, "res", None)
            if isinstance(res, LocalRes):
                borrowed[id(node)] = id(res.local)
    return {local for node, local in borrowed.items() if node not in call_args and local in simple_lets}
