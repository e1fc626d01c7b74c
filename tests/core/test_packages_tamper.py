"""Tampered, truncated, spliced, re-encrypted, forged and malicious packages are all refused with a reason,
and the receiving vault is left exactly as it was."""

from __future__ import annotations

import base64
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
    introduce,
    make_case,
    make_exchange,
    new_vault,
    random_bytes,
    seal,
    signed_members,
    snapshot,
    tar_members,
)

from ecodesk.errors import PackageRejected
from ecodesk.packages import texts
from ecodesk.packages.export import export_package
from ecodesk.packages.importing import import_package


@pytest.fixture
def ex(tmp_path: Path) -> Iterator[Exchange]:
    exchange = make_exchange(tmp_path)
    yield exchange
    exchange.close()


@pytest.fixture
def package(ex: Exchange) -> Path:
    """A valid package of two cases, one with a 200 kB attachment (four STREAM chunks)."""
    case = attach(ex.officer, make_case(ex.officer), "memo.pdf", random_bytes(200_000))
    other = make_case(ex.officer, "Second case")
    out = ex.folder / "valid.ecopkg"
    export_package(ex.officer, to=["HQ Geneva"], cases=[case.reference, other.reference], out=out)
    return out


def _refused(vault_snapshot: str, ex: Exchange, path: Path, reason: str | None = None) -> PackageRejected:
    with pytest.raises(PackageRejected) as info:
        import_package(ex.hq, path)
    assert snapshot(ex.hq) == vault_snapshot
    if reason is not None:
        assert info.value.template == reason
    return info.value


def test_flipping_any_single_byte_is_refused_and_changes_nothing(ex: Exchange, package: Path) -> None:
    data = package.read_bytes()
    header_end = data.index(b"\n---") + 48  # the header ends with its MAC line
    size = len(data)
    positions = sorted(
        {0, 5, 22, 40, 80, header_end - 10, header_end - 1, header_end, header_end + 5, header_end + 20,
         header_end + 16 + 100, size // 3, size // 2, 2 * size // 3, 65_536 + header_end + 16 + 10,
         size - 17 - 300, size - 17, size - 16, size - 8, size - 1}
    )
    before = snapshot(ex.hq)
    for position in positions:
        tampered = bytearray(data)
        tampered[position] ^= 0x01
        path = ex.folder / f"flip-{position}.ecopkg"
        path.write_bytes(bytes(tampered))
        _refused(before, ex, path)
    assert len(positions) >= 18
    refusals = [p for p in ex.hq.exchange.received() if p.status == "refused"]
    assert len(refusals) == len(positions) and all(p.reason for p in refusals)
    assert sum(1 for e in ex.hq.audit.events(limit=100) if e.action == "package_refused") == len(positions)


@pytest.mark.parametrize("keep", [0, 30, 200, 1_000, 70_000, -1, -16, -17])
def test_a_truncated_package_is_refused(ex: Exchange, package: Path, keep: int) -> None:
    data = package.read_bytes()
    path = ex.folder / "cut.ecopkg"
    path.write_bytes(data[:keep])
    _refused(snapshot(ex.hq), ex, path)


@pytest.mark.parametrize("chunks", [1, 2, 3])
def test_a_package_cut_at_a_chunk_boundary_is_refused_as_incomplete(ex: Exchange, package: Path, chunks: int) -> None:
    data = package.read_bytes()
    header_end = data.index(b"\n---") + 48 + 16  # header, then the 16-byte nonce
    path = ex.folder / "cut.ecopkg"
    path.write_bytes(data[: header_end + chunks * (65_536 + 16)])  # whole chunks only: no final chunk
    rejection = _refused(snapshot(ex.hq), ex, path)
    assert rejection.template in (texts.REFUSED_TRUNCATED, texts.REFUSED_DAMAGED)
    assert "incomplete" in str(rejection)


