"""Hostile archives inside a validly signed, correctly encrypted package: compression bombs, huge declared
sizes, hard and symbolic links standing in for expected members, duplicate member names. Each is refused with a
reason and the receiving vault is left exactly as it was."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from packages_support import (
    Exchange,
    attach,
    build_tar,
    decrypt,
    make_case,
    make_exchange,
    random_bytes,
    seal,
    signed_members,
    snapshot,
    tar_members,
)

from ecodesk.errors import PackageRejected
from ecodesk.packages import texts
from ecodesk.packages.export import export_package
from ecodesk.packages.format import MAX_ATTACHMENT_BYTES
from ecodesk.packages.importing import import_package

HUGE = MAX_ATTACHMENT_BYTES  # 8 GiB - 1: the largest size a ustar header can declare


@pytest.fixture
def ex(tmp_path: Path) -> Iterator[Exchange]:
    exchange = make_exchange(tmp_path)
    yield exchange
    exchange.close()


@pytest.fixture
def members(ex: Exchange) -> list[tuple[str, bytes]]:
    """The plaintext members of a valid package: manifest, signature, two records, one 200 kB attachment."""
    case = attach(ex.officer, make_case(ex.officer), "memo.pdf", random_bytes(200_000))
    other = make_case(ex.officer, "Second case")
    out = ex.folder / "valid.ecopkg"
    export_package(ex.officer, to=["HQ Geneva"], cases=[case.reference, other.reference], out=out)
    return tar_members(decrypt(out, ex.hq))


def _resigned(ex: Exchange, members: list[tuple[str, bytes]], change: dict[str, object] | None = None) -> list[
        tuple[str, bytes]]:
    """The members with the manifest changed and signed again by Dakar, so the signature check passes and the
    rule under test is what refuses."""
    manifest = json.loads(members[0][1])
    for key, value in (change or {}).items():
        manifest[key] = value
    return signed_members(manifest, ex.officer.identity()) + members[2:]


def _refused(ex: Exchange, plaintext: bytes, *reasons: str) -> PackageRejected:
    before = snapshot(ex.hq)
    path = seal(plaintext, ex.hq, path=ex.folder / "hostile.ecopkg")
    with pytest.raises(PackageRejected) as info:
        import_package(ex.hq, path)
    assert snapshot(ex.hq) == before
    assert ex.hq.records.find_id(json.loads(_first_record_entry(plaintext))["reference"]) is None
    if reasons:
        assert info.value.template in reasons, info.value.template
    return info.value


def _first_record_entry(plaintext: bytes) -> str:
    """The first record entry of the signed manifest, when the plaintext is still a readable tar."""
    try:
        manifest = json.loads(tar_members(plaintext)[0][1])
        return json.dumps(manifest["records"][0])
    except (tarfile.TarError, ValueError, KeyError, IndexError, OSError):
        return json.dumps({"reference": "RET-2026-DKR-0001"})


def test_a_compression_bomb_is_refused_without_being_inflated(ex: Exchange, members: list[tuple[str, bytes]]) -> None:
    """Packages are never decompressed: a gzip'd tar (50 MB, mostly zeros, in ~250 kB) is not a package."""
    inflated = build_tar(members) + b"\0" * 50_000_000
    bomb = gzip.compress(inflated, compresslevel=9)
    assert len(bomb) * 100 < len(inflated)
    rejection = _refused(ex, bomb, texts.REFUSED_MALFORMED)
    assert "50000000" not in str(rejection)


def test_a_member_declaring_a_huge_size_is_refused(ex: Exchange, members: list[tuple[str, bytes]]) -> None:
    """The record's header declares 8 GiB where the manifest says a few kB."""
    header = tarfile.TarInfo(members[2][0])
    header.size, header.mode = HUGE, 0o600
    plaintext = _without_end(build_tar(_resigned(ex, members)[:2])) + header.tobuf(format=tarfile.USTAR_FORMAT)
    plaintext += members[2][1] + b"\0" * 4096
    _refused(ex, plaintext, texts.REFUSED_CONTENTS_MISMATCH)


def test_a_signed_manifest_declaring_a_huge_attachment_is_refused_and_nothing_is_stored(
    ex: Exchange, members: list[tuple[str, bytes]]
) -> None:
    """The manifest (signed again by the sender) declares an 8 GiB attachment; the stream ends long before."""
    manifest = json.loads(members[0][1])
    manifest["attachments"][0]["size"] = HUGE
    resigned = _resigned(ex, members, {"attachments": manifest["attachments"]})
    names = [name for name, _ in resigned]
    at = next(i for i, name in enumerate(names) if name.startswith("attachments/"))
    plaintext = _without_end(build_tar(resigned[:at]))
    header = tarfile.TarInfo(names[at])
    header.size, header.mode = HUGE, 0o600
    plaintext += header.tobuf(format=tarfile.USTAR_FORMAT) + resigned[at][1] + b"\0" * 1024
    rejection = _refused(ex, plaintext, texts.REFUSED_MALFORMED)
    assert "ends in the middle of a member" in str(rejection.params.get("detail"))


def _without_end(tar: bytes) -> bytes:
    """A tar stream without its end-of-archive zero blocks (so that more members can follow)."""
    return tar[: _members_end(tar)]


def _members_end(tar: bytes) -> int:
    with tarfile.open(fileobj=io.BytesIO(tar), mode="r:") as archive:
        last = archive.getmembers()[-1]
        return last.offset_data + last.size + (-last.size % 512)


@pytest.mark.parametrize("kind", [tarfile.LNKTYPE, tarfile.SYMTYPE])
def test_a_link_standing_in_for_a_record_is_refused(
    ex: Exchange, members: list[tuple[str, bytes]], kind: bytes
) -> None:
    """A hard or symbolic link named like the expected record, pointing at a member already read."""
    resigned = _resigned(ex, members)
    link = tarfile.TarInfo(resigned[2][0])
    link.type, link.linkname = kind, "manifest.json"
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for name, data in resigned[:2]:
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o600
            tar.addfile(info, io.BytesIO(data))
        tar.addfile(link)
        for name, data in resigned[3:]:
            info = tarfile.TarInfo(name)
            info.size, info.mode = len(data), 0o600
            tar.addfile(info, io.BytesIO(data))
    rejection = _refused(ex, out.getvalue(), texts.REFUSED_MALFORMED)
    assert rejection.params.get("detail")


def test_a_duplicate_manifest_is_refused(ex: Exchange, members: list[tuple[str, bytes]]) -> None:
    resigned = _resigned(ex, members)
    _refused(ex, build_tar([resigned[0], *resigned]), texts.REFUSED_SIGNATURE)


def test_a_record_listed_once_but_present_twice_is_refused(ex: Exchange, members: list[tuple[str, bytes]]) -> None:
    resigned = _resigned(ex, members)
    twice = [*resigned[:3], resigned[2], *resigned[4:]]  # the first record again in place of the second
    _refused(ex, build_tar(twice), texts.REFUSED_CONTENTS_MISMATCH)


def test_a_duplicate_member_after_the_listed_ones_is_refused(ex: Exchange, members: list[tuple[str, bytes]]) -> None:
    resigned = _resigned(ex, members)
    _refused(ex, build_tar([*resigned, resigned[-1]]), texts.REFUSED_CONTENTS_MISMATCH)
