"""Vaults made by earlier versions open with this one: backed up (encrypted) first, migrated once, data intact."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ecodesk.errors import EcoDeskError
from ecodesk.models import SearchQuery
from ecodesk.storage import migrations
from ecodesk.storage.vault import Vault

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vaults"
NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def test_there_is_at_least_one_fixture_vault() -> None:
    assert NAMES, "tests/fixtures/vaults/ must keep a vault of every released schema"


@pytest.mark.parametrize("name", NAMES)
def test_fixture_vault_opens_migrates_once_and_keeps_everything(name: str, tmp_path: Path) -> None:
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text())
    folder = tmp_path / name
    shutil.copytree(FIXTURES / name, folder)
    needs_upgrade = expected["schema"] < migrations.latest_version()

    vault = Vault.open(folder, expected["passphrase"])
    try:
        assert migrations.current_version(vault.db) == migrations.latest_version()
        for reference, record in expected["records"].items():
            # Everything the old version stored is there unchanged (fields added since then take defaults).
            assert _kept(record, vault.records.get(reference).model_dump(mode="json"))
        listed = {s.reference: s.title for s in vault.records.find(SearchQuery())}
        assert listed == {ref: r.get("title") or vault.records.get(ref).title for ref, r in expected["records"].items()}
        for attachment_id, sha256 in expected["attachments"].items():
            import hashlib
            import uuid

            data = b"".join(vault.attachments.read(uuid.UUID(attachment_id)))
            assert hashlib.sha256(data).hexdigest() == sha256
        report = vault.verify()
        assert report.ok, report
    finally:
        vault.close()

    backups = sorted(folder.glob("before-upgrade-*.ecobackup"))
    assert len(backups) == (1 if needs_upgrade else 0)
    if backups:
        # The backup is the vault as it was, and opens with the same passphrase.
        Vault.restore(backups[0], tmp_path / "from-backup", expected["passphrase"])
    # A second open migrates nothing more and makes no second backup.
    Vault.open(folder, expected["passphrase"]).close()
    assert len(sorted(folder.glob("before-upgrade-*.ecobackup"))) == len(backups)


def _kept(old: object, new: object) -> bool:
    """Whether every value of ``old`` is in ``new`` unchanged (dicts may have gained keys)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return all(key in new and _kept(value, new[key]) for key, value in old.items())
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_kept(a, b) for a, b in zip(old, new, strict=True))
    return old == new


def test_a_vault_from_a_newer_version_is_refused_untouched(vault: Vault, vault_path: Path) -> None:
    vault.db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    vault.close()
    before = (vault_path / "vault.db").read_bytes()
    with pytest.raises(EcoDeskError, match="newer version of EcoDesk"):
        Vault.open(vault_path, "correct horse battery staple")
    assert (vault_path / "vault.db").read_bytes() == before