def test_swapping_manifests_and_records_between_two_packages_is_refused(ex: Exchange, package: Path) -> None:
    other_case = make_case(ex.officer, "Third case")
    other = ex.folder / "other.ecopkg"
    export_package(ex.officer, to=["HQ Geneva"], cases=[other_case.reference], out=other)
    first, second = tar_members(decrypt(package, ex.hq)), tar_members(decrypt(other, ex.hq))
    before = snapshot(ex.hq)
    # The first package's signed manifest with the second package's records.
    spliced = seal(build_tar(first[:2] + second[2:]), ex.hq, path=ex.folder / "spliced.ecopkg")
    _refused(before, ex, spliced, texts.REFUSED_CONTENTS_MISMATCH)
    # The second package's manifest with the first one's signature.
    swapped_sig = seal(build_tar([second[0], first[1], *second[2:]]), ex.hq, path=ex.folder / "sig.ecopkg")
    _refused(before, ex, swapped_sig, texts.REFUSED_SIGNATURE)
    # Same names and sizes, other bytes: a record replaced by one of the same length.
    name, body = first[2]
    altered = body.replace(b"Fatou", b"Fatma")
    assert altered != body and len(altered) == len(body)
    forged = seal(build_tar([*first[:2], (name, altered), *first[3:]]), ex.hq, path=ex.folder / "forged.ecopkg")
    _refused(before, ex, forged, texts.REFUSED_HASH)
    # Members in another order.
    reordered = seal(build_tar([*first[:2], first[3], first[2], *first[4:]]), ex.hq, path=ex.folder / "order.ecopkg")
    _refused(before, ex, reordered, texts.REFUSED_CONTENTS_MISMATCH)
    # A member dropped, or one added.
    dropped = seal(build_tar(first[:-1]), ex.hq, path=ex.folder / "dropped.ecopkg")
    _refused(before, ex, dropped, texts.REFUSED_CONTENTS_MISMATCH)
    added = seal(build_tar([*first, ("documents/extra.json", b"{}")]), ex.hq, path=ex.folder / "added.ecopkg")
    _refused(before, ex, added, texts.REFUSED_CONTENTS_MISMATCH)


def test_a_valid_signed_payload_reencrypted_to_another_recipient_is_refused(ex: Exchange, package: Path) -> None:
    nairobi = new_vault(ex.folder, "NBO", "Wanjiru Kamau")
    try:
        introduce(nairobi, ex.officer, name_of_b="Dakar", role="officer")
        # HQ (a legitimate recipient) re-encrypts what Dakar signed for HQ, to Nairobi.
        relayed = seal(decrypt(package, ex.hq), nairobi, path=ex.folder / "relayed.ecopkg")
        before = snapshot(nairobi)
        with pytest.raises(PackageRejected) as info:
            import_package(nairobi, relayed)
        assert info.value.template == texts.REFUSED_NOT_ADDRESSED
        assert snapshot(nairobi) == before
    finally:
        nairobi.close()


def test_a_package_encrypted_by_a_stranger_with_hqs_public_key_is_refused(ex: Exchange) -> None:
    stranger = new_vault(ex.folder, "XYZ", "Stranger")
    try:
        introduce(stranger, ex.hq, name_of_b="HQ", role="hq")
        case = make_case(stranger)
        path = ex.folder / "stranger.ecopkg"
        export_package(stranger, to=["HQ"], cases=[case.reference], out=path)
        rejection = _refused(snapshot(ex.hq), ex, path, texts.REFUSED_UNKNOWN_SENDER)
        assert "Stranger" in str(rejection)
        # The stranger copies Dakar's identity into the manifest but can only sign with its own key.
        members = tar_members(decrypt(path, ex.hq))
        manifest = json.loads(members[0][1])
        manifest["sender"] = {"name": "Awa Diop", "office": "DKR", **_party_keys(ex)}
        forged = signed_members(manifest, stranger.identity())
        sealed = seal(build_tar(forged + members[2:]), ex.hq, path=ex.folder / "forged.ecopkg")
        _refused(snapshot(ex.hq), ex, sealed, texts.REFUSED_SIGNATURE)
    finally:
        stranger.close()


def _party_keys(ex: Exchange) -> dict[str, str]:
    public = ex.officer.identity().public
    return {
        "fingerprint": public.fingerprint,
        "age_recipient": public.age_recipient,
        "signing_public_key": base64.b64encode(public.signing_public_key).decode(),
    }


def _signed_by_dakar(ex: Exchange, package: Path, extra: list[tarfile.TarInfo] | None = None,
                     rename: dict[str, str] | None = None) -> Path:
    """The members of a valid package, re-signed by Dakar after changes: tests the checks behind the signature."""
    members = tar_members(decrypt(package, ex.hq))
    manifest = json.loads(members[0][1])
    body = [(rename.get(n, n) if rename else n, d) for n, d in members[2:]]
    tar = build_tar(signed_members(manifest, ex.officer.identity()) + body, extra=extra)
    return seal(tar, ex.hq, path=ex.folder / "crafted.ecopkg")


