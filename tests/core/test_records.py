"""Records: references, revisions, conflicts, search, filters; attachments; the audit chain."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import threading
from pathlib import Path

import psutil
import pytest

from ecodesk.errors import Conflict, NotFound, StorageFull, VaultDamaged
from ecodesk.models import AdviceRecord, CaseStatus, Person, RecordKind, RetaliationCase, SearchQuery
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault
from tests.conftest import PASSPHRASE


def _case(title: str = "Non-renewal after audit", name: str = "José Pérez Ñúñez", **extra: object) -> RetaliationCase:
    return RetaliationCase(title=title, received_on=extra.pop("received_on", dt.date(2026, 11, 2)),
                           complainant=Person(name=name), **extra)


def test_references_are_sequential_per_office_and_year(vault: Vault) -> None:
    refs = [save_record(vault, _case()).reference for _ in range(3)]
    assert refs == ["RET-2026-DKR-0001", "RET-2026-DKR-0002", "RET-2026-DKR-0003"]
    assert save_record(vault, _case(received_on=dt.date(2025, 12, 31))).reference == "RET-2025-DKR-0001"
    advice = save_record(vault, AdviceRecord(category="gifts", question="May I accept a scarf?",
                                             received_on=dt.date(2026, 1, 5)))
    assert advice.reference == "ADV-2026-DKR-0001"


def test_references_do_not_collide_under_concurrent_saves(vault: Vault) -> None:
    refs: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(20):
            ref = save_record(vault, _case()).reference
            with lock:
                refs.append(ref or "")

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(refs) == len(set(refs)) == 80


def test_imported_reference_numbers_are_skipped(vault: Vault) -> None:
    save_record(vault, _case(reference="RET-2026-DKR-0002"))
    assert save_record(vault, _case()).reference == "RET-2026-DKR-0001"
    assert save_record(vault, _case()).reference == "RET-2026-DKR-0003"


def test_every_save_is_a_revision_and_history_is_kept(vault: Vault) -> None:
    first = save_record(vault, _case(summary="first version"))
    second = save_record(vault, first.model_copy(update={"summary": "second version"}))
    same = save_record(vault, second)  # nothing changed: no new revision
    assert (first.revision, second.revision, same.revision) == (1, 2, 2)
    assert [r.revision for r in vault.records.history(first.id)] == [2, 1]
    assert vault.records.revision(first.id, 1).summary == "first version"
    assert vault.records.get(first.reference).summary == "second version"
    assert second.created_at == first.created_at


def test_assessment_due_date_follows_the_office_rule(vault: Vault) -> None:
    settings = vault.settings.model_copy(update={"assessment_days": 45})
    vault.save_settings(settings)
    case = save_record(vault, _case(received_on=dt.date(2026, 3, 1)))
    assert case.assessment_due_on == dt.date(2026, 4, 15)
    assert case.days_left(dt.date(2026, 4, 20)) == -5


def test_stale_save_is_refused_as_a_conflict(vault: Vault) -> None:
    case = save_record(vault, _case())
    save_record(vault, case.model_copy(update={"summary": "edited in another window"}), expected_revision=1)
    with pytest.raises(Conflict) as info:
        save_record(vault, case.model_copy(update={"summary": "my stale edit"}), expected_revision=1)
    assert "RET-2026-DKR-0001" in str(info.value)
    assert vault.records.get(case.reference).summary == "edited in another window"


def test_unknown_reference_is_not_found(vault: Vault) -> None:
    with pytest.raises(NotFound, match="RET-2026-DKR-0099"):
        vault.records.get("RET-2026-DKR-0099")


def test_search_matches_names_without_accents_prefixes_and_references(vault: Vault) -> None:
    ngozi = save_record(vault, _case(name="Ngozi Adébáyọ̀", summary="She cooperated with the procurement audit"))
    save_record(vault, _case(name="Nguyễn Thị Hồng", summary="Reported falsified attendance sheets"))
    save_record(vault, AdviceRecord(category="gifts", question="May I accept a hand-woven scarf?",
                                    received_on=dt.date(2026, 2, 1)))

    def refs(text: str, **filters: object) -> list[str]:
        return [s.reference for s in vault.records.find(SearchQuery(text=text, **filters))]

    assert refs("adebayo") == [ngozi.reference]
    assert refs("procure") == [ngozi.reference]  # prefix while typing
    assert refs("nguyen hong") == ["RET-2026-DKR-0002"]
    assert refs("RET-2026-DKR-0001") == [ngozi.reference]
    assert refs("scarf") == ["ADV-2026-DKR-0001"]
    assert refs("scarf", kind=RecordKind.retaliation) == []
    assert refs('"; DROP TABLE records; --') == []


def test_lists_follow_every_change_of_a_record(vault: Vault) -> None:
    case = save_record(vault, _case(title="first title"))
    save_record(vault, case.model_copy(update={"title": "second title", "status": CaseStatus.closed}))
    [summary] = vault.records.find(SearchQuery(kind=RecordKind.retaliation))
    assert (summary.title, summary.status, summary.revision) == ("second title", "closed", 2)
    assert [s.reference for s in vault.records.find(SearchQuery(text="second"))] == [case.reference]
    assert vault.records.find(SearchQuery(text="first")) == []


def test_filters_by_status_office_dates_and_overdue(vault: Vault) -> None:
    save_record(vault, _case(title="old", received_on=dt.date(2026, 1, 10)))
    save_record(vault, _case(title="closed", received_on=dt.date(2026, 1, 12), status=CaseStatus.closed))
    save_record(vault, _case(title="recent", received_on=dt.date(2026, 11, 1), office="NBO"))
    q = vault.records.find
    assert [s.title for s in q(SearchQuery(status="closed"))] == ["closed"]
    assert [s.title for s in q(SearchQuery(office="NBO"))] == ["recent"]
    assert [s.title for s in q(SearchQuery(received_from=dt.date(2026, 6, 1)))] == ["recent"]
    assert [s.title for s in q(SearchQuery(overdue_on=dt.date(2026, 11, 23)))] == ["old"]
    assert vault.records.count(SearchQuery(kind=RecordKind.retaliation)) == 3
    page = q(SearchQuery(order_by="title", descending=False, limit=2, offset=1))
    assert [s.title for s in page] == ["old", "recent"]


def _evidence_files(vault: Vault) -> list[Path]:
    return sorted(p for p in (vault.path / "evidence").rglob("*") if p.is_file())


def test_attachment_round_trip_is_byte_identical_and_kept_in_one_encrypted_file(vault: Vault) -> None:
    from ecodesk.crypto.stream import stored_size

    case = save_record(vault, _case())
    payload = os.urandom(3 * 256 * 1024 + 17)
    updated, ref = vault.attachments.attach(case.reference, None, "appraisal.pdf", io.BytesIO(payload), office="DKR")
    assert ref.sha256 == hashlib.sha256(payload).hexdigest() and ref.size == len(payload)
    assert updated.evidence[-1].attachments == [ref]
    assert updated.revision == 2
    assert b"".join(vault.attachments.read(ref.id)) == payload
    assert vault.db.scalar("SELECT count(*) FROM attachment_chunks") == 0  # nothing in the database
    [blob] = _evidence_files(vault)
    assert blob.parent.parent == vault.path / "evidence" and blob.name.startswith(blob.parent.name)
    assert blob.name != ref.sha256 and ref.sha256[:16] not in blob.name  # a random name, not the content's hash
    assert blob.stat().st_size == stored_size(len(payload)) and payload[:64] not in blob.read_bytes()
    assert (blob.stat().st_mode & 0o077) == 0
    # The same bytes attached twice make two unrelated files (own key, own name).
    _, _again = vault.attachments.attach(case.reference, None, "copy.pdf", io.BytesIO(payload), office="DKR")
    first, second = _evidence_files(vault)
    assert first.read_bytes()[64:4096] != second.read_bytes()[64:4096]


def test_attachment_to_a_named_evidence_item(vault: Vault) -> None:
    from ecodesk.models import EvidenceItem, EvidenceKind

    case = save_record(vault, _case(evidence=[EvidenceItem(kind=EvidenceKind.appraisals, title="Appraisals")]))
    updated, ref = vault.attachments.attach(case.reference, "appraisals", "2025.pdf", io.BytesIO(b"x"), office="DKR")
    assert updated.evidence[0].attachments == [ref]
    with pytest.raises(NotFound):
        vault.attachments.attach(case.reference, "no such item", "a.pdf", io.BytesIO(b"x"), office="DKR")


def test_damaged_attachment_is_detected_on_export(vault: Vault) -> None:
    case = save_record(vault, _case())
    _, ref = vault.attachments.attach(case.reference, None, "a.txt", io.BytesIO(b"hello world"), office="DKR")
    [blob] = _evidence_files(vault)
    data = bytearray(blob.read_bytes())
    data[-17] ^= 0x20  # one bit of the ciphertext
    blob.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged, match=case.reference):
        b"".join(vault.attachments.read(ref.id))


class _BigFile(io.RawIOBase):
    """A large file produced on the fly (nothing is held in memory)."""

    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        n = min(len(buffer), self.left)
        buffer[:n] = b"\xab" * n
        self.left -= n
        return n


@pytest.mark.slow
def test_memory_stays_flat_while_attaching_a_large_file(vault: Vault) -> None:
    case = save_record(vault, _case())
    process = psutil.Process()
    before = process.memory_info().rss
    peak = before

    def progress(done: int) -> None:
        nonlocal peak
        peak = max(peak, process.memory_info().rss)

    size = 200 * 1024 * 1024
    _, ref = vault.attachments.attach(case.reference, None, "big.bin", io.BufferedReader(_BigFile(size)),
                                      office="DKR", progress=progress)
    assert ref.size == size
    assert peak - before < 64 * 1024 * 1024  # far less than the file


def test_cancelled_attachment_leaves_nothing(vault: Vault) -> None:
    from ecodesk.storage.attachments import Cancelled

    case = save_record(vault, _case())
    with pytest.raises(Cancelled):
        vault.attachments.attach(case.reference, None, "a.bin", io.BytesIO(b"x" * 600_000), office="DKR",
                                 progress=lambda done: done < 300_000)
    assert vault.db.scalar("SELECT count(*) FROM attachments") == 0
    assert _evidence_files(vault) == []
    assert vault.records.get(case.reference).revision == 1


def test_disk_full_during_a_write_leaves_nothing_half_written(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlcipher3

    case = save_record(vault, _case())
    real_execute = vault.db._conn.execute
    calls = {"n": 0}

    class FullConnection:
        def __getattr__(self, name: str) -> object:
            return getattr(real_conn, name)

        def execute(self, sql: str, *args: object) -> object:
            if sql.startswith("INSERT INTO attachments"):
                calls["n"] += 1
                if calls["n"] == 1:
                    raise sqlcipher3.OperationalError("database or disk is full")
            return real_execute(sql, *args)

    real_conn = vault.db._conn
    monkeypatch.setattr(vault.db, "_conn", FullConnection())
    with pytest.raises(StorageFull) as info:
        vault.attachments.attach(case.reference, None, "a.bin", io.BytesIO(b"y" * 600_000), office="DKR")
    assert "disk is full" in str(info.value)
    monkeypatch.setattr(vault.db, "_conn", real_conn)
    assert vault.db.scalar("SELECT count(*) FROM attachments") == 0
    assert _evidence_files(vault) == []  # the evidence file written before the failed commit is gone
    assert vault.records.get(case.reference).revision == 1


def test_disk_full_while_replacing_a_file_keeps_the_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from ecodesk.storage import atomic

    target = tmp_path / "keyslots.json"
    target.write_bytes(b"old content")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", no_space)
    with pytest.raises(StorageFull):
        atomic.atomic_write(target, b"new content")
    assert target.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keyslots.json"]


def test_audit_chain_verifies_and_reports_the_first_broken_link(vault: Vault, vault_path: Path) -> None:
    for i in range(5):
        save_record(vault, _case(title=f"case {i}"))
    check = vault.audit.verify()
    assert check.ok and check.events >= 8
    # Tamper with the log behind the application's back (the triggers forbid it through the app).
    vault.db.execute("DROP TRIGGER audit_append_only_update")
    vault.db.execute("UPDATE audit SET reference = 'RET-2026-DKR-0999' WHERE seq = 5")
    check = vault.audit.verify()
    assert not check.ok and check.first_broken_seq == 5
    assert not vault.verify().ok


def test_audit_log_rejects_edits_and_detects_removed_newest_events(vault: Vault) -> None:
    import sqlcipher3

    save_record(vault, _case())
    with pytest.raises(sqlcipher3.IntegrityError):
        vault.db.execute("DELETE FROM audit WHERE seq = 1")
    vault.db.execute("DROP TRIGGER audit_append_only_delete")
    last = vault.db.scalar("SELECT max(seq) FROM audit")
    vault.db.execute("DELETE FROM audit WHERE seq = ?", (last,))
    check = vault.audit.verify()
    assert not check.ok and check.problem == "missing newest events"


def test_reopened_vault_keeps_everything(vault: Vault, vault_path: Path) -> None:
    case = save_record(vault, _case(summary="kept across sessions"))
    vault.close()
    with Vault.open(vault_path, PASSPHRASE) as reopened:
        assert reopened.records.get(case.reference).summary == "kept across sessions"
        assert reopened.verify().ok


def test_field_messages_name_each_wrong_field_in_the_users_words_without_its_value() -> None:
    """One function turns pydantic's errors into sentences, for the GUI's forms and the CLI alike."""
    from pydantic import ValidationError

    from ecodesk.records.intake import field_messages

    with pytest.raises(ValidationError) as caught:
        AdviceRecord.model_validate(
            {"kind": "advice", "reference": "ADV-2026-DKR-0001", "office": "DKR", "title": "",
             "received_on": "not-a-date-x9", "category": "nonsense"}
        )
    messages = field_messages(caught.value, {"title": "Enter a title."})
    assert messages["title"] == "Enter a title."
    assert messages["received_on"] == "Not a valid date (use YYYY-MM-DD)."
    assert messages["categories.0"] == "Choose one of the listed values."
    assert not any("not-a-date-x9" in text for text in messages.values())


def test_the_assessment_deadline_rule_is_written_once() -> None:
    """Storage (a new case without a deadline), the assessment service and the derived facts share one rule."""
    from ecodesk.models.cases import assessment_deadline

    assert assessment_deadline(dt.date(2026, 1, 31), 30) == dt.date(2026, 3, 2)
    root = Path(__file__).resolve().parents[2] / "ecodesk"
    copies = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "timedelta(days=" in p.read_text() and "assessment_days" in p.read_text()
        and p.name != "cases.py"
    ]
    assert copies == []
