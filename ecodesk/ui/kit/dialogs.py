"""Message boxes and file dialogs: every one the application shows comes from here (one seam for tests, one place
for platform quirks; a test checks that ``QFileDialog`` is used nowhere else)."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ecodesk.display import visible
from ecodesk.i18n import _


def show_error(parent: QWidget | None, error: BaseException | str, title: str | None = None) -> None:
    """Show an expected failure (an EcoDeskError's translated text, or a message) in a message box.

    Control and bidi characters in the message (a refused package's sender name, a file name) are shown escaped.
    """
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title or _("EcoDesk"),
        visible(str(error), multiline=True),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAccessibleName(_("Error message"))
    box.exec()


def confirm(parent: QWidget, title: str, text: str, informative: str = "") -> bool:
    """True when the user chooses Continue in a warning box."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setInformativeText(informative)
    ok = box.addButton(_("Continue"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is ok


def ask_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str = "") -> str:
    """The path the user chose to save to, or "" when cancelled."""
    path, _selected = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return str(path)


def ask_open_path(parent: QWidget | None, title: str, folder: str = "", file_filter: str = "") -> str:
    """The existing file the user chose, or "" when cancelled."""
    path, _selected = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return str(path)


def ask_open_paths(parent: QWidget | None, title: str, folder: str = "", file_filter: str = "") -> list[str]:
    """The existing files the user chose (several at once), or [] when cancelled."""
    paths, _selected = QFileDialog.getOpenFileNames(parent, title, folder, file_filter)
    return list(paths)


def ask_folder(parent: QWidget | None, title: str, folder: str = "") -> str:
    """The folder the user chose, or "" when cancelled."""
    return QFileDialog.getExistingDirectory(parent, title, folder)


def confirm_unencrypted_save(parent: QWidget, text: str) -> bool:
    """Save / Cancel before an unencrypted copy of a confidential document is written (Cancel is the default)."""
    answer = QMessageBox.warning(
        parent,
        _("Save an unencrypted copy"),
        text,
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Save
