"""Mutual tail recursion: which instances call each other in tail position.

Self tail calls become loops inside the function. Functions that tail-call each other in a cycle
(`is_even`/`is_odd`) are compiled with a trampoline: their bodies return a `_TailCall` for a tail
call to another member of the cycle, and a small public wrapper runs the chain in a loop, so a
million-step mutual recursion uses constant stack.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from vais.sema.program import FnRes, Instance, TemplateRes
from vais.syntax import ast


def tail_calls(body: ast.Expr) -> list[ast.Call]:
    """Calls in tail position of a function body (including every `R call(...)`)."""
    found: list[ast.Call] = []

    def tail(e: ast.Expr | None) -> None:
        if e is None:
            return
        if isinstance(e, ast.Call):
            found.append(e)
        elif isinstance(e, ast.If):
            tail(e.then)
            tail(e.otherwise)
        elif isinstance(e, ast.Block):
            tail(e.tail)
        elif isinstance(e, ast.Match):
            for arm in e.arms:
                tail(arm.body)
        elif isinstance(e, ast.Ternary):
            tail(e.then)
            tail(e.otherwise)
        elif isinstance(e, ast.Return):
            tail(e.value)

    tail(body)
    for node in _walk_outside_closures(body):
        if isinstance(node, ast.Return):
            tail(node.value)
    return found


def has_defer(body: ast.Expr) -> bool:
    return any(isinstance(n, ast.DeferStmt) for n in _walk_outside_closures(body))


def _walk_outside_closures(node: ast.Node) -> Iterator[ast.Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, (ast.Closure, ast.ItemStmt)):  # (a nested `F` is a function of its own)
            continue
        stack.extend(ast.children(current))


def mutual_groups(instances: list[Instance], key_of: Callable[[Instance], tuple],
                  target_key: Callable[[Instance, object], tuple | None]) -> dict[tuple, int]:
    """Map each instance key that belongs to a cycle of tail calls (two or more members) to the
    cycle's number."""
    graph: dict[tuple, set[tuple]] = {}
    for inst in instances:
        decl = inst.template.decl if inst.template is not None else inst.fn.decl
        if decl.body is None or inst.fn.is_async or has_defer(decl.body):
            continue
        edges = set()
        for call in tail_calls(decl.body):
            if isinstance(call.res, (FnRes, TemplateRes)):
                key = target_key(inst, call.res)
                if key is not None:
                    edges.add(key)
        graph[key_of(inst)] = edges
    groups: dict[tuple, int] = {}
    for number, component in enumerate(_strongly_connected(graph)):
        if len(component) > 1:
            for key in component:
                groups[key] = number
    return groups


def _strongly_connected(graph: dict[tuple, set[tuple]]) -> list[list[tuple]]:
    """Tarjan's algorithm, iterative (call graphs can be deep)."""
    index: dict[tuple, int] = {}
    low: dict[tuple, int] = {}
    on_stack: set[tuple] = set()
    stack: list[tuple] = []
    result: list[list[tuple]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            advanced = False
            for nxt in edges:
                if nxt not in graph:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph.get(nxt, ()))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(component)
    return result
