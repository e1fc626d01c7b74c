"""Schema 11: advice records have a list of categories; YDI campaigns and training sessions are records.

An advice record's ``category`` becomes ``categories`` (a list of one) in its current body and in every stored
revision, so the history stays readable as it was and a comparison of revisions shows no change. The list column
``category`` keeps its value (one category is a list of one: ``gifts``; several read ``gifts,media``).
The new record kinds (``ydi``, ``training``) need no table of their own.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 11


def with_categories(body: dict[str, Any]) -> dict[str, Any] | None:
    """The advice body with ``categories``, or None when it already has them."""
    if "category" not in body:
        return None
    body = dict(body)
    single = body.pop("category")
    body.setdefault("categories", [single])
    return body


def _rewrite(text: str) -> str | None:
    body = with_categories(json.loads(text))
    return None if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def upgrade(db: Database) -> None:
    for record_id, text in db.all("SELECT id, body FROM records WHERE kind = 'advice'"):
        new_text = _rewrite(text)
        if new_text is not None:
            db.execute("UPDATE records SET body = ? WHERE id = ?", (new_text, record_id))
    rows = db.all(
        "SELECT record_id, revision, body FROM revisions "
        "WHERE record_id IN (SELECT id FROM records WHERE kind = 'advice')"
    )
    for record_id, revision, text in rows:
        new_text = _rewrite(text)
        if new_text is not None:
            db.execute(
                "UPDATE revisions SET body = ? WHERE record_id = ? AND revision = ?", (new_text, record_id, revision)
            )
