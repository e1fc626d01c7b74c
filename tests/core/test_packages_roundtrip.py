"""Round trips between an officer's vault (Dakar) and HQ: records and attachments arrive intact, replays change
nothing, conflicts are kept, acknowledgements drive --since-ack, volumes, statistics and identity cards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from packages_support import (
    Exchange,
    attach,
    attachment_bytes,
    introduce,
    make_case,
    make_exchange,
    new_vault,
    random_bytes,
    snapshot,
)

from ecodesk.errors import InvalidInput, PackageRejected
from ecodesk.models import AdviceCategory, AdviceRecord, Requester, RetaliationCase, SearchQuery
from ecodesk.packages.acks import create_acknowledgement
from ecodesk.packages.cards import make_card
from ecodesk.packages.conflicts import list_conflicts, resolve_conflict
from ecodesk.packages.export import NothingToExport, export_package
from ecodesk.packages.importing import import_package
from ecodesk.records.service import save_record


@pytest.fixture
def ex(tmp_path: Path) -> Iterator[Exchange]:
    exchange = make_exchange(tmp_path)
    yield exchange
    exchange.close()


def test_cases_and_attachments_arrive_byte_identical_with_their_origin_office(ex: Exchange) -> None:
    case = make_case(ex.officer)
    big, small = random_bytes(1_300_000), b"%PDF-1.7 tiny"
    case = attach(ex.officer, case, "memo.pdf", big)
    case = attach(ex.officer, case, "note.txt", small)
    other = make_case(ex.officer, "Second case")

    result = export_package(ex.officer, to=["HQ Geneva"], cases=[case.reference, other.reference],
                            out=ex.folder / "dkr.ecopkg")
    assert result.references == sorted([case.reference, other.reference])
    assert result.attachments == 2
    imported = import_package(ex.hq, ex.folder / "dkr.ecopkg")

    assert sorted(imported.created) == sorted([case.reference, other.reference])
    assert imported.attachments == 2 and imported.sender == "Dakar" and not imported.unverified
    at_hq = ex.hq.records.get(case.reference)
    assert at_hq.office == "DKR" and at_hq.id == case.id
    assert at_hq.model_dump(exclude={"revision", "created_at", "updated_at"}) == case.model_dump(
        exclude={"revision", "created_at", "updated_at"}
    )
    assert attachment_bytes(ex.hq, case.reference) == {"memo.pdf": big, "note.txt": small}
    assert [p.status for p in ex.hq.exchange.received()] == ["imported"]
    assert [s.id for s in ex.officer.exchange.sent()] == [result.package_id]
    actions = [e.action for e in ex.hq.audit.events(limit=20)]
    assert "package_imported" in actions
    assert "package_exported" in [e.action for e in ex.officer.audit.events(limit=20)]


def test_a_replay_says_already_imported_and_changes_nothing(ex: Exchange) -> None:
    case = attach(ex.officer, make_case(ex.officer), "a.bin", random_bytes(100_000))
    export_package(ex.officer, to=["HQ Geneva"], cases=[case.reference], out=ex.folder / "p.ecopkg")
    import_package(ex.hq, ex.folder / "p.ecopkg")
    before = snapshot(ex.hq)
    again = import_package(ex.hq, ex.folder / "p.ecopkg")
    assert again.already_imported and again.imported_at is not None
    assert not again.created and snapshot(ex.hq) == before


def test_a_record_edited_on_both_sides_is_kept_as_a_conflict_never_overwritten(ex: Exchange) -> None:
    case = make_case(ex.officer)
    export_package(ex.officer, to=["HQ Geneva"], cases=[case.reference], out=ex.folder / "1.ecopkg")
    import_package(ex.hq, ex.folder / "1.ecopkg")
    # Both sides edit the same case before the next exchange.
    mine = save_record(ex.officer, ex.officer.records.get(case.reference).model_copy(update={"summary": "Officer"}))
    theirs = save_record(ex.hq, ex.hq.records.get(case.reference).model_copy(update={"summary": "HQ comment"}))
    export_package(ex.hq, to=["Dakar"], cases=[case.reference], out=ex.folder / "2.ecopkg")

    result = import_package(ex.officer, ex.folder / "2.ecopkg")

    assert result.conflicts == [case.reference]
    current = ex.officer.records.get(case.reference)
    assert current.summary == "Officer"  # this vault's version stays current
    [conflict] = list_conflicts(ex.officer)
    assert ex.officer.records.revision(case.id, conflict.incoming_revision).summary == "HQ comment"
    assert ex.officer.records.revision(case.id, conflict.local_revision).summary == mine.summary
    assert theirs.summary == "HQ comment"
    # Choosing the received version makes it current, as a new revision; the conflict is closed.
    kept = resolve_conflict(ex.officer, case.reference, "incoming")
    assert kept.summary == "HQ comment" and kept.revision == conflict.local_revision + 1
    assert list_conflicts(ex.officer) == []


def test_hq_comments_sent_back_update_the_officers_case_without_conflict(ex: Exchange) -> None:
    case = make_case(ex.officer)
    export_package(ex.officer, to=["HQ Geneva"], cases=[case.reference], out=ex.folder / "1.ecopkg")
    import_package(ex.hq, ex.folder / "1.ecopkg")
    save_record(ex.hq, ex.hq.records.get(case.reference).model_copy(update={"notes": "HQ: interview the supervisor"}))
    export_package(ex.hq, to=["Dakar"], cases=[case.reference], out=ex.folder / "2.ecopkg")

    result = import_package(ex.officer, ex.folder / "2.ecopkg")

    assert result.updated == [case.reference] and not result.conflicts
    assert ex.officer.records.get(case.reference).notes == "HQ: interview the supervisor"
    assert ex.officer.records.get(case.reference).office == "DKR"


def test_acknowledgements_mark_the_outbox_and_since_ack_sends_only_what_hq_has_not_confirmed(ex: Exchange) -> None:
    first = attach(ex.officer, make_case(ex.officer), "big.bin", random_bytes(300_000))
    second = make_case(ex.officer, "Second")
    sent = export_package(ex.officer, to=["HQ Geneva"], since_ack=True, out=ex.folder / "1.ecopkg")
    assert sorted(sent.references) == sorted([first.reference, second.reference])
    imported = import_package(ex.hq, ex.folder / "1.ecopkg", ack_out=ex.folder / "ack.ecopkg")
    assert imported.ack_file == ex.folder / "ack.ecopkg"

    assert not ex.officer.exchange.sent()[0].acknowledged
    ack = import_package(ex.officer, ex.folder / "ack.ecopkg")
    assert ack.acknowledged == 2
    outbox = ex.officer.exchange.sent()
    assert outbox[0].acknowledged and outbox[0].acknowledged_by == "HQ Geneva"

    with pytest.raises(NothingToExport):
        export_package(ex.officer, to=["HQ Geneva"], since_ack=True, out=ex.folder / "2.ecopkg")
    assert not (ex.folder / "2.ecopkg").exists()

    save_record(ex.officer, ex.officer.records.get(first.reference).model_copy(update={"notes": "Follow-up"}))
    again = export_package(ex.officer, to=["HQ Geneva"], since_ack=True, out=ex.folder / "3.ecopkg")
    assert again.references == [first.reference]
    assert again.attachments == 0  # HQ confirmed it has the attachment
    result = import_package(ex.hq, ex.folder / "3.ecopkg")
    assert result.updated == [first.reference]
    assert attachment_bytes(ex.hq, first.reference)["big.bin"] == attachment_bytes(ex.officer, first.reference)[
        "big.bin"
    ]


def test_a_second_ack_of_the_same_package_is_a_replay(ex: Exchange) -> None:
    case = make_case(ex.officer)
    sent = export_package(ex.officer, to=["HQ Geneva"], cases=[case.reference], out=ex.folder / "1.ecopkg")
    import_package(ex.hq, ex.folder / "1.ecopkg")
    create_acknowledgement(ex.hq, sent.package_id, ex.folder / "ack.ecopkg")
    import_package(ex.officer, ex.folder / "ack.ecopkg")
    assert import_package(ex.officer, ex.folder / "ack.ecopkg").already_imported


def test_split_volumes_import_from_the_first_and_a_missing_volume_is_refused(ex: Exchange) -> None:
    data = random_bytes(2_600_000)
    case = attach(ex.officer, make_case(ex.officer), "scan.tif", data)
    result = export_package(ex.officer, to=["HQ Geneva"], cases=[case.reference], out=ex.folder / "big.ecopkg",
                            split_mb=1)
    assert [f.name for f in result.files] == ["big.ecopkg.001", "big.ecopkg.002", "big.ecopkg.003"]
    assert all(f.stat().st_size <= 1024 * 1024 for f in result.files)
    assert not (ex.folder / "big.ecopkg").exists()

    before = snapshot(ex.hq)
    middle = result.files[1].read_bytes()
    result.files[1].unlink()
    with pytest.raises(PackageRejected):
        import_package(ex.hq, result.files[0])
    assert snapshot(ex.hq) == before

    result.files[1].write_bytes(middle)
    imported = import_package(ex.hq, result.files[0])
    assert imported.created == [case.reference]
    assert attachment_bytes(ex.hq, case.reference)["scan.tif"] == data


def test_statistics_documents_are_stored_with_their_sender(ex: Exchange) -> None:
    stats = b'{"year": 2026, "cases": 12}'
    export_package(ex.officer, to=["HQ Geneva"], kind="stats", documents={"stats.json": stats},
                   out=ex.folder / "stats.ecopkg")
    result = import_package(ex.hq, ex.folder / "stats.ecopkg")
    assert result.stats == 1
    [received] = ex.hq.exchange.stats()
    assert received.body == stats and received.sender == "Dakar" and received.sender_office == "DKR"
    assert received.parsed() == {"year": 2026, "cases": 12}


def test_a_stats_document_that_is_not_json_is_refused(ex: Exchange) -> None:
    export_package(ex.officer, to=["HQ Geneva"], kind="stats", documents={"stats.json": b"{not json"},
                   out=ex.folder / "stats.ecopkg")
    with pytest.raises(PackageRejected):
        import_package(ex.hq, ex.folder / "stats.ecopkg")
    assert ex.hq.exchange.stats() == []


def test_key_exchange_adds_cards_as_unverified_contacts(ex: Exchange) -> None:
    nairobi = new_vault(ex.folder, "NBO", "Wanjiru Kamau")
    try:
        card = make_card(nairobi.identity())
        export_package(ex.hq, to=["Dakar"], kind="key-exchange", documents={"nbo.ecokey": card},
                       out=ex.folder / "keys.ecopkg")
        assert import_package(ex.officer, ex.folder / "keys.ecopkg").cards == 1
        added = ex.officer.contacts.match(nairobi.identity().public)
        assert added is not None and not added.verified
    finally:
        nairobi.close()


def test_unverified_sender_is_refused_unless_accepted_and_then_marked(tmp_path: Path) -> None:
    officer = new_vault(tmp_path, "DKR", "Awa Diop")
    hq = new_vault(tmp_path, "HQ", "Maria Lopez")
    try:
        introduce(officer, hq, name_of_b="HQ Geneva", role="hq")
        introduce(hq, officer, name_of_b="Dakar", role="officer", verified=False)
        case = make_case(officer)
        export_package(officer, to=["HQ Geneva"], cases=[case.reference], out=tmp_path / "p.ecopkg")
        before = snapshot(hq)
        with pytest.raises(PackageRejected, match="not verified"):
            import_package(hq, tmp_path / "p.ecopkg")
        assert snapshot(hq) == before
        [refused] = hq.exchange.received()
        assert refused.status == "refused" and refused.sender == "Dakar"

        result = import_package(hq, tmp_path / "p.ecopkg", accept_unverified=True)
        assert result.unverified and result.created == [case.reference]
        assert hq.exchange.received()[0].unverified
    finally:
        officer.close()
        hq.close()


def test_sending_to_an_unverified_contact_is_refused(tmp_path: Path) -> None:
    officer = new_vault(tmp_path, "DKR", "Awa Diop")
    hq = new_vault(tmp_path, "HQ", "Maria Lopez")
    try:
        introduce(officer, hq, name_of_b="HQ Geneva", role="hq", verified=False)
        case = make_case(officer)
        with pytest.raises(InvalidInput, match="not verified"):
            export_package(officer, to=["HQ Geneva"], cases=[case.reference], out=tmp_path / "p.ecopkg")
        assert list(tmp_path.glob("*.ecopkg*")) == []
    finally:
        officer.close()
        hq.close()


def test_hq_sees_cases_of_several_offices_with_their_origin(ex: Exchange) -> None:
    nairobi = new_vault(ex.folder, "NBO", "Wanjiru Kamau")
    try:
        introduce(nairobi, ex.hq, name_of_b="HQ", role="hq")
        introduce(ex.hq, nairobi, name_of_b="Nairobi", role="officer")
        for vault, to in ((ex.officer, "HQ Geneva"), (nairobi, "HQ")):
            case = make_case(vault)
            export_package(vault, to=[to], cases=[case.reference], out=ex.folder / f"{case.reference}.ecopkg")
            import_package(ex.hq, ex.folder / f"{case.reference}.ecopkg")
        offices = sorted(r.office for r in ex.hq.records.find(SearchQuery()))
        assert offices == ["DKR", "NBO"]
        assert all(isinstance(ex.hq.records.get(i), RetaliationCase) for i in ex.hq.records.all_ids())
    finally:
        nairobi.close()


def test_advice_records_travel_in_an_advice_package(ex: Exchange) -> None:
    advice = save_record(
        ex.officer,
        AdviceRecord(category=AdviceCategory.gifts, question="May I accept a gift from a supplier?",
                     received_on=dt.date(2026, 2, 1), requester=Requester(name="Ibrahima Fall")),
    )
    case = make_case(ex.officer)
    with pytest.raises(InvalidInput):
        export_package(ex.officer, to=["HQ Geneva"], kind="advice", advice=[case.reference or ""],
                       out=ex.folder / "bad.ecopkg")
    export_package(ex.officer, to=["HQ Geneva"], kind="advice", advice=[advice.reference or ""],
                   out=ex.folder / "advice.ecopkg")
    result = import_package(ex.hq, ex.folder / "advice.ecopkg")
    assert result.kind == "advice" and result.created == [advice.reference]
    received = ex.hq.records.get(advice.reference or "")
    assert isinstance(received, AdviceRecord) and received.requester.name == "Ibrahima Fall"


def test_an_export_of_records_needs_a_selection(ex: Exchange) -> None:
    make_case(ex.officer)
    with pytest.raises(InvalidInput, match="--since-ack"):
        export_package(ex.officer, to=["HQ Geneva"], out=ex.folder / "p.ecopkg")
    assert not (ex.folder / "p.ecopkg").exists()
