"""What the formatter needs from the token stream: bracket partners and grouping parentheses.

The AST drops grouping parentheses (`(a + b)` is just the Binary node), but the formatter keeps
the ones the user wrote, so it finds them here: a node is parenthesised when the token before
its first token is a `(` whose partner is the token right after its last one. Left-recursive
nodes (`(a) + b`) start where their left operand starts, so a node's first token is found by
walking down its left spine, and a call's own parentheses around its only argument do not count.
"""

from __future__ import annotations

from bisect import bisect_left

from vais.syntax import ast
from vais.syntax.tokens import CLOSERS, OPENERS

# Nodes whose span starts with their left child's span.
_LEFT_CHILD = {
    ast.Binary: "left", ast.Assign: "target", ast.Ternary: "cond", ast.Pipe: "left", ast.Range: "start",
    ast.Cast: "expr", ast.Try: "expr", ast.Unwrap: "expr", ast.Await: "expr", ast.Call: "callee",
    ast.MethodCall: "receiver", ast.Field: "receiver", ast.Index: "receiver",
}


class TokenIndex:
    """Token positions, bracket partners and the user's grouping parentheses of one module."""

    def __init__(self, tokens: list[tuple]):
        self.kinds = [t[0] for t in tokens]
        self.starts = [t[2] for t in tokens]
        self.at_start = {t[2]: i for i, t in enumerate(tokens)}
        self.partner: dict[int, int] = {}
        stack: list[int] = []
        for i, kind in enumerate(self.kinds):
            if kind in OPENERS:
                stack.append(i)
            elif kind in CLOSERS and stack:
                opener = stack.pop()
                self.partner[opener] = i
                self.partner[i] = opener
        self._first: dict[int, int | None] = {}
        self._layers: dict[int, int] = {}
        self._owner: dict[int, int] = {}  # sole argument -> its call's closing `)`

    def note_call(self, node: ast.Node) -> None:
        """Record a call's own parentheses around its only argument (they are not grouping)."""
        arg = _sole_arg(node)
        if arg is not None:
            self._owner[id(arg)] = self.index_after(node.span.end) - 1

    def index_after(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect_left(self.starts, offset)

    def opener_of(self, close_offset: int) -> int:
        """Start offset of the bracket matching the closer at `close_offset`."""
        index = self.at_start.get(close_offset)
        if index is None or index not in self.partner:
            return close_offset
        return self.starts[self.partner[index]]

    def first_index(self, node: ast.Node) -> int | None:
        """Index of the node's first token (after any grouping parentheses of its own)."""
        key = id(node)
        if key not in self._first:
            field = _LEFT_CHILD.get(type(node))
            child = getattr(node, field) if field else None
            index: int | None = None
            if child is not None and child.span.start == node.span.start:
                inner = self.first_index(child)
                if inner is not None:
                    index = inner - self.layers(child)
            if index is None:
                index = self.at_start.get(node.span.start)
            self._first[key] = index
        return self._first[key]

    def layers(self, node: ast.Node) -> int:
        """How many pairs of grouping parentheses the user wrote around `node`."""
        key = id(node)
        if key not in self._layers:
            count = 0
            first = self.first_index(node)
            if first is not None:
                i, j = first - 1, self.index_after(node.span.end)
                owner = self._owner.get(key)
                kinds, partner = self.kinds, self.partner
                while (i >= 0 and j < len(kinds) and kinds[i] == "(" and kinds[j] == ")"
                       and partner.get(i) == j and j != owner):
                    count += 1
                    i -= 1
                    j += 1
            self._layers[key] = count
        return self._layers[key]

    def outer_start(self, node: ast.Node) -> int:
        """Offset where the node's text begins, including its grouping parentheses."""
        first = self.first_index(node)
        if first is None:
            return node.span.start
        return self.starts[max(first - self.layers(node), 0)]


def _sole_arg(node: ast.Node) -> ast.Node | None:
    """The only argument of a call written with `(...)`, whose parentheses belong to the call."""
    if isinstance(node, (ast.Call, ast.MethodCall)) and len(node.args) == 1:
        return node.args[0]
    if isinstance(node, ast.MacroCall) and node.delimiter == "(" and len(node.args) == 1:
        return node.args[0].value
    return None
