"""Organization trust in the GUI: the "Organization trust" box of Settings (HQ: create the root, export it,
certify and revoke officers, save the revocation list, recover an officer vault with the escrow slot; every
office: trust the root, send a new certificate request, add or remove HQ's escrow slot), and the words the
contacts list uses for contacts certified by HQ. A thin layer over ``ecodesk.org``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import _, format_date
from ecodesk.org.authority import RevocationReason
from ecodesk.ui.kit.dialogs import ask_folder, ask_open_path, ask_save_path, show_error
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.widgets import MessageLine

if TYPE_CHECKING:
    from ecodesk.storage.contacts import Contact
    from ecodesk.storage.vault import Vault
    from ecodesk.ui.kit.session import Session


def certified_contacts(vault: Vault, contacts: list[Contact]) -> dict[str, str]:
    """Organization name by fingerprint, for the contacts holding a valid certificate of the trusted root."""
    from ecodesk.org.service import contact_certification

    found = {}
    for contact in contacts:
        check = contact_certification(vault, contact)
        if check.certified:
            found[contact.fingerprint] = check.organization
    return found


def certified_label(organization: str) -> str:
    """How the contacts list marks a contact verified through HQ's certificate (no fingerprint compared)."""
    return _("Certified by HQ ({organization}), no fingerprint comparison needed", organization=organization)


