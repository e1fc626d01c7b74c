"""LUKS-style key slots: the vault's random master key, wrapped under keys derived from the user's secrets.

Each slot wraps the same 256-bit master key with AES-256-GCM under a key derived by Argon2id from one secret
(the passphrase, or the printed recovery key). The slot's identity and KDF parameters are the GCM associated
data, so a slot cannot be moved to another vault or have its parameters swapped unnoticed. Changing the
passphrase rewraps one slot; the database is never rewritten.

The file carries a SHA-256 digest of its content, which tells a damaged file (digest mismatch: use the backup
copy) from a wrong passphrase (digest fine, but no slot opens).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
import unicodedata
import uuid
from typing import Annotated, Literal

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import BaseModel, Field, ValidationError

from ecodesk.errors import VaultDamaged, WrongPassphrase
from ecodesk.i18n import N_
from ecodesk.jsontext import MalformedJson, parse_json
from ecodesk.models.common import Base64Data

MASTER_KEY_BYTES = 32
MAX_KEY_FILE_BYTES = 64 * 1024  # two slots take about 1 KB
SlotKind = Literal["passphrase", "recovery", "escrow"]  # escrow: an ``EscrowSlot``, never a ``KeySlot``


class KdfParams(BaseModel):
    algorithm: Literal["argon2id"] = "argon2id"
    # Upper bounds keep a tampered key file from demanding hours of key derivation at unlock (calibration
    # stays far below them: 64 MiB and at most 30 passes).
    time_cost: int = Field(ge=1, le=40)
    memory_kib: int = Field(ge=8 * 1024, le=1024 * 1024)
    parallelism: int = Field(ge=1, le=16)
    salt: Annotated[Base64Data, Field(min_length=16, max_length=64)]

    @classmethod
    def fresh(cls, time_cost: int, memory_kib: int, parallelism: int) -> KdfParams:
        return cls(time_cost=time_cost, memory_kib=memory_kib, parallelism=parallelism, salt=os.urandom(16))

    def with_new_salt(self) -> KdfParams:
        return self.fresh(self.time_cost, self.memory_kib, self.parallelism)

    def derive(self, secret: str) -> bytes:
        return hash_secret_raw(
            secret.encode("utf-8"),
            self.salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.parallelism,
            hash_len=32,
            type=Type.ID,
        )


# Tests and demos only: ECODESK_KDF_PROFILE=fast makes new slots cheap to open. The parameters are stored in
# the slot, so a vault made this way stays weak; `ecodesk vault verify` says so.
FAST_PROFILE = {"time_cost": 1, "memory_kib": 8 * 1024, "parallelism": 1}
MIN_STRONG_MEMORY_KIB = 64 * 1024


def calibrated_kdf(target_seconds: float = 0.6) -> KdfParams:
    """Argon2id parameters that take about ``target_seconds`` on this machine (64 MiB or more, 2 lanes)."""
    if os.environ.get("ECODESK_KDF_PROFILE") == "fast":
        return KdfParams.fresh(**FAST_PROFILE)
    memory_kib, parallelism, probe_passes = 64 * 1024, 2, 3
    probe = KdfParams.fresh(probe_passes, memory_kib, parallelism)
    start = time.perf_counter()
    probe.derive("calibration")
    per_pass = max((time.perf_counter() - start) / probe_passes, 1e-3)
    time_cost = max(3, min(30, round(target_seconds / per_pass)))
    return KdfParams.fresh(time_cost, memory_kib, parallelism)


class WrappedKey(BaseModel):
    algorithm: Literal["AES-256-GCM"] = "AES-256-GCM"
    nonce: Annotated[Base64Data, Field(min_length=12, max_length=12)]
    ciphertext: Annotated[Base64Data, Field(min_length=MASTER_KEY_BYTES + 16, max_length=MASTER_KEY_BYTES + 16)]


class KeySlot(BaseModel):
    id: str
    kind: SlotKind
    created_at: dt.datetime
    kdf: KdfParams
    wrapped: WrappedKey

    def _associated_data(self, vault_id: uuid.UUID) -> bytes:
        bound = {
            "vault_id": str(vault_id),
            "slot": self.id,
            "kind": self.kind,
            "kdf": self.kdf.model_dump(mode="json"),
        }
        return b"ecodesk keyslot v1\n" + json.dumps(bound, sort_keys=True).encode()

    @classmethod
    def wrap(
        cls, vault_id: uuid.UUID, slot_id: str, kind: SlotKind, secret: str, master_key: bytes, kdf: KdfParams
    ) -> KeySlot:
        # Wrapped first under a placeholder of the right shape: the associated data binds the slot's fields.
        placeholder = WrappedKey(nonce=b"\0" * 12, ciphertext=b"\0" * (MASTER_KEY_BYTES + 16))
        slot = cls(
            id=slot_id, kind=kind, created_at=dt.datetime.now(dt.UTC).replace(microsecond=0), kdf=kdf,
            wrapped=placeholder,
        )
        nonce = os.urandom(12)
        ciphertext = AESGCM(kdf.derive(secret)).encrypt(nonce, master_key, slot._associated_data(vault_id))
        slot.wrapped = WrappedKey(nonce=nonce, ciphertext=ciphertext)
        return slot

    def unwrap(self, vault_id: uuid.UUID, secret: str) -> bytes | None:
        """The master key, or None when ``secret`` does not open this slot."""
        try:
            key = AESGCM(self.kdf.derive(secret)).decrypt(
                self.wrapped.nonce, self.wrapped.ciphertext, self._associated_data(vault_id)
            )
        except InvalidTag:
            return None
        return key if len(key) == MASTER_KEY_BYTES else None


class EscrowSlot(BaseModel):
    """HQ's escrow slot: the master key (with the vault id) encrypted to HQ's age recipient. Nothing is typed to
    make or open it: HQ's vault identity opens it (``ecodesk vault recover-escrow``)."""

    kind: Literal["escrow"] = "escrow"
    created_at: dt.datetime
    recipient: str = Field(pattern=r"^age1[0-9a-z]{58}$")
    hq_name: str = Field(max_length=200)
    hq_fingerprint: str = Field(max_length=80)
    wrapped: Annotated[Base64Data, Field(max_length=4096)]  # age file of ``escrow_payload``


