"""Shared helpers for the package tests (no tests here): two vaults that know each other, cases with
attachments, a snapshot of everything an import may change, and tools to craft packages by hand."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pyrage

from ecodesk.crypto.identity import VaultIdentity
from ecodesk.models import EvidenceItem, EvidenceKind, Person, RetaliationCase
from ecodesk.packages.format import MANIFEST_NAME, SIGNATURE_NAME
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault

PASSPHRASE = "correct horse battery staple"


@dataclass
class Exchange:
    officer: Vault  # Dakar
    hq: Vault
    folder: Path

    def close(self) -> None:
        for vault in (self.officer, self.hq):
            vault.close()


def new_vault(folder: Path, office: str, name: str) -> Vault:
    vault, _recovery = Vault.create(folder / office.lower(), PASSPHRASE, office=office, officer_name=name)
    return vault


def introduce(a: Vault, b: Vault, *, name_of_b: str, role: str, verified: bool = True) -> None:
    """a adds b as a contact."""
    a.contacts.add(b.identity().public, name=name_of_b, role=role, verified=verified)


def make_exchange(folder: Path) -> Exchange:
    officer = new_vault(folder, "DKR", "Awa Diop")
    hq = new_vault(folder, "HQ", "Maria Lopez")
    introduce(officer, hq, name_of_b="HQ Geneva", role="hq")
    introduce(hq, officer, name_of_b="Dakar", role="officer")
    return Exchange(officer, hq, folder)


def make_case(vault: Vault, title: str = "Reassignment after audit report", **fields: object) -> RetaliationCase:
    case = RetaliationCase(
        title=title,
        received_on=dt.date(2026, 3, 2),
        complainant=Person(name="Fatou Ndiaye", position="Finance assistant"),
        summary="Reassigned two weeks after reporting irregular procurement.",
        evidence=[EvidenceItem(kind=EvidenceKind.communications, title="Reassignment e-mail")],
        **fields,  # type: ignore[arg-type]
    )
    saved = save_record(vault, case)
    assert isinstance(saved, RetaliationCase)
    return saved


def attach(vault: Vault, case: RetaliationCase, name: str, data: bytes) -> RetaliationCase:
    saved, _ref = vault.attachments.attach(case.reference or "", None, name, io.BytesIO(data), office="DKR")
    return saved


def attachment_bytes(vault: Vault, case_reference: str) -> dict[str, bytes]:
    case = vault.records.get(case_reference)
    assert isinstance(case, RetaliationCase)
    return {ref.name: b"".join(vault.attachments.read(ref.id)) for item in case.evidence for ref in item.attachments}


def snapshot(vault: Vault) -> str:
    """A digest of everything an import may change (records, revisions, attachments, contacts, conflicts, acks,
    stats, accepted packages). Refusals only add to the inbox and the audit log."""
    db = vault.db
    parts = [
        db.all("SELECT id, revision, body FROM records ORDER BY id"),
        db.all("SELECT record_id, revision, origin, body FROM revisions ORDER BY record_id, revision"),
        db.all("SELECT id, record_id, size, sha256 FROM attachments ORDER BY id"),
        db.all("SELECT count(*), coalesce(sum(length(data)), 0) FROM attachment_chunks"),
        sorted(str(p.relative_to(vault.path)) for p in (vault.path / "evidence").rglob("*") if p.is_file()),
        db.all("SELECT name, fingerprint, verified FROM contacts ORDER BY name"),
        db.all("SELECT record_id, local_revision, incoming_revision FROM conflicts ORDER BY record_id"),
        db.all("SELECT contact, record_id, revision FROM acknowledged ORDER BY contact, record_id"),
        db.all("SELECT package_id, name FROM received_stats ORDER BY package_id"),
        db.all("SELECT package_id FROM received_packages WHERE status = 'imported' ORDER BY package_id"),
        db.all("SELECT record_id, sha256 FROM exchange_base ORDER BY record_id"),
        db.all("SELECT id, acknowledged_at FROM sent_packages ORDER BY id"),
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def decrypt(path: Path, vault: Vault) -> bytes:
    """The plaintext tar of a package (test-only: in memory)."""
    return pyrage.decrypt(path.read_bytes(), [pyrage.x25519.Identity.from_str(vault.identity().age_identity)])


def tar_members(plaintext: bytes) -> list[tuple[str, bytes]]:
    with tarfile.open(fileobj=io.BytesIO(plaintext), mode="r:") as tar:
        return [(m.name, tar.extractfile(m).read()) for m in tar.getmembers()]  # type: ignore[union-attr]


def build_tar(members: list[tuple[str, bytes]], *, extra: list[tarfile.TarInfo] | None = None) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(data))
        for info in extra or []:
            tar.addfile(info)
    return out.getvalue()


def seal(plaintext: bytes, *recipients: Vault | str, path: Path) -> Path:
    keys = [
        pyrage.x25519.Recipient.from_str(r if isinstance(r, str) else r.identity().public.age_recipient)
        for r in recipients
    ]
    path.write_bytes(pyrage.encrypt(plaintext, keys))
    return path


def signed_members(manifest: dict[str, object], signer: VaultIdentity) -> list[tuple[str, bytes]]:
    data = json.dumps(manifest).encode()
    return [(MANIFEST_NAME, data), (SIGNATURE_NAME, signer.sign(data))]


def random_bytes(size: int) -> bytes:
    return os.urandom(size)
