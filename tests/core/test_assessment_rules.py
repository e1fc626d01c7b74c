"""The assessment rules without Qt: navigation, derived facts, checklist, suggested finding, applying answers."""

from __future__ import annotations

import datetime as dt

import pytest

from ecodesk.assessment import (
    AssessmentAnswers,
    AssessmentIncomplete,
    Element,
    Limits,
    Step,
    apply_answers,
    evaluate,
    next_step,
    problems,
)
from ecodesk.assessment.answers import ComplaintAnswers, EvidenceAnswer
from ecodesk.assessment.facts import add_months
from ecodesk.models import (
    AllegedRetaliator,
    CaseStatus,
    Determination,
    DetrimentalAction,
    DetrimentalActionKind,
    EvidenceKind,
    EvidenceStatus,
    ProtectedActivity,
    ProtectedActivityKind,
    RetaliationCase,
)

TODAY = dt.date(2026, 11, 23)
RECEIVED = dt.date(2026, 10, 1)
LIMITS = Limits()


def answers(**overrides: object) -> AssessmentAnswers:
    """A complete, in-time, well-supported complaint; ``overrides`` replace whole sections."""
    data: dict[str, object] = {
        "complaint": {"title": "Non-renewal after audit", "received_on": RECEIVED.isoformat()},
        "mandate": {"complainant_covered": True, "alleges_retaliation": True},
        "protected_activities": [
            {"kind": "cooperated_with_audit", "date": "2026-06-01", "description": "Interviewed by auditors"}
        ],
        "detrimental_actions": [
            {"kind": "non_renewal", "date": "2026-08-15", "description": "Contract not renewed", "decision_maker": "B"}
        ],
        "alleged_retaliators": [{"name": "B", "role": "Head of office", "knew_of_protected_activity": True}],
        "indicators": {"weak_or_shifting_reasons": True},
        "evidence": [
            {"kind": "complainant_statement", "status": "obtained"},
            {"kind": "protected_activity_proof", "status": "obtained"},
            {"kind": "contested_decision", "status": "obtained"},
            {"kind": "communications", "status": "obtained"},
        ],
    }
    data.update(overrides)
    return AssessmentAnswers.model_validate(data)


def run(a: AssessmentAnswers):  # type: ignore[no-untyped-def]
    return evaluate(a, LIMITS, TODAY)


def activity(date: str | None, kind: str = "reported_to_oversight") -> dict[str, object]:
    return {"kind": kind, "date": date, "description": "report"}


def action(date: str | None, kind: str = "poor_appraisal") -> dict[str, object]:
    return {"kind": kind, "date": date, "description": "action"}


# -- navigation ------------------------------------------------------------------------------------------------
def test_a_complaint_within_mandate_and_time_walks_every_step() -> None:
    assert run(answers()).path == list(Step)


@pytest.mark.parametrize("field", ["complainant_covered", "alleges_retaliation"])
def test_out_of_mandate_goes_straight_to_the_conclusion(field: str) -> None:
    mandate = {"complainant_covered": True, "alleges_retaliation": True, field: False}
    evaluation = run(answers(mandate=mandate))
    assert next_step(Step.mandate, evaluation.answers, evaluation.facts) is Step.conclusion
    assert evaluation.path == [Step.complaint, Step.mandate, Step.conclusion]
    assert evaluation.finding.determination is Determination.out_of_mandate


def test_a_late_complaint_not_excused_goes_to_the_conclusion_as_out_of_time() -> None:
    late = answers(detrimental_actions=[action("2026-03-01", "non_renewal")], timeliness={"accept_late_filing": False})
    evaluation = run(late)
    assert evaluation.facts.filed_in_time is False
    assert evaluation.path[-2:] == [Step.timeliness, Step.conclusion]
    assert evaluation.finding.determination is Determination.out_of_time
    assert "7 months" not in evaluation.finding.reasons[0].render("en")  # the office's limit is what is quoted
    assert "6 months" in evaluation.finding.reasons[0].render("en")


def test_an_accepted_late_filing_continues_and_needs_its_reason() -> None:
    late = answers(
        protected_activities=[activity("2026-01-15")],
        detrimental_actions=[action("2026-03-01", "non_renewal")],
        timeliness={"accept_late_filing": True},
    )
    evaluation = run(late)
    assert Step.link in evaluation.path
    assert problems(Step.timeliness, late, evaluation.facts, evaluation.finding, TODAY)
    excused = late.model_copy(update={"timeliness": late.timeliness.model_copy(update={"late_filing_reason": "sick"})})
    evaluation = run(excused)
    assert problems(Step.timeliness, excused, evaluation.facts, evaluation.finding, TODAY) == []
    assert evaluation.finding.determination is Determination.prima_facie_case


