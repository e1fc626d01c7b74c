"""Organization trust end to end, through the command line: HQ and two officer vaults, the root, certificates
carried by packages, memos trusted by pdfsig (NSS) and pyHanko, revocation, and what officer vaults refuse."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

# ruff: noqa: S607



def _runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, office: str, person: str):  # type: ignore[no-untyped-def]
    from tests import conftest

    runner = conftest.CliRunner(tmp_path / name, monkeypatch)
    result = runner("init", "--office", office, "--name", person)
    assert result.code == 0, result.err
    return runner


def _introduce(tmp_path: Path, me, other, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    card = tmp_path / f"{name}.ecokey"
    assert other("keys", "export", "--out", str(card)).code == 0
    fingerprint = json.loads(other("keys", "show", "--json").out)["fingerprint"]
    added = me("contacts", "add", str(card), "--name", name, "--role", role)
    assert added.code == 0, added.err
    assert me("contacts", "trust", name, "--fingerprint", fingerprint).code == 0


def _new_case(cli) -> str:  # type: ignore[no-untyped-def]
    doc = {"title": "Reassignment", "received_on": "2026-03-02", "complainant": {"name": "Fatou Ndiaye"}}
    result = cli("case", "add", "-", "--json", stdin=json.dumps(doc))
    assert result.code == 0, result.err
    return str(json.loads(result.out)["reference"])


def _send(tmp_path: Path, sender, receiver, to: str, name: str):  # type: ignore[no-untyped-def]
    out = tmp_path / f"{name}.ecopkg"
    exported = sender("package", "export", "--kind", "key-exchange", "--to", to, "--out", str(out))
    assert exported.code == 0, exported.err
    return receiver("package", "import", str(out))


def _nss_db(tmp_path: Path, root_pem: Path) -> Path:
    nss = tmp_path / "nssdb"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True, capture_output=True)
    subprocess.run(
        ["certutil", "-A", "-d", f"sql:{nss}", "-n", "Organization root", "-t", "CT,C,C", "-i", str(root_pem)],
        check=True, capture_output=True,
    )
    return nss


def _pdfsig(nss: Path, pdf: Path) -> str:
    return subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(pdf)], capture_output=True, text=True).stdout


@pytest.fixture
def offices(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """HQ (with its root) and two officers, who know each other; each officer trusts the root."""
    hq = _runner(tmp_path, monkeypatch, "hq", "HQ", "Head Office")
    dkr = _runner(tmp_path, monkeypatch, "dkr", "DKR", "Awa Diop")
    nbo = _runner(tmp_path, monkeypatch, "nbo", "NBO", "Wanjiru Kamau")
    assert hq("org", "init", "--name", "Ethics Office of the Organization").code == 0
    for officer, name in ((dkr, "Dakar"), (nbo, "Nairobi")):
        _introduce(tmp_path, hq, officer, name, "officer")
        _introduce(tmp_path, officer, hq, "HQ", "hq")
    _introduce(tmp_path, dkr, nbo, "Nairobi", "officer")
    _introduce(tmp_path, nbo, dkr, "Dakar", "officer")
    exported = hq("org", "export-root", "--out", str(tmp_path / "root.pem"))
    assert exported.code == 0, exported.err
    fingerprint = exported.out.split("SHA-256 fingerprint: ")[1].split()[0]
    for officer in (dkr, nbo):
        trusted = officer("org", "trust-root", str(tmp_path / "root.der"), "--fingerprint", fingerprint)
        assert trusted.code == 0, trusted.err
    return hq, dkr, nbo


def test_certified_officers_sign_memos_that_standard_readers_and_other_offices_trust(
    offices, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    hq, dkr, nbo = offices
    # A memo signed before certification keeps its self-issued signature.
    early_ref = _new_case(dkr)
    assert dkr("memo", early_ref, "--sign", "--out", str(tmp_path / "early.pdf")).code == 0

    for officer, name in ((dkr, "Dakar"), (nbo, "Nairobi")):
        certified = hq("org", "certify", name, "--valid-days", "365")
        assert certified.code == 0, certified.err
        imported = _send(tmp_path, hq, officer, name, f"cert-{name}")
        assert imported.code == 0, imported.err
        assert "officer certificate" in imported.out
        shown = json.loads(officer("keys", "show", "--json").out)
        assert shown["certified_by"] == "Ethics Office of the Organization"

    memos = {}
    for officer, label in ((dkr, "dkr"), (nbo, "nbo")):
        reference = _new_case(officer)
        memos[label] = tmp_path / f"{label}.pdf"
        assert officer("memo", reference, "--sign", "--out", str(memos[label])).code == 0

    nss = _nss_db(tmp_path, tmp_path / "root.pem")
    for memo in memos.values():
        report = _pdfsig(nss, memo)
        assert "Signature is Valid" in report and "Certificate is Trusted" in report, report
    assert "Certificate is Trusted" not in _pdfsig(nss, tmp_path / "early.pdf")

    # pyHanko, with the exported root as the only trust anchor.
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = asn1_x509.Certificate.load((tmp_path / "root.der").read_bytes())
    with memos["dkr"].open("rb") as fh:
        signature = PdfFileReader(fh).embedded_signatures[0]
        status = validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))
    assert status.bottom_line and status.trusted

    # The other office: certified by the organization, named with the office.
    checked = nbo("memo", "verify", str(memos["dkr"]))
    assert checked.code == 0
    assert "Signer: Awa Diop (DKR)" in checked.out
    assert "certified by Ethics Office of the Organization" in checked.out
    early = nbo("memo", "verify", str(tmp_path / "early.pdf"))
    assert "not certified by the organization" in early.out
    as_json = json.loads(nbo("memo", "verify", str(memos["dkr"]), "--json").out)
    assert as_json["certification"] == "certified"
    assert as_json["signer_status"] == "verified_contact" and as_json["contact_name"] == "Dakar"
    own = json.loads(dkr("memo", "verify", str(memos["dkr"]), "--json").out)
    assert own["signer_status"] == "this_vault"


def test_a_revoked_officer_is_reported_and_their_later_packages_are_refused(
    offices, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    hq, dkr, nbo = offices
    for officer, name in ((dkr, "Dakar"), (nbo, "Nairobi")):
        assert hq("org", "certify", name).code == 0
        assert _send(tmp_path, hq, officer, name, f"cert-{name}").code == 0
    reference = _new_case(dkr)
    memo = tmp_path / "dkr.pdf"
    assert dkr("memo", reference, "--sign", "--out", str(memo)).code == 0

    revoked = hq("org", "revoke", "Dakar", "--reason", "keyCompromise")
    assert revoked.code == 0, revoked.err
    assert hq("org", "crl", "--out", str(tmp_path / "org.crl")).code == 0
    from cryptography import x509

    crl = x509.load_der_x509_crl((tmp_path / "org.crl").read_bytes())
    assert len(list(crl)) == 1
    imported = _send(tmp_path, hq, nbo, "Nairobi", "crl-to-nbo")
    assert imported.code == 0 and "revocation list was updated" in imported.out
    assert _send(tmp_path, hq, dkr, "Dakar", "crl-to-dkr").code == 0  # Dakar learns it too

    report = nbo("memo", "verify", str(memo))
    assert "certificate revoked by Ethics Office of the Organization on" in report.out
    assert "Signature intact" in report.out  # the organization line, not the integrity line, reports it
    assert json.loads(nbo("memo", "verify", str(memo), "--json").out)["certification"] == "revoked"

    # Dakar's next memo no longer carries the revoked certificate.
    later = tmp_path / "dkr-later.pdf"
    assert dkr("memo", reference, "--sign", "--out", str(later)).code == 0
    assert "not certified by the organization" in nbo("memo", "verify", str(later)).out

    # A package Dakar makes after the revocation: refused at HQ and at Nairobi (exit 5), nothing imported.
    case = _new_case(dkr)
    out = tmp_path / "late.ecopkg"
    assert dkr("package", "export", "--to", "Nairobi", "--to", "HQ", "--case", case, "--out", str(out)).code == 0
    for receiver in (nbo, hq):
        refused = receiver("package", "import", str(out))
        assert refused.code == 5, refused.out
        assert "revoked" in refused.err
        assert receiver("case", "show", case).code != 0


def test_every_org_command_that_needs_the_root_fails_clearly_in_an_officer_vault(
    offices, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    _hq, dkr, _nbo = offices
    for args in (
        ("org", "init", "--name", "Rogue"),
        ("org", "export-root", "--out", str(tmp_path / "x.pem")),
        ("org", "certify", "Nairobi"),
        ("org", "revoke", "Nairobi", "--reason", "superseded"),
        ("org", "crl", "--out", str(tmp_path / "x.crl")),
    ):
        result = dkr(*args)
        assert result.code == 2, args
        assert result.err.startswith("error: ") and "Traceback" not in result.err
        assert "HQ" in result.err
    assert not (tmp_path / "x.pem").exists() and not (tmp_path / "x.crl").exists()


def test_a_certificate_from_a_strangers_root_with_the_same_names_is_not_certified(
    offices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    _hq, dkr, nbo = offices
    # A stranger sets up an HQ with the same organization name and "certifies" a look-alike of Dakar.
    rogue = _runner(tmp_path, monkeypatch, "rogue", "HQ", "Head Office")
    assert rogue("org", "init", "--name", "Ethics Office of the Organization").code == 0
    _introduce(tmp_path, rogue, dkr, "Dakar", "officer")
    _introduce(tmp_path, dkr, rogue, "Rogue HQ", "hq")
    assert rogue("org", "certify", "Dakar").code == 0
    imported = _send(tmp_path, rogue, dkr, "Dakar", "rogue-cert")
    assert imported.code == 0
    assert "officer certificate" not in imported.out  # not installed: it does not chain to the trusted root
    reference = _new_case(dkr)
    memo = tmp_path / "dkr.pdf"
    assert dkr("memo", reference, "--sign", "--out", str(memo)).code == 0
    assert "not certified" in nbo("memo", "verify", str(memo)).out

    # Even a memo embedding the stranger's chain is not certified where the real root is trusted.
    from cryptography.hazmat.primitives.asymmetric import ec

    from ecodesk.memo.signing import sign_pdf
    from ecodesk.memo.verify import verify_memo
    from ecodesk.org.authority import issue_certificate, officer_request
    from ecodesk.org.headquarters import authority_of
    from ecodesk.org.service import trusted_root
    from ecodesk.storage.vault import Vault
    from tests import conftest

    with Vault.open(tmp_path / "rogue", conftest.PASSPHRASE) as vault:
        _a, rogue_key, rogue_root = authority_of(vault)
    key = ec.generate_private_key(ec.SECP256R1())
    fake = issue_certificate(
        rogue_key, rogue_root,
        officer_request(key, name="Awa Diop", organization="Ethics Office of the Organization", office="DKR",
                        duty_station=""),
    )
    draft = tmp_path / "draft.pdf"
    assert dkr("memo", reference, "--draft", "--out", str(draft)).code == 0
    pdf = sign_pdf(draft.read_bytes(), key, fake, chain=[rogue_root])
    with Vault.open(tmp_path / "nbo", conftest.PASSPHRASE) as vault:
        report = verify_memo(pdf, [], trusted_root(vault))
    assert report.signer_name == "Awa Diop" and report.certification == "untrusted"


def test_a_renamed_officer_sends_a_new_request_and_old_memos_stay_certified(
    offices, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    hq, dkr, nbo = offices
    assert hq("org", "certify", "Dakar").code == 0
    assert _send(tmp_path, hq, dkr, "Dakar", "cert-1").code == 0
    reference = _new_case(dkr)
    old = tmp_path / "old.pdf"
    assert dkr("memo", reference, "--sign", "--out", str(old)).code == 0

    assert dkr("settings", "set", "officer_name=Awa Diop-Sarr", "duty_station=Thiès").code == 0
    assert dkr("keys", "export", "--out", str(tmp_path / "renamed.ecokey")).code == 0
    updated = hq("contacts", "add", str(tmp_path / "renamed.ecokey"), "--name", "Dakar 2", "--role", "officer")
    assert updated.code == 0 and "replaces the earlier one" in updated.out
    assert hq("org", "certify", "Dakar").code == 0
    assert _send(tmp_path, hq, dkr, "Dakar", "cert-2").code == 0
    new = tmp_path / "new.pdf"
    assert dkr("memo", reference, "--sign", "--out", str(new)).code == 0

    assert "Signer: Awa Diop-Sarr (DKR)" in nbo("memo", "verify", str(new)).out
    for memo in (old, new):
        assert "certified by Ethics Office of the Organization" in nbo("memo", "verify", str(memo)).out
