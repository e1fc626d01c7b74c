"""The Cases page: the list of retaliation cases with filters and search, and the case editor beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ecodesk.i18n import _, ngettext
from ecodesk.models import CaseStatus, RecordKind
from ecodesk.ui.kit.session import Session
from ecodesk.ui.records.case_editor import CaseEditor
from ecodesk.ui.records.page import RecordsPage


class CasesView(RecordsPage):
    kind = RecordKind.retaliation
    statuses = tuple(status.value for status in CaseStatus)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, lambda where: CaseEditor(session, where), parent)

    @property
    def case_editor(self) -> CaseEditor:
        editor = self.editor
        assert isinstance(editor, CaseEditor)
        return editor

    def attach_files(self, paths: list[str]) -> bool:
        """Attach files to the open case's current evidence item (what a drop does)."""
        return self.case_editor.attach_files(paths)

    def _count_text(self, total: int) -> str:
        return ngettext("{n} case", "{n} cases", total) if total else _("No case")

    def _empty_text(self) -> str:
        return _(
            "No cases yet: click *New case* (Ctrl+N) to record the first complaint. Cases sent by HQ arrive "
            "through *Packages → Open…*"
        )

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Retaliation cases"))
        self.new_button.setText(_("New case"))
        self.new_button.setToolTip(_("New case (Ctrl+N)"))
        self.new_button.setAccessibleName(_("New case"))
        self.search.setPlaceholderText(_("Search by reference, name or any text in the case…"))
        self.search.setAccessibleName(_("Search cases"))
        super().retranslate_ui()


__all__ = ["CasesView"]
