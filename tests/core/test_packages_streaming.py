"""Streaming export and import: attachments are read out of the vault a few chunks per query and the package is
read and written through large buffers; a damaged or incomplete stored attachment or a cancel still ends the
export cleanly with no file left, and a cancelled import changes nothing."""

from __future__ import annotations

import errno
import os
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

from ecodesk.errors import StorageFull, VaultDamaged
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


def _blob_of(ex: Exchange, attachment_id: str) -> Path:
    name = ex.officer.db.scalar("SELECT blob FROM attachments WHERE id = ?", (attachment_id,))
    return ex.officer.path / "evidence" / name[:2] / name


def _flip_last_segment(blob: Path) -> None:
    data = bytearray(blob.read_bytes())
    data[-20] ^= 0x01
    blob.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [_flip_last_segment, lambda blob: blob.unlink(), lambda blob: blob.write_bytes(blob.read_bytes()[:-70_000])],
    ids=["altered-last-segment", "missing-file", "truncated-file"],
)
def test_a_damaged_stored_attachment_stops_the_export_and_leaves_nothing(ex: Exchange, damage) -> None:  # type: ignore[no-untyped-def]
    reference, attachment_id = _case_with_attachment(ex)
    damage(_blob_of(ex, attachment_id))
    with pytest.raises(VaultDamaged, match=reference):
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


def test_an_import_refused_after_its_attachments_were_written_leaves_no_evidence_file(
    ex: Exchange, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ecodesk.errors import PackageRejected
    from ecodesk.packages import importing

    reference, _attachment_id = _case_with_attachment(ex)
    package = ex.folder / "dkr.ecopkg"
    export_package(ex.officer, to=["HQ Geneva"], cases=[reference], out=package)
    written: list[Path] = []

    def refuse_at_the_end(self: object) -> None:
        written.extend(p for p in (ex.hq.path / "evidence").rglob("*") if p.is_file())
        raise PackageRejected()

    before = snapshot(ex.hq)
    monkeypatch.setattr(importing._Apply, "finish", refuse_at_the_end)
    with pytest.raises(PackageRejected):
        import_package(ex.hq, package)
    assert len(written) == 1  # the attachment had been streamed to its evidence file before the refusal
    assert snapshot(ex.hq) == before  # ... which the rollback removed, with the rows
    assert not written[0].exists()
    monkeypatch.undo()
    result = import_package(ex.hq, package)
    assert result.attachments == 1
    assert attachment_bytes(ex.hq, reference) == attachment_bytes(ex.officer, reference)


@pytest.mark.parametrize("fail_at", [0, 1])  # the first write, or one after the package was already growing
def test_a_full_disk_during_the_export_says_so_and_leaves_nothing(
    ex: Exchange, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    # The package is written by a helper thread: its failure must still reach the user as "disk full".
    reference, _attachment_id = _case_with_attachment(ex)
    real_writev = os.writev
    calls = [0]

    def writev(fd: int, buffers: list[memoryview]) -> int:
        calls[0] += 1
        if calls[0] > fail_at:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_writev(fd, buffers)

    monkeypatch.setattr("ecodesk.packages.agestream.os.writev", writev)
    with pytest.raises(StorageFull):
        export_package(ex.officer, to=["HQ Geneva"], cases=[reference], out=ex.folder / "dkr.ecopkg")
    assert _nothing_written(ex)
    assert calls[0] > fail_at
