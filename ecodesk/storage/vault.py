"""The vault: a folder with ``vault.db`` (SQLCipher 4, raw 256-bit master key), ``keyslots.json`` and its
backup copy ``keyslots.backup.json``.

Open a vault with ``Vault.open(path, passphrase)`` or ``Vault.open_with_recovery_key``; create one with
``Vault.create``. An open vault holds an exclusive lock on its folder until ``close()``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import shutil
import tarfile
import tempfile
import uuid
from pathlib import Path

from pydantic import BaseModel

from ecodesk.crypto.identity import VaultIdentity
from ecodesk.crypto.keyslots import (
    MASTER_KEY_BYTES,
    MAX_KEY_FILE_BYTES,
    MIN_STRONG_MEMORY_KIB,
    KdfParams,
    KeySlot,
    KeySlotFile,
    SlotKind,
    calibrated_kdf,
    normalize_passphrase,
    secret_forms,
)
from ecodesk.crypto.recovery import new_recovery_key, normalize_recovery_key
from ecodesk.errors import (
    EcoDeskError,
    InvalidInput,
    VaultDamaged,
    VaultExists,
    VaultNotFound,
    VaultReadOnly,
    VaultRolledBack,
    WrongPassphrase,
)
from ecodesk.i18n import N_
from ecodesk.models import OfficeSettings
from ecodesk.storage import migrations
from ecodesk.storage.atomic import atomic_output, atomic_write, fsync_directory
from ecodesk.storage.attachments import AttachmentStore
from ecodesk.storage.audit import AuditCheck, AuditLog
from ecodesk.storage.audit_head import HeadKeeper, Rollback
from ecodesk.storage.contacts import ContactStore
from ecodesk.storage.database import Database, require_fts5
from ecodesk.storage.exchange import ExchangeStore
from ecodesk.storage.lockfile import VaultLock
from ecodesk.storage.memos import MemoStore
from ecodesk.storage.records import RecordStore
from ecodesk.storage.settings import DraftStore, SettingsStore
from ecodesk.storage.shelf import ShelfStore

DB_NAME = "vault.db"
SLOTS_NAME = "keyslots.json"
SLOTS_BACKUP_NAME = "keyslots.backup.json"
FAILURES_NAME = "unlock-failures.log"
BACKUP_STAGING = ".backup-staging"
MIN_PASSPHRASE_LENGTH = 10


class VerifyReport(BaseModel):
    ok: bool
    database_errors: list[str]
    audit: AuditCheck
    key_file_problems: list[str]
    # Damaged key files found at an earlier open, kept as evidence after both copies were rebuilt.
    key_files_set_aside: list[str] = []
    warnings: list[str]
    schema_version: int
    rollback: Rollback | None = None
    last_backup: str = ""


def check_passphrase(passphrase: str) -> None:
    if len(normalize_passphrase(passphrase)) < MIN_PASSPHRASE_LENGTH:
        raise InvalidInput(N_("The passphrase must have at least {n} characters."), n=MIN_PASSPHRASE_LENGTH)


def is_vault(path: Path) -> bool:
    path = Path(path)
    return (path / DB_NAME).exists() or (path / SLOTS_NAME).exists() or (path / SLOTS_BACKUP_NAME).exists()


class Vault:
    def __init__(self, path: Path, db: Database, slots: KeySlotFile, lock: VaultLock, master_key: bytes) -> None:
        self.path = path
        self.db = db
        self.vault_id = slots.vault_id
        self._slots = slots
        self._lock = lock
        self._master_key = bytearray(master_key)
        self.audit = AuditLog(db)
        self.head = HeadKeeper(path, str(slots.vault_id), master_key)
        self.audit.on_committed = lambda: self.head.publish(self.db)
        self.rollback: Rollback | None = None
        self.records = RecordStore(db, self.audit)
        self.attachments = AttachmentStore(db, self.records, self.audit)
        self._settings = SettingsStore(db, self.audit)
        self.drafts = DraftStore(db)
        self.contacts = ContactStore(db, self.audit)
        self.exchange = ExchangeStore(db)
        self.memos = MemoStore(db)
        self.shelf = ShelfStore(db, self.audit)

    # -- life cycle --------------------------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        *,
        office: str = "HQ",
        officer_name: str = "",
        kdf: KdfParams | None = None,
    ) -> tuple[Vault, str]:
        """Create a vault; return it open, with the recovery key (shown to the user once, never stored)."""
        path = Path(path)
        check_passphrase(passphrase)
        if is_vault(path):
            raise VaultExists(path=str(path))
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        except PermissionError as exc:
            raise VaultReadOnly(path=str(path)) from exc
        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)
        lock = VaultLock(path)
        lock.acquire()
        try:
            master_key = secrets.token_bytes(MASTER_KEY_BYTES)
            recovery_key = new_recovery_key()
            vault_id = uuid.uuid4()
            params = kdf or calibrated_kdf()
            slots = KeySlotFile(
                vault_id=vault_id,
                slots=[
                    KeySlot.wrap(
                        vault_id, "passphrase", "passphrase", normalize_passphrase(passphrase), master_key, params
                    ),
                    KeySlot.wrap(vault_id, "recovery", "recovery", recovery_key, master_key, params.with_new_salt()),
                ],
            )
            old_umask = os.umask(0o077)  # SQLCipher creates its files with the process umask
            try:
                db = Database(path / DB_NAME, master_key)
            finally:
                os.umask(old_umask)
            require_fts5(db)
            migrations.migrate(db)
            with db.transaction():
                db.execute("INSERT INTO meta(key, value) VALUES ('vault_id', ?)", (str(vault_id),))
                db.execute(
                    "INSERT INTO meta(key, value) VALUES ('created_at', ?)",
                    (dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),),
                )
            _write_slots(path, slots)
            vault = cls(path, db, slots, lock, master_key)
            vault.save_settings(OfficeSettings(office_code=office, officer_name=officer_name))
            vault._settings.store_identity(VaultIdentity.generate(officer_name, office))
            vault.audit.append("vault_created")
            return vault, recovery_key
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open(cls, path: Path, passphrase: str, *, rolled_back_ok: bool = False) -> Vault:
        """Open with the passphrase. A rolled-back database raises VaultRolledBack unless ``rolled_back_ok``
        (then ``vault.rollback`` says what is missing, and nothing moves the kept head until
        ``accept_rollback()``)."""
        return cls._open(path, passphrase, ("passphrase",), rolled_back_ok)

    @classmethod
    def open_with_recovery_key(cls, path: Path, recovery_key: str, *, rolled_back_ok: bool = False) -> Vault:
        return cls._open(path, normalize_recovery_key(recovery_key), ("recovery",), rolled_back_ok)

    @classmethod
    def _open(cls, path: Path, secret: str, kinds: tuple[SlotKind, ...], rolled_back_ok: bool = False) -> Vault:
        path = Path(path)
        if not is_vault(path):
            raise VaultNotFound(path=str(path))
        lock = VaultLock(path)
        lock.acquire()
        try:
            copies, damaged = _read_slots(path)
            slots, master_key, opened_with = _open_any(copies, secret_forms(secret, kinds), kinds, path)
            stale = any(copy != slots for copy in copies)
            if not (path / DB_NAME).exists():
                raise VaultDamaged(N_("The vault database file is missing."))
            db = Database(path / DB_NAME, master_key)
            try:
                stored_id = db.scalar("SELECT value FROM meta WHERE key = 'vault_id'")
                if stored_id != str(slots.vault_id):
                    raise VaultDamaged(N_("The key file does not belong to this vault database."))
                require_fts5(db)
                vault = cls(path, db, slots, lock, master_key)
                vault.rollback = vault.head.check(db)
                if vault.rollback is not None:
                    if not rolled_back_ok:
                        raise VaultRolledBack.found(
                            vault.rollback.missing_events,
                            vault.last_backup(),
                            altered=bool(vault.rollback.altered_copies),
                        )
                    vault.head.frozen = True  # the evidence stays until the officer accepts the loss
                migrations.migrate(db, before_first=vault._backup_before_upgrade)
                if damaged or stale:
                    vault._repair_key_file(damaged)
                if vault.rollback is None:
                    if opened_with != normalize_passphrase(opened_with) and kinds == ("passphrase",):
                        vault._rewrap_normalized(opened_with)
                    vault._flush_failed_unlocks()
                    vault.audit.append("unlock", slot=kinds[0])
            except BaseException:
                db.close()  # also when a write after opening fails: no database file is left open
                raise
            return vault
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        """Drop the key and release the vault. Safe to call twice."""
        if self._master_key:
            for i in range(len(self._master_key)):
                self._master_key[i] = 0
            self._master_key = bytearray()
            self.db.close()
            self._lock.release()

    @property
    def is_open(self) -> bool:
        return bool(self._master_key)

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- secrets -----------------------------------------------------------------------------------------
    def verify_passphrase(self, passphrase: str) -> None:
        """Re-authenticate the user of an open vault (before a passphrase change); WrongPassphrase otherwise."""
        for form in secret_forms(passphrase, ("passphrase",)):
            with contextlib.suppress(WrongPassphrase):
                self._slots.open(form, ("passphrase",))
                return
        raise WrongPassphrase()

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams | None = None) -> None:
        """Rewrap the passphrase slot (the database is not rewritten). Crash-safe: both key files are
        replaced atomically, one after the other, and either one opens the vault."""
        check_passphrase(new_passphrase)
        current = self._slots.slot("passphrase")
        params = kdf or (current.kdf.with_new_salt() if current and _kdf_is_strong(current.kdf) else calibrated_kdf())
        self._wrap_passphrase(new_passphrase, params)
        self.audit.append("passphrase_changed")

    def _rewrap_normalized(self, raw_passphrase: str) -> None:
        """The passphrase slot of an older vault was wrapped under a passphrase that is not in NFC: wrap it again
        under the NFC form, with the same KDF cost (never weaker) and a new salt."""
        current = self._slots.slot("passphrase")
        assert current is not None
        self._wrap_passphrase(raw_passphrase, current.kdf.with_new_salt())
        self.audit.append("passphrase_normalized")

    def _wrap_passphrase(self, passphrase: str, params: KdfParams) -> None:
        slot = KeySlot.wrap(
            self.vault_id, "passphrase", "passphrase", normalize_passphrase(passphrase), bytes(self._master_key), params
        )
        self._slots = self._slots.replace_slot(slot)
        _write_slots(self.path, self._slots)

    def accept_rollback(self, action: str = "rollback_accepted") -> None:
        """Continue with the database as it is after a rollback: audited, then the kept head follows it again."""
        if self.rollback is None:
            return
        finding, self.rollback = self.rollback, None
        self.head.frozen = False
        self.audit.append(
            action,
            kept_events=finding.kept_events,
            found_events=finding.found_events,
            missing_events=finding.missing_events,
        )

    def last_backup(self) -> str:
        """The newest backup known: the last one written (kept with the head), else an upgrade backup here."""
        if self.head.last_backup:
            return self.head.last_backup
        upgrades = sorted(self.path.glob("before-upgrade-*.ecobackup"))
        return str(upgrades[-1]) if upgrades else ""

    @property
    def settings(self) -> OfficeSettings:
        return self._settings.get()

    def save_settings(self, settings: OfficeSettings) -> None:
        """Replace the office settings (one audited transaction)."""
        self._settings.save(settings)

    def identity(self) -> VaultIdentity:
        return self._settings.identity()

    # -- checks and backups ------------------------------------------------------------------------------
    def verify(self) -> VerifyReport:
        """SQLCipher page integrity, SQLite structure, audit chain and key files."""
        errors: list[str] = []
        try:
            errors += [str(r[0]) for r in self.db.all("PRAGMA cipher_integrity_check")]
            structure = [str(r[0]) for r in self.db.all("PRAGMA integrity_check")]
            if structure != ["ok"]:
                errors += structure
        except VaultDamaged as exc:
            errors.append(exc.translated("en"))
        try:
            audit = self.audit.verify()
        except VaultDamaged:
            audit = AuditCheck(ok=False, events=0, first_broken_seq=None, problem="unreadable")
        problems = []
        for name in (SLOTS_NAME, SLOTS_BACKUP_NAME):
            try:
                _read_key_file(self.path / name)
            except (OSError, VaultDamaged):
                problems.append(name)
        set_aside = sorted(p.name for p in self.path.glob("keyslots*.json.damaged-*"))
        warnings = self.head.problems()
        if any(not _kdf_is_strong(s.kdf) for s in self._slots.slots):
            warnings.append(N_("The key slots use weak test settings (ECODESK_KDF_PROFILE=fast)."))
        return VerifyReport(
            ok=not errors and audit.ok and not problems and self.rollback is None,
            rollback=self.rollback,
            last_backup=self.last_backup(),
            database_errors=errors,
            audit=audit,
            key_file_problems=problems,
            key_files_set_aside=set_aside,
            warnings=warnings,
            schema_version=migrations.current_version(self.db),
        )

    def backup(self, out_file: Path) -> None:
        """Write an encrypted backup (key slots + database copy made with SQLite's online backup).

        The database copy is encrypted with the same master key; the passphrase or recovery key of the
        moment of the backup opens it. Refuses to back up a database that fails its integrity check.
        """
        out_file = Path(out_file)
        errors = [r[0] for r in self.db.all("PRAGMA cipher_integrity_check")]
        if errors:
            raise VaultDamaged()
        # The copy is staged in the vault folder under a fixed name (ciphertext, like the vault): a backup
        # killed half-way leaves at most this one folder, which the next backup clears.
        staging = self.path / BACKUP_STAGING
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(mode=0o700)
        try:
            copy_path = staging / DB_NAME
            target = Database(copy_path, bytes(self._master_key))
            try:
                with self.db._lock:
                    self.db.connection.backup(target.connection)
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
            with atomic_output(out_file) as fh, tarfile.open(fileobj=fh, mode="w") as tar:
                tar.add(self.path / SLOTS_NAME, arcname=SLOTS_NAME)
                tar.add(copy_path, arcname=DB_NAME)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        self.head.last_backup = str(out_file.resolve())
        self.audit.append("backup")

    @staticmethod
    def restore(backup_file: Path, to_dir: Path, passphrase: str) -> None:
        """Unpack a backup into a new vault folder and check that ``passphrase`` opens it."""
        to_dir = Path(to_dir)
        if is_vault(to_dir):
            raise VaultExists(path=str(to_dir))
        try:
            with tarfile.open(backup_file, mode="r") as tar:
                names = sorted(tar.getnames())
                if names != sorted([DB_NAME, SLOTS_NAME]):
                    raise InvalidInput(N_("This file is not an EcoDesk backup."))
                to_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
                staging = Path(tempfile.mkdtemp(dir=to_dir, prefix=".restore-"))
                tar.extractall(staging, filter="data")
        except (tarfile.TarError, OSError) as exc:
            raise InvalidInput(N_("This file is not an EcoDesk backup, or it is damaged.")) from exc
        try:
            for name in (DB_NAME, SLOTS_NAME):
                os.replace(staging / name, to_dir / name)
            shutil.copyfile(to_dir / SLOTS_NAME, to_dir / SLOTS_BACKUP_NAME)
            fsync_directory(to_dir)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        vault = Vault.open(to_dir, passphrase, rolled_back_ok=True)
        try:
            report = vault.verify()
            if report.database_errors:
                raise VaultDamaged()
            if vault.rollback is not None:  # put back over a newer vault of the same folder: that is the point
                vault.accept_rollback("restored")
            else:
                vault.audit.append("restored")
        finally:
            vault.close()

    def _backup_before_upgrade(self) -> None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        self.backup(self.path / f"before-upgrade-{stamp}.ecobackup")

    def _repair_key_file(self, damaged: list[str]) -> None:
        """Keep the damaged file as evidence (renamed), rewrite both copies from the intact one."""
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        for name in damaged:
            source = self.path / name
            if source.exists():
                target, n = self.path / f"{name}.damaged-{stamp}", 1
                while target.exists():  # a second repair within the same second must not replace the first
                    n += 1
                    target = self.path / f"{name}.damaged-{stamp}-{n}"
                os.replace(source, target)
        _write_slots(self.path, self._slots)
        self.audit.append("key_file_repaired", files=damaged)

    def _flush_failed_unlocks(self) -> None:
        log = self.path / FAILURES_NAME
        if not log.exists():
            return
        for line in log.read_text(encoding="ascii", errors="replace").splitlines():
            with contextlib.suppress(ValueError):
                self.audit.append("unlock_failed", at=dt.datetime.fromisoformat(line.strip()))
        log.unlink()


def _write_slots(path: Path, slots: KeySlotFile) -> None:
    data = slots.to_bytes()
    atomic_write(path / SLOTS_NAME, data)
    atomic_write(path / SLOTS_BACKUP_NAME, data)


def _read_slots(path: Path) -> tuple[list[KeySlotFile], list[str]]:
    """The intact copies of the key file (main copy first) and the names of the damaged ones."""
    found: list[KeySlotFile] = []
    damaged: list[str] = []
    for name in (SLOTS_NAME, SLOTS_BACKUP_NAME):
        try:
            found.append(_read_key_file(path / name))
        except (OSError, VaultDamaged):
            damaged.append(name)
    if not found:
        raise VaultDamaged(
            N_("Both copies of the vault's key file are missing or damaged. Restore the vault from a backup.")
        )
    return found, damaged


def _read_key_file(file: Path) -> KeySlotFile:
    """One copy of the key file; VaultDamaged for any damage (a file grown huge is not read whole)."""
    with open(file, "rb") as fh:
        data = fh.read(MAX_KEY_FILE_BYTES + 1)
    return KeySlotFile.from_bytes(data)


def _open_any(
    copies: list[KeySlotFile], forms: list[str], kinds: tuple[SlotKind, ...], path: Path
) -> tuple[KeySlotFile, bytes, str]:
    """Try each intact copy with each form of the secret: after a crash between the two writes of a passphrase
    change, the copies differ and either passphrase must still open the vault."""
    for copy in copies:
        for form in forms:
            try:
                return copy, copy.open(form, kinds), form
            except WrongPassphrase:
                continue
    _record_failed_unlock(path)
    raise WrongPassphrase()


def _record_failed_unlock(path: Path) -> None:
    with contextlib.suppress(OSError), open(path / FAILURES_NAME, "a", encoding="ascii") as fh:
        fh.write(dt.datetime.now(dt.UTC).isoformat(timespec="seconds") + "\n")


def _kdf_is_strong(kdf: KdfParams) -> bool:
    return kdf.memory_kib >= MIN_STRONG_MEMORY_KIB


__all__ = ["EcoDeskError", "Vault", "VerifyReport", "check_passphrase", "is_vault", "normalize_passphrase"]
