"""Helpers for the case and advice page tests: a session over the test vault, seeded demo records, and
stand-ins for the modal questions (so a test answers them instead of a person)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from ecodesk.storage.vault import Vault
from ecodesk.ui.kit.session import Session


def open_session(vault: Vault, vault_path: Path) -> Iterator[Session]:
    """For a fixture: a session holding the test vault (office DKR), unlocked; locked at the end."""
    s = Session(vault_path)
    s.attach(vault)
    yield s
    s.lock()


def seed_cases(vault: Vault, count: int) -> None:
    from ecodesk.demo import demo_cases

    vault.records.save_many(demo_cases(count, office="HQ"), office="DKR")


def type_into(qtbot: object, widget: QWidget, text: str) -> None:
    """Type like a user: clear the field, then key in the text."""
    assert isinstance(widget, QLineEdit)
    widget.clear()
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)  # type: ignore[attr-defined]
    else:
        widget.insert(text)  # QTest can only key in ASCII; insert() is what an input method does


class Answers:
    """Records the questions asked and answers them from a list."""

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)
        self.asked: list[tuple[object, ...]] = []

    def __call__(self, *args: object) -> object:
        self.asked.append(args)
        return self.answers.pop(0)


def show_cases_view(qtbot, session: Session, width: int, height: int) -> Any:
    """The Cases page on ``session``, shown at a given size (closed by qtbot at the end of the test)."""
    from ecodesk.ui.records.cases_view import CasesView

    view = CasesView(session)
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    return view
