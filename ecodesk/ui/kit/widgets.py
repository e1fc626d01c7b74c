"""Small pieces shared by the application shell: headings, message lines, passphrase fields, theme-aware colours.

Nothing here knows about records; views and dialogs compose these.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from ecodesk.i18n import _


def is_dark(palette: QPalette) -> bool:
    """True when the window background is dark (a dark system theme)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def alert_color(palette: QPalette) -> QColor:
    """A red that reads on the current background: deep red on light themes, soft red on dark ones."""
    return QColor("#ff8a80") if is_dark(palette) else QColor("#b3261e")


def warning_color(palette: QPalette) -> QColor:
    """An amber for "due soon" that reads on light and dark backgrounds."""
    return QColor("#ffd180") if is_dark(palette) else QColor("#8a5300")


def heading_label(text: str = "", parent: QWidget | None = None, scale: float = 1.35) -> QLabel:
    """A page or dialog heading: the system font, larger and semi-bold (scales with the user's settings)."""
    label = QLabel(text, parent)
    font = QFont(label.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class MessageLine(QLabel):
    """A one-line status under a form: errors in the theme's alert colour, information in the normal one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName(_("Message"))
        self.hide()

    def show_error(self, text: str) -> None:
        self._show(text, alert_color(self.palette()))

    def show_info(self, text: str) -> None:
        self._show(text, self.palette().color(QPalette.ColorRole.WindowText))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()

    def _show(self, text: str, color: QColor) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.setPalette(palette)
        self.setText(text)
        self.show()


def passphrase_field(parent: QWidget | None = None) -> QLineEdit:
    """A hidden-text field for a passphrase (no undo history, no drag out, no context-menu copy)."""
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    field.setDragEnabled(False)
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
    )
    return field


class ChoiceCombo(QComboBox):
    """A choice among an enum's values, shown with their translated labels; optionally 'Not set'."""

    def __init__(self, labels: Mapping[Any, str], *, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = dict(labels)
        self.optional = optional
        if optional:
            self.addItem("", None)
        for value in self.labels:
            self.addItem("", str(value))
        self.retranslate()

    def retranslate(self) -> None:
        start = 1 if self.optional else 0
        if self.optional:
            self.setItemText(0, _("Not set"))
        for i, text in enumerate(self.labels.values()):
            self.setItemText(start + i, _(text))

    def value(self) -> str | None:
        data = self.currentData()
        return None if data is None else str(data)

    def set_value(self, value: object) -> None:
        index = self.findData(None if value is None else str(value))
        self.setCurrentIndex(max(index, 0))


class EmptyState(QLabel):
    """What an empty list says to do first (shown above or instead of the list while it has no rows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMargin(self.fontMetrics().height())
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hide()

    def show_text(self, text: str) -> None:
        """Show ``text`` (plain text; *Button label* is set in italics); an empty text hides the line."""
        import html
        import re

        escaped = re.sub(r"\*([^*]+)\*", r"<i>\1</i>", html.escape(text))
        self.setText(escaped)
        self.setAccessibleName(re.sub(r"\*([^*]+)\*", r"\1", text))
        self.setVisible(bool(text))
