"""What the user sees when the toolchain itself fails: a clear statement that it is our bug, never
a bare Python traceback (unless asked for with VAIS_BACKTRACE=full)."""

from __future__ import annotations

import os
import sys
import traceback

INTERNAL_ERROR = 101


def report(exc: BaseException) -> int:
    sys.stderr.write(f"error: internal error in the Vais toolchain: {type(exc).__name__}: {exc}\n"
                     "note: this is a bug in Vais, not in your program; please report it together with the "
                     "input that triggered it\n")
    if os.environ.get("VAIS_BACKTRACE") == "full":
        traceback.print_exception(exc)
    else:
        sys.stderr.write("note: run with VAIS_BACKTRACE=full to see the Python traceback\n")
    return INTERNAL_ERROR
