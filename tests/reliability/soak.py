"""``make soak``: the long reliability runs behind the CI suite, with a summary table of the figures.

1. crash and kill: 1,000 iterations of the SIGKILL harness (a new vault every 100);
2. a long session: 10,000 records created then edited, 100 lock/unlock cycles, 200 package imports, with the
   process's resident memory (RSS) measured at the start, after a warm-up and at the end;
3. mutation fuzzing of the key-slot parser, JSON record intake and the package reader;
4. the canary session and leak scan of the CI suite, plus a scan of everything the long session wrote.

``--scale 0.1`` divides every count by ten (a quick rehearsal). The exit status is non-zero if anything failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("ECODESK_KDF_PROFILE", "fast")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent / "fuzz")]

import psutil  # noqa: E402
from harness.crash import CrashRun  # noqa: E402
from harness.exchange import make_pool  # noqa: E402
from harness.leaks import make_canary, scan_tree  # noqa: E402
from harness.mutators import mutate_bytes  # noqa: E402
from harness.session import Session, run_cli_session, run_gui_session  # noqa: E402

from ecodesk.models import Person, RetaliationCase, SearchQuery  # noqa: E402
from ecodesk.packages.importing import import_package  # noqa: E402
from ecodesk.records.service import save_record  # noqa: E402
from ecodesk.storage.vault import Vault  # noqa: E402

MIB = 1024 * 1024
PASSPHRASE = "soak test passphrase"


@dataclass
class Figures:
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def add(self, what: str, value: object, note: str = "") -> None:
        self.rows.append((what, f"{value:,}" if isinstance(value, int) else str(value), note))
        print(f"  {what}: {value} {note}", flush=True)

    def table(self) -> str:
        width = max(len(r[0]) for r in self.rows)
        lines = ["", "EcoDesk soak summary", "=" * (width + 32)]
        lines += [f"{what:<{width}}  {value:>14}  {note}".rstrip() for what, value, note in self.rows]
        lines.append("=" * (width + 32))
        lines.append("RESULT: " + ("FAILED" if self.failures else "passed"))
        lines += [f"  - {f}" for f in self.failures[:50]]
        return "\n".join(lines)


def rss() -> int:
    return int(psutil.Process().memory_info().rss)


def crash_phase(root: Path, iterations: int, figures: Figures) -> None:
    print(f"[1/4] crash and kill: {iterations} iterations", flush=True)
    run = CrashRun(root / "crash", seed=11)
    rng = random.Random(11)
    start = time.monotonic()
    for i in range(iterations):
        run.step(rng, restore_check=i % 25 == 24)
        if (i + 1) % 50 == 0:
            print(f"  {i + 1} iterations, {len(run.failures)} failures, {time.monotonic() - start:.0f} s", flush=True)
    figures.add("crash iterations run", run.iterations)
    figures.add("kills survived", run.survived, f"of {run.kills} SIGKILLs")
    figures.add("committed writes verified", run.writes, f"({run.imports} package imports)")
    figures.add("temporary files left by kills", run.leftover_files, "(ciphertext only)")
    figures.failures += run.failures


def session_phase(root: Path, records: int, cycles: int, packages: int, figures: Figures) -> tuple[Path, str]:
    print(f"[2/4] long session: {records} records, {cycles} lock/unlock cycles, {packages} imports", flush=True)
    path = root / "long" / "vault"
    vault, _ = Vault.create(path, PASSPHRASE, office="DKR")
    start_rss = rss()
    canary = make_canary("longsession")
    ids = []
    for n in range(records):
        case = save_record(vault, RetaliationCase(
            title=f"Case {n}", summary=f"{canary} {n}", received_on=dt.date(2025, 1, 1) + dt.timedelta(days=n % 600),
            complainant=Person(name=f"Complainant {n} {canary}")))
        ids.append(case.id)
        if n == min(1000, records - 1):
            warm_rss = rss()
    for n, record_id in enumerate(ids):
        case = vault.records.get(record_id)
        save_record(vault, case.model_copy(update={"notes": f"edited {n}"}))
    stored = vault.records.count(SearchQuery())
    if stored != records:
        figures.failures.append(f"long session: {stored} records stored of {records}")
    for _ in range(cycles):
        vault.close()
        vault = Vault.open(path, PASSPHRASE)
        vault.records.find(SearchQuery(text="Complainant", limit=50))
    pool = make_pool(root / "long" / "pool", vault, packages, seed=3)
    imported = 0
    for package in pool:
        result = import_package(vault, Path(str(package["file"])))
        imported += len(result.created)
    report = vault.verify()
    if not report.ok:
        figures.failures.append(f"long session: verify failed {report.model_dump_json()[:500]}")
    vault.close()
    end_rss = rss()
    figures.add("records created / edited", f"{records:,} / {records:,}")
    figures.add("lock/unlock cycles", cycles)
    figures.add("packages imported", imported, f"of {packages}")
    figures.add("RSS start / warm / end (MiB)",
                f"{start_rss / MIB:.0f} / {warm_rss / MIB:.0f} / {end_rss / MIB:.0f}",
                f"growth after warm-up {(end_rss - warm_rss) / MIB:+.0f} MiB")
    if end_rss > 2 * warm_rss + 256 * MIB:
        figures.failures.append("memory keeps growing during the long session")
    if imported != packages:
        figures.failures.append(f"long session: {imported} of {packages} packages imported")
    return root / "long", canary


def fuzz_phase(root: Path, scale: float, figures: Figures) -> None:
    from targets import TARGETS

    counts = {"keyslots": int(20_000 * scale), "records": int(5_000 * scale), "package": int(3_000 * scale)}
    print(f"[3/4] mutation fuzzing: {counts}", flush=True)
    total, findings = 0, 0
    rng = random.Random(5)
    for name, count in counts.items():
        target = TARGETS[name](root / "fuzz" / name)
        seeds = target.seeds()
        for _ in range(count):
            data = mutate_bytes(rng.choice(seeds), rng)
            try:
                target(data)
            except Exception as exc:
                findings += 1
                figures.failures.append(f"fuzz {name}: {type(exc).__name__}: {str(exc)[:200]}")
            total += 1
    figures.add("inputs fuzzed", total, f"{findings} findings (make fuzz adds coverage-guided runs)")


def leak_phase(root: Path, long_session: tuple[Path, str], figures: Figures) -> None:
    print("[4/4] canary session and leak scan", flush=True)
    session = Session.start(root / "leaks")
    run_cli_session(session)
    run_gui_session(session)
    hits = session.unexpected(scan_tree([session.home, session.tmp], session.canaries.values(),
                                        allowed=session.user_saved))
    hits += scan_tree([long_session[0]], [long_session[1]])
    figures.add("leaks found", len(hits), f"({len(session.canaries)} canaries: CLI + desktop session, long session)")
    figures.failures += [f"leak: {h.canary} as {h.form} in {h.path}" for h in hits]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    scale = args.scale
    figures = Figures()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="ecodesk-soak-") as tmp:
        root = Path(tmp)
        crash_phase(root, max(1, int(1000 * scale)), figures)
        long_session = session_phase(root, max(2, int(10_000 * scale)), max(1, int(100 * scale)),
                                     max(1, int(200 * scale)), figures)
        fuzz_phase(root, scale, figures)
        leak_phase(root, long_session, figures)
    figures.add("duration", f"{(time.monotonic() - started) / 60:.1f} min")
    print(figures.table())
    return 1 if figures.failures else 0


if __name__ == "__main__":
    sys.exit(main())
