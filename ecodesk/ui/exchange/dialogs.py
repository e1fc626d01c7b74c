"""Dialogs of the exchange feature: add a contact from its card, verify a fingerprint (digits and QR code),
and choose what to export. They call the core services only; the QR code is rendered in memory."""

from __future__ import annotations

import io
from pathlib import Path

import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ecodesk.crypto.identity import PublicIdentity, normalize_fingerprint
from ecodesk.i18n import _
from ecodesk.models import RecordKind, SearchQuery
from ecodesk.storage.contacts import ROLE_LABELS, Contact, ContactRole
from ecodesk.storage.vault import Vault
from ecodesk.ui.kit.dialogs import ask_save_path
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.widgets import heading_label


def qr_pixmap(text: str, scale: int = 5) -> QPixmap:
    """A QR code of ``text`` drawn in memory (no file is written)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


def fingerprint_text(fingerprint: str) -> str:
    """The fingerprint in three lines of four groups, for reading aloud."""
    groups = fingerprint.split()
    return "\n".join(" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4))


def fingerprint_label(fingerprint: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(fingerprint_text(fingerprint), parent)
    font = label.font()
    font.setFamily("monospace")
    font.setStyleHint(font.StyleHint.Monospace)
    font.setPointSizeF(font.pointSizeF() * 1.3)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _Dialog(Retranslating, QDialog):
    def retranslate_ui(self) -> None:  # pragma: no cover - overridden
        pass


class AddContactDialog(_Dialog):
    """Name and role for a contact read from its identity card; shows the card's fingerprint."""

    def __init__(self, public: PublicIdentity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.public = public
        self.owner = QLabel(f"{public.name} ({public.office})", self)
        self.name = QLineEdit(f"{public.name} {public.office}".strip(), self)
        self.role = QComboBox(self)
        for role in ContactRole:
            self.role.addItem("", role.value)
        if public.office == "HQ":
            self.role.setCurrentIndex(list(ContactRole).index(ContactRole.hq))
        else:
            self.role.setCurrentIndex(list(ContactRole).index(ContactRole.officer))
        self.fingerprint = fingerprint_label(public.fingerprint, self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.form.addRow("", self.owner)
        self.form.addRow("", self.name)
        self.form.addRow("", self.role)
        self.form.addRow("", self.fingerprint)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update)
        self.retranslate_ui()
        self._update()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add a contact"))
        for row, text in enumerate((_("Card of:"), _("Contact name:"), _("Role:"), _("Fingerprint:"))):
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if label is not None and isinstance(label.widget(), QLabel):
                label.widget().setText(text)  # type: ignore[union-attr]
        for index, role in enumerate(ContactRole):
            self.role.setItemText(index, _(ROLE_LABELS[role]))
        self.hint.setText(
            _("The contact starts unverified. Compare this fingerprint with its owner by phone or in person, "
              "then mark it verified.")
        )
        self.name.setAccessibleName(_("Contact name"))
        self.role.setAccessibleName(_("Role"))
        self.fingerprint.setAccessibleName(_("Fingerprint"))
        self.buttons.setAccessibleName(_("Add or cancel"))

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    @property
    def chosen_role(self) -> ContactRole:
        return ContactRole(self.role.currentData())


class VerifyContactDialog(_Dialog):
    """Shows the fingerprint in digit groups and as a QR code; verified only when the typed fingerprint
    (as read by the contact's owner) matches, or the QR code scanned by the owner's phone matched."""

    def __init__(self, contact: Contact, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.contact = contact
        self.heading = heading_label(contact.name, self)
        self.fingerprint = fingerprint_label(contact.fingerprint, self)
        self.qr = QLabel(self)
        self.qr.setPixmap(qr_pixmap(normalize_fingerprint(contact.fingerprint).replace(" ", "")))
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.typed = QLineEdit(self)
        self.match = QLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.verify_button = QPushButton(self)
        self.buttons.addButton(self.verify_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.fingerprint, 1)
        top.addWidget(self.qr)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.explain)
        layout.addWidget(self.typed)
        layout.addWidget(self.match)
        layout.addWidget(self.buttons)
        self.typed.textChanged.connect(self._update)
        self.retranslate_ui()
        self._update()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Verify {name}", name=self.contact.name))
        self.explain.setText(
            _("Call {name} and ask them to read their fingerprint (EcoDesk shows it under Contacts, 'My identity'). "
              "Type it below: the contact is verified only if every digit matches.", name=self.contact.name)
        )
        self.typed.setPlaceholderText(_("Fingerprint as read by its owner"))
        self.typed.setAccessibleName(_("Fingerprint as read by its owner"))
        self.fingerprint.setAccessibleName(_("Fingerprint of the contact"))
        self.qr.setAccessibleName(_("Fingerprint as a QR code"))
        self.verify_button.setText(_("Mark verified"))
        self.verify_button.setAccessibleName(_("Mark verified"))
        self._update()

    def _update(self) -> None:
        typed = normalize_fingerprint(self.typed.text())
        ok = typed == self.contact.fingerprint
        self.verify_button.setEnabled(ok)
        if not typed:
            self.match.setText("")
        elif ok:
            self.match.setText(_("The fingerprints match."))
        elif len(typed.replace(" ", "")) >= 60:
            self.match.setText(_("The fingerprints do NOT match. Do not verify this contact."))
        else:
            self.match.setText("")

    @property
    def typed_fingerprint(self) -> str:
        return self.typed.text()


class ExportDialog(_Dialog):
    """Recipients, what to send (everything not acknowledged, or chosen records), volumes and file."""

    def __init__(self, vault: Vault, contacts: list[Contact], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = heading_label("", self)
        self.recipients = QListWidget(self)
        for contact in contacts:
            item = QListWidgetItem(f"{contact.name} ({contact.office})")
            item.setData(Qt.ItemDataRole.UserRole, contact.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if contact.role == ContactRole.hq else Qt.CheckState.Unchecked)
            if not contact.verified:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recipients.addItem(item)
        self.recipients.setMaximumHeight(self.fontMetrics().height() * 8)
        self.what = QGroupBox(self)
        self.since_ack = QRadioButton(self.what)
        self.chosen = QRadioButton(self.what)
        self.since_ack.setChecked(True)
        self._mode = QButtonGroup(self)
        self._mode.addButton(self.since_ack)
        self._mode.addButton(self.chosen)
        self.records = QListWidget(self)
        for summary in vault.records.find(SearchQuery(order_by="reference", descending=False, limit=None)):
            item = QListWidgetItem(f"{summary.reference}  {summary.title}")
            item.setData(Qt.ItemDataRole.UserRole, (summary.reference, summary.kind))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.records.addItem(item)
        self.split = QCheckBox(self)
        self.split_mb = QSpinBox(self)
        self.split_mb.setRange(1, 10_000)
        self.split_mb.setValue(20)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = QPushButton(self)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._choose_file)
        self.buttons.rejected.connect(self.reject)
        what_layout = QVBoxLayout(self.what)
        what_layout.addWidget(self.since_ack)
        what_layout.addWidget(self.chosen)
        what_layout.addWidget(self.records)
        split_row = QHBoxLayout()
        split_row.addWidget(self.split)
        split_row.addWidget(self.split_mb)
        split_row.addStretch(1)
        self.recipients_label = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.recipients_label)
        layout.addWidget(self.recipients)
        layout.addWidget(self.what)
        layout.addLayout(split_row)
        layout.addWidget(self.buttons)
        self.path: Path | None = None
        for signal in (self.since_ack.toggled, self.split.toggled, self.recipients.itemChanged,
                       self.records.itemChanged):
            signal.connect(self._update)
        self.retranslate_ui()
        self._update()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Export a package"))
        self.heading.setText(_("Export a package"))
        self.recipients_label.setText(_("Send to (verified contacts only):"))
        self.recipients.setAccessibleName(_("Recipients"))
        self.what.setTitle(_("What to send"))
        self.since_ack.setText(_("Everything the recipients have not confirmed receiving"))
        self.since_ack.setAccessibleName(_("Everything not yet acknowledged"))
        self.chosen.setText(_("Only these records:"))
        self.chosen.setAccessibleName(_("Only the chosen records"))
        self.records.setAccessibleName(_("Records to send"))
        self.split.setText(_("Split into volumes of at most (MB):"))
        self.split.setAccessibleName(_("Split into volumes"))
        self.split_mb.setAccessibleName(_("Volume size in MB"))
        self.export_button.setText(_("Export…"))
        self.export_button.setAccessibleName(_("Export"))

    def _update(self) -> None:
        self.records.setEnabled(self.chosen.isChecked())
        self.split_mb.setEnabled(self.split.isChecked())
        ok = bool(self.selected_recipients()) and (self.since_ack.isChecked() or bool(self.selected_records()))
        self.export_button.setEnabled(ok)

    def selected_recipients(self) -> list[str]:
        return [
            str(self.recipients.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.recipients.count())
            if self.recipients.item(i).checkState() == Qt.CheckState.Checked
        ]

    def selected_records(self) -> list[tuple[str, str]]:
        return [
            tuple(self.records.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.records.count())
            if self.records.item(i).checkState() == Qt.CheckState.Checked
        ]

    def export_arguments(self) -> dict[str, object]:
        """Keyword arguments for ``export_package`` (besides the vault and ``out``)."""
        cases = [ref for ref, kind in self.selected_records() if kind == RecordKind.retaliation]
        advice = [ref for ref, kind in self.selected_records() if kind == RecordKind.advice]
        chosen = self.chosen.isChecked()
        return {
            "to": self.selected_recipients(),
            "cases": cases if chosen else [],
            "advice": advice if chosen else [],
            "since_ack": not chosen,
            "kind": "advice" if chosen and advice and not cases else "cases",
            "split_mb": self.split_mb.value() if self.split.isChecked() else None,
        }

    def _choose_file(self) -> None:
        path = ask_save_path(self, _("Save the package"), "package.ecopkg", _("EcoDesk packages (*.ecopkg)"))
        if path:
            self.path = Path(path)
            self.accept()
