"""Crash consistency: run the writer child, kill it with SIGKILL at a random moment, check the vault.

The child (``crash_child.py``) reports each write on a pipe only after it is committed. After the kill the
vault must open (with the last committed passphrase, or the one being set when the kill landed: the vault
tries both key-file copies), pass ``Vault.verify()``, hold every reported write, and hold nothing partial.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tarfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from ecodesk.errors import EcoDeskError, WrongPassphrase
from ecodesk.models import SearchQuery, record_adapter
from ecodesk.storage.attachments import CHUNK_SIZE
from ecodesk.storage.vault import DB_NAME, SLOTS_NAME, Vault
from harness.exchange import POOL_INDEX, make_pool

CHILD = Path(__file__).with_name("crash_child.py")


@dataclass
class Journal:
    """What the children reported as committed, accumulated over the iterations on one vault."""

    passphrase: str
    pending_passphrase: str | None = None
    revisions: dict[tuple[str, int], str] = field(default_factory=dict)  # (record id, revision) -> marker
    attachments: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (sha256, size)
    backups: list[dict[str, object]] = field(default_factory=list)
    imports: dict[str, str] = field(default_factory=dict)  # package id -> the record it brought
    verified_attachments: set[str] = field(default_factory=set)
    writes: int = 0

    def apply(self, event: dict[str, object]) -> None:
        op = event.get("op")
        if op == "save":
            marker = str(event.get("summary") or event.get("question"))
            self.revisions[(str(event["id"]), int(event["revision"]))] = marker  # type: ignore[call-overload]
        elif op == "attach":
            self.attachments[str(event["id"])] = (str(event["sha256"]), int(event["size"]))  # type: ignore[call-overload]
        elif op == "passphrase-begin":
            self.pending_passphrase = str(event["new"])
            return
        elif op == "passphrase":
            self.passphrase, self.pending_passphrase = str(event["new"]), None
        elif op == "backup":
            self.backups.append(event)
        elif op == "import":
            self.imports[str(event["package_id"])] = str(event["record"])
        else:
            return
        self.writes += 1


@dataclass
class Outcome:
    reported: int  # writes reported committed in this iteration
    killed: bool  # the child died of our SIGKILL (not of its own accord)
    problems: list[str]


def run_child(vault: Path, backups: Path, journal: Journal, seed: int, rng: random.Random,
              fault: str = "", startup_kills: float = 0.15) -> tuple[list[dict[str, object]], bool, str]:
    """Start the writer, kill it at a random moment; return (complete reported events, killed, stderr).

    A share ``startup_kills`` of the kills land during start-up (opening the vault, repairing a stale key
    file, the unlock audit event); the others while it writes."""
    env = {**os.environ, "ECODESK_PASSPHRASE": journal.passphrase, "ECODESK_KDF_PROFILE": "fast"}
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(vault), str(backups), str(seed), *([fault] if fault else [])],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    lines: list[bytes] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if line.startswith(b'{"op": "ready"'):
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if rng.random() < startup_kills:
        time.sleep(rng.uniform(0.0, 0.6))
    else:
        ready.wait(timeout=30)
        time.sleep(rng.uniform(0.0, 0.8))
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reader.join(timeout=10)
    assert proc.stderr is not None
    stderr = proc.stderr.read().decode("utf-8", "replace")
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()
    events = [json.loads(line) for line in lines if line.endswith(b"\n")]  # a torn last line was not reported
    return events, killed or proc.returncode == -signal.SIGKILL, stderr


def open_after_crash(path: Path, journal: Journal) -> Vault:
    """Open with the committed passphrase; if a change was under way, the new one may be the one that holds."""
    try:
        vault = Vault.open(path, journal.passphrase)
    except WrongPassphrase:
        if journal.pending_passphrase is None:
            raise
        vault = Vault.open(path, journal.pending_passphrase)
        journal.passphrase = journal.pending_passphrase
    journal.pending_passphrase = None
    return vault


def check_vault(path: Path, journal: Journal, *, restore_into: Path | None = None) -> list[str]:
    """Every problem found in the vault at ``path`` against ``journal`` (empty: consistent)."""
    try:
        vault = open_after_crash(path, journal)
    except Exception as exc:
        return [f"the vault does not open: {type(exc).__name__}: {exc}"]
    try:
        report = vault.verify()
        problems = [] if report.ok else [f"verify failed: {report.model_dump_json()}"]
        problems += missing_writes(vault, journal)
        problems += partial_writes(vault)
        pool_file = path.parent / "pool" / POOL_INDEX
        if pool_file.exists():
            problems += partial_imports(vault, json.loads(pool_file.read_text()))
    finally:
        vault.close()
    problems += backup_problems(journal, restore_into)
    return problems


def missing_writes(vault: Vault, journal: Journal) -> list[str]:
    problems = []
    stored = {(r[0], r[1]): r[2] for r in vault.db.all("SELECT record_id, revision, body FROM revisions")}
    for (record_id, revision), marker in journal.revisions.items():
        body = stored.get((record_id, revision))
        if body is None:
            problems.append(f"committed revision {revision} of {record_id} is missing")
            continue
        record = json.loads(body)
        if marker not in (record.get("summary"), record.get("question")):
            problems.append(f"revision {revision} of {record_id} does not hold what was committed")
    rows = {r[0]: (r[1], r[2]) for r in vault.db.all("SELECT id, sha256, size FROM attachments")}
    for attachment_id, expected in journal.attachments.items():
        if rows.get(attachment_id) != expected:
            problems.append(f"committed attachment {attachment_id} is missing or differs")
        elif attachment_id not in journal.verified_attachments:
            try:
                data = hashlib.sha256(b"".join(vault.attachments.read(uuid.UUID(attachment_id)))).hexdigest()
            except EcoDeskError as exc:
                data = f"unreadable: {exc}"
            if data != expected[0]:
                problems.append(f"committed attachment {attachment_id} does not read back ({data[:40]})")
            else:
                journal.verified_attachments.add(attachment_id)
    imported = {r[0] for r in vault.db.all("SELECT package_id FROM received_packages WHERE status = 'imported'")}
    records = {r[0] for r in vault.db.all("SELECT id FROM records")}
    for package_id, record_id in journal.imports.items():
        if package_id not in imported or record_id not in records:
            problems.append(f"committed import of package {package_id} is missing")
    return problems


def partial_imports(vault: Vault, pool: list[dict[str, object]]) -> list[str]:
    """A package's record without the package in the inbox, or the other way round: a torn import."""
    imported = {r[0] for r in vault.db.all("SELECT package_id FROM received_packages WHERE status = 'imported'")}
    records = {r[0] for r in vault.db.all("SELECT id FROM records")}
    return [f"package {p['package_id']} is imported only in part" for p in pool
            if (p["package_id"] in imported) != (p["record"] in records)]


