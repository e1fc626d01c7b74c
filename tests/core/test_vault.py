"""The vault at rest: encryption, key slots, recovery, passphrase change, damage, locking, backup."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from ecodesk.errors import InvalidInput, VaultBusy, VaultDamaged, VaultExists, VaultNotFound, WrongPassphrase
from ecodesk.models import Person, RetaliationCase
from ecodesk.records.service import save_record
from ecodesk.storage.vault import SLOTS_BACKUP_NAME, SLOTS_NAME, Vault
from tests.conftest import PASSPHRASE, CreatedVault


def _case(name: str = "Ngozi Adébáyọ̀") -> RetaliationCase:
    return RetaliationCase(title="Non-renewal after audit", received_on="2026-11-02", complainant=Person(name=name),
                           summary="Reported split tenders to the oversight office")


def _digests(path: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(path.iterdir())
            if p.is_file() and p.name != "vault.lock"}


def test_database_is_encrypted_and_unreadable_by_plain_sqlite(vault: Vault, vault_path: Path) -> None:
    save_record(vault, _case())
    vault.close()
    data = (vault_path / "vault.db").read_bytes()
    assert not data.startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(vault_path / "vault.db").execute("SELECT * FROM sqlite_master").fetchall()


def test_vault_files_are_private_to_the_user(vault: Vault, vault_path: Path) -> None:
    save_record(vault, _case())
    assert (vault_path.stat().st_mode & 0o077) == 0
    for name in ("vault.db", SLOTS_NAME, SLOTS_BACKUP_NAME):
        assert ((vault_path / name).stat().st_mode & 0o077) == 0, name


def test_wrong_passphrase_changes_nothing_and_is_audited_after_unlock(vault: Vault, vault_path: Path) -> None:
    vault.close()
    before = _digests(vault_path)
    with pytest.raises(WrongPassphrase) as info:
        Vault.open(vault_path, "not the passphrase")
    assert str(info.value) == "Wrong passphrase or not an EcoDesk vault."
    after = {k: v for k, v in _digests(vault_path).items() if k != "unlock-failures.log"}
    assert after == before
    reopened = Vault.open(vault_path, PASSPHRASE)
    try:
        actions = [e.action for e in reopened.audit.events()]
        assert actions[:2] == ["unlock", "unlock_failed"]
        assert not (vault_path / "unlock-failures.log").exists()
    finally:
        reopened.close()


def test_recovery_key_opens_and_resets_the_passphrase(created: CreatedVault, vault_path: Path) -> None:
    created.vault.close()
    typed = created.recovery_key.lower().replace("-", " ").replace("0", "o")  # how people copy it by hand
    vault = Vault.open_with_recovery_key(vault_path, typed)
    vault.change_passphrase("a brand new passphrase")
    vault.close()
    Vault.open(vault_path, "a brand new passphrase").close()
    with pytest.raises(WrongPassphrase):
        Vault.open(vault_path, PASSPHRASE)


def test_mistyped_recovery_key_is_caught_before_trying_it(created: CreatedVault, vault_path: Path) -> None:
    created.vault.close()
    key = created.recovery_key
    typo = ("Z" if key[0] != "Z" else "Y") + key[1:]
    with pytest.raises(InvalidInput, match="typing error"):
        Vault.open_with_recovery_key(vault_path, typo)


def test_passphrase_change_rewraps_without_rewriting_the_database(vault: Vault, vault_path: Path) -> None:
    save_record(vault, _case())
    vault.close()
    db_before = (vault_path / "vault.db").read_bytes()
    vault = Vault.open(vault_path, PASSPHRASE)
    vault.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_mid = (vault_path / "vault.db").read_bytes()
    vault.change_passphrase("another long passphrase")
    vault.close()
    # Only the audit event of the change is added; the existing pages keep their encryption (same header salt).
    assert db_before[:16] == db_mid[:16] == (vault_path / "vault.db").read_bytes()[:16]
    with Vault.open(vault_path, "another long passphrase") as reopened:
        assert reopened.records.get("RET-2026-DKR-0001").title == "Non-renewal after audit"


def test_short_passphrase_is_refused(vault_path: Path) -> None:
    with pytest.raises(InvalidInput):
        Vault.create(vault_path, "short")
    assert not vault_path.exists() or not any(vault_path.iterdir())


def test_create_refuses_existing_vault_and_open_refuses_missing_one(vault: Vault, vault_path: Path,
                                                                     tmp_path: Path) -> None:
    vault.close()
    with pytest.raises(VaultExists):
        Vault.create(vault_path, PASSPHRASE)
    with pytest.raises(VaultNotFound):
        Vault.open(tmp_path / "nowhere", PASSPHRASE)


def test_a_vault_open_elsewhere_is_reported_busy(vault: Vault, vault_path: Path) -> None:
    with pytest.raises(VaultBusy):
        Vault.open(vault_path, PASSPHRASE)
    vault.close()
    Vault.open(vault_path, PASSPHRASE).close()


@pytest.mark.parametrize("damage", ["truncate", "flip", "delete", "garbage"])
def test_damaged_key_file_falls_back_to_the_backup_copy_and_keeps_the_evidence(
        vault: Vault, vault_path: Path, damage: str) -> None:
    save_record(vault, _case())
    vault.close()
    main = vault_path / SLOTS_NAME
    original = main.read_bytes()
    if damage == "truncate":
        main.write_bytes(original[: len(original) // 2])
    elif damage == "flip":
        data = bytearray(original)
        data[len(data) // 3] ^= 0x01
        main.write_bytes(bytes(data))
    elif damage == "delete":
        main.unlink()
    else:
        main.write_bytes(b"\x00" * 100)
    damaged = main.read_bytes() if main.exists() else None

    reopened = Vault.open(vault_path, PASSPHRASE)
    try:
        assert reopened.records.get("RET-2026-DKR-0001").complainant.name == "Ngozi Adébáyọ̀"
        assert "key_file_repaired" in [e.action for e in reopened.audit.events()]
    finally:
        reopened.close()
    assert json.loads(main.read_bytes())["vault_id"]  # rewritten from the intact copy
    kept = sorted(vault_path.glob(f"{SLOTS_NAME}.damaged-*"))
    if damaged is not None:
        assert [p.read_bytes() for p in kept] == [damaged]


def test_both_key_files_damaged_is_a_clear_error(vault: Vault, vault_path: Path) -> None:
    vault.close()
    (vault_path / SLOTS_NAME).write_bytes(b"{}")
    (vault_path / SLOTS_BACKUP_NAME).unlink()
    with pytest.raises(VaultDamaged, match="Restore the vault from a backup"):
        Vault.open(vault_path, PASSPHRASE)


def test_truncated_database_is_detected(vault: Vault, vault_path: Path) -> None:
    save_record(vault, _case())
    vault.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    vault.close()
    db = vault_path / "vault.db"
    db.write_bytes(db.read_bytes()[:1000])
    with pytest.raises(VaultDamaged):
        Vault.open(vault_path, PASSPHRASE)


def test_flipped_bit_in_a_page_is_reported_by_verify(vault: Vault, vault_path: Path) -> None:
    for i in range(30):
        save_record(vault, _case(name=f"Person {i}"))
    vault.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert vault.verify().ok
    vault.close()
    db = vault_path / "vault.db"
    data = bytearray(db.read_bytes())
    data[4096 * 3 + 100] ^= 0x04  # inside the fourth page
    db.write_bytes(bytes(data))
    try:
        reopened = Vault.open(vault_path, PASSPHRASE)
    except VaultDamaged:
        return  # detected at open: also acceptable
    try:
        report = reopened.verify()
        assert not report.ok and report.database_errors
    finally:
        reopened.close()


def test_crash_between_the_two_key_file_writes_leaves_either_passphrase_working(
        vault: Vault, vault_path: Path) -> None:
    old_backup = (vault_path / SLOTS_BACKUP_NAME).read_bytes()
    vault.change_passphrase("the new passphrase!")
    vault.close()
    # Simulate the crash: the backup copy still holds the old slot.
    (vault_path / SLOTS_BACKUP_NAME).write_bytes(old_backup)
    # The other order: the main copy still old, the backup already new (old passphrase still works too).
    new_main = (vault_path / SLOTS_NAME).read_bytes()
    (vault_path / SLOTS_NAME).write_bytes(old_backup)
    (vault_path / SLOTS_BACKUP_NAME).write_bytes(new_main)
    Vault.open(vault_path, PASSPHRASE).close()


def test_backup_and_restore_round_trip(vault: Vault, tmp_path: Path) -> None:
    stored = save_record(vault, _case())
    backup = tmp_path / "vault.ecobackup"
    vault.backup(backup)
    assert b"Ngozi" not in backup.read_bytes()
    Vault.restore(backup, tmp_path / "restored", PASSPHRASE)
    restored = Vault.open(tmp_path / "restored", PASSPHRASE)
    try:
        assert restored.records.get(stored.reference).model_dump() == stored.model_dump()
        assert restored.verify().ok
    finally:
        restored.close()


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.ecobackup"
    bogus.write_bytes(b"definitely not a tar file")
    with pytest.raises(InvalidInput):
        Vault.restore(bogus, tmp_path / "restored", PASSPHRASE)


def test_a_backup_killed_half_way_leaves_nothing_after_the_next_one(vault: Vault, vault_path: Path,
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "weekly.ecobackup"
    # What a backup killed half-way leaves: its staging folder and a temporary output file.
    (vault_path / ".backup-staging").mkdir()
    (vault_path / ".backup-staging" / "vault.db").write_bytes(b"partial ciphertext")
    (tmp_path / ".weekly.ecobackup.0123456789ab.tmp").write_bytes(b"partial")
    vault.backup(out)
    assert not (vault_path / ".backup-staging").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "vault") == ["weekly.ecobackup"]


def test_a_key_file_demanding_an_absurd_key_derivation_is_refused(vault: Vault, vault_path: Path) -> None:
    import hashlib as _hashlib

    vault.close()
    raw = json.loads((vault_path / SLOTS_NAME).read_bytes())
    raw.pop("sha256")
    for slot in raw["slots"]:
        slot["kdf"]["memory_kib"] = 4 * 1024 * 1024  # 4 GiB per attempt
        slot["kdf"]["time_cost"] = 100
    canonical = json.dumps(raw, sort_keys=True, separators=(",", ":")).encode()
    raw["sha256"] = _hashlib.sha256(canonical).hexdigest()  # an attacker can recompute the digest
    for name in (SLOTS_NAME, SLOTS_BACKUP_NAME):
        (vault_path / name).write_text(json.dumps(raw))
    with pytest.raises(VaultDamaged):
        Vault.open(vault_path, PASSPHRASE)


@pytest.mark.parametrize("field", ["salt", "nonce", "ciphertext"])
def test_a_key_file_with_an_impossible_slot_is_damage_not_a_crash(vault: Vault, vault_path: Path, field: str) -> None:
    import hashlib as _hashlib

    vault.close()
    raw = json.loads((vault_path / SLOTS_NAME).read_bytes())
    raw.pop("sha256")
    for slot in raw["slots"]:
        if field == "salt":
            slot["kdf"]["salt"] = ""  # Argon2 refuses salts under 8 bytes
        else:
            slot["wrapped"][field] = "AAAA"
    raw["sha256"] = _hashlib.sha256(json.dumps(raw, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    for name in (SLOTS_NAME, SLOTS_BACKUP_NAME):
        (vault_path / name).write_text(json.dumps(raw))
    with pytest.raises(VaultDamaged):
        Vault.open(vault_path, PASSPHRASE)
