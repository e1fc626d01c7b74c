"""Unsaved wizard answers, kept encrypted in the vault (``vault.drafts``) while a page is being edited.

A page's answers are saved into the case when the officer leaves the page; in between, every edit is kept as a
draft so that a crash or an auto-lock loses nothing. State is per case: several assessments can be in progress.
"""

from __future__ import annotations

import uuid

from ecodesk.assessment.answers import AssessmentAnswers
from ecodesk.jsontext import MalformedJson, parse_model
from ecodesk.storage.vault import Vault


def draft_key(case_id: uuid.UUID) -> str:
    return f"assessment:{case_id}"


def save_draft(vault: Vault, case_id: uuid.UUID, answers: AssessmentAnswers) -> None:
    vault.drafts.put(draft_key(case_id), answers.model_dump_json())


def load_draft(vault: Vault, case_id: uuid.UUID) -> AssessmentAnswers | None:
    """The draft of that case's assessment; None when there is none (or it no longer reads: then it is dropped)."""
    body = vault.drafts.get(draft_key(case_id))
    if body is None:
        return None
    try:
        return parse_model(AssessmentAnswers, body)
    except MalformedJson:
        discard_draft(vault, case_id)
        return None


def discard_draft(vault: Vault, case_id: uuid.UUID) -> None:
    vault.drafts.delete(draft_key(case_id))
