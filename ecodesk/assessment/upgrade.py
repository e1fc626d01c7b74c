"""Data upgrades that need the assessment rules: run by the front ends right after unlock.

Schema 9 (``storage/migrations/m0009_structured_reasoning.py``) marks every retaliation case whose reasoning may
still be finished sentences in the case's language; the storage layer cannot derive the reasons itself (the
rules sit above it). ``finish_upgrades`` derives each marked case's reasons (``ElementFinding.reasons``) again
from its stored wizard answers and stores them, with the marks cleared, in one transaction: the work is done
once, whole or not at all, and a memo of an old case states its reasoning in the memo's language.

``reasoning`` then keeps only what the officer typed (the element notes), which memos print as typed and mark as
the officer's own words. Where the rules of this version would reach another finding than the one recorded (a
completed assessment keeps its finding), or where no answers are stored, the stored text is kept as it is and
printed marked the same way.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import ValidationError

from ecodesk.assessment.answers import AssessmentAnswers, Element
from ecodesk.assessment.facts import Limits
from ecodesk.assessment.service import element_finding, evaluate
from ecodesk.storage.records import STRUCTURED_REASONING
from ecodesk.storage.vault import Vault

ELEMENTS = ("protected_activity", "detrimental_action", "contributing_factor")


def restructured(body: dict[str, Any], today: dt.date) -> dict[str, Any] | None:
    """The case body (JSON data) with structured reasoning, or None when nothing changes."""
    assessment = body.get("assessment") or {}
    stored_answers = assessment.get("answers") or {}
    if not stored_answers or any((assessment.get(name) or {}).get("reasons") for name in ELEMENTS):
        return None
    try:
        answers = AssessmentAnswers.model_validate(stored_answers)
    except ValidationError:
        return None
    evaluation = evaluate(answers, Limits(), today)
    changed = False
    for name in ELEMENTS:
        old = assessment.get(name) or {}
        new = element_finding(evaluation, Element(name))
        if old.get("established") != new.established:
            continue  # the recorded finding stands; its text is kept, printed as written
        notes = answers.decision.element_notes.get(Element(name), "")
        assessment[name] = {
            **old,
            "reasoning": notes,
            "reasons": [reason.model_dump(mode="json") for reason in new.reasons],
        }
        changed = True
    return body if changed else None


def finish_upgrades(vault: Vault) -> int:
    """Apply the data upgrades the migrations left to the assessment feature; return how many cases changed.

    Cheap when there is nothing left to do (one query), so every front end calls it after each unlock. A vault
    found rolled back is left as it is until the officer accepts the loss (call again after ``accept_rollback``)."""
    if vault.rollback is not None:
        return 0
    waiting = vault.records.awaiting_upgrade(STRUCTURED_REASONING)
    if not waiting:
        return 0
    today = dt.date.today()
    changed: dict[uuid.UUID, dict[str, Any]] = {}
    for record_id, body in waiting.items():
        new = restructured(body, today)
        if new is not None:
            changed[record_id] = new
    vault.records.finish_upgrade(STRUCTURED_REASONING, changed)
    return len(changed)
