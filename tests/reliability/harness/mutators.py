"""Input mutators and refusal checks shared by the soak run and the atheris targets (the CI tests use
hypothesis strategies built on the same seeds).

A check returns normally when the input was accepted or refused cleanly (an ``EcoDeskError``); any other
exception escaping it is a finding."""

from __future__ import annotations

import hashlib
import json
import random
import uuid
from typing import Any

from ecodesk.crypto.keyslots import KdfParams, KeySlot, KeySlotFile, _canonical
from ecodesk.errors import EcoDeskError, VaultDamaged
from ecodesk.models import RecordKind
from ecodesk.records.intake import parse_json_object, validate
from ecodesk.records.service import MODELS, upsert_from_data
from ecodesk.storage.vault import Vault

FAST_KDF = {"time_cost": 1, "memory_kib": 8 * 1024, "parallelism": 1}
SECRET = "fuzzing passphrase long enough"


def keyslot_seed() -> bytes:
    """A valid key file (cheap KDF) to mutate."""
    vault_id = uuid.UUID(int=7, version=4)
    master = bytes(range(32))
    params = KdfParams.fresh(**FAST_KDF)
    slots = [
        KeySlot.wrap(vault_id, "passphrase", "passphrase", SECRET, master, params),
        KeySlot.wrap(vault_id, "recovery", "recovery", "RECOVERY-KEY", master, params.with_new_salt()),
    ]
    return KeySlotFile(vault_id=vault_id, slots=slots).to_bytes()


def with_digest(document: Any) -> bytes:
    """A key file whose digest matches its (mutated) body, so the checks after the digest are reached."""
    if isinstance(document, dict):
        body = {k: v for k, v in document.items() if k != "sha256"}
        try:
            digest = hashlib.sha256(_canonical(body)).hexdigest()
        except (TypeError, ValueError):
            digest = ""
        document = {**body, "sha256": digest}
    return json.dumps(document, default=str).encode()


def case_seed() -> dict[str, Any]:
    return {
        "title": "Non-renewal after a report to oversight",
        "received_on": "2026-10-02",
        "summary": "summary",
        "status": "received",
        "complainant": {"name": "A. Person", "position": "Driver", "office": "Dakar", "email": "a@b.c"},
        "alleged_retaliators": [{"name": "B. Boss", "role": "supervisor", "knew_of_protected_activity": True}],
        "protected_activities": [{"kind": "reported_to_oversight", "date": "2026-06-01", "description": "d"}],
        "detrimental_actions": [{"kind": "non_renewal", "date": "2026-09-01", "decision_maker": "B. Boss"}],
        "evidence": [{"kind": "witness", "title": "w", "status": "obtained", "consent_to_contact": False}],
    }


def advice_seed() -> dict[str, Any]:
    return {
        "category": "gifts",
        "received_on": "2026-10-03",
        "requester": {"anonymous": False, "name": "C. Staff"},
        "question": "May I accept a gift?",
        "standards_references": ["Standard 1"],
    }


# -- mutations -------------------------------------------------------------------------------------------
INTERESTING: list[Any] = [
    None, True, False, 0, -1, 1, 2**63, -(2**63), 1e308, float("inf"), "", " ", "\x00", "\ud800", "é" * 600,
    "9999-12-31", "0001-01-01", "2026-02-30", "RET-2026-DKR-0001", "00000000-0000-0000-0000-000000000000",
    [], {}, [None], {"": None}, "A" * 70_000,
]


def random_json(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 3 or roll < 0.5:
        return rng.choice(INTERESTING)
    if roll < 0.75:
        return [random_json(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["id", "kind", "name", "x", "date", "revision"]): random_json(rng, depth + 1)
            for _ in range(rng.randint(0, 3))}


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            found += _paths(inner, (*prefix, i))
    return found


def mutate_json(document: Any, rng: random.Random) -> Any:
    """Replace, delete or add one value somewhere in ``document`` (a deep copy is returned)."""
    document = json.loads(json.dumps(document))
    path = rng.choice(_paths(document))
    if not path:
        return random_json(rng)
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    action = rng.random()
    if action < 0.6:
        parent[path[-1]] = random_json(rng)
    elif action < 0.8:
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[rng.choice(["unknown", "id", "reference", "revision", "kind"])] = random_json(rng)
    else:
        parent.append(random_json(rng))
    return document


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """Bit flips, truncation, insertion, deletion or duplication of a slice."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not buf:
            buf += rng.randbytes(rng.randint(1, 16))
            continue
        i = rng.randrange(len(buf))
        roll = rng.random()
        if roll < 0.4:
            buf[i] ^= 1 << rng.randrange(8)
        elif roll < 0.55:
            del buf[i:]
        elif roll < 0.7:
            buf[i:i] = rng.randbytes(rng.randint(1, 16))
        elif roll < 0.85:
            del buf[i : i + rng.randint(1, 32)]
        else:
            buf[i:i] = buf[i : i + rng.randint(1, 64)]
    return bytes(buf)


# -- checks ----------------------------------------------------------------------------------------------
def check_keyslot_bytes(data: bytes) -> KeySlotFile | None:
    """The parsed key file, or None when it was refused as damaged (the only acceptable refusal)."""
    try:
        parsed = KeySlotFile.from_bytes(data)
    except VaultDamaged:
        return None
    parsed.slot("passphrase")
    for slot in parsed.slots:
        if slot.kdf.memory_kib * slot.kdf.time_cost <= 64 * 1024:
            slot.unwrap(parsed.vault_id, SECRET)
    return parsed


def check_record_input(data: bytes, kind: str = "retaliation", vault: Vault | None = None) -> bool:
    """Take a JSON record as ``case add``/``advice add`` does (into ``vault`` when given); True if accepted."""
    try:
        document = parse_json_object(data)
        if vault is None:
            validate(MODELS[RecordKind(kind)], {**document, "revision": 0})
        else:
            upsert_from_data(vault, RecordKind(kind), document)
    except EcoDeskError:
        return False
    return True
