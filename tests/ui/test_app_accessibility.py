"""Every control of the shell's windows has a name a screen reader can announce, in every language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from app_support import isolated_settings, open_window, stand_in_pages  # noqa: F401  (fixtures)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QWidget,
)

from ecodesk.ui.language import apply_language
from ecodesk.ui.main_window import MainWindow
from ecodesk.ui.vault.change_passphrase import ChangePassphraseDialog
from ecodesk.ui.vault.create import CreateVaultDialog
from ecodesk.ui.vault.unlock import RecoveryDialog, UnlockDialog

pytestmark = pytest.mark.usefixtures("isolated_settings", "stand_in_pages")
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QAbstractItemView, QProgressBar)


def _inside(widget: QWidget, kinds: type | tuple[type, ...]) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.parent() is None:
            continue
        if isinstance(widget, QHeaderView) or _inside(widget, QAbstractSpinBox | QComboBox):
            continue  # parts of a table, a spin box or a combo box: announced with it
        if type(widget).__module__.startswith("PySide6") and widget.objectName().startswith("qt_"):
            continue  # Qt's own parts (scroll area corners, dialog button internals)
        name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not name.replace("&", "").strip():
            missing.append(f"{type(widget).__name__} in {type(root).__name__}")
    return missing


@pytest.fixture
def window(qtbot, created) -> Iterator[MainWindow]:
    yield from open_window(qtbot, created.vault, expose=False, pages=("home", "settings"))


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_shell_controls_have_accessible_names(qtbot, window: MainWindow, vault_path: Path, lang: str) -> None:
    apply_language(lang, remember=False)
    qtbot.waitUntil(lambda: window.sidebar.accessibleName() != "" and window.file_menu.title() != "")
    dialogs = [
        UnlockDialog(vault_path),
        RecoveryDialog(vault_path),
        CreateVaultDialog(vault_path.parent / "other"),
        ChangePassphraseDialog(window.session),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    problems = unnamed_controls(window.page("home")) + unnamed_controls(window.page("settings"))
    problems += unnamed_controls(window.locked_page) + [p for d in dialogs for p in unnamed_controls(d)]
    assert problems == [], "\n".join(problems)
    assert window.sidebar.accessibleName() and window.sidebar.item(0).text()
