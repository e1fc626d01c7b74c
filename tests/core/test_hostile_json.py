"""JSON from outside or from disk that is too deep, too large or not JSON: damage or a clean refusal, never a
traceback (issue 12, point 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecodesk.assessment.drafts import draft_key, load_draft
from ecodesk.errors import InvalidInput
from ecodesk.jsontext import MalformedJson, parse_json
from ecodesk.packages.cards import read_card
from ecodesk.storage.vault import SLOTS_BACKUP_NAME, SLOTS_NAME, Vault
from tests.conftest import PASSPHRASE, CliRunner

NESTED = b'{"a":' * 2048  # 10 KB of nesting: Python's parser raises RecursionError on it


@pytest.mark.parametrize("name", [SLOTS_BACKUP_NAME, SLOTS_NAME])
@pytest.mark.parametrize(
    "damage",
    [NESTED, b"[" * 5000 + b"]" * 5000, b"\xff\xfe{}", b"[1, 2]", b'{"sha256": 1e999999}', b" " * 70_000],
    ids=["nested-object", "nested-array", "not-utf8", "wrong-type", "huge-number", "oversized"],
)
def test_an_unparsable_key_file_copy_is_set_aside_and_rebuilt(
    cli_vault: CliRunner, vault_path: Path, name: str, damage: bytes
) -> None:
    cli_vault("case", "add", "-", stdin=json.dumps({"kind": "retaliation", "title": "Kept", "received_on": "2026-11-02",
                                               "complainant": {"name": "Ama"}}))
    intact = (vault_path / name).read_bytes()
    (vault_path / name).write_bytes(damage)

    listed = cli_vault("case", "list")
    assert listed.code == 0, listed.err
    assert "Kept" in listed.out and "Traceback" not in listed.err

    (evidence,) = vault_path.glob(f"{name}.damaged-*")
    assert evidence.read_bytes() == damage
    assert (vault_path / SLOTS_NAME).read_bytes() == (vault_path / SLOTS_BACKUP_NAME).read_bytes() == intact
    verify = cli_vault("vault", "verify")
    assert verify.code == 0
    assert f"set aside and rebuilt from the intact copy: {evidence.name}" in verify.out
    report = json.loads(cli_vault("vault", "verify", "--json").out)
    assert report["key_files_set_aside"] == [evidence.name]


def test_both_key_file_copies_nested_is_a_clear_error(cli_vault: CliRunner, vault_path: Path) -> None:
    for name in (SLOTS_NAME, SLOTS_BACKUP_NAME):
        (vault_path / name).write_bytes(NESTED)
    result = cli_vault("case", "list")
    assert result.code == 7
    assert result.err.startswith("error: Both copies of the vault's key file")


@pytest.mark.parametrize(
    "data",
    [NESTED, b"[" * 100_000, b"\xc3\x28", b"1" * 5000, b'{"a": NaN'],
    ids=["deep", "deeper", "utf8", "int", "bad"],
)
def test_parse_json_raises_one_clear_error(data: bytes) -> None:
    with pytest.raises(MalformedJson):
        parse_json(data)


def test_parse_json_limits_size_and_depth() -> None:
    with pytest.raises(MalformedJson, match="too large"):
        parse_json(b"[]" * 10, max_bytes=8)
    with pytest.raises(MalformedJson, match="nested too deeply"):
        parse_json(b"[" * 65 + b"]" * 65)
    assert parse_json(b"[" * 64 + b"]" * 64)


def test_a_nested_contact_card_is_refused_cleanly(cli_vault: CliRunner, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput):
        read_card(NESTED)
    card = tmp_path / "hq.ecocard"
    card.write_bytes(NESTED)
    result = cli_vault("contacts", "add", str(card), "--name", "HQ", "--role", "hq")
    assert result.code != 0 and result.err.startswith("error:") and "Traceback" not in result.err


def test_a_nested_case_file_is_refused_naming_the_problem(cli_vault: CliRunner) -> None:
    result = cli_vault("case", "add", "-", stdin=NESTED)
    assert result.code == 2
    assert result.err == "error: The input is nested too deeply.\n"


def test_an_unreadable_assessment_draft_is_dropped(vault: Vault) -> None:
    from ecodesk.models import Person, RetaliationCase
    from ecodesk.records.service import save_record

    case = save_record(vault, RetaliationCase(title="T", received_on="2026-11-02", complainant=Person(name="A")))
    vault.drafts.put(draft_key(case.id), NESTED.decode())
    assert load_draft(vault, case.id) is None
    assert vault.drafts.get(draft_key(case.id)) is None


def test_the_vault_opens_after_a_nested_backup_copy_via_the_api(vault: Vault, vault_path: Path) -> None:
    vault.close()
    (vault_path / SLOTS_BACKUP_NAME).write_bytes(NESTED)
    with Vault.open(vault_path, PASSPHRASE) as reopened:
        report = reopened.verify()
        assert report.ok and len(report.key_files_set_aside) == 1
