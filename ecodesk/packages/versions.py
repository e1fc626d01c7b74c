"""Whether a received version of a record may replace the one this vault holds.

Revision numbers are counted by each vault, so they are compared only between packages of the same sender; across
senders the content hashes tell the story (``base_sha256`` names the version the sender built on). A received
version is applied only when it descends from the version held here; one this vault has already held (or an older
revision of the same sender) is stale and ignored; anything else is a conflict, kept for a person to decide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    same = "same"  # the vault already holds exactly this content
    already_seen = "already_seen"  # the sender's version was applied before and this vault has changed since
    apply = "apply"  # the received version descends from the one held here
    stale = "stale"  # older than what this vault holds: never applied
    conflict = "conflict"  # neither descends from the other


@dataclass(frozen=True)
class ReceivedVersion:
    revision: int  # as numbered by the sender's vault
    content: str  # content hash
    base: str | None  # the content the sender last had in common with its recipients, as it knows it


def judge(
    held: str,
    received: ReceivedVersion,
    last_from_sender: tuple[int, str] | None,
    held_before: Callable[[], set[str]],
) -> Verdict:
    """Compare the content hash ``held`` here with a received version. ``last_from_sender`` is the highest
    revision (and its content hash) the same sender sent before; ``held_before`` gives the content hashes of every
    revision this vault has stored for the record."""
    if received.content == held:
        return Verdict.same
    if last_from_sender is not None:
        last_revision, last_content = last_from_sender
        if received.revision < last_revision:
            return Verdict.stale
        if received.revision == last_revision:
            # The same revision again (a re-export): nothing new. Different content under the same number means
            # the sender's history forked (e.g. a vault restored from a backup): a person decides.
            return Verdict.already_seen if received.content == last_content else Verdict.conflict
        if last_content == held:
            return Verdict.apply  # a later revision of the sender's own chain, and this vault holds the earlier one
    if received.base == held:
        return Verdict.apply  # the sender built this version on the one held here
    if received.content in held_before():
        return Verdict.stale  # a version this vault held and has since moved past
    return Verdict.conflict
