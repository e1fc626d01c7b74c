"""Setting the open record aside from its list page: *Archive*, *Restore from archive*, *Withdraw as created in
error…* (an explained, final action with a reason), and the *Show archived and withdrawn* filter.

Nothing is erased: the core keeps the record, its revisions and its audit trail (``ecodesk.records.shelf``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import _
from ecodesk.models import ShelfState
from ecodesk.records.shelf import archive_record, restore_record, set_aside_state, withdraw_record
from ecodesk.ui.kit import dialogs
from ecodesk.ui.kit.icons import app_icon

if TYPE_CHECKING:
    from ecodesk.ui.records.page import RecordsPage


class WithdrawDialog(QDialog):
    """Explains what withdrawing means and asks for the reason; OK only with a reason."""

    def __init__(self, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Withdraw {reference} as created in error", reference=reference))
        self.explanation = QLabel(
            _(
                "Use this only for a record that should never have existed: a duplicate, a test, a record of the "
                "wrong kind. Records are protected by the audit log, so nothing is erased: the record leaves every "
                "list for good, its reference is never used again, and its content stays unchanged in its history "
                "together with your reason. This cannot be undone. To put a finished record away, use Archive "
                "instead."
            ),
            self,
        )
        self.explanation.setWordWrap(True)
        self.reason_label = QLabel(_("&Why was it created in error?"), self)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason_label.setBuddy(self.reason)
        self.reason.setAccessibleName(_("Reason for the withdrawal"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Withdraw"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        for widget in (self.explanation, self.reason_label, self.reason, self.buttons):
            layout.addWidget(widget)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.toPlainText().strip()))


class SetAsideControls:
    """The page's *Set aside* button (with its menu) and the filter check box."""

    def __init__(self, page: RecordsPage) -> None:
        self.page = page
        self.button = QToolButton(page)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setIcon(app_icon("archive"))
        self.menu = QMenu(self.button)
        self.archive_action = self.menu.addAction(app_icon("archive"), "")
        self.restore_action = self.menu.addAction(app_icon("archive-restore"), "")
        self.menu.addSeparator()
        self.withdraw_action = self.menu.addAction(app_icon("file-x-2"), "")
        self.button.setMenu(self.menu)
        self.menu.aboutToShow.connect(self.update_actions)
        self.archive_action.triggered.connect(self.archive)
        self.restore_action.triggered.connect(self.restore)
        self.withdraw_action.triggered.connect(self.withdraw)
        self.show_set_aside = QCheckBox(page)
        self.show_set_aside.toggled.connect(lambda on: page.model.set_query(include_set_aside=on))
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(_("Set aside"))
        self.button.setToolTip(_("Archive the open record, or withdraw it as created in error"))
        self.button.setAccessibleName(_("Set the open record aside"))
        self.archive_action.setText(_("&Archive"))
        self.restore_action.setText(_("&Restore from archive"))
        self.withdraw_action.setText(_("&Withdraw as created in error…"))
        self.show_set_aside.setText(_("Show archived and withdrawn"))
        self.show_set_aside.setAccessibleName(_("Show archived and withdrawn records"))

    def _reference(self) -> str | None:
        editor = self.page._shown()
        record = editor.record if editor is not None else None
        return record.reference if record is not None and record.reference else None

    def update_actions(self) -> None:
        reference = self._reference()
        state = set_aside_state(self.page.session.vault, reference) if reference else None
        self.archive_action.setEnabled(reference is not None and state is None)
        self.restore_action.setEnabled(state is not None and state.state == ShelfState.archived)
        withdrawn = state is not None and state.state == ShelfState.withdrawn
        self.withdraw_action.setEnabled(reference is not None and not withdrawn)

    def ask_withdraw_reason(self, reference: str) -> str | None:
        """The reason typed in the explained dialog, or None if cancelled (the seam tests replace)."""
        dialog = WithdrawDialog(reference, self.page)
        return dialog.reason.toPlainText() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _run(self, action: str) -> None:
        reference = self._reference()
        if reference is None or not self.page.session.is_unlocked or not self.page._leave_current():
            return
        try:
            if action == "archive":
                archive_record(self.page.session.vault, reference)
                message = _("{reference} archived: it is hidden from the list until restored.", reference=reference)
            elif action == "restore":
                restore_record(self.page.session.vault, reference)
                message = _("{reference} is back in the list.", reference=reference)
            else:
                reason = self.ask_withdraw_reason(reference)
                if reason is None:
                    return
                withdraw_record(self.page.session.vault, reference, reason)
                message = _("{reference} withdrawn as created in error; its history is kept.", reference=reference)
        except EcoDeskError as exc:
            dialogs.show_error(self.page, exc)
            return
        if action != "restore" and not self.show_set_aside.isChecked():
            self.page.close_editor()
        self.page.session.records_changed.emit()
        self.page.status_message.emit(message)

    def archive(self) -> None:
        self._run("archive")

    def restore(self) -> None:
        self._run("restore")

    def withdraw(self) -> None:
        self._run("withdraw")
