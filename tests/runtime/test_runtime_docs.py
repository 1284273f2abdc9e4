"""docs/runtime.md lists every runtime function named by a declaration, and every intrinsic."""

from __future__ import annotations

from pathlib import Path

from test_runtime_declarations import INTRINSIC_RUNTIME, RUNTIME_DECLS

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_runtime_reference_lists_every_declared_function():
    text = (DOCS / "runtime.md").read_text()
    missing = sorted({d.runtime_name() for d in RUNTIME_DECLS if f"`{d.runtime_name()}(" not in text})
    assert not missing, f"add to docs/runtime.md: {missing}"


def test_runtime_reference_lists_every_intrinsic():
    text = (DOCS / "runtime.md").read_text()
    intrinsics = text[text.index("## Intrinsics"):text.index("## Operators")]
    missing = [name for name in INTRINSIC_RUNTIME if f"{name}(" not in intrinsics]
    assert not missing, f"document these intrinsics in docs/runtime.md: {missing}"
