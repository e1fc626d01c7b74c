"""Copying a confidential value (a name, a recovery key, a fingerprint) to the clipboard, briefly.

The copy is marked so that clipboard managers that honour the hints do not keep it in their history, and it is
cleared after ``CLEAR_AFTER_MS`` unless the user has copied something else meanwhile. The value itself is not
kept: only its hash, to recognise it on the clipboard. ``clear_now()`` runs on lock and on quit.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000

# Hints understood by KDE Klipper, GNOME/wl-clipboard managers and Windows clipboard history.
_SECRET_HINTS = {
    "x-kde-passwordManagerHint": b"secret",
    "ExcludeClipboardContentFromMonitorProcessing": b"1",
    "CanIncludeInClipboardHistory": b"\x00\x00\x00\x00",
    "CanUploadToCloudClipboard": b"\x00\x00\x00\x00",
}


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class ConfidentialClipboard(QObject):
    """Puts text on the clipboard and takes it off again after a delay if it is still there."""

    def __init__(self, parent: QObject | None = None, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear_now)
        self._digest: bytes | None = None

    def copy(self, text: str) -> None:
        mime = QMimeData()
        mime.setText(text)
        for name, value in _SECRET_HINTS.items():
            mime.setData(name, value)
        clipboard = QGuiApplication.clipboard()
        clipboard.setMimeData(mime, QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.clear(QClipboard.Mode.Selection)
        self._digest = _digest(text)
        self._timer.start()

    def clear_now(self) -> None:
        """Clear the clipboard if it still holds what we copied (never what the user copied afterwards)."""
        self._timer.stop()
        if self._digest is None:
            return
        clipboard = QGuiApplication.clipboard()
        if _digest(clipboard.text(QClipboard.Mode.Clipboard)) == self._digest:
            clipboard.clear(QClipboard.Mode.Clipboard)
        self._digest = None

    @property
    def pending(self) -> bool:
        return self._digest is not None


_shared: ConfidentialClipboard | None = None


def confidential_clipboard() -> ConfidentialClipboard:
    """The application's one instance (so that lock and quit clear what any view copied)."""
    global _shared
    if _shared is None:
        _shared = ConfidentialClipboard(QGuiApplication.instance())
    return _shared


def copy_confidential(text: str) -> None:
    """Copy ``text``; it is removed from the clipboard after 30 seconds if still there."""
    confidential_clipboard().copy(text)
