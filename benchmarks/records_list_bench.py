"""The case list at scale: what each list operation costs at 100,000 cases, beside an index-only reference.

    .venv/bin/python benchmarks/records_list_bench.py [--cases 100000] [--keep DIR]

Runs offscreen (no window needed). Seeds demo cases into a temporary vault (or reuses ``--keep DIR``), then
times, through the same model the Cases page uses:

- reference: counting every case (an index-only query, the cheapest thing the list asks for);
- the first page of the default list (newest first, what unlocking shows);
- search-as-you-type: a few typed prefixes, from the query being issued to its rows being in the model
  (target < 100 ms; the 200 ms typing pause comes before this);
- Home's list of cases waiting on HQ or the Administration and measures to follow up (index searches, no scan);
- a later page while scrolling (1,000 rows at offset 50,000), read off the GUI thread;
- sorting by title: a column without an index, so SQLite scans the whole (encrypted) table.

Each figure is printed with its ratio to the reference. Timings grow with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ECODESK_KDF_PROFILE", "fast")

PASSPHRASE = "benchmark passphrase 1234"


def _vault(folder: Path, cases: int):  # type: ignore[no-untyped-def]
    from ecodesk.demo import demo_cases
    from ecodesk.storage.vault import Vault

    if (folder / "vault.db").exists():
        return Vault.open(folder, PASSPHRASE)
    vault, _key = Vault.create(folder, PASSPHRASE, office="HQ")
    started = time.perf_counter()
    vault.records.save_many(demo_cases(cases, office="HQ"), office="HQ")
    print(f"seeded {cases:,} cases in {time.perf_counter() - started:.1f} s")
    return vault


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="vault folder to create once and reuse")
    args = parser.parse_args()

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ecodesk.models import RecordKind, SearchQuery
    from ecodesk.ui.kit.session import Session
    from ecodesk.ui.records.model import RecordTableModel

    app = QApplication.instance() or QApplication(sys.argv)
    temporary = None if args.keep else Path(tempfile.mkdtemp(prefix="ecodesk-bench-"))
    folder = args.keep or (temporary / "vault")  # type: ignore[operator]
    vault = _vault(folder, args.cases)
    session = Session(folder)
    session.attach(vault)
    model = RecordTableModel(session, RecordKind.retaliation)

    def wait(signal) -> float:  # type: ignore[no-untyped-def]
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        started = time.perf_counter()
        loop.exec()
        signal.disconnect(loop.quit)
        return time.perf_counter() - started

    def best(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
        return min(times)

    try:
        reference = best(lambda: vault.records.count(SearchQuery(kind=RecordKind.retaliation)))
        first_page = best(model.reload_now)
        print(f"cases in the vault: {model.total:,}")
        print(f"reference, count every case:      {reference * 1000:8.1f} ms")
        print(f"first page (unlock, newest first): {first_page * 1000:8.1f} ms  ({first_page / reference:5.1f}x)")
        import datetime as dt

        from ecodesk.casework.waiting import waiting_cases

        waiting = best(lambda: waiting_cases(vault, dt.date.today()))
        print(f"Home, waiting on HQ/Administration: {waiting * 1000:7.1f} ms  ({waiting / reference:5.1f}x)")
        latencies = []
        for text in ("k", "ka", "kam", "kamau", "non-renewal", "RET-2026"):
            started = time.perf_counter()
            model.set_query(text=text)
            wait(model.loaded)
            latencies.append(time.perf_counter() - started)
        typed = statistics.median(latencies)
        print(f"search as you type, median:        {typed * 1000:8.1f} ms  ({typed / reference:5.1f}x)  target < 100 ms")
        model.set_query(text="")
        wait(model.loaded)
        while model.rowCount() < min(50_000, model.total):  # scroll down to offset 50,000 (not timed)
            model._rows.extend(vault.records.find(model.query.model_copy(update={"limit": 5000,
                                                                                    "offset": model.rowCount()})))
        started = time.perf_counter()
        model.fetchMore()
        wait(model.fetched)
        page = time.perf_counter() - started
        print(f"next page at offset 50,000:        {page * 1000:8.1f} ms  ({page / reference:5.1f}x)  off the GUI thread")
        started = time.perf_counter()
        model.set_query(order_by="title", descending=False)
        wait(model.loaded)
        sort = time.perf_counter() - started
        print(f"sort by title (no index):          {sort * 1000:8.1f} ms  ({sort / reference:5.1f}x)  off the GUI thread")
        print(f"load average: {os.getloadavg()[0]:.2f}")
    finally:
        model.wait()
        session.lock()
        app.processEvents()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
