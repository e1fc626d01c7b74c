"""Passphrases are compared in Unicode NFC (issue 12, point 5): "é" typed as one character or as "e" plus a
combining accent opens the same vault, and vaults wrapped under a non-NFC passphrase still open."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from ecodesk.crypto.keyslots import KeySlot, KeySlotFile
from ecodesk.crypto.recovery import normalize_recovery_key
from ecodesk.errors import WrongPassphrase
from ecodesk.storage.vault import SLOTS_BACKUP_NAME, SLOTS_NAME, Vault
from tests.conftest import CliRunner, CreatedVault

NFC = unicodedata.normalize("NFC", "Café crème à Düsseldorf")
NFD = unicodedata.normalize("NFD", NFC)


def test_the_nfd_form_opens_a_vault_created_with_the_nfc_form(tmp_path: Path) -> None:
    assert NFC != NFD
    vault, _ = Vault.create(tmp_path / "v", NFC)
    vault.close()
    Vault.open(tmp_path / "v", NFD).close()
    Vault.open(tmp_path / "v", NFC).close()


def test_the_nfc_form_opens_a_vault_created_with_the_nfd_form(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", NFD)
    vault.close()
    Vault.open(tmp_path / "v", NFC).close()


def test_the_cli_accepts_either_form(cli: CliRunner) -> None:
    assert cli("init", "--office", "DKR", passphrase=NFC).code == 0
    result = cli("case", "list", passphrase=NFD)
    assert result.code == 0, result.err


def _wrap_raw(path: Path, raw: str, master_key: bytes) -> None:
    """Make the vault look like one created before normalization: the slot wrapped under the raw NFD form."""
    slots = KeySlotFile.from_bytes((path / SLOTS_NAME).read_bytes())
    current = slots.slot("passphrase")
    assert current is not None
    legacy = KeySlot.wrap(slots.vault_id, "passphrase", "passphrase", raw, master_key, current.kdf.with_new_salt())
    data = slots.replace_slot(legacy).to_bytes()
    (path / SLOTS_NAME).write_bytes(data)
    (path / SLOTS_BACKUP_NAME).write_bytes(data)


def test_a_legacy_vault_wrapped_under_nfd_opens_and_is_rewrapped_to_nfc(tmp_path: Path) -> None:
    path = tmp_path / "v"
    vault, _ = Vault.create(path, NFC)
    master_key = bytes(vault._master_key)
    vault.close()
    _wrap_raw(path, NFD, master_key)
    before = KeySlotFile.from_bytes((path / SLOTS_NAME).read_bytes())
    legacy = before.slot("passphrase")
    assert legacy is not None and legacy.unwrap(before.vault_id, NFC) is None  # the old code said "wrong" to NFC

    with Vault.open(path, NFD) as reopened:  # the raw form, as the user always typed it
        assert "passphrase_normalized" in [e.action for e in reopened.audit.events()]

    slots = KeySlotFile.from_bytes((path / SLOTS_NAME).read_bytes())
    rewrapped = slots.slot("passphrase")
    assert rewrapped is not None
    assert rewrapped.unwrap(slots.vault_id, NFC) == master_key  # now wrapped under the NFC form
    assert rewrapped.kdf.time_cost == legacy.kdf.time_cost and rewrapped.kdf.memory_kib == legacy.kdf.memory_kib
    assert rewrapped.kdf.salt != legacy.kdf.salt
    assert (path / SLOTS_BACKUP_NAME).read_bytes() == (path / SLOTS_NAME).read_bytes()
    Vault.open(path, NFC).close()  # and both forms open it from now on
    Vault.open(path, NFD).close()


def test_a_different_passphrase_is_still_wrong(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", NFC)
    vault.close()
    with pytest.raises(WrongPassphrase):
        Vault.open(tmp_path / "v", NFC.replace("é", "e"))


def test_change_and_verify_passphrase_normalize(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "v", "a long enough passphrase")
    vault.change_passphrase(NFD)
    vault.verify_passphrase(NFC)
    vault.close()
    Vault.open(tmp_path / "v", NFC).close()


def test_a_recovery_key_typed_in_full_width_characters_is_the_same_key(created: CreatedVault,
                                                                        vault_path: Path) -> None:
    created.vault.close()
    key = created.recovery_key
    full_width = "".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in key)
    assert normalize_recovery_key(full_width) == normalize_recovery_key(key)
    Vault.open_with_recovery_key(vault_path, full_width).close()
