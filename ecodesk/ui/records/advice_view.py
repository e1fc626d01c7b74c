"""The Advice page: the list of confidential advice records with filters and search, and the advice editor."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ecodesk.i18n import _, ngettext
from ecodesk.models import AdviceStatus, RecordKind
from ecodesk.ui.kit.session import Session
from ecodesk.ui.records.advice_editor import AdviceEditor
from ecodesk.ui.records.page import RecordsPage


class AdviceView(RecordsPage):
    kind = RecordKind.advice
    statuses = tuple(status.value for status in AdviceStatus)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, lambda where: AdviceEditor(session, where), parent)

    @property
    def advice_editor(self) -> AdviceEditor:
        editor = self.editor
        assert isinstance(editor, AdviceEditor)
        return editor

    def _count_text(self, total: int) -> str:
        return ngettext("{n} advice record", "{n} advice records", total) if total else _("No advice record")

    def _empty_text(self) -> str:
        return _("No advice requests yet: click *New advice record* (Ctrl+Shift+N) to record the first request.")

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Confidential advice"))
        self.new_button.setText(_("New advice record"))
        self.new_button.setAccessibleName(_("New advice record"))
        self.search.setPlaceholderText(_("Search by reference, name or any text in the record…"))
        self.search.setAccessibleName(_("Search advice records"))
        super().retranslate_ui()


__all__ = ["AdviceView"]