class OrganizationBox(Retranslating, QGroupBox):
    """The "Organization trust" box of the Settings page."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.root_status = QLabel(self)
        self.certificate_status = QLabel(self)
        self.escrow_status = QLabel(self)
        for label in (self.root_status, self.certificate_status, self.escrow_status):
            label.setWordWrap(True)
        self.create_root_button = QPushButton(self)
        self.export_root_button = QPushButton(self)
        self.certify_button = QPushButton(self)
        self.revoke_button = QPushButton(self)
        self.crl_button = QPushButton(self)
        self.recover_button = QPushButton(self)
        self.trust_root_button = QPushButton(self)
        self.request_button = QPushButton(self)
        self.escrow_add_button = QPushButton(self)
        self.escrow_remove_button = QPushButton(self)
        self.message = MessageLine(self)
        actions = {
            self.create_root_button: self.create_root, self.export_root_button: self.export_root,
            self.certify_button: self.certify, self.revoke_button: self.revoke, self.crl_button: self.save_crl,
            self.recover_button: self.recover_officer_vault, self.trust_root_button: self.trust_root,
            self.request_button: self.save_request, self.escrow_add_button: self.add_escrow,
            self.escrow_remove_button: self.remove_escrow,
        }  # fmt: skip
        for button, action in actions.items():
            button.clicked.connect(action)
        grid = QGridLayout()
        for i, button in enumerate(actions):
            grid.addWidget(button, i // 3, i % 3)
        layout = QVBoxLayout(self)
        for label in (self.root_status, self.certificate_status, self.escrow_status):
            layout.addWidget(label)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        session.unlocked.connect(self.refresh)
        session.settings_changed.connect(self.refresh)
        self.retranslate_ui()
        self.refresh()

    # -- state -------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.session.is_unlocked:
            for label in (self.root_status, self.certificate_status, self.escrow_status):
                label.setText("")
            return
        from ecodesk.org.escrow import require_escrow
        from ecodesk.org.headquarters import has_root
        from ecodesk.org.service import own_status, trusted_root
        from ecodesk.org.status import status_text
        from ecodesk.org.trust import CertificateStatus, fingerprint, organization_of

        vault = self.session.vault
        root = trusted_root(vault)
        hq_root = has_root(vault)
        if root is None:
            self.root_status.setText(_("No organization root is trusted yet."))
        else:
            self.root_status.setText(
                _("Trusted root: {organization}, SHA-256 {fingerprint}", organization=organization_of(root),
                  fingerprint=fingerprint(root))
            )
        status = own_status(vault)
        if status.status == CertificateStatus.untrusted:
            self.certificate_status.setText(_("Your memo key is not certified: memos carry a self-issued signature."))
        else:
            self.certificate_status.setText(
                _("Your memo key: {status}", status=status_text(status.status, status.organization, status.revoked_at))
            )
        slot = vault.escrow_slot
        if slot is not None:
            self.escrow_status.setText(
                _("HQ escrow slot: {name}, since {date}", name=slot.hq_name, date=format_date(slot.created_at.date()))
            )
        elif require_escrow(vault):
            self.escrow_status.setText(_("HQ escrow is required: add HQ's escrow slot."))
        else:
            self.escrow_status.setText(_("No HQ escrow slot."))
        is_hq = vault.settings.office_code == "HQ"
        self.create_root_button.setVisible(is_hq and not hq_root)
        for button in (self.export_root_button, self.certify_button, self.revoke_button, self.crl_button):
            button.setVisible(hq_root)
        self.recover_button.setVisible(is_hq)
        self.trust_root_button.setVisible(not hq_root)
        self.escrow_add_button.setVisible(not is_hq)
        self.escrow_remove_button.setVisible(not is_hq and slot is not None)

    def _done(self, text: str) -> None:
        self.message.show_info(text)
        self.refresh()

    def _contact_names(self, *, role: str | None = None) -> list[str]:

        vault = self.session.vault
        return [c.name for c in vault.contacts.list() if role is None or c.role.value == role]

    def _choose(self, title: str, label: str, items: list[str]) -> str:
        if not items:
            show_error(self, _("There is no contact to choose. Add the contact's identity card first."))
            return ""
        choice, ok = QInputDialog.getItem(self, title, label, items, 0, False)
        return str(choice) if ok else ""

    # -- HQ ------------------------------------------------------------------------------------------------
    def create_root(self) -> None:
        from ecodesk.org.headquarters import init_root

        vault = self.session.vault
        name, ok = QInputDialog.getText(
            self, _("Create the organization root"), _("Organization name:"), text=vault.settings.organization_name
        )
        if not ok:
            return
        try:
            init_root(vault, name)
        except EcoDeskError as exc:
            show_error(self, exc)
            return
        self.session.settings_changed.emit()
        self._done(_("The organization root was created. Export it and give its fingerprint to every office."))

    def export_root(self) -> None:
        from ecodesk.org.authority import der, pem
        from ecodesk.org.headquarters import export_root
        from ecodesk.org.trust import fingerprint
        from ecodesk.storage.atomic import atomic_write

        path = ask_save_path(self, _("Export the root certificate"), "organization-root.pem",
                             _("Certificates (*.pem *.crt)"))
        if not path:
            return
        try:
            root = export_root(self.session.vault)
            atomic_write(Path(path), pem(root).encode("ascii"), mode=0o644)
            atomic_write(Path(path).with_suffix(".der"), der(root), mode=0o644)
        except (EcoDeskError, OSError) as exc:
            show_error(self, exc if isinstance(exc, EcoDeskError) else _("The file could not be written."))
            return
        self._done(_("Root certificate written (PEM and DER). SHA-256: {fingerprint}", fingerprint=fingerprint(root)))

    def certify(self) -> None:
        from ecodesk.org.headquarters import certify

        name = self._choose(_("Certify an officer"), _("Officer (contact):"), self._contact_names(role="officer"))
        if not name:
            return
        try:
            issued = certify(self.session.vault, name)
        except EcoDeskError as exc:
            show_error(self, exc)
            return
        self._done(_("Certificate issued to {name}. The next package to {name} carries it.", name=issued.contact_name))

    def revoke(self) -> None:
        from ecodesk.org.headquarters import revoke

        name = self._choose(_("Revoke a certificate"), _("Officer (contact):"), self._contact_names(role="officer"))
        if not name:
            return
        reason = self._choose(_("Revoke a certificate"), _("Reason:"), [r.value for r in RevocationReason])
        if not reason:
            return
        try:
            revoke(self.session.vault, name, reason)
        except EcoDeskError as exc:
            show_error(self, exc)
            return
        self._done(_("{name}'s certificate is revoked. Every later package carries the new list.", name=name))

    def save_crl(self) -> None:
        from ecodesk.org.authority import der
        from ecodesk.org.headquarters import issuing_crl
        from ecodesk.storage.atomic import atomic_write

        path = ask_save_path(self, _("Save the revocation list"), "organization.crl", _("Revocation lists (*.crl)"))
        if not path:
            return
        try:
            atomic_write(Path(path), der(issuing_crl(self.session.vault)), mode=0o644)
        except (EcoDeskError, OSError) as exc:
            show_error(self, exc if isinstance(exc, EcoDeskError) else _("The file could not be written."))
            return
        self._done(_("Revocation list written."))

    def recover_officer_vault(self) -> None:
        from ecodesk.org.escrow import recover_with_escrow

        folder = ask_folder(self, _("Copy of the officer's vault folder"))
        if not folder:
            return
        secret, ok = QInputDialog.getText(
            self, _("Recover with HQ escrow"), _("New passphrase for that vault:"), QLineEdit.EchoMode.Password
        )
        if not ok:
            return
        try:
            office = recover_with_escrow(self.session.vault, Path(folder), secret)
        except EcoDeskError as exc:
            show_error(self, exc)
            return
        self._done(_("The vault of office {office} was recovered: it opens with the new passphrase.", office=office))

    # -- every office --------------------------------------------------------------------------------------
    def trust_root(self) -> None:
        from ecodesk.org.service import offered_root, trust_root

        vault = self.session.vault
        data: bytes | None = None
        if offered_root(vault) is None:
            path = ask_open_path(self, _("Open the root certificate"), "", _("Certificates (*.pem *.crt *.der)"))
            if not path:
                return
            try:
                data = Path(path).read_bytes()
            except OSError:
                show_error(self, _("The file could not be read."))
                return
        typed, ok = QInputDialog.getText(
            self, _("Trust the organization root"),
            _("Type the SHA-256 fingerprint that HQ reads out to you (by phone or in person):"),
        )
        if not ok:
            return
        try:
            trust_root(vault, data, typed)
        except EcoDeskError as exc:
            show_error(self, exc)
            return
        self._done(_("The organization root is trusted."))

    def save_request(self) -> None:
        """A new identity card with a certificate request named from the current settings, for HQ."""
        from ecodesk.packages.cards import card_bytes
        from ecodesk.storage.atomic import atomic_write

        vault = self.session.vault
        suggested = f"{vault.settings.office_code.lower()}-certificate-request.ecokey"
        path = ask_save_path(
            self, _("Save a new certificate request"), suggested, _("EcoDesk identity cards (*.ecokey)")
        )
        if not path:
            return
        try:
            atomic_write(Path(path), card_bytes(vault), mode=0o644)
            vault.audit.append("org_certificate_requested")
        except (EcoDeskError, OSError) as exc:
            show_error(self, exc if isinstance(exc, EcoDeskError) else _("The file could not be written."))
            return
        self._done(_("Certificate request saved. Send this identity card to HQ; your old certificate stays valid "
                     "for the memos you signed with it."))

    def add_escrow(self) -> None:
        from ecodesk.org.escrow import add_escrow

        name = self._choose(_("Add HQ's escrow slot"), _("HQ contact:"), self._contact_names(role="hq"))
        if not name:
            return
        try:
            add_escrow(self.session.vault, name)
        except EcoDeskError as exc:
            show_error(self, exc)
            return
        self._done(_("HQ's escrow slot was added."))

    def remove_escrow(self) -> None:
        from ecodesk.org.escrow import remove_escrow

        try:
            remove_escrow(self.session.vault)
        except EcoDeskError as exc:
            show_error(self, exc)
            return
        self._done(_("HQ's escrow slot was removed."))

    # -- language ------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setTitle(_("Organization trust"))
        texts = {
            self.create_root_button: _("Create organization root…"),
            self.export_root_button: _("Export root certificate…"),
            self.certify_button: _("Certify an officer…"),
            self.revoke_button: _("Revoke a certificate…"),
            self.crl_button: _("Save revocation list…"),
            self.recover_button: _("Recover an officer vault…"),
            self.trust_root_button: _("Trust the organization root…"),
            self.request_button: _("New certificate request…"),
            self.escrow_add_button: _("Add HQ escrow…"),
            self.escrow_remove_button: _("Remove HQ escrow"),
        }
        for button, text in texts.items():
            button.setText(text)
            button.setAccessibleName(text.rstrip("…"))
        self.refresh()



def offer_root(parent: QWidget, session: Session, organization: str, sha256: str) -> bool:
    """After an import that brought a root not trusted yet: offer to trust it, asking for HQ's fingerprint."""
    from ecodesk.org.service import trust_root

    typed, ok = QInputDialog.getText(
        parent,
        _("Trust the organization root"),
        _(
            "This package brings the root certificate of {organization}. To trust it, type the SHA-256 fingerprint "
            "that HQ reads out to you (by phone or in person). Cancel to decide later in Settings.",
            organization=organization,
        ),
    )
    if not ok or not typed.strip():
        return False
    try:
        trust_root(session.vault, None, typed)
    except EcoDeskError as exc:
        show_error(parent, exc)
        return False
    session.settings_changed.emit()
    return True


def tell_request_updated(parent: QWidget, name: str) -> None:
    """After adding the card of a known contact: its new certificate request replaced the earlier one."""
    from PySide6.QtWidgets import QMessageBox

    from ecodesk.org.texts import REQUEST_UPDATED

    QMessageBox.information(parent, _("Organization trust"), _(REQUEST_UPDATED, name=name))
