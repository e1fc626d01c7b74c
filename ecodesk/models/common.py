"""Pieces shared by every record kind."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from ecodesk.display import has_control_characters


class Language(StrEnum):
    en = "en"
    fr = "fr"
    es = "es"


STORED = {"stored": True}  # validation context for what the vault already holds (see _single_line)


def _single_line(value: str, info: ValidationInfo) -> str:
    """Names, titles and other one-line fields hold no control characters (tab, line feed, ESC, CR, BEL, C1):
    a value shown on a terminal or in a list must not be able to act on it. Bidi characters are allowed (Arabic
    and Hebrew names need the direction marks) and shown escaped where that matters. What an older version
    already stored (context ``STORED``) stays readable."""
    if has_control_characters(value) and not (info.context or {}).get("stored"):
        raise PydanticCustomError("control_character", "must not contain control characters")
    return value


SingleLine = AfterValidator(_single_line)
OfficeCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,5}$")]
ShortText = Annotated[str, StringConstraints(max_length=500), SingleLine]
# Several lines (a letterhead): line breaks allowed, the printed memo shows each line.
ShortLines = Annotated[str, StringConstraints(max_length=500)]
# A date a record can hold: a typo such as year 1 or 9999 is refused, and deadline arithmetic cannot overflow.
RecordDate = Annotated[dt.date, Field(ge=dt.date(1900, 1, 1), le=dt.date(2999, 12, 31))]
LongText = Annotated[str, StringConstraints(max_length=200_000)]


def _from_base64(value: object) -> object:
    if isinstance(value, str):
        try:
            return base64.b64decode(value.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError) as exc:
            raise ValueError("not valid base64") from exc
    return value


# Bytes in Python, base64 text in JSON.
Base64Data = Annotated[
    bytes,
    BeforeValidator(_from_base64),
    PlainSerializer(lambda b: base64.b64encode(b).decode("ascii"), return_type=str, when_used="json"),
]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def new_id() -> uuid.UUID:
    return uuid.uuid4()


class StrictModel(BaseModel):
    """Unknown fields are refused (and named): a typo must not silently drop data."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, str_strip_whitespace=True)


class RecordKind(StrEnum):
    retaliation = "retaliation"
    advice = "advice"
    ydi = "ydi"  # a Yearly Declaration of Interest campaign
    training = "training"  # a training or outreach session


REFERENCE_PREFIX: dict[RecordKind, str] = {
    RecordKind.retaliation: "RET",
    RecordKind.advice: "ADV",
    RecordKind.ydi: "YDI",
    RecordKind.training: "TRN",
}


class FormOfAddress(StrEnum):
    """How a person is addressed; memos use it for grammatical gender (Mx or none: neutral forms)."""

    ms = "ms"
    mr = "mr"
    mx = "mx"


class Person(StrictModel):
    name: ShortText = ""
    form_of_address: FormOfAddress | None = None
    position: ShortText = ""
    office: ShortText = ""
    email: ShortText = ""
    phone: ShortText = ""


class AttachmentRef(StrictModel):
    """An encrypted file inside the vault, attached to an evidence item (content lives in the vault only)."""

    id: uuid.UUID = Field(default_factory=new_id)
    name: ShortText
    size: int = Field(ge=0)
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    added_at: dt.datetime = Field(default_factory=utc_now)


class RecordBase(StrictModel):
    """What every record has: identity, reference, office, revision and timestamps (managed by the vault)."""

    id: uuid.UUID = Field(default_factory=new_id)
    reference: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}-\d{4}-[A-Z]{2,5}-\d{4,}$")] | None = None
    office: OfficeCode | None = None
    language: Language = Language.en
    notes: LongText = ""
    revision: int = Field(default=0, ge=0)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


__all__ = [
    "REFERENCE_PREFIX",
    "STORED",
    "AttachmentRef",
    "Base64Data",
    "FormOfAddress",
    "Language",
    "LongText",
    "OfficeCode",
    "Person",
    "RecordBase",
    "RecordDate",
    "RecordKind",
    "ShortLines",
    "ShortText",
    "SingleLine",
    "StrictModel",
    "new_id",
    "utc_now",
]
