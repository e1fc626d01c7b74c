"""The ``ecodesk`` command line: the contract HQ scripts rely on (names, JSON shapes, exit codes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, CliRunner

MINIMAL_CASE = {"title": "Non-renewal after audit", "summary": "Reported split tenders",
                "complainant": {"name": "Ngozi Adébáyọ̀"}, "received_on": "2026-11-02"}


def _add(cli: CliRunner, data: dict[str, object], *extra: str) -> str:
    result = cli("case", "add", "-", *extra, stdin=json.dumps(data))
    assert result.code == 0, result.err
    return result.out.strip().splitlines()[-1]


def test_init_prints_the_recovery_key_once(cli: CliRunner, vault_path: Path) -> None:
    result = cli("init", "--office", "DKR", "--json")
    assert result.code == 0, result.err
    key = json.loads(result.out)["recovery_key"]
    assert len(key.split("-")) == 9
    assert key not in "".join(p.read_text(errors="ignore") for p in vault_path.iterdir() if p.is_file())
    again = cli("init")
    assert again.code == 8 and again.err.startswith("error: A vault already exists")


def test_case_add_minimal_then_list_and_show(cli_vault: CliRunner) -> None:
    assert _add(cli_vault, MINIMAL_CASE) == "RET-2026-DKR-0001"
    listed = json.loads(cli_vault("case", "list", "--json").out)
    assert [{k: row[k] for k in ("reference", "title", "status", "received_on")} for row in listed] == [
        {"reference": "RET-2026-DKR-0001", "title": "Non-renewal after audit", "status": "received",
         "received_on": "2026-11-02"}]
    assert listed[0]["id"]
    shown = json.loads(cli_vault("case", "show", "RET-2026-DKR-0001", "--json").out)
    assert shown["complainant"]["name"] == "Ngozi Adébáyọ̀"
    text = cli_vault("case", "show", "ret-2026-dkr-0001").out
    assert "Ngozi Adébáyọ̀" in text and "Non-renewal after audit" in text
    _add(cli_vault, {"reference": "RET-2026-DKR-0001",
                     "evidence": [{"kind": "comparator_treatment", "status": "requested"}]})
    spanish = cli_vault("--lang", "es", "case", "show", "RET-2026-DKR-0001").out
    assert "Trato dado a personal en situación comparable [Solicitado]" in spanish


def test_case_add_json_output_and_full_options(cli_vault: CliRunner) -> None:
    data = {**MINIMAL_CASE, "complainant": {"name": "José Pérez Ñúñez", "position": "Driver", "office": "Panama"},
            "language": "es", "protected_activities": [{"kind": "cooperated_with_audit", "date": "2026-05-01"}],
            "detrimental_actions": [{"kind": "non_renewal", "date": "2026-09-30"}], "notes": "Follow up"}
    result = cli_vault("case", "add", "-", "--json", stdin=json.dumps(data))
    out = json.loads(result.out)
    assert out["reference"] == "RET-2026-DKR-0001" and out["id"]


def test_show_json_is_accepted_back_and_updates_by_reference(cli_vault: CliRunner, tmp_path: Path) -> None:
    _add(cli_vault, MINIMAL_CASE)
    shown = json.loads(cli_vault("case", "show", "RET-2026-DKR-0001", "--json").out)
    shown["summary"] = "Updated after the interview"
    assert _add(cli_vault, shown) == "RET-2026-DKR-0001"
    partial = {"reference": "RET-2026-DKR-0001", "status": "in_assessment"}
    assert _add(cli_vault, partial) == "RET-2026-DKR-0001"
    final = json.loads(cli_vault("case", "show", "RET-2026-DKR-0001", "--json").out)
    assert (final["summary"], final["status"], final["revision"]) == ("Updated after the interview",
                                                                       "in_assessment", 3)
    assert len(json.loads(cli_vault("case", "list", "--json").out)) == 1


def test_stale_revision_is_refused(cli_vault: CliRunner) -> None:
    _add(cli_vault, MINIMAL_CASE)
    shown = json.loads(cli_vault("case", "show", "RET-2026-DKR-0001", "--json").out)
    _add(cli_vault, {"reference": "RET-2026-DKR-0001", "summary": "changed elsewhere"})
    result = cli_vault("case", "add", "-", stdin=json.dumps(shown))
    assert result.code == 9 and "changed elsewhere since you opened it" in result.err


@pytest.mark.parametrize(("payload", "field"), [
    ('{"title": "x", "complainant": {"name": "a"}}', "received_on"),
    ('{"title": "x", "received_on": "2026-13-40"}', "received_on"),
    ('{"title": "x", "received_on": "2026-11-02", "complaint": {"name": "a"}}', "complaint"),
    ('{"title": "x", "received_on": "2026-11-02", "complainant": {"nom": "a"}}', "complainant.nom"),
    ('{"title": "", "received_on": "2026-11-02"}', "title"),
    ('{"title": "x", "received_on": "2026-11-02", "status": "lost"}', "status"),
])
def test_invalid_records_name_the_field_and_change_nothing(cli_vault: CliRunner, payload: str, field: str) -> None:
    result = cli_vault("case", "add", "-", stdin=payload)
    assert result.code == 2
    assert result.err.startswith(f"error: Field {field}:"), result.err
    assert "Traceback" not in result.err
    assert json.loads(cli_vault("case", "list", "--json").out) == []


def test_invalid_json_is_reported_with_its_position(cli_vault: CliRunner) -> None:
    result = cli_vault("case", "add", "-", stdin='{"title": "x",\n  "received_on": }')
    assert result.code == 2 and "line 2" in result.err


def test_confidential_values_are_not_echoed_in_errors(cli_vault: CliRunner) -> None:
    secret = "Whistleblower-Canary-7731"
    result = cli_vault("case", "add", "-", stdin=json.dumps({"title": "x", "received_on": secret}))
    assert result.code == 2 and secret not in result.err


def test_unknown_reference_exits_4(cli_vault: CliRunner) -> None:
    result = cli_vault("case", "show", "RET-2026-DKR-0042")
    assert result.code == 4 and result.err == "error: No record with reference RET-2026-DKR-0042 in this vault.\n"


def test_wrong_passphrase_exits_3(cli_vault: CliRunner) -> None:
    result = cli_vault("case", "list", passphrase="not the passphrase")
    assert result.code == 3 and result.err == "error: Wrong passphrase or not an EcoDesk vault.\n"


def test_missing_vault_and_missing_passphrase_are_clear(cli: CliRunner, tmp_path: Path) -> None:
    missing = cli("--vault", str(tmp_path / "none"), "case", "list")
    assert missing.code == 8 and "ecodesk init" in missing.err
    cli("init")
    no_secret = cli("case", "list", passphrase=None)
    assert no_secret.code == 2 and "ECODESK_PASSPHRASE" in no_secret.err


def test_passphrase_file_option(cli_vault: CliRunner, tmp_path: Path) -> None:
    secret_file = tmp_path / "pass.txt"
    secret_file.write_text(PASSPHRASE + "\n")
    result = cli_vault("--passphrase-file", str(secret_file), "case", "list", "--json", passphrase=None)
    assert result.code == 0 and json.loads(result.out) == []


def test_advice_add_list_show(cli_vault: CliRunner) -> None:
    result = cli_vault("advice", "add", "-", stdin=json.dumps(
        {"category": "gifts", "question": "May I accept a scarf from a partner NGO?", "received_on": "2026-11-10"}))
    assert result.out.strip() == "ADV-2026-DKR-0001"
    rows = json.loads(cli_vault("advice", "list", "--json").out)
    assert rows[0]["reference"] == "ADV-2026-DKR-0001" and rows[0]["category"] == "gifts"
    assert json.loads(cli_vault("advice", "show", "ADV-2026-DKR-0001", "--json").out)["categories"] == ["gifts"]
    bad = cli_vault("advice", "add", "-", stdin=json.dumps(
        {"category": "bribes", "question": "q", "received_on": "2026-11-10"}))
    assert bad.code == 2 and "categories" in bad.err and "conflict_of_interest" in bad.err
    assert "financial_disclosure, other." in bad.err  # the codes only, no English "or"
    french = cli_vault("--lang", "fr", "advice", "add", "-", stdin=json.dumps(
        {"category": "bribes", "question": "q", "received_on": "2026-11-10"}))
    assert " or " not in french.err and "conflict_of_interest" in french.err
    assert cli_vault("case", "show", "ADV-2026-DKR-0001").code == 2


def test_search_and_list_filters(cli_vault: CliRunner) -> None:
    _add(cli_vault, MINIMAL_CASE)
    _add(cli_vault, {**MINIMAL_CASE, "complainant": {"name": "Nguyễn Thị Hồng"}, "status": "closed"})
    found = json.loads(cli_vault("search", "adebayo", "--json").out)
    assert [r["reference"] for r in found] == ["RET-2026-DKR-0001"]
    closed = json.loads(cli_vault("case", "list", "--status", "closed", "--json").out)
    assert [r["reference"] for r in closed] == ["RET-2026-DKR-0002"]
    queried = json.loads(cli_vault("case", "list", "--query", "nguyen", "--json").out)
    assert [r["reference"] for r in queried] == ["RET-2026-DKR-0002"]


def test_attach_and_export_attachment(cli_vault: CliRunner, tmp_path: Path) -> None:
    _add(cli_vault, MINIMAL_CASE)
    original = tmp_path / "statement.pdf"
    original.write_bytes(os.urandom(700_000))
    result = cli_vault("case", "attach", "RET-2026-DKR-0001", str(original), "--json")
    assert result.code == 0, result.err
    out = tmp_path / "copy.pdf"
    exported = cli_vault("case", "attachment", "RET-2026-DKR-0001", "statement.pdf", "--out", str(out))
    assert exported.code == 0 and "not encrypted" in exported.err
    assert out.read_bytes() == original.read_bytes()
    missing = cli_vault("case", "attachment", "RET-2026-DKR-0001", "nope.pdf", "--out", str(tmp_path / "x"))
    assert missing.code == 4 and not (tmp_path / "x").exists()


def test_vault_commands(cli_vault: CliRunner, tmp_path: Path) -> None:
    _add(cli_vault, MINIMAL_CASE)
    assert cli_vault("vault", "verify").code == 0
    assert json.loads(cli_vault("vault", "verify", "--json").out)["ok"] is True
    backup = tmp_path / "b.ecobackup"
    assert cli_vault("vault", "backup", "--out", str(backup)).code == 0
    restored = tmp_path / "restored"
    assert cli_vault("vault", "restore", str(backup), "--to", str(restored)).code == 0
    changed = cli_vault("vault", "change-passphrase", env={"ECODESK_NEW_PASSPHRASE": "the next passphrase"})
    assert changed.code == 0
    assert cli_vault("case", "list", passphrase="the next passphrase").code == 0
    assert cli_vault("--vault", str(restored), "case", "list").code == 0


def test_recover_with_the_recovery_key(cli: CliRunner) -> None:
    key = json.loads(cli("init", "--json").out)["recovery_key"]
    bad = cli("vault", "recover", "--recovery-key", "AAAA-BBBB", env={"ECODESK_NEW_PASSPHRASE": "whatever long"})
    assert bad.code == 2
    result = cli("vault", "recover", "--recovery-key", key, passphrase=None,
                 env={"ECODESK_NEW_PASSPHRASE": "reset by recovery"})
    assert result.code == 0, result.err
    assert cli("case", "list", passphrase="reset by recovery").code == 0


def test_demo_seed_is_deterministic(cli_vault: CliRunner, cli: CliRunner, tmp_path: Path) -> None:
    assert cli_vault("demo", "seed", "--cases", "12", "--advice", "4", "--seed", "7").code == 0
    first = json.loads(cli_vault("case", "list", "--json").out)
    other = tmp_path / "other"
    cli("--vault", str(other), "init", "--office", "DKR")
    cli("--vault", str(other), "demo", "seed", "--cases", "12", "--advice", "4", "--seed", "7")
    second = json.loads(cli("--vault", str(other), "case", "list", "--json").out)
    assert len(first) == 12 and len(json.loads(cli_vault("advice", "list", "--json").out)) == 4
    assert [(r["id"], r["title"]) for r in first] == [(r["id"], r["title"]) for r in second]


def test_usage_errors_print_error_lines(cli_vault: CliRunner) -> None:
    result = cli_vault("frobnicate")
    assert result.code == 2 and result.err.startswith("error: ")


def test_python_m_ecodesk_matches_the_command_and_never_shows_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "ECODESK_VAULT": str(tmp_path / "v"), "ECODESK_PASSPHRASE": PASSPHRASE,
           "ECODESK_KDF_PROFILE": "fast"}
    version = subprocess.run([sys.executable, "-m", "ecodesk", "--version"], capture_output=True, text=True, env=env)
    assert version.returncode == 0 and version.stdout.startswith("ecodesk ") and "SQLCipher" in version.stdout
    subprocess.run([sys.executable, "-m", "ecodesk", "init"], capture_output=True, env=env, check=True)
    wrong = subprocess.run([sys.executable, "-m", "ecodesk", "case", "list"], capture_output=True, text=True,
                           env={**env, "ECODESK_PASSPHRASE": "wrong passphrase"}, stdin=subprocess.DEVNULL)
    assert wrong.returncode == 3 and wrong.stderr == "error: Wrong passphrase or not an EcoDesk vault.\n"
    bad = subprocess.run([sys.executable, "-m", "ecodesk", "case", "add", str(tmp_path / "missing.json")],
                         capture_output=True, text=True, env=env)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_json_with_an_unpaired_surrogate_is_refused_cleanly(cli_vault: CliRunner) -> None:
    """Valid JSON, but "\\ud800" is no character: refused with exit 2, never a traceback (found by fuzzing)."""
    for payload in ('{"title": "x", "received_on": "2026-11-02", "id": "\\ud800"}',
                    '{"title": "\\udfff broken", "received_on": "2026-11-02"}'):
        result = cli_vault("case", "add", "-", stdin=payload)
        assert result.code == 2 and "unpaired surrogate" in result.err
