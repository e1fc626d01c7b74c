"""Small pieces shared by the application shell: error messages, theme-aware colours, background calls.

Nothing here knows about records; views and dialogs compose these.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QWidget

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


def show_error(parent: QWidget | None, error: BaseException | str, title: str | None = None) -> None:
    """Show an expected failure (an EcoDeskError's translated text, or a message) in a message box."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title or _("EcoDesk"), str(error), QMessageBox.StandardButton.Ok, parent
    )
    box.setAccessibleName(_("Error message"))
    box.exec()


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


class BackgroundCall(QObject):
    """Run ``fn(*args)`` in a worker thread and call ``on_done(result, error)`` back in the GUI thread.

    Used for the slow key derivation of unlock/create so that the dialog stays responsive. Keep a reference
    to the object until ``on_done`` has run.
    """

    _finished = Signal(object, object)

    def __init__(
        self, fn: Callable[..., Any], *args: Any, on_done: Callable[[Any, BaseException | None], None]
    ) -> None:
        super().__init__()
        self._fn = fn
        self._args = args
        self._on_done = on_done
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.running = False

    def start(self) -> None:
        self.running = True
        threading.Thread(target=self._run, name="ecodesk-background", daemon=True).start()

    def _run(self) -> None:
        try:
            result = self._fn(*self._args)
        except BaseException as exc:  # delivered to the GUI thread
            self._finished.emit(None, exc)
        else:
            self._finished.emit(result, None)

    @Slot(object, object)
    def _deliver(self, result: Any, error: BaseException | None) -> None:
        self.running = False
        self._on_done(result, error)


# File dialogs come from these functions only: one seam for tests, one place for platform quirks.
def ask_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str:
    """The path the user chose to save to, or "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _selected = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path


def ask_open_path(parent: QWidget | None, title: str, folder: str, file_filter: str) -> str:
    """The existing file the user chose, or "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _selected = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return path


def ask_folder(parent: QWidget | None, title: str, folder: str) -> str:
    """The folder the user chose, or "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog.getExistingDirectory(parent, title, folder)
