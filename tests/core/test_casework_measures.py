"""Protective measures with follow-up (consent, the Administration's response, Home's follow-up list), the
preventive-protection path, the good-faith question and how each detrimental action stands."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from ecodesk.assessment import Limits, apply_answers
from ecodesk.assessment.answers import AssessmentAnswers
from ecodesk.casework.measures import recommend_measure, record_response
from ecodesk.errors import InvalidInput
from ecodesk.models import (
    Determination,
    DetrimentalAction,
    ProtectedActivity,
    ProtectedActivityKind,
    ProtectiveMeasure,
    RetaliationCase,
    SearchQuery,
)
from ecodesk.models.workflow import ActionStatus, MeasureResponse, RequestKind
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault
from tests.conftest import CliRunner

TODAY = dt.date(2026, 4, 1)


def _case(vault: Vault) -> str:
    saved = save_record(vault, RetaliationCase(title="Threats after PSEAH report", received_on=dt.date(2026, 3, 2)))
    return saved.reference or ""


def test_reassignment_needs_the_complainants_consent(vault: Vault) -> None:
    ref = _case(vault)
    with pytest.raises(InvalidInput, match="consent"):
        recommend_measure(vault, ref, kind=ProtectiveMeasure.temporary_reassignment, recommended_to="Director")
    case, measure = recommend_measure(vault, ref, kind=ProtectiveMeasure.temporary_reassignment, consent=True,
                                      recommended_to="Director of Administration", on=dt.date(2026, 3, 5),
                                      follow_up_on=dt.date(2026, 3, 19))
    assert measure.interim and measure.complainant_consents and measure.response is MeasureResponse.pending
    assert case.measures[0].recommended_on == dt.date(2026, 3, 5)


def test_follow_ups_are_listed_until_the_administration_implements_the_measure(vault: Vault) -> None:
    ref = _case(vault)
    _case(vault)  # another case, nothing to follow up
    _, measure = recommend_measure(vault, ref, kind=ProtectiveMeasure.suspension_of_action, recommended_to="ASG",
                                   on=dt.date(2026, 3, 5), follow_up_on=dt.date(2026, 3, 19))
    due = vault.records.find(SearchQuery(follow_up_before=dt.date(2026, 3, 20)))
    assert [s.reference for s in due] == [ref] and due[0].follow_up_on == dt.date(2026, 3, 19)
    record_response(vault, ref, str(measure.id)[:8], response=MeasureResponse.accepted, on=dt.date(2026, 3, 10),
                    follow_up_on=dt.date(2026, 3, 30))
    assert vault.records.find(SearchQuery(follow_up_before=dt.date(2026, 3, 20))) == []
    done = record_response(vault, ref, "suspension_of_action", response=MeasureResponse.implemented,
                           on=dt.date(2026, 3, 25))
    m = done.measures[0]
    assert (m.accepted_on, m.implemented_on) == (dt.date(2026, 3, 10), dt.date(2026, 3, 25))
    assert vault.records.find(SearchQuery(follow_up_before=dt.date(2027, 1, 1))) == []


def test_the_cli_records_measures_and_responses(vault: Vault, cli: CliRunner) -> None:
    ref = _case(vault)
    vault.close()
    refused = cli("case", "measure", ref, "--kind", "special_leave", "--to", "Director")
    assert refused.code == 2 and refused.err.startswith("error: ")
    made = cli("case", "measure", ref, "--kind", "special_leave", "--consent", "yes", "--to", "Director",
               "--on", "2026-03-05", "--json")
    data = json.loads(made.out)
    assert data["measures"][0]["complainant_consents"] is True and data["measures"][0]["follow_up_on"] == "2026-03-19"
    declined = cli("case", "measure-response", ref, data["measure_id"][:8], "--response", "declined",
                   "--on", "2026-03-12", "--json")
    assert json.loads(declined.out)["measures"][0]["declined_on"] == "2026-03-12"
    spanish = cli("--lang", "es", "case", "workflow", ref)
    assert "Rechazada" in spanish.out


def _answers(**mandate: object) -> AssessmentAnswers:
    return AssessmentAnswers.model_validate({
        "complaint": {"title": "At risk after reporting", "received_on": "2026-03-02"},
        "mandate": {"complainant_covered": True, **mandate},
        "protected_activities": [{"kind": "reported_to_pseah_channel", "date": "2026-02-20"}],
    })  # fmt: skip


def test_a_request_for_preventive_protection_is_its_own_path_not_outside_the_mandate() -> None:
    case = RetaliationCase(title="t", received_on=dt.date(2026, 3, 2))
    retaliation, _ = apply_answers(case, _answers(alleges_retaliation=False), Limits(), TODAY)
    assert retaliation.assessment.suggested_determination is Determination.out_of_mandate
    preventive, _ = apply_answers(
        case, _answers(alleges_retaliation=False, request_kind="preventive"), Limits(), TODAY
    )
    assert preventive.request_kind is RequestKind.preventive
    assert preventive.assessment.within_mandate is True
    assert preventive.assessment.suggested_determination is Determination.preventive_protection


def test_the_good_faith_question_is_recorded_without_a_burden_on_the_complainant() -> None:
    case = RetaliationCase(title="t", received_on=dt.date(2026, 3, 2))
    unknown, _ = apply_answers(case, _answers(alleges_retaliation=True), Limits(), TODAY)
    assert unknown.good_faith.indication_of_bad_faith is None  # not answered: good faith is presumed
    answered, _ = apply_answers(
        case, _answers(alleges_retaliation=True, indication_of_bad_faith=False, good_faith_notes="Consistent."),
        Limits(), TODAY,
    )  # fmt: skip
    assert answered.good_faith.indication_of_bad_faith is False and answered.good_faith.notes == "Consistent."


def test_protected_activities_include_the_ethics_office_pseah_and_external_bodies() -> None:
    kinds = {k.value for k in ProtectedActivityKind}
    assert {"reported_to_ethics_office", "reported_to_pseah_channel", "reported_to_external_body"} <= kinds
    activity = ProtectedActivity(kind=ProtectedActivityKind.reported_to_external_body)
    assert activity.kind is ProtectedActivityKind.reported_to_external_body


def test_each_action_records_whether_it_was_taken_threatened_or_recommended_and_by_whom() -> None:
    action = DetrimentalAction(kind="non_renewal", action_status="threatened", decision_maker="J. Smith")
    assert action.action_status is ActionStatus.threatened and action.decision_maker == "J. Smith"
    assert DetrimentalAction().action_status is ActionStatus.taken  # what older records meant


def test_the_knowledge_indicator_is_that_of_the_person_behind_the_action() -> None:
    from ecodesk.assessment.actors import deciders_knowledge
    from ecodesk.models import AllegedRetaliator

    people = [AllegedRetaliator(name="Anna Brown", knew_of_protected_activity=False),
              AllegedRetaliator(name="Ben Green", knew_of_protected_activity=True)]  # fmt: skip
    by_anna = [DetrimentalAction(kind="non_renewal", decision_maker="anna  brown")]
    assert deciders_knowledge(people, by_anna) is False  # Ben knew, but Anna decided
    by_ben = [DetrimentalAction(kind="threat", action_status="threatened", decision_maker="Ben Green")]
    assert deciders_knowledge(people, by_ben) is True
    assert deciders_knowledge(people, [DetrimentalAction(kind="other")]) is True  # no one named: anyone counts


def test_a_regional_vault_refuses_hq_decisions_typed_into_case_add(vault: Vault, cli: CliRunner) -> None:
    ref = _case(vault)
    vault.close()
    edit = json.dumps({"reference": ref, "hq_decision": {"final_outcome": "retaliation_established"}})
    result = cli("case", "add", "-", stdin=edit)
    assert result.code == 2 and "Only HQ records this decision" in result.err
    closing = cli("case", "close", ref, "--letter-sent", "2026-04-01", "--on", "2026-04-01", "--json")
    assert closing.code == 0 and json.loads(closing.out)["status"] == "closed"  # closure is the office's own


def test_hq_decisions_and_measures_take_only_known_codes() -> None:
    from pydantic import ValidationError

    from ecodesk.models.workflow import HQDecision, MeasureFollowUp

    with pytest.raises(ValidationError):
        HQDecision(determination="guilty")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        MeasureFollowUp(kind="relocation")  # type: ignore[arg-type]
    assert MeasureFollowUp().kind is ProtectiveMeasure.other


def test_one_rule_checks_the_follow_up_for_the_services_and_the_editor() -> None:
    from ecodesk.casework.rules import CONSENT_REQUIRED, CONTRADICTION, REASONS_REQUIRED, follow_up_problems
    from ecodesk.models import RetaliationCase
    from ecodesk.models.workflow import HQDecision, MeasureFollowUp

    leave = MeasureFollowUp(kind="special_leave")
    case = RetaliationCase(
        title="t", received_on=dt.date(2026, 3, 2), measures=[MeasureFollowUp(kind="other"), leave],
        hq_decision=HQDecision(review_outcome="changed", final_outcome="retaliation_established",
                               clear_and_convincing=True),
    )  # fmt: skip
    assert follow_up_problems(case) == {
        "measures.1.complainant_consents": CONSENT_REQUIRED,
        "hq_decision.review_reasons": REASONS_REQUIRED,
        "hq_decision.clear_and_convincing": CONTRADICTION,
    }
    # A case stored before the rule is not held up by it until that part changes (the list's order does not count).
    reordered = case.model_copy(update={"measures": [leave], "title": "renamed"})
    assert follow_up_problems(reordered, before=case) == {}
    added = reordered.model_copy(update={"measures": [leave, MeasureFollowUp(kind="temporary_reassignment")]})
    assert follow_up_problems(added, before=case) == {"measures.1.complainant_consents": CONSENT_REQUIRED}
