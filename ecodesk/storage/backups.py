"""Backups of a vault: an ``.ecobackup`` archive (a full copy in one file) or a backup folder (incremental).

Both hold the key file, a copy of the database made with SQLite's online backup (encrypted with the same
master key) and the evidence files the copy refers to. Evidence files are immutable and have random names, so a
backup folder receives only the ones it lacks: a vault with gigabytes of evidence and one new record is backed
up in the time it takes to copy its database. Order in a folder: the new evidence files first, then the
database replaces the old one atomically, so a backup killed half-way leaves the previous one whole (plus,
at most, evidence files that no copy refers to yet).

Restoring either form checks every evidence file (each segment's tag and the SHA-256) before saying yes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tarfile
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from ecodesk.errors import InvalidInput, VaultDamaged, VaultExists
from ecodesk.i18n import N_
from ecodesk.storage.atomic import atomic_output, atomic_write, fsync_directory
from ecodesk.storage.database import Database
from ecodesk.storage.evidence import EVIDENCE_DIR, EvidenceStore, is_blob_name

if TYPE_CHECKING:
    from ecodesk.storage.vault import Vault

DB_NAME = "vault.db"
SLOTS_NAME = "keyslots.json"
SLOTS_BACKUP_NAME = "keyslots.backup.json"
MARKER_NAME = "ecodesk-backup.json"
BACKUP_STAGING = ".backup-staging"
_MEMBER = re.compile(rf"^{EVIDENCE_DIR}/([0-9a-f]{{2}})/([0-9a-f]{{32}})$")
COPY_BLOCK = 1024 * 1024


class FolderBackup(BaseModel):
    """What a backup into a folder did."""

    folder: Path
    evidence_copied: int
    evidence_bytes_copied: int
    evidence_already_there: int


def _referenced_blobs(db: Database) -> list[str]:
    columns = {str(r[1]) for r in db.all("PRAGMA table_info(attachments)")}
    if "blob" not in columns:  # a vault before schema 7 (the backup made before its upgrade)
        return []
    return [str(r[0]) for r in db.all("SELECT blob FROM attachments WHERE blob IS NOT NULL ORDER BY blob")]


def _copy_database(vault: Vault, target: Path, key: bytes) -> list[str]:
    """Copy the database to ``target`` (online backup, no WAL left); the evidence files the copy refers to.

    Refuses (VaultDamaged) a database that fails its integrity check, or evidence files that are missing or
    have the wrong length (naming the records): a backup must not silently lack evidence."""
    errors = [r[0] for r in vault.db.all("PRAGMA cipher_integrity_check")]
    if errors:
        raise VaultDamaged()
    if _referenced_blobs(vault.db):
        problems = vault.attachments.check(full=False).problems
        if problems:
            raise VaultDamaged(
                N_("Evidence files of {references} are missing or damaged: no backup was written. Run "
                   "'ecodesk vault verify --full'."),
                references=", ".join(sorted({p.reference for p in problems})[:10]),
            )
    copy = Database(target, key)
    try:
        with vault.db._lock:  # the copy and the list of its evidence files are taken at the same moment
            vault.db.connection.backup(copy.connection)
            blobs = _referenced_blobs(vault.db)
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())
    return blobs


def _staging(folder: Path) -> Path:
    staging = folder / BACKUP_STAGING
    shutil.rmtree(staging, ignore_errors=True)  # what a backup killed half-way left
    staging.mkdir(mode=0o700)
    return staging


def write_archive(vault: Vault, out_file: Path, key: bytes) -> None:
    """A full copy in one file: key file, database, and every evidence file it refers to."""
    out_file = Path(out_file)
    # Staged in the vault folder under a fixed name (ciphertext, like the vault): a backup killed half-way
    # leaves at most this one folder, which the next backup clears.
    staging = _staging(vault.path)
    try:
        copy_path = staging / DB_NAME
        blobs = _copy_database(vault, copy_path, key)
        evidence = EvidenceStore(vault.path)
        with atomic_output(out_file) as fh, tarfile.open(fileobj=fh, mode="w") as tar:
            tar.add(vault.path / SLOTS_NAME, arcname=SLOTS_NAME)
            tar.add(copy_path, arcname=DB_NAME)
            for name in blobs:
                tar.add(evidence.path_of(name), arcname=f"{EVIDENCE_DIR}/{name[:2]}/{name}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_folder(vault: Vault, folder: Path, key: bytes) -> FolderBackup:
    """Bring the backup folder up to date with the vault, copying only the evidence files it lacks."""
    folder = Path(folder)
    _claim_folder(folder, str(vault.vault_id))
    staging = _staging(folder)
    try:
        blobs = _copy_database(vault, staging / DB_NAME, key)
        source, target = EvidenceStore(vault.path), EvidenceStore(folder)
        copied = copied_bytes = present = 0
        for name in blobs:
            size = source.path_of(name).stat().st_size
            destination = target.path_of(name)
            if destination.is_file() and destination.stat().st_size == size:
                present += 1
                continue
            target._make_folder(destination.parent)
            with source.path_of(name).open("rb") as src, atomic_output(destination) as out:
                shutil.copyfileobj(src, out, COPY_BLOCK)
            copied += 1
            copied_bytes += size
        os.replace(staging / DB_NAME, folder / DB_NAME)
        fsync_directory(folder)
        atomic_write(folder / SLOTS_NAME, (vault.path / SLOTS_NAME).read_bytes())
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return FolderBackup(folder=folder, evidence_copied=copied, evidence_bytes_copied=copied_bytes,
                        evidence_already_there=present)


def _claim_folder(folder: Path, vault_id: str) -> None:
    """A backup folder is new or empty, or holds a backup of this same vault; anything else is refused."""
    marker = folder / MARKER_NAME
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(N_("The backup destination is a file, not a folder."))
    if marker.exists():
        try:
            found = json.loads(marker.read_text(encoding="utf-8")).get("vault_id")
        except (OSError, ValueError, AttributeError) as exc:
            raise InvalidInput(N_("This backup folder is damaged: choose another folder.")) from exc
        if found != vault_id:
            raise InvalidInput(N_("This folder holds the backup of another vault: choose another folder."))
        return
    if folder.exists() and any(folder.iterdir()):
        raise InvalidInput(N_("The backup folder must be empty, or hold an earlier backup of this vault."))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    atomic_write(marker, json.dumps({"format": 1, "vault_id": vault_id}).encode())


def unpack(source: Path, to_dir: Path) -> Path:
    """Put the files of a backup (archive or folder) into a staging folder inside ``to_dir``; return it."""
    source, to_dir = Path(source), Path(to_dir)
    if source.is_dir():
        if not (source / MARKER_NAME).exists() or not (source / DB_NAME).exists():
            raise InvalidInput(N_("This folder is not an EcoDesk backup."))
        to_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=to_dir, prefix=".restore-"))
        try:
            for name in (DB_NAME, SLOTS_NAME):
                shutil.copyfile(source / name, staging / name)
            for name, path in EvidenceStore(source).files():
                if is_blob_name(name):
                    target = staging / EVIDENCE_DIR / name[:2] / name
                    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                    shutil.copyfile(path, target)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise InvalidInput(N_("This file is not an EcoDesk backup, or it is damaged.")) from exc
        return staging
    try:
        with tarfile.open(source, mode="r") as tar:
            names = tar.getnames()
            wanted = {DB_NAME, SLOTS_NAME}
            extra = [n for n in names if n not in wanted and not _member_ok(n)]
            if extra or not wanted <= set(names) or len(names) != len(set(names)):
                raise InvalidInput(N_("This file is not an EcoDesk backup."))
            to_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=to_dir, prefix=".restore-"))
            tar.extractall(staging, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise InvalidInput(N_("This file is not an EcoDesk backup, or it is damaged.")) from exc
    return staging


def _member_ok(name: str) -> bool:
    match = _MEMBER.match(name)
    return bool(match) and match is not None and match.group(2).startswith(match.group(1))


def place(staging: Path, to_dir: Path) -> None:
    """Move the unpacked files into the new vault folder."""
    try:
        for name in (DB_NAME, SLOTS_NAME):
            os.replace(staging / name, to_dir / name)
        if (staging / EVIDENCE_DIR).is_dir():
            os.replace(staging / EVIDENCE_DIR, to_dir / EVIDENCE_DIR)
        shutil.copyfile(to_dir / SLOTS_NAME, to_dir / SLOTS_BACKUP_NAME)
        fsync_directory(to_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def restore(source: Path, to_dir: Path, passphrase: str) -> None:
    """Unpack a backup (archive or folder) into a new vault folder, check that ``passphrase`` opens it and
    that every page and every evidence file is intact (VaultDamaged otherwise)."""
    from ecodesk.storage.vault import Vault, is_vault

    to_dir = Path(to_dir)
    if is_vault(to_dir):
        raise VaultExists(path=str(to_dir))
    place(unpack(source, to_dir), to_dir)
    vault = Vault.open(to_dir, passphrase, rolled_back_ok=True)
    try:
        report = vault.verify(full=True)
        if report.database_errors:
            raise VaultDamaged()
        if report.evidence is not None and report.evidence.problems:
            references = sorted({p.reference for p in report.evidence.problems})
            raise VaultDamaged(
                N_("The backup is damaged: evidence files of {references} are missing or altered."),
                references=", ".join(references[:10]),
            )
        if vault.rollback is not None:  # put back over a newer vault of the same folder: that is the point
            vault.accept_rollback("restored")
        else:
            vault.audit.append("restored")
    finally:
        vault.close()
