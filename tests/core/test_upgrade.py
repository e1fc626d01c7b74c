"""Vaults made by earlier versions open with this one: backed up (encrypted) first, migrated once, data intact."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ecodesk.errors import EcoDeskError
from ecodesk.models import SearchQuery
from ecodesk.storage import migrations
from ecodesk.storage.database import Database
from ecodesk.storage.vault import Vault

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "vaults"
NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def test_there_is_at_least_one_fixture_vault() -> None:
    assert NAMES, "tests/fixtures/vaults/ must keep a vault of every released schema"


def assert_keeps(actual: object, expected: object, where: str) -> None:
    """Every value the fixture recorded is still there, unchanged; fields added by later schemas (with their
    defaults) may appear beside them."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} is gone"
            assert_keeps(actual[key], value, f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), where
        for n, (got, want) in enumerate(zip(actual, expected, strict=True)):
            assert_keeps(got, want, f"{where}[{n}]")
    else:
        assert actual == expected, where


def as_upgraded(record: dict[str, object]) -> dict[str, object]:
    """What an older version saved, as this version holds it (schema 11: an advice ``category`` is a list of one)."""
    if "category" not in record:
        return record
    rest = {k: v for k, v in record.items() if k != "category"}
    return {**rest, "categories": [record["category"]]}


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
            # As this version reads what the older one wrote: every recorded value kept, new fields beside them.
            assert_keeps(vault.records.get(reference).model_dump(mode="json"), as_upgraded(record), reference)
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
        assert vault.db.scalar("SELECT count(*) FROM record_shelf") == 0  # schema 12: nothing set aside
        if expected["records"]:  # an upgraded vault can archive: the record leaves the list, nothing is lost
            from ecodesk.records.shelf import archive_record, restore_record

            first = sorted(expected["records"])[0]
            archive_record(vault, first)
            assert first not in {s.reference for s in vault.records.find(SearchQuery())}
            restore_record(vault, first)
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


def _fixture(name: str, tmp_path: Path) -> tuple[Path, dict]:  # type: ignore[type-arg]
    folder = tmp_path / name
    shutil.copytree(FIXTURES / name, folder)
    return folder, json.loads((FIXTURES / f"{name}.expected.json").read_text())


def test_attachments_of_an_older_vault_move_out_of_the_database_into_evidence_files(tmp_path: Path) -> None:
    folder, expected = _fixture("schema-5", tmp_path)
    size_before = (folder / "vault.db").stat().st_size
    with Vault.open(folder, expected["passphrase"]) as vault:
        assert vault.db.scalar("SELECT count(*) FROM attachment_chunks") == 0
        assert vault.db.scalar("SELECT count(*) FROM attachments WHERE blob IS NULL") == 0
        assert len([p for p in (folder / "evidence").rglob("*") if p.is_file()]) == len(expected["attachments"])
        assert vault.verify(full=True).ok
        assert "evidence_moved_out" in [e.action for e in vault.audit.events()]
    assert (folder / "vault.db").stat().st_size < size_before / 2  # the chunks' space was given back


def test_an_interrupted_move_resumes_at_the_next_unlock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import uuid

    from ecodesk.storage.evidence import EvidenceStore

    folder, expected = _fixture("schema-5", tmp_path)
    real_write, calls = EvidenceStore.write, {"n": 0}

    def killed_on_the_second(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            blob = real_write(self, *args, **kwargs)  # written and renamed, the row not committed yet
            raise KeyboardInterrupt(blob.name)
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(EvidenceStore, "write", killed_on_the_second)
    with pytest.raises(KeyboardInterrupt):
        Vault.open(folder, expected["passphrase"])
    monkeypatch.setattr(EvidenceStore, "write", real_write)
    (folder / "vault.lock").unlink(missing_ok=True)
    with Vault.open(folder, expected["passphrase"]) as vault:
        assert vault.db.scalar("SELECT count(*) FROM attachments WHERE blob IS NULL") == 0
        assert vault.db.scalar("SELECT count(*) FROM attachment_chunks") == 0
        for attachment_id, sha256 in expected["attachments"].items():
            data = b"".join(vault.attachments.read(uuid.UUID(attachment_id)))
            assert hashlib.sha256(data).hexdigest() == sha256
        report = vault.verify(full=True)
        assert report.ok and report.evidence is not None and report.evidence.orphans == 0
    assert len([p for p in (folder / "evidence").rglob("*") if p.is_file()]) == len(expected["attachments"])
    assert len(list(folder.glob("before-upgrade-*.ecobackup"))) == 1


def test_an_attachment_damaged_in_the_old_database_stays_readable_as_damaged_and_is_reported(tmp_path: Path) -> None:
    import uuid

    folder, expected = _fixture("schema-5", tmp_path)
    damaged_id, intact_id = list(expected["attachments"])
    db = Database(folder / "vault.db", _master_key(folder, expected["passphrase"]))
    try:
        db.execute("UPDATE attachment_chunks SET data = zeroblob(length(data)) WHERE attachment_id = ?",
                   (damaged_id,))
    finally:
        db.close()
    with Vault.open(folder, expected["passphrase"]) as vault:
        assert [(str(p.attachment), p.problem) for p in vault.evidence_problems] == [(damaged_id, "damaged")]
        assert not vault.verify().ok
        with pytest.raises(EcoDeskError):
            b"".join(vault.attachments.read(uuid.UUID(damaged_id)))
        assert b"".join(vault.attachments.read(uuid.UUID(intact_id)))  # the intact one moved and reads


def _master_key(folder: Path, passphrase: str) -> bytes:
    from ecodesk.crypto.keyslots import KeySlotFile

    return KeySlotFile.from_bytes((folder / "keyslots.json").read_bytes()).open(passphrase, ("passphrase",))
