"""A signed memo as other layers see it (without its PDF bytes)."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel


class MemoInfo(BaseModel):
    """One signed memo, without its bytes."""

    id: uuid.UUID
    record_id: uuid.UUID
    reference: str
    language: str
    sha256: str
    size: int
    pages: int
    signed_at: dt.datetime
    signer_fingerprint: str
