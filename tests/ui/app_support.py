"""Helpers for the application-shell tests: isolated QSettings and stand-in record pages.

The stand-in pages implement the page contract of the main window (``new_record``, ``focus_search``,
``open_record``, ``has_unsaved_changes``, ``save_current``, ``stash_drafts``, ``restore_drafts``,
``status_message``) with one text field, so the shell is tested on its own.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ecodesk.ui.kit.session import Session


@pytest.fixture
def isolated_settings(tmp_path: Path) -> Iterator[Path]:
    """QSettings and standard paths redirected to tmp_path: tests never touch the user's real settings."""
    folder = tmp_path / "qsettings"
    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    from ecodesk.ui.language import apply_language
    from ecodesk.ui.vault import unlock

    apply_language("en", remember=False)
    unlock._failures.clear()


class StandInPage(QWidget):
    """A record page with one field; its edit is "unsaved" until save_current()."""

    status_message = Signal(str)
    draft_key = "stand-in"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.saved = ""
        self.calls: list[tuple[str, tuple[object, ...]]] = []
        self.editor = QLineEdit(self)
        self.editor.setAccessibleName("Stand-in field")
        QVBoxLayout(self).addWidget(self.editor)
        session.locked.connect(self.editor.clear)

    def new_record(self) -> None:
        self.calls.append(("new_record", ()))

    def focus_search(self) -> None:
        self.calls.append(("focus_search", ()))

    def open_record(self, reference: str) -> None:
        self.calls.append(("open_record", (reference,)))

    def has_unsaved_changes(self) -> bool:
        return self.editor.text() != self.saved

    def save_current(self) -> bool:
        self.saved = self.editor.text()
        self.calls.append(("save_current", ()))
        return True

    def stash_drafts(self) -> None:
        if self.has_unsaved_changes():
            self.session.vault.drafts.put(self.draft_key, self.editor.text())

    def restore_drafts(self) -> None:
        body = self.session.vault.drafts.get(self.draft_key)
        if body is not None:
            self.editor.setText(body)
            self.session.vault.drafts.delete(self.draft_key)


class StandInCases(StandInPage):
    draft_key = "stand-in-case"


class StandInAdvice(StandInPage):
    draft_key = "stand-in-advice"


@pytest.fixture
def stand_in_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``ecodesk.ui.records.cases_view`` / ``advice_view`` resolve to the stand-ins for this test."""
    stand_ins = (("cases_view", "CasesView", StandInCases), ("advice_view", "AdviceView", StandInAdvice))
    for name, attribute, cls in stand_ins:
        module = types.ModuleType(f"ecodesk.ui.records.{name}")
        setattr(module, attribute, cls)
        monkeypatch.setitem(sys.modules, f"ecodesk.ui.records.{name}", module)


def open_window(qtbot, vault, *, expose: bool = True, pages: tuple[str, ...] = ()) -> Iterator[Any]:
    """The main window on an unlocked ``vault`` (for a fixture: ``yield from open_window(...)``); locked and closed
    afterwards (locked first: closing then has no unsaved changes to ask about)."""
    from ecodesk.ui.main_window import MainWindow

    session = Session(vault.path)
    win = MainWindow(session)
    session.attach(vault)
    win.show()
    if expose:
        qtbot.waitExposed(win)
    for key in pages:
        win.show_page(key)
    yield win
    session.lock()
    win.close()
    win.deleteLater()
