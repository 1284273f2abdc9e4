"""Small constructors for Python `ast` nodes, and source positions taken from Vais spans."""

from __future__ import annotations

import ast as py
from typing import Any

from vais.syntax.source import Span

LOAD = py.Load()
STORE = py.Store()


def name(ident: str) -> py.Name:
    return py.Name(ident, LOAD)


def store(ident: str) -> py.Name:
    return py.Name(ident, STORE)


def const(value: Any) -> py.Constant:
    return py.Constant(value)


def call(func: str | py.expr, *args: py.expr) -> py.Call:
    return py.Call(name(func) if isinstance(func, str) else func, list(args), [])


def lambda_(params: list[str], body: py.expr) -> py.Lambda:
    return py.Lambda(py.arguments([], [py.arg(n) for n in params], None, [], [], None, []), body)


def attr(obj: py.expr, field: str) -> py.Attribute:
    return py.Attribute(obj, field, LOAD)


def attr_store(obj: py.expr, field: str) -> py.Attribute:
    return py.Attribute(obj, field, STORE)


def assign(target: str | py.expr, value: py.expr) -> py.Assign:
    return py.Assign([store(target) if isinstance(target, str) else target], value)


def expr_stmt(value: py.expr) -> py.Expr:
    return py.Expr(value)


def binop(left: py.expr, op: py.operator, right: py.expr) -> py.BinOp:
    return py.BinOp(left, op, right)


def compare(left: py.expr, op: py.cmpop, right: py.expr) -> py.Compare:
    return py.Compare(left, [op], [right])


def is_none(value: py.expr) -> py.Compare:
    return py.Compare(value, [py.Is()], [const(None)])


def class_is(value: py.expr, cls: py.expr) -> py.Compare:
    """`value.__class__ is cls`: the fastest exact class test."""
    return py.Compare(attr(value, "__class__"), [py.Is()], [cls])


def and_(*values: py.expr) -> py.expr:
    parts = [v for v in values if not (isinstance(v, py.Constant) and v.value is True)]
    if not parts:
        return const(True)
    return parts[0] if len(parts) == 1 else py.BoolOp(py.And(), parts)


def or_(*values: py.expr) -> py.expr:
    return values[0] if len(values) == 1 else py.BoolOp(py.Or(), list(values))


def walrus(ident: str, value: py.expr) -> py.NamedExpr:
    return py.NamedExpr(store(ident), value)


def tuple_(items: list[py.expr]) -> py.Tuple:
    return py.Tuple(items, LOAD)


def if_(test: py.expr, body: list[py.stmt], orelse: list[py.stmt] | None = None) -> py.If:
    return py.If(test, body or [py.Pass()], orelse or [])


def located(node: Any, span: Span | None) -> Any:
    """Give `node` the position of `span` (Python wants 1-based lines and 0-based columns)."""
    if span is None:
        return node
    line, col = span.source.line_col(span.start)
    end = max(span.start, span.end - 1) if span.end > span.start else span.start
    end_line, end_col = span.source.line_col(end)
    node.lineno = line
    node.col_offset = col - 1
    node.end_lineno = end_line
    node.end_col_offset = end_col if span.end > span.start else col - 1
    if node.end_lineno < node.lineno or (node.end_lineno == node.lineno and node.end_col_offset < node.col_offset):
        node.end_lineno, node.end_col_offset = node.lineno, node.col_offset
    return node


def is_simple(value: py.expr) -> bool:
    """Constants and names: safe to evaluate twice and unaffected by statements emitted later."""
    return isinstance(value, py.Constant)
