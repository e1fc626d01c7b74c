"""The evidence store: attachments as encrypted files beside the database. The format is age's payload (an
age tool opens a blob given its key), damage is reported naming the record, a crash leaves at most an orphan
that the next unlock removes, a refused import leaves no file, and ``verify`` without ``--full`` never reads
the evidence."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import os
from pathlib import Path

import pyrage
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ecodesk.crypto.stream import MAGIC, SEGMENT, StreamDecryptor, StreamEncryptor
from ecodesk.errors import VaultDamaged
from ecodesk.models import Person, RetaliationCase
from ecodesk.records.service import save_record
from ecodesk.storage.evidence import BlobFault, BlobUnreadable, EvidenceStore
from ecodesk.storage.vault import Vault
from tests.conftest import PASSPHRASE, CliRunner


def _case(vault: Vault) -> RetaliationCase:
    return save_record(vault, RetaliationCase(title="Threat recorded", received_on="2026-11-02",
                                              complainant=Person(name="Amadou Sow")))


def _attach(vault: Vault, data: bytes, name: str = "threat.m4a") -> tuple[str, str]:
    case = _case(vault)
    _, ref = vault.attachments.attach(case.reference or "", None, name, io.BytesIO(data), office="DKR")
    return case.reference or "", str(ref.id)


def _blob(vault: Vault, attachment_id: str) -> Path:
    name = vault.db.scalar("SELECT blob FROM attachments WHERE id = ?", (attachment_id,))
    return vault.path / "evidence" / name[:2] / name


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / "evidence").rglob("*") if p.is_file())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode().rstrip("=")


def _as_age_file(blob: bytes, file_key: bytes, passphrase: bytes) -> bytes:
    """An age v1 file with a scrypt stanza wrapping ``file_key``, and the blob's payload as its payload."""
    salt = os.urandom(16)
    wrap = Scrypt(salt=b"age-encryption.org/v1/scrypt" + salt, length=32, n=2**10, r=8, p=1).derive(passphrase)
    body = ChaCha20Poly1305(wrap).encrypt(bytes(12), file_key, None)
    header = f"age-encryption.org/v1\n-> scrypt {_b64(salt)} 10\n{_b64(body)}\n---".encode()
    mac_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"", info=b"header").derive(file_key)
    mac = hmac.new(mac_key, header, hashlib.sha256).digest()
    return header + b" " + _b64(mac).encode() + b"\n" + blob[len(MAGIC):]


