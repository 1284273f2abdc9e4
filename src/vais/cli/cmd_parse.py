"""`vais parse [--dump-ast] [--spans] FILE`: parse one file (a debug aid).

`--dump-ast` prints the syntax tree as one JSON document (`vais.syntax.ast.dump`); `--spans`
adds `line:col-line:col` positions and the pure-spelling fields. Syntax diagnostics go to
stderr. Exit codes: 0 parsed cleanly, 1 syntax errors, 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

USAGE_ERROR = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the .vais file to parse")
    parser.add_argument("--dump-ast", action="store_true", help="print the syntax tree as JSON on stdout")
    parser.add_argument("--spans", action="store_true", help="include source positions in the dump")


def run(args: argparse.Namespace) -> int:
    import json

    from vais.cli.cmd_check import emit
    from vais.syntax import ast, parse_file

    path = Path(args.file)
    if not path.is_file():
        sys.stderr.write(f"error: no such file: {path}\n")
        return USAGE_ERROR
    try:
        module, diagnostics = parse_file(str(path))
    except OSError as exc:
        sys.stderr.write(f"error: cannot read {path}: {exc.strerror or exc}\n")
        return USAGE_ERROR
    if args.dump_ast:
        sys.stdout.write(json.dumps(ast.dump(module, spans=args.spans), ensure_ascii=False) + "\n")
    emit(diagnostics, "human")
    return 1 if any(d.is_error for d in diagnostics) else 0
