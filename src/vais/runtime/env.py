"""Environment variables and the working directory (`std/env`)."""

from __future__ import annotations

import os

from vais.runtime.fs import os_error
from vais.runtime.values import Err, Ok, Some, VaisError


def fn_env_var(name: str) -> Some | None:
    value = os.environ.get(name)
    return None if value is None else Some(value)


def fn_set_env_var(name: str, value: str) -> None:
    os.environ[name] = value


def fn_remove_env_var(name: str) -> None:
    os.environ.pop(name, None)


def fn_env_vars() -> list[tuple[str, str]]:
    return list(os.environ.items())


def fn_current_dir() -> Ok | Err:
    try:
        return Ok(os.getcwd())
    except OSError as exc:
        return os_error(exc, "read", ".")


def fn_set_current_dir(path: str) -> Ok | Err:
    try:
        os.chdir(path)
        return Ok(None)
    except OSError as exc:
        return os_error(exc, "change directory to", path)


# Rust's `std::env` spellings.
def fn_var(name: str) -> Ok | Err:
    """`env::var(name)`: the value, or an error when the variable is not set."""
    value = os.environ.get(name)
    return Ok(value) if value is not None else Err(VaisError(f"environment variable not found: {name}", "NotFound"))


fn_vars = fn_env_vars
fn_set_var = fn_set_env_var
fn_remove_var = fn_remove_env_var

