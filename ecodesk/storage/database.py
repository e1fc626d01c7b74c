"""The SQLCipher connection: keyed with the raw master key, hardened pragmas, explicit transactions.

SQLCipher facts designed around (DESIGN.md section 3): ``PRAGMA key`` must come first; a wrong key fails only
at the first read; errors go to stderr unless ``cipher_log_level`` is NONE; WAL must be enabled outside a
transaction and the returned mode checked; temporary tables stay in memory (``temp_store = MEMORY``).
"""

from __future__ import annotations

import contextlib
import errno
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlcipher3

from ecodesk.errors import EcoDeskError, StorageFull, VaultDamaged
from ecodesk.i18n import N_

Row = tuple[Any, ...]
CACHE_KIB = 64 * 1024


def row_values(columns: str, row: tuple[Any, ...] | list[Any]) -> dict[str, Any]:
    """A row as {column name: value}, ``columns`` being the comma-separated list of its SELECT (rows are mapped by
    name, never by position)."""
    return dict(zip([c.strip() for c in columns.split(",")], row, strict=True))


def _is_disk_full(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database or disk is full" in text or getattr(exc, "errno", None) == errno.ENOSPC


def _no_room_left(path: Path, exc: BaseException) -> bool:
    """SQLite reports a full disk while mapping the WAL index as a plain I/O error: look at the free space."""
    if "disk i/o error" not in str(exc).lower():
        return False
    try:
        return shutil.disk_usage(Path(path).parent).free < 1024 * 1024
    except OSError:
        return False


class Database:
    """One keyed connection, shared by the services of one open vault, with re-entrant transactions.

    All access goes through a lock so the GUI's worker threads can use the same vault safely.
    """

    def __init__(self, path: Path, key: bytes, *, read_only: bool = False) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0
        self._after_commit: list[Callable[[], None]] = []
        self._undo: list[Callable[[], None]] = []
        uri = f"file:{path}?mode={'ro' if read_only else 'rwc'}"
        self._conn = sqlcipher3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            self._conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            self._conn.execute("PRAGMA cipher_log_level = NONE")
            self._conn.execute("PRAGMA temp_store = MEMORY")
            # Decrypted pages stay in SQLite's cache: without it every read decrypts again (64 MiB at most).
            self._conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA busy_timeout = 5000")
            # The key was authenticated by its slot: a failure at the first read means damage, not a wrong key.
            self._conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if not read_only:
                mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise VaultDamaged(N_("The vault database could not switch to its safe journal mode."))
                self._conn.execute("PRAGMA synchronous = FULL")
        except sqlcipher3.DatabaseError as exc:
            self._conn.close()
            if _is_disk_full(exc) or _no_room_left(path, exc):  # e.g. no room for the WAL index: not damage
                raise StorageFull() from exc
            raise VaultDamaged(N_("The vault database cannot be read: it is damaged or incomplete.")) from exc
        except BaseException:
            self._conn.close()
            raise

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic unit of work. Nested calls join the outer transaction."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self._wrap(self._conn.execute, "BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self
                self._wrap(self._conn.execute, "COMMIT")
            except BaseException:
                with contextlib.suppress(sqlcipher3.Error):
                    self._conn.execute("ROLLBACK")
                for undo in reversed(self._undo):
                    with contextlib.suppress(OSError):
                        undo()
                raise
            finally:
                self._depth = 0
                self._undo = []
                pending, self._after_commit = self._after_commit, []
            for callback in pending:
                callback()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the current transaction is committed (durable); dropped if it rolls back."""
        with self._lock:
            if callback not in self._after_commit:
                self._after_commit.append(callback)

    def on_rollback(self, undo: Callable[[], None]) -> None:
        """Run ``undo`` if the current transaction rolls back (e.g. remove an evidence file written for it)."""
        with self._lock:
            if not self._depth:
                raise RuntimeError("on_rollback() needs an open transaction")
            self._undo.append(undo)

    def _wrap(self, fn: Any, *args: Any) -> Any:
        """Run a database call; errors become EcoDeskErrors (also those raised while fetching rows)."""
        try:
            return fn(*args)
        except sqlcipher3.DatabaseError as exc:
            if _is_disk_full(exc):
                raise StorageFull() from exc
            if isinstance(exc, sqlcipher3.IntegrityError):
                raise
            raise VaultDamaged(N_("The vault database reported an error; nothing was changed.")) from exc

    def execute(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> sqlcipher3.Cursor:
        with self._lock:
            return self._wrap(self._conn.execute, sql, params)

    def executemany(self, sql: str, rows: Any) -> sqlcipher3.Cursor:
        with self._lock:
            return self._wrap(self._conn.executemany, sql, rows)

    def one(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Row | None:
        with self._lock:
            row: Row | None = self._wrap(lambda: self._conn.execute(sql, params).fetchone())
            return row

    def all(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Row]:
        with self._lock:
            rows: list[Row] = self._wrap(lambda: self._conn.execute(sql, params).fetchall())
            return rows

    def scalar(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    def script(self, sql: str) -> None:
        with self._lock:
            self._wrap(self._conn.executescript, sql)

    @property
    def connection(self) -> sqlcipher3.Connection:
        """The raw connection, for the online backup API only."""
        return self._conn

    def compile_options(self) -> set[str]:
        return {row[0] for row in self.all("PRAGMA compile_options")}


def require_fts5(db: Database) -> None:
    if "ENABLE_FTS5" not in db.compile_options():
        raise EcoDeskError(
            N_("This SQLCipher build has no full-text search (FTS5). Install the official EcoDesk build.")
        )


def sqlcipher_version() -> str:
    """The SQLCipher library version (for "About" and ``--version``); "?" when it cannot be asked."""
    try:
        conn = sqlcipher3.connect(":memory:")
        try:
            return str(conn.execute("PRAGMA cipher_version").fetchone()[0])
        finally:
            conn.close()
    except sqlcipher3.Error:
        return "?"
