"""Damaged key files, database pages and WAL: the app says what happened, recovers from the intact key-file copy
where it can, and never overwrites the damaged evidence."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from ecodesk.errors import VaultDamaged, VaultRolledBack, WrongPassphrase
from ecodesk.models import RetaliationCase, SearchQuery
from ecodesk.records.service import save_record
from ecodesk.storage import vault as vault_module
from ecodesk.storage.vault import DB_NAME, SLOTS_BACKUP_NAME, SLOTS_NAME, Vault

PASSPHRASE = "correct horse battery staple"
PAGE = 4096


def _truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _flip(data: bytes, offset: int | None = None) -> bytes:
    damaged = bytearray(data)
    damaged[len(data) // 2 if offset is None else offset] ^= 0x04
    return bytes(damaged)


def _cases(vault: Vault, count: int, title: str = "case") -> None:
    for i in range(count):
        save_record(vault, RetaliationCase(title=f"{title} {i}", summary="s" * 1500, received_on=dt.date(2026, 1, 5)))


@pytest.fixture
def closed_vault(tmp_path: Path) -> Path:
    path = tmp_path / "vault"
    vault, _ = Vault.create(path, PASSPHRASE, office="DKR")
    _cases(vault, 60)
    vault.close()
    return path


def _damaged_copies(path: Path) -> list[Path]:
    return sorted(path.glob("*.damaged-*"))


# -- key files ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", [SLOTS_NAME, SLOTS_BACKUP_NAME])
@pytest.mark.parametrize("damage", [_truncate, _flip, lambda data: b""], ids=["truncated", "bit-flip", "emptied"])
def test_a_damaged_key_file_is_kept_as_evidence_and_rebuilt_from_the_other_copy(
    closed_vault: Path, name: str, damage: Callable[[bytes], bytes]
) -> None:
    intact = (closed_vault / name).read_bytes()
    damaged = damage(intact)
    (closed_vault / name).write_bytes(damaged)

    with Vault.open(closed_vault, PASSPHRASE) as vault:
        assert vault.records.count(SearchQuery()) == 60
        assert vault.verify().ok
        repaired = [e for e in vault.audit.events() if e.action == "key_file_repaired"]
        assert repaired and repaired[0].detail["files"] == [name]

    (evidence,) = _damaged_copies(closed_vault)
    assert evidence.name.startswith(f"{name}.damaged-")
    assert evidence.read_bytes() == damaged  # the damaged file is kept byte for byte
    assert (closed_vault / SLOTS_NAME).read_bytes() == (closed_vault / SLOTS_BACKUP_NAME).read_bytes() == intact


@pytest.mark.parametrize("name", [SLOTS_NAME, SLOTS_BACKUP_NAME])
def test_a_deleted_key_file_is_recreated_from_the_other_copy(closed_vault: Path, name: str) -> None:
    (closed_vault / name).unlink()
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        assert vault.verify().ok
    assert (closed_vault / SLOTS_NAME).read_bytes() == (closed_vault / SLOTS_BACKUP_NAME).read_bytes()


def test_two_damages_in_the_same_second_keep_both_damaged_files(
    closed_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class FrozenClock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> FrozenClock:
            return cls(2026, 11, 23, 12, 0, 0, tzinfo=tz)

    monkeypatch.setattr(vault_module, "dt", SimpleNamespace(datetime=FrozenClock, UTC=dt.UTC))
    first = _flip((closed_vault / SLOTS_NAME).read_bytes(), 40)
    (closed_vault / SLOTS_NAME).write_bytes(first)
    Vault.open(closed_vault, PASSPHRASE).close()
    second = _truncate((closed_vault / SLOTS_NAME).read_bytes())
    (closed_vault / SLOTS_NAME).write_bytes(second)
    Vault.open(closed_vault, PASSPHRASE).close()  # the same second: the same time stamp

    kept = {p.read_bytes() for p in _damaged_copies(closed_vault)}
    assert kept == {first, second}


def test_both_key_files_damaged_is_reported_and_nothing_is_touched(closed_vault: Path) -> None:
    for name in (SLOTS_NAME, SLOTS_BACKUP_NAME):
        (closed_vault / name).write_bytes(_flip((closed_vault / name).read_bytes()))
    before = {p.name: p.read_bytes() for p in closed_vault.iterdir()}

    with pytest.raises(VaultDamaged, match="Both copies of the vault's key file are missing or damaged"):
        Vault.open(closed_vault, PASSPHRASE)

    assert {p.name: p.read_bytes() for p in closed_vault.iterdir()} == before


def test_a_wrong_passphrase_does_not_touch_a_damaged_key_file(closed_vault: Path) -> None:
    damaged = _truncate((closed_vault / SLOTS_NAME).read_bytes())
    (closed_vault / SLOTS_NAME).write_bytes(damaged)
    with pytest.raises(WrongPassphrase):
        Vault.open(closed_vault, "not the passphrase at all")
    assert (closed_vault / SLOTS_NAME).read_bytes() == damaged
    assert _damaged_copies(closed_vault) == []


def test_verify_names_a_key_file_damaged_while_the_vault_is_open(closed_vault: Path) -> None:
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        (closed_vault / SLOTS_BACKUP_NAME).write_bytes(_flip((closed_vault / SLOTS_BACKUP_NAME).read_bytes()))
        report = vault.verify()
    assert not report.ok
    assert report.key_file_problems == [SLOTS_BACKUP_NAME]


# -- database pages ----------------------------------------------------------------------------------------
def test_a_damaged_first_page_is_reported_and_the_file_left_as_it_is(closed_vault: Path) -> None:
    db = closed_vault / DB_NAME
    damaged = _flip(db.read_bytes(), 200)
    db.write_bytes(damaged)
    with pytest.raises(VaultDamaged, match="cannot be read: it is damaged or incomplete"):
        Vault.open(closed_vault, PASSPHRASE)
    assert db.read_bytes() == damaged


def test_a_truncated_database_is_reported_and_the_file_left_as_it_is(closed_vault: Path) -> None:
    db = closed_vault / DB_NAME
    damaged = _truncate(db.read_bytes())
    db.write_bytes(damaged)
    with pytest.raises(VaultDamaged):
        Vault.open(closed_vault, PASSPHRASE)
    assert db.read_bytes() == damaged


def test_a_deleted_database_is_reported_and_not_recreated(closed_vault: Path) -> None:
    (closed_vault / DB_NAME).unlink()
    with pytest.raises(VaultDamaged, match="database file is missing"):
        Vault.open(closed_vault, PASSPHRASE)
    assert not (closed_vault / DB_NAME).exists()


def test_a_flipped_bit_inside_the_database_is_found_by_verify_and_blocks_backups(closed_vault: Path) -> None:
    db = closed_vault / DB_NAME
    pages = db.stat().st_size // PAGE
    offset = (pages // 2) * PAGE + 300
    damaged = _flip(db.read_bytes(), offset)
    db.write_bytes(damaged)
    with Vault.open(closed_vault, PASSPHRASE) as vault:
        report = vault.verify()
        assert not report.ok
        assert any("HMAC" in error for error in report.database_errors)
        with pytest.raises(VaultDamaged):
            vault.backup(closed_vault.parent / "backup.ecobackup")
    assert not (closed_vault.parent / "backup.ecobackup").exists()
    page = slice(offset - 300, offset - 300 + PAGE)
    assert db.read_bytes()[page] == damaged[page]  # the damaged page is still there, as found


def test_the_command_line_reports_database_damage_without_a_traceback(cli_vault, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = vault_path / DB_NAME
    db.write_bytes(_flip(db.read_bytes(), 200))
    result = cli_vault("case", "list")
    assert result.code == 7
    assert result.err.startswith("error: The vault database cannot be read")
    assert "Traceback" not in result.err


def test_vault_verify_on_the_command_line_reports_a_damaged_page(cli_vault, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    for i in range(30):
        assert cli_vault("case", "add", "-", stdin=f'{{"title": "c{i}", "received_on": "2026-01-02", '
                         f'"summary": "{"z" * 3000}"}}').code == 0
    db = vault_path / DB_NAME
    pages = db.stat().st_size // PAGE
    db.write_bytes(_flip(db.read_bytes(), (pages - 2) * PAGE + 100))
    result = cli_vault("vault", "verify")
    assert result.code == 7
    assert "Database problem" in result.out


# -- the write-ahead log -----------------------------------------------------------------------------------
def _crashed_copy_with_wal(tmp_path: Path) -> tuple[Path, int]:
    """A vault folder as a crash leaves it: 20 records checkpointed, 20 more only in the WAL."""
    path = tmp_path / "live"
    vault, _ = Vault.create(path, PASSPHRASE, office="DKR")
    _cases(vault, 20, "old")
    vault.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _cases(vault, 20, "new")
    crashed = tmp_path / "crashed"
    shutil.copytree(path, crashed, ignore=shutil.ignore_patterns("vault.lock", "*-shm"))
    vault.close()
    return crashed, (crashed / f"{DB_NAME}-wal").stat().st_size


@pytest.mark.parametrize(
    "damage",
    [
        lambda wal, size: None,
        lambda wal, size: wal.write_bytes(_flip(wal.read_bytes(), size - 100)),
        lambda wal, size: wal.write_bytes(_flip(wal.read_bytes(), size // 2)),
        lambda wal, size: wal.write_bytes(_flip(wal.read_bytes(), 12)),
        lambda wal, size: wal.write_bytes(wal.read_bytes()[: size // 2]),
        lambda wal, size: wal.unlink(),
    ],
    ids=["intact", "last-frame-flip", "middle-flip", "header-flip", "truncated", "deleted"],
)
def test_a_damaged_wal_leaves_a_consistent_earlier_state(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    crashed, size = _crashed_copy_with_wal(tmp_path)
    damage(crashed / f"{DB_NAME}-wal", size)
    try:
        Vault.open(crashed, PASSPHRASE).close()
        lost = False
    except VaultRolledBack:
        lost = True
    with Vault.open(crashed, PASSPHRASE, rolled_back_ok=True) as vault:
        report = vault.verify()
        titles = [s.title for s in vault.records.find(SearchQuery(order_by="reference", descending=False))]
        # SQLite drops WAL frames that fail their checksum and everything after them: the newest commits may be
        # lost, but what remains is a prefix of the history, never a torn write...
        assert titles[:20] == [f"old {i}" for i in range(20)]
        assert titles[20:] == [f"new {i}" for i in range(len(titles) - 20)]
        # ... and the loss is never silent: the open refused, verify counts the missing events (one per case).
        assert lost == (len(titles) < 40)
        assert report.ok == (not lost)
        if lost:
            assert report.rollback is not None and report.rollback.missing_events == 40 - len(titles)
            vault.accept_rollback()
    with Vault.open(crashed, PASSPHRASE) as vault:  # accepted (and audited): the vault opens normally again
        assert vault.verify().ok
        if lost:
            assert vault.audit.events(limit=2)[1].action == "rollback_accepted"


def test_a_failure_after_the_database_opened_closes_it_again(
    closed_vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psutil

    from ecodesk.storage.audit import AuditLog

    def failing_append(self: AuditLog, action: str, **kwargs: object) -> None:
        raise VaultDamaged()  # e.g. the page holding the newest audit events is damaged

    monkeypatch.setattr(AuditLog, "append", failing_append)
    with pytest.raises(VaultDamaged) as caught:
        Vault.open(closed_vault, PASSPHRASE)
    # While the error is still being shown (its traceback alive), the database files must already be closed.
    assert caught.value is not None
    assert [f.path for f in psutil.Process().open_files() if f.path.startswith(str(closed_vault))] == []
    monkeypatch.undo()
    Vault.open(closed_vault, PASSPHRASE).close()  # and the vault is not left locked


# -- evidence files ----------------------------------------------------------------------------------------
def _with_evidence(tmp_path: Path) -> tuple[Path, dict[str, tuple[str, Path]]]:
    """A closed vault with three cases, each with one attachment: reference -> (attachment id, its file)."""
    import io

    path = tmp_path / "evidence-vault"
    vault, _ = Vault.create(path, PASSPHRASE, office="DKR")
    found = {}
    for i, size in enumerate((0, 70_000, 700_000)):
        case = save_record(vault, RetaliationCase(title=f"c{i}", received_on=dt.date(2026, 1, 5)))
        _, ref = vault.attachments.attach(case.reference or "", None, f"f{i}.bin", io.BytesIO(b"e" * size),
                                          office="DKR")
        name = vault.db.scalar("SELECT blob FROM attachments WHERE id = ?", (str(ref.id),))
        found[case.reference or ""] = (str(ref.id), path / "evidence" / name[:2] / name)
    vault.close()
    return path, found


@pytest.mark.parametrize(
    ("damage", "problem", "seen_at_unlock"),
    [
        (lambda blob: blob.unlink(), "missing", True),
        (lambda blob: blob.write_bytes(blob.read_bytes()[:-1]), "wrong_size", True),
        (lambda blob: blob.write_bytes(blob.read_bytes() + b"\0"), "wrong_size", True),
        (lambda blob: blob.write_bytes(_flip(blob.read_bytes())), "damaged", False),
        (lambda blob: blob.write_bytes(b"\0" * blob.stat().st_size), "damaged", False),
    ],
    ids=["deleted", "truncated", "extended", "bit-flip", "zeroed"],
)
def test_a_damaged_evidence_file_is_reported_with_its_record_and_the_rest_stays_readable(
    tmp_path: Path, damage, problem: str, seen_at_unlock: bool  # type: ignore[no-untyped-def]
) -> None:
    import uuid

    path, files = _with_evidence(tmp_path)
    damage(files["RET-2026-DKR-0003"][1])
    with Vault.open(path, PASSPHRASE) as vault:
        at_unlock = [(p.reference, p.problem) for p in vault.evidence_problems]
        assert at_unlock == ([("RET-2026-DKR-0003", problem)] if seen_at_unlock else [])
        full = vault.verify(full=True)
        assert not full.ok and full.evidence is not None
        assert [(p.reference, p.problem) for p in full.evidence.problems] == [("RET-2026-DKR-0003", problem)]
        assert full.database_errors == [] and full.audit.ok
        with pytest.raises(VaultDamaged, match="RET-2026-DKR-0003"):
            b"".join(vault.attachments.read(uuid.UUID(files["RET-2026-DKR-0003"][0])))
        assert b"".join(vault.attachments.read(uuid.UUID(files["RET-2026-DKR-0002"][0]))) == b"e" * 70_000
        assert vault.records.get("RET-2026-DKR-0003").title == "c2"  # the record itself is intact
        if seen_at_unlock:  # a backup must not silently lack evidence
            with pytest.raises(VaultDamaged, match="RET-2026-DKR-0003"):
                vault.backup_to_folder(tmp_path / "backup")
            assert not (tmp_path / "backup" / DB_NAME).exists()


def test_the_command_line_names_the_record_of_a_damaged_evidence_file(cli_vault, vault_path: Path,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path) -> None:
    evidence = tmp_path / "scan.pdf"
    evidence.write_bytes(b"%PDF" + b"x" * 200_000)
    assert cli_vault("case", "add", "-", stdin='{"title": "t", "received_on": "2026-01-02"}').code == 0
    assert cli_vault("case", "attach", "RET-2026-DKR-0001", str(evidence)).code == 0
    [blob] = [p for p in (vault_path / "evidence").rglob("*") if p.is_file()]
    blob.write_bytes(_flip(blob.read_bytes()))
    assert cli_vault("vault", "verify").code == 0  # same length: the quick check cannot see it
    full = cli_vault("vault", "verify", "--full")
    assert full.code == 7 and "RET-2026-DKR-0001: the evidence file of attachment" in full.out
    export = cli_vault("case", "attachment", "RET-2026-DKR-0001", "scan.pdf", "--out", str(tmp_path / "copy.pdf"))
    assert export.code == 7 and export.err.startswith("error: RET-2026-DKR-0001: the evidence file")
    assert "Traceback" not in export.err
