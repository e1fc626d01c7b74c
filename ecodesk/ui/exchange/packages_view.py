"""Packages: the outbox (what was sent, acknowledged or not), the inbox (what was imported, or refused and why)
and the conflicts left by imports. Export through a dialog; import with "Open…" or by dropping package files
on the page. Long work runs in the background with a progress dialog; the result is summarised."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ecodesk.display import visible
from ecodesk.errors import EcoDeskError, PackageRejected
from ecodesk.i18n import _, translator
from ecodesk.models.exchange import ImportConflict, ReceivedPackage, SentPackage
from ecodesk.packages import texts
from ecodesk.packages.export import ExportResult, NothingToExport, export_package
from ecodesk.packages.importing import ImportResult, import_package
from ecodesk.storage.attachments import Cancelled
from ecodesk.ui.exchange.dialogs import ExportDialog
from ecodesk.ui.kit.dialogs import ask_open_path, ask_save_path, show_error
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.session import Session, follow_session
from ecodesk.ui.kit.tasks import run_task
from ecodesk.ui.kit.widgets import EmptyState, heading_label

PACKAGE_SUFFIXES = (".ecopkg", ".001")
_ASK_TO_ACCEPT = {texts.REFUSED_UNVERIFIED_SENDER, texts.REFUSED_UNKNOWN_SENDER}


def _table(parent: QWidget, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(True)
    return table


def summary_text(result: ImportResult) -> str:
    """What an import changed, in the user's language."""
    if result.already_imported:
        when = translator().format_datetime(result.imported_at) if result.imported_at else "?"
        return _(texts.ALREADY_IMPORTED, package=result.package_id, date=when)
    sender = visible(f"{result.sender} ({result.sender_office})")
    lines = [_(texts.IMPORTED, package=result.package_id, sender=sender)]
    if result.unverified:
        lines.append(_(texts.IMPORTED_UNVERIFIED))
    lines += ["• " + _(template, count=count) for template, count in result.summary_lines()]
    references = result.created + result.updated + result.conflicts
    if references:
        lines.append(", ".join(references[:20]) + (" …" if len(references) > 20 else ""))
    if result.org is not None:
        from ecodesk.org.status import receipt_lines

        lines += receipt_lines(result.org)
    return "\n".join(lines)


