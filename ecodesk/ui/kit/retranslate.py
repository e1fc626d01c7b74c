"""Widgets that follow the application language: put ``Retranslating`` first among a widget's bases and give it a
``retranslate_ui()`` that sets every visible text; it runs again whenever the language changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    _Widget = QWidget
else:
    _Widget = object  # a plain mixin at run time: the Qt class comes next among the bases


class Retranslating(_Widget):
    """Calls ``retranslate_ui()`` on every ``LanguageChange`` event."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        raise NotImplementedError
