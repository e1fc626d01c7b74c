"""Vault benchmark: seed N cases, then full-text search latency; the same workload on plain SQLite as a ratio.

    .venv/bin/python benchmarks/vault_bench.py [--cases 100000]

Targets (issue 2): search median under 50 ms at 100,000 cases; SQLCipher/plain ratio under 1.5.
The key derivation is excluded (a fast KDF profile is used): it is measured on its own at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

os.environ["ECODESK_KDF_PROFILE"] = "fast"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlcipher3

from ecodesk.demo import demo_cases
from ecodesk.models import SearchQuery
from ecodesk.storage import migrations
from ecodesk.storage.audit import AuditLog
from ecodesk.storage.database import CACHE_KIB, Database
from ecodesk.storage.records import RecordStore

QUERIES = ["adebayo", "diop", "procurement", "renouvellement", "auditoría", "kamau", "threats", "Nguyễn",
           "supervisor", "licitaciones", "appraisal", "témoin", "pérez", "RET-2026", "fuel", "loyauté", "sow",
           "fernández", "hotline", "mwangi"]


class PlainDatabase(Database):
    """The same Database class on an unencrypted SQLite file (for the comparison only)."""

    def __init__(self, path: Path) -> None:
        import threading

        self.path = path
        self._lock = threading.RLock()
        self._depth = 0
        self._conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = FULL")
        self._conn.execute("PRAGMA temp_store = MEMORY")
        self._conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def run(db: Database, count: int) -> dict[str, float]:
    migrations.migrate(db)
    store = RecordStore(db, AuditLog(db))
    start = time.perf_counter()
    generator = demo_cases(count, seed=42, office="HQ")
    while batch := list(islice(generator, 1000)):
        with db.transaction():
            for case in batch:
                store.save(case, office="HQ")
    insert_seconds = time.perf_counter() - start
    latencies = []
    for text in QUERIES:
        start = time.perf_counter()
        query = SearchQuery(text=text, limit=100)
        store.find(query)
        store.count(query)
        latencies.append((time.perf_counter() - start) * 1000)
    slowest = sorted(zip(latencies, QUERIES, strict=True))[-3:]
    print(f"  slowest queries: {', '.join(f'{q!r} {ms:.0f} ms' for ms, q in slowest)}", file=sys.stderr)
    latencies.sort()
    return {"insert_rate": count / insert_seconds, "median_ms": statistics.median(latencies),
            "p95_ms": latencies[round(0.95 * (len(latencies) - 1))]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        encrypted = run(Database(Path(tmp) / "enc.db", os.urandom(32)), args.cases)
        plain = run(PlainDatabase(Path(tmp) / "plain.db"), args.cases)
    from ecodesk.crypto.keyslots import calibrated_kdf

    os.environ.pop("ECODESK_KDF_PROFILE")
    kdf = calibrated_kdf()
    start = time.perf_counter()
    kdf.derive("benchmark passphrase")
    kdf_seconds = time.perf_counter() - start

    print(f"cases: {args.cases:,}")
    print(f"{'figure':<28}{'SQLCipher':>12}{'plain SQLite':>14}{'ratio':>8}")
    for key, label in (("insert_rate", "insert rate (cases/s)"), ("median_ms", "search median (ms)"),
                       ("p95_ms", "search p95 (ms)")):
        ratio = plain[key] / encrypted[key] if key == "insert_rate" else encrypted[key] / plain[key]
        print(f"{label:<28}{encrypted[key]:>12.1f}{plain[key]:>14.1f}{ratio:>8.2f}")
    print(f"unlock key derivation (Argon2id t={kdf.time_cost}, m={kdf.memory_kib // 1024} MiB): {kdf_seconds:.2f} s")
    print(f"target search median < 50 ms: {'met' if encrypted['median_ms'] < 50 else 'NOT met'}")
    slow = max(plain["insert_rate"] / encrypted["insert_rate"], encrypted["median_ms"] / plain["median_ms"])
    print(f"target SQLCipher/plain ratio < 1.5: {'met' if slow < 1.5 else 'NOT met'} ({slow:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
