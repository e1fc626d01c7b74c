"""Package benchmark: export and import of a case with 200 MB of attachments, side by side with the standard
``age`` command encrypting and decrypting the same bytes, printed as ratios; peak memory of each phase.

    .venv/bin/python benchmarks/package_bench.py [--mb 200] [--files 4]

Targets (issue 3): throughput at least 0.5 of age's; peak memory growth under 150 MB (memory stays flat:
attachments are streamed chunk by chunk).

The age rows are not like for like, and the script says so: ``age -e`` reads a plain file and ``age -d`` writes
to /dev/null, while export reads every byte out of the encrypted vault (SQLCipher: one HMAC-SHA512 check and
one AES-256-CBC decryption per 4 KiB page, plus the attachment's SHA-256) and fsyncs the package, and import
writes every byte into the vault (page encryption, WAL, then the checkpoint into the database file, fsync at
commit: every byte reaches the disk twice). So three more references are printed: the vault's own read and
write speed on the same bytes (``vault read``: reading the attachments back; ``vault write``: attaching them),
which are export's and import's ceilings, and the disk's durable write speed (write + fsync). Attachment
content is random (not confidential); for the ``age`` side it is written once to a scratch file in a private
temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
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


def timed(fn: Callable[[], Any]) -> tuple[float, PeakMemory, Any]:
    with PeakMemory() as memory:
        started = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - started
    return elapsed, memory, result


def run_age(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - started


def reopen(vault: Vault) -> Vault:
    vault.close()
    return Vault.open(vault.path, PASSPHRASE)


def durable_copy(source: Path, target: Path) -> float:
    """Seconds to write ``source``'s bytes to ``target`` and fsync it (the disk's durable write speed)."""
    started = time.perf_counter()
    with source.open("rb") as src, target.open("wb") as out:
        while block := src.read(MB):
            out.write(block)
        out.flush()
        os.fsync(out.fileno())
    elapsed = time.perf_counter() - started
    target.unlink()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=200, help="total size of the attachments in MB")
    parser.add_argument("--files", type=int, default=4, help="number of attachments")
    options = parser.parse_args()
    age, keygen = shutil.which("age"), shutil.which("age-keygen")
    total = options.mb * MB
    with tempfile.TemporaryDirectory(prefix="ecodesk-bench-") as tmp:
        folder = Path(tmp)
        officer, _ = Vault.create(folder / "dkr", PASSPHRASE, office="DKR", officer_name="Bench Officer")
        hq, _ = Vault.create(folder / "hq", PASSPHRASE, office="HQ", officer_name="Bench HQ")
        try:
            officer.contacts.add(hq.identity().public, name="HQ", role="hq", verified=True)
            hq.contacts.add(officer.identity().public, name="Dakar", role="officer", verified=True)
            case = save_record(officer, RetaliationCase(title="Benchmark", received_on=dt.date(2026, 1, 5),
                                                        complainant=Person(name="Bench")))
            scratch = folder / "attachments.bin"
            per_file = total // options.files
            print(f"Attaching {options.files} files, {options.mb} MB in all…", flush=True)
            attach_s = 0.0
            with scratch.open("wb") as raw:
                for index in range(options.files):
                    data = os.urandom(per_file)
                    raw.write(data)
                    started = time.perf_counter()
                    case, _ref = officer.attachments.attach(
                        case.reference or "", None, f"scan-{index}.bin", io.BytesIO(data), office="DKR"
                    )
                    attach_s += time.perf_counter() - started
                    del data
            # Each phase starts on a freshly opened vault (an empty page cache), as every `ecodesk` command does.
            officer = reopen(officer)
            started = time.perf_counter()
            for item in case.evidence:
                for ref in item.attachments:
                    for _chunk in officer.attachments.read(ref.id):
                        pass
            read_s = time.perf_counter() - started
            package = folder / "bench.ecopkg"
            officer = reopen(officer)
            export_s, export_mem, _result = timed(
                lambda: export_package(officer, to=["HQ"], cases=[case.reference or ""], out=package)
            )
            import_s, import_mem, result = timed(lambda: import_package(hq, package))
            assert result.attachments == options.files
        finally:
            officer.close()
            hq.close()
        disk_s = durable_copy(scratch, folder / "disk-check.bin")
        size_mb = total / MB
        print()
        print(f"Attachments: {options.files} files, {size_mb:.0f} MB; package {package.stat().st_size / MB:.1f} MB")
        age_times: dict[str, float] = {}
        if age and keygen:
            identity = folder / "bench-identity.txt"
            subprocess.run([keygen, "-o", str(identity)], check=True, capture_output=True)
            recipient = next(line.split(": ")[1] for line in identity.read_text().splitlines()
                             if line.startswith("# public key"))
            encrypted = folder / "bench.age"
            age_times["export"] = run_age([age, "-e", "-r", recipient, "-o", str(encrypted), str(scratch)])
            age_times["import"] = run_age([age, "-d", "-i", str(identity), "-o", os.devnull, str(encrypted)])
        ceilings = {"export": ("vault read", read_s), "import": ("vault write", attach_s)}
        print(f"{'phase':<8}{'seconds':>9}{'MB/s':>8}{'peak RSS MB':>13}{'growth MB':>11}{'age s':>8}"
              f"{'age MB/s':>10}{'vs age':>8}{'vs vault':>10}")
        for name, seconds, memory in [("export", export_s, export_mem), ("import", import_s, import_mem)]:
            line = (f"{name:<8}{seconds:>9.2f}{size_mb / seconds:>8.1f}{memory.peak / MB:>13.1f}"
                    f"{(memory.peak - memory.start) / MB:>11.1f}")
            if name in age_times:
                line += f"{age_times[name]:>8.2f}{size_mb / age_times[name]:>10.1f}{age_times[name] / seconds:>8.2f}"
            else:
                line += f"{'-':>8}{'-':>10}{'-':>8}"
            print(line + f"{ceilings[name][1] / seconds:>10.2f}")
        print()
        print("References on the same bytes (the ceilings; 'vs vault' above is the phase's speed divided by these):")
        for label, seconds, note in [
            ("vault read", read_s, "reading the attachments back out of the vault: export's ceiling"),
            ("vault write", attach_s, "attaching the same bytes (SQLCipher, WAL, fsync): import's ceiling"),
            ("disk write", disk_s, "plain write + fsync; import writes every byte twice (WAL, then checkpoint)"),
        ]:
            print(f"{label:<12}{seconds:>6.2f} s{size_mb / seconds:>8.1f} MB/s   {note}")
        if age_times:
            print(f"age: 'age -e' reads a plain file and does not fsync; 'age -d' writes to /dev/null. At best, export "
                  f"could reach {age_times['export'] / read_s:.2f} of age and import "
                  f"{age_times['import'] / attach_s:.2f} (the vault's own speed against age's).")
        else:
            print("(the age command is not installed: no comparison; apt-get install age)")
        print()
        print("Targets: >= 0.50 of age's throughput ('vs age'); memory growth < 150 MB.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
