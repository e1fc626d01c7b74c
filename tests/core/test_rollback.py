"""Loss that would go unseen: a database that ends before the audit head kept outside it (lost WAL commits, a
``vault.db`` or a whole vault folder put back from an older copy) is refused at unlock, counted by
``vault verify`` and can be accepted, audited. A normal close/open or a crash before the head is written is not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ecodesk.storage.audit_head import HEAD_NAME
from ecodesk.storage.vault import DB_NAME, Vault
from tests.conftest import PASSPHRASE, CliRunner

CASE = json.dumps({"title": "Non-renewal after audit", "received_on": "2026-11-02"})


def _add_cases(cli: CliRunner, count: int) -> None:
    for _ in range(count):
        assert cli("case", "add", "-", stdin=CASE).code == 0


def _db_files(vault_path: Path) -> list[Path]:
    return [p for p in vault_path.iterdir() if p.name.startswith(DB_NAME)]


def _save_db(vault_path: Path, to: Path) -> None:
    to.mkdir()
    for p in _db_files(vault_path):
        shutil.copy2(p, to / p.name)


def _put_db_back(saved: Path, vault_path: Path) -> None:
    for p in _db_files(vault_path):
        p.unlink()
    for p in saved.iterdir():
        shutil.copy2(p, vault_path / p.name)


def _state_dir_heads() -> list[Path]:
    import os

    return list((Path(os.environ["ECODESK_STATE_DIR"]) / "audit-heads").glob("*.json"))


def test_a_database_put_back_from_an_older_copy_is_refused_and_counted(cli_vault: CliRunner, tmp_path: Path) -> None:
    _add_cases(cli_vault, 1)
    _save_db(cli_vault.vault_path, tmp_path / "old")
    _add_cases(cli_vault, 3)  # each add: one unlock and one create event
    _put_db_back(tmp_path / "old", cli_vault.vault_path)

    listed = cli_vault("case", "list")
    assert listed.code == 7
    assert listed.err.startswith("error: The vault was rolled back") and "accept-rollback" in listed.err
    verify = cli_vault("vault", "verify", "--json")
    assert verify.code == 7
    report = json.loads(verify.out)
    assert report["ok"] is False and report["rollback"]["missing_events"] == 6
    text = cli_vault("vault", "verify")
    assert "6 audit events recorded earlier are missing" in text.out
    # verify only looks: the finding (and its count) stays until the loss is accepted
    assert json.loads(cli_vault("vault", "verify", "--json").out)["rollback"]["missing_events"] == 6


def test_accepting_the_rollback_is_audited_and_lets_the_officer_work_again(
    cli_vault: CliRunner, tmp_path: Path
) -> None:
    _save_db(cli_vault.vault_path, tmp_path / "old")
    _add_cases(cli_vault, 2)
    _put_db_back(tmp_path / "old", cli_vault.vault_path)
    assert cli_vault("vault", "accept-rollback").code == 2  # no terminal, no --yes: nothing happens
    assert cli_vault("case", "list").code == 7
    accepted = cli_vault("vault", "accept-rollback", "--yes")
    assert accepted.code == 0, accepted.err
    assert cli_vault("case", "list").code == 0
    assert json.loads(cli_vault("vault", "verify", "--json").out)["ok"] is True
    with Vault.open(cli_vault.vault_path, PASSPHRASE) as vault:
        accepted_events = [e for e in vault.audit.events() if e.action == "rollback_accepted"]
    assert len(accepted_events) == 1 and accepted_events[0].detail["missing_events"] == 4


def test_a_whole_folder_copied_back_is_caught_by_the_per_user_copy(cli_vault: CliRunner, tmp_path: Path) -> None:
    old = tmp_path / "old-folder"
    shutil.copytree(cli_vault.vault_path, old, ignore=shutil.ignore_patterns("vault.lock", "*-shm"))
    _add_cases(cli_vault, 2)
    shutil.rmtree(cli_vault.vault_path)
    shutil.copytree(old, cli_vault.vault_path)  # the folder's own head file came back with it
    result = cli_vault("case", "list")
    assert result.code == 7 and "rolled back" in result.err
    assert json.loads(cli_vault("vault", "verify", "--json").out)["rollback"]["missing_events"] == 4


def test_a_forged_head_file_is_refused_like_a_rollback(cli_vault: CliRunner, tmp_path: Path) -> None:
    _save_db(cli_vault.vault_path, tmp_path / "old")
    _add_cases(cli_vault, 1)
    _put_db_back(tmp_path / "old", cli_vault.vault_path)
    # An attacker who cannot compute the MAC lowers the kept head in both copies to match the old database.
    for head_file in [cli_vault.vault_path / HEAD_NAME, *_state_dir_heads()]:
        head = json.loads(head_file.read_text())
        head["seq"] -= 2
        head_file.write_text(json.dumps(head))
    result = cli_vault("case", "list")
    assert result.code == 7 and "was altered or damaged" in result.err
    report = json.loads(cli_vault("vault", "verify", "--json").out)
    assert report["ok"] is False and len(report["rollback"]["altered_copies"]) == 2
    assert any("damaged or altered" in w for w in report["warnings"])
    assert cli_vault("vault", "accept-rollback", "--yes").code == 0
    assert cli_vault("case", "list").code == 0


def test_the_last_backup_is_named(cli_vault: CliRunner, tmp_path: Path) -> None:
    backup = tmp_path / "monday.ecobackup"
    assert cli_vault("vault", "backup", "--out", str(backup)).code == 0
    _save_db(cli_vault.vault_path, tmp_path / "old")
    _add_cases(cli_vault, 1)
    _put_db_back(tmp_path / "old", cli_vault.vault_path)
    result = cli_vault("case", "list")
    assert result.code == 7 and str(backup) in result.err
    assert json.loads(cli_vault("vault", "verify", "--json").out)["last_backup"] == str(backup)
    assert f"Last backup to restore: {backup}" in cli_vault("vault", "verify").out


def test_restoring_the_backup_over_the_same_folder_is_the_accepted_way_back(
    cli_vault: CliRunner, tmp_path: Path
) -> None:
    backup = tmp_path / "monday.ecobackup"
    assert cli_vault("vault", "backup", "--out", str(backup)).code == 0
    _add_cases(cli_vault, 1)
    shutil.rmtree(cli_vault.vault_path)
    restored = cli_vault("vault", "restore", str(backup), "--to", str(cli_vault.vault_path))
    assert restored.code == 0, restored.err
    assert cli_vault("case", "list").code == 0
    assert json.loads(cli_vault("vault", "verify", "--json").out)["ok"] is True


def test_no_false_alarm_when_the_head_is_behind_the_database(cli_vault: CliRunner, tmp_path: Path) -> None:
    """A crash between a commit and the head write leaves the kept head behind the database: that is fine."""
    heads = [cli_vault.vault_path / HEAD_NAME, *_state_dir_heads()]
    saved = {p: p.read_bytes() for p in heads}
    _add_cases(cli_vault, 2)
    for p, data in saved.items():
        p.write_bytes(data)
    assert cli_vault("case", "list").code == 0
    assert json.loads(cli_vault("vault", "verify", "--json").out)["ok"] is True


def test_normal_open_and_close_never_report_a_rollback(vault_path: Path) -> None:
    vault, _ = Vault.create(vault_path, PASSPHRASE, office="DKR")
    vault.close()
    for _ in range(3):
        with Vault.open(vault_path, PASSPHRASE) as vault:
            assert vault.rollback is None and vault.verify().ok
    assert (vault_path / HEAD_NAME).exists() and len(_state_dir_heads()) == 1