class PackagesView(Retranslating, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._sent: list[SentPackage] = []
        self._received: list[ReceivedPackage] = []
        self._conflicts: list[ImportConflict] = []
        self.last_result: ImportResult | ExportResult | None = None
        self.setAcceptDrops(True)

        self.heading = heading_label(parent=self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.export_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.ack_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.ack_button)
        buttons.addStretch(1)

        self.tabs = QTabWidget(self)
        self.outbox = _table(self, 5)
        self.inbox = _table(self, 5)
        self.conflicts_page = QWidget(self)
        self.conflicts = _table(self.conflicts_page, 4)
        self.keep_local_button = QPushButton(self.conflicts_page)
        self.keep_incoming_button = QPushButton(self.conflicts_page)
        conflict_buttons = QHBoxLayout()
        conflict_buttons.addWidget(self.keep_local_button)
        conflict_buttons.addWidget(self.keep_incoming_button)
        conflict_buttons.addStretch(1)
        conflicts_layout = QVBoxLayout(self.conflicts_page)
        conflicts_layout.addWidget(self.conflicts, 1)
        conflicts_layout.addLayout(conflict_buttons)
        self.tabs.addTab(self.outbox, "")
        self.tabs.addTab(self.inbox, "")
        self.tabs.addTab(self.conflicts_page, "")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.empty_state = EmptyState(self)
        layout.addWidget(self.empty_state)
        layout.addWidget(self.tabs, 1)

        self.export_button.clicked.connect(self.export_dialog)
        self.open_button.clicked.connect(self.open_package)
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.inbox.itemSelectionChanged.connect(self._update_buttons)
        self.keep_local_button.clicked.connect(lambda: self.resolve_selected("local"))
        self.keep_incoming_button.clicked.connect(lambda: self.resolve_selected("incoming"))
        self.conflicts.itemSelectionChanged.connect(self._update_buttons)
        follow_session(
            session, self.refresh, self.clear, self.retranslate_ui, also_refresh_on=[session.records_changed]
        )

    # -- texts ---------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.heading.setText(_("Packages"))
        self.hint.setText(
            _("Packages are encrypted for their recipients and signed by their sender. To import one, click "
              "'Open…' or drop the file on this page.")
        )
        self.export_button.setText(_("Export…"))
        self.export_button.setAccessibleName(_("Export a package"))
        self.open_button.setText(_("Open…"))
        self.open_button.setAccessibleName(_("Import a package"))
        self.ack_button.setText(_("Write acknowledgement…"))
        self.ack_button.setAccessibleName(_("Write the acknowledgement of the selected received package"))
        self.tabs.setAccessibleName(_("Outbox, inbox and conflicts"))
        self.tabs.setTabText(0, _("Outbox"))
        self.tabs.setTabText(1, _("Inbox"))
        self.tabs.setTabText(2, _("Conflicts"))
        self.outbox.setAccessibleName(_("Packages sent"))
        self.inbox.setAccessibleName(_("Packages received"))
        self.conflicts.setAccessibleName(_("Records changed on both sides"))
        self.outbox.setHorizontalHeaderLabels([_("Date"), _("To"), _("Contents"), _("Status"), _("File")])
        self.inbox.setHorizontalHeaderLabels([_("Date"), _("From"), _("Kind"), _("Status"), _("Details")])
        self.conflicts.setHorizontalHeaderLabels(
            [_("Reference"), _("From"), _("Date"), _("Revisions (this vault / received)")]
        )
        self.keep_local_button.setText(_("Keep this vault's version"))
        self.keep_local_button.setAccessibleName(_("Keep this vault's version"))
        self.keep_incoming_button.setText(_("Keep the received version"))
        self.keep_incoming_button.setAccessibleName(_("Keep the received version"))
        if self.session.is_unlocked:
            self._fill()

    # -- data ----------------------------------------------------------------------------------------------
    def clear(self) -> None:
        self._sent, self._received, self._conflicts = [], [], []
        self.last_result = None
        for table in (self.outbox, self.inbox, self.conflicts):
            table.setRowCount(0)
        self.empty_state.show_text("")
        self._update_buttons()

    def refresh(self) -> None:
        if not self.session.is_unlocked:
            self.clear()
            return
        exchange = self.session.vault.exchange
        self._sent = exchange.sent()
        self._received = exchange.received()
        self._conflicts = exchange.conflicts()
        self._fill()

    def _empty_text(self) -> str:
        if self._sent or self._received or self._conflicts or not self.session.is_unlocked:
            return ""
        if not self.session.vault.contacts.list():
            return _(
                "No packages yet. First add HQ on the *Contacts* page: *Add from card…* with HQ's identity card, "
                "then *Verify…* its fingerprint by phone."
            )
        return _(
            "No packages yet: click *Export…* to send your records to HQ, or *Open…* (or drop a file here) to "
            "import a package HQ sent you."
        )

    def _fill(self) -> None:
        self.empty_state.show_text(self._empty_text())
        tr = translator()
        self.outbox.setRowCount(len(self._sent))
        for row, sent in enumerate(self._sent):
            status = (
                _("Acknowledged by {name} on {date}", name=sent.acknowledged_by or "?",
                  date=tr.format_datetime(sent.acknowledged_at))
                if sent.acknowledged
                else _("Not acknowledged yet")
            )
            if sent.kind in ("cases", "advice"):
                contents = _("{records} records, {attachments} attachments", records=sent.records,
                             attachments=sent.attachments)
            else:
                contents = _(texts.KIND_LABELS.get(sent.kind, sent.kind))
            values = [tr.format_datetime(sent.created_at), ", ".join(r.name for r in sent.recipients), contents,
                      status, sent.file_name]
            self._set_row(self.outbox, row, values)
        self.inbox.setRowCount(len(self._received))
        for row, received in enumerate(self._received):
            if received.status == "refused":
                status = _("Refused")
                details = _(received.reason, **received.reason_params) if received.reason else ""
            else:
                status = _("Imported (sender not verified)") if received.unverified else _("Imported")
                counts = received.summary
                details = _(
                    "{created} new, {updated} updated, {conflicts} conflicts",
                    created=counts.get("created", 0),
                    updated=counts.get("updated", 0),
                    conflicts=counts.get("conflicts", 0),
                )
            sender = f"{received.sender} ({received.sender_office})" if received.sender else received.file_name
            kind = _(texts.KIND_LABELS[received.kind]) if received.kind in texts.KIND_LABELS else "-"
            self._set_row(self.inbox, row, [tr.format_datetime(received.received_at), sender, kind, status, details])
        self.conflicts.setRowCount(len(self._conflicts))
        for row, conflict in enumerate(self._conflicts):
            self._set_row(self.conflicts, row, [conflict.reference, conflict.sender,
                                                tr.format_datetime(conflict.detected_at),
                                                f"{conflict.local_revision} / {conflict.incoming_revision}"])
        self.tabs.setTabText(2, _("Conflicts ({count})", count=len(self._conflicts)) if self._conflicts
                             else _("Conflicts"))
        self._update_buttons()

    @staticmethod
    def _set_row(table: QTableWidget, row: int, values: list[str]) -> None:
        for column, value in enumerate(values):
            value = visible(value)  # sender names and file names come from outside: no control or bidi characters
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(row, column, item)

    def _update_buttons(self) -> None:
        unlocked = self.session.is_unlocked
        self.export_button.setEnabled(unlocked)
        self.open_button.setEnabled(unlocked)
        self.ack_button.setEnabled(unlocked and self.selected_received() is not None)
        has_conflict = bool(self.conflicts.selectionModel() and self.conflicts.selectionModel().selectedRows())
        self.keep_local_button.setEnabled(unlocked and has_conflict)
        self.keep_incoming_button.setEnabled(unlocked and has_conflict)

    # -- export --------------------------------------------------------------------------------------------
    def export_dialog(self) -> None:
        vault = self.session.vault
        contacts = vault.contacts.list()
        dialog = ExportDialog(vault, contacts, self)
        if dialog.exec() != ExportDialog.DialogCode.Accepted or dialog.path is None:
            return
        self.export_to(dialog.path, **dialog.export_arguments())

    def export_to(self, out: Path, **arguments: object) -> ExportResult | None:
        try:
            result: ExportResult = run_task(
                self, _("Exporting the package…"), export_package, self.session.vault, out=out, **arguments
            )
        except NothingToExport as exc:
            QMessageBox.information(self, _("Export"), str(exc))
            return None
        except Cancelled:
            return None
        except EcoDeskError as exc:
            show_error(self, exc)
            return None
        self.last_result = result
        self.refresh()
        QMessageBox.information(
            self,
            _("Export"),
            _(texts.EXPORTED, package=result.package_id, size=translator().format_size(result.size),
              recipients=", ".join(result.recipients), records=len(result.references),
              attachments=result.attachments)
            + "\n" + _(texts.EXPORTED_FILES, files=", ".join(f.name for f in result.files)),
        )
        return result

    # -- import --------------------------------------------------------------------------------------------
    def open_package(self) -> None:
        path = ask_open_path(self, _("Open a package"), "", _("EcoDesk packages (*.ecopkg *.ecopkg.001)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path, *, accept_unverified: bool = False) -> ImportResult | None:
        """Import one package file with progress; ask before accepting an unverified sender."""
        try:
            result: ImportResult = run_task(
                self, _("Importing the package…"), import_package, self.session.vault, path,
                accept_unverified=accept_unverified,
            )
        except PackageRejected as exc:
            self.refresh()
            if exc.template in _ASK_TO_ACCEPT and not accept_unverified and self._confirm_unverified(exc):
                return self.import_file(path, accept_unverified=True)
            show_error(self, exc, _("Package refused"))
            return None
        except Cancelled:
            return None
        except EcoDeskError as exc:
            show_error(self, exc)
            return None
        self.last_result = result
        if not result.already_imported:
            self.session.records_changed.emit()
        self.refresh()
        self.tabs.setCurrentIndex(2 if result.conflicts else 1)
        QMessageBox.information(self, _("Import"), summary_text(result))
        if result.org is not None and result.org.offered_root_sha256:
            from ecodesk.ui.org.view import offer_root

            offer_root(self, self.session, result.org.offered_organization, result.org.offered_root_sha256)
        return result

    def _confirm_unverified(self, exc: PackageRejected) -> bool:
        answer = QMessageBox.warning(
            self,
            _("Sender not verified"),
            visible(str(exc), multiline=True)
            + "\n\n"
            + _("Import it anyway? It will be marked as coming from an unverified sender."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.session.is_unlocked and self._dropped_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._dropped_files(event)
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        for path in files:
            self.import_file(path)

    @staticmethod
    def _dropped_files(event: QDragEnterEvent | QDropEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return [
            Path(url.toLocalFile())
            for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(PACKAGE_SUFFIXES)
        ]

    # -- acknowledgements ----------------------------------------------------------------------------------
    def selected_received(self) -> ReceivedPackage | None:
        """The selected inbox entry when it is an imported package of records (the ones acknowledged)."""
        rows = self.inbox.selectionModel().selectedRows() if self.inbox.selectionModel() else []
        if not rows or rows[0].row() >= len(self._received):
            return None
        received = self._received[rows[0].row()]
        return received if received.status == "imported" and received.kind in ("cases", "advice") else None

    def acknowledge_selected(self) -> ExportResult | None:
        from ecodesk.packages.acks import create_acknowledgement

        received = self.selected_received()
        if received is None or received.package_id is None:
            return None
        path = ask_save_path(self, _("Save the acknowledgement"), f"ack-{str(received.package_id)[:8]}.ecopkg",
                             _("EcoDesk packages (*.ecopkg)"))
        if not path:
            return None
        try:
            result: ExportResult = run_task(self, _("Writing the acknowledgement…"), create_acknowledgement,
                                            self.session.vault, received.package_id, Path(path))
        except EcoDeskError as exc:
            show_error(self, exc)
            return None
        self.refresh()
        QMessageBox.information(self, _("Acknowledgement"), _(texts.ACK_WRITTEN, file=result.files[0].name))
        return result

    # -- conflicts -----------------------------------------------------------------------------------------
    def resolve_selected(self, keep: str) -> None:
        from ecodesk.packages.conflicts import resolve_conflict

        rows = self.conflicts.selectionModel().selectedRows() if self.conflicts.selectionModel() else []
        if not rows:
            return
        conflict = self._conflicts[rows[0].row()]
        try:
            resolve_conflict(self.session.vault, conflict.reference, "incoming" if keep == "incoming" else "local")
        except EcoDeskError as exc:
            show_error(self, exc)
        self.session.records_changed.emit()
        self.refresh()


__all__ = ["PackagesView", "summary_text"]
