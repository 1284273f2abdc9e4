"""Reading a source file: UTF-8, or one diagnostic at the first byte that is not (instead of one
per undecodable byte, and without ever writing replacement characters back to the user's file)."""

from __future__ import annotations

from pathlib import Path

from vais.syntax.diagnostics import Diagnostic
from vais.syntax.source import SourceFile, Span


def read_source(path: Path) -> tuple[str, Diagnostic | None]:
    """The file's text, and an E0001 when it is not UTF-8 (the text then has replacement characters
    and must be neither parsed nor written back)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        offset = len(data[:exc.start].decode("utf-8", errors="replace"))
        return text, Diagnostic("E0001", f"`{path.name}` is not UTF-8 text",
                                Span(SourceFile(str(path), text), offset, offset + 1), label="this byte is not UTF-8",
                                help="Vais sources are UTF-8: save the file with that encoding")
