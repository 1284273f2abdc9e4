"""Warnings of a cached build, kept in its cache record so a warm `vais run` shows them again (as
cargo replays a cached crate's warnings) instead of only the first, compiling run.

A warning is stored as plain data with character offsets; replaying re-reads the files it points
into (their content hash matched, so the offsets still hold) and rebuilds the `Diagnostic`.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from vais.syntax.diagnostics import Diagnostic

# (code, message, file, start, end, label, help, notes, [(file, start, end, message), ...])
Packed = tuple


def pack(diagnostic: Diagnostic) -> Packed:
    span = diagnostic.span
    secondary = [(s.span.file, s.span.start, s.span.end, s.message) for s in diagnostic.secondary]
    return (diagnostic.code, diagnostic.message, span.file, span.start, span.end, diagnostic.label,
            diagnostic.help, list(diagnostic.notes), secondary)


def unpack(packed: list[Packed]) -> list[Diagnostic]:
    if not packed:  # the usual case, which must not load the front end's modules
        return []
    from vais.syntax.diagnostics import Diagnostic, Label, Severity
    from vais.syntax.source import SourceFile, Span

    files: dict[str, SourceFile] = {}

    def span(path: str, start: int, end: int) -> Span:
        if path not in files:
            files[path] = SourceFile.read(path)
        return Span(files[path], start, end)

    return [Diagnostic(code, message, span(path, start, end), Severity.WARNING, label,
                       [Label(span(*where), text) for *where, text in secondary], help_text, list(notes))
            for code, message, path, start, end, label, help_text, notes, secondary in packed]
