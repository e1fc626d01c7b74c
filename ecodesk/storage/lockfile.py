"""An exclusive lock on a vault folder so two processes never write the same vault."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from ecodesk.errors import VaultBusy, VaultReadOnly


class VaultLock:
    def __init__(self, directory: Path) -> None:
        self.path = directory / "vault.lock"
        self._fh: IO[bytes] | None = None

    def acquire(self) -> None:
        """Lock the folder: VaultBusy if another process holds it, VaultReadOnly if this user cannot write it
        (every unlock writes: say so plainly instead of failing half-way in SQLite)."""
        folder = self.path.parent
        names = ("vault.db", "vault.db-wal", "vault.db-shm", self.path.name)
        if not all(os.access(p, os.W_OK) for p in [folder, *(folder / n for n in names if (folder / n).exists())]):
            raise VaultReadOnly(path=str(folder))
        fh = open(self.path, "a+b")
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            fh.close()
            raise VaultBusy() from exc
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()  # closing releases the lock
            self._fh = None
