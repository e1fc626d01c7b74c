"""Streaming export and import: attachments are read out of the vault a few chunks per query and the package is
read and written through large buffers; a damaged or incomplete stored attachment or a cancel still ends the
export cleanly with no file left, and a cancelled import changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from packages_support import (
    Exchange,
    attach,
    attachment_bytes,
    make_case,
    make_exchange,
    random_bytes,
    snapshot,
)

from ecodesk.errors import VaultDamaged
from ecodesk.packages.export import export_package
from ecodesk.packages.importing import import_package
from ecodesk.storage.attachments import Cancelled

SIZE = 1_300_000  # five chunks of the vault: more than one read batch


@pytest.fixture
def ex(tmp_path: Path) -> Iterator[Exchange]:
    exchange = make_exchange(tmp_path)
    yield exchange
    exchange.close()


def _case_with_attachment(ex: Exchange) -> tuple[str, str]:
    case = attach(ex.officer, make_case(ex.officer), "scan.pdf", random_bytes(SIZE))
    ref = case.evidence[-1].attachments[0]
    return case.reference or "", str(ref.id)


def _nothing_written(ex: Exchange) -> bool:
    leftovers = list(ex.folder.glob("*.ecopkg*")) + list(ex.folder.glob(".*.tmp"))
    return not leftovers and not ex.officer.exchange.sent()


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE attachment_chunks SET data = zeroblob(length(data)) WHERE attachment_id = ? AND seq = 4",
        "DELETE FROM attachment_chunks WHERE attachment_id = ? AND seq = 2",
        "DELETE FROM attachment_chunks WHERE attachment_id = ? AND seq = 4",
    ],
    ids=["altered-last-chunk", "missing-middle-chunk", "missing-last-chunk"],
)
def test_a_damaged_stored_attachment_stops_the_export_and_leaves_nothing(ex: Exchange, damage: str) -> None:
    reference, attachment_id = _case_with_attachment(ex)
    ex.officer.db.execute(damage, (attachment_id,))
    with pytest.raises(VaultDamaged):
        export_package(ex.officer, to=["HQ Geneva"], cases=[reference], out=ex.folder / "dkr.ecopkg")
    assert _nothing_written(ex)


def test_cancelling_while_attachments_are_read_leaves_nothing(ex: Exchange) -> None:
    reference, _attachment_id = _case_with_attachment(ex)
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < 300_000  # stop after the first two chunks

    with pytest.raises(Cancelled):
        export_package(ex.officer, to=["HQ Geneva"], cases=[reference], out=ex.folder / "dkr.ecopkg",
                       progress=progress)
    assert seen and seen[-1] < SIZE
    assert _nothing_written(ex)


def test_exports_one_after_another_arrive_intact(ex: Exchange) -> None:
    reference, _attachment_id = _case_with_attachment(ex)
    original = attachment_bytes(ex.officer, reference)
    for number in range(2):
        export_package(ex.officer, to=["HQ Geneva"], cases=[reference], out=ex.folder / f"dkr{number}.ecopkg")
    import_package(ex.hq, ex.folder / "dkr1.ecopkg")
    assert attachment_bytes(ex.hq, reference) == original


def test_a_split_package_arrives_intact_and_a_cancelled_import_changes_nothing(ex: Exchange) -> None:
    reference, _attachment_id = _case_with_attachment(ex)
    original = attachment_bytes(ex.officer, reference)
    result = export_package(ex.officer, to=["HQ Geneva"], cases=[reference], out=ex.folder / "dkr.ecopkg",
                            split_mb=1)
    assert len(result.files) == 2
    before = snapshot(ex.hq)
    with pytest.raises(Cancelled):
        import_package(ex.hq, result.files[0], progress=lambda done, total: done < total // 2)
    assert snapshot(ex.hq) == before
    import_package(ex.hq, result.files[0])
    assert attachment_bytes(ex.hq, reference) == original
