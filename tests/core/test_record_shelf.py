"""Archiving and withdrawing records: out of the lists, never erased, audited; through the core and the CLI."""

from __future__ import annotations

import pytest
from packages_support import make_case

from ecodesk.errors import InvalidInput
from ecodesk.models import RecordKind, SearchQuery, ShelfState
from ecodesk.records.shelf import archive_record, restore_record, set_aside_state, withdraw_record
from ecodesk.storage.vault import Vault
from tests.conftest import CliRunner

CASES = SearchQuery(kind=RecordKind.retaliation)


def _listed(vault: Vault, query: SearchQuery = CASES) -> list[str]:
    return [s.reference for s in vault.records.find(query)]


def test_archived_record_leaves_the_lists_until_restored(vault: Vault) -> None:
    kept, done = make_case(vault), make_case(vault, title="Finished matter")
    archive_record(vault, done.reference or "")
    assert _listed(vault) == [kept.reference]
    assert vault.records.count(CASES) == 1
    assert sorted(_listed(vault, CASES.model_copy(update={"include_set_aside": True}))) == sorted(
        [kept.reference, done.reference]
    )
    state = set_aside_state(vault, done.reference or "")
    assert state is not None and state.state == ShelfState.archived and state.by
    restore_record(vault, done.reference or "")
    assert set_aside_state(vault, done.reference or "") is None and len(_listed(vault)) == 2
    actions = [e.action for e in vault.audit.events(record_id=done.id, limit=5)]
    assert actions[:2] == ["restore", "archive"]


def test_withdrawn_record_is_kept_with_its_history_and_cannot_come_back(vault: Vault) -> None:
    case = make_case(vault)
    with pytest.raises(InvalidInput):
        withdraw_record(vault, case.reference or "", "  ")  # a reason is required
    withdraw_record(vault, case.reference or "", "Duplicate of another case")
    assert _listed(vault) == []
    assert vault.records.get(case.reference or "").title == case.title  # content kept
    assert len(vault.records.history(case.id)) == 1
    state = set_aside_state(vault, case.reference or "")
    assert state is not None and state.state == ShelfState.withdrawn and state.reason == "Duplicate of another case"
    with pytest.raises(InvalidInput):
        restore_record(vault, case.reference or "")
    with pytest.raises(InvalidInput):
        archive_record(vault, case.reference or "")
    event = vault.audit.events(record_id=case.id, limit=1)[0]
    assert event.action == "withdraw" and "Duplicate" not in str(event.detail)  # the reason stays out of the log
    assert make_case(vault).reference != case.reference  # the reference is never reused


def test_cli_archive_restore_withdraw(cli_vault: CliRunner) -> None:
    for title in ("First", "Second"):
        added = cli_vault("case", "add", "-", stdin=f'{{"title": "{title}", "received_on": "2026-02-01"}}')
        assert added.code == 0, added.err
    assert cli_vault("case", "archive", "RET-2026-DKR-0001").code == 0
    listed = cli_vault("case", "list")
    assert "RET-2026-DKR-0001" not in listed.out and "RET-2026-DKR-0002" in listed.out
    assert "RET-2026-DKR-0001" in cli_vault("case", "list", "--all").out
    assert cli_vault("case", "restore", "RET-2026-DKR-0001").code == 0
    assert "RET-2026-DKR-0001" in cli_vault("case", "list").out

    unconfirmed = cli_vault("case", "withdraw", "RET-2026-DKR-0002", "--reason", "test entry")
    assert unconfirmed.code != 0 and unconfirmed.err.startswith("error:") and "--confirm" in unconfirmed.err
    done = cli_vault("case", "withdraw", "RET-2026-DKR-0002", "--reason", "test entry", "--confirm")
    assert done.code == 0, done.err
    assert "RET-2026-DKR-0002" not in cli_vault("case", "list").out
    wrong_kind = cli_vault("advice", "archive", "RET-2026-DKR-0001")
    assert wrong_kind.code != 0 and "Traceback" not in wrong_kind.err
