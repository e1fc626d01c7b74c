"""The exchange commands as HQ automation and officers use them: keys, contacts, package export/import/inspect/
ack/list, conflicts; exit code 5 with the reason for a refused package; interoperability with ``age`` and ``tar``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ecodesk.crypto.identity import PublicIdentity

pytestmark = pytest.mark.usefixtures("cli_vault")
# The age and tar commands are looked up on PATH on purpose: HQ uses the standard tools.
# ruff: noqa: S607


def _runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, office: str):  # type: ignore[no-untyped-def]
    from tests import conftest

    runner = conftest.CliRunner(tmp_path / name, monkeypatch)
    result = runner("init", "--office", office, "--name", name)
    assert result.code == 0, result.err
    return runner


@pytest.fixture
def pair(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """(officer, hq) runners whose vaults know and trust each other."""
    hq = _runner(tmp_path, monkeypatch, "hq", "HQ")
    for me, other, name, role in ((cli, hq, "HQ Geneva", "hq"), (hq, cli, "Dakar", "officer")):
        card = tmp_path / f"{name}.ecokey"
        assert other("keys", "export", "--out", str(card)).code == 0
        fingerprint = json.loads(other("keys", "show", "--json").out)["fingerprint"]
        added = me("contacts", "add", str(card), "--name", name, "--role", role)
        assert added.code == 0, added.err
        assert me("contacts", "trust", name, "--fingerprint", fingerprint.replace(" ", "")).code == 0
    return cli, hq


def _new_case(cli, title: str = "Reassignment") -> str:  # type: ignore[no-untyped-def]
    doc = {"title": title, "received_on": "2026-03-02", "complainant": {"name": "Fatou Ndiaye"}}
    result = cli("case", "add", "-", "--json", stdin=json.dumps(doc))
    assert result.code == 0, result.err
    return str(json.loads(result.out)["reference"])


def test_keys_show_prints_the_fingerprint_in_groups_and_the_age_recipient(cli) -> None:  # type: ignore[no-untyped-def]
    shown = json.loads(cli("keys", "show", "--json").out)
    assert shown["age_recipient"].startswith("age1") and shown["name"] == "Awa Diop"
    groups = shown["fingerprint"].split(" ")
    assert len(groups) == 12 and all(len(g) == 5 and g.isdigit() for g in groups)
    assert shown["fingerprint"] in cli("keys", "show").out


def test_the_identity_card_is_signed_and_a_contact_is_verified_only_with_the_right_fingerprint(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    hq = _runner(tmp_path, monkeypatch, "hq", "HQ")
    card = tmp_path / "hq.ecokey"
    assert hq("keys", "export", "--out", str(card)).code == 0
    fingerprint = json.loads(hq("keys", "show", "--json").out)["fingerprint"]

    altered = json.loads(card.read_text())
    altered["identity"]["name"] = "Someone else"
    (tmp_path / "altered.ecokey").write_text(json.dumps(altered))
    refused = cli("contacts", "add", str(tmp_path / "altered.ecokey"), "--name", "HQ", "--role", "hq")
    assert refused.code == 2 and "altered" in refused.err

    added = cli("contacts", "add", str(card), "--name", "HQ Geneva", "--role", "hq")
    assert added.code == 0 and fingerprint in added.out
    wrong = "1" + fingerprint.replace(" ", "")[1:] if fingerprint[0] != "1" else "2" + fingerprint.replace(" ", "")[1:]
    mismatch = cli("contacts", "trust", "HQ Geneva", "--fingerprint", wrong)
    assert mismatch.code == 2 and "does not match" in mismatch.err
    assert json.loads(cli("contacts", "list", "--json").out)[0]["verified"] is False
    assert cli("contacts", "trust", "hq geneva", "--fingerprint", fingerprint).code == 0
    [contact] = json.loads(cli("contacts", "list", "--json").out)
    assert contact["verified"] is True and contact["role"] == "hq" and contact["office"] == "HQ"
    assert cli("contacts", "remove", "HQ Geneva").code == 0
    assert json.loads(cli("contacts", "list", "--json").out) == []
    assert cli("contacts", "remove", "HQ Geneva").code == 4


def test_export_import_inspect_ack_and_list_through_the_cli(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    officer, hq = pair
    reference = _new_case(officer)
    package = tmp_path / "dkr.ecopkg"
    exported = officer("package", "export", "--to", "HQ Geneva", "--case", reference, "--out", str(package), "--json")
    assert exported.code == 0, exported.err
    package_id = json.loads(exported.out)["package_id"]

    inspected = hq("package", "inspect", str(package), "--json")
    assert inspected.code == 0, inspected.err
    info = json.loads(inspected.out)
    assert info["manifest"]["package_id"] == package_id and info["sender_verified"] is True
    assert [r["reference"] for r in info["manifest"]["records"]] == [reference]
    assert hq("case", "show", reference).code == 4  # inspecting applied nothing

    imported = hq("package", "import", str(package), "--ack-out", str(tmp_path / "ack.ecopkg"))
    assert imported.code == 0, imported.err
    assert "New records: 1" in imported.out
    assert json.loads(hq("case", "show", reference, "--json").out)["office"] == "DKR"

    replay = hq("package", "import", str(package))
    assert replay.code == 0 and "already imported" in replay.out

    assert officer("package", "import", str(tmp_path / "ack.ecopkg")).code == 0
    listing = json.loads(officer("package", "list", "--json").out)
    assert listing["sent"][0]["acknowledged_at"] is not None
    assert "acknowledged" in officer("package", "list").out
    nothing = officer("package", "export", "--to", "HQ Geneva", "--since-ack", "--out", str(tmp_path / "n.ecopkg"))
    assert nothing.code == 0 and "Nothing to export" in nothing.out and not (tmp_path / "n.ecopkg").exists()

    again = hq("package", "ack", "--for", package_id, "--out", str(tmp_path / "ack2.ecopkg"))
    assert again.code == 0 and (tmp_path / "ack2.ecopkg").exists()


def test_a_refused_package_exits_5_with_the_reason_and_is_listed_in_the_inbox(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    officer, hq = pair
    package = tmp_path / "dkr.ecopkg"
    assert officer("package", "export", "--to", "HQ Geneva", "--case", _new_case(officer), "--out",
                   str(package)).code == 0
    data = bytearray(package.read_bytes())
    data[-40] ^= 0xFF
    (tmp_path / "bad.ecopkg").write_bytes(bytes(data))
    refused = hq("package", "import", str(tmp_path / "bad.ecopkg"))
    assert refused.code == 5
    assert refused.err.startswith("error: The package is damaged")
    assert "Traceback" not in refused.err
    listing = json.loads(hq("package", "list", "--json").out)
    assert listing["received"][0]["status"] == "refused"
    assert "refused" in hq("package", "list").out
    # The same refusal in French.
    french = hq("--lang", "fr", "package", "import", str(tmp_path / "bad.ecopkg"))
    assert french.code == 5 and "error: " in french.err and "The package" not in french.err
    assert hq("package", "inspect", str(tmp_path / "bad.ecopkg")).code == 5


def test_conflicts_are_listed_and_resolved_from_the_cli(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    officer, hq = pair
    reference = _new_case(officer)
    assert officer("package", "export", "--to", "HQ Geneva", "--case", reference, "--out",
                   str(tmp_path / "1.ecopkg")).code == 0
    assert hq("package", "import", str(tmp_path / "1.ecopkg")).code == 0
    for runner, text in ((officer, "Officer's note"), (hq, "HQ's note")):
        edited = runner("case", "add", "-", stdin=json.dumps({"reference": reference, "notes": text}))
        assert edited.code == 0, edited.err
    assert hq("package", "export", "--to", "Dakar", "--case", reference, "--out", str(tmp_path / "2.ecopkg")).code == 0
    assert "Conflicts kept for review: 1" in officer("package", "import", str(tmp_path / "2.ecopkg")).out
    [conflict] = json.loads(officer("conflicts", "list", "--json").out)
    assert conflict["reference"] == reference and conflict["sender"] == "HQ Geneva"
    assert reference in officer("conflicts", "list").out
    assert officer("conflicts", "resolve", reference, "--keep", "local").code == 0
    assert json.loads(officer("conflicts", "list", "--json").out) == []
    assert officer("conflicts", "resolve", reference, "--keep", "local").code == 4


def test_export_identity_needs_confirmation(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "identity.txt"
    refused = cli("keys", "export-identity", "--out", str(out))
    assert refused.code == 2 and "WARNING" in refused.err and not out.exists()
    assert cli("keys", "export-identity", "--out", str(out), "--yes").code == 0
    assert out.stat().st_mode & 0o077 == 0
    assert "AGE-SECRET-KEY-1" in out.read_text()


@pytest.mark.skipif(shutil.which("age") is None or shutil.which("tar") is None,
                    reason="needs the age and tar commands (make system-deps installs them)")
def test_hq_can_read_a_package_with_age_and_tar_alone(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    officer, hq = pair
    reference = _new_case(officer)
    package = tmp_path / "dkr.ecopkg"
    assert officer("package", "export", "--to", "HQ Geneva", "--case", reference, "--out", str(package),
                   "--split-mb", "1").code == 0
    identity = tmp_path / "hq-identity.txt"
    assert hq("keys", "export-identity", "--out", str(identity), "--yes").code == 0
    volume = tmp_path / "dkr.ecopkg.001"
    age = subprocess.run(["age", "-d", "-i", str(identity), str(volume)], capture_output=True, check=True)
    listing = subprocess.run(["tar", "-t"], input=age.stdout, capture_output=True, check=True).stdout.decode()
    names = listing.split()
    assert names[:2] == ["manifest.json", "manifest.sig"]
    assert len(names) == 3 and names[2].startswith("records/") and names[2].endswith(".json")
    manifest = json.loads(subprocess.run(["tar", "-xO", "manifest.json"], input=age.stdout, capture_output=True,
                                         check=True).stdout)
    assert manifest["records"][0]["reference"] == reference
    # The signature checks with the sender's public key from its card, outside EcoDesk.
    signature = subprocess.run(["tar", "-xO", "manifest.sig"], input=age.stdout, capture_output=True,
                               check=True).stdout
    manifest_bytes = subprocess.run(["tar", "-xO", "manifest.json"], input=age.stdout, capture_output=True,
                                    check=True).stdout
    card = tmp_path / "Dakar.ecokey"
    public = PublicIdentity.model_validate(json.loads(card.read_text())["identity"])
    assert public.verify_signature(signature, manifest_bytes)


def test_statistics_travel_as_documents_of_a_stats_package(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    officer, hq = pair
    stats = tmp_path / "stats-2026.json"
    stats.write_text('{"office": "DKR", "cases": 3}')
    bad = officer("package", "export", "--to", "HQ Geneva", "--kind", "stats", "--document", "stats.json",
                  "--out", str(tmp_path / "s.ecopkg"))
    assert bad.code == 2 and "NAME=FILE" in bad.err
    sent = officer("package", "export", "--to", "HQ Geneva", "--kind", "stats", "--document",
                   f"stats-dkr.json={stats}", "--out", str(tmp_path / "s.ecopkg"))
    assert sent.code == 0, sent.err
    imported = hq("package", "import", str(tmp_path / "s.ecopkg"))
    assert imported.code == 0 and "Statistics documents received: 1" in imported.out
    mixed = officer("package", "export", "--to", "HQ Geneva", "--kind", "stats", "--case", "RET-2026-DKR-0001",
                    "--out", str(tmp_path / "m.ecopkg"))
    assert mixed.code == 2 and "documents, not records" in mixed.err and not (tmp_path / "m.ecopkg").exists()


def test_a_delayed_older_package_is_reported_as_ignored_and_the_case_stays_closed(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    officer, hq = pair
    reference = _new_case(officer)
    for step, change in (("a", None), ("b", {"reference": reference, "status": "closed", "notes": "Closed"})):
        if change:
            assert officer("case", "add", "-", stdin=json.dumps(change)).code == 0
        assert officer("package", "export", "--to", "HQ Geneva", "--case", reference, "--out",
                       str(tmp_path / f"{step}.ecopkg")).code == 0
    assert hq("package", "import", str(tmp_path / "b.ecopkg")).code == 0

    late = hq("package", "import", str(tmp_path / "a.ecopkg"))

    assert late.code == 0 and "Older versions ignored" in late.out and "Updated records" not in late.out
    assert json.loads(hq("case", "show", reference, "--json").out)["status"] == "closed"