def partial_writes(vault: Vault) -> list[str]:
    """Traces of a write that was not applied whole: rows that only make sense together with others."""
    db, problems = vault.db, []
    for (record_id,) in db.all(
        "SELECT DISTINCT record_id FROM revisions WHERE record_id NOT IN (SELECT id FROM records)"
    ):
        problems.append(f"revisions without their record {record_id}")
    for record_id, revision, latest, body, latest_body in db.all(
        "SELECT r.id, r.revision, (SELECT max(revision) FROM revisions v WHERE v.record_id = r.id), r.body, "
        "(SELECT body FROM revisions v WHERE v.record_id = r.id AND v.revision = r.revision) FROM records r"
    ):
        if revision != latest or body != latest_body:
            problems.append(f"record {record_id} is not its latest revision ({revision} vs {latest})")
    created = {r[0] for r in db.all("SELECT record_id FROM audit WHERE action = 'create'")}
    for (record_id,) in db.all("SELECT id FROM records"):
        if record_id not in created:
            problems.append(f"record {record_id} has no audit event")
    chunks = {r[0]: (r[1], r[2], r[3]) for r in db.all(
        "SELECT attachment_id, count(*), max(seq), sum(length(data)) FROM attachment_chunks GROUP BY attachment_id")}
    referenced = _referenced_attachments(vault)
    evidence = vault.attachments.evidence
    for attachment_id, size, record_id, blob in db.all("SELECT id, size, record_id, blob FROM attachments"):
        if blob is not None:  # an evidence file: there, whole (its content is read back by missing_writes)
            fault = evidence.presence_fault(blob, size)
            if fault is not None or attachment_id in chunks:
                problems.append(f"attachment {attachment_id}: evidence file {fault or 'has chunks too'}")
        else:  # chunks of a vault from before schema 7
            count, last, total = chunks.get(attachment_id, (0, -1, 0))
            if count != last + 1 or (total or 0) != size or count != -(-size // CHUNK_SIZE):
                problems.append(f"attachment {attachment_id} has {count} chunks for {size} bytes")
        if referenced.get(attachment_id) != record_id:
            problems.append(f"attachment {attachment_id} is not referred to by its record")
    orphans = db.all("SELECT DISTINCT attachment_id FROM attachment_chunks WHERE attachment_id NOT IN "
                     "(SELECT id FROM attachments)")
    problems += [f"chunks without an attachment {r[0]}" for r in orphans]
    # The unlock that opened this vault removed what a kill left under evidence/: nothing may remain.
    stray = evidence.orphans(vault.attachments.blob_names())
    problems += [f"evidence file without its attachment {p.name}" for p in stray]
    stored = {r[0] for r in db.all("SELECT id FROM attachments")}
    problems += [f"record refers to a missing attachment {a}" for a in referenced if a not in stored]
    return problems


def backup_problems(journal: Journal, restore_into: Path | None) -> list[str]:
    problems = []
    for backup in journal.backups:
        if backup.get("folder"):
            continue  # a backup folder is checked by restoring it (below)
        try:
            with tarfile.open(str(backup["file"])) as tar:
                names = tar.getnames()
        except (OSError, tarfile.TarError) as exc:
            problems.append(f"committed backup {backup['file']} is unreadable: {exc}")
            continue
        core = sorted(n for n in names if not n.startswith("evidence/"))
        if core != sorted([DB_NAME, SLOTS_NAME]) or len(names) - 2 != backup.get("evidence", len(names) - 2):
            problems.append(f"committed backup {backup['file']} is incomplete: {names}")
    if restore_into is not None and journal.backups and not problems:
        last = journal.backups[-1]
        try:
            # Restore checks every evidence file (tags and SHA-256) and refuses a damaged backup.
            passphrase = str(last["passphrase"])
            try:
                Vault.restore(Path(str(last["file"])), restore_into, passphrase)
            except WrongPassphrase:
                if not last.get("folder"):
                    raise
                # A later folder backup, killed before it was reported, already holds the newer key file.
                restore_into, passphrase = restore_into.with_name(restore_into.name + "-b"), journal.passphrase
                Vault.restore(Path(str(last["file"])), restore_into, passphrase)
            with Vault.open(restore_into, passphrase) as restored:
                count = restored.records.count(SearchQuery())
                # A backup folder may have been brought further up to date by a backup killed before it was
                # reported: it holds at least what was reported, never less.
                if count != last["records"] and not (last.get("folder") and count > int(str(last["records"]))):
                    problems.append("the restored backup does not hold the records it had")
        except Exception as exc:
            problems.append(f"the last backup does not restore: {type(exc).__name__}: {exc}")
    return problems


def leftovers(vault: Path, backups: Path) -> int:
    """Temporary files a kill left behind (ciphertext only; counted for the soak report)."""
    return sum(1 for p in [*vault.iterdir(), *backups.rglob("*")] if p.name.startswith("."))


def _referenced_attachments(vault: Vault) -> dict[str, str]:
    found: dict[str, str] = {}
    for (body,) in vault.db.all("SELECT body FROM records WHERE kind = 'retaliation'"):
        record = record_adapter.validate_json(body)
        for item in getattr(record, "evidence", []):
            for ref in item.attachments:
                found[str(ref.id)] = str(record.id)
    return found


@dataclass
class CrashRun:
    """Iterations of write-and-kill on one vault (a new vault every ``fresh_every`` iterations)."""

    root: Path
    seed: int = 1
    fresh_every: int = 100
    packages: int = 40  # packages in each vault's import pool
    iterations: int = 0
    kills: int = 0
    survived: int = 0  # kills after which every check passed
    writes: int = 0
    imports: int = 0
    leftover_files: int = 0
    failures: list[str] = field(default_factory=list)
    _journal: Journal | None = None
    _vault: Path | None = None

    def new_vault(self) -> None:
        """A new vault (with a pool of packages from another office to import) in its own folder."""
        from ecodesk.crypto.keyslots import KdfParams

        folder = self.root / f"generation-{self.iterations // self.fresh_every}"
        self._vault, self._backups = folder / "vault", folder / "backups"
        self._backups.mkdir(parents=True, exist_ok=True)
        passphrase = "crash test passphrase 0"
        vault, _ = Vault.create(self._vault, passphrase, office="DKR", kdf=KdfParams.fresh(1, 8 * 1024, 1))
        try:
            if self.packages:
                make_pool(folder / "pool", vault, self.packages, seed=self.seed + self.iterations)
        finally:
            vault.close()
        self._journal = Journal(passphrase=passphrase)

    def step(self, rng: random.Random, *, restore_check: bool = False) -> Outcome:
        if self._journal is None or self.iterations % self.fresh_every == 0:
            self.new_vault()
        assert self._journal is not None and self._vault is not None
        seed = self.seed * 100_000 + self.iterations
        events, killed, stderr = run_child(self._vault, self._backups, self._journal, seed, rng)
        before = self._journal.writes
        for event in events:
            self._journal.apply(event)
        problems = [] if killed else [f"the writer died on its own: {stderr[-2000:]}"]
        restore_dir = self.root / f"restore-{self.iterations}" if restore_check else None
        problems += check_vault(self._vault, self._journal, restore_into=restore_dir)
        if restore_dir is not None:
            shutil.rmtree(restore_dir, ignore_errors=True)
            shutil.rmtree(restore_dir.with_name(restore_dir.name + "-b"), ignore_errors=True)
        self.iterations += 1
        self.kills += int(killed)
        self.survived += int(killed and not problems)
        self.writes += self._journal.writes - before
        self.imports += sum(1 for e in events if e.get("op") == "import")
        self.leftover_files = leftovers(self._vault, self._backups)
        self.failures += [f"iteration {self.iterations}: {p}" for p in problems]
        with contextlib.suppress(OSError):  # keep the disk small: the three newest backups
            for old in sorted(self._backups.glob("*.ecobackup"), key=lambda p: p.stat().st_mtime)[:-3]:
                old.unlink()
                self._journal.backups = [b for b in self._journal.backups if b["file"] != str(old)]
        return Outcome(self._journal.writes - before, killed, problems)
