"""The Programme page: the YDI campaign of a year (filers, forms, reviews, reminders) and training sessions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ecodesk.errors import EcoDeskError, NotFound
from ecodesk.i18n import _, format_date, ngettext
from ecodesk.models import (
    FILER_CATEGORY_LABELS,
    FILING_STATUS_LABELS,
    TRAINING_AUDIENCE_LABELS,
    TRAINING_STATUS_LABELS,
    YdiCampaign,
)
from ecodesk.records import training, ydi
from ecodesk.ui.kit.dialogs import show_error
from ecodesk.ui.kit.retranslate import Retranslating
from ecodesk.ui.kit.session import Session, follow_session
from ecodesk.ui.programme.dialogs import FilerDialog, ReviewDialog, SessionDialog, date_edit, date_of, follow_language


def _table(parent: QWidget, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeColumnsToContents()


class YdiTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.campaign: YdiCampaign | None = None
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2999)
        self.year.setValue(dt.date.today().year)
        self.year_label, self.due_label, self.counts = QLabel(self), QLabel(self), QLabel(self)
        self.counts.setWordWrap(True)
        self.due = date_edit(self, dt.date.today() + dt.timedelta(days=60))
        self.open_button = QPushButton(self)
        self.add_button, self.received_button, self.review_button, self.remind_button = (
            QPushButton(self) for _i in range(4)
        )
        self.filers = _table(self, 6)
        top = QHBoxLayout()
        for widget in (self.year_label, self.year, self.due_label, self.due, self.open_button):
            top.addWidget(widget)
        top.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.add_button, self.received_button, self.review_button, self.remind_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addLayout(actions)
        layout.addWidget(self.filers, 1)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.open_button.clicked.connect(self.open_campaign)
        self.add_button.clicked.connect(self.add_filer)
        self.received_button.clicked.connect(self.record_received)
        self.review_button.clicked.connect(self.record_review)
        self.remind_button.clicked.connect(self.record_reminders)

    def retranslate_ui(self) -> None:
        self.year_label.setText(_("Year:"))
        self.due_label.setText(_("Filing deadline:"))
        follow_language(self.due)
        self.open_button.setText(_("Open the campaign"))
        self.add_button.setText(_("Add a filer…"))
        self.received_button.setText(_("Form received today"))
        self.review_button.setText(_("Record the review…"))
        self.remind_button.setText(_("Reminders sent today"))
        self.filers.setHorizontalHeaderLabels(
            [_("Name"), _("Category"), _("Office"), _("Status"), _("Conflict"), _("Reminders sent")]
        )
        self.refresh()

    def refresh(self) -> None:
        if not self.session.is_unlocked:
            return self.clear()
        try:
            self.campaign = ydi.find_campaign(self.session.vault, self.year.value())
        except NotFound:
            self.campaign = None
        campaign = self.campaign
        for button in (self.add_button, self.received_button, self.review_button, self.remind_button):
            button.setEnabled(campaign is not None and campaign.is_open())
        self.open_button.setEnabled(campaign is None)
        self.due.setEnabled(campaign is None)
        if campaign is None:
            self.counts.setText(_("There is no YDI campaign for {year} in this office.", year=self.year.value()))
            _fill(self.filers, [])
            return None
        counts = campaign.counts()
        self.counts.setText(_(
            "{reference}, due {due}: {received} of {filers} received ({percent} %), {reviewed} reviewed, "
            "{conflicts} with a conflict of interest, {missing} not filed.",
            reference=campaign.reference, due=format_date(campaign.due_on), received=counts.received,
            filers=counts.filers, percent=counts.compliance_percent, reviewed=counts.reviewed,
            conflicts=counts.conflicts, missing=counts.not_filed))
        _fill(self.filers, [
            [f.name, _(FILER_CATEGORY_LABELS[f.category]), f.office, _(FILING_STATUS_LABELS[f.status]),
             _("Yes") if f.conflict_found else "", str(len(f.reminders))] for f in campaign.filers])
        return None

    def clear(self) -> None:
        self.campaign = None
        self.counts.setText("")
        _fill(self.filers, [])

    def _selected_name(self) -> str | None:
        row = self.filers.currentRow()
        item = self.filers.item(row, 0) if row >= 0 else None
        return item.text() if item is not None else None

    def _run(self, action: object) -> None:
        try:
            action()  # type: ignore[operator]
        except EcoDeskError as exc:
            show_error(self, exc)
        self.refresh()
        self.session.records_changed.emit()

    def open_campaign(self) -> None:
        self._run(lambda: ydi.open_campaign(self.session.vault, self.year.value(), date_of(self.due)))

    def add_filer(self) -> None:
        dialog = FilerDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: ydi.add_filer(self.session.vault, self.year.value(), dialog.data()))

    def record_received(self) -> None:
        name = self._selected_name()
        if name is not None:
            self._run(lambda: ydi.record_received(self.session.vault, self.year.value(), name, dt.date.today()))

    def record_review(self) -> None:
        name = self._selected_name()
        if name is None:
            return
        dialog = ReviewDialog(name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: ydi.record_review(
                self.session.vault, self.year.value(), name, date_of(dialog.reviewed_on),
                conflict_found=dialog.conflict.isChecked(), recommendations=dialog.recommendations.toPlainText()))

    def record_reminders(self) -> None:
        self._run(lambda: ydi.record_reminders_sent(self.session.vault, self.year.value(), dt.date.today()))


class TrainingTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.add_button = QPushButton(self)
        self.reach = QLabel(self)
        self.sessions = _table(self, 7)
        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addWidget(self.reach, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.sessions, 1)
        self.add_button.clicked.connect(self.add_session)

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Add a session…"))
        self.sessions.setHorizontalHeaderLabels(
            [_("Reference"), _("Date"), _("Session"), _("Place"), _("Audience"), _("Participants"), _("Status")]
        )
        self.refresh()

    def refresh(self) -> None:
        if not self.session.is_unlocked:
            return self.clear()
        found = training.sessions(self.session.vault)
        reach = training.reach(found)
        self.reach.setText(ngettext("{n} session held, {participants} participants.",
                                    "{n} sessions held, {participants} participants.", reach.sessions,
                                    participants=reach.participants))
        _fill(self.sessions, [
            [s.reference or "", format_date(s.held_on), s.title, s.place, _(TRAINING_AUDIENCE_LABELS[s.audience]),
             str(s.participants), _(TRAINING_STATUS_LABELS[s.status])] for s in found])
        return None

    def clear(self) -> None:
        self.reach.setText("")
        _fill(self.sessions, [])

    def add_session(self) -> None:
        dialog = SessionDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            training.add_session(self.session.vault, dialog.data())
        except EcoDeskError as exc:
            show_error(self, exc)
        self.refresh()
        self.session.records_changed.emit()


class ProgrammeView(Retranslating, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.tabs = QTabWidget(self)
        self.ydi = YdiTab(session, self)
        self.training = TrainingTab(session, self)
        self.tabs.addTab(self.ydi, "")
        self.tabs.addTab(self.training, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        follow_session(session, self.refresh, self.clear, self.retranslate_ui)

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Ethics programme"))
        self.tabs.setTabText(0, _("Yearly Declaration of Interest"))
        self.tabs.setTabText(1, _("Training and outreach"))
        self.ydi.retranslate_ui()
        self.training.retranslate_ui()

    def refresh(self) -> None:
        self.ydi.refresh()
        self.training.refresh()

    def clear(self) -> None:
        self.ydi.clear()
        self.training.clear()


__all__ = ["ProgrammeView"]
