"""`vais` command-line entry point: a table of sub-commands, each in its own module.

Sub-command modules import only argparse-level code at top level and do their work (and heavy
imports) inside `run`; argparse itself is imported only when a command needs the full parser
(`vais run` parses its own arguments), so that start-up stays fast.
Exit codes: 0 success, 1 errors in the user's program or project, 2 usage errors, 141 when the reader
of the output went away (`vais check ... | head`).
"""

from __future__ import annotations

import importlib
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

# name -> (module, one-line help). Each module defines `add_arguments(parser)` and `run(args) -> int`.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("vais.cli.cmd_check", "type-check a file or project and report diagnostics"),
    "parse": ("vais.cli.cmd_parse", "parse a file (debug aid: --dump-ast)"),
    "fmt": ("vais.cli.cmd_fmt", "format Vais source files in the canonical style"),
    "run": ("vais.cli.cmd_run", "compile and run a Vais program on the Python engine"),
    "test": ("vais.cli.cmd_test", "run the #[test] functions of a file or project"),
    "new": ("vais.cli.cmd_new", "create a new Vais project directory"),
    "init": ("vais.cli.cmd_init", "make the current directory a Vais project"),
    "add": ("vais.cli.cmd_add", "add a dependency to Vais.toml and update Vais.lock"),
    "remove": ("vais.cli.cmd_remove", "remove a dependency from Vais.toml and Vais.lock"),
    "install": ("vais.cli.cmd_install", "resolve dependencies, write Vais.lock, fetch packages"),
    "update": ("vais.cli.cmd_update", "re-resolve dependencies (all, or only the named ones)"),
    "tree": ("vais.cli.cmd_tree", "show the dependency tree"),
    "metadata": ("vais.cli.cmd_metadata", "describe packages and the resolve graph as JSON"),
    "register": ("vais.cli.cmd_register", "create an account on a package registry"),
    "login": ("vais.cli.cmd_login", "log in to a package registry (password or API token)"),
    "logout": ("vais.cli.cmd_logout", "revoke and forget the credentials of a registry"),
    "keygen": ("vais.cli.cmd_keygen", "create an Ed25519 package-signing key pair"),
    "keys": ("vais.cli.cmd_keys", "register, list or revoke your package-signing keys"),
    "publish": ("vais.cli.cmd_publish", "test, pack, sign and upload this package to a registry"),
    "yank": ("vais.cli.cmd_yank", "hide a published version from new resolutions"),
    "unyank": ("vais.cli.cmd_yank", "undo a yank"),
    "owner": ("vais.cli.cmd_owner", "add, remove or list a package's owners"),
    "search": ("vais.cli.cmd_search", "search a registry for packages"),
    "package": ("vais.cli.cmd_package", "package tools: verify an archive against the registry"),
}

USAGE_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    """The full argparse parser (every command's options); built only when a command needs it."""
    from vais.cli.parser import build_parser as build

    return build(COMMANDS)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        return _dispatch(argv)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        return 130
    except BrokenPipeError:  # the reader went away (`vais check ... | head`): stop quietly, as shells expect
        import contextlib
        import os

        with contextlib.suppress(OSError):  # (so that Python's own flush at exit does not fail again)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # a bug of ours: say so clearly instead of a traceback
        from vais.cli import crash

        return crash.report(exc)


def _dispatch(argv: list[str]) -> int:
    fast = _fast_path(argv)
    if fast is not None:
        return fast
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return USAGE_ERROR
    if args.command == "help":
        if args.topic is None:
            parser.print_help()
            return 0
        if args.topic not in COMMANDS:
            parser.error(f"unknown command '{args.topic}' (commands: {', '.join(COMMANDS)})")
        parser.parse_args([args.topic, "--help"])
        return 0
    return int(args._module.run(args) or 0)


def _fast_path(argv: list[str]) -> int | None:
    """Commands that must start quickly (`vais run`) skip building the full parser."""
    if argv and argv[0] in FAST_COMMANDS:
        module = importlib.import_module(FAST_COMMANDS[argv[0]])
        return int(module.main(argv[1:]) or 0)
    return None


# Commands with their own minimal argument parsing (`main(argv) -> int`), for start-up time.
FAST_COMMANDS: dict[str, str] = {"run": "vais.cli.cmd_run"}


if __name__ == "__main__":
    sys.exit(main())