def test_the_late_filing_question_is_required_only_when_filed_late() -> None:
    for late, expected in ((False, 0), (True, 1)):
        a = answers(detrimental_actions=[action("2026-03-01" if late else "2026-09-01", "non_renewal")])
        e = run(a)
        assert len(problems(Step.timeliness, a, e.facts, e.finding, TODAY)) == expected


def test_each_step_names_what_is_missing() -> None:
    empty = AssessmentAnswers()
    e = run(empty)
    texts = {step: [p.render("en") for p in problems(step, empty, e.facts, e.finding, TODAY)] for step in Step}
    assert texts[Step.complaint] == ["Give the complaint a short title.", "Enter the date the complaint was received."]
    assert len(texts[Step.mandate]) == 2
    assert texts[Step.protected_activity] == ["Describe at least one protected activity."]
    assert texts[Step.detrimental_action] == ["Describe at least one detrimental action."]
    assert texts[Step.link] == ["Identify at least one alleged retaliator (a name or a role)."]
    assert "Write the conclusion." in texts[Step.conclusion]
    assert problems(Step.complaint, answers(), run(answers()).facts, run(answers()).finding, TODAY) == []


def test_problems_are_translated() -> None:
    empty = AssessmentAnswers()
    e = run(empty)
    french = problems(Step.protected_activity, empty, e.facts, e.finding, TODAY)[0].render("fr")
    spanish = problems(Step.protected_activity, empty, e.facts, e.finding, TODAY)[0].render("es")
    assert french != "Describe at least one protected activity." and "activité protégée" in french
    assert "actividad protegida" in spanish


# -- derived facts ---------------------------------------------------------------------------------------------
def test_derived_facts_of_an_ordinary_complaint() -> None:
    facts = run(answers()).facts
    assert facts.due_on == RECEIVED + dt.timedelta(days=30)
    assert facts.days_left == (facts.due_on - TODAY).days and facts.overdue
    assert facts.closest_interval_days == (dt.date(2026, 8, 15) - dt.date(2026, 6, 1)).days
    assert facts.days_since_latest_action == (RECEIVED - dt.date(2026, 8, 15)).days
    assert facts.filed_in_time is True and facts.causal_order == "possible"


def test_the_limits_come_from_the_office_policy() -> None:
    a = answers(detrimental_actions=[action("2026-03-01")])
    assert evaluate(a, Limits(filing_limit_months=6), TODAY).facts.filed_in_time is False
    relaxed = evaluate(a, Limits(filing_limit_months=12, assessment_days=45), TODAY).facts
    assert relaxed.filed_in_time is True and relaxed.due_on == RECEIVED + dt.timedelta(days=45)


def test_the_filing_limit_counts_calendar_months() -> None:
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    on_the_day = answers(
        complaint={"title": "t", "received_on": "2026-10-01"}, detrimental_actions=[action("2026-04-01")]
    )
    day_after = answers(
        complaint={"title": "t", "received_on": "2026-10-02"}, detrimental_actions=[action("2026-04-01")]
    )
    assert run(on_the_day).facts.filed_in_time is True
    assert run(day_after).facts.filed_in_time is False


def test_filed_after_six_months_is_out_of_time_with_the_days_counted() -> None:
    e = run(answers(detrimental_actions=[action("2026-02-10", "termination")]))
    assert e.facts.filed_in_time is False
    assert e.facts.days_since_latest_action == (RECEIVED - dt.date(2026, 2, 10)).days
    assert e.finding.determination is Determination.out_of_time  # until the officer accepts the late filing


def test_missing_dates_leave_timing_and_filing_unknown() -> None:
    a = answers(protected_activities=[activity(None)], detrimental_actions=[action(None, "non_renewal")])
    e = run(a)
    assert e.facts.filed_in_time is None and e.facts.closest_interval_days is None
    assert e.facts.causal_order == "unknown"
    assert e.facts.undated_activities == 1 and e.facts.undated_actions == 1
    pa = [r.render("en") for r in e.finding.element(Element.protected_activity).reasons]
    assert "The date of at least one protected activity is not yet known." in pa
    cf = [r.render("en") for r in e.finding.element(Element.contributing_factor).reasons]
    assert any("Missing dates" in text for text in cf)
    assert Step.link in e.path  # unknown timeliness does not end the assessment


def test_no_received_date_gives_no_deadline() -> None:
    facts = run(answers(complaint={"title": "t"})).facts
    assert facts.due_on is None and facts.days_left is None and facts.filed_in_time is None


