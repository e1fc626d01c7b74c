"""Fuzz targets: what EcoDesk reads from outside, each wrapped so that a clean refusal returns normally and
anything else (a crash, a traceback the user would see) escapes as a finding.

Used by the atheris runner (``fuzz/run.py``, ``make fuzz``) and by the soak run's mutation loop. Each target
is a class: ``Target(workdir)`` prepares what it needs (vaults with a cheap KDF, a valid package), ``seeds()``
gives valid inputs to start from, ``__call__(data)`` runs one input.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("ECODESK_KDF_PROFILE", "fast")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "reliability"))

from harness.mutators import (
    advice_seed,
    case_seed,
    check_keyslot_bytes,
    check_record_input,
    keyslot_seed,
)

from ecodesk.errors import PackageRejected
from ecodesk.packages.format import MANIFEST_NAME, SIGNATURE_NAME
from ecodesk.packages.inspection import _Check
from ecodesk.packages.reader import read_package, read_plaintext

PASSPHRASE = "fuzzing passphrase long enough"  # noqa: S105 - throw-away vaults


class KeySlotTarget:
    """The key-slot file parser (and the slot unwrap, when the KDF parameters are cheap)."""

    name = "keyslots"

    def __init__(self, workdir: Path) -> None:
        self.seed = keyslot_seed()

    def seeds(self) -> list[bytes]:
        return [self.seed, self.seed[: len(self.seed) // 2], b"{}"]

    def __call__(self, data: bytes) -> None:
        check_keyslot_bytes(data)


class RecordTarget:
    """JSON records into a vault, as ``case add -`` / ``advice add -`` take them (first byte: which kind)."""

    name = "records"

    def __init__(self, workdir: Path) -> None:
        import json

        from ecodesk.storage.vault import Vault

        self.vault, _ = Vault.create(workdir / "records-vault", PASSPHRASE, office="DKR")
        self._json = json

    def seeds(self) -> list[bytes]:
        return [b"\x00" + self._json.dumps(case_seed()).encode(), b"\x01" + self._json.dumps(advice_seed()).encode()]

    def __call__(self, data: bytes) -> None:
        if not data:
            return
        check_record_input(data[1:], "advice" if data[0] & 1 else "retaliation", self.vault)


class PackageTarget:
    """The package reader, from the HQ side of a Dakar -> HQ exchange. First byte: 0 the plaintext tar stream
    as it is; 1 the rest is a manifest, signed with the (trusted) sender's key and followed by the members of
    a valid package - a malicious contact; 2 the whole ``.ecopkg`` file (age layer included)."""

    name = "package"

    def __init__(self, workdir: Path) -> None:
        import datetime as dt

        import pyrage

        from ecodesk.models import EvidenceItem, EvidenceKind, Person, RetaliationCase
        from ecodesk.packages.export import export_package
        from ecodesk.records.service import save_record
        from ecodesk.storage.vault import Vault

        self.officer, _ = Vault.create(workdir / "dkr", PASSPHRASE, office="DKR", officer_name="Officer")
        self.hq, _ = Vault.create(workdir / "hq", PASSPHRASE, office="HQ", officer_name="HQ")
        self.officer.contacts.add(self.hq.identity().public, name="HQ", role="hq",
                                                              verified=True)
        self.contacts = self.hq.contacts
        self.contacts.add(self.officer.identity().public, name="Dakar", role="officer", verified=True)
        case = save_record(self.officer, RetaliationCase(
            title="Case", received_on=dt.date(2026, 3, 2), complainant=Person(name="N"),
            evidence=[EvidenceItem(kind=EvidenceKind.communications, title="mail")]))
        self.officer.attachments.attach(case.reference or "", None, "a.txt", io.BytesIO(b"attachment " * 50),
                                        office="DKR")
        self.path = workdir / "valid.ecopkg"
        export_package(self.officer, to=["HQ"], cases=[case.reference or ""], out=self.path)
        self.identity = self.hq.identity()
        self.signer = self.officer.identity()
        self.plaintext = pyrage.decrypt(self.path.read_bytes(),
                                        [pyrage.x25519.Identity.from_str(self.identity.age_identity)])
        self.members = _tar_members(self.plaintext)
        self.scratch = workdir / "input.ecopkg"

    def seeds(self) -> list[bytes]:
        return [b"\x00" + self.plaintext, b"\x01" + self.members[0][1], b"\x02" + self.path.read_bytes()]

    def __call__(self, data: bytes) -> None:
        if not data:
            return
        mode, payload = data[0] % 3, data[1:]
        try:
            if mode == 0:
                read_plaintext(io.BytesIO(payload), self.identity, self.contacts, _Check())
            elif mode == 1:
                members = [(MANIFEST_NAME, payload), (SIGNATURE_NAME, self.signer.sign(payload)), *self.members[2:]]
                read_plaintext(io.BytesIO(_build_tar(members)), self.identity, self.contacts, _Check())
            else:
                self.scratch.write_bytes(payload)
                read_package(self.scratch, self.identity, self.contacts, _Check())
        except PackageRejected:
            return


def _tar_members(plaintext: bytes) -> list[tuple[str, bytes]]:
    import tarfile

    with tarfile.open(fileobj=io.BytesIO(plaintext), mode="r:") as tar:
        return [(m.name, tar.extractfile(m).read()) for m in tar.getmembers()]  # type: ignore[union-attr]


def _build_tar(members: list[tuple[str, bytes]]) -> bytes:
    import tarfile

    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, body in members:
            info = tarfile.TarInfo(name)
            info.size = len(body)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(body))
    return out.getvalue()


TARGETS = {t.name: t for t in (KeySlotTarget, RecordTarget, PackageTarget)}
