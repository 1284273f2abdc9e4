"""Diagnostics: stable codes, primary and labelled secondary spans, help lines.

Rendered like rustc on a terminal (source line, carets, colours on a tty) or as one JSON object
per diagnostic for tools (`--message-format json`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import Enum

from vais.syntax.source import Span


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(slots=True)
class Label:
    span: Span
    message: str = ""


@dataclass(slots=True)
class Diagnostic:
    code: str
    message: str
    span: Span
    severity: Severity = Severity.ERROR
    label: str = ""
    secondary: list[Label] = field(default_factory=list)
    help: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json_dict(self) -> dict:
        span = self.span
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": span.file,
            "line": span.line,
            "column": span.col,
            "end_line": span.end_line,
            "end_column": span.end_col,
            "label": self.label,
            "help": self.help,
            "notes": list(self.notes),
            "secondary": [
                {"message": lab.message, "file": lab.span.file, "line": lab.span.line,
                 "column": lab.span.col, "end_line": lab.span.end_line, "end_column": lab.span.end_col}
                for lab in self.secondary
            ],
        }


class DiagnosticError(Exception):
    """Raised to abandon a phase after its diagnostics have been collected."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} diagnostic(s)")
        self.diagnostics = diagnostics


def sort_key(diag: Diagnostic) -> tuple[str, int, int]:
    return (diag.span.file, diag.span.start, 0 if diag.is_error else 1)


_COLOURS = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.NOTE: "\x1b[1;36m",
}
_BLUE = "\x1b[1;34m"
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def render_json(diag: Diagnostic) -> str:
    return json.dumps(diag.to_json_dict(), ensure_ascii=False)


def render_human(diag: Diagnostic, colour: bool = False) -> str:
    """Render one diagnostic the way rustc does: header, location, source lines with carets."""

    def paint(text: str, style: str) -> str:
        return f"{style}{text}{_RESET}" if colour else text

    sev = diag.severity
    span = diag.span
    lines: list[str] = [paint(f"{sev.value}[{diag.code}]", _COLOURS[sev]) + paint(f": {diag.message}", _BOLD)]
    entries = [(span, diag.label, True)] + [(lab.span, lab.message, False) for lab in diag.secondary]
    shown = [e for e in entries if e[0].source is span.source]
    others = [e for e in entries if e[0].source is not span.source]
    gutter = max(len(str(e[0].end_line)) for e in entries)
    pad = " " * gutter
    lines.append(f"{pad}{paint('-->', _BLUE)} {span.file}:{span.line}:{span.col}")
    lines.append(f"{pad} {paint('|', _BLUE)}")
    _render_snippets(lines, sorted(shown, key=lambda e: e[0].start), gutter, paint, _COLOURS[sev])
    for other_span, message, _ in others:
        lines.append(f"{pad}{paint('::>', _BLUE)} {other_span.file}:{other_span.line}:{other_span.col}")
        _render_snippets(lines, [(other_span, message, False)], gutter, paint, _COLOURS[sev])
    if diag.help or diag.notes:
        lines.append(f"{pad} {paint('|', _BLUE)}")
    for note in diag.notes:
        lines.append(f"{pad} {paint('=', _BLUE)} {paint('note', _BOLD)}: {note}")
    if diag.help:
        lines.append(f"{pad} {paint('=', _BLUE)} {paint('help', _BOLD)}: {diag.help}")
    return "\n".join(lines)


# Longest source line shown in full; longer ones are cut around the span (a generated or minified
# file must not flood the terminal).
_SNIPPET_WIDTH = 160


def _render_snippets(lines: list[str], entries: list, gutter: int, paint, primary_style: str) -> None:
    last_line = None
    for span, message, primary in entries:
        first, last = span.line, span.end_line
        source = span.source
        if last_line is not None and first > last_line + 1:
            lines.append(paint("...", _BLUE))
        text = source.line_text(first).expandtabs(4)
        raw = source.line_text(first)
        start_col = len(raw[: span.col - 1].expandtabs(4))
        if last == first:
            end_col = len(raw[: span.end_col - 1].expandtabs(4))
        else:
            end_col = len(text)
        if len(text) > _SNIPPET_WIDTH:  # a very long line: the part around the span, marked `...`
            left = max(0, start_col - _SNIPPET_WIDTH // 3)
            right = left + _SNIPPET_WIDTH
            shown = ("..." if left else "") + text[left:right] + ("..." if right < len(text) else "")
            shift = left - (3 if left else 0)
            text, start_col, end_col = shown, start_col - shift, min(end_col - shift, len(shown))
        if first != last_line:
            lines.append(paint(f"{first:>{gutter}} |", _BLUE) + (f" {text}" if text else ""))
        width = max(1, end_col - start_col)
        marker = ("^" if primary else "-") * width
        style = primary_style if primary else _BLUE
        suffix = f" {message}" if message else ""
        lines.append(paint(f"{' ' * gutter} |", _BLUE) + " " + " " * start_col + paint(marker + suffix, style))
        if last != first:
            lines.append(paint(f"{' ' * gutter} |", _BLUE) + f" ... (continues to line {last})")
        last_line = first


def summary_line(errors: int, warnings: int, colour: bool = False) -> str:
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    text = "could not compile: " + " and ".join(parts) if errors else "finished with " + " and ".join(parts)
    style = _COLOURS[Severity.ERROR] if errors else _COLOURS[Severity.WARNING]
    return f"{style}{text}{_RESET}" if colour else text