# -- suggested finding -----------------------------------------------------------------------------------------
def test_a_well_supported_complaint_suggests_a_prima_facie_case_with_its_evidence() -> None:
    case = RetaliationCase(title="t", received_on=RECEIVED)
    updated, e = apply_answers(case, answers(), LIMITS, TODAY)
    assert e.finding.determination is Determination.prima_facie_case
    assert all(element.established for element in e.finding.elements)
    statement = next(i for i in updated.evidence if i.kind is EvidenceKind.complainant_statement)
    proof = next(i for i in updated.evidence if i.kind is EvidenceKind.protected_activity_proof)
    decision = next(i for i in updated.evidence if i.kind is EvidenceKind.contested_decision)
    assert proof.id in updated.assessment.protected_activity.evidence_ids
    assert decision.id in updated.assessment.detrimental_action.evidence_ids
    assert decision.id not in updated.assessment.protected_activity.evidence_ids
    assert statement.id in updated.assessment.contributing_factor.evidence_ids
    cf = updated.assessment.contributing_factor
    assert "The stated reasons are weak or have shifted." in [r.message for r in cf.reasons]
    assert cf.reasoning == ""  # no text of the officer's: the reasons are message ids, not sentences


def test_an_action_before_the_protected_activity_cannot_be_caused_by_it() -> None:
    a = answers(protected_activities=[activity("2026-08-20")], detrimental_actions=[action("2026-08-15")])
    e = run(a)
    assert e.facts.causal_order == "impossible" and e.facts.closest_interval_days is None
    cf = e.finding.element(Element.contributing_factor)
    assert cf.established is False
    assert "predates every protected activity" in cf.reasons[0].render("en")
    assert e.finding.determination is Determination.no_prima_facie_case


def test_several_activities_and_actions_use_the_closest_following_pair() -> None:
    a = answers(
        protected_activities=[activity("2026-01-10"), activity("2026-07-01", "cooperated_with_investigation")],
        detrimental_actions=[action("2026-05-01"), action("2026-07-21", "non_renewal"), action(None, "threat")],
    )
    e = run(a)
    assert len(e.facts.intervals) == 4  # the undated action pairs with nothing
    assert e.facts.closest_interval_days == 20
    assert e.facts.causal_order == "possible"  # one action follows an activity even though another precedes it
    assert len(e.facts.filing) == 2 and e.facts.filed_in_time is True
    assert e.facts.days_since_latest_action == (RECEIVED - dt.date(2026, 7, 21)).days
    texts = [r.render("en") for r in e.finding.element(Element.detrimental_action).reasons]
    assert "The date of at least one detrimental action is not yet known." in texts


def test_an_old_action_does_not_make_a_complaint_late_when_a_recent_one_is_in_time() -> None:
    a = answers(detrimental_actions=[action("2025-01-01"), action("2026-09-01")])
    facts = run(a).facts
    assert [f.in_time for f in facts.filing] == [False, True] and facts.filed_in_time is True


def test_knowledge_denied_means_no_contributing_factor() -> None:
    a = answers(alleged_retaliators=[{"name": "B", "knew_of_protected_activity": False}])
    e = run(a)
    assert e.finding.element(Element.contributing_factor).established is False
    assert e.finding.determination is Determination.no_prima_facie_case


def test_alleged_indicators_without_evidence_leave_the_finding_open() -> None:
    a = answers(evidence=[{"kind": "contested_decision", "status": "obtained"}])
    e = run(a)
    assert e.finding.element(Element.protected_activity).established is None
    assert e.finding.determination is None
    assert [entry.item.kind for entry in e.missing_evidence][:2] == [
        EvidenceKind.complainant_statement,
        EvidenceKind.protected_activity_proof,
    ]


def test_evidence_that_cannot_be_obtained_leaves_the_element_to_verify_not_disproved() -> None:
    unavailable = [
        {"kind": kind, "status": "not_available"}
        for kind in ("complainant_statement", "protected_activity_proof", "communications", "witness")
    ]
    e = run(answers(evidence=[*unavailable, {"kind": "contested_decision", "status": "obtained"}]))
    pa = e.finding.element(Element.protected_activity)
    assert pa.established is None and pa.evidence_ids == []
    assert e.finding.determination is None and e.finding.needs_verification
    assert "This can be verified with the internal oversight office." in [r.render("en") for r in pa.reasons]


