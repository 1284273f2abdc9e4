"""`vais add NAME[@REQ]`: add a dependency to Vais.toml (comments kept) and update Vais.lock."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("spec", metavar="NAME[@REQ]", help="package name, optionally with a version requirement")
    parser.add_argument("--path", help="use the package in this local directory")
    parser.add_argument("--dev", action="store_true", help="add to [dev-dependencies]")
    parser.add_argument("--registry", help="registry URL (https://..., file:///dir) or configured name")
    parser.add_argument("--features", default="", help="comma-separated features to enable")
    parser.add_argument("--optional", action="store_true", help="mark the dependency optional")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from vais.pkg.edit import NewDependency, add_dependency, parse_name_req
    from vais.pkg.install import InstallOptions, install, newest_requirement
    from vais.pkg.ui import print_install, progress_bars, report_errors, status

    def body() -> int:
        project = Path.cwd()
        name, req = parse_name_req(args.spec)
        if req is None and args.path is None:
            req = newest_requirement(project, name, args.registry)
        features = tuple(f.strip() for f in args.features.split(",") if f.strip())
        edit = add_dependency(project, NewDependency(name, req, args.path, args.registry, features,
                                                     args.optional, args.dev))
        try:
            with progress_bars() as bars:
                result = install(project, InstallOptions(registry=args.registry), bars)
        except BaseException:
            edit.restore()  # the dependency does not resolve: leave Vais.toml as it was
            raise
        status("Adding", f"{name} {req or args.path} to {'dev-' if args.dev else ''}dependencies")
        print_install(result)
        return 0

    return report_errors(body)
