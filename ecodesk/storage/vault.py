"""The vault: a folder with ``vault.db`` (SQLCipher 4, raw 256-bit master key), ``keyslots.json`` and its
backup copy ``keyslots.backup.json``, and ``evidence/`` (the attachments, one encrypted file each).

Open a vault with ``Vault.open(path, passphrase)`` or ``Vault.open_with_recovery_key``; create one with
``Vault.create``. An open vault holds an exclusive lock on its folder until ``close()``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import uuid
from pathlib import Path

import pyrage
from pydantic import BaseModel

from ecodesk.crypto.identity import VaultIdentity
from ecodesk.crypto.keyslots import (
    MASTER_KEY_BYTES,
    MAX_KEY_FILE_BYTES,
    MIN_STRONG_MEMORY_KIB,
    EscrowSlot,
    KdfParams,
    KeySlot,
    KeySlotFile,
    SlotKind,
    calibrated_kdf,
    escrow_master_key,
    escrow_payload,
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
from ecodesk.storage import backups, migrations
from ecodesk.storage.atomic import atomic_write
from ecodesk.storage.attachments import AttachmentStore, EvidenceCheck, EvidenceProblem
from ecodesk.storage.audit import AuditCheck, AuditLog
from ecodesk.storage.audit_head import HeadKeeper, Rollback
from ecodesk.storage.contacts import ContactStore
from ecodesk.storage.database import Database, require_fts5
from ecodesk.storage.evidence import EvidenceStore
from ecodesk.storage.evidence_upgrade import move_chunks_out
from ecodesk.storage.exchange import ExchangeStore
from ecodesk.storage.lockfile import VaultLock
from ecodesk.storage.memos import MemoStore
from ecodesk.storage.org_documents import OrgDocuments
from ecodesk.storage.records import RecordStore
from ecodesk.storage.settings import DraftStore, SettingsStore
from ecodesk.storage.shelf import ShelfStore

DB_NAME = backups.DB_NAME
SLOTS_NAME = backups.SLOTS_NAME
SLOTS_BACKUP_NAME = backups.SLOTS_BACKUP_NAME
FAILURES_NAME = "unlock-failures.log"
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
    evidence: EvidenceCheck | None = None


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
        self.attachments = AttachmentStore(db, self.records, self.audit, EvidenceStore(path))
        # Evidence files found missing or altered by the cheap check at unlock (presence and length).
        self.evidence_problems: list[EvidenceProblem] = []
        self._settings = SettingsStore(db, self.audit)
        self.drafts = DraftStore(db)
        self.contacts = ContactStore(db, self.audit)
        self.exchange = ExchangeStore(db)
        self.memos = MemoStore(db)
        self.org = OrgDocuments(db, self.audit)
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
    def open_with_escrow(cls, path: Path, hq_identity: pyrage.x25519.Identity) -> Vault:
        """Open an officer's vault with HQ's age identity (the escrow slot); WrongPassphrase if it does not."""
        return cls._open(path, "", ("escrow",), escrow_identity=hq_identity)

    @classmethod
    def _open(
        cls,
        path: Path,
        secret: str,
        kinds: tuple[SlotKind, ...],
        rolled_back_ok: bool = False,
        escrow_identity: pyrage.x25519.Identity | None = None,
    ) -> Vault:
        path = Path(path)
        if not is_vault(path):
            raise VaultNotFound(path=str(path))
        lock = VaultLock(path)
        lock.acquire()
        try:
            copies, damaged = _read_slots(path)
            if escrow_identity is not None:
                slots, master_key = _open_escrow(copies, escrow_identity, path)
                opened_with = ""
            else:
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
                vault._settle_evidence()
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
    def escrow_slot(self) -> EscrowSlot | None:
        return self._slots.escrow

    def set_escrow_slot(self, recipient: str, *, hq_name: str, hq_fingerprint: str) -> None:
        """Add (or replace) HQ's escrow slot: the master key encrypted to ``recipient``. Both key files are
        rewritten atomically, one after the other, like a passphrase change."""
        wrapped = pyrage.encrypt(
            escrow_payload(self.vault_id, bytes(self._master_key)), [pyrage.x25519.Recipient.from_str(recipient)]
        )
        slot = EscrowSlot(
            created_at=dt.datetime.now(dt.UTC).replace(microsecond=0), recipient=recipient, hq_name=hq_name,
            hq_fingerprint=hq_fingerprint, wrapped=wrapped,
        )
        self._slots = self._slots.model_copy(update={"escrow": slot})
        _write_slots(self.path, self._slots)

    def remove_escrow_slot(self) -> None:
        self._slots = self._slots.model_copy(update={"escrow": None})
        _write_slots(self.path, self._slots)

    @property
    def settings(self) -> OfficeSettings:
        return self._settings.get()

    def save_settings(self, settings: OfficeSettings) -> None:
        """Replace the office settings (one audited transaction)."""
        self._settings.save(settings)

    def identity(self) -> VaultIdentity:
        return self._settings.identity()

    # -- checks and backups ------------------------------------------------------------------------------
    def verify(self, *, full: bool = False) -> VerifyReport:
        """SQLCipher page integrity, SQLite structure, audit chain, key files and evidence files: their presence
        and length (one ``stat`` each, so the time does not grow with the evidence's size) or, with ``full``,
        every segment's tag and every file's SHA-256."""
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
                copy = _read_key_file(self.path / name)
                if copy.escrow is not None and not copy.escrow.wrapped.startswith(b"age-encryption.org/v1\n"):
                    problems.append(f"{name} (escrow)")
            except (OSError, VaultDamaged):
                problems.append(name)
        set_aside = sorted(p.name for p in self.path.glob("keyslots*.json.damaged-*"))
        warnings = self.head.problems()
        if any(not _kdf_is_strong(s.kdf) for s in self._slots.slots):
            warnings.append(N_("The key slots use weak test settings (ECODESK_KDF_PROFILE=fast)."))
        try:
            evidence = self.attachments.check(full=full)
        except VaultDamaged as exc:
            errors.append(exc.translated("en"))
            evidence = None
        return VerifyReport(
            ok=not errors
            and audit.ok
            and not problems
            and self.rollback is None
            and evidence is not None
            and not evidence.problems,
            rollback=self.rollback,
            last_backup=self.last_backup(),
            evidence=evidence,
            database_errors=errors,
            audit=audit,
            key_file_problems=problems,
            key_files_set_aside=set_aside,
            warnings=warnings,
            schema_version=migrations.current_version(self.db),
        )

    def backup(self, out_file: Path) -> None:
        """Write a full encrypted backup in one ``.ecobackup`` file: key file, a copy of the database made
        with SQLite's online backup, every evidence file. The passphrase or recovery key of the moment of the
        backup opens it. Refuses to back up a database that fails its integrity check."""
        backups.write_archive(self, Path(out_file), bytes(self._master_key))
        self.head.last_backup = str(Path(out_file).resolve())
        self.audit.append("backup")

    def backup_to_folder(self, folder: Path) -> backups.FolderBackup:
        """Bring a backup folder up to date: the database copy plus only the evidence files it lacks."""
        done = backups.write_folder(self, Path(folder), bytes(self._master_key))
        self.head.last_backup = str(Path(folder).resolve())
        self.audit.append("backup", folder=True, evidence_copied=done.evidence_copied)
        return done

    @staticmethod
    def restore(backup: Path, to_dir: Path, passphrase: str) -> None:
        """Restore a backup (an ``.ecobackup`` file or a backup folder) into a new vault folder; checks that
        ``passphrase`` opens it and that every evidence file is intact (VaultDamaged otherwise)."""
        backups.restore(Path(backup), Path(to_dir), passphrase)

    def _settle_evidence(self) -> None:
        """At unlock: remove what a crash left under evidence/, finish moving attachments out of the database
        (vaults from before schema 7), then the cheap check of every evidence file."""
        self.attachments.remove_orphans()
        move_chunks_out(self.attachments)
        self.evidence_problems = self.attachments.check(full=False).problems

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


def _open_escrow(
    copies: list[KeySlotFile], identity: pyrage.x25519.Identity, path: Path
) -> tuple[KeySlotFile, bytes]:
    for copy in copies:
        if copy.escrow is None:
            continue
        try:
            payload = pyrage.decrypt(copy.escrow.wrapped, [identity])
        except Exception:  # pyrage raises its own error types  # noqa: S112
            continue
        key = escrow_master_key(copy.vault_id, payload)
        if key is not None:
            return copy, key
    _record_failed_unlock(path)
    raise WrongPassphrase()


def _record_failed_unlock(path: Path) -> None:
    with contextlib.suppress(OSError), open(path / FAILURES_NAME, "a", encoding="ascii") as fh:
        fh.write(dt.datetime.now(dt.UTC).isoformat(timespec="seconds") + "\n")


def _kdf_is_strong(kdf: KdfParams) -> bool:
    return kdf.memory_kib >= MIN_STRONG_MEMORY_KIB


__all__ = ["EcoDeskError", "Vault", "VerifyReport", "check_passphrase", "is_vault", "normalize_passphrase"]
