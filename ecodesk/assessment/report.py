"""The assessment as data for people and programs: checklist, derived facts, suggested finding, missing evidence.

Explanations are rendered in the language asked for; codes (kinds, statuses, elements) stay stable for scripts.
"""

from __future__ import annotations

from typing import Any

from ecodesk.assessment.checklist import ChecklistEntry
from ecodesk.assessment.finding import ELEMENT_LABELS, INDICATOR_LABELS
from ecodesk.assessment.service import Evaluation
from ecodesk.i18n import translator
from ecodesk.models import DETERMINATION_LABELS, EVIDENCE_KIND_LABELS, EVIDENCE_STATUS_LABELS, RetaliationCase
from ecodesk.models.clock import clock_state


def _entry(entry: ChecklistEntry, case: RetaliationCase, lang: str | None) -> dict[str, Any]:
    tr = translator(lang)
    item = entry.item
    stored = next((e for e in case.evidence if e.id == item.id), None)
    return {
        "id": str(item.id) if item.id else None,
        "kind": item.kind.value,
        "label": tr.gettext(EVIDENCE_KIND_LABELS[item.kind]),
        "status": item.status.value,
        "status_label": tr.gettext(EVIDENCE_STATUS_LABELS[item.status]),
        "required": entry.required,
        "why": entry.why.render(lang),
        "supports": [e.value for e in entry.supports],
        "source": item.source,
        "date": item.date.isoformat() if item.date else None,
        "notes": item.notes,
        "consent_to_contact": item.consent_to_contact,
        "attachments": [a.name for a in stored.attachments] if stored else [],
    }


def report_data(case: RetaliationCase, evaluation: Evaluation, lang: str | None = None) -> dict[str, Any]:
    """The JSON document ``ecodesk assess --json`` prints."""
    from ecodesk.models.forms_of_address import complainant_forms

    tr = translator(lang)
    forms = complainant_forms(tr.lang, case.complainant.form_of_address)
    facts, finding = evaluation.facts, evaluation.finding
    resolved, total = evaluation.completeness
    determination = case.assessment.determination
    clock = clock_state(case)  # the clock rule: no days left while paused, none once the assessment is completed
    running = clock in ("running", "none")
    return {
        "reference": case.reference,
        "revision": case.revision,
        "status": case.status.value,
        "steps": [step.value for step in evaluation.path],
        "facts": {
            "received_on": facts.received_on.isoformat() if facts.received_on else None,
            "due_on": facts.due_on.isoformat() if facts.due_on and clock != "paused" else None,
            "days_left": facts.days_left if running else None,
            "overdue": facts.overdue and running,
            "clock": clock,
            "assessment_days": facts.assessment_days,
            "filing_limit_months": facts.filing_limit_months,
            "filed_in_time": facts.filed_in_time,
            "days_since_latest_action": facts.days_since_latest_action,
            "closest_interval_days": facts.closest_interval_days,
            "causal_order": facts.causal_order,
            "undated_activities": facts.undated_activities,
            "undated_actions": facts.undated_actions,
            "intervals": [i.model_dump(mode="json") for i in facts.intervals],
            "filing": [f.model_dump(mode="json") for f in facts.filing],
        },
        "checklist": [_entry(e, case, lang) for e in evaluation.checklist],
        "completeness": {"resolved": resolved, "total": total},
        "missing_evidence": [_entry(e, case, lang) for e in evaluation.missing_evidence],
        "suggested_finding": {
            "determination": finding.determination.value if finding.determination else None,
            "label": tr.gettext(DETERMINATION_LABELS[finding.determination]) if finding.determination else None,
            "reasons": [r.render(lang, forms) for r in finding.reasons],
            "needs_verification": finding.needs_verification,
            "elements": {
                e.element.value: {
                    "label": tr.gettext(ELEMENT_LABELS[e.element]),
                    "established": e.established,
                    "reasons": [r.render(lang, forms) for r in e.reasons],
                    "evidence_ids": [str(i) for i in e.evidence_ids],
                }
                for e in finding.elements
            },
            "indicators": {
                f.indicator.value: {"label": tr.gettext(INDICATOR_LABELS[f.indicator]), "present": f.present}
                for f in finding.indicators
            },
        },
        "account": evaluation.answers.account.model_dump(mode="json"),
        "verifications": [v.model_dump(mode="json") for v in evaluation.answers.verifications],
        "determination": determination.value if determination else None,
        "override_reason": case.assessment.override_reason,
        "completed_on": case.assessment.completed_on.isoformat() if case.assessment.completed_on else None,
    }
