"""Migration 9: reasoning stored as finished text in the case's language becomes message ids with arguments."""

from __future__ import annotations

from pathlib import Path

from ecodesk.assessment.answers import Element
from ecodesk.memo.render import render_memo
from ecodesk.memo.specimen import specimen_answers, specimen_case, specimen_settings
from ecodesk.models import ElementFinding, RetaliationCase
from ecodesk.records.service import save_record
from ecodesk.storage import migrations
from ecodesk.storage.vault import Vault

PASSPHRASE = "correct horse battery staple"
OLD_FRENCH = "Activités protégées décrites : 1. Étayé par les éléments de preuve corroborants obtenus."


def _as_saved_by_the_old_version(case: RetaliationCase) -> RetaliationCase:
    """The case as schema 5 stored it: each element's reasoning as French sentences, no structured reasons."""
    old = {
        name: getattr(case.assessment, name).model_copy(update={"reasons": [], "reasoning": OLD_FRENCH})
        for name in ("protected_activity", "detrimental_action")
    }
    notes = "Témoin : « parce qu'elle parle au bureau du contrôle »."
    old["contributing_factor"] = ElementFinding(established=True, reasoning=notes)  # the officer's own words
    answers = specimen_answers(1)
    answers.decision.element_notes = {Element.contributing_factor: notes}
    assessment = case.assessment.model_copy(update={**old, "answers": answers.model_dump(mode="json")})
    return case.model_copy(update={"assessment": assessment, "reference": None, "language": "fr"})


def test_old_reasoning_is_derived_again_and_the_officers_words_are_kept(vault: Vault, vault_path: Path) -> None:
    saved = save_record(vault, _as_saved_by_the_old_version(specimen_case(1)))
    # A case saved before reasoning was structured, and no answers: its text stays as it is.
    legacy = specimen_case(1).model_copy(update={"reference": None})
    legacy_assessment = legacy.assessment.model_copy(
        update={"answers": {}, "protected_activity": ElementFinding(established=True, reasoning=OLD_FRENCH)}
    )
    kept = save_record(vault, legacy.model_copy(update={"assessment": legacy_assessment}))
    vault.db.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    vault.close()

    vault = Vault.open(vault_path, PASSPHRASE)
    try:
        assert migrations.current_version(vault.db) == migrations.latest_version()
        case = vault.records.get(saved.id)
        assert isinstance(case, RetaliationCase) and case.revision == saved.revision
        pa = case.assessment.protected_activity
        assert pa.reasoning == "" and pa.reasons  # the generated French text is gone, the reasons are back
        cf = case.assessment.contributing_factor
        assert cf.reasoning.startswith("Témoin") and cf.reasons  # the officer's notes stay as typed
        assert vault.records.revision(case.id, case.revision) == case  # history agrees with the record
        english = render_memo(case, specimen_settings(), language="en", signed=True).pdf
        assert english  # renders; the language check itself is in test_memo_languages
        untouched = vault.records.get(kept.id)
        assert isinstance(untouched, RetaliationCase)
        assert untouched.assessment.protected_activity.reasoning == OLD_FRENCH
        assert vault.verify().ok
    finally:
        vault.close()
