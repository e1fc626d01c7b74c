"""The crash-test writer: opens a vault and does a random mix of writes until it is killed.

Run as ``python crash_child.py VAULT BACKUP_DIR SEED [FAULT]`` with the passphrase in ``ECODESK_PASSPHRASE``.
After each write *returns* (the transaction is committed, the file renamed) it prints one JSON line on stdout;
the parent kills it with SIGKILL at a random moment and checks that every reported write survived and that
nothing partial is left.

FAULT deliberately breaks the contract, for the tests of the checker itself:
``report-early`` reports a case save and dies before committing it; ``split-attach`` commits an attachment's
row (and evidence file) in a transaction of their own and dies before the record refers to them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import random
import signal
import sys
import uuid
from pathlib import Path

os.environ.setdefault("ECODESK_KDF_PROFILE", "fast")

from ecodesk.models import (
    AdviceCategory,
    AdviceRecord,
    Person,
    RecordKind,
    RetaliationCase,
    SearchQuery,
)
from ecodesk.packages.importing import import_package
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault

MAX_OPS = 400
ATTACHMENT_SIZES = [0, 1, 9_000, 65_536, 262_144, 300_000, 1_500_000]  # 0 to 23 STREAM segments


def emit(event: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


class Writer:
    def __init__(self, path: Path, backups: Path, passphrase: str, seed: int) -> None:
        self.path, self.backups, self.passphrase = path, backups, passphrase
        self.rng = random.Random(seed)
        self.seed = seed
        self.vault = Vault.open(path, passphrase)

    def marker(self, n: int) -> str:
        return f"s{self.seed}-op{n}"

    def some_case(self) -> RetaliationCase | None:
        ids = self.vault.records.all_ids(RecordKind.retaliation)
        if not ids:
            return None
        case = self.vault.records.get(self.rng.choice(ids))
        return case if isinstance(case, RetaliationCase) else None

    def new_case(self, n: int) -> None:
        marker = self.marker(n)
        case = RetaliationCase(
            title=f"Case {marker}",
            summary=marker,
            received_on=dt.date(2026, 1, 1) + dt.timedelta(days=self.rng.randint(0, 300)),
            complainant=Person(name=f"Complainant {marker}"),
        )
        saved = save_record(self.vault, case)
        emit({"op": "save", "id": str(saved.id), "revision": saved.revision, "summary": marker})

    def edit_case(self, n: int) -> None:
        case = self.some_case()
        if case is None:
            return self.new_case(n)
        marker = self.marker(n)
        saved = save_record(self.vault, case.model_copy(update={"summary": marker}))
        emit({"op": "save", "id": str(saved.id), "revision": saved.revision, "summary": marker})
        return None

    def new_advice(self, n: int) -> None:
        marker = self.marker(n)
        advice = AdviceRecord(category=AdviceCategory.gifts, question=marker, received_on=dt.date(2026, 2, 1))
        saved = save_record(self.vault, advice)
        emit({"op": "save", "id": str(saved.id), "revision": saved.revision, "question": marker})

    def attach(self, n: int) -> None:
        case = self.some_case()
        if case is None:
            return self.new_case(n)
        data = self.rng.randbytes(self.rng.choice(ATTACHMENT_SIZES))
        settings = self.vault.settings
        saved, ref = self.vault.attachments.attach(
            case.reference or str(case.id), None, f"file-{self.marker(n)}.bin", io.BytesIO(data),
            office=settings.office_code,
        )
        emit({"op": "attach", "id": str(ref.id), "record": str(saved.id), "revision": saved.revision,
              "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)})
        return None

    def change_passphrase(self, n: int) -> None:
        new = f"passphrase {self.marker(n)} long enough"
        emit({"op": "passphrase-begin", "new": new})
        self.vault.change_passphrase(new)
        self.passphrase = new
        emit({"op": "passphrase", "new": new})

    def backup(self, n: int) -> None:
        out = self.backups / f"backup-{self.marker(n)}.ecobackup"
        self.vault.backup(out)
        emit({"op": "backup", "file": str(out), "passphrase": self.passphrase,
              "records": self.vault.records.count(SearchQuery()),
              "evidence": self.vault.db.scalar("SELECT count(*) FROM attachments")})

    def backup_folder(self, n: int) -> None:
        folder = self.backups / "folder"
        done = self.vault.backup_to_folder(folder)
        emit({"op": "backup", "file": str(folder), "folder": True, "passphrase": self.passphrase,
              "records": self.vault.records.count(SearchQuery()), "copied": done.evidence_copied})

    def import_package(self, n: int) -> None:
        pool_file = self.backups.parent / "pool" / "pool.json"
        if not pool_file.exists():
            return self.new_case(n)
        done = {r[0] for r in self.vault.db.all(
            "SELECT package_id FROM received_packages WHERE status = 'imported'")}
        waiting = [p for p in json.loads(pool_file.read_text()) if p["package_id"] not in done]
        if not waiting:
            return self.new_case(n)
        package = self.rng.choice(waiting)
        result = import_package(self.vault, Path(package["file"]))
        emit({"op": "import", "package_id": package["package_id"], "record": package["record"],
              "created": len(result.created)})
        return None

    def relock(self, n: int) -> None:
        self.vault.close()
        self.vault = Vault.open(self.path, self.passphrase)
        emit({"op": "relock"})

    def run(self, fault: str) -> None:
        ops = [self.new_case, self.edit_case, self.new_advice, self.attach, self.change_passphrase, self.backup,
               self.relock, self.import_package, self.backup_folder]
        weights = [30, 25, 8, 22, 6, 5, 4, 10, 5]
        emit({"op": "ready"})
        for n in range(MAX_OPS):
            if fault == "report-early" and n == 3:
                self.report_early(n)
            if fault == "split-attach" and n == 3:
                self.split_attach(n)
            self.rng.choices(ops, weights)[0](n)
        self.vault.close()

    # -- deliberate faults (tests of the checker) ---------------------------------------------------------
    def report_early(self, n: int) -> None:
        case = RetaliationCase(title="never committed", summary=self.marker(n), received_on=dt.date(2026, 3, 1))
        emit({"op": "save", "id": str(case.id), "revision": 1, "summary": self.marker(n)})
        os.kill(os.getpid(), signal.SIGKILL)

    def split_attach(self, n: int) -> None:
        case = self.some_case()
        if case is None:
            self.new_case(n)
            case = self.some_case()
        assert case is not None
        self.vault.attachments.store_blob(case.id, None, "orphan.bin", io.BytesIO(b"x" * 300_000),
                                          attachment_id=uuid.uuid4())
        os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str]) -> int:
    path, backups, seed = Path(argv[0]), Path(argv[1]), int(argv[2])
    fault = argv[3] if len(argv) > 3 else ""
    passphrase = os.environ["ECODESK_PASSPHRASE"]
    Writer(path, backups, passphrase, seed).run(fault)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
