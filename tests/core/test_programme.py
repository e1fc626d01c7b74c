"""Issue 14, point 10: advice categories and requester type, the YDI campaign, training sessions, recusal."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from ecodesk.assessment.answers import AssessmentAnswers
from ecodesk.assessment.service import save_answers
from ecodesk.errors import Conflict, InvalidInput, NotFound
from ecodesk.models import (
    AdviceCategory,
    AdviceRecord,
    FilerCategory,
    FilingStatus,
    RecordKind,
    RecusalParty,
    RequesterType,
    RetaliationCase,
    SearchQuery,
    TrainingSession,
    YdiCampaign,
    record_adapter,
)
from ecodesk.models.records import MANAGED_FIELDS, record_content_sha256, sent_content_sha256
from ecodesk.records import recusal, training, ydi
from ecodesk.records.recusal import flag_recusal, refuse_if_recused
from ecodesk.records.service import save_record, upsert_from_data
from ecodesk.storage.vault import Vault

OPENED, DUE = dt.date(2026, 1, 15), dt.date(2026, 3, 31)


# -- advice ------------------------------------------------------------------------------------------------------
def test_an_advice_record_has_several_categories_and_a_requester_type(vault: Vault) -> None:
    advice = upsert_from_data(vault, RecordKind.advice, {
        "categories": ["gifts", "local_customs", "gifts"], "requester_type": "manager",
        "question": "May my team accept a sheep for Tabaski from a supplier?", "received_on": "2026-05-02"})
    assert isinstance(advice, AdviceRecord)
    assert advice.categories == [AdviceCategory.gifts, AdviceCategory.local_customs]  # a repeat is dropped
    assert advice.requester_type == RequesterType.manager
    # Found under either category (the list filter and the advice list of the CLI).
    for category in ("gifts", "local_customs"):
        assert [s.reference for s in vault.records.find(SearchQuery(kind="advice", category=category))] == [
            advice.reference]
    assert vault.records.find(SearchQuery(kind="advice", category="media")) == []


def test_the_situations_of_caution_of_the_standards_of_conduct_are_categories() -> None:
    for name in ("relations_with_governments", "relations_with_public", "local_customs", "personal_conduct",
                 "financial_holdings", "post_employment", "reporting_and_protection", "financial_disclosure",
                 "conflict_of_interest", "gifts", "other"):
        assert AdviceCategory(name)


def test_an_advice_record_needs_a_category_and_old_json_with_one_category_is_read() -> None:
    with pytest.raises(ValueError):
        AdviceRecord(categories=[], question="q", received_on=dt.date(2026, 1, 1))
    old = record_adapter.validate_python(
        {"kind": "advice", "category": "media", "question": "q", "received_on": "2026-01-01"})
    assert isinstance(old, AdviceRecord) and old.categories == [AdviceCategory.media]
    assert old.requester_type is None  # not recorded before


def test_a_package_record_of_the_previous_version_with_one_category_is_accepted() -> None:
    old_body = {"id": str(uuid.uuid4()), "kind": "advice", "reference": "ADV-2026-DKR-0001", "office": "DKR",
                "language": "en", "notes": "", "category": "gifts", "status": "open",
                "requester": {"anonymous": True, "name": "", "position": "", "office": "", "email": ""},
                "question": "q", "advice": "", "standards_references": [], "received_on": "2026-01-01",
                "advised_on": None, "follow_up": "", "follow_up_on": None,
                "revision": 2, "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}
    record = record_adapter.validate_python(old_body)
    # The sender hashed the record in its shape; this version's shape hashes differently, the sent one matches.
    assert record_content_sha256(record) != sent_content_sha256(old_body)
    assert "revision" in MANAGED_FIELDS
    from ecodesk.packages.format import RecordEntry
    from ecodesk.packages.reader import _record

    body = json.dumps(old_body).encode()
    entry = RecordEntry(id=old_body["id"], reference="ADV-2026-DKR-0001", kind="advice", office="DKR", revision=2,
                        size=len(body), sha256="0" * 64, content_sha256=sent_content_sha256(old_body))
    received = _record(entry, body)
    assert received.categories == [AdviceCategory.gifts]


# -- YDI ---------------------------------------------------------------------------------------------------------
def _campaign(vault: Vault) -> YdiCampaign:
    ydi.open_campaign(vault, 2026, DUE, opened_on=OPENED)
    ydi.add_filer(vault, 2026, {"name": "Amadou Diallo", "category": "head_of_office", "grade": "D1",
                                "office": "DKR"})
    ydi.add_filer(vault, 2026, {"name": "Marie Sow", "category": "resource_management",
                                "email": "m.sow@example.org"})
    return ydi.add_filer(vault, 2026, {"name": "Kofi Mensah", "category": "chief_of_mission"})


def test_a_campaign_per_year_with_its_filers_forms_reviews_and_counts(vault: Vault) -> None:
    campaign = _campaign(vault)
    assert campaign.reference == "YDI-2026-DKR-0001" and campaign.counts().filers == 3
    with pytest.raises(InvalidInput):
        ydi.open_campaign(vault, 2026, DUE, opened_on=OPENED)  # one campaign a year
    with pytest.raises(InvalidInput):
        ydi.add_filer(vault, 2026, {"name": "amadou diallo", "category": "senior_official", "office": "DKR"})
    with pytest.raises(InvalidInput):
        ydi.record_review(vault, 2026, "Marie Sow", dt.date(2026, 2, 1), conflict_found=False)  # not received yet
    ydi.record_received(vault, 2026, "Amadou Diallo", dt.date(2026, 2, 1))
    ydi.record_received(vault, 2026, "m.sow@example.org", dt.date(2026, 4, 2))  # after the due date
    campaign = ydi.record_review(vault, 2026, "amadou diallo", dt.date(2026, 2, 10), conflict_found=True,
                                 recommendations="Divest the shares in the transport company.")
    counts = campaign.counts()
    assert (counts.received, counts.reviewed, counts.conflicts, counts.not_filed, counts.late) == (2, 1, 1, 1, 1)
    assert counts.compliance_percent == 66 and counts.recommendations == 1
    filer = campaign.filer("Amadou Diallo")
    assert filer is not None and filer.status == FilingStatus.reviewed
    assert filer.category == FilerCategory.head_of_office
    # Every change is a revision, audited and searchable like any record.
    assert len(vault.records.history(campaign.id)) == campaign.revision == 7
    assert [s.reference for s in vault.records.find(SearchQuery(text="Mensah"))] == ["YDI-2026-DKR-0001"]
    assert "update" in [e.action for e in vault.audit.events(limit=10)]
    with pytest.raises(NotFound):
        ydi.record_received(vault, 2026, "Nobody", dt.date(2026, 2, 1))
    with pytest.raises(NotFound):
        ydi.find_campaign(vault, 2025)


def test_reminders_name_who_has_not_filed_and_are_recorded(vault: Vault) -> None:
    _campaign(vault)
    ydi.record_received(vault, 2026, "Marie Sow", dt.date(2026, 2, 1))
    due = ydi.reminders(ydi.find_campaign(vault, 2026), dt.date(2026, 3, 21))
    assert [r.filer.name for r in due] == ["Amadou Diallo", "Kofi Mensah"] and due[0].days_left == 10
    campaign, sent = ydi.record_reminders_sent(vault, 2026, dt.date(2026, 3, 21))
    assert [len(f.reminders) for f in campaign.filers] == [1, 0, 1]
    assert [r.filer.name for r in sent] == ["Amadou Diallo", "Kofi Mensah"]
    assert ydi.reminders(campaign, dt.date(2026, 4, 5))[0].days_left == -5  # overdue


def test_a_closed_campaign_cannot_change(vault: Vault) -> None:
    _campaign(vault)
    ydi.close_campaign(vault, 2026)
    with pytest.raises(InvalidInput):
        ydi.record_received(vault, 2026, "Marie Sow", dt.date(2026, 2, 1))


def test_a_stale_campaign_edit_is_a_conflict(vault: Vault) -> None:
    campaign = _campaign(vault)
    ydi.record_received(vault, 2026, "Marie Sow", dt.date(2026, 2, 1))
    with pytest.raises(Conflict):
        save_record(vault, campaign.model_copy(update={"status": "closed"}), expected_revision=campaign.revision)


# -- training ----------------------------------------------------------------------------------------------------
def test_training_sessions_and_their_reach(vault: Vault) -> None:
    held = training.add_session(vault, {"title": "Ethics induction", "held_on": dt.date(2026, 5, 4),
                                        "place": "Dakar", "audience": "new_staff", "participants": 23,
                                        "language": "fr"})
    training.add_session(vault, {"title": "Speaking up", "held_on": dt.date(2026, 11, 20), "place": "Abidjan",
                                 "audience": "managers", "participants": 40, "status": "planned"})
    training.add_session(vault, {"title": "Gifts", "held_on": dt.date(2025, 6, 1), "participants": 9})
    assert held.reference == "TRN-2026-DKR-0001" and isinstance(held, TrainingSession)
    reach = training.reach(training.sessions(vault, 2026))
    assert (reach.sessions, reach.participants) == (1, 23)  # the planned session reaches nobody yet
    assert len(training.sessions(vault)) == 3
    with pytest.raises(InvalidInput):
        training.add_session(vault, {"title": "x", "held_on": dt.date(2026, 1, 1), "participants": -1})


# -- recusal -----------------------------------------------------------------------------------------------------
def test_a_recused_case_is_flagged_and_cannot_be_assessed_by_the_regional_office(vault: Vault) -> None:
    case = save_record(vault, RetaliationCase(title="Complaint naming the regional officer",
                                              received_on=dt.date(2026, 3, 1)))
    assert isinstance(case, RetaliationCase)
    flagged = flag_recusal(vault, case.reference or "", RecusalParty.chief, "The complainant's supervisor is the "
                           "officer's chief.", today=dt.date(2026, 3, 2))
    assert flagged.recusal is not None and flagged.recusal.flagged_by_office == "DKR"
    assert [c.reference for c in recusal.recused_cases(vault)] == [case.reference]
    assert "recusal" in [e.action for e in vault.audit.events(limit=5)]
    with pytest.raises(InvalidInput, match="headquarters"):
        save_answers(vault, case.reference or "", AssessmentAnswers())
    refuse_if_recused(flagged, "HQ")  # headquarters may assess it
    with pytest.raises(InvalidInput):
        refuse_if_recused(flagged, "DKR")


def test_a_recused_case_reaches_headquarters_with_the_next_package(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from packages_support import make_case, make_exchange

    from ecodesk.packages.export import export_package
    from ecodesk.packages.importing import import_package

    ex = make_exchange(tmp_path)
    try:
        case = make_case(ex.officer)
        flag_recusal(ex.officer, case.reference or "", RecusalParty.officer, "The officer is a witness.")
        assert recusal.recused_cases(ex.hq) == []
        export_package(ex.officer, to=["HQ Geneva"], cases=[case.reference or ""], out=ex.folder / "dkr.ecopkg")
        import_package(ex.hq, ex.folder / "dkr.ecopkg")
        at_hq = recusal.recused_cases(ex.hq)
        assert [c.reference for c in at_hq] == [case.reference]
        assert at_hq[0].recusal is not None and at_hq[0].recusal.party == RecusalParty.officer

        # YDI campaigns and training sessions travel like the other records.
        ydi.open_campaign(ex.officer, 2026, DUE, opened_on=OPENED)
        session = training.add_session(ex.officer, {"title": "Induction", "held_on": dt.date(2026, 5, 4)})
        export_package(ex.officer, to=["HQ Geneva"], cases=[], since_ack=True, out=ex.folder / "all.ecopkg")
        result = import_package(ex.hq, ex.folder / "all.ecopkg")
        assert {"YDI-2026-DKR-0001", session.reference} <= set(result.created)
        assert isinstance(ex.hq.records.get("YDI-2026-DKR-0001"), YdiCampaign)
    finally:
        ex.close()


def test_the_cli_runs_a_campaign_training_and_recusal(cli_vault) -> None:  # type: ignore[no-untyped-def]
    assert cli_vault("ydi", "open", "2026", "--due", "2026-03-31", "--opened", "2026-01-15").code == 0
    assert cli_vault("ydi", "add-filer", "2026", "Amadou Diallo", "--category", "head_of_office").code == 0
    assert cli_vault("ydi", "add-filer", "2026", "Marie Sow", "--category", "chief_of_mission").code == 0
    assert cli_vault("ydi", "received", "2026", "Amadou Diallo", "--on", "2026-02-01").code == 0
    reviewed = cli_vault("ydi", "reviewed", "2026", "Amadou Diallo", "--on", "2026-02-03", "--conflict", "--json")
    assert json.loads(reviewed.out)["counts"]["conflicts"] == 1
    reminders = json.loads(cli_vault("ydi", "reminders", "2026", "--json").out)
    assert [f["name"] for f in reminders["not_filed"]] == ["Marie Sow"]
    refused = cli_vault("--lang", "fr", "ydi", "reviewed", "2026", "Marie Sow")
    assert refused.code == 2 and refused.err.startswith("error: La déclaration de Marie Sow n'a pas été reçue")
    assert "Traceback" not in refused.err
    bad_date = cli_vault("ydi", "open", "2027", "--due", "31/03/2027")
    assert bad_date.code == 2 and "YYYY-MM-DD" in bad_date.err
    assert cli_vault("training", "add", "Induction", "--date", "2026-05-04", "--participants", "23").code == 0
    listed = json.loads(cli_vault("training", "list", "--json").out)
    assert listed["participants"] == 23 and listed["sessions"][0]["reference"] == "TRN-2026-DKR-0001"
    case = cli_vault("case", "add", "-", stdin=json.dumps({"title": "About my chief", "received_on": "2026-03-01"}))
    reference = case.out.strip()
    assert cli_vault("case", "recuse", reference, "--party", "chief", "--reason", "The chief is a party.").code == 0
    assert [c["reference"] for c in json.loads(cli_vault("case", "recused", "--json").out)] == [reference]
    assert json.loads(cli_vault("case", "show", reference, "--json").out)["recusal"]["party"] == "chief"
