"""Schema 9: reasoning stored as finished text in the case's language becomes message ids with arguments.

The migration (storage) only marks the cases; the assessment feature derives their reasons again
(``ecodesk.assessment.upgrade.finish_upgrades``), which the CLI and the GUI run right after unlock.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from memo_support import pdf_text

from ecodesk.assessment.answers import Element
from ecodesk.assessment.explanations import render_reason
from ecodesk.assessment.upgrade import finish_upgrades
from ecodesk.memo.render import render_memo
from ecodesk.memo.specimen import specimen_answers, specimen_case, specimen_settings
from ecodesk.models import ElementFinding, RetaliationCase
from ecodesk.models.records import AnyRecord
from ecodesk.records.service import save_record
from ecodesk.storage import migrations
from ecodesk.storage.records import STRUCTURED_REASONING
from ecodesk.storage.vault import Vault
from tests.conftest import CliRunner

PASSPHRASE = "correct horse battery staple"
OLD_FRENCH = "Activités protégées décrites : 1. Étayé par les éléments de preuve corroborants obtenus."
NOTES = "Témoin : « parce qu'elle parle au bureau du contrôle »."


def _as_saved_by_the_old_version(case: RetaliationCase) -> RetaliationCase:
    """The case as schema 7 stored it: each element's reasoning as French sentences, no structured reasons."""
    old = {
        name: getattr(case.assessment, name).model_copy(update={"reasons": [], "reasoning": OLD_FRENCH})
        for name in ("protected_activity", "detrimental_action")
    }
    old["contributing_factor"] = ElementFinding(established=True, reasoning=NOTES)  # the officer's own words
    answers = specimen_answers(1)
    answers.decision.element_notes = {Element.contributing_factor: NOTES}
    assessment = case.assessment.model_copy(update={**old, "answers": answers.model_dump(mode="json")})
    return case.model_copy(update={"assessment": assessment, "reference": None, "language": type(case.language)("fr")})


def old_reasoning_vault(vault: Vault) -> tuple[AnyRecord, AnyRecord]:
    """Two cases saved by the old version (one with wizard answers, one without), in a schema 7 vault; closed."""
    saved = save_record(vault, _as_saved_by_the_old_version(specimen_case(1)))
    legacy = specimen_case(1).model_copy(update={"reference": None})
    legacy_assessment = legacy.assessment.model_copy(
        update={"answers": {}, "protected_activity": ElementFinding(established=True, reasoning=OLD_FRENCH)}
    )
    kept = save_record(vault, legacy.model_copy(update={"assessment": legacy_assessment}))
    vault.db.execute("DROP TABLE pending_record_upgrades")
    undo_schema_13(vault)
    _undo_schemas_11_and_12(vault)
    _undo_schema_10(vault)
    vault.db.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    vault.close()
    return saved, kept


def undo_schema_13(vault: Vault) -> None:
    """Without the decision columns of schema 13 (what HQ decided, what the Administration did)."""
    from ecodesk.storage.migrations import m0013_decision_facets as m13

    vault.db.execute(f"DROP INDEX {m13.INDEX}")
    for name in ("records_decisions_insert", "records_decisions_update"):
        vault.db.execute(f"DROP TRIGGER {name}")
    for column in m13.FACETS:
        vault.db.execute(f"ALTER TABLE records DROP COLUMN {column}")


def _undo_schemas_11_and_12(vault: Vault) -> None:
    """Without the annual-statistics columns of schema 11 and the shelf of schema 12."""
    from ecodesk.storage.migrations import m0011_programme as m11

    vault.db.execute("DROP TABLE record_shelf")
    vault.db.execute("DROP INDEX records_annual")
    for name in ("records_annual_insert", "records_annual_update"):
        vault.db.execute(f"DROP TRIGGER {name}")
    for column in m11.FACETS:
        vault.db.execute(f"ALTER TABLE records DROP COLUMN {column}")


def _undo_schema_10(vault: Vault) -> None:
    """Back to the tables of schema 7: no follow-up column, the list triggers of schema 5."""
    from ecodesk.storage.migrations import m0005_record_lists as m5

    for name in ("record_summaries_follow_up_on", "record_summaries_status_reference"):
        vault.db.execute(f"DROP INDEX {name}")
    for name in ("records_summary_insert", "records_summary_update"):
        vault.db.execute(f"DROP TRIGGER {name}")
    vault.db.execute("ALTER TABLE records DROP COLUMN follow_up_on")
    vault.db.execute("ALTER TABLE record_summaries DROP COLUMN follow_up_on")
    for statement in m5.STATEMENTS:
        if statement.startswith(("CREATE TRIGGER records_summary_insert", "CREATE TRIGGER records_summary_update")):
            vault.db.execute(statement)


