"""The open vault as the GUI sees it: one object every view receives, with signals for what changes.

Views never run SQL: they call the core services through ``session.vault`` (``vault.records``,
``vault.attachments``, ...). When the session locks, views drop what they show and wait for ``unlocked``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal, SignalInstance

from ecodesk.storage.vault import Vault


class Session(QObject):
    unlocked = Signal()
    locked = Signal()
    records_changed = Signal()  # a record was created, saved, imported or attached to
    settings_changed = Signal()

    def __init__(self, vault_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.vault_path = Path(vault_path)
        self._vault: Vault | None = None

    @property
    def vault(self) -> Vault:
        """The open vault; raises RuntimeError when locked (views must not be active then)."""
        if self._vault is None or not self._vault.is_open:
            raise RuntimeError("the vault is locked")
        return self._vault

    @property
    def is_unlocked(self) -> bool:
        return self._vault is not None and self._vault.is_open

    def attach(self, vault: Vault) -> None:
        """Take an opened (or newly created) vault and tell the views."""
        self._vault = vault
        self.unlocked.emit()

    def lock(self) -> None:
        """Drop the keys: close the vault, then tell the views to clear what they show."""
        if self._vault is not None:
            vault, self._vault = self._vault, None
            vault.close()
            self.locked.emit()


def follow_session(
    session: Session,
    refresh: Callable[[], object],
    clear: Callable[[], object],
    retranslate: Callable[[], object],
    *,
    also_refresh_on: Sequence[SignalInstance] = (),
    clear_at_start: bool = True,
) -> None:
    """A page's life with the session: ``refresh`` when it unlocks (and on ``also_refresh_on``), ``clear`` when it
    locks; then the page's texts and what the session shows now (``clear`` too while locked, unless not wanted)."""
    session.unlocked.connect(refresh)
    session.locked.connect(clear)
    for signal in also_refresh_on:
        signal.connect(refresh)
    retranslate()
    if session.is_unlocked:
        refresh()
    elif clear_at_start:
        clear()