def threat_case(**overrides: object) -> AssessmentAnswers:
    """A verbal threat "because she talks to the oversight office": nothing in writing, a credible account."""
    data: dict[str, object] = {
        "protected_activities": [
            {"kind": "cooperated_with_investigation", "date": "2026-06-01", "description": "Interviewed"}
        ],
        "detrimental_actions": [
            {"kind": "threat", "date": "2026-07-10", "description": "Told she would be dealt with because she "
             "talks to the oversight office"}
        ],
        "alleged_retaliators": [{"name": "B", "role": "Supervisor", "knew_of_protected_activity": True}],
        "indicators": {"expressed_animus": True},
        "evidence": [
            {"kind": "complainant_statement", "status": "obtained"},
            {"kind": "protected_activity_proof", "status": "not_available"},
            {"kind": "contested_decision", "status": "not_applicable"},
            {"kind": "communications", "status": "not_available"},
            {"kind": "witness", "status": "not_available"},
        ],
        "account": {"detailed_and_consistent": True},
    }
    data.update(overrides)
    return answers(**data)


def test_a_credible_account_of_a_verbal_threat_is_never_closed_as_no_prima_facie_case() -> None:
    e = run(threat_case())
    assert e.finding.determination is Determination.prima_facie_case  # the account is evidence
    da = [r.render("en") for r in e.finding.element(Element.detrimental_action).reasons]
    assert any("detailed, dated and consistent account of the detrimental action" in text for text in da)
    # The account not yet weighed: still never "no prima facie case", but "needs verification".
    e = run(threat_case(account={}))
    assert e.finding.determination is None and e.finding.needs_verification
    assert all(element.established is not False for element in e.finding.elements)


def test_cooperation_with_oversight_is_verified_with_that_office() -> None:
    asked = {"element": "protected_activity", "body": "oversight_office", "asked_on": "2026-10-05"}
    e = run(threat_case(verifications=[asked]))
    pa = e.finding.element(Element.protected_activity)
    assert pa.established is None and e.finding.determination is None  # waiting for the answer, not closed
    assert any("asked of the internal oversight office on 5 October 2026" in r.render("en") for r in pa.reasons)
    confirmed = {**asked, "answered_on": "2026-10-12", "answer": "confirmed"}
    e = run(threat_case(verifications=[confirmed], account={}))
    pa = e.finding.element(Element.protected_activity)
    assert pa.established is True
    assert "Le bureau du contrôle interne a confirmé ce point le 12 octobre 2026." in [
        r.render("fr") for r in pa.reasons
    ]


# -- checklist -------------------------------------------------------------------------------------------------
def test_the_checklist_lists_every_kind_and_requires_what_the_answers_call_for() -> None:
    harassment = answers(detrimental_actions=[action("2026-08-15", "harassment")])
    required = {e.item.kind for e in run(harassment).checklist if e.required}
    assert EvidenceKind.appraisals not in required and EvidenceKind.stated_reasons not in required
    non_renewal = answers(indicators={"departs_from_comparators": True})
    entries = run(non_renewal).checklist
    assert len(entries) == 9
    required = {e.item.kind for e in entries if e.required}
    assert {EvidenceKind.appraisals, EvidenceKind.contract_history, EvidenceKind.comparator_treatment} <= required
    assert all(e.why.render("fr") != e.why.render("en") for e in entries)


def test_completeness_counts_settled_items() -> None:
    e = run(
        answers(
            evidence=[{"kind": "witness", "status": "not_applicable"}, {"kind": "appraisals", "status": "requested"}]
        )
    )
    assert e.completeness == (1, 9)


def test_obtained_witness_details_need_the_consent_answer() -> None:
    a = answers(evidence=[{"kind": "witness", "status": "obtained"}])
    e = run(a)
    assert problems(Step.evidence, a, e.facts, e.finding, TODAY)
    a = answers(evidence=[{"kind": "witness", "status": "obtained", "consent_to_contact": False}])
    assert problems(Step.evidence, a, e.facts, e.finding, TODAY) == []


# -- applying answers ------------------------------------------------------------------------------------------
def test_an_override_requires_a_written_reason() -> None:
    case = RetaliationCase(title="t", received_on=RECEIVED)
    overridden = answers(
        decision={"determination": "no_prima_facie_case"}, conclusion={"conclusion": "No case.", "completed": True}
    )
    with pytest.raises(AssessmentIncomplete) as raised:
        apply_answers(case, overridden, LIMITS, TODAY)
    assert "give the reason for the override" in str(raised.value)
    assert raised.value.exit_code == 2
    reasoned = overridden.model_copy(
        update={"decision": overridden.decision.model_copy(update={"override_reason": "The appraisal predates."})}
    )
    updated, _ = apply_answers(case, reasoned, LIMITS, TODAY)
    assert updated.assessment.determination is Determination.no_prima_facie_case
    assert updated.assessment.suggested_determination is Determination.prima_facie_case
    assert updated.assessment.override_reason == "The appraisal predates."
    assert updated.status is CaseStatus.awaiting_hq and updated.assessment.completed_on == TODAY


