"""Placeholder: replaced by the memos issue. Contract: MemoDialog(session, reference, parent).exec()."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ecodesk.i18n import _
from ecodesk.ui.session import Session


class MemoDialog(QMessageBox):
    def __init__(self, session: Session, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reference = reference
        self.setText(_("This page is not available yet."))
