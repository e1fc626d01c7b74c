"""Evidence and package benchmark: attach, export, import, verify and back up a case with large attachments,
side by side with the standard ``age`` command and a plain write + fsync of the same bytes, in one run.

    .venv/bin/python benchmarks/package_bench.py [--mb 200] [--files 4]

``--mb`` is the total size of the attachments (issue 17 asks for 2048: memory growth < 150 MB at 2 GB);
``--files`` splits it (``--mb 2048 --files 2`` attaches two 1 GB files). Nothing is asserted: figures, ratios
and the targets are printed.

Targets (issue 17): export >= 0.5 of ``age -e`` on the same bytes; import >= 0.8 of a plain write + fsync of
the same bytes; memory growth < 150 MB; attaching a file >= 0.8 of write + fsync; an incremental backup of the
vault with all that evidence and one new record < 2 s; ``vault verify`` (without ``--full``) as fast with the
evidence as on an empty vault.

What is compared: ``age -e`` reads a plain file and writes without fsync; export decrypts each evidence file
(ChaCha20-Poly1305, 64 KiB segments), re-encrypts into the package (age, through pyrage) and fsyncs it.
Import decrypts the package, checks every SHA-256 and writes each attachment to its own evidence file
(encrypted, fsynced) before the commit; the reference is one write + fsync of the plaintext. Attachment content
is random (not confidential); it is written once to a scratch file in a private temporary folder, removed at
the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ["ECODESK_KDF_PROFILE"] = "fast"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil

from ecodesk.models import Person, RetaliationCase
from ecodesk.packages.export import export_package
from ecodesk.packages.importing import import_package
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault

PASSPHRASE = "benchmark passphrase"  # a throw-away vault
MB = 1024 * 1024


class PeakMemory:
    """Samples this process's RSS every 10 ms while a phase runs."""

    def __init__(self) -> None:
        self.process = psutil.Process()
        self.start = self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.01)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.process.memory_info().rss)

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / MB


def timed(fn: Callable[[], Any]) -> tuple[float, PeakMemory, Any]:
    with PeakMemory() as memory:
        started = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - started
    return elapsed, memory, result


class Slice:
    """``size`` bytes of a file from ``offset``, read like a file (the attachment's source)."""

    def __init__(self, path: Path, offset: int, size: int) -> None:
        self._fh = path.open("rb")
        self._fh.seek(offset)
        self._left = size

    def read(self, n: int = -1, /) -> bytes:
        n = self._left if n < 0 else min(n, self._left)
        data = self._fh.read(n)
        self._left -= len(data)
        return data

    def close(self) -> None:
        self._fh.close()


def durable_copy(source: Path, target: Path, size: int | None = None, offset: int = 0) -> float:
    """Seconds to write ``size`` bytes of ``source`` to ``target`` and fsync it (the disk's durable write)."""
    left = source.stat().st_size if size is None else size
    started = time.perf_counter()
    with source.open("rb") as src, target.open("wb") as out:
        src.seek(offset)
        while left > 0 and (block := src.read(min(MB, left))):
            out.write(block)
            left -= len(block)
        out.flush()
        os.fsync(out.fileno())
    elapsed = time.perf_counter() - started
    target.unlink()
    return elapsed


def reopen(vault: Vault) -> Vault:
    vault.close()
    return Vault.open(vault.path, PASSPHRASE)


