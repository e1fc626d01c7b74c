"""Schema 13: what HQ decided and what the Administration did, for the annual report.

Like migration 11, columns copy from a case's body what the annual report counts, kept in step by triggers
whoever writes the row (an import from HQ included), with one covering index: HQ's review outcome (endorsed /
changed), the Chief's determination, the final determination after the investigation, and the Administration's
responses to the protective measures (a comma list: ``implemented,declined``). Existing cases are filled once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecodesk.storage.database import Database

VERSION = 13

FACETS = {
    "hq_review": "json_extract(NEW.body, '$.hq_decision.review_outcome')",
    "hq_determination": "json_extract(NEW.body, '$.hq_decision.determination')",
    "final_outcome": "json_extract(NEW.body, '$.hq_decision.final_outcome')",
    "measure_responses": (
        "(SELECT group_concat(json_extract(j.value, '$.response'), ',') FROM json_each(NEW.body, '$.measures') AS j)"
    ),
}
INDEX = "records_decisions"
_COPY = (
    "UPDATE records SET " + ", ".join(f"{column} = {value}" for column, value in FACETS.items())
    + " WHERE rowid = NEW.rowid;"
)
STATEMENTS = (
    *(f"ALTER TABLE records ADD COLUMN {column} TEXT" for column in FACETS),
    f"CREATE TRIGGER records_decisions_insert AFTER INSERT ON records BEGIN {_COPY} END",
    f"CREATE TRIGGER records_decisions_update AFTER UPDATE OF body ON records BEGIN {_COPY} END",
    f"CREATE INDEX {INDEX} ON records(kind, received_on, office, category, " + ", ".join(FACETS) + ")",
)


def upgrade(db: Database) -> None:
    for statement in STATEMENTS:
        db.execute(statement)
    # Fill the new columns: rewriting each case body in place fires the update trigger.
    db.execute("UPDATE records SET body = body WHERE kind = 'retaliation'")
