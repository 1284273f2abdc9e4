"""What a warm `vais run` loads: only the runtime modules the program uses, and no `typing`, `re`,
`json`, `hashlib` or `argparse` (each would cost more than running a small program)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json, sys
before = set(sys.modules)
from vais.cli.main import main
code = main(["run", sys.argv[1]])
sys.stdout.flush()
loaded = sorted(set(sys.modules) - before)
print(json.dumps({"code": code, "loaded": loaded}), file=sys.stderr)
"""


def warm_run_modules(tmp_path, source: str) -> set[str]:
    prog = tmp_path / "p.vais"
    prog.write_text(source)
    env = dict(os.environ, VAIS_CACHE_DIR=str(tmp_path / "cache"))
    for _ in range(2):  # the first run compiles and fills the cache, the second is warm
        proc = subprocess.run([sys.executable, "-c", PROBE, str(prog)], capture_output=True, text=True, env=env,
                              check=False)
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert report["code"] == 0
    return set(report["loaded"])


def test_hello_world_loads_only_the_runtime_it_needs(tmp_path):
    loaded = warm_run_modules(tmp_path, 'F main() { println("hi") }\n')
    assert "vais.runtime.console" in loaded
    assert not loaded & {"vais.runtime.rt", "vais.runtime.strings", "vais.runtime.collections",
                         "vais.runtime.iters", "vais.runtime.fs"}
    assert not loaded & {"vais.sema", "vais.syntax", "vais.backend.python.compile"}  # no compiler
    assert not loaded & {"typing", "re", "json", "hashlib", "argparse", "enum"}


def test_a_program_using_collections_loads_their_runtime(tmp_path):
    loaded = warm_run_modules(tmp_path, "F main() {\n    v := mut Vec::new()\n    v.push(3)\n"
                                        '    s := "a,b".split(",")\n    println("{v.len()} {s.count()}")\n}\n')
    assert {"vais.runtime.strings"} <= loaded
    assert "vais.runtime.rt" not in loaded


def test_every_runtime_name_is_imported_from_the_module_that_defines_it():
    import importlib

    from vais.runtime.rt import ORIGINS

    assert all(hasattr(importlib.import_module(origin), name) for name, origin in ORIGINS.items())
    assert ORIGINS["wrap_i64"] == "vais.runtime.ints"  # not `memory`, which only uses it