def run_age(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=200, help="total size of the attachments in MB (target: 2048)")
    parser.add_argument("--files", type=int, default=4, help="number of attachments")
    options = parser.parse_args()
    age, keygen = shutil.which("age"), shutil.which("age-keygen")
    per_file = options.mb * MB // options.files
    total = per_file * options.files
    size_mb = total / MB
    with tempfile.TemporaryDirectory(prefix="ecodesk-bench-") as tmp:
        folder = Path(tmp)
        scratch = folder / "attachments.bin"
        with scratch.open("wb") as raw:
            for _ in range(total // MB):
                raw.write(os.urandom(MB))
        officer, _ = Vault.create(folder / "dkr", PASSPHRASE, office="DKR", officer_name="Bench Officer")
        hq, _ = Vault.create(folder / "hq", PASSPHRASE, office="HQ", officer_name="Bench HQ")
        try:
            officer.contacts.add(hq.identity().public, name="HQ", role="hq", verified=True)
            hq.contacts.add(officer.identity().public, name="Dakar", role="officer", verified=True)
            case = save_record(officer, RetaliationCase(title="Benchmark", received_on=dt.date(2026, 1, 5),
                                                        complainant=Person(name="Bench")))
            verify_empty_s, _m, _r = timed(officer.verify)
            print(f"Attaching {options.files} files of {per_file / MB:.0f} MB…", flush=True)
            attach_times, disk_file_times = [], []
            for index in range(options.files):
                # The reference is measured right before each phase: this disk's speed varies a lot over time.
                disk_file_times.append(durable_copy(scratch, folder / "disk-check.bin", per_file, index * per_file))
                source = Slice(scratch, index * per_file, per_file)
                started = time.perf_counter()
                case, _ref = officer.attachments.attach(case.reference or "", None, f"scan-{index}.bin",
                                                        source, office="DKR")  # type: ignore[arg-type]
                attach_times.append(time.perf_counter() - started)
                source.close()
            officer = reopen(officer)  # every phase starts on a freshly opened vault, as every command does
            verify_s, _m, report = timed(officer.verify)
            assert report.ok
            verify_full_s, _m, report = timed(lambda: officer.verify(full=True))
            assert report.ok
            package = folder / "bench.ecopkg"
            officer = reopen(officer)
            print("Exporting, importing…", flush=True)
            age_s = age_sync_s = None
            if age and keygen:
                identity = folder / "bench-identity.txt"
                subprocess.run([keygen, "-o", str(identity)], check=True, capture_output=True)
                recipient = next(line.split(": ")[1] for line in identity.read_text().splitlines()
                                 if line.startswith("# public key"))
                encrypted = folder / "bench.age"
                age_s = run_age([age, "-e", "-r", recipient, "-o", str(encrypted), str(scratch)])
                started = time.perf_counter()
                with encrypted.open("rb") as written:
                    os.fsync(written.fileno())  # what export also does before it reports success
                age_sync_s = age_s + time.perf_counter() - started
                encrypted.unlink()
            export_s, export_mem, _result = timed(
                lambda: export_package(officer, to=["HQ"], cases=[case.reference or ""], out=package)
            )
            disk_s = durable_copy(scratch, folder / "disk-check.bin")
            import_s, import_mem, result = timed(lambda: import_package(hq, package))
            assert result.attachments == options.files
            print("Backing up…", flush=True)
            backup_dir = folder / "backup"
            first_backup_s, _m, _r = timed(lambda: officer.backup_to_folder(backup_dir))
            save_record(officer, RetaliationCase(title="One more", received_on=dt.date(2026, 1, 6)))
            incremental_s, incremental_mem, done = timed(lambda: officer.backup_to_folder(backup_dir))
            assert done.evidence_copied == 0
        finally:
            officer.close()
            hq.close()
        package_mb = package.stat().st_size / MB

    def rate(seconds: float, mb: float = size_mb) -> str:
        return f"{mb / seconds:8.1f} MB/s"

    print()
    print(f"Attachments: {options.files} files of {per_file / MB:.0f} MB, {size_mb:.0f} MB in all; "
          f"package {package_mb:.1f} MB")
    print(f"{'phase':<28}{'seconds':>9}{'speed':>14}  {'reference (measured just before)':<34}{'ratio':>7}"
          f"{'target':>9}  mem growth")
    rows: list[tuple[str, float, float, str, float | None, str, str]] = [
        ("attach (first file)", attach_times[0], per_file / MB, "write+fsync of that file", disk_file_times[0],
         ">= 0.80", ""),
        ("attach (all files)", sum(attach_times), size_mb, "write+fsync of each file", sum(disk_file_times),
         ">= 0.80", ""),
        ("export", export_s, size_mb, "age -e (no fsync)", age_s, ">= 0.50", f"{export_mem.growth_mb:.1f} MB"),
        ("export", export_s, size_mb, "age -e, then fsync", age_sync_s, "", ""),
        ("import", import_s, size_mb, "write+fsync of the same bytes", disk_s, ">= 0.80",
         f"{import_mem.growth_mb:.1f} MB"),
    ]
    for name, seconds, mb, ref_name, ref_s, target, memory in rows:
        ratio = f"{ref_s / seconds:7.2f}" if ref_s else f"{'-':>7}"
        ref = f"{ref_name} {mb / ref_s:.0f} MB/s" if ref_s else f"{ref_name}: age not installed"
        print(f"{name:<28}{seconds:>9.2f}{rate(seconds, mb):>14}  {ref:<34}{ratio}{target:>9}  {memory}")
    print()
    print(f"{'backup to a new folder':<28}{first_backup_s:>9.2f}{rate(first_backup_s):>14}  (copies every evidence file)")
    print(f"{'incremental, +1 record':<28}{incremental_s:>9.2f} s  target < 2 s with {size_mb:.0f} MB of evidence "
          f"(memory growth {incremental_mem.growth_mb:.1f} MB)")
    print(f"{'verify, empty vault':<28}{verify_empty_s:>9.2f} s")
    print(f"{'verify, with the evidence':<28}{verify_s:>9.2f} s  target: about the same as on the empty vault")
    print(f"{'verify --full':<28}{verify_full_s:>9.2f}{rate(verify_full_s):>14}  (decrypts and hashes every file)")
    print()
    print("Targets: memory growth < 150 MB (at --mb 2048). 'ratio' = reference time / phase time.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