def escrow_payload(vault_id: uuid.UUID, master_key: bytes) -> bytes:
    return json.dumps({"vault_id": str(vault_id), "master_key": master_key.hex()}, sort_keys=True).encode()


def escrow_master_key(vault_id: uuid.UUID, payload: bytes) -> bytes | None:
    """The master key of an opened escrow payload, or None if it is for another vault or malformed."""
    try:
        raw = json.loads(payload)
        key = bytes.fromhex(raw["master_key"])
    except (ValueError, KeyError, TypeError):
        return None
    return key if raw.get("vault_id") == str(vault_id) and len(key) == MASTER_KEY_BYTES else None


class KeySlotFile(BaseModel):
    format: Literal["ecodesk-keyslots"] = "ecodesk-keyslots"
    version: Literal[1] = 1
    vault_id: uuid.UUID
    slots: list[KeySlot]
    escrow: EscrowSlot | None = None

    def to_bytes(self) -> bytes:
        body = self.model_dump(mode="json", exclude_none=True)  # no escrow: the file of earlier versions
        digest = hashlib.sha256(_canonical(body)).hexdigest()
        return json.dumps({**body, "sha256": digest}, indent=2, sort_keys=True).encode() + b"\n"

    @classmethod
    def from_bytes(cls, data: bytes) -> KeySlotFile:
        """Parse and check the digest; raise VaultDamaged on any damage (truncation, bit flip, bad JSON, a
        file too large or nested too deeply)."""
        try:
            raw = parse_json(data, max_bytes=MAX_KEY_FILE_BYTES, max_depth=8)
            if not isinstance(raw, dict):
                raise ValueError("not an object")
            digest = raw.pop("sha256", None)
            if digest != hashlib.sha256(_canonical(raw)).hexdigest():
                raise ValueError("digest mismatch")
            return cls.model_validate(raw)
        except (MalformedJson, ValueError, ValidationError) as exc:
            raise VaultDamaged(N_("The key file of the vault is damaged.")) from exc

    def slot(self, kind: SlotKind) -> KeySlot | None:
        return next((s for s in self.slots if s.kind == kind), None)

    def open(self, secret: str, kinds: tuple[SlotKind, ...]) -> bytes:
        """The master key from the first slot of ``kinds`` that ``secret`` opens; WrongPassphrase otherwise."""
        for slot in self.slots:
            if slot.kind in kinds:
                key = slot.unwrap(self.vault_id, secret)
                if key is not None:
                    return key
        raise WrongPassphrase()

    def replace_slot(self, new: KeySlot) -> KeySlotFile:
        others = [s for s in self.slots if s.kind != new.kind]
        return KeySlotFile(vault_id=self.vault_id, slots=[*others, new], escrow=self.escrow)


def normalize_passphrase(passphrase: str) -> str:
    """The form a passphrase is wrapped under: Unicode NFC, so "é" typed as one character (most keyboards) or
    as "e" + combining accent (macOS input, a file) opens the same vault."""
    return unicodedata.normalize("NFC", passphrase)


def secret_forms(secret: str, kinds: tuple[SlotKind, ...]) -> list[str]:
    """The forms of ``secret`` to try, NFC first. The raw form is tried too when it differs: a vault created
    before passphrases were normalized was wrapped under whatever the keyboard produced."""
    if "passphrase" not in kinds:
        return [secret]
    normalized = normalize_passphrase(secret)
    return [normalized] if normalized == secret else [normalized, secret]


def _canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()