@pytest.mark.parametrize("size", [0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 1_300_000])
def test_a_blob_is_an_age_payload_that_the_age_library_decrypts(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    blob = EvidenceStore(tmp_path).write(io.BytesIO(data))
    stored = (tmp_path / "evidence" / blob.name[:2] / blob.name).read_bytes()
    # Not an invented format: wrap the key in an age header and the standard implementation reads it.
    assert pyrage.passphrase.decrypt(_as_age_file(stored, blob.key, b"interop"), "interop") == data
    assert b"".join(EvidenceStore(tmp_path).read(blob.name, blob.key, size)) == data
    assert blob.sha256 == hashlib.sha256(data).hexdigest() and blob.size == size


class _Trickle:
    """A source that answers reads with fewer (or more) bytes than asked, as pipes and package members may."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step = data, step

    def read(self, n: int = -1, /) -> bytes:
        piece, self.data = self.data[: self.step], self.data[self.step:]
        return piece


@pytest.mark.parametrize("step", [1000, SEGMENT, SEGMENT + 7, 3 * 1024 * 1024])
def test_short_and_long_reads_from_the_source_make_the_same_file(tmp_path: Path, step: int) -> None:
    data = os.urandom(5 * SEGMENT + 123)
    store = EvidenceStore(tmp_path)
    blob = store.write(_Trickle(data, step))
    assert b"".join(store.read(blob.name, blob.key, len(data))) == data
    stored = store.path_of(blob.name).read_bytes()
    assert pyrage.passphrase.decrypt(_as_age_file(stored, blob.key, b"p"), "p") == data


def test_a_blob_cut_at_a_segment_boundary_is_refused_even_with_a_matching_size(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path)
    blob = store.write(io.BytesIO(os.urandom(2 * SEGMENT)))
    path = store.path_of(blob.name)
    path.write_bytes(path.read_bytes()[: len(MAGIC) + 16 + SEGMENT + 16])  # the first segment only
    with pytest.raises(BlobUnreadable) as info:
        b"".join(store.read(blob.name, blob.key, SEGMENT))  # the last-segment flag tells it was cut
    assert info.value.fault == BlobFault.damaged


def test_segments_are_bound_to_their_place(tmp_path: Path) -> None:
    key = os.urandom(32)
    sealer = StreamEncryptor(key)
    first, second = sealer.segment(b"a" * SEGMENT, False), sealer.segment(b"b" * 10, True)
    opener = StreamDecryptor(key, sealer.header())
    with pytest.raises(Exception, match="authentication"):
        opener.segment(second, False)  # out of order
    assert StreamDecryptor(key, sealer.header()).segment(first, False) == b"a" * SEGMENT


def test_a_missing_or_altered_evidence_file_is_reported_at_unlock_and_by_verify(vault: Vault) -> None:
    reference, attachment_id = _attach(vault, os.urandom(200_000))
    _, other_id = _attach(vault, os.urandom(5_000))
    assert vault.verify().ok
    path = vault.path
    _blob(vault, attachment_id).unlink()
    altered = _blob(vault, other_id)
    data = bytearray(altered.read_bytes())
    data[100] ^= 1  # same length: only the full check sees it
    altered.write_bytes(bytes(data))
    vault.close()

    with Vault.open(path, PASSPHRASE) as reopened:
        assert [(p.reference, str(p.attachment), p.problem) for p in reopened.evidence_problems] == [
            (reference, attachment_id, "missing")]
        quick = reopened.verify()
        assert not quick.ok and quick.evidence is not None
        assert [(p.reference, p.problem) for p in quick.evidence.problems] == [(reference, "missing")]
        full = reopened.verify(full=True)
        assert full.evidence is not None and sorted(p.problem for p in full.evidence.problems) == ["damaged",
                                                                                                  "missing"]
        with pytest.raises(VaultDamaged, match=reference):
            b"".join(reopened.attachments.read(__import__("uuid").UUID(attachment_id)))


def test_verify_without_full_does_not_read_the_evidence(vault: Vault, monkeypatch: pytest.MonkeyPatch) -> None:
    _attach(vault, os.urandom(300_000))

    def no_reading(*_args: object) -> object:
        raise AssertionError("the quick verify read an evidence file")

    monkeypatch.setattr(EvidenceStore, "read", no_reading)
    report = vault.verify()
    assert report.ok and report.evidence is not None and report.evidence.attachments == 1
    assert not report.evidence.full


def test_a_blob_written_without_its_row_is_reported_then_removed_at_the_next_unlock(vault: Vault) -> None:
    _attach(vault, b"kept")
    # What a crash between the blob's rename and the commit of its row leaves: a blob no row names, and a
    # temporary file of a write killed half-way.
    orphan = vault.attachments.evidence.write(io.BytesIO(b"x" * 100_000))
    temporary = vault.attachments.evidence.path_of(orphan.name).with_name(".deadbeef.0123.tmp")
    temporary.write_bytes(b"partial ciphertext")
    report = vault.verify()
    assert report.ok and report.evidence is not None and report.evidence.orphans == 2
    path = vault.path
    vault.close()
    with Vault.open(path, PASSPHRASE) as reopened:
        assert len(_files(path)) == 1
        assert reopened.verify().evidence.orphans == 0  # type: ignore[union-attr]
        assert "evidence_orphans_removed" in [e.action for e in reopened.audit.events()]
        assert reopened.evidence_problems == []


def test_a_transaction_that_rolls_back_removes_the_evidence_file_it_wrote(vault: Vault) -> None:
    case = _case(vault)
    with pytest.raises(RuntimeError), vault.db.transaction():
        vault.attachments.store_blob(case.id, None, "scan.pdf", io.BytesIO(b"y" * 70_000))
        assert len(_files(vault.path)) == 1
        raise RuntimeError("the import was refused later on")
    assert _files(vault.path) == []
    assert vault.db.scalar("SELECT count(*) FROM attachments") == 0


def test_incremental_backup_folder_copies_only_new_evidence_and_restores(vault: Vault, tmp_path: Path) -> None:
    _reference, attachment_id = _attach(vault, os.urandom(400_000))
    folder = tmp_path / "weekly"
    first = vault.backup_to_folder(folder)
    assert (first.evidence_copied, first.evidence_already_there) == (1, 0)
    save_record(vault, RetaliationCase(title="Second", received_on="2026-11-03"))
    second = vault.backup_to_folder(folder)
    assert (second.evidence_copied, second.evidence_bytes_copied, second.evidence_already_there) == (0, 0, 1)
    _attach(vault, b"new evidence")
    third = vault.backup_to_folder(folder)
    assert (third.evidence_copied, third.evidence_already_there) == (1, 1)
    assert b"Amadou" not in b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())

    Vault.restore(folder, tmp_path / "restored", PASSPHRASE)
    with Vault.open(tmp_path / "restored", PASSPHRASE) as restored:
        assert restored.records.get("RET-2026-DKR-0002").title == "Second"
        original = b"".join(vault.attachments.read(__import__("uuid").UUID(attachment_id)))
        assert b"".join(restored.attachments.read(__import__("uuid").UUID(attachment_id))) == original
        assert restored.verify(full=True).ok


def test_restore_checks_every_evidence_file(vault: Vault, tmp_path: Path) -> None:
    reference, _attachment_id = _attach(vault, os.urandom(100_000))
    folder = tmp_path / "backup"
    vault.backup_to_folder(folder)
    [blob] = _files(folder)
    data = bytearray(blob.read_bytes())
    data[5000] ^= 0x80  # same size: only a full check sees it
    blob.write_bytes(bytes(data))
    with pytest.raises(VaultDamaged, match=reference):
        Vault.restore(folder, tmp_path / "restored", PASSPHRASE)


def test_an_archive_backup_holds_the_evidence_and_restore_checks_it(vault: Vault, tmp_path: Path) -> None:
    import tarfile

    reference, _attachment_id = _attach(vault, os.urandom(150_000))
    archive = tmp_path / "full.ecobackup"
    vault.backup(archive)
    with tarfile.open(archive) as tar:
        assert sum(1 for n in tar.getnames() if n.startswith("evidence/")) == 1
    Vault.restore(archive, tmp_path / "restored", PASSPHRASE)
    with Vault.open(tmp_path / "restored", PASSPHRASE) as restored:
        assert restored.verify(full=True).ok
    # The same archive with one evidence file altered is refused, naming the record.
    damaged = tmp_path / "damaged.ecobackup"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name.startswith("evidence/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            out.addfile(member, io.BytesIO(data))
    with pytest.raises(VaultDamaged, match=reference):
        Vault.restore(damaged, tmp_path / "restored-2", PASSPHRASE)


def test_a_backup_folder_of_another_vault_or_with_other_files_is_refused(vault: Vault, tmp_path: Path) -> None:
    from ecodesk.errors import InvalidInput

    other, _ = Vault.create(tmp_path / "other", PASSPHRASE, office="NBO")
    try:
        other.backup_to_folder(tmp_path / "nbo-backup")
    finally:
        other.close()
    with pytest.raises(InvalidInput, match="another vault"):
        vault.backup_to_folder(tmp_path / "nbo-backup")
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "holiday.jpg").write_bytes(b"jpeg")
    with pytest.raises(InvalidInput, match="must be empty"):
        vault.backup_to_folder(tmp_path / "photos")


def test_cli_backup_to_a_folder_verify_full_and_restore(cli_vault: CliRunner, tmp_path: Path) -> None:
    evidence = tmp_path / "letter.pdf"
    evidence.write_bytes(os.urandom(90_000))
    added = cli_vault("case", "add", "-", stdin='{"title": "T", "received_on": "2026-11-02"}')
    assert added.code == 0, added.err
    assert cli_vault("case", "attach", "RET-2026-DKR-0001", str(evidence)).code == 0
    result = cli_vault("vault", "backup", "--to", str(tmp_path / "bk"))
    assert result.code == 0, result.err
    assert "1 new evidence file copied, 0 already there" in result.out
    again = cli_vault("vault", "backup", "--to", str(tmp_path / "bk"))
    assert "0 new evidence files copied, 1 already there" in again.out
    full = cli_vault("vault", "verify", "--full")
    assert full.code == 0 and "1 evidence file decrypted and checked in full." in full.out
    restored = cli_vault("vault", "restore", str(tmp_path / "bk"), "--to", str(tmp_path / "restored"))
    assert restored.code == 0, restored.err

    for blob in _files(cli_vault.vault_path):
        blob.unlink()
    listed = cli_vault("case", "list")
    assert listed.code == 0 and "RET-2026-DKR-0001: the evidence file of attachment" in listed.err
    broken = cli_vault("vault", "verify")
    assert broken.code == 7
    assert "Evidence problem: RET-2026-DKR-0001: the evidence file of attachment" in broken.out


def test_blobs_are_the_same_with_older_cryptography_releases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ecodesk.crypto import stream

    data = os.urandom(3 * SEGMENT + 5)
    monkeypatch.setattr(stream, "_HAS_ENCRYPT_INTO", False)  # cryptography < 45 has no encrypt_into
    blob = EvidenceStore(tmp_path).write(io.BytesIO(data))
    assert b"".join(EvidenceStore(tmp_path).read(blob.name, blob.key, len(data))) == data
