"""Files (`std/fs`): `File` handles and whole-file helpers, every failure an `Err(Error)`.

Errors name the path and the operating system's reason (`cannot open 'data.txt': No such file
or directory`) and carry a kind (`NotFound`, `PermissionDenied`, `AlreadyExists`, `IsADirectory`,
`NotADirectory`, `InvalidData`, `Io`). Text is UTF-8 without newline translation. `write_file`
writes a temporary file beside the target and renames it, so readers never see a partial file.
"""

from __future__ import annotations

import os

from vais.runtime.values import Err, Ok, VaisError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Any

_KINDS = {
    FileNotFoundError: "NotFound",
    PermissionError: "PermissionDenied",
    FileExistsError: "AlreadyExists",
    IsADirectoryError: "IsADirectory",
    NotADirectoryError: "NotADirectory",
}


def os_error(exc: Exception, action: str, path: str) -> Err:
    if isinstance(exc, UnicodeDecodeError):
        return Err(VaisError(f"cannot {action} '{path}': stream did not contain valid UTF-8", "InvalidData"))
    kind = next((k for cls, k in _KINDS.items() if isinstance(exc, cls)), "Io")
    reason = getattr(exc, "strerror", None) or str(exc)
    return Err(VaisError(f"cannot {action} '{path}': {reason}", kind))


class File:
    """An open file: its path and Python handle (binary mode)."""

    __slots__ = ("handle", "path")

    def __init__(self, path: str, handle: IO[bytes]):
        self.path = path
        self.handle = handle

    def __repr__(self) -> str:
        return f"File({self.path!r})"


def _open(path: str, mode: str, action: str) -> Ok | Err:
    try:
        return Ok(File(path, open(path, mode)))
    except (OSError, ValueError) as exc:
        return os_error(exc, action, path)


def file_open(path: str) -> Ok | Err:
    """`File::open(path)`: open for reading."""
    return _open(path, "rb", "open")


def file_create(path: str) -> Ok | Err:
    """`File::create(path)`: create or truncate, for writing."""
    return _open(path, "wb", "create")


def file_open_append(path: str) -> Ok | Err:
    """`File::open_append(path)`: create if missing, write at the end."""
    return _open(path, "ab", "open for appending")


def file_read_to_string(f: File) -> Ok | Err:
    try:
        return Ok(f.handle.read().decode("utf-8"))
    except (OSError, ValueError) as exc:
        return os_error(exc, "read", f.path)


def _lines(text: Ok | Err) -> Ok | Err:
    """Ok(lines without their endings) of a read result, or its Err."""
    if text.__class__ is Err:
        return text
    from vais.runtime.strings import str_lines

    return Ok(list(str_lines(text.value)))


def file_lines(f: File) -> Ok | Err:
    """The remaining lines, without their line endings."""
    return _lines(file_read_to_string(f))


def file_write_str(f: File, s: str) -> Ok | Err:
    try:
        f.handle.write(s.encode("utf-8", "surrogatepass"))
        return Ok(None)
    except (OSError, ValueError) as exc:
        return os_error(exc, "write to", f.path)


def file_write_line(f: File, s: str) -> Ok | Err:
    return file_write_str(f, s + "\n")


def file_flush(f: File) -> Ok | Err:
    try:
        f.handle.flush()
        return Ok(None)
    except (OSError, ValueError) as exc:
        return os_error(exc, "flush", f.path)


def file_close(f: File) -> None:
    f.handle.close()


def file_path(f: File) -> str:
    return f.path


# -- whole-file helpers ---------------------------------------------------------------------------------

def fn_read_file(path: str) -> Ok | Err:
    try:
        with open(path, "rb") as fh:
            return Ok(fh.read().decode("utf-8"))
    except (OSError, ValueError) as exc:
        return os_error(exc, "read", path)


def fn_read_lines(path: str) -> Ok | Err:
    return _lines(fn_read_file(path))


def fn_write_file(path: str, content: str) -> Ok | Err:
    """Replace the file's content atomically (temporary file + rename)."""
    import tempfile

    directory = os.path.dirname(os.path.abspath(path))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".vais-", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            fh.write(content.encode("utf-8", "surrogatepass"))
        if os.path.exists(path):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        os.replace(tmp, path)
        return Ok(None)
    except (OSError, ValueError) as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        return os_error(exc, "write", path)


def fn_append_file(path: str, content: str) -> Ok | Err:
    try:
        with open(path, "ab") as fh:
            fh.write(content.encode("utf-8", "surrogatepass"))
        return Ok(None)
    except (OSError, ValueError) as exc:
        return os_error(exc, "append to", path)


def _fs_call(action: str, path: str, op: Any, *args: Any) -> Ok | Err:
    try:
        result = op(path, *args)
        return Ok(None if result is None else result)
    except (OSError, ValueError) as exc:
        return os_error(exc, action, path)


def fn_exists(path: str) -> bool:
    return os.path.exists(path)


def fn_is_file(path: str) -> bool:
    return os.path.isfile(path)


def fn_is_dir(path: str) -> bool:
    return os.path.isdir(path)


def fn_remove_file(path: str) -> Ok | Err:
    return _fs_call("remove", path, os.remove)


def fn_create_dir(path: str) -> Ok | Err:
    return _fs_call("create directory", path, os.mkdir)


def fn_create_dir_all(path: str) -> Ok | Err:
    return _fs_call("create directory", path, os.makedirs, 0o777, True)


def fn_remove_dir(path: str) -> Ok | Err:
    return _fs_call("remove directory", path, os.rmdir)


def fn_rename(src: str, dst: str) -> Ok | Err:
    return _fs_call("rename", src, os.replace, dst)


def fn_file_size(path: str) -> Ok | Err:
    return _fs_call("read metadata of", path, os.path.getsize)


def fn_read_dir(path: str) -> Ok | Err:
    """The names of the entries of a directory, sorted."""
    return _fs_call("read directory", path, lambda p: sorted(os.listdir(p)))


# Rust's `std::fs` spellings of the whole-file helpers.
fn_read_to_string = fn_read_file
fn_write = fn_write_file


def fn_copy(src: str, dst: str) -> Ok | Err:
    """Copy a file's content and permission bits; the result is the number of bytes copied."""
    import shutil

    def copy(source: str) -> int:
        shutil.copyfile(source, dst)
        shutil.copymode(source, dst)
        return os.path.getsize(dst)

    return _fs_call("copy", src, copy)


def fn_remove_dir_all(path: str) -> Ok | Err:
    import shutil

    return _fs_call("remove directory", path, shutil.rmtree)
