"""The Reports page as an officer uses it: pick a period, read the figures, click a bar to see the records
behind it, open one, export the report, send statistics to HQ; nothing stays on screen once locked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_support import isolated_settings  # noqa: F401  (fixture)
from PySide6.QtCore import Qt

from ecodesk.demo import demo_advice, demo_cases
from ecodesk.i18n import set_language
from ecodesk.reports.dashboard import build_dashboard, make_filters
from ecodesk.reports.periods import parse_period
from ecodesk.reports.tables import Table
from ecodesk.storage.vault import Vault
from ecodesk.ui.kit.session import Session
from ecodesk.ui.reports import view as module
from ecodesk.ui.reports.view import ReportsView
from tests.conftest import PASSPHRASE

SEEDED_ON = dt.date(2026, 11, 15)  # fixed: the synthetic records do not move with the calendar
YEAR = "2026"


@pytest.fixture
def session(vault: Vault, vault_path: Path) -> Iterator[Session]:
    records = [*demo_cases(120, seed=2, office="HQ", today=SEEDED_ON),
               *demo_advice(50, seed=2, office="HQ", today=SEEDED_ON)]
    vault.records.save_many(records, office="DKR")
    s = Session(vault_path)
    s.attach(vault)
    yield s
    s.lock()


@pytest.fixture
def view(qtbot: object, session: Session) -> ReportsView:
    widget = ReportsView(session)
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.set_period(YEAR)
    return widget


def test_figures_and_charts_show_the_vault_counts(view: ReportsView, session: Session) -> None:
    expected = build_dashboard(session.vault, make_filters(parse_period(YEAR)))
    assert view.tiles["cases"][0].text() == str(expected.figures.cases)
    assert view.tiles["advice"][0].text() == str(expected.figures.advice)
    status = view.cards["status"]
    drawn = {key: status.sets[0].at(i) for i, key in enumerate(status.keys)}
    assert drawn == {c.key: float(c.count) for c in expected.table(Table.cases_by_status).cells}
    assert len(view.cards["months"].sets) == 2  # cases and advice side by side
    view.show_numbers("status")
    assert view.numbers.rowCount() == len(status.keys) + 1
    assert view.numbers.item(len(status.keys), 1).text() == str(expected.figures.cases)


def test_clicking_a_bar_lists_the_records_and_opens_one(qtbot: object, view: ReportsView, session: Session) -> None:
    card = view.cards["status"]
    index = card.keys.index("closed")
    card.sets[0].clicked.emit(index)
    expected = build_dashboard(session.vault, make_filters(parse_period(YEAR))).table(Table.cases_by_status)
    assert view.records.count() == expected.count("closed") > 0
    first = view.records.item(0)
    reference = first.data(Qt.ItemDataRole.UserRole)
    assert session.vault.records.get(reference).status.value == "closed"
    with qtbot.waitSignal(view.open_record_requested) as opened:  # type: ignore[attr-defined]
        view.records.itemDoubleClicked.emit(first)
    assert opened.args == [reference]


def test_changing_the_period_and_office_recomputes(view: ReportsView, session: Session) -> None:
    view.set_period(f"{YEAR}-Q1")
    q1 = build_dashboard(session.vault, make_filters(parse_period(f"{YEAR}-Q1")))
    assert view.tiles["cases"][0].text() == str(q1.figures.cases)
    assert view.cards["months"].keys == [f"{YEAR}-01", f"{YEAR}-02", f"{YEAR}-03"]
    view.office.setCurrentIndex(view.office.findData("NBO"))
    nairobi = build_dashboard(session.vault, make_filters(parse_period(f"{YEAR}-Q1"), office="NBO"))
    assert view.tiles["cases"][0].text() == str(nairobi.figures.cases)
    view.office.setCurrentIndex(view.office.findData(""))
    view.set_period(YEAR)
    view.category.setCurrentIndex(view.category.findData("gifts"))
    gifts = build_dashboard(session.vault, make_filters(parse_period(YEAR), category="gifts"))
    everything = build_dashboard(session.vault, make_filters(parse_period(YEAR)))
    assert view.tiles["advice"][0].text() == str(gifts.figures.advice)
    assert 0 < gifts.figures.advice < everything.figures.advice


def test_locking_clears_everything(view: ReportsView, session: Session) -> None:
    view.cards["outcomes"].sets[0].clicked.emit(0)
    session.lock()
    assert view.records.count() == 0
    assert view.numbers.rowCount() == 0
    assert all(number.text() == "–" for number, _caption in view.tiles.values())
    assert all(not card.chart.series() for card in view.cards.values())


def test_language_switch_retranslates(view: ReportsView) -> None:
    set_language("fr")
    view.retranslate_ui()
    assert view.pdf_button.text() == "Exporter en PDF…"
    assert view.cards["status"].title() == "Dossiers par statut"
    assert view.pdf_button.accessibleName()


def test_export_pdf_and_csv(monkeypatch: pytest.MonkeyPatch, view: ReportsView, tmp_path: Path) -> None:
    pdf, table = tmp_path / "report.pdf", tmp_path / "report.csv"
    monkeypatch.setattr(module, "ask_save_path", lambda *_a: str(pdf))
    view.report_lang.setCurrentIndex(view.report_lang.findData("fr"))
    view.export_pdf()
    assert pdf.read_bytes().startswith(b"%PDF-")
    monkeypatch.setattr(module, "ask_save_path", lambda *_a: str(table))
    view.export_csv()
    assert "Dossiers par statut" in table.read_text(encoding="utf-8-sig")


def test_statistics_sent_to_hq_and_consolidated_there(
    qtbot: object, monkeypatch: pytest.MonkeyPatch, view: ReportsView, session: Session, tmp_path: Path
) -> None:
    hq, _key = Vault.create(tmp_path / "hq", PASSPHRASE, office="HQ")
    vault = session.vault
    vault.contacts.add(hq.identity().public, name="HQ Geneva", role="hq", verified=True)
    package = tmp_path / "stats.ecopkg"
    monkeypatch.setattr(module.QInputDialog, "getItem", lambda *_a: ("HQ Geneva", True))
    monkeypatch.setattr(module, "ask_save_path", lambda *_a: str(package))
    view.send_statistics()
    assert package.exists()
    from ecodesk.packages.importing import import_package
    from ecodesk.reports.hq import received_statistics

    hq.contacts.add(vault.identity().public, name="Dakar", role="officer", verified=True)
    import_package(hq, package)
    documents, skipped = received_statistics(hq)
    assert skipped == 0 and [d.office for d in documents] == ["DKR"]
    assert documents[0].period == YEAR

    # At HQ: the consolidated view shows what Dakar sent, without any record behind it.
    hq_session = Session(hq.path)
    hq_session.attach(hq)
    hq_view = ReportsView(hq_session)
    qtbot.addWidget(hq_view)  # type: ignore[attr-defined]
    hq_view.set_period(YEAR)
    assert hq_view.tiles["cases"][0].text() == "0"  # HQ's own vault is empty
    hq_view.source.setCurrentIndex(hq_view.source.findData("consolidated"))
    sent = documents[0].table(Table.cases_by_status)
    assert sent is not None and sent.total
    assert hq_view.tiles["cases"][0].text() == str(sent.total)
    assert "DKR" in hq_view.heading.text()
    assert not hq_view.send_button.isEnabled()
    hq_view.cards["status"].sets[0].clicked.emit(0)
    assert hq_view.records.count() == 0  # statistics only: no record to list
    hq_view.set_period(f"{YEAR}-Q1")  # nothing was sent for this period
    assert "No statistics were received for the period" in hq_view.heading.text()
    hq_session.lock()


def test_a_period_overlapping_one_already_sent_is_refused_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, view: ReportsView, session: Session, tmp_path: Path
) -> None:
    hq, _key = Vault.create(tmp_path / "hq", PASSPHRASE, office="HQ")
    vault = session.vault
    vault.contacts.add(hq.identity().public, name="HQ Geneva", role="hq", verified=True)
    hq.close()
    errors: list[str] = []
    monkeypatch.setattr(module.QInputDialog, "getItem", lambda *_a: ("HQ Geneva", True))
    monkeypatch.setattr(module, "show_error", lambda _parent, error: errors.append(str(error)))
    monkeypatch.setattr(module, "ask_save_path", lambda *_a: str(tmp_path / "q3.ecopkg"))
    view.set_period(f"{YEAR}-Q3")
    view.send_statistics()
    assert (tmp_path / "q3.ecopkg").exists() and errors == []
    monkeypatch.setattr(module, "ask_save_path", lambda *_a: str(tmp_path / "year.ecopkg"))
    view.set_period(YEAR)  # the year minus its quarters would give withheld counts away
    set_language("fr")
    try:
        view.send_statistics()
    finally:
        set_language("en")
    assert not (tmp_path / "year.ecopkg").exists()
    assert len(errors) == 1 and "2026-Q3" in errors[0] and "déjà" in errors[0]


def _drawn_texts(view: ReportsView) -> set[str]:
    """Every text a chart draws (axis labels, categories, legend, bar values) that is visible now."""
    texts: set[str] = set()
    for card in view.cards.values():
        for item in card.view.scene().items():
            text = getattr(item, "toPlainText", None) or getattr(item, "text", None)
            if item.isVisible() and callable(text):
                try:
                    value = text()
                except TypeError:
                    continue
                if value and not value.replace(".", "").isdigit():
                    texts.add(value)
    return texts


def _same_label(one: str, other: str) -> bool:
    one, other = one.removesuffix("..."), other.removesuffix("...")
    return one.startswith(other) or other.startswith(one)


def _combo_texts(view: ReportsView) -> list[list[str]]:
    return [[combo.itemText(i) for i in range(combo.count())]
            for combo in (view.source, view.office, view.kind, view.category, view.picker.kind, view.picker.part)]


def _month_labels_drawn(view: ReportsView, lang: str) -> bool:
    from ecodesk.i18n import translator
    from ecodesk.reports.tables import key_label

    return key_label(Table.cases_by_month, f"{YEAR}-06", translator(lang), short=True) in _drawn_texts(view)


@pytest.mark.usefixtures("isolated_settings")
def test_live_language_switch_leaves_only_the_current_language(qtbot, view: ReportsView, session: Session) -> None:
    from ecodesk.ui.language import apply_language

    view.resize(1280, 800)
    view.show()
    qtbot.waitUntil(lambda: _month_labels_drawn(view, "en"))
    for lang in ("fr", "es"):
        apply_language(lang, remember=False)
        qtbot.waitUntil(lambda lang=lang: _month_labels_drawn(view, lang))
    switched_texts, switched_combos, heading = _drawn_texts(view), _combo_texts(view), view.heading.text()

    fresh = ReportsView(session)  # started in Spanish: the reference for a clean page
    qtbot.addWidget(fresh)
    fresh.set_period(YEAR)
    fresh.resize(1280, 800)
    fresh.show()
    qtbot.waitUntil(lambda: _month_labels_drawn(fresh, "es"))
    assert switched_combos == _combo_texts(fresh)
    assert switched_combos[1][0] == "Todas las oficinas"
    clean = _drawn_texts(fresh)
    assert len(switched_texts) == len(clean)
    for text in switched_texts:  # no axis or category label of English or French left behind (QtCharts may
        # elide a long label at a different length: "Remitido para investig..." is one of the clean page's labels)
        assert any(_same_label(text, other) for other in clean), text
    assert "jun 26" in switched_texts and not {"juin 26", "Jun 26", "Jan 26"} & switched_texts
    assert heading == fresh.heading.text() == "Año 2026 · Todas las oficinas"
    assert view.report_lang.currentData() == "es"  # the report's language follows the screen until changed


def test_heading_names_the_office_filtered_and_the_figures_say_their_scope(view: ReportsView) -> None:
    assert view.heading.text() == "Year 2026 · All offices"  # the vault is DKR's, the filter is "All offices"
    assert "received in this period" in view.scope.text()
    view.office.setCurrentIndex(view.office.findData("DKR"))
    assert view.heading.text() == "Year 2026 · Office: DKR"


def test_the_annual_breakdowns_have_charts_and_bars_list_their_records(view: ReportsView, session: Session) -> None:
    expected = build_dashboard(session.vault, make_filters(parse_period(YEAR)))
    card = view.cards["actions"]
    assert card.title() == "Cases by type of detrimental action"
    table = expected.table(Table.detrimental_action_kinds)
    drawn = {key: card.sets[0].at(i) for i, key in enumerate(card.keys)}
    assert drawn == {c.key: float(c.count or 0) for c in table.cells} and sum(drawn.values()) > 0
    key = next(c.key for c in table.cells if c.count)
    card.sets[0].clicked.emit(card.keys.index(key))
    assert view.records.count() == table.count(key)
    for name in ("activities", "measures", "requesters", "ydi", "ydi_reviews", "training", "training_sessions"):
        assert view.cards[name].title()
