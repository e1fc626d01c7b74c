"""Copying a confidential value (a name, a recovery key, a fingerprint) to the clipboard, briefly.

``copy_confidential(text)`` marks the copy so that clipboard managers that honour the hints do not keep it in
their history. Every copy made inside EcoDesk (Ctrl+C in any field, and on X11 the selection too) is cleared after
``CLEAR_AFTER_MS`` unless the user has copied something else meanwhile: ``watch()`` follows the clipboard and
recognises EcoDesk's own copies (``ownsClipboard``). The value itself is not kept: only its hash, to recognise it.
``clear_now()`` runs on lock and on quit.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000
_IN_PROCESS_PLATFORMS = ("offscreen", "minimal")

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
    """Takes EcoDesk's copies off the clipboard again after a delay, if they are still there."""

    def __init__(self, parent: QObject | None = None, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear_now)
        self._digests: dict[QClipboard.Mode, bytes] = {}
        self._copying = False
        self._watching = False

    def copy(self, text: str) -> None:
        """Copy ``text`` with the "do not keep" hints; cleared after the delay."""
        mime = QMimeData()
        mime.setText(text)
        for name, value in _SECRET_HINTS.items():
            mime.setData(name, value)
        clipboard = QGuiApplication.clipboard()
        self._copying = True
        try:
            clipboard.setMimeData(mime, QClipboard.Mode.Clipboard)
        finally:
            self._copying = False
        self._digests[QClipboard.Mode.Clipboard] = _digest(text)
        self._timer.start()

    def watch(self) -> None:
        """Also clear, after the delay, whatever is copied (or selected, on X11) in EcoDesk's own widgets."""
        if not self._watching:
            QGuiApplication.clipboard().changed.connect(self._on_changed)
            self._watching = True

    def _on_changed(self, mode: QClipboard.Mode) -> None:
        if self._copying or mode not in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
            return
        clipboard = QGuiApplication.clipboard()
        owned = clipboard.ownsClipboard() if mode == QClipboard.Mode.Clipboard else clipboard.ownsSelection()
        # Qt's offscreen and minimal platforms keep the clipboard inside the process: every change is ours.
        owned = owned or QGuiApplication.platformName() in _IN_PROCESS_PLATFORMS
        text = clipboard.text(mode)
        if owned and text:
            self._digests[mode] = _digest(text)
            self._timer.start()

    def clear_now(self) -> None:
        """Clear what we copied if it is still there (never what the user copied afterwards elsewhere)."""
        self._timer.stop()
        clipboard = QGuiApplication.clipboard()
        for mode, digest in list(self._digests.items()):
            if _digest(clipboard.text(mode)) == digest:
                self._copying = True
                try:
                    clipboard.clear(mode)
                finally:
                    self._copying = False
        self._digests.clear()

    @property
    def pending(self) -> bool:
        return bool(self._digests)


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
