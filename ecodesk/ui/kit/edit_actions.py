"""The Edit menu's text commands (Undo, Redo, Cut, Copy, Paste, Select All) with the platform's standard
shortcuts. Each acts on the widget that has the keyboard focus: a line, a text box, an editable combo or spin box.
A widget without such a command (a list, a table) gets the key press itself, so its own behaviour is kept."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ecodesk.i18n import N_, _
from ecodesk.ui.kit.icons import app_icon


@dataclass(frozen=True)
class EditCommand:
    method: str  # the Qt slot of the text widgets: undo, redo, cut, copy, paste, selectAll
    label: str  # N_() text
    key: QKeySequence.StandardKey
    icon: str


COMMANDS = (
    EditCommand("undo", N_("&Undo"), QKeySequence.StandardKey.Undo, "undo-2"),
    EditCommand("redo", N_("&Redo"), QKeySequence.StandardKey.Redo, "redo-2"),
    EditCommand("cut", N_("Cu&t"), QKeySequence.StandardKey.Cut, "scissors"),
    EditCommand("copy", N_("&Copy"), QKeySequence.StandardKey.Copy, "copy"),
    EditCommand("paste", N_("&Paste"), QKeySequence.StandardKey.Paste, "clipboard-paste"),
    EditCommand("selectAll", N_("Select &All"), QKeySequence.StandardKey.SelectAll, "text-select"),
)


def text_target(widget: QWidget | None) -> QLineEdit | QTextEdit | QPlainTextEdit | None:
    """The text field behind the focused widget (an editable combo's or a spin box's line), if any."""
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return widget
    if isinstance(widget, QComboBox) and widget.isEditable():
        return widget.lineEdit()
    if isinstance(widget, QAbstractSpinBox):
        return widget.findChild(QLineEdit)
    return None


def _read_only(target: QLineEdit | QTextEdit | QPlainTextEdit) -> bool:
    return target.isReadOnly()


def available(target: QLineEdit | QTextEdit | QPlainTextEdit | None, method: str) -> bool:
    """Whether ``method`` would do something in ``target`` now (for the menu's enabled state)."""
    if target is None:
        return False
    has_selection = (
        target.hasSelectedText() if isinstance(target, QLineEdit) else target.textCursor().hasSelection()
    )
    if method == "undo":
        return not _read_only(target) and (
            target.isUndoAvailable() if isinstance(target, QLineEdit) else target.document().isUndoAvailable()
        )
    if method == "redo":
        return not _read_only(target) and (
            target.isRedoAvailable() if isinstance(target, QLineEdit) else target.document().isRedoAvailable()
        )
    if method == "cut":
        return has_selection and not _read_only(target) and _may_copy(target)
    if method == "copy":
        return has_selection and _may_copy(target)
    if method == "paste":
        return not _read_only(target) and bool(QApplication.clipboard().text())
    return True


def _may_copy(target: QWidget) -> bool:
    """A passphrase field never gives its text away."""
    return not (isinstance(target, QLineEdit) and target.echoMode() != QLineEdit.EchoMode.Normal)


class EditActions(QObject):
    """The six actions, owned by the main window (``window.addAction`` makes the shortcuts work everywhere)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        for command in COMMANDS:
            action = QAction(app_icon(command.icon), "", window)
            action.setShortcuts(command.key)  # every platform binding (Redo: Ctrl+Y and Ctrl+Shift+Z)
            action.triggered.connect(lambda _checked=False, c=command: self.run(c))
            window.addAction(action)
            self.actions[command.method] = action
        self.retranslate()

    def add_to(self, menu: QMenu) -> None:
        for index, action in enumerate(self.actions.values()):
            if index in (2, 5):
                menu.addSeparator()
            menu.addAction(action)
        menu.aboutToShow.connect(self.update_enabled)
        menu.aboutToHide.connect(self.enable_all)  # shortcuts keep reaching the focused widget

    def run(self, command: EditCommand) -> None:
        widget = QApplication.focusWidget()
        target = text_target(widget)
        if target is not None:
            if command.method in ("cut", "copy") and not _may_copy(target):
                return
            getattr(target, command.method)()
        elif widget is not None:  # a list or table: its own handling of the key (e.g. copy the current cell)
            action = self.actions[command.method]
            for sequence in QKeySequence.keyBindings(command.key)[:1]:
                combination = sequence[0]  # type: ignore[index]  # PySide6's stubs lack __getitem__
                press = QKeyEvent(QKeyEvent.Type.KeyPress, combination.key(), combination.keyboardModifiers())
                action.setEnabled(False)  # else the shortcut would catch the key again instead of the widget
                try:
                    QApplication.sendEvent(widget, press)
                finally:
                    action.setEnabled(True)

    def update_enabled(self) -> None:
        target = text_target(QApplication.focusWidget())
        for method, action in self.actions.items():
            action.setEnabled(available(target, method))

    def enable_all(self) -> None:
        for action in self.actions.values():
            action.setEnabled(True)

    def retranslate(self) -> None:
        for command in COMMANDS:
            self.actions[command.method].setText(_(command.label))