def test_old_reasoning_is_derived_again_once_and_the_officers_words_are_kept(vault: Vault, vault_path: Path) -> None:
    saved, kept = old_reasoning_vault(vault)

    vault = Vault.open(vault_path, PASSPHRASE)
    try:
        assert migrations.current_version(vault.db) == migrations.latest_version()
        assert set(vault.records.awaiting_upgrade(STRUCTURED_REASONING)) == {saved.id, kept.id}
        before = vault.records.get(saved.id)
        assert isinstance(before, RetaliationCase)
        assert before.assessment.protected_activity.reasoning == OLD_FRENCH  # storage alone derives nothing

        assert finish_upgrades(vault) == 1
        case = vault.records.get(saved.id)
        assert isinstance(case, RetaliationCase) and case.revision == saved.revision
        pa = case.assessment.protected_activity
        assert pa.reasoning == "" and pa.reasons  # the generated French text is gone, the reasons are back
        cf = case.assessment.contributing_factor
        assert cf.reasoning == NOTES and cf.reasons  # the officer's notes stay as typed
        assert vault.records.revision(case.id, case.revision) == case  # history agrees with the record
        untouched = vault.records.get(kept.id)
        assert isinstance(untouched, RetaliationCase)
        assert untouched.assessment.protected_activity.reasoning == OLD_FRENCH  # no answers: the text stays
        assert vault.records.awaiting_upgrade(STRUCTURED_REASONING) == {}
        assert finish_upgrades(vault) == 0  # done once
        assert vault.verify().ok
    finally:
        vault.close()
    vault = Vault.open(vault_path, PASSPHRASE)
    try:
        assert finish_upgrades(vault) == 0 and vault.records.get(saved.id) == case
    finally:
        vault.close()


def test_a_failed_upgrade_changes_nothing_and_is_done_at_the_next_unlock(
    vault: Vault, vault_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved, _kept = old_reasoning_vault(vault)
    vault = Vault.open(vault_path, PASSPHRASE)
    try:
        writes = 0
        execute = vault.db.execute

        def failing_second_write(sql: str, params: tuple[object, ...] = ()) -> object:
            nonlocal writes
            if sql.startswith("UPDATE revisions"):
                writes += 1
                if writes == 1:
                    raise OSError("disk gone")
            return execute(sql, params)

        monkeypatch.setattr(vault.db, "execute", failing_second_write)
        with pytest.raises(OSError):
            finish_upgrades(vault)
        monkeypatch.undo()
        case = vault.records.get(saved.id)
        assert isinstance(case, RetaliationCase)
        assert case.assessment.protected_activity.reasoning == OLD_FRENCH  # the body was rolled back too
        assert saved.id in vault.records.awaiting_upgrade(STRUCTURED_REASONING)
    finally:
        vault.close()
    vault = Vault.open(vault_path, PASSPHRASE)
    try:
        assert finish_upgrades(vault) == 1
    finally:
        vault.close()


def test_an_old_case_prints_its_reasoning_in_the_memos_language_with_no_extra_step(
    vault: Vault, vault_path: Path, cli: CliRunner, tmp_path: Path
) -> None:
    saved, _kept = old_reasoning_vault(vault)
    old_case = _as_saved_by_the_old_version(specimen_case(1))
    # What the memo printed before: the French sentences, whatever the memo's language.
    before = pdf_text(render_memo(old_case, specimen_settings(), language="es", signed=True).pdf, tmp_path)
    assert "Étayé par les éléments de preuve corroborants obtenus" in before

    for language in ("es", "fr"):
        out = tmp_path / f"memo-{language}.pdf"
        result = cli("memo", str(saved.reference), "--lang", language, "--out", str(out))
        assert result.code == 0, result.err
        text = pdf_text(out.read_bytes(), tmp_path)
        assert "Étayé par les éléments de preuve corroborants obtenus" not in text
        with Vault.open(vault_path, PASSPHRASE) as opened:
            case = opened.records.get(saved.id)
        assert isinstance(case, RetaliationCase)
        reason = case.assessment.protected_activity.reasons[0]
        assert render_reason(reason, language).split(",")[0].rstrip(".") in text
