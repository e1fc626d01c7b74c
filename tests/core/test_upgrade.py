"""Vaults made by earlier versions open with this one: backed up (encrypted) first, migrated once, data intact."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ecodesk.errors import EcoDeskError
from ecodesk.models import SearchQuery, record_adapter
from ecodesk.storage import migrations
from ecodesk.storage.vault import Vault

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vaults"
NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def test_there_is_at_least_one_fixture_vault() -> None:
    assert NAMES, "tests/fixtures/vaults/ must keep a vault of every released schema"


def upgraded(record: dict[str, object]) -> dict[str, object]:
    """The record as this version holds it, checked field by field against what an older version saved."""
    current = record_adapter.validate_python(record).model_dump(mode="json")
    if "category" in record:
        assert current["categories"] == [record["category"]]
        assert {k: v for k, v in current.items() if k not in ("categories", "requester_type")} == {
            k: v for k, v in record.items() if k != "category"
        }
    return current


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
            # As this version reads what the older one wrote (schema 11: an advice ``category`` is a list of one).
            assert vault.records.get(reference).model_dump(mode="json") == upgraded(record)
        listed = {s.reference: s.title for s in vault.records.find(SearchQuery())}
        assert listed == {ref: r.get("title") or vault.records.get(ref).title for ref, r in expected["records"].items()}
        for attachment_id, sha256 in expected["attachments"].items():
            import hashlib
            import uuid

            data = b"".join(vault.attachments.read(uuid.UUID(attachment_id)))
            assert hashlib.sha256(data).hexdigest() == sha256
        advice = [r for r in expected["records"].values() if r["kind"] == "advice"]
        for record in advice:  # the history reads as it was saved, in this version's shape
            history = vault.records.history(record["id"])
            assert vault.records.revision(record["id"], history[-1].revision).categories == [record["category"]]
            listed_advice = vault.records.find(SearchQuery(kind="advice", category=record["category"]))
            assert [s.reference for s in listed_advice] == [record["reference"]]
        report = vault.verify()
        assert report.ok, report
        assert vault.db.scalar("SELECT count(*) FROM sent_statistics") == 0  # schema 6: an empty ledger
    finally:
        vault.close()
    # A vault from before the kept audit head opens without alarm and keeps its head from then on.
    assert (folder / "audit-head.json").exists()

    backups = sorted(folder.glob("before-upgrade-*.ecobackup"))
    assert len(backups) == (1 if needs_upgrade else 0)
    if backups:
        # The backup is the vault as it was, and opens with the same passphrase.
        Vault.restore(backups[0], tmp_path / "from-backup", expected["passphrase"])
    # A second open migrates nothing more and makes no second backup.
    Vault.open(folder, expected["passphrase"]).close()
    assert len(sorted(folder.glob("before-upgrade-*.ecobackup"))) == len(backups)


def test_a_vault_from_a_newer_version_is_refused_untouched(vault: Vault, vault_path: Path) -> None:
    vault.db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    vault.close()
    before = (vault_path / "vault.db").read_bytes()
    with pytest.raises(EcoDeskError, match="newer version of EcoDesk"):
        Vault.open(vault_path, "correct horse battery staple")
    assert (vault_path / "vault.db").read_bytes() == before
