"""Property and fuzz tests of the importer on crafted tar streams and manifests: whatever the input, the reader
either accepts exactly what the sender signed or refuses it with PackageRejected - never another exception,
never a partial import."""

from __future__ import annotations

import copy
import io
import json
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from packages_support import (
    Exchange,
    attach,
    build_tar,
    decrypt,
    make_case,
    make_exchange,
    seal,
    signed_members,
    snapshot,
    tar_members,
)

from ecodesk.errors import PackageRejected
from ecodesk.packages.export import export_package
from ecodesk.packages.importing import import_package
from ecodesk.packages.inspection import _Check
from ecodesk.packages.reader import read_plaintext

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Exchange, list[tuple[str, bytes]]]]:
    """An exchange and the plaintext members of one valid package (two cases, one attachment)."""
    folder = tmp_path_factory.mktemp("fuzz")
    ex = make_exchange(folder)
    case = attach(ex.officer, make_case(ex.officer), "memo.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 20)
    other = make_case(ex.officer, "Second case")
    path = folder / "valid.ecopkg"
    export_package(ex.officer, to=["HQ Geneva"], cases=[case.reference, other.reference], out=path)
    yield ex, tar_members(decrypt(path, ex.hq))
    ex.close()


class _Collect(_Check):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[bytes] = []

    def record(self, entry: Any, record: Any, body: bytes) -> None:
        self.records.append(body)


def _read(ex: Exchange, plaintext: bytes) -> _Collect:
    handler = _Collect()
    read_plaintext(io.BytesIO(plaintext), ex.hq.identity(), ex.hq.contacts, handler)
    return handler


@FUZZ
@given(data=st.data())
def test_mutated_tar_streams_are_refused_or_yield_exactly_what_was_signed(world, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    ex, members = world
    original = build_tar(members)
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        if not mutated:
            break
        operation = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate", "zero"]), label="op")
        position = data.draw(st.integers(0, max(len(mutated) - 1, 0)), label="at")
        if operation == "flip":
            mutated[position] ^= data.draw(st.integers(1, 255), label="mask")
        elif operation == "insert":
            mutated[position:position] = data.draw(st.binary(min_size=1, max_size=600), label="bytes")
        elif operation == "delete":
            del mutated[position : position + data.draw(st.integers(1, 600), label="n")]
        elif operation == "truncate":
            del mutated[position:]
        else:
            mutated[position : position + 512] = bytes(min(512, len(mutated) - position))
    try:
        handler = _read(ex, bytes(mutated))
    except PackageRejected as exc:
        assert str(exc)
        return
    # Accepted: then only bytes that carry no meaning (tar padding, mtime, mode...) were touched.
    assert handler.records == [body for name, body in members if name.startswith("records/")]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


@FUZZ
@given(data=st.data())
def test_signed_manifests_with_crafted_fields_are_refused_cleanly(world, data: st.DataObject) -> None:  # type: ignore[no-untyped-def]
    """The sender's own key signs a manipulated manifest: the checks behind the signature must hold."""
    ex, members = world
    manifest = json.loads(members[0][1])
    crafted = copy.deepcopy(manifest)
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        path = data.draw(st.sampled_from(_paths(crafted)), label="path")
        parent = crafted
        for key in path[:-1]:
            parent = parent[key]
        if data.draw(st.booleans(), label="delete") and isinstance(parent, dict):
            parent.pop(path[-1], None)
        else:
            parent[path[-1]] = data.draw(_JSON, label="value")
    tar = build_tar(signed_members(crafted, ex.officer.identity()) + members[2:])
    try:
        handler = _read(ex, tar)
    except PackageRejected as exc:
        assert str(exc)
        return
    assert handler.records == [body for name, body in members if name.startswith("records/")]


_NAMES = st.sampled_from(
    ["manifest.json", "manifest.sig", "records/x.json", "../evil", "/etc/passwd", "documents/a.json",
     "attachments/00000000-0000-0000-0000-000000000000", "documents/../../x", "a" * 99, "documents/"]
)
_TYPES = st.sampled_from([tarfile.REGTYPE, tarfile.SYMTYPE, tarfile.LNKTYPE, tarfile.DIRTYPE, tarfile.CHRTYPE,
                          tarfile.FIFOTYPE, tarfile.CONTTYPE])


@FUZZ
@given(members=st.lists(st.tuples(_NAMES, _TYPES, st.binary(max_size=300)), max_size=6),
       keep_signed_head=st.booleans())
def test_crafted_tar_members_are_refused_cleanly(world, members, keep_signed_head: bool) -> None:  # type: ignore[no-untyped-def]
    ex, valid = world
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for name, data in valid[:2] if keep_signed_head else []:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for name, kind, data in members:
            info = tarfile.TarInfo(name)
            info.type = kind
            if kind in (tarfile.SYMTYPE, tarfile.LNKTYPE):
                info.linkname = "/etc/shadow"
            info.size = len(data) if kind in (tarfile.REGTYPE, tarfile.CONTTYPE) else 0
            tar.addfile(info, io.BytesIO(data) if info.size else None)
    with pytest.raises(PackageRejected):
        _read(ex, out.getvalue())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(garbage=st.binary(max_size=2_000), signed=st.booleans())
def test_whole_import_of_crafted_encrypted_files_changes_nothing(world, garbage: bytes, signed: bool,  # type: ignore[no-untyped-def]
                                                                 tmp_path_factory: pytest.TempPathFactory) -> None:
    ex, members = world
    folder: Path = tmp_path_factory.mktemp("crafted")
    plaintext = build_tar(members[:2])[:-1024] + garbage if signed else garbage
    path = seal(plaintext, ex.hq, path=folder / "crafted.ecopkg")
    before = snapshot(ex.hq)
    with pytest.raises(PackageRejected):
        import_package(ex.hq, path)
    assert snapshot(ex.hq) == before
