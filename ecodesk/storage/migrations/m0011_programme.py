"""Schema 11: advice records have a list of categories; YDI campaigns and training sessions are records.

An advice record's ``category`` becomes ``categories`` (a list of one) in its current body and in every stored
revision, so the history stays readable as it was and a comparison of revisions shows no change. The list column
``category`` keeps its value (one category is a list of one: ``gifts``; several read ``gifts,media``).
The new record kinds (``ydi``, ``training``) need no table of their own.

For the annual report, four columns copy what it counts from the body (as migration 4 does for the
determination), kept in step by triggers whoever writes the row, with one covering index: the kinds of protected
activity and of detrimental action of a case and the measures recommended (each a comma list: ``threat,other``),
and an advice record's requester type. Counting them then reads the index, never the record bodies.
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


def _list(path: str, item: str) -> str:
    return f"(SELECT group_concat({item}, ',') FROM json_each(NEW.body, '{path}') AS j)"


FACETS = {
    "activity_kinds": _list("$.protected_activities", "json_extract(j.value, '$.kind')"),
    "action_kinds": _list("$.detrimental_actions", "json_extract(j.value, '$.kind')"),
    "measures": _list("$.assessment.protective_measures", "j.value"),
    "requester_type": "json_extract(NEW.body, '$.requester_type')",
}
_COPY = (
    "UPDATE records SET " + ", ".join(f"{column} = {value}" for column, value in FACETS.items())
    + " WHERE rowid = NEW.rowid;"
)
STATEMENTS = (
    *(f"ALTER TABLE records ADD COLUMN {column} TEXT" for column in FACETS),
    f"CREATE TRIGGER records_annual_insert AFTER INSERT ON records BEGIN {_COPY} END",
    f"CREATE TRIGGER records_annual_update AFTER UPDATE OF body ON records BEGIN {_COPY} END",
    "CREATE INDEX records_annual ON records(kind, received_on, office, category, "
    + ", ".join(FACETS) + ")",
)


def upgrade(db: Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
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

    # Fill the new columns: rewriting each body in place fires the update trigger.
    db.execute("UPDATE records SET body = body")