@pytest.mark.parametrize(
    "kind",
    [tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.CHRTYPE, tarfile.BLKTYPE, tarfile.DIRTYPE, tarfile.FIFOTYPE],
)
def test_links_devices_and_directories_are_refused(ex: Exchange, package: Path, kind: bytes) -> None:
    info = tarfile.TarInfo("documents/evil")
    info.type = kind
    info.linkname = "/etc/passwd" if kind in (tarfile.SYMTYPE, tarfile.LNKTYPE) else ""
    crafted = _signed_by_dakar(ex, package, extra=[info])
    _refused(snapshot(ex.hq), ex, crafted, texts.REFUSED_MALFORMED)


@pytest.mark.parametrize("name", ["/etc/cron.d/evil", "../../outside", "records/../../x.json", "./manifest.json",
                                  "records/AAAA.json", "attachments/x/y"])
def test_absolute_and_escaping_member_names_are_refused(ex: Exchange, package: Path, name: str) -> None:
    members = tar_members(decrypt(package, ex.hq))
    crafted = _signed_by_dakar(ex, package, rename={members[2][0]: name})
    _refused(snapshot(ex.hq), ex, crafted, texts.REFUSED_MALFORMED)


def test_a_pax_or_gnu_tar_is_refused(ex: Exchange, package: Path) -> None:
    members = tar_members(decrypt(package, ex.hq))
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.pax_headers = {"comment": "x"}
            tar.addfile(info, io.BytesIO(data))
    crafted = seal(out.getvalue(), ex.hq, path=ex.folder / "pax.ecopkg")
    _refused(snapshot(ex.hq), ex, crafted, texts.REFUSED_MALFORMED)


def test_a_manifest_over_the_size_limit_is_refused_before_parsing(ex: Exchange) -> None:
    from ecodesk.packages.format import MAX_MANIFEST_BYTES

    huge = b" " * (MAX_MANIFEST_BYTES + 1)
    crafted = seal(build_tar([("manifest.json", huge), ("manifest.sig", b"x" * 64)]), ex.hq,
                   path=ex.folder / "huge.ecopkg")
    _refused(snapshot(ex.hq), ex, crafted, texts.REFUSED_TOO_LARGE)


def test_garbage_after_the_end_of_the_archive_is_refused(ex: Exchange, package: Path) -> None:
    plaintext = decrypt(package, ex.hq) + b"trailing data"
    crafted = seal(plaintext, ex.hq, path=ex.folder / "trailing.ecopkg")
    _refused(snapshot(ex.hq), ex, crafted, texts.REFUSED_MALFORMED)


def test_a_file_that_is_not_a_package_is_refused(ex: Exchange) -> None:
    path = ex.folder / "notes.ecopkg"
    path.write_bytes(b"Dear HQ, please find attached...\n" * 20)
    _refused(snapshot(ex.hq), ex, path, texts.REFUSED_NOT_A_PACKAGE)


def test_a_package_for_someone_else_is_refused(ex: Exchange, package: Path) -> None:
    nairobi = new_vault(ex.folder, "NBO", "Wanjiru Kamau")
    try:
        with pytest.raises(PackageRejected) as info:
            import_package(nairobi, package)
        assert info.value.template == texts.REFUSED_NOT_FOR_US
    finally:
        nairobi.close()


def test_an_officer_cannot_create_records_of_another_office(ex: Exchange) -> None:
    """A verified officer's vault signs a case labelled as another office's: refused; HQ may do it."""
    foreign = make_case(ex.officer, office="NBO")
    assert foreign.office == "NBO"
    path = ex.folder / "foreign.ecopkg"
    export_package(ex.officer, to=["HQ Geneva"], cases=[foreign.reference or ""], out=path)
    rejection = _refused(snapshot(ex.hq), ex, path, texts.REFUSED_FOREIGN_OFFICE)
    assert "NBO" in str(rejection)

    hq_case = make_case(ex.hq, office="BKK")
    export_package(ex.hq, to=["Dakar"], cases=[hq_case.reference or ""], out=ex.folder / "from-hq.ecopkg")
    assert import_package(ex.officer, ex.folder / "from-hq.ecopkg").created == [hq_case.reference]
