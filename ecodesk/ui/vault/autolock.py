"""Locking: after the configured idle time, or on Ctrl+L.

Before the keys are dropped, every page is asked to keep its unsaved edits as encrypted drafts in the vault
(``stash_drafts()``); open dialogs are closed, a confidential copy on the clipboard is removed, then
``session.lock()`` closes the vault and the views clear what they show. The unlock dialog comes up at once; after
unlocking, pages get ``restore_drafts()`` so the officer finds their edits where they left them.

Idle means no key press, click, scroll or pointer movement anywhere in the application.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QWidget

from ecodesk.ui.kit.clipboard import confidential_clipboard
from ecodesk.ui.kit.session import Session
from ecodesk.ui.vault.unlock import UnlockDialog

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
    QEvent.Type.InputMethod,
}
BUSY_RETRY_MS = 2000


class IdleWatcher(QObject):
    """Emits ``timed_out`` after ``seconds`` without user input (an application-wide event filter)."""

    timed_out = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.timed_out)
        self._installed = False

    def set_timeout(self, seconds: float) -> None:
        self._timer.setInterval(max(1, int(seconds * 1000)))
        if self._timer.isActive():
            self._timer.start()

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False


class LockController(QObject):
    """Runs the lock and unlock sequence for the main window."""

    def __init__(
        self,
        session: Session,
        window: QWidget,
        pages: Callable[[], Iterable[QWidget]],
        *,
        idle_seconds: float | None = None,
    ) -> None:
        super().__init__(window)
        self.session = session
        self.window = window
        self._pages = pages
        self.idle_override = idle_seconds
        self.unlock_dialog: UnlockDialog | None = None
        self.watcher = IdleWatcher(self)
        self.watcher.timed_out.connect(self.lock)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(BUSY_RETRY_MS)
        self._retry.timeout.connect(self.lock)
        session.unlocked.connect(self._on_unlocked)
        session.locked.connect(self.watcher.stop)
        session.settings_changed.connect(self._apply_timeout)
        if session.is_unlocked:
            self._on_unlocked()

    def idle_seconds(self) -> float:
        if self.idle_override is not None:
            return self.idle_override
        return float(self.session.vault.settings.idle_lock_minutes * 60)

    def _apply_timeout(self) -> None:
        if self.session.is_unlocked:
            self.watcher.set_timeout(self.idle_seconds())

    def _on_unlocked(self) -> None:
        self._apply_timeout()
        self.watcher.start()

    def lock(self) -> None:
        """Keep drafts, drop the keys, show the unlock dialog. Postponed while a long task is running."""
        if not self.session.is_unlocked:
            return
        if _long_task_running():
            self._retry.start()  # a backup or import uses the vault right now: lock as soon as it ends
            return
        for page in self._pages():
            stash = getattr(page, "stash_drafts", None)
            if callable(stash):
                try:
                    stash()
                except Exception as exc:  # locking must not be prevented by one page
                    print(f"ecodesk: a page could not keep its drafts ({type(exc).__name__})", file=sys.stderr)
        _close_dialogs()
        confidential_clipboard().clear_now()
        self.session.lock()
        self.show_unlock_dialog()

    def show_unlock_dialog(self) -> None:
        if self.unlock_dialog is not None and self.unlock_dialog.isVisible():
            self.unlock_dialog.raise_()
            self.unlock_dialog.activateWindow()
            return
        dialog = UnlockDialog(self.session.vault_path, self.window, quit_button=False)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.accepted.connect(lambda: self._unlocked_by(dialog))
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        self.unlock_dialog = dialog
        dialog.open()

    def _forget_dialog(self, dialog: UnlockDialog) -> None:
        if self.unlock_dialog is dialog:
            self.unlock_dialog = None
        dialog.deleteLater()

    def _unlocked_by(self, dialog: UnlockDialog) -> None:
        if dialog.vault is None:
            return
        self.session.attach(dialog.vault)
        for page in self._pages():
            restore = getattr(page, "restore_drafts", None)
            if callable(restore):
                try:
                    restore()
                except Exception as exc:  # the drafts stay in the vault for the next try
                    print(f"ecodesk: a page could not restore its drafts ({type(exc).__name__})", file=sys.stderr)


def _long_task_running() -> bool:
    return any(isinstance(w, QProgressDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def _close_dialogs() -> None:
    """Close every open dialog (they may show confidential values); their pages kept drafts first."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible() and not isinstance(widget, UnlockDialog):
            QDialog.done(widget, QDialog.DialogCode.Rejected)  # the base class: no "are you sure?" override
