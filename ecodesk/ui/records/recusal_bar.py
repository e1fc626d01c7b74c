"""The recusal line of the case editor: the case's transfer to headquarters, or the button that makes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ecodesk.errors import EcoDeskError
from ecodesk.i18n import _, format_date
from ecodesk.models import RECUSAL_PARTY_LABELS, RecusalParty
from ecodesk.records.recusal import flag_recusal
from ecodesk.ui.kit.dialogs import show_error
from ecodesk.ui.kit.session import Session


class RecusalDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Transfer to headquarters (recusal)"))
        form = QFormLayout(self)
        self.party = QComboBox(self)
        for party, label in RECUSAL_PARTY_LABELS.items():
            self.party.addItem(_(label), party.value)
        self.reason = QPlainTextEdit(self)
        form.addRow(_("Why:"), self.party)
        form.addRow(_("Reason:"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class RecusalBar(QWidget):
    """Shows the recusal flag of the case in ``data``; ``ask_saved`` saves the case first and gives its reference,
    ``reload`` shows the stored case again after the flag was set."""

    def __init__(
        self,
        session: Session,
        ask_saved: Callable[[], str | None],
        reload: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.ask_saved, self.reload = session, ask_saved, reload
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.button = QPushButton(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        self.button.clicked.connect(self.transfer)
        self.show_recusal(None, saved=False)

    def show_recusal(self, recusal: Any, *, saved: bool = True) -> None:
        """``saved``: the case exists in the vault (a new case is transferred once it is saved)."""
        self.recusal, self.saved = recusal, saved
        if isinstance(recusal, dict):
            party = RecusalParty(str(recusal.get("party")))
            self.label.setText(_("Transferred to headquarters on {date}: {party}.",
                                 date=format_date(_date(recusal.get("flagged_on"))),
                                 party=_(RECUSAL_PARTY_LABELS[party])))
        else:
            self.label.setText("")
        self.button.setVisible(not recusal and saved)
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(_("Transfer to HQ (recusal)…"))
        self.button.setAccessibleName(_("Transfer to HQ (recusal)…"))

    def transfer(self) -> None:
        dialog = RecusalDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reference = self.ask_saved()
        if not reference:
            return
        try:
            flag_recusal(self.session.vault, reference, RecusalParty(dialog.party.currentData()),
                         dialog.reason.toPlainText())
        except EcoDeskError as exc:
            show_error(self, exc)
            return
        self.reload()


def _date(value: object) -> dt.date | None:
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value if isinstance(value, dt.date) else None
