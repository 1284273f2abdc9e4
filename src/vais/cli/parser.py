"""The argparse parser of the `vais` command: every sub-command with its options.

Kept apart from `vais.cli.main` so that commands with their own light argument handling
(`vais run`) start without importing argparse.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from vais import __version__
from vais.cli.main import USAGE_ERROR


class _Parser(argparse.ArgumentParser):
    """argparse with our usage-error exit code and a hint line."""

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"error: {message}\nhelp: run `{self.prog} --help` for usage\n")
        raise SystemExit(USAGE_ERROR)


def build_parser(commands: dict[str, tuple[str, str]]) -> argparse.ArgumentParser:
    """`commands` maps a name to (module, one-line help); each module adds its own arguments."""
    parser = _Parser(prog="vais", description="The Vais toolchain.")
    parser.add_argument("--version", action="version", version=f"vais {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    help_parser = sub.add_parser("help", help="show help for vais or one command")
    help_parser.add_argument("topic", nargs="?", help="command to explain")
    for name, (module_name, summary) in commands.items():
        module = importlib.import_module(module_name)
        cmd = sub.add_parser(name, help=summary, description=summary)
        module.add_arguments(cmd)
        cmd.set_defaults(_module=module)
    return parser
