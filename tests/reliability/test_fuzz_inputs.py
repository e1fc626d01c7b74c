"""Property-based fuzzing of everything EcoDesk reads from outside: key-slot files, JSON records (``case add``,
``advice add``), wizard answers (``assess --answers``) and backups. Every input is either accepted or refused
cleanly: an EcoDeskError in the core, an ``error:`` line and a non-zero exit without a traceback on the CLI."""

from __future__ import annotations

import io
import json
import random
import tarfile
from pathlib import Path

import pytest
from harness.mutators import (
    INTERESTING,
    advice_seed,
    case_seed,
    check_keyslot_bytes,
    keyslot_seed,
    mutate_bytes,
    mutate_json,
    with_digest,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.errors import EcoDeskError
from ecodesk.storage.vault import SLOTS_BACKUP_NAME, SLOTS_NAME, Vault


def fuzz(examples: int) -> settings:
    """Bounded for CI; no example database left in the tree; fixtures are shared by the examples on purpose."""
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
SEED = keyslot_seed()

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.sampled_from(INTERESTING),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)


@st.composite
def mutated(draw: st.DrawFn, seed_document: dict[str, object]) -> object:
    """The seed with a few random structural changes (drawn through hypothesis, so failures shrink)."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    document: object = seed_document
    for _ in range(draw(st.integers(1, 4))):
        document = mutate_json(document, rng)
    return document


keyslot_inputs = st.one_of(
    st.binary(max_size=2000),
    st.builds(lambda n, seed: mutate_bytes(SEED, random.Random(seed)), st.integers(), st.integers(0, 2**32)),
    mutated(json.loads(SEED)).map(with_digest),  # digest fixed up: reaches the schema and the slots
    json_values.map(lambda v: json.dumps(v).encode()),
)


def _cli_verdict(result) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.err
    if result.code != 0:
        assert result.err.startswith("error: "), result.err
        assert result.code in (2, 3, 4, 5, 7, 9), result.err


@fuzz(300)
@given(data=keyslot_inputs)
def test_a_key_file_is_parsed_or_refused_as_damaged(data: bytes) -> None:
    check_keyslot_bytes(data)  # anything but VaultDamaged escaping is a finding


@fuzz(40)
@given(data=keyslot_inputs)
def test_a_vault_with_both_key_files_replaced_opens_or_says_why(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("vault")
    vault, _ = Vault.create(path, "fuzzing passphrase long enough", office="DKR")
    vault.close()
    for name in (SLOTS_NAME, SLOTS_BACKUP_NAME):
        (path / name).write_bytes(data)
    parsed = check_keyslot_bytes(data)
    if parsed is not None and any(s.kdf.memory_kib * s.kdf.time_cost > 64 * 1024 for s in parsed.slots):
        return  # a tampered file may ask for up to 4 GiB x 100 passes: not run here (see docs/security.md)
    with pytest.raises(EcoDeskError):
        Vault.open(path, "fuzzing passphrase long enough").close()


record_inputs = st.one_of(
    st.binary(max_size=300),
    json_values.map(lambda v: json.dumps(v).encode()),
    mutated(case_seed()).map(lambda v: json.dumps(v).encode()),
    st.builds(lambda n: b"[" * n + b"]" * n, st.integers(1, 200_000)),
    st.builds(lambda n: b'{"a":' * n + b"1" + b"}" * n, st.integers(1, 100_000)),
)


@fuzz(120)
@given(data=record_inputs)
def test_case_add_accepts_or_refuses_any_input_cleanly(cli_vault, data: bytes) -> None:  # type: ignore[no-untyped-def]
    _cli_verdict(cli_vault("case", "add", "-", stdin=data))


@fuzz(60)
@given(data=st.one_of(mutated(advice_seed()).map(lambda v: json.dumps(v).encode()), st.binary(max_size=200)))
def test_advice_add_accepts_or_refuses_any_input_cleanly(cli_vault, data: bytes) -> None:  # type: ignore[no-untyped-def]
    _cli_verdict(cli_vault("advice", "add", "-", stdin=data))


@fuzz(60)
@given(record=mutated(case_seed()))
def test_updating_a_stored_case_with_any_fields_is_clean(cli_vault, record: object) -> None:  # type: ignore[no-untyped-def]
    first = cli_vault("case", "add", "-", "--json", stdin=json.dumps(case_seed()))
    reference = json.loads(first.out)["reference"]
    update = {**record, "reference": reference} if isinstance(record, dict) else record
    _cli_verdict(cli_vault("case", "add", "-", stdin=json.dumps(update)))


ANSWERS_SEED: dict[str, object] = {
    "format": "ecodesk-assessment-answers",
    "version": 1,
    "complaint": {"title": "t", "received_on": "2026-10-02", "complainant": {"name": "n"}, "summary": "s"},
    "mandate": {"complainant_covered": True, "alleges_retaliation": True, "notes": "n"},
    "timeliness": {"accept_late_filing": True, "late_filing_reason": "r"},
    "indicators": {"expressed_animus": True, "notes": "n"},
    "evidence": [{"kind": "witness", "status": "obtained", "date": "2026-09-09"}],
    "decision": {"override_reason": "o", "element_notes": {"protected_activity": "p"}},
    "conclusion": {"recommendations": "r", "conclusion": "c", "completed": True},
}


@fuzz(80)
@given(answers=mutated(ANSWERS_SEED))
def test_wizard_answers_are_applied_or_refused_cleanly(cli_vault, answers: object) -> None:  # type: ignore[no-untyped-def]
    first = cli_vault("case", "add", "-", "--json", stdin=json.dumps(case_seed()))
    reference = json.loads(first.out)["reference"]
    _cli_verdict(cli_vault("assess", reference, "--answers", "-", stdin=json.dumps(answers)))


@pytest.fixture(scope="module")
def backup_bytes(tmp_path_factory) -> bytes:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("b") / "vault"
    vault, _ = Vault.create(path, "fuzzing passphrase long enough", office="DKR")
    out = path.parent / "b.ecobackup"
    vault.backup(out)
    vault.close()
    return out.read_bytes()


def _tar_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


@fuzz(40)
@given(
    choice=st.integers(0, 2),
    seed=st.integers(0, 2**32),
    names=st.lists(st.sampled_from(["vault.db", "keyslots.json", "../escape", "/abs", "x/../../y"]), max_size=3),
)
def test_a_damaged_or_forged_backup_is_refused_cleanly(tmp_path_factory, backup_bytes, choice, seed, names) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    if choice == 0:
        data = mutate_bytes(backup_bytes, rng)
    elif choice == 1:
        data = _tar_of({name: rng.randbytes(rng.randint(0, 600)) for name in names})
    else:
        data = mutate_bytes(backup_bytes[:2048], rng) + backup_bytes[2048:]
    root = tmp_path_factory.mktemp("restore")
    (root / "in.ecobackup").write_bytes(data)
    try:
        Vault.restore(root / "in.ecobackup", root / "to", "fuzzing passphrase long enough")
    except EcoDeskError:
        return
    finally:
        assert not (root.parent / "escape").exists() and not Path("/abs").exists()
    with Vault.open(root / "to", "fuzzing passphrase long enough") as vault:  # accepted: it must be whole
        assert vault.verify().ok


# -- regressions found by these fuzzers (each was a traceback before its fix) -------------------------------
@pytest.mark.parametrize(
    "document",
    [
        b"[" * 5000 + b"]" * 5000,  # RecursionError in the JSON decoder
        b'{"title": "t", "received_on": "2026-01-01", "assessment": {"answers": {"a": ' + b"[" * 600 + b"]" * 600
        + b"}}}",  # stored, then pydantic could not serialize it
    ],
    ids=["decoder-recursion", "serializer-depth"],
)
def test_deeply_nested_json_is_refused(cli_vault, document: bytes) -> None:  # type: ignore[no-untyped-def]
    result = cli_vault("case", "add", "-", stdin=document)
    assert (result.code, result.err) == (2, "error: The input is nested too deeply.\n")


@pytest.mark.parametrize(
    ("command", "document", "field"),
    [
        (("case", "add", "-"), {"title": "t", "received_on": "9999-12-31"}, "received_on: is too large"),
        (("advice", "add", "-"), {**advice_seed(), "received_on": "0001-01-01"}, "received_on: is too small"),
        (("case", "add", "-"), {**case_seed(), "detrimental_actions": [{"date": "9999-12-31"}]},
         "detrimental_actions.0.date: is too large"),
        (("assess", "RET-2026-DKR-0001", "--answers", "-"), {"complaint": {"title": "t", "received_on": "9999-12-31"}},
         "complaint.received_on: is too large"),
    ],
)
def test_dates_outside_any_plausible_range_are_refused(cli_vault, command, document, field) -> None:  # type: ignore[no-untyped-def]
    assert cli_vault("case", "add", "-", stdin=json.dumps(case_seed())).code == 0  # RET-2026-DKR-0001
    result = cli_vault(*command, stdin=json.dumps(document))
    assert (result.code, result.err) == (2, f"error: Field {field}.\n")  # was an OverflowError traceback
