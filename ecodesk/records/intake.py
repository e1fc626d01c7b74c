"""Reading records from JSON (the CLI's ``case add``/``advice add``, package records, fixtures).

Validation errors name the field and the reason, translated, and never echo the value (it may be
confidential).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_, _
from ecodesk.jsontext import parse_json

_REASONS = {
    "missing": N_("this field is required"),
    "extra_forbidden": N_("unknown field"),
    "date_from_datetime_parsing": N_("not a valid date (use YYYY-MM-DD)"),
    "date_parsing": N_("not a valid date (use YYYY-MM-DD)"),
    "date_type": N_("not a valid date (use YYYY-MM-DD)"),
    "datetime_parsing": N_("not a valid date and time (use ISO 8601)"),
    "datetime_from_date_parsing": N_("not a valid date and time (use ISO 8601)"),
    "string_too_short": N_("must not be empty"),
    "string_too_long": N_("is too long"),
    "string_type": N_("must be text"),
    "string_pattern_mismatch": N_("does not have the expected format"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "list_type": N_("must be a list"),
    "model_type": N_("must be an object"),
    "dict_type": N_("must be an object"),
    "uuid_parsing": N_("must be a UUID"),
    "uuid_type": N_("must be a UUID"),
    "greater_than_equal": N_("is too small"),
    "less_than_equal": N_("is too large"),
    "union_tag_invalid": N_("has an unknown kind"),
    "control_character": N_("must not contain control characters (line breaks, tabs, escape codes)"),
}


def field_error(exc: ValidationError) -> InvalidInput:
    """The first validation error as an InvalidInput naming the field (e.g. ``complainant.name``)."""
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]) or "-"
    kind = error["type"]
    if kind in ("enum", "literal_error"):
        # pydantic words the list in English ("'a', 'b' or 'c'"): keep only the codes, which every language shares.
        expected = str((error.get("ctx") or {}).get("expected", ""))
        choices = ", ".join(re.findall(r"'([^']*)'", expected)) or expected
        return InvalidInput(N_("Field {field}: must be one of {choices}."), field=field, choices=choices)
    return InvalidInput(N_("Field {field}: {reason}."), field=field, reason=_LazyReason(_reason(kind)))


def _reason(kind: str) -> str:
    return _REASONS.get(kind, N_("has an invalid value"))


def field_messages(exc: ValidationError, required: Mapping[str, str] | None = None) -> dict[str, str]:
    """Validation errors as {dotted field path: translated sentence}, the first error per field; never the value.

    ``required`` gives the sentence for an empty field by path ("Enter a title."); other empty fields get a generic
    one."""
    messages: dict[str, str] = {}
    for error in exc.errors():
        path = ".".join(str(part) for part in error["loc"])
        if path in messages:
            continue
        kind = error["type"]
        empty = error.get("input") in (None, "", []) or kind in ("missing", "string_too_short")
        if empty and required and path in required:
            messages[path] = _(required[path])
        elif empty:
            messages[path] = _("This field is required.")
        elif kind in ("enum", "literal_error"):
            messages[path] = _("Choose one of the listed values.")
        else:
            reason = _(_reason(kind))
            messages[path] = reason[:1].upper() + reason[1:] + "."
    return messages


class _LazyReason:
    """Translated when the error message is formatted, so it follows the language it is shown in."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __format__(self, spec: str) -> str:
        return _(self.message)

    def __str__(self) -> str:
        return _(self.message)


def parse_json_object(text: str | bytes) -> dict[str, Any]:
    """A JSON object read from a user's file; InvalidInput (naming line and column) when it is not one."""
    data = parse_json(text, max_depth=MAX_DEPTH)
    if not isinstance(data, dict):
        raise InvalidInput(N_("The input must be a JSON object."))
    try:
        # JSON may escape lone UTF-16 surrogates ("\ud800"): valid JSON, but not text that can be stored.
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInput(N_("The input contains an invalid character (an unpaired surrogate).")) from exc
    return data


MAX_DEPTH = 32  # deeper values could not be stored (serialization depth limits)


M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], data: dict[str, Any]) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise field_error(exc) from None
