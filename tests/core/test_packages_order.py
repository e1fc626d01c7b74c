"""Out-of-order, stale and cross-office packages between three vaults (Dakar, HQ, Nairobi): a delayed or replayed
package never rolls a record back, and no officer changes another office's record or a record's office or
reference. A refused package changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from packages_support import Exchange, introduce, make_case, make_exchange, new_vault, snapshot

from ecodesk.errors import PackageRejected
from ecodesk.models import CaseStatus
from ecodesk.packages import texts
from ecodesk.packages.conflicts import list_conflicts
from ecodesk.packages.export import export_package
from ecodesk.packages.importing import import_package
from ecodesk.packages.versions import ReceivedVersion, Verdict, judge
from ecodesk.records.service import save_record
from ecodesk.storage.vault import Vault


@pytest.fixture
def ex(tmp_path: Path) -> Iterator[Exchange]:
    exchange = make_exchange(tmp_path)
    yield exchange
    exchange.close()


@pytest.fixture
def nairobi(ex: Exchange) -> Iterator[Vault]:
    """A second office, known to HQ as a verified officer (and knowing HQ)."""
    vault = new_vault(ex.folder, "NBO", "Wanjiru Kamau")
    introduce(vault, ex.hq, name_of_b="HQ Geneva", role="hq")
    introduce(ex.hq, vault, name_of_b="Nairobi", role="officer")
    yield vault
    vault.close()


def test_a_delayed_older_package_is_ignored_and_never_rolls_the_record_back(ex: Exchange) -> None:
    case = make_case(ex.officer)
    reference = case.reference or ""
    export_package(ex.officer, to=["HQ Geneva"], cases=[reference], out=ex.folder / "a.ecopkg")
    closed = ex.officer.records.get(reference).model_copy(
        update={"status": CaseStatus.closed, "notes": "Closed after mediation"}
    )
    save_record(ex.officer, closed)
    export_package(ex.officer, to=["HQ Geneva"], cases=[reference], out=ex.folder / "b.ecopkg")

    assert import_package(ex.hq, ex.folder / "b.ecopkg").created == [reference]
    newest = ex.hq.db.all("SELECT revision, body FROM records")
    late = import_package(ex.hq, ex.folder / "a.ecopkg")  # package A arrives after B

    at_hq = ex.hq.records.get(reference)
    assert at_hq.status == CaseStatus.closed and at_hq.notes == "Closed after mediation"
    assert late.stale == [reference] and not late.updated and not late.conflicts
    assert (texts.SUMMARY_STALE, 1) in late.summary_lines()
    assert ex.hq.db.all("SELECT revision, body FROM records") == newest
    assert list_conflicts(ex.hq) == []
    assert "import_stale_ignored" in [e.action for e in ex.hq.audit.events(limit=20)]
    assert import_package(ex.hq, ex.folder / "a.ecopkg").already_imported


def test_a_version_hq_already_moved_past_is_ignored_when_it_comes_back_by_another_route(
    ex: Exchange, nairobi: Vault
) -> None:
    """Dakar sends v1 to HQ and Nairobi, then v2 to both; HQ forwards its (older) v1 late: Nairobi keeps v2."""
    introduce(nairobi, ex.officer, name_of_b="Dakar", role="officer")
    introduce(ex.officer, nairobi, name_of_b="Nairobi", role="officer")
    case = make_case(ex.officer, "v1")
    reference = case.reference or ""
    export_package(ex.officer, to=["HQ Geneva", "Nairobi"], cases=[reference], out=ex.folder / "1.ecopkg")
    import_package(ex.hq, ex.folder / "1.ecopkg")
    import_package(nairobi, ex.folder / "1.ecopkg")
    export_package(ex.hq, to=["Nairobi"], cases=[reference], out=ex.folder / "hq1.ecopkg")
    save_record(ex.officer, ex.officer.records.get(reference).model_copy(update={"title": "v2"}))
    export_package(ex.officer, to=["HQ Geneva", "Nairobi"], cases=[reference], out=ex.folder / "2.ecopkg")
    import_package(nairobi, ex.folder / "2.ecopkg")

    late = import_package(nairobi, ex.folder / "hq1.ecopkg")

    assert late.stale == [reference]
    assert nairobi.records.get(reference).title == "v2"


def _forge_from_nairobi(ex: Exchange, nairobi: Vault, reference: str, *, office: str) -> Path:
    """Nairobi signs a changed copy of a Dakar case (id and reference are not secret), with its own office code
    or Dakar's, and no base hash: what a compromised or careless officer vault can send."""
    copy = ex.hq.records.get(reference).model_copy(
        update={"title": "Taken over", "status": CaseStatus.closed, "office": office}
    )
    nairobi.records.save(copy, office=office, saved_by="Wanjiru Kamau")
    out = ex.folder / f"forged-{office}.ecopkg"
    export_package(nairobi, to=["HQ Geneva"], cases=[reference], out=out)
    return out


