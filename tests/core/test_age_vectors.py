"""The age layer of the package reader (``open_plaintext``) against the C2SP CCTV age test vectors.

Every ``success`` vector yields exactly the expected payload; every failure vector is refused cleanly
(PackageRejected), and whatever plaintext was released before the refusal is exactly what the vector says a
correct implementation may release (authenticated STREAM chunks only; nothing at all for header failures).

The vectors used here are vendored in ``tests/vectors/age-cctv`` (upstream licence beside them), so a plain
clone runs them; a missing vector fails the run, it never skips. Armored, passphrase (scrypt) and hybrid vectors
are out of scope and not vendored: packages use binary X25519 age files only.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from dataclasses import dataclass
from pathlib import Path

import pyrage
import pytest

from ecodesk.errors import PackageRejected
from ecodesk.packages.agestream import open_plaintext

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "age-cctv"
GROUPS = ("x25519", "stream", "header", "hmac", "stanza", "version", "empty")
# rage (under pyrage) knowingly accepts these two malformed headers; the payload is still authenticated.
# Pinned below, so that a change of behaviour is noticed.
KNOWN_DEVIATIONS = {"stanza_missing_body", "stanza_missing_final_line"}
VENDORED_COUNT = 67  # every vector of GROUPS that is neither armored nor passphrase-based


@dataclass
class Vector:
    name: str
    expect: str
    payload: str | None
    identities: list[str]
    body: bytes
    usable: bool


def _load(path: Path) -> Vector:
    raw = path.read_bytes()
    head, _, body = raw.partition(b"\n\n")
    fields: dict[str, list[str]] = {}
    for line in head.decode("utf-8").splitlines():
        key, _, value = line.partition(": ")
        fields.setdefault(key, []).append(value)
    if fields.get("compressed") == ["zlib"]:
        body = zlib.decompress(body)
    usable = "passphrase" not in fields and fields.get("armored") != ["yes"]
    return Vector(
        name=path.name,
        expect=fields["expect"][0],
        payload=fields.get("payload", [None])[0],
        identities=fields.get("identity", []),
        body=body,
        usable=usable,
    )


def _vectors() -> list[Vector]:
    found = [_load(p) for p in sorted(VECTORS.iterdir()) if p.is_file() and p.name.split("_")[0] in GROUPS]
    return [v for v in found if v.usable]


ALL = _vectors() if VECTORS.is_dir() else []


def _decrypt(vector: Vector) -> tuple[bytes, PackageRejected | None]:
    """What the stream released, and the refusal if there was one."""
    released = io.BytesIO()
    identities = [pyrage.x25519.Identity.from_str(i) for i in vector.identities]
    with open_plaintext(io.BytesIO(vector.body), identities) as stream:
        try:
            while chunk := stream.read(16 * 1024):
                released.write(chunk)
        except PackageRejected as exc:
            assert not stream.finished
            return released.getvalue(), exc
        assert stream.finished
    return released.getvalue(), None


def test_the_vendored_vectors_are_all_there_with_their_licence() -> None:
    assert VECTORS.is_dir(), f"the vendored age vectors are missing: {VECTORS}"
    assert "Zero-Clause BSD" in (VECTORS / "LICENSE").read_text(encoding="utf-8")
    groups = {v.name.split("_")[0] for v in ALL}
    assert {"x25519", "stream", "header", "hmac", "stanza", "version", "empty"} <= groups
    assert len(ALL) == VENDORED_COUNT
    assert KNOWN_DEVIATIONS <= {v.name for v in ALL}


@pytest.mark.parametrize("vector", [v for v in ALL if v.name not in KNOWN_DEVIATIONS], ids=lambda v: v.name)
def test_age_layer_matches_the_cctv_vector(vector: Vector) -> None:
    released, refusal = _decrypt(vector)
    if vector.expect == "success":
        assert refusal is None, f"{vector.name}: refused a valid file: {refusal}"
        assert hashlib.sha256(released).hexdigest() == vector.payload
        return
    assert refusal is not None, f"{vector.name}: accepted a file that must fail ({vector.expect})"
    assert str(refusal)  # a clean, translated reason
    if vector.expect == "payload failure":
        # Only the chunks authenticated before the failure may have been released, and all of them.
        assert hashlib.sha256(released).hexdigest() == vector.payload
    else:
        assert released == b"", f"{vector.name}: plaintext released before the header was verified"


@pytest.mark.parametrize("name", sorted(KNOWN_DEVIATIONS))
def test_documented_deviation_of_rage_is_pinned(name: str) -> None:
    """These vectors expect a header failure; rage accepts them. If this test fails, rage became strict:
    move the vector back into the normal set."""
    vector = next(v for v in ALL if v.name == name)
    assert vector.expect == "header failure"
    released, refusal = _decrypt(vector)
    assert refusal is None
    assert released  # the payload, still authenticated by its STREAM tags

