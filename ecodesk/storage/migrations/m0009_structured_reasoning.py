"""Schema 9: the reasoning of each prima facie element as message ids with arguments, not finished text.

Before, the assessment stored each element's explanation as sentences in the case's language, so a memo in
another language printed them untranslated. For every retaliation case whose wizard answers are stored, the
reasons are derived again from those answers (``ElementFinding.reasons``) and ``reasoning`` keeps only what the
officer typed (the element notes), which memos print as typed and mark as the officer's own words. Where the
rules of this version would reach another finding than the one recorded (a completed assessment keeps its
finding), or where no answers are stored, the stored text is kept as it is and printed marked the same way.

The current body of each case is rewritten in place together with its current revision in ``revisions``
(older revisions stay as they were saved). This migration calls the assessment rules, which sit above the
storage layer: it imports them inside ``upgrade`` only.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 9

ELEMENTS = ("protected_activity", "detrimental_action", "contributing_factor")


def restructured(body: dict[str, Any]) -> dict[str, Any] | None:
    """The case body with structured reasoning, or None when nothing changes."""
    import datetime as dt

    from pydantic import ValidationError

    from ecodesk.assessment.answers import AssessmentAnswers, Element
    from ecodesk.assessment.facts import Limits
    from ecodesk.assessment.service import element_finding, evaluate

    assessment = body.get("assessment") or {}
    stored_answers = assessment.get("answers") or {}
    if not stored_answers or any((assessment.get(name) or {}).get("reasons") for name in ELEMENTS):
        return None
    try:
        answers = AssessmentAnswers.model_validate(stored_answers)
    except ValidationError:
        return None
    evaluation = evaluate(answers, Limits(), dt.date.today())
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


def upgrade(db: Database) -> None:
    rows = db.all("SELECT id, revision, body FROM records WHERE kind = 'retaliation'")
    for record_id, revision, text in rows:
        body = restructured(json.loads(text))
        if body is None:
            continue
        new_text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
        db.execute("UPDATE records SET body = ? WHERE id = ?", (new_text, record_id))
        db.execute(
            "UPDATE revisions SET body = ? WHERE record_id = ? AND revision = ?", (new_text, record_id, revision)
        )
