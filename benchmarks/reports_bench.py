"""Reports benchmark: seed N records (cases and advice of several offices), then time every dashboard
aggregation, cold (first run after opening the vault) and warm (median of repeated runs).

    .venv/bin/python benchmarks/reports_bench.py [--records 100000] [--keep DIR]

Target (issue 6): the dashboard's aggregations under 300 ms at 100,000 records. The Reports page computes
them all together on each change ("WHOLE DASHBOARD": one index scan per record kind with conditional sums);
"one table" rows time the per-table definition query that the list behind a bar uses, for comparison.
The machine's load average is printed too: on a shared machine, timings grow with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from itertools import chain, islice
from pathlib import Path

os.environ["ECODESK_KDF_PROFILE"] = "fast"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ecodesk.demo import demo_advice, demo_cases
from ecodesk.reports.dashboard import build_dashboard, make_filters, records_behind
from ecodesk.reports.periods import parse_period, period_between
from ecodesk.reports.tables import Table
from ecodesk.storage import aggregates
from ecodesk.storage.vault import Vault, is_vault

PASSPHRASE = "benchmark passphrase 2026"
TARGET_MS = 300.0
BATCH = 2000
TODAY = dt.date(2026, 11, 15)


def seed(vault: Vault, total: int) -> float:
    cases, advice = total * 7 // 10, total - total * 7 // 10
    records = chain(demo_cases(cases, seed=11, office="HQ", today=TODAY),
                    demo_advice(advice, seed=11, office="HQ", today=TODAY))
    started, done = time.perf_counter(), 0
    while batch := list(islice(records, BATCH)):
        done += vault.records.save_many(batch, office="HQ")
        print(f"\r  seeded {done:,}/{total:,}", end="", flush=True)
    print()
    return time.perf_counter() - started


def timed(fn: object, *args: object) -> float:
    started = time.perf_counter()
    fn(*args)  # type: ignore[operator]
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="reuse (or create and keep) the vault in this folder")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    holder = None
    if args.keep is None:
        holder = tempfile.TemporaryDirectory(prefix="ecodesk-reports-bench-")
        folder = Path(holder.name) / "vault"
    else:
        folder = args.keep
    if not is_vault(folder):
        vault, _key = Vault.create(folder, PASSPHRASE, office="HQ")
        print(f"seeding {args.records:,} records…")
        seconds = seed(vault, args.records)
        print(f"  {args.records / seconds:,.0f} records/s")
        vault.close()
    vault = Vault.open(folder, PASSPHRASE)
    try:
        count = vault.db.scalar("SELECT count(*) FROM records")
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"vault: {count:,} records, {sum(f.stat().st_size for f in folder.iterdir()) / 2**20:,.0f} MiB")
        scopes = {
            "all years": period_between("2023-01-01", "2026-12-31"),
            "year 2026": parse_period("2026"),
            "2026-Q3": parse_period("2026-Q3"),
        }
        worst = 0.0
        print(f"\n{'aggregation':<36}{'period':<14}{'cold ms':>9}{'warm ms':>9}{'target':>8}")
        for label, period in scopes.items():
            for office in (None, "NBO"):
                filters = make_filters(period, office=office, today=TODAY)
                scope = filters.scope()
                rows: list[tuple[str, object, tuple[object, ...]]] = [
                    (f"one table: {table.value}", aggregates.count_table, (vault.db, scope, table))
                    for table in aggregates.Table
                ]
                rows.append(("all tables + figures (SQL)", aggregates.dashboard_counts, (vault.db, scope)))
                rows.append(("list behind a bar (500)", records_behind, (vault, filters, Table.cases_by_status,
                                                                      "closed")))
                rows.append(("WHOLE DASHBOARD", build_dashboard, (vault, filters)))
                for name, fn, fn_args in rows:
                    cold = timed(fn, *fn_args)
                    warm = statistics.median(timed(fn, *fn_args) for _ in range(args.repeat))
                    worst = max(worst, cold, warm)
                    where = label + ("" if office is None else f" {office}")
                    flag = "ok" if max(cold, warm) < TARGET_MS else "SLOW"
                    print(f"{name:<36}{where:<14}{cold:>9.1f}{warm:>9.1f}{flag:>8}")
        print(f"\nslowest: {worst:.1f} ms = {worst / TARGET_MS:.0%} of the {TARGET_MS:.0f} ms target")
        return 0 if worst < TARGET_MS else 1
    finally:
        vault.close()
        if holder is not None:
            holder.cleanup()


if __name__ == "__main__":
    sys.exit(main())
