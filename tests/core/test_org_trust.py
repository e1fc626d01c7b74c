"""Organization trust, piece by piece: certificate requests on key cards, validity periods, hostile CRLs,
contacts certified by HQ, trusting the root only with the right fingerprint."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.errors import InvalidInput
from ecodesk.org.authority import RevocationReason, build_crl, create_root, der, issue_certificate, officer_request
from ecodesk.org.trust import CertificateStatus, check_certificate, fingerprint, load_crl

ORG = "Ethics Office"


def _officer(root_key: ec.EllipticCurvePrivateKey, root: x509.Certificate, **kw: object) -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    request = officer_request(key, name="Awa Diop", organization=ORG, office="DKR", duty_station="Dakar")
    return issue_certificate(root_key, root, request, **kw)  # type: ignore[arg-type]


def test_an_officer_certificate_is_valid_only_within_its_period() -> None:
    root_key, root = create_root(ORG)
    now = dt.datetime.now(dt.UTC)
    cert = _officer(root_key, root, valid_days=30)
    assert check_certificate(cert, root, at=now).status == CertificateStatus.certified
    assert check_certificate(cert, root, at=now + dt.timedelta(days=31)).status == CertificateStatus.expired
    assert check_certificate(cert, root, at=now - dt.timedelta(days=1)).status == CertificateStatus.not_yet_valid
    future = _officer(root_key, root, now=now + dt.timedelta(days=10))
    assert check_certificate(future, root).status == CertificateStatus.not_yet_valid
    assert check_certificate(cert, None).status == CertificateStatus.untrusted


def test_the_root_is_a_p256_ca_for_ten_years_and_officer_certificates_sign_documents() -> None:
    root_key, root = create_root(ORG)
    constraints = root.extensions.get_extension_for_class(x509.BasicConstraints).value
    usage = root.extensions.get_extension_for_class(x509.KeyUsage).value
    assert constraints.ca and usage.key_cert_sign and usage.crl_sign
    assert isinstance(root.public_key(), ec.EllipticCurvePublicKey)
    assert (root.not_valid_after_utc - root.not_valid_before_utc).days >= 3650
    cert = _officer(root_key, root)
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    purposes = {o.dotted_string for o in cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value}
    assert "1.3.6.1.5.5.7.3.36" in purposes  # document signing
    assert cert.subject.get_attributes_for_oid(NameOID.LOCALITY_NAME)[0].value == "Dakar"


def test_a_crl_of_another_root_is_ignored_and_a_revoked_certificate_reports_its_date() -> None:
    root_key, root = create_root(ORG)
    other_key, other = create_root(ORG)
    cert = _officer(root_key, root)
    when = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    forged = build_crl(other_key, other, [(cert.serial_number, when, RevocationReason.key_compromise)], number=9)
    assert check_certificate(cert, root, forged).certified
    real = build_crl(root_key, root, [(cert.serial_number, when, RevocationReason.affiliation_changed)], number=1)
    check = check_certificate(cert, root, real)
    assert check.status == CertificateStatus.revoked and check.revoked_at == when
    assert check.reason == "affiliationChanged"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_hostile_bytes_are_never_taken_for_a_crl_without_an_orderly_refusal(data: bytes) -> None:
    try:
        crl = load_crl(data)
    except InvalidInput:
        return
    list(crl)  # if it parsed, every entry is readable


_REAL_KEY, _REAL_ROOT = create_root(ORG)
_REAL_CRL = der(build_crl(_REAL_KEY, _REAL_ROOT, [(12345, dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                                                   RevocationReason.superseded)], number=3))


@settings(max_examples=80, deadline=None)
@given(st.integers(0, len(_REAL_CRL) - 1), st.integers(0, 255), st.integers(0, len(_REAL_CRL)))
def test_a_damaged_crl_is_refused_or_fails_its_signature_check(position: int, value: int, cut: int) -> None:
    from ecodesk.org.trust import crl_is_from

    damaged = bytearray(_REAL_CRL)
    damaged[position] = value
    data = bytes(damaged[:cut] if cut < len(damaged) else damaged)
    try:
        crl = load_crl(data)
    except InvalidInput:
        return
    if data != _REAL_CRL:
        assert not crl_is_from(crl, _REAL_ROOT) or der(crl) == _REAL_CRL


def _runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, office: str):  # type: ignore[no-untyped-def]
    from tests import conftest

    runner = conftest.CliRunner(tmp_path / name, monkeypatch)
    assert runner("init", "--office", office, "--name", name).code == 0
    return runner


def test_the_key_card_carries_a_request_named_after_officer_office_and_duty_station(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = _runner(tmp_path, monkeypatch, "Awa Diop", "DKR")
    assert officer("settings", "set", "duty_station=Dakar").code == 0
    assert officer("keys", "export", "--out", str(tmp_path / "card.ecokey")).code == 0
    card = json.loads((tmp_path / "card.ecokey").read_text())
    request = x509.load_pem_x509_csr(card["certificate_request_pem"].encode())
    subject = {a.oid: a.value for a in request.subject}
    assert subject[NameOID.COMMON_NAME] == "Awa Diop" and subject[NameOID.ORGANIZATIONAL_UNIT_NAME] == "DKR"
    assert subject[NameOID.LOCALITY_NAME] == "Dakar" and request.is_signature_valid
    memo = x509.load_pem_x509_certificate(card["identity"]["memo_certificate_pem"].encode())
    assert request.public_key() == memo.public_key()


def test_a_contact_certified_by_hq_is_usable_without_a_fingerprint_comparison(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hq = _runner(tmp_path, monkeypatch, "Head", "HQ")
    dkr = _runner(tmp_path, monkeypatch, "Awa", "DKR")
    nbo = _runner(tmp_path, monkeypatch, "Wanjiru", "NBO")
    assert hq("org", "init", "--name", ORG).code == 0
    root_fp = hq("org", "export-root", "--out", str(tmp_path / "root.pem")).out.split("fingerprint: ")[1].split()[0]
    # Nairobi trusts the root only with the right fingerprint.
    wrong = nbo("org", "trust-root", str(tmp_path / "root.pem"), "--fingerprint", "AB" * 32)
    assert wrong.code == 2 and "does not match" in wrong.err
    assert nbo("org", "trust-root", str(tmp_path / "root.pem"), "--fingerprint", root_fp.lower()).code == 0
    # HQ certifies Dakar (after comparing Dakar's fingerprint); Dakar gets the certificate by package.
    for me, other, name, role in ((hq, dkr, "Dakar", "officer"), (dkr, hq, "HQ", "hq")):
        other("keys", "export", "--out", str(tmp_path / f"{name}.ecokey"))
        assert me("contacts", "add", str(tmp_path / f"{name}.ecokey"), "--name", name, "--role", role).code == 0
        fp = json.loads(other("keys", "show", "--json").out)["fingerprint"]
        assert me("contacts", "trust", name, "--fingerprint", fp).code == 0
    assert hq("org", "certify", "Dakar", "--valid-days", "99999").code == 2
    assert hq("org", "certify", "Dakar").code == 0
    hq("package", "export", "--kind", "key-exchange", "--to", "Dakar", "--out", str(tmp_path / "c.ecopkg"))
    imported = dkr("package", "import", str(tmp_path / "c.ecopkg"))
    assert "root certificate of Ethics Office" in imported.out  # offered: Dakar has not trusted it yet
    assert dkr("org", "trust-root", "--fingerprint", root_fp).code == 0  # the offered root; installs the cert
    # Dakar's new card carries the certificate: Nairobi's contact is verified through HQ, no fingerprint typed.
    dkr("keys", "export", "--out", str(tmp_path / "dkr2.ecokey"))
    added = nbo("contacts", "add", str(tmp_path / "dkr2.ecokey"), "--name", "Dakar", "--role", "officer")
    assert added.code == 0 and "certified by Ethics Office" in added.out
    listed = json.loads(nbo("contacts", "list", "--json").out)
    assert listed[0]["verified"] and listed[0]["certified_by"] == ORG
    case = nbo("case", "add", "-", "--json", stdin=json.dumps({"title": "T", "received_on": "2026-03-02"}))
    reference = json.loads(case.out)["reference"]
    sent = nbo("package", "export", "--to", "Dakar", "--case", reference, "--out", str(tmp_path / "n.ecopkg"))
    assert sent.code == 0, sent.err
    # The same card without a trusted root (HQ's stranger) stays unverified.
    stranger = _runner(tmp_path, monkeypatch, "Other", "LIM")
    stranger("contacts", "add", str(tmp_path / "dkr2.ecokey"), "--name", "Dakar", "--role", "officer")
    assert not json.loads(stranger("contacts", "list", "--json").out)[0]["verified"]


def test_root_fingerprint_is_the_sha256_of_the_der_certificate(tmp_path: Path) -> None:
    import hashlib

    _key, root = create_root(ORG)
    assert fingerprint(root).replace(":", "").lower() == hashlib.sha256(der(root)).hexdigest()


def test_memo_verify_says_the_certificate_had_expired_when_the_memo_was_signed(tmp_path: Path) -> None:
    from ecodesk.memo.signing import sign_pdf
    from ecodesk.memo.verify import verify_memo
    from ecodesk.org.status import certification_text

    root_key, root = create_root(ORG)
    key = ec.generate_private_key(ec.SECP256R1())
    request = officer_request(key, name="Awa Diop", organization=ORG, office="DKR", duty_station="")
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    expired = issue_certificate(root_key, root, request, valid_days=30, now=past)
    early = issue_certificate(root_key, root, request, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=5))
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(tmp_path / "plain.pdf"))
    page.drawString(72, 720, "Memorandum")
    page.save()
    plain = (tmp_path / "plain.pdf").read_bytes()
    for certificate, status, words in (
        (expired, CertificateStatus.expired, "had expired when the memo was signed"),
        (early, CertificateStatus.not_yet_valid, "was not yet valid when the memo was signed"),
    ):
        report = verify_memo(sign_pdf(plain, key, certificate, chain=[root]), [], root)
        assert report.intact and not report.ok and report.certification == status
        assert words in certification_text(report)


def test_the_certificate_names_the_roots_organization_whatever_the_request_says() -> None:
    root_key, root = create_root(ORG)
    key = ec.generate_private_key(ec.SECP256R1())
    request = officer_request(key, name="Awa Diop", organization="Somebody Else", office="DKR", duty_station="Dakar")
    cert = issue_certificate(root_key, root, request)
    subject = {a.oid: a.value for a in cert.subject}
    assert subject[NameOID.ORGANIZATION_NAME] == ORG and subject[NameOID.COMMON_NAME] == "Awa Diop"
    assert subject[NameOID.ORGANIZATIONAL_UNIT_NAME] == "DKR" and subject[NameOID.LOCALITY_NAME] == "Dakar"


def test_a_memo_signed_after_the_revocation_is_not_ok_one_signed_before_is(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    from ecodesk.memo.signing import sign_pdf
    from ecodesk.memo.verify import verify_memo

    root_key, root = create_root(ORG)
    key = ec.generate_private_key(ec.SECP256R1())
    request = officer_request(key, name="Awa Diop", organization=ORG, office="DKR", duty_station="")
    cert = issue_certificate(root_key, root, request)
    page = canvas.Canvas(str(tmp_path / "plain.pdf"))
    page.drawString(72, 720, "Memorandum")
    page.save()
    signed = sign_pdf((tmp_path / "plain.pdf").read_bytes(), key, cert, chain=[root])
    now = dt.datetime.now(dt.UTC)
    for revoked_at, ok in ((now - dt.timedelta(hours=1), False), (now + dt.timedelta(hours=1), True)):
        crl = build_crl(root_key, root, [(cert.serial_number, revoked_at, RevocationReason.key_compromise)], number=1)
        report = verify_memo(signed, [], root, crl)
        assert report.certification == CertificateStatus.revoked and report.ok is ok


_OFFICER = _officer(_REAL_KEY, _REAL_ROOT)
_OFFICER_DER = der(_OFFICER)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, len(_OFFICER_DER) - 1), st.integers(0, 255))
def test_a_damaged_officer_certificate_is_never_certified(position: int, value: int) -> None:
    from ecodesk.org.trust import load_certificate

    damaged = bytearray(_OFFICER_DER)
    damaged[position] = value
    try:
        cert = load_certificate(bytes(damaged))
    except InvalidInput:
        return
    check = check_certificate(cert, _REAL_ROOT)
    assert not check.certified or der(cert) == _OFFICER_DER
