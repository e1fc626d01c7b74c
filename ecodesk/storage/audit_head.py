"""The newest audit event, kept outside the database so that a database that lost its newest commits (a damaged
WAL, a ``vault.db`` or a whole vault folder put back from an older copy) is noticed at the next unlock.

Two copies of the kept head are written after every committed audit event (after the commit, so a crash
between the two leaves a head *behind* the database, which is fine):

- ``audit-head.json`` in the vault folder: catches a database file replaced or truncated on its own;
- the same file in the per-user state folder (platformdirs, or ``ECODESK_STATE_DIR``), keyed by the vault id and
  its folder: catches a whole vault folder copied back from an older copy.

Each copy carries an HMAC-SHA256 under a key derived from the master key: without the passphrase nobody can
write a head that the vault accepts. A copy whose MAC fails is ignored (and reported by ``vault verify``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ecodesk.i18n import N_, _, ngettext
from ecodesk.storage.database import Database

HEAD_NAME = "audit-head.json"
_MAC_LABEL = b"ecodesk audit head v1"
_MAX_HEAD_BYTES = 8192


class KeptHead(BaseModel):
    """The newest audit event known to have been committed: its number (= the number of events) and hash."""

    vault_id: str
    seq: int
    hash: str
    last_backup: str = ""
    mac: str = ""


class Rollback(BaseModel):
    """What an open finds when the database ends before the kept head."""

    kept_events: int
    found_events: int
    missing_events: int | None  # None when the chains diverged or a kept copy was altered: count unknown
    last_backup: str = ""
    altered_copies: list[str] = []

    def describe(self, last_backup: str) -> list[str]:
        """What happened and what to do, in the user's language (for ``vault verify`` and the unlock dialog)."""
        if self.missing_events:
            lines = [
                ngettext(
                    "The vault was rolled back: {n} audit event recorded earlier is missing.",
                    "The vault was rolled back: {n} audit events recorded earlier are missing.",
                    self.missing_events,
                )
            ]
        elif self.altered_copies:
            lines = [_("The record of the newest audit event, kept outside the database, was altered or damaged.")]
        else:
            lines = [
                _("The vault was rolled back: its audit chain no longer contains the newest event recorded earlier.")
            ]
        if last_backup:
            lines.append(_("Last backup to restore: {path}", path=last_backup))
        return lines


def state_dir() -> Path:
    override = os.environ.get("ECODESK_STATE_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_state_dir

    return Path(user_state_dir("EcoDesk", appauthor=False))


def _user_copy(vault_path: Path, vault_id: str) -> Path:
    key = hashlib.sha256(f"{vault_id}\n{Path(vault_path).resolve()}".encode()).hexdigest()[:32]
    return state_dir() / "audit-heads" / f"{key}.json"


def _mac_key(master_key: bytes) -> bytes:
    return hmac.new(master_key, _MAC_LABEL, hashlib.sha256).digest()


def _mac(key: bytes, head: KeptHead) -> str:
    payload = json.dumps([head.vault_id, head.seq, head.hash, head.last_backup], separators=(",", ":"))
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


class HeadKeeper:
    """Reads, checks and writes the two copies of the kept head of one open vault."""

    def __init__(self, vault_path: Path, vault_id: str, master_key: bytes) -> None:
        self.copies = [Path(vault_path) / HEAD_NAME, _user_copy(vault_path, vault_id)]
        self.vault_id = vault_id
        self._key = _mac_key(master_key)
        self.frozen = False  # while a rollback is not accepted, the kept head must not move
        self.write_failed = False
        self.damaged: list[str] = []
        self.unreadable: list[str] = []
        self.last_backup = ""

    def read(self) -> KeptHead | None:
        """The newest authentic copy (the highest event number); damaged copies are listed in ``damaged``."""
        best: KeptHead | None = None
        self.damaged, self.unreadable = [], []
        for path in self.copies:
            try:
                if not path.exists():
                    continue
                data = path.read_bytes()
            except OSError:  # e.g. permissions: not evidence of tampering, but the check is weaker (verify warns)
                self.unreadable.append(path.name)
                continue
            try:
                if len(data) > _MAX_HEAD_BYTES:
                    raise ValueError
                head = KeptHead.model_validate_json(data)
            except (ValueError, ValidationError, RecursionError):
                self.damaged.append(path.name)
                continue
            if head.vault_id != self.vault_id or not hmac.compare_digest(head.mac, _mac(self._key, head)):
                self.damaged.append(path.name)
                continue
            if best is None or head.seq > best.seq:
                best = head
        if best is not None:
            self.last_backup = best.last_backup
        return best

    def problems(self) -> list[str]:
        """Untranslated warnings for ``vault verify`` (damaged, unreadable or unwritable copies)."""
        found = []
        if self.damaged:
            found.append(N_("A copy of the newest audit event kept outside the database is damaged or altered."))
        if self.write_failed or self.unreadable:
            found.append(
                N_(
                    "The newest audit event could not be kept or read outside the database (disk full, "
                    "read-only folder or permissions)."
                )
            )
        return found

    def check(self, db: Database) -> Rollback | None:
        """Compare the database's audit chain with the kept head: None when the database holds that head."""
        head = self.read()
        found = int(db.scalar("SELECT count(*) FROM audit") or 0)
        # A copy that exists but is not authentic was written by someone without the key (or damaged): it may
        # hide a rollback, so it is refused like one; the officer can still accept and continue.
        if head is None:
            if not self.damaged:
                return None  # no head kept yet (a vault from before this check)
            return Rollback(kept_events=0, found_events=found, missing_events=None, altered_copies=self.damaged)
        stored = db.scalar("SELECT hash FROM audit WHERE seq = ?", (head.seq,))
        if stored == head.hash and not self.damaged:
            return None  # the database holds the kept head (and maybe newer events: a crash before the write)
        missing = head.seq - found if stored is None and found < head.seq else None
        if stored == head.hash:
            missing = 0
        return Rollback(
            kept_events=head.seq,
            found_events=found,
            missing_events=missing,
            last_backup=head.last_backup,
            altered_copies=self.damaged,
        )

    def publish(self, db: Database) -> None:
        """Write both copies for the newest committed event. Called after the commit, never inside it."""
        if self.frozen:
            return
        row = db.one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
        if row is None:
            return
        head = KeptHead(vault_id=self.vault_id, seq=int(row[0]), hash=str(row[1]), last_backup=self.last_backup)
        data = head.model_copy(update={"mac": _mac(self._key, head)}).model_dump_json().encode()
        for path in self.copies:
            # The commit is already durable: failing to keep its head (disk full, read-only folder) only weakens
            # the next check, it must not turn a saved change into an error. ``vault verify`` reports it.
            try:
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                _replace(path, data)
            except OSError:
                self.write_failed = True


def _replace(path: Path, data: bytes) -> None:
    """Write, fsync, rename. The folder is not fsynced: a rename lost in a crash leaves the previous head, which is
    behind the database and therefore accepted; the file's own fsync keeps a torn head from ever appearing."""
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