@pytest.mark.parametrize(("office", "reason"), [("NBO", texts.REFUSED_IDENTITY_CHANGE),
                                                ("DKR", texts.REFUSED_FOREIGN_UPDATE)])
def test_an_officer_cannot_change_another_offices_record(
    ex: Exchange, nairobi: Vault, office: str, reason: str
) -> None:
    case = make_case(ex.officer, "Confidential title")
    reference = case.reference or ""
    export_package(ex.officer, to=["HQ Geneva"], cases=[reference], out=ex.folder / "dkr.ecopkg")
    import_package(ex.hq, ex.folder / "dkr.ecopkg")
    forged = _forge_from_nairobi(ex, nairobi, reference, office=office)
    before = snapshot(ex.hq)

    with pytest.raises(PackageRejected) as info:
        import_package(ex.hq, forged)

    assert info.value.template == reason
    assert snapshot(ex.hq) == before
    at_hq = ex.hq.records.get(reference)
    assert at_hq.office == "DKR" and at_hq.title == "Confidential title"
    for language in ("en", "fr", "es"):
        message = info.value.translated(language)
        assert reference in message and "Confidential" not in message and "Taken over" not in message
    assert info.value.translated("fr") != info.value.translated("en")


def test_even_hq_cannot_move_a_record_to_another_office(ex: Exchange) -> None:
    case = make_case(ex.officer)
    reference = case.reference or ""
    export_package(ex.officer, to=["HQ Geneva"], cases=[reference], out=ex.folder / "1.ecopkg")
    import_package(ex.hq, ex.folder / "1.ecopkg")
    moved = ex.hq.records.get(reference).model_copy(update={"office": "NBO"})
    ex.hq.records.save(moved, office="NBO", saved_by="Maria Lopez")
    export_package(ex.hq, to=["Dakar"], cases=[reference], out=ex.folder / "2.ecopkg")
    before = snapshot(ex.officer)

    with pytest.raises(PackageRejected) as info:
        import_package(ex.officer, ex.folder / "2.ecopkg")

    assert info.value.template == texts.REFUSED_IDENTITY_CHANGE
    assert snapshot(ex.officer) == before and ex.officer.records.get(reference).office == "DKR"


A, B, C = "a" * 64, "b" * 64, "c" * 64


@pytest.mark.parametrize(
    ("held", "received", "last", "history", "verdict"),
    [
        (A, ReceivedVersion(3, A, None), (2, B), {A, B}, Verdict.same),
        (B, ReceivedVersion(2, A, None), (3, B), {A, B}, Verdict.stale),  # an older revision of the same sender
        (C, ReceivedVersion(3, B, None), (3, B), {B, C}, Verdict.already_seen),  # a replay of what we had
        (C, ReceivedVersion(3, A, None), (3, B), {B, C}, Verdict.conflict),  # same revision, other content
        (B, ReceivedVersion(4, C, None), (3, B), {A, B}, Verdict.apply),  # the sender's next revision
        (B, ReceivedVersion(1, C, B), None, {B}, Verdict.apply),  # built on the version held here
        (C, ReceivedVersion(1, A, B), None, {A, B, C}, Verdict.stale),  # a version held here before
        (C, ReceivedVersion(5, A, B), (4, B), {B, C}, Verdict.conflict),  # newer, but not descending from ours
    ],
)
def test_the_version_rule(
    held: str, received: ReceivedVersion, last: tuple[int, str] | None, history: set[str], verdict: Verdict
) -> None:
    assert judge(held, received, last, lambda: history) == verdict
