"""The case list: lazy loading in pages, sorting by column, due-date colouring, filters, French headers."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from records_support import seed_cases, show_cases_view

from ecodesk.i18n import set_language
from ecodesk.models import CaseStatus, RetaliationCase
from ecodesk.records.service import save_record
from ecodesk.ui.records.advice_view import AdviceView
from ecodesk.ui.records.cases_view import CasesView
from ecodesk.ui.records.model import MORE_SIZE, PAGE_SIZE, due_colours


def make_view(qtbot, session) -> CasesView:
    return show_cases_view(qtbot, session, 1200, 700)


def headers(view) -> list[str]:
    model = view.table.model()
    return [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]


def test_the_list_loads_page_by_page_as_it_scrolls(qtbot, session, vault):
    seed_cases(vault, 2_500)
    view = make_view(qtbot, session)
    model = view.model
    assert model.total == 2_500
    assert model.rowCount() == PAGE_SIZE  # only the first page was read
    assert model.canFetchMore()

    view.table.scrollToBottom()  # the view asks for more; the page is read off the GUI thread
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE + MORE_SIZE, timeout=5000)
    while model.rowCount() < model.total:
        rows = model.rowCount()
        view.table.scrollToBottom()
        model.fetchMore()
        qtbot.waitUntil(lambda rows=rows: model.rowCount() > rows, timeout=5000)
    assert not model.canFetchMore()
    references = [model.summary(i).reference for i in range(model.rowCount())]
    assert len(set(references)) == 2_500  # pages neither overlap nor skip
    received = [model.summary(i).received_on for i in range(model.rowCount())]
    assert received == sorted(received, reverse=True)
    assert view.count_label.text() == "2,500 cases"


def test_clicking_a_header_sorts_the_whole_list(qtbot, session, vault):
    seed_cases(vault, 300)
    view = make_view(qtbot, session)
    column = [c.key for c in view.model.columns].index("reference")
    view.table.horizontalHeader().setSortIndicator(column, Qt.SortOrder.AscendingOrder)  # a header click
    qtbot.waitUntil(lambda: view.model.query.order_by == "reference" and view.model.rowCount() > 0, timeout=3000)
    view.model.wait()
    qtbot.waitUntil(lambda: view.model.summary(0).reference <= view.model.summary(1).reference, timeout=3000)
    everything = sorted(r.reference for r in vault.records.find(view.model.query.model_copy(update={"limit": None})))
    assert view.model.summary(0).reference == everything[0]


def test_overdue_and_due_soon_cases_are_coloured(qtbot, session, vault):
    today = dt.date.today()
    for title, received in (("overdue", today - dt.timedelta(days=40)), ("soon", today - dt.timedelta(days=27)),
                            ("later", today - dt.timedelta(days=2))):
        save_record(vault, RetaliationCase(title=title, received_on=received, status=CaseStatus.received))
    closed = RetaliationCase(title="closed", received_on=today - dt.timedelta(days=90), status=CaseStatus.closed)
    save_record(vault, closed)
    view = make_view(qtbot, session)
    model = view.model
    due = [c.key for c in model.columns].index("due_on")
    colour = {model.summary(r).title: model.data(model.index(r, due), Qt.ItemDataRole.ForegroundRole)
              for r in range(model.rowCount())}
    overdue, soon = due_colours()
    assert colour == {"overdue": overdue, "soon": soon, "later": None, "closed": None}
    row = next(r for r in range(model.rowCount()) if model.summary(r).title == "overdue")
    assert model.data(model.index(row, due), Qt.ItemDataRole.ToolTipRole) == "Overdue by 10 days"


def test_status_and_date_filters_narrow_the_list(qtbot, session, vault):
    today = dt.date.today()
    save_record(vault, RetaliationCase(title="old", received_on=dt.date(2024, 5, 1), status=CaseStatus.closed))
    save_record(vault, RetaliationCase(title="new", received_on=today, status=CaseStatus.received))
    view = make_view(qtbot, session)
    view.status_filter.setCurrentIndex(view.status_filter.findData("closed"))
    qtbot.waitUntil(lambda: view.model.total == 1 and view.model.summary(0).title == "old", timeout=3000)
    view.status_filter.setCurrentIndex(0)
    view.received_from.set_value(dt.date(2025, 1, 1))
    qtbot.waitUntil(lambda: view.model.total == 1 and view.model.summary(0).title == "new", timeout=3000)


def test_headers_and_labels_follow_the_language_at_run_time(qtbot, session, vault):
    seed_cases(vault, 5)
    view = make_view(qtbot, session)
    advice = AdviceView(session)
    qtbot.addWidget(advice)
    assert headers(view)[:3] == ["Reference", "Title", "Complainant"]

    set_language("fr")
    for widget in (view, advice):
        QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    french = headers(view)
    assert french[:2] == ["Référence", "Titre"] and "Statut" in french and "Reçu le" in french
    english = [c.header for c in view.model.columns]
    assert all(f != e for f, e in zip(french, english, strict=True))  # nothing left in English
    assert headers(advice)[:3] == ["Référence", "Question", "Demandeur"]
    assert view.heading.text() == "Dossiers de représailles"
    assert view.status_filter.itemText(0) == "Tous les statuts"
    assert view.count_label.text() == "5 dossiers"
    tabs = [view.case_editor.tabs.tabText(i) for i in range(view.case_editor.tabs.count())]
    assert "Activités protégées" in tabs and "Historique" in tabs
    status = [c.key for c in view.model.columns].index("status")
    english_status = {"received": "Awaiting assessment", "in_assessment": "In assessment", "assessed": "Assessed",
                      "referred": "Referred for investigation", "closed": "Closed"}
    row0 = view.model.summary(0)
    assert view.model.data(view.model.index(0, status)) != english_status[row0.status]

    set_language("en")
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert headers(view)[0] == "Reference"
