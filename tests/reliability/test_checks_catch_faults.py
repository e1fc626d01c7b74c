"""Tests of the tests: each reliability check is shown to fail on a deliberately injected fault (the crash
checker, the vault's own verify and audit chain; the leak scanner and the crash writer faults are shown in
their own files)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from harness.crash import Journal, check_vault, partial_writes

from ecodesk.models import Person, RetaliationCase
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault

PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, Journal]:
    """A closed vault with one case carrying a two-chunk attachment, and the journal of what was committed."""
    path = tmp_path / "vault"
    vault, _ = Vault.create(path, PASSPHRASE, office="DKR")
    case = save_record(vault, RetaliationCase(title="t", summary="m1", received_on=dt.date(2026, 1, 2),
                                              complainant=Person(name="n")))
    saved, ref = vault.attachments.attach(case.reference or "", None, "a.bin", io.BytesIO(b"z" * 300_000),
                                          office="DKR")
    vault.close()
    journal = Journal(passphrase=PASSPHRASE)
    journal.apply({"op": "save", "id": str(case.id), "revision": 1, "summary": "m1"})
    journal.apply({"op": "attach", "id": str(ref.id), "record": str(saved.id), "revision": saved.revision,
                   "sha256": ref.sha256, "size": ref.size})
    return path, journal


def _raw(path: Path) -> Vault:
    vault = Vault.open(path, PASSPHRASE)
    vault.db.execute("PRAGMA foreign_keys = OFF")  # an attacker or a bug, not the app, does what follows
    return vault


def test_the_intact_vault_passes_every_check(filled: tuple[Path, Journal]) -> None:
    path, journal = filled
    assert check_vault(path, journal) == []


def _evidence_file(path: Path) -> Path:
    [blob] = [p for p in (path / "evidence").rglob("*") if p.is_file()]
    return blob


def test_a_truncated_evidence_file_is_flagged(filled: tuple[Path, Journal]) -> None:
    path, journal = filled
    blob = _evidence_file(path)
    blob.write_bytes(blob.read_bytes()[:-1000])
    problems = check_vault(path, journal)
    assert any("evidence file wrong_size" in p for p in problems), problems
    assert any("does not read back" in p for p in problems), problems
    assert any("verify failed" in p for p in problems), problems


def test_an_altered_evidence_file_is_flagged(filled: tuple[Path, Journal]) -> None:
    path, journal = filled
    blob = _evidence_file(path)
    data = bytearray(blob.read_bytes())
    data[1000] ^= 1
    blob.write_bytes(bytes(data))
    assert any("does not read back" in p for p in check_vault(path, journal))


def test_an_evidence_file_left_by_a_crash_is_gone_after_unlock(filled: tuple[Path, Journal]) -> None:
    path, journal = filled
    stray = _evidence_file(path).with_name("0" * 32)
    stray.write_bytes(b"ciphertext of an attachment whose row never committed")
    assert check_vault(path, journal) == []
    assert not stray.exists()


def test_a_revision_left_without_its_record_is_flagged(filled: tuple[Path, Journal]) -> None:
    path, _ = filled
    with _raw(path) as vault:
        vault.db.execute("DELETE FROM attachments")
        vault.db.execute("DELETE FROM records")
        assert any("revisions without their record" in p for p in partial_writes(vault))


def test_a_record_ahead_of_its_history_is_flagged(filled: tuple[Path, Journal]) -> None:
    path, _ = filled
    with _raw(path) as vault:
        vault.db.execute("UPDATE records SET revision = revision + 1")
        assert any("is not its latest revision" in p for p in partial_writes(vault))


def test_a_lost_committed_revision_is_flagged(filled: tuple[Path, Journal]) -> None:
    path, journal = filled
    journal.apply({"op": "save", "id": "00000000-0000-4000-8000-000000000000", "revision": 3, "summary": "x"})
    assert any("committed revision 3" in p for p in check_vault(path, journal))


def test_an_edited_audit_event_is_flagged_by_verify(filled: tuple[Path, Journal]) -> None:
    path, journal = filled
    with _raw(path) as vault:
        vault.db.execute("DROP TRIGGER audit_append_only_update")
        vault.db.execute("UPDATE audit SET reference = 'RET-2026-DKR-9999' WHERE seq = 3")
        report = vault.verify()
        assert not report.ok
        assert (report.audit.first_broken_seq, report.audit.problem) == (3, "altered event")
    assert any("verify failed" in p for p in check_vault(path, journal))


def test_removed_newest_audit_events_are_flagged_by_verify(filled: tuple[Path, Journal]) -> None:
    path, _ = filled
    with _raw(path) as vault:
        vault.db.execute("DROP TRIGGER audit_append_only_delete")
        last = vault.db.scalar("SELECT max(seq) FROM audit")
        vault.db.execute("DELETE FROM audit WHERE seq >= ?", (last - 1,))
        report = vault.verify()
    assert (report.ok, report.audit.problem) == (False, "missing newest events")


def test_a_damaged_backup_reported_as_committed_is_flagged(filled: tuple[Path, Journal], tmp_path: Path) -> None:
    path, journal = filled
    backup = tmp_path / "b.ecobackup"
    with Vault.open(path, PASSPHRASE) as vault:
        vault.backup(backup)
    journal.apply({"op": "backup", "file": str(backup), "passphrase": PASSPHRASE, "records": 1})
    assert check_vault(path, journal) == []
    backup.write_bytes(backup.read_bytes()[:1000])
    assert any("committed backup" in p for p in check_vault(path, journal))
