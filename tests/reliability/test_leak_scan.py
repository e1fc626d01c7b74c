"""Plaintext leak scan: after a full session through the command line and the desktop application (offscreen)
with a private HOME and TMPDIR, no canary from any confidential field is found in any file (raw, UTF-16, base64
or compressed), except in the files the user explicitly saved in clear. The scanner itself is shown to find
every form it looks for."""

from __future__ import annotations

import base64
import gzip
import io
import os
import zipfile
import zlib
from pathlib import Path

import pytest
from harness.leaks import make_canary, scan_tree
from harness.session import Session, run_cli_session, run_gui_session

from ecodesk.storage.vault import Vault


def test_a_command_line_and_desktop_session_leaves_no_plaintext_on_disk(tmp_path: Path) -> None:
    session = Session.start(tmp_path)
    run_cli_session(session)
    run_gui_session(session)

    hits = scan_tree([session.home, session.tmp], session.canaries.values(), allowed=session.user_saved)
    assert session.unexpected(hits) == [], "\n".join(session.log)

    vault_files = {p.name for p in (session.home / ".local" / "share").rglob("*") if p.is_file()}
    assert {"vault.db", "keyslots.json", "keyslots.backup.json"} <= vault_files  # the vault was under HOME
    # The attachment's evidence file was scanned too: in the vault, the HQ vault (import), both backups.
    evidence = [p for p in session.home.rglob("evidence/*/*") if p.is_file()]
    assert len({p.parents[2] for p in evidence}) >= 5, evidence
    # The same scanner, on the same session, does see the canaries in the files the user saved in clear.
    saved_hits = scan_tree(session.user_saved, session.canaries.values())
    assert {h.canary for h in saved_hits} >= {session.canaries[n] for n in ("attachment.content", "complainant.name")}
    # The desktop session did type its unsaved edit, and the lock kept it - encrypted, inside the vault.
    vault_path = session.home / ".local" / "share" / "EcoDesk" / "vault"
    with Vault.open(vault_path, session.passphrase) as vault:
        drafts = [body for _key, body in vault.db.all("SELECT key, body FROM drafts")]
    assert any(session.canaries["gui.unsaved_edit"] in body for body in drafts)
    _assert_root_key_stayed_in_the_vault(session)


def _assert_root_key_stayed_in_the_vault(session: Session) -> None:
    """The organization's root private key, in any encoding, is in no file: not even HQ's own exports."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    from ecodesk.org.service import documents

    with Vault.open(session.home / "hq-vault", session.passphrase) as hq:
        authority = documents(hq).authority()
    assert authority is not None  # the session did create the root
    key = serialization.load_pem_private_key(authority.root_key_pem.encode(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    scalar = key.private_numbers().private_value.to_bytes(32, "big")
    pkcs8 = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption())
    pem_lines = [line for line in authority.root_key_pem.splitlines() if not line.startswith("-----")]
    forms = [scalar, scalar.hex().encode(), scalar.hex().upper().encode(), pkcs8, pem_lines[0].encode()]
    from harness.leaks import files_under

    for path in files_under([session.home, session.tmp]):
        data = path.read_bytes()
        assert not any(form in data for form in forms), f"root key material in {path}"


@pytest.mark.parametrize(
    ("encode", "form"),
    [
        (lambda c: c.encode(), "utf-8"),
        (lambda c: c.encode("utf-16-le"), "utf-16-le"),
        (lambda c: b"\xfe\xff" + c.encode("utf-16-be"), "utf-16-be"),
        (lambda c: base64.b64encode(c.encode()), "base64"),
        (lambda c: base64.b64encode(b"x" + c.encode()), "base64"),
        (lambda c: base64.urlsafe_b64encode(b"xy" + c.encode() + b"\xff\xfe"), "base64"),
        (lambda c: zlib.compress(b"stream " + c.encode()), "zlib/utf-8"),
        (lambda c: gzip.compress(c.encode("utf-16-le")), "gzip/utf-16-le"),
        (lambda c: _zip(c), "zip:crash.txt/utf-8"),
    ],
)
def test_the_scanner_finds_a_planted_canary_in_every_form(tmp_path: Path, encode, form: str) -> None:  # type: ignore[no-untyped-def]
    canary = make_canary("planted")
    nested = tmp_path / "home" / ".cache" / "app"
    nested.mkdir(parents=True)
    (nested / "innocent.bin").write_bytes(os.urandom(5000))
    (nested / "dump.bin").write_bytes(os.urandom(777) + encode(canary) + os.urandom(333))

    hits = scan_tree([tmp_path / "home"], [canary, make_canary("absent")])

    assert [(h.path.name, h.canary) for h in hits] == [("dump.bin", canary)]
    assert hits[0].form.startswith(form)


def test_the_scanner_reads_the_text_of_a_pdf_drawn_with_a_subset_font(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from ecodesk.resources import resource_path

    canary = make_canary("pdf")
    pdfmetrics.registerFont(TTFont("LeakTestSans", str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdf = tmp_path / "memo.pdf"
    page = canvas.Canvas(str(pdf))
    page.setFont("LeakTestSans", 11)
    page.drawString(72, 720, f"Complainant: {canary}")
    page.save()

    hits = scan_tree([tmp_path], [canary])

    assert [(h.path, h.form) for h in hits] == [(pdf, "pdf-text/utf-8")]  # invisible to the byte forms


def test_the_scanner_flags_a_canary_in_a_file_name_and_respects_the_allowed_list(tmp_path: Path) -> None:
    canary = make_canary("name")
    named = tmp_path / f"draft-{canary}.tmp"
    named.write_bytes(b"nothing inside")
    saved = tmp_path / "export.txt"
    saved.write_text(canary)

    hits = scan_tree([tmp_path], [canary], allowed=[saved])

    assert [(h.path, h.form) for h in hits] == [(named, "file name")]


def _zip(canary: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("crash.txt", "context " + canary)
    return out.getvalue()