def test_confirming_the_suggestion_needs_no_reason_and_the_case_awaits_hq() -> None:
    case = RetaliationCase(title="t", received_on=RECEIVED)
    done = answers(
        conclusion={
            "measures": [{"kind": "suspension_of_action", "details": "Suspend the non-renewal"}],
            "recommendations": "Refer to OIOS.",
            "conclusion": "Prima facie case.",
            "completed": True,
        }
    )
    updated, _ = apply_answers(case, done, LIMITS, TODAY)
    # A regional officer's assessment goes to HQ: the Chief decides on the referral, not the wizard.
    assert updated.status is CaseStatus.awaiting_hq
    at_hq, _ = apply_answers(case, done, LIMITS, TODAY, at_hq=True)
    assert at_hq.status is CaseStatus.assessed
    assert updated.assessment.determination is Determination.prima_facie_case
    assert updated.assessment.override_reason == ""
    assert [m.value for m in updated.assessment.protective_measures] == ["suspension_of_action"]
    assert updated.assessment.measure_details[0].details == "Suspend the non-renewal"


def test_unfinished_answers_record_no_determination() -> None:
    case = RetaliationCase(title="t", received_on=RECEIVED)
    updated, e = apply_answers(case, answers(), LIMITS, TODAY)
    assert e.finding.determination is Determination.prima_facie_case
    assert updated.assessment.determination is None and updated.status is CaseStatus.in_assessment
    assert updated.assessment.answers["protected_activities"]


def test_applying_keeps_attachments_and_items_the_answers_do_not_mention() -> None:
    from ecodesk.models import AttachmentRef, EvidenceItem

    ref = AttachmentRef(name="letter.pdf", size=3, sha256="0" * 64)
    stored = EvidenceItem(kind=EvidenceKind.contested_decision, attachments=[ref])
    extra = EvidenceItem(kind=EvidenceKind.other, title="Photo", status=EvidenceStatus.obtained)
    case = RetaliationCase(title="t", received_on=RECEIVED, evidence=[stored, extra])
    updated, _ = apply_answers(case, answers(), LIMITS, TODAY)
    decision = next(i for i in updated.evidence if i.kind is EvidenceKind.contested_decision)
    assert decision.id == stored.id and decision.attachments == [ref]
    assert decision.status is EvidenceStatus.obtained
    assert extra in updated.evidence
    assert len({i.id for i in updated.evidence}) == len(updated.evidence) == 10


def test_a_changed_receipt_date_moves_the_deadline() -> None:
    case = RetaliationCase(title="t", received_on=RECEIVED, assessment_due_on=RECEIVED + dt.timedelta(days=30))
    a = answers(complaint=ComplaintAnswers(title="t", received_on=dt.date(2026, 10, 10)).model_dump(mode="json"))
    updated, e = apply_answers(case, a, LIMITS, TODAY)
    assert updated.assessment_due_on == dt.date(2026, 11, 9) == e.facts.due_on


def test_saved_answers_round_trip_through_the_case() -> None:
    from ecodesk.assessment import answers_from_case

    case = RetaliationCase(title="t", received_on=RECEIVED)
    original = answers(indicators={"expressed_animus": True, "notes": "Shouted at the meeting"}, step="link")
    updated, _ = apply_answers(case, original, LIMITS, TODAY)
    back = answers_from_case(updated)
    assert back.indicators == original.indicators and back.step is Step.link
    assert back.protected_activities == [
        ProtectedActivity.model_validate(p.model_dump()) for p in original.protected_activities
    ]
    assert back.alleged_retaliators == [
        AllegedRetaliator(name="B", role="Head of office", knew_of_protected_activity=True)
    ]
    assert {e.kind for e in back.evidence} >= {EvidenceKind.complainant_statement, EvidenceKind.witness}
    assert all(isinstance(e, EvidenceAnswer) and e.id for e in back.evidence)


def test_unknown_fields_in_answers_are_refused() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        AssessmentAnswers.model_validate({"mandate": {"within": True}})
    assert DetrimentalAction(kind=DetrimentalActionKind.threat).date is None
    assert ProtectedActivity(kind=ProtectedActivityKind.other).kind == "other"


def test_the_rules_do_not_load_qt() -> None:
    import subprocess
    import sys

    code = "import sys, ecodesk.assessment, ecodesk.cli.assess_commands; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
