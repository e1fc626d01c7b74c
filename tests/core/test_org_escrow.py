"""HQ's escrow key slot: added without typing a secret, opened only by HQ's vault, recorded in both audit logs,
kept through key-file damage and backups, and required when the vault was created so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ecodesk.storage.vault import SLOTS_NAME, Vault
from tests import conftest


def _runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, office: str, *extra: str):  # type: ignore[no-untyped-def]
    runner = conftest.CliRunner(tmp_path / name, monkeypatch)
    assert runner("init", "--office", office, "--name", name, *extra).code == 0
    return runner


def _know(tmp_path: Path, me, other, name: str, role: str, *, trust: bool = True) -> None:  # type: ignore[no-untyped-def]
    other("keys", "export", "--out", str(tmp_path / f"{name}.ecokey"))
    assert me("contacts", "add", str(tmp_path / f"{name}.ecokey"), "--name", name, "--role", role).code == 0
    if trust:
        fp = json.loads(other("keys", "show", "--json").out)["fingerprint"]
        assert me("contacts", "trust", name, "--fingerprint", fp).code == 0


def _events(path: Path, passphrase: str = conftest.PASSPHRASE) -> list[str]:
    with Vault.open(path, passphrase) as vault:
        return [str(r[0]) for r in vault.db.all("SELECT action FROM audit ORDER BY seq")]


def test_hq_recovers_an_officer_vault_whose_passphrase_and_recovery_key_are_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hq = _runner(tmp_path, monkeypatch, "hq", "HQ")
    dkr = _runner(tmp_path, monkeypatch, "dkr", "DKR")
    _know(tmp_path, dkr, hq, "HQ", "hq", trust=False)
    refused = dkr("vault", "escrow", "add", "--to", "HQ")
    assert refused.code == 2 and "Verify HQ" in refused.err  # HQ's contact must be trusted first
    fp = json.loads(hq("keys", "show", "--json").out)["fingerprint"]
    assert dkr("contacts", "trust", "HQ", "--fingerprint", fp).code == 0
    assert dkr("vault", "escrow", "add", "--to", "HQ").code == 0
    slots = json.loads((tmp_path / "dkr" / SLOTS_NAME).read_text())
    assert slots["escrow"]["recipient"].startswith("age1") and slots["escrow"]["hq_name"] == "HQ"
    # The officer forgets everything; HQ gets a copy of the vault folder.
    copy = tmp_path / "dkr-copy"
    shutil.copytree(tmp_path / "dkr", copy, ignore=shutil.ignore_patterns("vault.lock"))
    stranger = _runner(tmp_path, monkeypatch, "other-hq", "HQ")
    wrong = stranger("vault", "recover-escrow", str(copy), env={"ECODESK_NEW_PASSPHRASE": "a new passphrase!"})
    assert wrong.code == 3
    recovered = hq("vault", "recover-escrow", str(copy), env={"ECODESK_NEW_PASSPHRASE": "a new passphrase!"})
    assert recovered.code == 0, recovered.err
    with Vault.open(copy, "a new passphrase!") as vault:
        assert vault.settings.office_code == "DKR"
        assert vault.audit.verify().ok
    assert "escrow_recovery" in _events(copy, "a new passphrase!")
    assert "escrow_recovery_performed" in _events(tmp_path / "hq")
    assert "escrow_slot_added" in _events(tmp_path / "dkr")


def test_the_escrow_slot_survives_a_damaged_key_file_and_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hq = _runner(tmp_path, monkeypatch, "hq", "HQ")
    dkr = _runner(tmp_path, monkeypatch, "dkr", "DKR")
    _know(tmp_path, dkr, hq, "HQ", "hq")
    assert dkr("vault", "escrow", "add", "--to", "HQ").code == 0
    assert dkr("vault", "backup", "--out", str(tmp_path / "dkr.ecobackup")).code == 0
    (tmp_path / "dkr" / SLOTS_NAME).write_bytes(b"{ damaged")
    opened = dkr("vault", "verify")  # opening repairs the main copy from the backup copy
    assert opened.code == 0, opened.out
    assert json.loads((tmp_path / "dkr" / SLOTS_NAME).read_text())["escrow"]["hq_name"] == "HQ"
    restored = tmp_path / "restored"
    assert dkr("vault", "restore", str(tmp_path / "dkr.ecobackup"), "--to", str(restored)).code == 0
    result = hq("vault", "recover-escrow", str(restored), env={"ECODESK_NEW_PASSPHRASE": "another passphrase"})
    assert result.code == 0, result.err


def test_a_damaged_escrow_slot_is_reported_by_vault_verify(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ecodesk.crypto.keyslots import KeySlotFile

    hq = _runner(tmp_path, monkeypatch, "hq", "HQ")
    dkr = _runner(tmp_path, monkeypatch, "dkr", "DKR")
    _know(tmp_path, dkr, hq, "HQ", "hq")
    assert dkr("vault", "escrow", "add", "--to", "HQ").code == 0
    for name in ("keyslots.json", "keyslots.backup.json"):
        path = tmp_path / "dkr" / name
        slots = KeySlotFile.from_bytes(path.read_bytes())
        assert slots.escrow is not None
        bad = slots.model_copy(update={"escrow": slots.escrow.model_copy(update={"wrapped": b"not age"})})
        path.write_bytes(bad.to_bytes())
    report = dkr("vault", "verify")
    assert report.code == 7 and "escrow" in report.out


def test_require_hq_escrow_is_a_setting_of_the_new_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hq = _runner(tmp_path, monkeypatch, "hq", "HQ")
    dkr = _runner(tmp_path, monkeypatch, "dkr", "DKR", "--require-escrow")
    assert "HQ escrow is required" in dkr("vault", "verify").out
    _know(tmp_path, dkr, hq, "HQ", "hq")
    assert dkr("vault", "escrow", "add", "--to", "HQ").code == 0
    assert "HQ escrow is required" not in dkr("vault", "verify").out
    refused = dkr("vault", "escrow", "remove")
    assert refused.code == 2 and "requires" in refused.err
    free = _runner(tmp_path, monkeypatch, "lim", "LIM")
    _know(tmp_path, free, hq, "HQ", "hq")
    assert free("vault", "escrow", "add", "--to", "HQ").code == 0
    assert free("vault", "escrow", "remove").code == 0
    assert "escrow" not in json.loads((tmp_path / "lim" / SLOTS_NAME).read_text())
