"""Contacts: this vault's own identity (fingerprint in digit groups and as a QR code, card export) and the
offices and HQ it exchanges packages with (add from a card file, verify the fingerprint, remove)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecodesk.crypto.identity import normalize_fingerprint
from ecodesk.display import visible
from ecodesk.errors import EcoDeskError, InvalidInput
from ecodesk.i18n import N_, _
from ecodesk.packages import texts
from ecodesk.storage.contacts import ROLE_LABELS, Contact, ContactStore
from ecodesk.ui.exchange.dialogs import AddContactDialog, VerifyContactDialog, fingerprint_text, qr_pixmap
from ecodesk.ui.kit.dialogs import ask_open_path, ask_save_path, show_error
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.session import Session, follow_session
from ecodesk.ui.kit.widgets import EmptyState, heading_label
from ecodesk.ui.org.view import certified_contacts, certified_label, tell_request_updated

CARD_UNREADABLE = N_("The identity card file cannot be read.")


class ContactsView(Retranslating, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._contacts: list[Contact] = []
        self._certified: dict[str, str] = {}  # organization by fingerprint, for contacts certified by HQ
        self.heading = heading_label(parent=self)
        self.mine = QGroupBox(self)
        self.my_fingerprint = QLabel(self.mine)
        self.my_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.my_fingerprint.font()
        font.setFamily("monospace")
        font.setStyleHint(font.StyleHint.Monospace)
        self.my_fingerprint.setFont(font)
        self.my_qr = QLabel(self.mine)
        self.export_card_button = QPushButton(self.mine)
        mine_layout = QHBoxLayout(self.mine)
        mine_layout.addWidget(self.my_fingerprint, 1)
        mine_layout.addWidget(self.my_qr)
        mine_layout.addWidget(self.export_card_button, 0, Qt.AlignmentFlag.AlignTop)

        self.table = QTableWidget(0, 5, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton(self)
        self.verify_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.verify_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.mine)
        layout.addLayout(buttons)
        self.empty_state = EmptyState(self)
        layout.addWidget(self.empty_state)
        layout.addWidget(self.table, 1)

        self.add_button.clicked.connect(self.add_from_card)
        self.verify_button.clicked.connect(self.verify_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.export_card_button.clicked.connect(self.export_card)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.verify_selected())
        follow_session(session, self.refresh, self.clear, self.retranslate_ui)

    # -- texts ---------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(_("Contacts"))
        self.mine.setTitle(_("My identity: read this fingerprint to your contacts"))
        self.export_card_button.setText(_("Save my identity card…"))
        self.export_card_button.setAccessibleName(_("Save my identity card"))
        self.my_fingerprint.setAccessibleName(_("My fingerprint"))
        self.my_qr.setAccessibleName(_("My fingerprint as a QR code"))
        self.add_button.setText(_("Add from card…"))
        self.add_button.setAccessibleName(_("Add a contact from an identity card"))
        self.verify_button.setText(_("Verify…"))
        self.verify_button.setAccessibleName(_("Verify the selected contact"))
        self.remove_button.setText(_("Remove"))
        self.remove_button.setAccessibleName(_("Remove the selected contact"))
        self.table.setAccessibleName(_("Contacts"))
        self.table.setHorizontalHeaderLabels([_("Name"), _("Role"), _("Office"), _("Verified"), _("Fingerprint")])
        if self.session.is_unlocked:
            self._fill()

    # -- data ----------------------------------------------------------------------------------------------
    def _store(self) -> ContactStore:
        return self.session.vault.contacts

    def clear(self) -> None:
        self._contacts = []
        self.table.setRowCount(0)
        self.empty_state.show_text("")
        self.my_fingerprint.setText("")
        self.my_qr.clear()
        self._update_buttons()

    def refresh(self) -> None:
        if not self.session.is_unlocked:
            self.clear()
            return
        public = self.session.vault.identity().public
        self.my_fingerprint.setText(
            f"{visible(public.name)} ({visible(public.office)})\n\n{fingerprint_text(public.fingerprint)}"
        )
        self.my_qr.setPixmap(qr_pixmap(normalize_fingerprint(public.fingerprint).replace(" ", ""), scale=3))
        self._contacts = self._store().list()
        self._certified = certified_contacts(self.session.vault, self._contacts)
        self._fill()

    def _fill(self) -> None:
        self.empty_state.show_text(
            ""
            if self._contacts or not self.session.is_unlocked
            else _(
                "No contacts yet: add HQ's identity card with *Add from card…*, then *Verify…* its fingerprint "
                "with HQ by phone. Send HQ your own card with *Save my identity card…*"
            )
        )
        self.table.setRowCount(len(self._contacts))
        for row, contact in enumerate(self._contacts):
            values = [
                contact.name,
                _(ROLE_LABELS[contact.role]),
                contact.office,
                certified_label(self._certified[contact.fingerprint]) if contact.fingerprint in self._certified
                else _("Yes") if contact.verified else _("No - not verified"),
                contact.fingerprint,
            ]
            for column, value in enumerate(values):
                # Names come from card files and from the user: control and bidi characters are shown escaped.
                self.table.setItem(row, column, QTableWidgetItem(visible(value)))
        self._update_buttons()

    def selected(self) -> Contact | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self._contacts[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        for row, contact in enumerate(self._contacts):
            if contact.name == name:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        contact = self.selected()
        unlocked = self.session.is_unlocked
        self.add_button.setEnabled(unlocked)
        self.export_card_button.setEnabled(unlocked)
        self.verify_button.setEnabled(contact is not None and not contact.verified)
        self.remove_button.setEnabled(contact is not None)

    # -- actions -------------------------------------------------------------------------------------------
    def add_from_card(self) -> None:
        from ecodesk.org.service import learn_card
        from ecodesk.packages.cards import add_or_update_contact, read_identity_card

        path = ask_open_path(self, _("Open an identity card"), "", _("EcoDesk identity cards (*.ecokey)"))
        if not path:
            return
        try:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                raise InvalidInput(CARD_UNREADABLE) from exc
            card = read_identity_card(data)
            public = card.identity
            if public.fingerprint == self.session.vault.identity().public.fingerprint:
                raise InvalidInput(texts.CONTACT_IS_SELF)
            known = self._store().match(public)
            if known is not None and (card.certificate_request_pem or card.officer_certificate_pem):
                # The officer was renamed or moved: the card brings a new certificate request for HQ.
                contact, _updated = add_or_update_contact(
                    self.session.vault, data, name=known.name, role=known.role.value
                )
                tell_request_updated(self, contact.name)
                self.refresh()
                self.select(contact.name)
                return
            dialog = AddContactDialog(public, self)
            if dialog.exec() != AddContactDialog.DialogCode.Accepted:
                return
            vault = self.session.vault
            with vault.db.transaction():
                contact = self._store().add(public, name=dialog.name.text(), role=dialog.chosen_role)
                learn_card(vault, contact, card.certificate_request_pem, card.officer_certificate_pem)
        except EcoDeskError as exc:
            show_error(self, exc)
            return
        self.refresh()
        self.select(contact.name)

    def verify_selected(self) -> None:
        contact = self.selected()
        if contact is None or contact.verified:
            return
        dialog = VerifyContactDialog(contact, self)
        if dialog.exec() != VerifyContactDialog.DialogCode.Accepted:
            return
        try:
            self._store().trust(contact.name, dialog.typed_fingerprint)
        except EcoDeskError as exc:
            show_error(self, exc)
        self.refresh()
        self.select(contact.name)

    def remove_selected(self) -> None:
        contact = self.selected()
        if contact is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove contact"),
            _("Remove {name}? Packages already received stay in the vault.", name=visible(contact.name)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._store().remove(contact.name)
        except EcoDeskError as exc:
            show_error(self, exc)
        self.refresh()

    def export_card(self) -> None:
        from ecodesk.packages.cards import card_bytes
        from ecodesk.storage.atomic import atomic_write

        vault = self.session.vault
        identity = vault.identity()
        suggested = f"{identity.public.office.lower() or 'ecodesk'}.ecokey"
        path = ask_save_path(self, _("Save my identity card"), suggested, _("EcoDesk identity cards (*.ecokey)"))
        if not path:
            return
        try:
            atomic_write(Path(path), card_bytes(vault), mode=0o644)
            vault.audit.append("identity_card_exported", fingerprint=identity.public.fingerprint)
        except (EcoDeskError, OSError) as exc:
            show_error(self, exc if isinstance(exc, EcoDeskError) else _("The file could not be written."))
