"""Load on a real `vais-registry serve` over loopback: N concurrent clients downloading, reading the
sparse index and searching, for a fixed number of requests, once per database (SQLite, and
PostgreSQL when reachable). Prints requests/s, p50 and p99 latency, and PostgreSQL/SQLite ratios.

    python bench/registry_load.py [--clients 16] [--requests 3000] [--packages 30] [--workers 1]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "registry"))
from registry_support import (  # shared with the tests: server launch, schemas, packing
    Server,
    pack,
    postgres_available,
    postgres_schema,
    publish,
    register,
    running_server,
)


@dataclass(frozen=True)
class Result:
    database: str
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def seed(server: Server, root: Path, packages: int) -> list[str]:
    _, auth = register(server)
    names = [f"bench-{i:03d}" for i in range(packages)]
    for name in names:
        for version in ("1.0.0", "1.1.0"):
            data = pack(root, name, version, description=f"benchmark package {name}", keywords=("bench",))
            assert publish(server, auth, name, version, data).status_code == 201
    return names


def load(server: Server, names: list[str], clients: int, total: int, database: str) -> Result:
    """Each client takes requests from a shared budget until it is spent: 50% downloads, 30% index, 20% search."""
    budget = iter(range(total))
    lock = threading.Lock()
    latencies: list[float] = []
    errors = 0

    def client(seed_value: int) -> None:
        nonlocal errors
        rng = random.Random(seed_value)
        mine: list[float] = []
        failed = 0
        with httpx.Client(base_url=server.url, timeout=60) as http:
            while True:
                with lock:
                    if next(budget, None) is None:
                        break
                name = rng.choice(names)
                roll = rng.random()
                path = (f"/api/v1/packages/{name}/1.0.0/download" if roll < 0.5 else f"/api/v1/index/{name}"
                        if roll < 0.8 else f"/api/v1/search?q=bench+{name[-2:]}")
                start = time.perf_counter()
                status = http.get(path).status_code
                mine.append(time.perf_counter() - start)
                failed += status != 200
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result(database, total, time.perf_counter() - start, latencies, errors)


@contextlib.contextmanager
def database(kind: str, root: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{root / 'registry.db'}"
    else:
        with postgres_schema() as url:
            yield url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--packages", type=int, default=30)
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    args = parser.parse_args()
    kinds = ["sqlite"] + (["postgresql"] if postgres_available() else [])
    if "postgresql" not in kinds:
        print("PostgreSQL not reachable (VAIS_TEST_POSTGRES_URL): measuring SQLite only")
    results: list[Result] = []
    for kind in kinds:
        with tempfile.TemporaryDirectory() as tmp, database(kind, Path(tmp)) as url, \
                running_server(Path(tmp) / "srv", url, WORKERS=str(args.workers), LOG_LEVEL="warning") as server:
            names = seed(server, Path(tmp) / "pkgs", args.packages)
            load(server, names, args.clients, min(200, args.requests), kind)  # warm-up
            results.append(load(server, names, args.clients, args.requests, kind))
    print(f"{args.clients} clients, {args.requests} requests per database, {args.workers} server worker(s)")
    print(f"{'database':<12}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}{'errors':>8}")
    for r in results:
        print(f"{r.database:<12}{r.rate:>10.0f}{r.percentile(50):>10.1f}{r.percentile(99):>10.1f}"
              f"{statistics.mean(r.latencies) * 1000:>10.1f}{r.errors:>8}")
    if len(results) == 2:
        sqlite, pg = results
        print(f"ratio postgresql/sqlite: throughput {pg.rate / sqlite.rate:.2f}x, "
              f"p99 latency {pg.percentile(99) / sqlite.percentile(99):.2f}x")
    return 1 if any(r.errors for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
