"""Home's list of cases waiting on others: on HQ, on the Administration, and protective measures to follow up."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from ecodesk.casework.waiting import WAITING_LABELS, WaitingCase, WaitingOn
from ecodesk.i18n import _, format_date
from ecodesk.ui.kit.widgets import warning_color

REFERENCE_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


def waiting_headers() -> list[str]:
    return [_("Reference"), _("Title"), _("Waiting on"), _("Since or follow up on")]


def fill_waiting(tree: QTreeWidget, rows: list[WaitingCase], today: dt.date) -> None:
    tree.clear()
    warn = warning_color(tree.palette())
    for row in rows:
        case = row.case
        when = case.follow_up_on if row.on is WaitingOn.follow_up else case.updated_at.date()
        item = QTreeWidgetItem([case.reference, case.title, _(WAITING_LABELS[row.on]), format_date(when)])
        item.setData(0, REFERENCE_ROLE, case.reference)
        item.setData(0, KIND_ROLE, str(case.kind))
        if row.on is WaitingOn.follow_up and when is not None and when <= today:
            item.setForeground(3, QBrush(warn))
        tree.addTopLevelItem(item)
    if not rows:
        placeholder = QTreeWidgetItem([_("No case is waiting on HQ or on the Administration.")])
        placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
        tree.addTopLevelItem(placeholder)
    tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    for column in (0, 2, 3):
        tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
