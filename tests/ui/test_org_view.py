"""Organization trust in the GUI: HQ creates the root from Settings, an officer trusts it and sees contacts
certified by HQ, a new certificate request is saved from Settings, and the first-run dialog can require escrow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_support import isolated_settings  # noqa: F401  (fixture)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from ecodesk.org import headquarters, service
from ecodesk.org.escrow import require_escrow
from ecodesk.org.trust import fingerprint
from ecodesk.packages import cards
from ecodesk.packages.cards import read_identity_card
from ecodesk.storage.vault import Vault
from ecodesk.ui.exchange.contacts_view import ContactsView
from ecodesk.ui.kit.session import Session
from ecodesk.ui.org import view as org_view
from ecodesk.ui.vault.create import CreateVaultDialog
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.usefixtures("isolated_settings")


@pytest.fixture
def hq(tmp_path: Path) -> Iterator[Vault]:
    vault, _key = Vault.create(tmp_path / "hq", PASSPHRASE, office="HQ", officer_name="Head Office")
    yield vault
    vault.close()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(org_view, "show_error", lambda _parent, error, *a: shown.append(str(error)))
    monkeypatch.setattr(QMessageBox, "information", lambda *a: QMessageBox.StandardButton.Ok)
    return shown


def _session(vault: Vault) -> Session:
    session = Session(vault.path)
    session.attach(vault)
    return session


def test_hq_creates_the_root_from_settings_and_exports_it(
    qtbot, hq: Vault, tmp_path: Path, errors: list[str], monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    box = org_view.OrganizationBox(_session(hq))
    qtbot.addWidget(box)
    box.show()
    assert box.create_root_button.isVisible() and not box.export_root_button.isVisible()
    assert box.root_status.text() == "No organization root is trusted yet."
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Ethics Office", True))
    qtbot.mouseClick(box.create_root_button, Qt.MouseButton.LeftButton)
    assert errors == []
    root = service.trusted_root(hq)
    assert root is not None and fingerprint(root) in box.root_status.text()
    assert "certified by Ethics Office" in box.certificate_status.text()  # HQ certifies its own memo key
    assert box.export_root_button.isVisible() and not box.create_root_button.isVisible()
    out = tmp_path / "root.pem"
    monkeypatch.setattr(org_view, "ask_save_path", lambda *a: str(out))
    qtbot.mouseClick(box.export_root_button, Qt.MouseButton.LeftButton)
    assert out.read_text().startswith("-----BEGIN CERTIFICATE-----") and out.with_suffix(".der").exists()


def test_an_officer_trusts_the_root_and_sees_a_contact_certified_by_hq(
    qtbot, hq: Vault, tmp_path: Path, errors: list[str], monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    root = headquarters.init_root(hq, "Ethics Office")
    officer, _k = Vault.create(tmp_path / "dkr", PASSPHRASE, office="DKR", officer_name="Awa Diop")
    other, _k2 = Vault.create(tmp_path / "nbo", PASSPHRASE, office="NBO", officer_name="Wanjiru Kamau")
    try:
        # HQ certifies Nairobi (known and verified at HQ); Nairobi's card then carries the certificate.
        contact = cards.add_contact_from_card(hq, cards.card_bytes(other), name="Nairobi", role="officer")
        hq.contacts.trust(contact.name, contact.fingerprint)
        issued = headquarters.certify(hq, "Nairobi")
        state = service.documents(other).trust()
        state.root_pem, state.own_certificates = hq_root_pem(root), [issued.certificate_pem]
        service.documents(other).save_trust(state)
        card = cards.card_bytes(other)
        assert read_identity_card(card).officer_certificate_pem == issued.certificate_pem

        session = _session(officer)
        box = org_view.OrganizationBox(session)
        qtbot.addWidget(box)
        box.show()
        assert box.trust_root_button.isVisible() and not box.certify_button.isVisible()
        (tmp_path / "root.pem").write_bytes(hq_root_pem(root).encode())
        monkeypatch.setattr(org_view, "ask_open_path", lambda *a: str(tmp_path / "root.pem"))
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("00" * 32, True))
        qtbot.mouseClick(box.trust_root_button, Qt.MouseButton.LeftButton)
        assert errors and "does not match" in errors[-1] and service.trusted_root(officer) is None
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (fingerprint(root), True))
        qtbot.mouseClick(box.trust_root_button, Qt.MouseButton.LeftButton)
        assert service.trusted_root(officer) == root

        cards.add_contact_from_card(officer, card, name="Nairobi", role="officer")
        view = ContactsView(session)
        qtbot.addWidget(view)
        view.refresh()
        assert view.table.item(0, 3).text() == "Certified by HQ (Ethics Office), no fingerprint comparison needed"

        request = tmp_path / "request.ecokey"
        monkeypatch.setattr(org_view, "ask_save_path", lambda *a: str(request))
        qtbot.mouseClick(box.request_button, Qt.MouseButton.LeftButton)
        assert read_identity_card(request.read_bytes()).certificate_request_pem
    finally:
        officer.close()
        other.close()


def hq_root_pem(root) -> str:  # type: ignore[no-untyped-def]
    from ecodesk.org.authority import pem

    return pem(root)


def test_the_first_run_dialog_can_require_hq_escrow(qtbot, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = CreateVaultDialog(vault_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.require_escrow.text().startswith("&Require HQ escrow")
    qtbot.keyClicks(dialog.office, "dkr")
    qtbot.keyClicks(dialog.officer, "Awa Diop")
    qtbot.keyClicks(dialog.new.first, PASSPHRASE)
    qtbot.keyClicks(dialog.new.second, PASSPHRASE)
    dialog.require_escrow.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.showing_key, timeout=10_000)
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton, pos=dialog.confirm.rect().center())
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert require_escrow(dialog.vault)
    dialog.vault.close()
