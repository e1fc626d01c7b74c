"""1280×800 in every language: every page and every editor tab fits (no elided tab label, no combo box cutting
its text, no page scrolling sideways), and the list beside an open record stays readable."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from app_support import isolated_settings, open_window  # noqa: F401  (fixture)
from fit_support import fit_problems
from PySide6.QtWidgets import QApplication

from ecodesk.demo import demo_advice, demo_cases
from ecodesk.models import RecordKind, SearchQuery
from ecodesk.ui.language import apply_language
from ecodesk.ui.main_window import PAGES, MainWindow

pytestmark = pytest.mark.usefixtures("isolated_settings")
WIDTH, HEIGHT = 1280, 800
TODAY = dt.date(2026, 11, 15)


@pytest.fixture
def window(qtbot, vault) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    vault.records.save_many(demo_cases(40, seed=7, office="HQ", today=TODAY), office="DKR")
    vault.records.save_many(demo_advice(20, seed=7, office="HQ", today=TODAY), office="DKR")
    for win in open_window(qtbot, vault):
        win.resize(WIDTH, HEIGHT)
        yield win


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def _first(window: MainWindow, kind: RecordKind) -> str:
    return window.session.vault.records.find(SearchQuery(kind=kind, limit=1))[0].reference


def test_every_page_and_editor_tab_fits_1280_in_every_language(window: MainWindow) -> None:
    case, advice = _first(window, RecordKind.retaliation), _first(window, RecordKind.advice)
    problems: list[str] = []
    for lang in ("en", "fr", "es"):
        apply_language(lang, remember=False)
        for spec in PAGES:
            window.show_page(spec.key)
            _settle()
            problems += [f"{lang} {spec.key}: {p}" for p in fit_problems(window, WIDTH)]
            area = window._areas[spec.key]  # the page's own scroll area in the window
            if spec.key in ("cases", "advice", "reports") and area.verticalScrollBar().isVisible():
                problems.append(f"{lang} {spec.key}: the page is taller than the window (its lower part is hidden)")
        window.open_record(case, "retaliation")
        cases = window.show_page("cases")
        tabs = cases.case_editor.tabs  # type: ignore[attr-defined]
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            _settle()
            problems += [f"{lang} case tab {index}: {p}" for p in fit_problems(window, WIDTH)]
        window.open_record(advice, "advice")
        _settle()
        problems += [f"{lang} advice editor: {p}" for p in fit_problems(window, WIDTH)]
        page = window.show_page("advice")
        question = next(i for i, c in enumerate(page.model.columns) if c.key == "title")  # type: ignore[attr-defined]
        width = page.table.columnWidth(question)  # type: ignore[attr-defined]
        if width < 140:
            problems.append(f"{lang}: the Advice list shows {width}px of the question beside an open record")
    assert problems == []


def test_the_wizard_and_the_memo_window_fit_1280_in_every_language(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from ecodesk.ui.memo.dialog import MemoDialog
    from ecodesk.ui.wizard import AssessmentWizard

    case = _first(window, RecordKind.retaliation)
    problems: list[str] = []
    for lang in ("en", "fr", "es"):
        apply_language(lang, remember=False)
        for dialog in (AssessmentWizard(window.session, case), MemoDialog(window.session, case)):
            qtbot.addWidget(dialog)
            dialog.resize(WIDTH, HEIGHT)
            dialog.show()
            _settle()
            problems += [f"{lang} {type(dialog).__name__}: {p}" for p in fit_problems(dialog, WIDTH)]
            dialog.reject()
    assert problems == []
