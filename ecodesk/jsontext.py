"""Reading JSON that comes from outside the program or from disk, with limits.

Every JSON document EcoDesk reads from a file, a package or its own key files goes through ``parse_json`` or
``parse_model``: a size limit, a nesting limit (Python's parser raises RecursionError on a few thousand nested
brackets), and one error, ``MalformedJson``, for every way the bytes can fail to be the expected document
(bad UTF-8, bad JSON, too deep, too large, wrong shape). Callers turn it into their own refusal
(``PackageRejected``, ``VaultDamaged``, ...) where the context calls for one.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ecodesk.errors import InvalidInput
from ecodesk.i18n import N_

MAX_JSON_BYTES = 64 * 1024 * 1024
MAX_JSON_DEPTH = 64

M = TypeVar("M", bound=BaseModel)


class MalformedJson(InvalidInput):
    """Bytes that are not the expected JSON document. The message never quotes the input."""

    default_message = N_("The input is not valid JSON.")


def parse_json(data: str | bytes, *, max_bytes: int = MAX_JSON_BYTES, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """The parsed document; MalformedJson when it is too large, too deep, not UTF-8 or not JSON."""
    if len(data) > max_bytes:
        raise MalformedJson(N_("The input is too large."))
    try:
        value = json.loads(data)
    except UnicodeDecodeError as exc:
        raise MalformedJson(N_("The input is not UTF-8 text.")) from exc
    except RecursionError as exc:
        raise MalformedJson(N_("The input is nested too deeply.")) from exc
    except json.JSONDecodeError as exc:
        raise MalformedJson(
            N_("The input is not valid JSON (line {line}, column {column})."), line=exc.lineno, column=exc.colno
        ) from exc
    except (ValueError, MemoryError) as exc:  # e.g. a number with too many digits
        raise MalformedJson() from exc
    if json_depth(value) > max_depth:
        raise MalformedJson(N_("The input is nested too deeply."))
    return value


def parse_model(
    model: type[M],
    data: str | bytes,
    *,
    max_bytes: int = MAX_JSON_BYTES,
    max_depth: int = MAX_JSON_DEPTH,
    context: dict[str, Any] | None = None,
) -> M:
    """``data`` parsed and validated as ``model``; MalformedJson on any failure (the limits of ``parse_json``)."""
    parse_json(data, max_bytes=max_bytes, max_depth=max_depth)
    try:
        # Validated from the JSON text, not the parsed value: JSON mode is what the models are written for.
        return model.model_validate_json(data, context=context)
    except (ValidationError, ValueError, RecursionError) as exc:
        raise MalformedJson(N_("The input does not have the expected form.")) from exc


def json_depth(value: object) -> int:
    """How deeply lists and objects nest in ``value`` (iterative: no recursion limit to hit)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


__all__ = ["MAX_JSON_BYTES", "MAX_JSON_DEPTH", "MalformedJson", "json_depth", "parse_json", "parse_model"]
