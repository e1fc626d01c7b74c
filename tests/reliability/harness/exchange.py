"""A pool of packages from another office, for the crash child's imports and the soak's long session."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from pathlib import Path

from ecodesk.crypto.keyslots import KdfParams
from ecodesk.models import EvidenceItem, EvidenceKind, Person, RetaliationCase
from ecodesk.packages.export import export_package
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault

SENDER_PASSPHRASE = "sender office passphrase"
POOL_INDEX = "pool.json"


def make_pool(folder: Path, receiver: Vault, count: int, *, seed: int = 1) -> list[dict[str, object]]:
    """Export ``count`` packages (one new case each, some with an attachment) from a new Nairobi vault to
    ``receiver``, which gets Nairobi as a verified contact. The index is also written to ``folder/pool.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    sender, _ = Vault.create(folder / "sender", SENDER_PASSPHRASE, office="NBO", officer_name="Sender",
                             kdf=KdfParams.fresh(1, 8 * 1024, 1))
    try:
        sender.contacts.add(receiver.identity().public, name="Receiver", role="hq",
                                                  verified=True)
        receiver.contacts.add(sender.identity().public, name="Nairobi", role="officer",
                                                      verified=True)
        pool = []
        for n in range(count):
            case = save_record(sender, RetaliationCase(
                title=f"Imported case {n}", summary=f"pool-{seed}-{n}", received_on=dt.date(2026, 4, 1),
                complainant=Person(name=f"Person {n}"),
                evidence=[EvidenceItem(kind=EvidenceKind.communications, title="mail")]))
            if rng.random() < 0.4:
                sender.attachments.attach(case.reference or "", None, f"mail-{n}.eml",
                                          io.BytesIO(rng.randbytes(rng.choice([100, 20_000, 270_000]))), office="NBO")
            out = folder / f"package-{n:04d}.ecopkg"
            result = export_package(sender, to=["Receiver"], cases=[case.reference or ""], out=out)
            pool.append({"file": str(out), "package_id": str(result.package_id), "record": str(case.id)})
    finally:
        sender.close()
    (folder / POOL_INDEX).write_text(json.dumps(pool))
    return pool
